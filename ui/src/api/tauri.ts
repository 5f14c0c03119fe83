import { invoke, type InvokeArgs } from "@tauri-apps/api/core";
import type { Backend } from "./backend";
import { toBackendError } from "./errors";
import type {
  AppStatus,
  ConnectionStatus,
  SearchOutcome,
  SearchRequest,
  UsageReport,
} from "./types";

/** Calls one command; any failure becomes a BackendError. */
async function call<T>(command: string, args?: InvokeArgs): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (error) {
    throw toBackendError(error);
  }
}

/** The backend inside the desktop app: the Rust shell's commands (src-tauri/src/commands). */
export class TauriBackend implements Backend {
  appStatus() {
    return call<AppStatus>("app_status");
  }
  startDemo() {
    return call<AppStatus>("start_demo");
  }
  connectionStatus() {
    return call<ConnectionStatus>("connection_status");
  }
  usage() {
    return call<UsageReport>("get_usage");
  }
  search(request: SearchRequest) {
    return call<SearchOutcome>("search", { request });
  }
}
