import { BackendError } from "./errors";
import type {
  ColumnMapping,
  EnrichPlan,
  EnrichProgress,
  EnrichRequest,
  EnrichSummary,
  Estimate,
  FileDropEvent,
  JobSummary,
  MatchInput,
  OutputColumns,
  OutputField,
  PlanProgress,
  RecordKind,
  ReviewCounts,
  ReviewLine,
  ReviewPage,
  ReviewQuery,
  RunOutcome,
} from "./types";

/** How the mock Enrich backend behaves (browser preview and tests). */
export interface MockEnrichOptions {
  /** Milliseconds between progress events of a simulated run (browser preview). */
  stepMs?: number;
  /**
   * Tests drive the run themselves: `startEnrichment` waits for `finish()`, and `emit()` sends
   * progress events.
   */
  manual?: boolean;
  /**
   * Tests drive planning themselves: `planEnrichment` waits for `finishPlanning()` (or a
   * cancel), and `planProgress()` reports rows read.
   */
  holdPlans?: boolean;
  /** Jobs in the history at start. */
  jobs?: JobSummary[];
  /** Stop a simulated run with "out of credits" after this many credits. */
  creditsLeft?: number;
  /** People or companies in a job's review (default: the job's distinct keys). */
  reviewSize?: number;
  /** Output fields the account's plan withholds (default: techSkills and engagements, as in
   * ZoomInfo's published example). */
  withheldFields?: string[];
  /**
   * Records a simulated run reports as possibly counted twice by ZoomInfo (answers that
   * arrived unreadable and were sent again). Default: none.
   */
  chargedTwice?: number;
}

/** The usual columns, as far as the account grants them. */
const CONTACT_OUTPUT = ["firstName", "lastName", "email", "phone", "jobTitle", "companyName"];
const COMPANY_OUTPUT = ["name", "website", "phone", "revenue", "employeeCount"];

/** Some of the fields ZoomInfo lists for an account, with its own descriptions. */
const CONTACT_FIELDS: Array<[string, string]> = [
  ["firstName", "Contact first name"],
  ["lastName", "Contact last name"],
  ["email", "Work email address for the contact in example@example.com format"],
  ["phone", "Contact direct phone number"],
  ["mobilePhone", "Contact mobile phone number"],
  ["jobTitle", "Contact job title at current place of employment"],
  ["jobFunction", "Contact job function at current place of employment"],
  ["managementLevel", "Contact management level"],
  ["externalUrls", "Social media URLs for the contact (e.g., Facebook, Twitter, LinkedIn)"],
  ["contactAccuracyScore", "This score indicates the likelihood that a contact is reachable and still employed by the company listed."],
  ["companyName", "Name of the contact's current company"],
  ["city", "City for the contact's work address"],
  ["country", "Country for the contact's work address"],
  ["techSkills", "List of technology skills identified for a contact"],
  ["engagements", "List of the contact's engagements. Includes the date and type of each engagement"],
];
const COMPANY_FIELDS: Array<[string, string]> = [
  ["name", "Company name"],
  ["website", "Company website URL"],
  ["phone", "Phone number of the company's primary address"],
  ["revenue", "Approximate yearly revenue for the company in 1000's."],
  ["employeeCount", "Approximate number of people employed by the company"],
  ["industries", "The industry grouping for the company. A company can have multiple industries."],
  ["city", "City of the company's primary address"],
  ["country", "Country of the company's primary address"],
  ["ticker", "Company public stock exchange ticker"],
  ["engagements", "List of the company's engagements. Includes the date and type of each engagement"],
];

/** A matched contact under this accuracy score is "low confidence" (zi-core's LOW_CONFIDENCE_BELOW). */
const LOW_CONFIDENCE_BELOW = 85;

/** The simulated accuracy score of review line `index`: 70 to 99. */
function accuracyScore(index: number): number {
  return 70 + ((index * 7) % 30);
}

/** The simulated review line `index` of a job with `settled` keys answered. */
function reviewLine(index: number, settled: number, columns: string[]): ReviewLine {
  const pending = index >= settled;
  const matched = !pending && index % 7 !== 3;
  const first = ["Ada", "Grace", "Alan", "Edsger", "Barbara"][index % 5] ?? "Ada";
  const values: Record<string, string> = {
    firstName: first,
    lastName: `Sample${index}`,
    email: `${first.toLowerCase()}.sample${index}@example.com`,
    phone: `+1 415 555 ${String(index % 10000).padStart(4, "0")}`,
    jobTitle: ["VP Sales", "CFO", "Engineer", "RevOps Lead"][index % 4] ?? "",
    jobFunction: ["Sales (Sales)", "Finance (Finance)", "Engineering (Engineering)", "Operations (Operations)"][index % 4] ?? "",
    managementLevel: ["VP-Level", "C-Level", "Non-Manager", "Manager"][index % 4] ?? "",
    externalUrls: `linkedin: https://www.linkedin.com/in/${first.toLowerCase()}-sample${index}`,
    contactAccuracyScore: String(accuracyScore(index)),
    companyName: `Example ${index % 97} Inc`,
    city: "San Francisco",
    country: "United States",
  };
  return {
    row: index + 2 + Math.floor(index / 10),
    sent: `${first.toLowerCase()}.sample${index}@example.com`,
    status: pending ? "NOT_PROCESSED" : matched ? "FULL_MATCH" : "NO_MATCH",
    zi_id: matched ? String(1000000 + index) : "",
    from_cache: !pending && index < 40,
    values: columns.map((c) => (matched ? (values[c] ?? "") : "")),
  };
}

const CONTACT_COLUMNS: Array<[string, MatchInput | null, string[]]> = [
  ["First Name", "first_name", ["Ada", "Grace", "Alan"]],
  ["Last Name", "last_name", ["Lovelace", "Hopper", "Turing"]],
  ["Email", "email", ["ada@sample-analytics.example", "grace@example-logistics.example", "alan@mock-robotics.example"]],
  ["Company", "company_name", ["Sample Analytics", "Example Logistics", "Mock Robotics"]],
  ["Phone", "phone", ["+1 415 555 0100", "+1 212 555 0199", "+44 20 7946 0958"]],
  ["Notes", null, ["call back next week", "met at conference"]],
];

const COMPANY_COLUMNS: Array<[string, MatchInput | null, string[]]> = [
  ["Account Name", "company_name", ["Sample Analytics", "Example Logistics", "Mock Robotics"]],
  ["Website", "website", ["sample-analytics.example", "example-logistics.example", "mock-robotics.example"]],
  ["Phone", "phone", ["+1 415 555 0100", "+1 212 555 0199"]],
  ["Notes", null, ["renewal in Q3"]],
];

export const MOCK_ESTIMATE: Estimate = {
  rows: 500,
  invalid_rows: 25,
  distinct_keys: 450,
  duplicate_rows: 25,
  cached_keys: 40,
  done_keys: 0,
  to_send: 410,
  max_credits: 410,
  credits_spent: 0,
};

/** Matched share of the keys sent, in the simulated run. */
const MATCH_RATE = 0.85;

function baseName(path: string) {
  return path.split(/[\\/]/).pop() ?? path;
}

/** The Enrich part of the in-memory backend: plans, a simulated run, export, job history. */
export class MockEnrich {
  private nextJobId = 41;
  private jobs: JobSummary[];
  private plans = new Map<number, EnrichPlan>();
  private running: {
    jobId: number;
    paused: boolean;
    cancelled: boolean;
    onProgress: (progress: EnrichProgress) => void;
    resolve: (outcome: RunOutcome) => void;
  } | null = null;
  private dropHandlers = new Set<(event: FileDropEvent) => void>();
  private heldPlan: { onProgress?: (progress: PlanProgress) => void; release: (cancelled: boolean) => void } | null = null;

  constructor(private readonly options: MockEnrichOptions = {}) {
    this.jobs = [...(options.jobs ?? [])];
  }

  /** A plan as `planEnrichment` gives it: held first when the tests drive planning. */
  async planHeld(request: EnrichRequest, onProgress?: (progress: PlanProgress) => void): Promise<EnrichPlan> {
    if (this.options.holdPlans) {
      const cancelled = await new Promise<boolean>((release) => {
        this.heldPlan = { onProgress, release };
      });
      this.heldPlan = null;
      if (cancelled) {
        throw new BackendError("cancelled", "Stopped before the end, as asked. Nothing was stored and nothing was spent.");
      }
    }
    return this.plan(request);
  }

  /** Tests: the held plan reports how far it has read. */
  planProgress(progress: PlanProgress) {
    if (!this.heldPlan) throw new Error("no plan is being read");
    this.heldPlan.onProgress?.(progress);
  }

  /** Tests: the held plan ends with its estimate. */
  finishPlanning() {
    this.heldPlan?.release(false);
  }

  cancelPlanning() {
    this.heldPlan?.release(true);
  }

  plan(request: EnrichRequest): EnrichPlan {
    const name = baseName(request.input);
    if (!/\.(csv|tsv|txt|xlsx|xls|xlsm|ods)$/i.test(name)) {
      throw new BackendError(
        "unreadable_file",
        `${request.input} is not a spreadsheet (it looks like a ${name.split(".").pop()?.toUpperCase() ?? "binary"} file). Choose a CSV or Excel file.`,
      );
    }
    const columns = request.kind === "contact" ? CONTACT_COLUMNS : COMPANY_COLUMNS;
    const mapping: ColumnMapping[] = columns.map(([header, input, samples], column) => ({
      column,
      header,
      input,
      source: input ? "header" : "unmapped",
      confidence: input ? 95 : 0,
      samples,
    }));
    for (const override of request.mapping_overrides) {
      const [column = "", input = "none"] = override.split("=");
      const number = Number(column.replace("#", "")) - 1;
      const target = mapping.find((m) => m.column === number || m.header === column);
      if (!target) throw new BackendError("mapping", `There is no column '${column}'.`);
      target.input = input === "none" ? null : (input as MatchInput);
      target.source = "user";
      target.confidence = 100;
    }
    const usable = mapping.some((m) => m.input === "email" || m.input === "company_name" || m.input === "website");
    if (!usable) {
      throw new BackendError(
        "mapping",
        `Found columns: ${mapping.map((m) => m.header).join(", ")}. To match ${request.kind === "contact" ? "contacts" : "companies"}, the file needs an email column, or a name and a company.`,
      );
    }
    // Each column the user turns off loses a few keys (a visible change to the estimate).
    const ignored = 10 * mapping.filter((m) => m.input === null && m.source === "user").length;
    const estimate = { ...MOCK_ESTIMATE, to_send: MOCK_ESTIMATE.to_send - ignored, max_credits: MOCK_ESTIMATE.max_credits - ignored };
    const jobId = this.nextJobId++;
    const plan: EnrichPlan = {
      job_id: jobId,
      resumed: false,
      kind: request.kind,
      source: request.input,
      headers: mapping.map((m) => m.header),
      mapping,
      estimate,
      state: "ready",
    };
    this.plans.set(jobId, plan);
    this.upsertJob({
      id: jobId,
      kind: request.kind,
      source: request.input,
      state: "ready",
      stop_reason: null,
      rows: estimate.rows,
      keys_pending: estimate.to_send,
      credits_spent: 0,
      possibly_charged_twice: 0,
      updated_at: new Date().toISOString(),
    });
    return plan;
  }

  private upsertJob(job: JobSummary) {
    this.jobs = [job, ...this.jobs.filter((j) => j.id !== job.id)];
  }

  private job(jobId: number): JobSummary {
    const job = this.jobs.find((j) => j.id === jobId);
    if (!job) throw new BackendError("invalid_input", `No job ${jobId}.`);
    return job;
  }

  listJobs(): JobSummary[] {
    return [...this.jobs];
  }

  /** Starts a run; the promise settles when the run ends. */
  start(
    jobId: number,
    budget: number | null,
    onProgress: (progress: EnrichProgress) => void,
    minAccuracy: number | null = null,
  ): Promise<RunOutcome> {
    const job = this.job(jobId);
    if (minAccuracy !== null && job.kind !== "contact") {
      throw new BackendError("invalid_input", "A minimum accuracy applies to contacts only: companies have no accuracy score.");
    }
    if (minAccuracy !== null && (minAccuracy < 70 || minAccuracy > 99)) {
      throw new BackendError("invalid_input", `A minimum accuracy of ${minAccuracy} is out of ZoomInfo's range: choose 70 to 99, or none.`);
    }
    if (this.running) {
      throw new BackendError("already_running", `Job ${this.running.jobId} is already running. Wait for it, or cancel it first.`);
    }
    const started = Date.now();
    const total = Math.max(job.keys_pending, 1);
    return new Promise<RunOutcome>((resolve) => {
      const run = { jobId, paused: false, cancelled: false, onProgress, resolve };
      this.running = run;
      const progress: EnrichProgress = {
        job_id: jobId,
        keys_total: total,
        keys_settled: 0,
        matched_keys: 0,
        credits_spent: job.credits_spent,
        rate_per_second: 0,
        eta_seconds: null,
        paused: false,
      };
      onProgress({ ...progress });
      if (this.options.manual) return;
      const steps = 20;
      const tick = () => {
        if (this.running !== run) return;
        if (run.cancelled) return this.end(jobId, progress, "cancelled", started);
        if (run.paused) {
          if (!progress.paused) onProgress({ ...progress, paused: true });
          progress.paused = true;
          setTimeout(tick, this.options.stepMs ?? 150);
          return;
        }
        progress.paused = false;
        const step = Math.ceil(total / steps);
        const room = budget === null ? Infinity : budget - progress.credits_spent;
        const creditRoom = (this.options.creditsLeft ?? Infinity) - progress.credits_spent;
        const send = Math.min(step, total - progress.keys_settled, room, creditRoom);
        if (send <= 0) {
          const code = total - progress.keys_settled <= 0 ? null : creditRoom <= 0 ? "credit_limit" : "budget";
          return this.end(jobId, progress, code, started, budget);
        }
        progress.keys_settled += send;
        const matched = Math.round(send * MATCH_RATE);
        progress.matched_keys += matched;
        progress.credits_spent += matched;
        const seconds = (Date.now() - started) / 1000 || 0.1;
        progress.rate_per_second = progress.keys_settled / seconds;
        progress.eta_seconds = (total - progress.keys_settled) / progress.rate_per_second;
        onProgress({ ...progress });
        setTimeout(tick, this.options.stepMs ?? 150);
      };
      setTimeout(tick, this.options.stepMs ?? 150);
    });
  }

  /** Tests: send a progress event of the running job. */
  emit(progress: Partial<EnrichProgress>) {
    const run = this.running;
    if (!run) throw new Error("no job is running");
    run.onProgress({
      job_id: run.jobId,
      keys_total: 410,
      keys_settled: 0,
      matched_keys: 0,
      credits_spent: 0,
      rate_per_second: 0,
      eta_seconds: null,
      paused: run.paused,
      ...progress,
    });
  }

  /** Tests: end the running job with this outcome. */
  finish(outcome: Partial<RunOutcome> = {}) {
    const run = this.running;
    if (!run) throw new Error("no job is running");
    this.running = null;
    const full: RunOutcome = {
      job_id: run.jobId,
      state: "completed",
      stop_reason: null,
      stop_code: null,
      credits_spent: 0,
      possibly_charged_twice: this.job(run.jobId).possibly_charged_twice,
      keys_pending: 0,
      requests: 0,
      seconds: 1,
      ...outcome,
    };
    this.settle(full);
    run.resolve(full);
  }

  private end(jobId: number, progress: EnrichProgress, code: string | null, started: number, budget?: number | null) {
    const run = this.running;
    this.running = null;
    const pending = progress.keys_total - progress.keys_settled;
    const reasons: Record<string, string> = {
      budget: `Stopped at the budget of ${budget ?? 0} credits with ${pending} people or companies still to enrich. Run it again with a higher budget to continue; nothing bought is lost.`,
      credit_limit: "Stopped: the ZoomInfo account is out of credits (ZoomInfo answered LIMIT_EXCEEDED). What was bought is kept; run the same job again once credits are added.",
      cancelled: "Cancelled. What was bought is kept; run the same job again to continue.",
    };
    const outcome: RunOutcome = {
      job_id: jobId,
      state: code ? "stopped" : "completed",
      stop_reason: code ? (reasons[code] ?? null) : null,
      stop_code: code,
      credits_spent: progress.credits_spent,
      possibly_charged_twice: this.job(jobId).possibly_charged_twice + (this.options.chargedTwice ?? 0),
      keys_pending: pending,
      requests: Math.ceil(progress.keys_settled / 25),
      seconds: (Date.now() - started) / 1000,
    };
    this.settle(outcome);
    run?.resolve(outcome);
  }

  private settle(outcome: RunOutcome) {
    const job = this.job(outcome.job_id);
    this.upsertJob({
      ...job,
      state: outcome.state,
      stop_reason: outcome.stop_reason,
      keys_pending: outcome.keys_pending,
      credits_spent: outcome.credits_spent,
      possibly_charged_twice: outcome.possibly_charged_twice,
      updated_at: new Date().toISOString(),
    });
  }

  private control(jobId: number): NonNullable<MockEnrich["running"]> {
    if (!this.running || this.running.jobId !== jobId) {
      throw new BackendError("not_running", `Job ${jobId} is not running (it may have just finished).`);
    }
    return this.running;
  }

  pause(jobId: number) {
    this.control(jobId).paused = true;
  }

  resume(jobId: number) {
    this.control(jobId).paused = false;
  }

  cancel(jobId: number) {
    const run = this.control(jobId);
    run.cancelled = true;
    if (this.options.manual) this.end(jobId, { job_id: jobId, keys_total: 0, keys_settled: 0, matched_keys: 0, credits_spent: 0, rate_per_second: 0, eta_seconds: null, paused: false }, "cancelled", Date.now());
  }

  export(jobId: number, path: string): EnrichSummary {
    const job = this.job(jobId);
    if (!/\.(csv|xlsx)$/i.test(path)) {
      throw new BackendError("invalid_input", "Save the output as .csv or .xlsx.");
    }
    const settled = job.rows - job.keys_pending;
    const invalid = Math.min(25, job.rows);
    const fromCache = Math.min(40, settled);
    const matched = Math.max(0, Math.round((settled - invalid) * MATCH_RATE));
    return {
      rows: job.rows,
      matched,
      low_confidence: job.kind === "contact" ? Math.floor(matched / 2) : 0,
      no_match: Math.max(0, settled - invalid - matched),
      invalid,
      from_cache: fromCache,
      not_processed: job.keys_pending,
      credits_spent: job.credits_spent,
      output: path,
    };
  }

  outputColumns(kind: RecordKind): OutputColumns {
    const withheld = this.options.withheldFields ?? ["techSkills", "engagements"];
    const listed: OutputField[] = (kind === "contact" ? CONTACT_FIELDS : COMPANY_FIELDS).map(([fieldName, description]) => ({
      fieldName,
      description,
      accessGranted: !withheld.includes(fieldName),
    }));
    const granted = listed.filter((f) => f.accessGranted).map((f) => f.fieldName);
    const defaults = (kind === "contact" ? CONTACT_OUTPUT : COMPANY_OUTPUT).filter((f) => granted.includes(f));
    const fields = [
      ...defaults.map((name) => listed.find((f) => f.fieldName === name) as OutputField),
      ...listed.filter((f) => !defaults.includes(f.fieldName)),
    ];
    return {
      available: fields.filter((f) => f.accessGranted).map((f) => f.fieldName),
      default: defaults,
      fields,
      from_account: true,
    };
  }

  review(jobId: number, query: ReviewQuery): ReviewPage {
    const job = this.job(jobId);
    const size = this.options.reviewSize ?? Math.max(0, job.rows - 50);
    const settled = Math.max(0, size - job.keys_pending);
    const columns = query.columns.length > 0 ? query.columns : this.outputColumns(job.kind as RecordKind).default;
    const text = query.text?.trim().toLowerCase() ?? "";
    const keep = (line: ReviewLine, index: number) => {
      if (text && !line.sent.includes(text)) return false;
      switch (query.facet) {
        case "matched":
          return line.zi_id !== "";
        case "no_match":
          return line.status === "NO_MATCH";
        case "pending":
          return line.status === "NOT_PROCESSED";
        case "from_cache":
          return line.from_cache;
        case "low_confidence":
          return contacts && line.zi_id !== "" && accuracyScore(index) < LOW_CONFIDENCE_BELOW;
        default:
          return true;
      }
    };
    const contacts = job.kind === "contact";
    const counts: ReviewCounts = {
      total: size,
      matched: 0,
      no_match: 0,
      pending: 0,
      from_cache: 0,
      low_confidence: 0,
      low_confidence_below: LOW_CONFIDENCE_BELOW,
    };
    const lines: ReviewLine[] = [];
    let total = 0;
    // Unfiltered pages of a big job are made on demand, so a 100,000-line review stays cheap.
    const filtered = Boolean(text || query.facet);
    for (let index = 0; index < size; index++) {
      const line = filtered ? reviewLine(index, settled, columns) : null;
      const pending = index >= settled;
      const matched = !pending && index % 7 !== 3;
      counts.matched += matched ? 1 : 0;
      counts.no_match += !pending && !matched ? 1 : 0;
      counts.pending += pending ? 1 : 0;
      counts.from_cache += !pending && index < 40 ? 1 : 0;
      counts.low_confidence += contacts && matched && accuracyScore(index) < LOW_CONFIDENCE_BELOW ? 1 : 0;
      if (!filtered) continue;
      if (line && keep(line, index)) {
        if (total >= query.offset && lines.length < query.limit) lines.push(line);
        total++;
      }
    }
    if (!filtered) {
      total = size;
      for (let index = query.offset; index < Math.min(size, query.offset + query.limit); index++) {
        lines.push(reviewLine(index, settled, columns));
      }
    }
    return { total, offset: query.offset, columns, lines, counts: query.offset === 0 ? counts : null };
  }

  sampleFile(kind: RecordKind): string {
    return `/home/you/.local/share/com.zi-console.app/samples/sample-${kind === "contact" ? "contacts" : "companies"}.csv`;
  }

  onFileDrop(handler: (event: FileDropEvent) => void): () => void {
    this.dropHandlers.add(handler);
    return () => this.dropHandlers.delete(handler);
  }

  /** Tests and the browser preview: act as if files were dropped on the window. */
  drop(paths: string[]) {
    for (const handler of this.dropHandlers) handler({ type: "drop", paths });
  }
}
