import { Channel, invoke, type InvokeArgs } from "@tauri-apps/api/core";
import { getCurrentWebview } from "@tauri-apps/api/webview";
import type { Backend } from "./backend";
import { toBackendError } from "./errors";
import type {
  AppStatus,
  ConnectionStatus,
  CreditHistory,
  LiveUsage,
  SearchOutcome,
  SearchRequest,
  UsageReport,
  ZiRecord,
} from "./types";
import type {
  EnrichPlan,
  EnrichProgress,
  PlanProgress,
  EnrichRequest,
  EnrichSummary,
  FileDropEvent,
  JobSummary,
  OpenPurpose,
  OutputColumns,
  RecordKind,
  ReviewPage,
  ReviewQuery,
  RunOutcome,
  SavePurpose,
} from "./types";
import type {
  AddEndpointRequest,
  ConnectionSettings,
  ProvisioningStatus,
  SettingsView,
  SignInRequest,
  WatchedEndpoint,
} from "./types";

/** The dialogs run in the Rust shell, which remembers the picked paths as the only ones the
 * commands may read or write. */
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
  liveUsage() {
    return call<LiveUsage>("live_usage");
  }
  search(request: SearchRequest) {
    return call<SearchOutcome>("search", { request });
  }
  exportSearch(request: SearchRequest, path: string) {
    return call<number>("export_search", { request, path });
  }
  creditHistory(days: number) {
    return call<CreditHistory>("credit_history", { days });
  }

  signIn(request: SignInRequest) {
    return call<AppStatus>("sign_in", { request });
  }
  signOut() {
    return call<AppStatus>("sign_out");
  }
  pickKeyFile() {
    return call<string | null>("choose_file", { purpose: "private_key" satisfies OpenPurpose });
  }
  provisioningStatus() {
    return call<ProvisioningStatus>("provisioning_status");
  }
  addScimEndpoint(request: AddEndpointRequest) {
    return call<WatchedEndpoint>("add_scim_endpoint", { request });
  }
  forgetScimEndpoint(id: number) {
    return call<void>("forget_scim_endpoint", { id });
  }
  settings() {
    return call<SettingsView>("get_settings");
  }
  saveSettings(settings: ConnectionSettings) {
    return call<SettingsView>("save_settings", { settings });
  }
  saveCacheSettings(maxAgeDays: number) {
    return call<SettingsView>("save_cache_settings", { maxAgeDays });
  }
  clearCache() {
    return call<SettingsView>("clear_cache");
  }
  exportLogs(destination: string) {
    return call<number>("export_logs", { destination });
  }
  pickLogExportPath() {
    return call<string | null>("choose_save_path", { purpose: "log" satisfies SavePurpose, defaultName: "zi-console.log" });
  }

  planEnrichment(request: EnrichRequest, onProgress?: (progress: PlanProgress) => void) {
    const channel = new Channel<PlanProgress>();
    if (onProgress) channel.onmessage = onProgress;
    return call<EnrichPlan>("plan_enrichment", { request, onProgress: channel });
  }
  cancelPlanning() {
    return call<void>("cancel_planning");
  }
  startEnrichment(jobId: number, budget: number | null, columns: string[], onProgress: (progress: EnrichProgress) => void) {
    const channel = new Channel<EnrichProgress>();
    channel.onmessage = onProgress;
    return call<RunOutcome>("start_enrichment", { jobId, budget, columns, onProgress: channel });
  }
  pauseEnrichment(jobId: number) {
    return call<void>("pause_enrichment", { jobId });
  }
  resumeEnrichment(jobId: number) {
    return call<void>("resume_enrichment", { jobId });
  }
  cancelEnrichment(jobId: number) {
    return call<void>("cancel_enrichment", { jobId });
  }
  exportEnrichment(jobId: number, path: string, columns: string[]) {
    return call<EnrichSummary>("export_enrichment", { jobId, path, columns });
  }
  reviewEnrichment(jobId: number, query: ReviewQuery) {
    return call<ReviewPage>("review_enrichment", { jobId, query });
  }
  outputColumns(kind: RecordKind) {
    return call<OutputColumns>("output_columns", { kind });
  }
  listJobs() {
    return call<JobSummary[]>("list_jobs");
  }
  selectionFile(kind: RecordKind, hits: ZiRecord[]) {
    return call<string>("selection_file", { kind, hits });
  }
  demoSampleFile(kind: RecordKind) {
    return call<string>("demo_sample_file", { kind });
  }
  pickSpreadsheet() {
    return call<string | null>("choose_file", { purpose: "spreadsheet" satisfies OpenPurpose });
  }
  pickExportPath(defaultName: string) {
    return call<string | null>("choose_save_path", { purpose: "spreadsheet" satisfies SavePurpose, defaultName });
  }
  async onFileDrop(handler: (event: FileDropEvent) => void) {
    return getCurrentWebview().onDragDropEvent(({ payload }) => {
      if (payload.type === "drop") handler({ type: "drop", paths: payload.paths });
      else if (payload.type === "leave") handler({ type: "leave" });
      else handler({ type: "over" });
    });
  }
}
