import type { Backend } from "./backend";
import { BackendError } from "./errors";
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
import type { EnrichProgress, EnrichRequest, FileDropEvent, PlanProgress, RecordKind, ReviewQuery } from "./types";
import { MockEnrich, type MockEnrichOptions } from "./enrichMock";
import { SEARCH_DEPTH_LIMIT } from "../lib/zoominfo";
import type {
  AddEndpointRequest,
  ConnectionSettings,
  ProvisioningStatus,
  SettingsView,
  SignInRequest,
} from "./types";
import { SAMPLE_PROVISIONING, SAMPLE_SETTINGS } from "./provisioningMock";

export interface MockOptions {
  /** Start with a session open (demo) instead of the Connect screen. */
  connected?: boolean;
  status?: Partial<AppStatus>;
  connection?: Partial<ConnectionStatus>;
  usage?: UsageReport;
  /** What the latest answers' headers told (default: a few credits fewer than SAMPLE_USAGE). */
  liveUsage?: LiveUsage;
  search?: (request: SearchRequest) => SearchOutcome;
  /** Credits spent per day (default: a sample ending today). */
  creditHistory?: CreditHistory;
  /** What the Provisioning screen's check answers (default: the demo's sample). */
  provisioning?: ProvisioningStatus;
  /** What the Settings screen shows (default: a sample). */
  settings?: SettingsView;
  /** The Enrich screen's simulated jobs. */
  enrich?: MockEnrichOptions;
  /** What the open / save dialogs answer (null: the user cancelled). */
  pickedFile?: string | null;
  savePath?: string | null;
  /** Make a method reject with this error. */
  failures?: Partial<Record<keyof Backend, BackendError>>;
  /** Simulated round trip, so loading states show in the browser. */
  latencyMs?: number;
}

/** Nothing heard from answer headers yet (no search or enrichment in this session). */
export const NO_LIVE_USAGE: LiveUsage = {
  records_remaining: null,
  requests_remaining: null,
  limits: [],
  seen_at: null,
  window: null,
};

export const SAMPLE_USAGE: UsageReport = {
  fetched_at: "2026-01-01T09:30:00Z",
  limits: [
    { limitType: "requestLimit", description: "API requests", limit: 25000, currentUsage: 3120, usageRemaining: 21880 },
    { limitType: "recordLimit", description: "Records returned by enrich (credits)", limit: 10000, currentUsage: 8420, usageRemaining: 1580 },
    { limitType: "uniqueIdLimit", description: "Unique records", limit: 5000, currentUsage: 1210, usageRemaining: 3790 },
  ],
  live: NO_LIVE_USAGE,
};

/** An enrichment after the usage reading: its answer's headers told 100 credits fewer. */
export const SAMPLE_LIVE_USAGE: LiveUsage = {
  records_remaining: 1480,
  requests_remaining: 21876,
  limits: [
    { limitType: "recordLimit", limit: 10000, currentUsage: 8520, usageRemaining: 1480 },
    { limitType: "requestLimit", limit: 25000, currentUsage: 3124, usageRemaining: 21876 },
  ],
  seen_at: "2026-01-01T09:32:00Z",
  window: { limit: 1500, remaining: 1496, resets_at: "2026-01-01T09:33:00Z", seen_at: "2026-01-01T09:32:00Z" },
};

/** Thirty days of made-up spending ending today (UTC), a few days with none. */
export function sampleCreditHistory(days: number, today: Date = new Date()): CreditHistory {
  const out: CreditHistory = { days: [] };
  for (let i = days - 1; i >= 0; i--) {
    const day = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() - i));
    const credits = i % 6 === 5 ? 0 : 40 + ((i * 37) % 90);
    out.days.push({ day: day.toISOString().slice(0, 10), credits });
  }
  return out;
}

const FIRST = ["Ada", "Grace", "Alan", "Edsger", "Barbara", "Donald", "Frances", "Ken", "Radia", "Linus"];
const LAST = ["Lovelace", "Hopper", "Turing", "Dijkstra", "Liskov", "Knuth", "Allen", "Thompson", "Perlman", "Torvalds"];
const TITLES = ["VP of Sales", "RevOps Manager", "Director of Marketing", "Chief Revenue Officer", "Sales Engineer"];
const COMPANIES = ["Sample Analytics", "Example Logistics", "Placeholder Health", "Mock Robotics", "Demo Foods"];

/** Sample rows for the browser preview: obviously made up, deterministic. */
export function sampleSearch(request: SearchRequest): SearchOutcome {
  const filters = request.criteria.length;
  const totalResults = filters === 0 ? 24810 : Math.max(0, 1800 - filters * 700);
  const count = Math.min(totalResults, SEARCH_DEPTH_LIMIT);
  const records: ZiRecord[] = [];
  for (let i = 0; i < count; i++) {
    const company = { id: 900000 + (i % 5), name: COMPANIES[i % 5] };
    records.push(
      request.kind === "contact"
        ? {
            id: 100000 + i,
            firstName: FIRST[i % 10],
            lastName: LAST[(i * 7) % 10],
            jobTitle: TITLES[i % 5],
            contactAccuracyScore: 80 + (i % 20),
            hasEmail: i % 3 !== 0,
            hasDirectPhone: i % 4 === 0,
            company,
          }
        : { ...company, id: 900000 + i, name: `${COMPANIES[i % 5]} ${i + 1}` },
    );
  }
  const ceiling = totalResults > SEARCH_DEPTH_LIMIT ? SEARCH_DEPTH_LIMIT : null;
  return {
    kind: request.kind,
    total_results: totalResults,
    records,
    stopped_at_ceiling: ceiling,
    notice: ceiling === null ? null : `Stopped at ${ceiling} records, the API's limit for one search.`,
    // Pages of 100, plus the second reading of the usage counters.
    cost: { credits: 0, requests: Math.ceil(count / 100) + 1 },
  };
}

/** An in-memory backend for the browser preview (`npm run dev`) and for tests. */
export class MockBackend implements Backend {
  private connected: boolean;
  readonly calls: Array<{ method: keyof Backend; args: unknown[] }> = [];

  /** The simulated Enrich jobs; tests drive runs with `enrich.emit()` / `enrich.finish()`. */
  readonly enrich: MockEnrich;

  constructor(private readonly options: MockOptions = {}) {
    this.connected = options.connected ?? false;
    this.enrich = new MockEnrich(options.enrich);
  }

  private async answer<T>(method: keyof Backend, args: unknown[], produce: () => T): Promise<T> {
    this.calls.push({ method, args });
    if (this.options.latencyMs) {
      await new Promise((resolve) => setTimeout(resolve, this.options.latencyMs));
    }
    const failure = this.options.failures?.[method];
    if (failure) throw failure;
    return produce();
  }

  private requireSession() {
    if (!this.connected) {
      throw new BackendError("not_connected", "zi-console is not connected to ZoomInfo. Start the demo, or connect an account first.");
    }
  }

  private status(): AppStatus {
    return {
      version: "0.1.0",
      connected: this.connected,
      demo: this.connected,
      dataDir: "/home/you/.local/share/com.zi-console.app",
      initialScreen: null,
      startupError: null,
      ...this.options.status,
    };
  }

  appStatus() {
    return this.answer("appStatus", [], () => this.status());
  }

  startDemo() {
    return this.answer("startDemo", [], () => {
      this.connected = true;
      return this.status();
    });
  }

  connectionStatus() {
    return this.answer("connectionStatus", [], () => {
      this.requireSession();
      return {
        api_url: "http://127.0.0.1:7331",
        demo: true,
        username: "demo@example.com",
        token: { signed_in: true, valid_until: null, renews_at: null, logins: 1 },
        ...this.options.connection,
      };
    });
  }

  usage() {
    return this.answer("usage", [], () => {
      this.requireSession();
      return this.options.usage ?? SAMPLE_USAGE;
    });
  }

  liveUsage() {
    return this.answer("liveUsage", [], () => {
      this.requireSession();
      return this.options.liveUsage ?? SAMPLE_LIVE_USAGE;
    });
  }

  search(request: SearchRequest) {
    return this.answer("search", [request], () => {
      this.requireSession();
      return (this.options.search ?? sampleSearch)(request);
    });
  }

  exportSearch(request: SearchRequest, path: string) {
    return this.answer("exportSearch", [request, path], () => {
      this.requireSession();
      return (this.options.search ?? sampleSearch)(request).records.length;
    });
  }

  creditHistory(days: number) {
    return this.answer("creditHistory", [days], () => {
      this.requireSession();
      return this.options.creditHistory ?? sampleCreditHistory(days);
    });
  }

  signIn(request: SignInRequest) {
    return this.answer("signIn", [{ ...request, password: request.kind === "password" ? "<redacted>" : undefined }], () => {
      this.connected = true;
      this.options.status = { ...this.options.status, demo: false };
      this.options.connection = { demo: false, api_url: "https://api.zoominfo.com", username: request.username, ...this.options.connection };
      return this.status();
    });
  }

  signOut() {
    return this.answer("signOut", [], () => {
      this.connected = false;
      return this.status();
    });
  }

  pickKeyFile() {
    return this.answer("pickKeyFile", [], () =>
      this.options.pickedFile === undefined ? "/home/you/.ssh/zoominfo-key.pem" : this.options.pickedFile,
    );
  }

  private provisioning: ProvisioningStatus | null = null;

  provisioningStatus() {
    return this.answer("provisioningStatus", [], () => {
      this.provisioning ??= structuredClone(this.options.provisioning ?? (this.connected ? SAMPLE_PROVISIONING : { ...SAMPLE_PROVISIONING, endpoints: [] }));
      return this.provisioning;
    });
  }

  addScimEndpoint(request: AddEndpointRequest) {
    return this.answer("addScimEndpoint", [{ ...request, token: "<redacted>" }], () => {
      const endpoint = { id: 100 + (this.provisioning?.endpoints.length ?? 0), url: request.url, name: request.name, auth: { kind: "bearer" as const }, settings: request.settings, last_warned_threshold: null };
      this.provisioning?.endpoints.push({
        endpoint,
        demo: false,
        report: null,
        error: { code: "network", message: `Cannot reach ${request.url} from the browser preview.` },
        history: [],
      });
      return endpoint;
    });
  }

  forgetScimEndpoint(id: number) {
    return this.answer("forgetScimEndpoint", [id], () => {
      if (this.provisioning) this.provisioning.endpoints = this.provisioning.endpoints.filter((e) => e.endpoint.id !== id);
    });
  }

  private savedSettings: SettingsView | null = null;

  settings() {
    return this.answer("settings", [], () => (this.savedSettings ??= structuredClone(this.options.settings ?? SAMPLE_SETTINGS)));
  }

  saveSettings(settings: ConnectionSettings) {
    return this.answer("saveSettings", [settings], () => {
      if (!/^https?:\/\/[^/\s]+/.test(settings.api_url.trim())) {
        throw new BackendError("invalid_input", "The API base URL must start with https:// and name a host, e.g. https://api.zoominfo.com.");
      }
      if (settings.rate_per_second < 1 || settings.rate_per_minute < 1) {
        throw new BackendError("invalid_input", "Request limits must be at least 1 per second and 1 per minute.");
      }
      const current = this.savedSettings ?? structuredClone(this.options.settings ?? SAMPLE_SETTINGS);
      this.savedSettings = { ...current, connection: { ...settings, api_url: settings.api_url.trim() } };
      return this.savedSettings;
    });
  }

  saveCacheSettings(maxAgeDays: number) {
    return this.answer("saveCacheSettings", [maxAgeDays], () => {
      if (!Number.isInteger(maxAgeDays) || maxAgeDays < 1 || maxAgeDays > 365) {
        throw new BackendError("invalid_input", "Keep cached answers between 1 and 365 days.");
      }
      const current = this.savedSettings ?? structuredClone(this.options.settings ?? SAMPLE_SETTINGS);
      this.savedSettings = { ...current, cache: { ...current.cache, max_age_days: maxAgeDays } };
      return this.savedSettings;
    });
  }

  clearCache() {
    return this.answer("clearCache", [], () => {
      const current = this.savedSettings ?? structuredClone(this.options.settings ?? SAMPLE_SETTINGS);
      this.savedSettings = {
        ...current,
        cache: { ...current.cache, records: 0, answers: 0 },
        audit: [{ at: Math.floor(Date.now() / 1000), action: "cache_cleared", detail: `${current.cache.records} records` }, ...current.audit],
      };
      return this.savedSettings;
    });
  }

  exportLogs(destination: string) {
    return this.answer("exportLogs", [destination], () => 12_345);
  }

  pickLogExportPath() {
    return this.answer("pickLogExportPath", [], () =>
      this.options.savePath === undefined ? "/home/you/Downloads/zi-console.log" : this.options.savePath,
    );
  }

  planEnrichment(request: EnrichRequest, onProgress?: (progress: PlanProgress) => void) {
    return this.answer("planEnrichment", [request], () => {
      this.requireSession();
      return this.enrich.planHeld(request, onProgress);
    }).then((plan) => plan);
  }

  cancelPlanning() {
    return this.answer("cancelPlanning", [], () => this.enrich.cancelPlanning());
  }

  startEnrichment(
    jobId: number,
    budget: number | null,
    columns: string[],
    minAccuracy: number | null,
    onProgress: (progress: EnrichProgress) => void,
  ) {
    return this.answer("startEnrichment", [jobId, budget, columns, minAccuracy], () => {
      this.requireSession();
      return this.enrich.start(jobId, budget, onProgress, minAccuracy);
    }).then((run) => run);
  }

  pauseEnrichment(jobId: number) {
    return this.answer("pauseEnrichment", [jobId], () => this.enrich.pause(jobId));
  }

  resumeEnrichment(jobId: number) {
    return this.answer("resumeEnrichment", [jobId], () => this.enrich.resume(jobId));
  }

  cancelEnrichment(jobId: number) {
    return this.answer("cancelEnrichment", [jobId], () => this.enrich.cancel(jobId));
  }

  exportEnrichment(jobId: number, path: string, columns: string[]) {
    return this.answer("exportEnrichment", [jobId, path, columns], () => this.enrich.export(jobId, path));
  }

  reviewEnrichment(jobId: number, query: ReviewQuery) {
    return this.answer("reviewEnrichment", [jobId, query], () => this.enrich.review(jobId, query));
  }

  outputColumns(kind: RecordKind) {
    return this.answer("outputColumns", [kind], () => this.enrich.outputColumns(kind));
  }

  listJobs() {
    return this.answer("listJobs", [], () => {
      this.requireSession();
      return this.enrich.listJobs();
    });
  }

  selectionFile(kind: RecordKind, hits: ZiRecord[]) {
    return this.answer("selectionFile", [kind, hits], () => {
      this.requireSession();
      if (hits.length === 0) throw new BackendError("invalid_input", "Select at least one search result to enrich.");
      return `/home/you/.local/share/com.zi-console.app/selections/selected-${kind === "contact" ? "contacts" : "companies"}-${hits.length}.csv`;
    });
  }

  demoSampleFile(kind: RecordKind) {
    return this.answer("demoSampleFile", [kind], () => {
      this.requireSession();
      return this.enrich.sampleFile(kind);
    });
  }

  pickSpreadsheet() {
    return this.answer("pickSpreadsheet", [], () =>
      this.options.pickedFile === undefined ? "/home/you/Downloads/crm-export.csv" : this.options.pickedFile,
    );
  }

  pickExportPath(defaultName: string) {
    return this.answer("pickExportPath", [defaultName], () =>
      this.options.savePath === undefined ? `/home/you/Downloads/${defaultName}` : this.options.savePath,
    );
  }

  onFileDrop(handler: (event: FileDropEvent) => void) {
    return Promise.resolve(this.enrich.onFileDrop(handler));
  }
}
