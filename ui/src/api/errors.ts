import type { ErrorCode, ErrorReply } from "./types";

/**
 * Every failure the backend reports, as the UI sees it: a stable `code` to switch on (one of
 * the ErrorCode list exported from zi-core) and a `message` written for the user. zi-core's
 * errors and the shell's own cross IPC in this one shape (ErrorReply).
 */
export class BackendError extends Error {
  readonly code: ErrorCode;
  readonly detail: unknown;

  constructor(code: ErrorCode, message: string, detail?: unknown) {
    super(message);
    this.name = "BackendError";
    this.code = code;
    this.detail = detail;
  }
}

/** A short title per code; the message carries the specifics. Missing a code fails to compile. */
const TITLES: Record<ErrorCode, string> = {
  credentials_rejected: "Sign-in failed",
  session_rejected: "Sign-in failed",
  forbidden: "ZoomInfo refused the request",
  bad_request: "The request was not accepted",
  rate_limited: "Too many requests",
  server_error: "The server is having trouble",
  network: "Cannot reach the server",
  invalid_response: "The answer could not be read",
  config: "The connection is set up wrongly",
  scim_token_rejected: "The SCIM token was refused",
  scim_oauth_rejected: "The OAuth credentials were refused",
  not_found: "Not found",
  conflict: "The change conflicts",
  store: "The local database failed",
  team_database: "The team database refused",
  team_database_unreachable: "Cannot reach the team database",
  no_credentials: "Not signed in",
  keychain: "The keychain could not be used",
  invalid_input: "That cannot be done",
  unreadable_file: "The file could not be read",
  mapping: "The columns cannot be matched",
  output_field: "That field cannot be added",
  write_failed: "The file could not be saved",
  demo: "The demo could not start",
  not_demo: "For the demo only",
  cancelled: "Stopped",
  not_connected: "Not connected",
  already_running: "Already running",
  not_running: "Not running",
  not_available: "Not available",
  file_not_chosen: "Choose the file first",
  token_missing: "Token needed",
  scim_check_failed: "The SCIM check could not run",
  update_rejected: "The update was refused",
  update_failed: "The update could not be installed",
  internal: "Something went wrong",
  ipc: "The app refused the call",
};

function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === "string" && Object.hasOwn(TITLES, value);
}

function isErrorReply(value: unknown): value is ErrorReply {
  return (
    typeof value === "object" &&
    value !== null &&
    isErrorCode((value as { code?: unknown }).code) &&
    typeof (value as { message?: unknown }).message === "string"
  );
}

/** Turns whatever a failed call threw into a BackendError. */
export function toBackendError(error: unknown): BackendError {
  if (error instanceof BackendError) return error;
  if (isErrorReply(error)) return new BackendError(error.code, error.message, error.detail);
  if (typeof error === "string") {
    // Tauri itself rejects with a bare string, e.g. for a command the window may not call.
    return new BackendError("ipc", error);
  }
  if (error instanceof Error) return new BackendError("internal", error.message);
  return new BackendError("internal", "Something went wrong, and it did not say what.");
}

/** A short title for an error code; the message carries the specifics. */
export function errorTitle(code: ErrorCode): string {
  return TITLES[code];
}
