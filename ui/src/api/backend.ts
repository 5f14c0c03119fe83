import type {
  AppStatus,
  ConnectionStatus,
  SearchOutcome,
  SearchRequest,
  UsageReport,
} from "./types";

/**
 * Everything the UI asks of the backend. One method per Tauri command; every method rejects
 * with a BackendError. Implemented over Tauri IPC (tauri.ts) and in memory (mock.ts) for the
 * browser and tests.
 */
export interface Backend {
  /** Version, session, data location, how the app was launched. */
  appStatus(): Promise<AppStatus>;
  /** Starts the built-in simulator and signs in to it. */
  startDemo(): Promise<AppStatus>;
  connectionStatus(): Promise<ConnectionStatus>;
  usage(): Promise<UsageReport>;
  search(request: SearchRequest): Promise<SearchOutcome>;
}
