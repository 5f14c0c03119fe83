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
  OutputColumns,
  RecordKind,
  ReviewPage,
  ReviewQuery,
  RunOutcome,
} from "./types";
import type {
  AddEndpointRequest,
  ConnectionSettings,
  ProvisioningStatus,
  SettingsView,
  SignInRequest,
  WatchedEndpoint,
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
  /** The usage ZoomInfo's latest search or enrichment answers told in their headers; asks the API nothing. */
  liveUsage(): Promise<LiveUsage>;
  search(request: SearchRequest): Promise<SearchOutcome>;
  /** Runs the search again and writes its records to `path` (.csv or .xlsx); resolves to how many. */
  exportSearch(request: SearchRequest, path: string): Promise<number>;
  /** Credits spent per day over the last `days` days (oldest first), from the local ledger. */
  creditHistory(days: number): Promise<CreditHistory>;

  // Connect (src-tauri/src/commands/connect.rs)
  /** Signs in to a real account; the credentials go to the OS keychain once accepted. */
  signIn(request: SignInRequest): Promise<AppStatus>;
  /** Ends the session; for a real account also removes the stored credentials. */
  signOut(): Promise<AppStatus>;
  /** The open dialog for a PKI private key (PEM); null when the user cancels. */
  pickKeyFile(): Promise<string | null>;

  // Provisioning (src-tauri/src/commands/provisioning.rs)
  /** Checks every watched SCIM endpoint now; raises desktop notifications that became due. */
  provisioningStatus(): Promise<ProvisioningStatus>;
  /** Watches an endpoint; its token is kept for this session only. */
  addScimEndpoint(request: AddEndpointRequest): Promise<WatchedEndpoint>;
  forgetScimEndpoint(id: number): Promise<void>;

  // Settings (src-tauri/src/commands/settings.rs)
  settings(): Promise<SettingsView>;
  saveSettings(settings: ConnectionSettings): Promise<SettingsView>;
  /** Copies the app's log file to `destination`; resolves to its size in bytes. */
  exportLogs(destination: string): Promise<number>;
  /** How many days a cached answer is used instead of buying the record again. */
  saveCacheSettings(maxAgeDays: number): Promise<SettingsView>;
  /** Forgets every cached record and answer; jobs and the ledger stay. */
  clearCache(): Promise<SettingsView>;
  /** The save dialog for the exported log; null when the user cancels. */
  pickLogExportPath(): Promise<string | null>;

  // Enrich (src-tauri/src/commands/enrich.rs)
  /** Reads the file, maps its columns, estimates the cost. Spends nothing. */
  planEnrichment(request: EnrichRequest, onProgress?: (progress: PlanProgress) => void): Promise<EnrichPlan>;
  /** Stops reading the file being planned; that plan then fails with the code "cancelled". */
  cancelPlanning(): Promise<void>;
  /**
   * Runs (or resumes) a planned job; progress arrives at most ~10 times a second. `minAccuracy`
   * (contacts only, 70–99): ZoomInfo returns and charges for nobody scoring under it.
   */
  startEnrichment(
    jobId: number,
    budget: number | null,
    columns: string[],
    minAccuracy: number | null,
    onProgress: (progress: EnrichProgress) => void,
  ): Promise<RunOutcome>;
  pauseEnrichment(jobId: number): Promise<void>;
  resumeEnrichment(jobId: number): Promise<void>;
  cancelEnrichment(jobId: number): Promise<void>;
  /** Writes the job's output to `path` (.csv or .xlsx). */
  exportEnrichment(jobId: number, path: string, columns: string[]): Promise<EnrichSummary>;
  /** One page of a job's review: each distinct person or company with its answer. */
  reviewEnrichment(jobId: number, query: ReviewQuery): Promise<ReviewPage>;
  /**
   * The ZoomInfo fields the account lists for a file of this kind, the defaults first, each
   * with its description and whether the account's plan grants it.
   */
  outputColumns(kind: RecordKind): Promise<OutputColumns>;
  listJobs(): Promise<JobSummary[]>;
  /** "Enrich selected": writes the chosen search hits to a file keyed by ZoomInfo id; its path. */
  selectionFile(kind: RecordKind, hits: ZiRecord[]): Promise<string>;
  /** Demo only: writes a 500-row sample file and returns its path. */
  demoSampleFile(kind: RecordKind): Promise<string>;
  /** The open-file dialog; null when the user cancels. */
  pickSpreadsheet(): Promise<string | null>;
  /** The save dialog for an export; null when the user cancels. */
  pickExportPath(defaultName: string): Promise<string | null>;
  /** Files dragged onto the window; resolves to a function that stops listening. */
  onFileDrop(handler: (event: FileDropEvent) => void): Promise<() => void>;
}
