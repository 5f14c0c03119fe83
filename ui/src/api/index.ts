import { isTauri } from "@tauri-apps/api/core";
import type { Backend } from "./backend";
import { MockBackend } from "./mock";
import { tauriBackend } from "./tauri";

export type { Backend } from "./backend";
export { BackendError, errorTitle, toBackendError } from "./errors";
export { BackendProvider, useBackend } from "./context";

/** Inside the desktop app: Tauri IPC. In a plain browser (`npm run dev`): sample data. */
export function defaultBackend(): Backend {
  return isTauri() ? tauriBackend() : new MockBackend({ latencyMs: 250 });
}
