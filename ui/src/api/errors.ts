import type { ShellError } from "./types";

/**
 * Every failure the backend reports, as the UI sees it: a stable `code` to switch on and a
 * `message` written for the user. Both zi-core's CoreError and the shell's own errors cross IPC
 * in this shape.
 */
export class BackendError extends Error {
  readonly code: string;
  readonly detail: unknown;

  constructor(code: string, message: string, detail?: unknown) {
    super(message);
    this.name = "BackendError";
    this.code = code;
    this.detail = detail;
  }
}

function isShellError(value: unknown): boolean {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as { code?: unknown }).code === "string" &&
    typeof (value as { message?: unknown }).message === "string"
  );
}

/** Turns whatever a failed call threw into a BackendError. */
export function toBackendError(error: unknown): BackendError {
  if (error instanceof BackendError) return error;
  if (isShellError(error)) {
    const { code, message, detail } = error as ShellError;
    return new BackendError(code, message, detail);
  }
  if (typeof error === "string") {
    // Tauri itself rejects with a bare string, e.g. for a command the window may not call.
    return new BackendError("ipc", error);
  }
  if (error instanceof Error) return new BackendError("internal", error.message);
  return new BackendError("internal", "Something went wrong, and it did not say what.");
}

/** A short title for an error code; the message carries the specifics. */
export function errorTitle(code: string): string {
  switch (code) {
    case "not_connected":
      return "Not connected";
    case "not_available":
      return "Not available yet";
    case "credentials_rejected":
    case "session_rejected":
      return "Sign-in failed";
    case "forbidden":
      return "ZoomInfo refused the request";
    case "rate_limited":
      return "Too many requests";
    case "network":
      return "Cannot reach ZoomInfo";
    case "server_error":
      return "ZoomInfo is having trouble";
    case "bad_request":
    case "invalid_request":
      return "The request was not accepted";
    case "ipc":
      return "The app refused the call";
    case "scim_check_failed":
      return "The SCIM check could not run";
    case "token_missing":
      return "Token needed";
    case "unreadable_file":
      return "The file could not be read";
    case "mapping":
      return "The columns cannot be matched";
    case "write_failed":
      return "The file could not be saved";
    case "invalid_input":
      return "That cannot be done";
    case "already_running":
      return "Already running";
    default:
      return "Something went wrong";
  }
}
