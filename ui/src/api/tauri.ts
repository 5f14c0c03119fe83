import { Channel } from "@tauri-apps/api/core";
import { getCurrentWebview } from "@tauri-apps/api/webview";
import type { Backend } from "./backend";
import { toBackendError } from "./errors";
import { commands } from "../bindings/commands";
import type {
  AddEndpointRequest,
  ConnectionSettings,
  EnrichProgress,
  EnrichRequest,
  FileDropEvent,
  PlanProgress,
  RecordKind,
  ReviewQuery,
  SearchRequest,
  SignInRequest,
  ZiRecord,
} from "./types";

/** Waits for one command; any failure becomes a BackendError. */
async function call<T>(pending: Promise<T>): Promise<T> {
  try {
    return await pending;
  } catch (error) {
    throw toBackendError(error);
  }
}

/** A channel that hands each message to `handler`. */
function channel<T>(handler?: (message: T) => void): Channel<T> {
  const channel = new Channel<T>();
  if (handler) channel.onmessage = handler;
  return channel;
}

/**
 * The backend inside the desktop app: the Rust shell's commands, through the typed layer
 * generated from them (`bindings/commands.ts`). The dialogs run in the Rust shell, which
 * remembers the picked paths as the only ones the commands may read or write.
 */
export class TauriBackend implements Backend {
  appStatus() {
    return call(commands.appStatus());
  }
  startDemo() {
    return call(commands.startDemo());
  }
  connectionStatus() {
    return call(commands.connectionStatus());
  }
  usage() {
    return call(commands.getUsage());
  }
  liveUsage() {
    return call(commands.liveUsage());
  }
  search(request: SearchRequest) {
    return call(commands.search(request));
  }
  exportSearch(request: SearchRequest, path: string) {
    return call(commands.exportSearch(request, path));
  }
  creditHistory(days: number) {
    return call(commands.creditHistory(days));
  }

  signIn(request: SignInRequest) {
    return call(commands.signIn(request));
  }
  signOut() {
    return call(commands.signOut());
  }
  pickKeyFile() {
    return call(commands.chooseFile("private_key"));
  }
  provisioningStatus() {
    return call(commands.provisioningStatus());
  }
  addScimEndpoint(request: AddEndpointRequest) {
    return call(commands.addScimEndpoint(request));
  }
  forgetScimEndpoint(id: number) {
    return call(commands.forgetScimEndpoint(id));
  }
  settings() {
    return call(commands.getSettings());
  }
  saveSettings(settings: ConnectionSettings) {
    return call(commands.saveSettings(settings));
  }
  saveCacheSettings(maxAgeDays: number) {
    return call(commands.saveCacheSettings(maxAgeDays));
  }
  clearCache() {
    return call(commands.clearCache());
  }
  exportLogs(destination: string) {
    return call(commands.exportLogs(destination));
  }
  pickLogExportPath() {
    return call(commands.chooseSavePath("log", "zi-console.log"));
  }

  planEnrichment(request: EnrichRequest, onProgress?: (progress: PlanProgress) => void) {
    return call(commands.planEnrichment(request, channel(onProgress)));
  }
  cancelPlanning() {
    return call(commands.cancelPlanning());
  }
  startEnrichment(
    jobId: number,
    budget: number | null,
    columns: string[],
    minAccuracy: number | null,
    onProgress: (progress: EnrichProgress) => void,
  ) {
    return call(commands.startEnrichment(jobId, budget, columns, minAccuracy, channel(onProgress)));
  }
  pauseEnrichment(jobId: number) {
    return call(commands.pauseEnrichment(jobId));
  }
  resumeEnrichment(jobId: number) {
    return call(commands.resumeEnrichment(jobId));
  }
  cancelEnrichment(jobId: number) {
    return call(commands.cancelEnrichment(jobId));
  }
  exportEnrichment(jobId: number, path: string, columns: string[]) {
    return call(commands.exportEnrichment(jobId, path, columns));
  }
  reviewEnrichment(jobId: number, query: ReviewQuery) {
    return call(commands.reviewEnrichment(jobId, query));
  }
  outputColumns(kind: RecordKind) {
    return call(commands.outputColumns(kind));
  }
  listJobs() {
    return call(commands.listJobs());
  }
  selectionFile(kind: RecordKind, hits: ZiRecord[]) {
    return call(commands.selectionFile(kind, hits));
  }
  demoSampleFile(kind: RecordKind) {
    return call(commands.demoSampleFile(kind));
  }
  pickSpreadsheet() {
    return call(commands.chooseFile("spreadsheet"));
  }
  pickExportPath(defaultName: string) {
    return call(commands.chooseSavePath("spreadsheet", defaultName));
  }
  async onFileDrop(handler: (event: FileDropEvent) => void) {
    return getCurrentWebview().onDragDropEvent(({ payload }) => {
      if (payload.type === "drop") handler({ type: "drop", paths: payload.paths });
      else if (payload.type === "leave") handler({ type: "leave" });
      else handler({ type: "over" });
    });
  }
}
