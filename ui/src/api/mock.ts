import type { Backend } from "./backend";
import { BackendError } from "./errors";
import { MockConnectors } from "./connectorsMock";
import { MockEnrich, type MockEnrichOptions } from "./enrichMock";
import { SAMPLE_OUTPUT_COLUMNS } from "./enrichSamples";
import { SAMPLE_PROVISIONING, SAMPLE_SETTINGS, SAMPLE_USERS } from "./provisioningMock";
import { SAMPLE_CONNECTION, SAMPLE_LIVE_USAGE, SAMPLE_USAGE, sampleCreditHistory, sampleSearch } from "./samples";
import type {
  AppStatus,
  AvailableUpdate,
  ConnectionStatus,
  ConnectorRun,
  CreditHistory,
  FileDropEvent,
  LiveUsage,
  NetworkView,
  OpenPurpose,
  OutputColumns,
  ProvisioningStatus,
  RecordKind,
  SearchOutcome,
  SearchRequest,
  SettingsView,
  TeamConnection,
  TeamStatus,
  TeamUsage,
  UpdateView,
  UsageReport,
  WatchedEndpoint,
} from "./types";

type Method = keyof Backend;
type Args<K extends Method> = Parameters<Backend[K]>;
type Answer<K extends Method> = Awaited<ReturnType<Backend[K]>>;

/** An error to inject: on every call, or on the calls the function returns one for. */
export type MockFailure<K extends Method> = BackendError | ((...args: Args<K>) => BackendError | undefined);

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
  /** What the Provisioning screen's check answers (default: the demo's sample once connected). */
  provisioning?: ProvisioningStatus;
  /** Settings → Network (default: no proxy entered, none in the environment). */
  network?: NetworkView;
  /** Team mode on from the start, with these figures (default: off). SAMPLE_TEAM_USAGE is the demo's. */
  team?: TeamUsage;
  /** Settings → Team beyond what `team` implies: an address from ZI_DATABASE_URL, a database that does not answer… */
  teamStatus?: { connection?: Partial<TeamConnection>; problem?: string };
  /** Settings → Updates: what a check finds (default: nothing newer than the running version). */
  update?: AvailableUpdate | null;
  /** Settings → Updates before anything is saved (default: the release's address, available). */
  updates?: Partial<UpdateView>;
  /** What the Settings screen shows (default: a sample). */
  settings?: SettingsView;
  /** The Enrich screen's simulated jobs. */
  enrich?: MockEnrichOptions;
  /** What the column picker offers (default: SAMPLE_OUTPUT_COLUMNS). */
  outputColumns?: Partial<Record<RecordKind, OutputColumns>>;
  /** What the open / save dialogs answer (null: the user cancelled). */
  pickedFile?: string | null;
  savePath?: string | null;
  /** Errors to reject with: the engine's own are tested in Rust, so a test names the one it needs. */
  failures?: { [K in Method]?: MockFailure<K> };
  /** Simulated round trip, so loading states show in the browser. */
  latencyMs?: number;
}

const DATA_DIR = "/home/you/.local/share/com.zi-console.app";

/** What the open dialog answers by default, per purpose. */
const PICKED: Record<OpenPurpose, string> = {
  spreadsheet: "/home/you/Downloads/crm-export.csv",
  private_key: "/home/you/.ssh/zoominfo-key.pem",
  connector: "/home/you/Downloads/globex-companies.json",
};

/** Team mode as Settings shows it when the mock starts: on when a test or the preview gave figures. */
function initialTeamStatus(usage: TeamUsage | undefined, given: MockOptions["teamStatus"]): TeamStatus {
  const connection: TeamConnection = {
    database_url: usage ? `postgres://${usage.member}@${usage.database}?sslmode=require` : "",
    member: usage?.member ?? "dana",
    has_password: usage !== undefined,
    from_environment: false,
    ...given?.connection,
  };
  const problem = given?.problem ?? null;
  return { connection, joined: connection.database_url !== "" && problem === null, problem };
}

/** `host:port/name` of a postgres:// address, as the backend names the team's database. */
function teamDatabaseName(address: string): string {
  try {
    const url = new URL(address);
    if (!url.hostname) throw new Error("no host");
    return `${url.hostname}:${url.port || "5432"}${url.pathname || "/"}`;
  } catch {
    throw new BackendError("invalid_input", `${address} is not a database address: enter it as postgres://user@host:5432/name.`);
  }
}

/** The address as settings keep it: a password typed into it goes to the keychain instead. */
function withoutPassword(address: string): string {
  return address.replace(/^(postgres(?:ql)?:\/\/[^:@/]+):[^@/]*@/, "$1@");
}

function monthStart(now = new Date()): string {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1)).toISOString();
}

function plural(kind: RecordKind) {
  return kind === "contact" ? "contacts" : "companies";
}

/**
 * An in-memory backend for the browser preview (`npm run dev`) and for tests: typed sample
 * answers, and just enough state for the screens (session, settings, watched endpoints, jobs).
 * It does not check arguments the way the engine does.
 */
export class MockBackend implements Backend {
  readonly calls: Array<{ method: Method; args: unknown[] }> = [];
  /** The simulated Enrich jobs; tests drive runs with `enrich.emit()` / `enrich.finish()`. */
  readonly enrich: MockEnrich;
  /** The connector library: the demo's sample connector to start with. */
  readonly connectors = new MockConnectors();
  private connected: boolean;
  private settings: SettingsView;
  private provisioning: ProvisioningStatus | null = null;
  private dropHandlers = new Set<(event: FileDropEvent) => void>();
  /** The team's ledger this month; null outside team mode. */
  private team: TeamUsage | null;
  private teamState: TeamStatus;

  constructor(private readonly options: MockOptions = {}) {
    this.connected = options.connected ?? false;
    this.team = options.team ? structuredClone(options.team) : null;
    this.teamState = initialTeamStatus(options.team, options.teamStatus);
    this.enrich = new MockEnrich(options.enrich);
    this.settings = options.settings ?? SAMPLE_SETTINGS;
  }

  /** A Backend method that records the call, waits, rejects if a failure is injected, else answers. */
  private answer<K extends Method>(method: K, produce: (...args: Args<K>) => Answer<K> | Promise<Answer<K>>) {
    const call = async (...args: Args<K>) => {
      // Callbacks are left out: tests compare what was sent.
      this.calls.push({ method, args: args.filter((arg) => typeof arg !== "function") });
      if (this.options.latencyMs) await new Promise((resolve) => setTimeout(resolve, this.options.latencyMs));
      const failure = this.options.failures?.[method] as MockFailure<K> | undefined;
      const error = typeof failure === "function" ? failure(...args) : failure;
      if (error) throw error;
      return produce(...args);
    };
    return call as unknown as Backend[K];
  }

  private status(): AppStatus {
    return {
      version: "0.1.0",
      connected: this.connected,
      demo: this.connected,
      dataDir: DATA_DIR,
      initialScreen: null,
      startupError: null,
      ...this.options.status,
    };
  }

  private changeSettings(change: Partial<SettingsView>): SettingsView {
    this.settings = { ...this.settings, ...change };
    return this.settings;
  }

  /** The watched endpoints: the demo's sample once connected, unless a test gave its own. */
  private watched(): ProvisioningStatus {
    this.provisioning ??= structuredClone(
      this.options.provisioning ?? (this.connected ? SAMPLE_PROVISIONING : { ...SAMPLE_PROVISIONING, endpoints: [] }),
    );
    return this.provisioning;
  }

  appStatus = this.answer("appStatus", () => this.status());
  startDemo = this.answer("startDemo", () => {
    this.connected = true;
    return this.status();
  });
  connectionStatus = this.answer("connectionStatus", () => ({ ...SAMPLE_CONNECTION, ...this.options.connection }));
  signIn = this.answer("signIn", (request) => {
    this.connected = true;
    this.options.status = { ...this.options.status, demo: false };
    this.options.connection = { demo: false, api_url: "https://api.zoominfo.com", username: request.username, ...this.options.connection };
    return this.status();
  });
  signInGtm = this.answer("signInGtm", (request, onAddress) => {
    onAddress(`https://login.zoominfo.com/?response_type=code&client_id=${encodeURIComponent(request.client_id)}`);
    this.connected = true;
    this.options.status = { ...this.options.status, demo: false };
    this.options.connection = { demo: false, api_url: "https://api.zoominfo.com/gtm", username: "ZoomInfo GTM sign-in", ...this.options.connection };
    return this.status();
  });
  cancelGtmSignIn = this.answer("cancelGtmSignIn", () => undefined);
  signOut = this.answer("signOut", () => {
    this.connected = false;
    return this.status();
  });

  getUsage = this.answer("getUsage", () => this.options.usage ?? SAMPLE_USAGE);
  liveUsage = this.answer("liveUsage", () => this.options.liveUsage ?? SAMPLE_LIVE_USAGE);
  creditHistory = this.answer("creditHistory", (days) => this.options.creditHistory ?? sampleCreditHistory(days));
  search = this.answer("search", (request) => (this.options.search ?? sampleSearch)(request));
  exportSearch = this.answer("exportSearch", (request) => (this.options.search ?? sampleSearch)(request).records.length);

  chooseFile = this.answer("chooseFile", (purpose) =>
    this.options.pickedFile === undefined ? PICKED[purpose] : this.options.pickedFile,
  );
  chooseSavePath = this.answer("chooseSavePath", (_purpose, defaultName) =>
    this.options.savePath === undefined ? `/home/you/Downloads/${defaultName}` : this.options.savePath,
  );

  provisioningStatus = this.answer("provisioningStatus", () => this.watched());
  addScimEndpoint = this.answer("addScimEndpoint", (request) => {
    const endpoint: WatchedEndpoint = {
      id: 100 + this.watched().endpoints.length,
      url: request.url,
      name: request.name,
      auth: { kind: "bearer" },
      settings: request.settings,
      last_warned_threshold: null,
      idp: request.idp ?? null,
    };
    // The preview checks nothing, and says so rather than make up a report.
    const error = { code: "network" as const, message: `The browser preview does not reach ${request.url}.` };
    this.watched().endpoints.push({ endpoint, demo: false, report: null, error, history: [] });
    return endpoint;
  });
  scimUsers = this.answer("scimUsers", (_endpointId, query) => {
    const text = query.text?.toLowerCase() ?? "";
    const matching = SAMPLE_USERS.filter((u) => !text || JSON.stringify(u).toLowerCase().includes(text));
    return {
      total: SAMPLE_USERS.length,
      matching: matching.length,
      lines: matching.slice(query.offset, query.offset + query.limit),
    };
  });
  forgetScimEndpoint = this.answer("forgetScimEndpoint", (id) => {
    const watched = this.watched();
    watched.endpoints = watched.endpoints.filter((e) => e.endpoint.id !== id);
  });

  getSettings = this.answer("getSettings", () => this.settings);
  saveSettings = this.answer("saveSettings", (connection) => this.changeSettings({ connection }));
  saveCacheSettings = this.answer("saveCacheSettings", (days) =>
    this.changeSettings({ cache: { ...this.settings.cache, max_age_days: days } }),
  );
  clearCache = this.answer("clearCache", () => this.changeSettings({ cache: { ...this.settings.cache, records: 0, answers: 0 } }));
  exportLogs = this.answer("exportLogs", () => 12_345);
  showInFolder = this.answer("showInFolder", () => undefined);
  private network: NetworkView = { settings: { proxy_url: "", no_proxy: "", proxy_username: "" }, password_kept: false, env_proxy: null };
  getNetwork = this.answer("getNetwork", () => this.options.network ?? this.network);
  saveNetwork = this.answer("saveNetwork", (settings, password) => {
    const kept = settings.proxy_url !== "" && (password ? true : password === "" ? false : this.network.password_kept);
    this.options.network = undefined;
    this.network = { settings, password_kept: kept, env_proxy: null };
    return this.network;
  });
  checkNetwork = this.answer("checkNetwork", () => ({ url: "https://api.zoominfo.com/", reached: true, status: 404, problem: null }));

  // Copies, so a refetch after a change hands React Query new objects, as IPC would.
  getTeam = this.answer("getTeam", () => structuredClone(this.teamState));
  saveTeam = this.answer("saveTeam", (databaseUrl, member, password) => {
    const previous = this.teamState.connection;
    // The environment's address wins over whatever is typed, as in the backend.
    const address = previous.from_environment ? previous.database_url : withoutPassword(databaseUrl.trim());
    if (address === "") {
      this.team = null;
      this.teamState = { connection: { database_url: "", member: member.trim(), has_password: false, from_environment: false }, joined: false, problem: null };
      return structuredClone(this.teamState);
    }
    if (!/^postgres(ql)?:\/\//.test(address)) {
      throw new BackendError("invalid_input", "Enter the team database as postgres://user@host:5432/name (postgres:// or postgresql://).");
    }
    const me = member.trim();
    if (!me) throw new BackendError("invalid_input", "Enter the name this app spends under in the team ledger.");
    const database = teamDatabaseName(address);
    const hasPassword = password ? true : password === "" ? false : previous.has_password && previous.database_url !== "";
    const members = this.team?.members ?? [];
    this.team = {
      database,
      member: me,
      since: this.team?.since ?? monthStart(),
      members: members.some((m) => m.member === me) ? members : [...members, { member: me, credits: 0, jobs: 0, budget: null }],
      jobs: this.team?.jobs ?? [],
      connector_calls: this.team?.connector_calls ?? [],
    };
    this.teamState = {
      connection: { database_url: address, member: me, has_password: hasPassword, from_environment: previous.from_environment },
      joined: true,
      problem: null,
    };
    return structuredClone(this.teamState);
  });
  teamUsage = this.answer("teamUsage", () => (this.teamState.joined && this.team ? structuredClone(this.team) : null));
  setTeamBudget = this.answer("setTeamBudget", (member, credits) => {
    if (!this.team) throw new BackendError("invalid_input", "Team mode is off: there is no team budget to set.");
    if (credits !== null && !(Number.isInteger(credits) && credits >= 0)) {
      throw new BackendError("invalid_input", "A budget is a whole number of credits, 0 or more.");
    }
    const known = this.team.members.find((m) => m.member === member);
    if (known) known.budget = credits;
    else this.team.members.push({ member, credits: 0, jobs: 0, budget: credits });
  });

  private startsAtLogin = false;
  startAtLogin = this.answer("startAtLogin", () => this.startsAtLogin);
  setStartAtLogin = this.answer("setStartAtLogin", (enabled) => (this.startsAtLogin = enabled));

  private updates: UpdateView | null = null;
  private updateView(): UpdateView {
    this.updates ??= {
      settings: { url: "" },
      default_url: "https://releases.zi-console.app/{{target}}/{{arch}}/{{current_version}}",
      current_version: "0.1.0",
      available: true,
      ...this.options.updates,
    };
    return this.updates;
  }
  getUpdates = this.answer("getUpdates", () => this.updateView());
  saveUpdateSettings = this.answer("saveUpdateSettings", (settings) => {
    this.updates = { ...this.updateView(), settings: { url: settings.url.trim() } };
    return this.updates;
  });
  checkForUpdate = this.answer("checkForUpdate", () => this.options.update ?? null);
  /** Downloads in two steps, verifies, installs: the messages the shell sends. */
  installUpdate = this.answer("installUpdate", (onProgress) => {
    const update = this.options.update;
    if (!update) throw new BackendError("invalid_input", "There is no update to install: check for updates first.");
    const total = 8_400_000;
    onProgress({ stage: "downloading", downloaded: total / 2, total });
    onProgress({ stage: "downloading", downloaded: total, total });
    onProgress({ stage: "verifying" });
    onProgress({ stage: "installing" });
    onProgress({ stage: "installed", version: update.version });
  });
  restartApp = this.answer("restartApp", () => undefined);

  planEnrichment = this.answer("planEnrichment", (request, onProgress) => this.enrich.plan(request, onProgress));
  cancelPlanning = this.answer("cancelPlanning", () => this.enrich.cancelPlanning());
  startEnrichment = this.answer("startEnrichment", (jobId, _budget, _columns, _minAccuracy, onProgress) =>
    this.enrich.start(jobId, onProgress),
  );
  pauseEnrichment = this.answer("pauseEnrichment", (jobId) => this.enrich.pause(jobId));
  resumeEnrichment = this.answer("resumeEnrichment", (jobId) => this.enrich.resume(jobId));
  cancelEnrichment = this.answer("cancelEnrichment", (jobId) => this.enrich.cancel(jobId));
  // The connectors' columns are the backend's to write: the summary counts rows the same way.
  exportEnrichment = this.answer("exportEnrichment", (jobId, path) => this.enrich.export(jobId, path));
  reviewEnrichment = this.answer("reviewEnrichment", (jobId, query) => this.enrich.review(jobId, query));
  outputColumns = this.answer("outputColumns", (kind) => this.options.outputColumns?.[kind] ?? SAMPLE_OUTPUT_COLUMNS[kind]);
  listJobs = this.answer("listJobs", () => this.enrich.listJobs());
  selectionFile = this.answer("selectionFile", (kind, hits) => `${DATA_DIR}/selections/selected-${plural(kind)}-${hits.length}.csv`);
  demoSampleFile = this.answer("demoSampleFile", (kind) => `${DATA_DIR}/samples/sample-${plural(kind)}.csv`);

  listConnectors = this.answer("listConnectors", () => this.connectors.list());
  readConnector = this.answer("readConnector", (fileName) => this.connectors.read(fileName));
  saveConnector = this.answer("saveConnector", (fileName, json) => this.connectors.save(fileName, json));
  importConnector = this.answer("importConnector", (path) => this.connectors.import(path));
  exportConnector = this.answer("exportConnector", (fileName) => void this.connectors.read(fileName));
  deleteConnector = this.answer("deleteConnector", (fileName) => this.connectors.delete(fileName));
  setConnectorKey = this.answer("setConnectorKey", (connector, key) => this.connectors.setKey(connector, key));
  signInConnector = this.answer("signInConnector", (fileName, onAddress) => {
    onAddress("https://auth.example.com/oauth2/authorize?response_type=code&client_id=zi-console");
    return this.connectors.signIn(fileName);
  });
  testConnector = this.answer("testConnector", (fileName, action, params) => this.connectors.test(fileName, action, params));
  estimateConnectors = this.answer("estimateConnectors", (_jobId, chosen) => this.connectors.estimate(chosen));
  runConnectors = this.answer("runConnectors", async (jobId, chosen, onProgress) => {
    const runs = this.connectors.run(chosen);
    // Halfway through the first: what the screen shows while it waits.
    const first = runs[0];
    if (first) {
      const half = (n: number) => Math.floor(n / 2);
      onProgress({ ...first, asked: half(first.asked), calls: half(first.calls), matched: half(first.matched), stopped: null, over_budget: false });
    }
    const library = this.connectors.list();
    const columns = (run: ConnectorRun) =>
      library.find((c) => c.name === run.connector)?.actions.find((a) => a.name === run.action)?.columns ?? [];
    // The job's review shows what each connector found, in its own columns.
    await this.enrich.askConnectors(
      jobId,
      runs.map((run) => ({ connector: run.connector, columns: columns(run), matched: run.matched })),
    );
    return runs;
  });

  onFileDrop(handler: (event: FileDropEvent) => void) {
    this.dropHandlers.add(handler);
    return Promise.resolve(() => void this.dropHandlers.delete(handler));
  }

  /** Tests and the browser preview: act as if files were dropped on the window. */
  drop(paths: string[]) {
    for (const handler of this.dropHandlers) handler({ type: "drop", paths });
  }
}
