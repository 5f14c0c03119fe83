import { isTauri } from "@tauri-apps/api/core";
import type { Backend } from "./backend";
import { MockBackend } from "./mock";
import { SAMPLE_TEAM_USAGE } from "./samples";
import { tauriBackend } from "./tauri";

export type { Backend } from "./backend";
export { BackendError, errorTitle, toBackendError } from "./errors";
export { BackendProvider, useBackend } from "./context";

/**
 * Inside the desktop app: Tauri IPC. In a plain browser (`npm run dev`): sample data, with
 * team mode on when the address asks for it (`?team`).
 */
export function defaultBackend(): Backend {
  if (isTauri()) return tauriBackend();
  const team = new URLSearchParams(window.location.search).has("team") ? SAMPLE_TEAM_USAGE : undefined;
  return new MockBackend({ latencyMs: 250, team });
}
