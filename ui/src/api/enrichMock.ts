import { BackendError } from "./errors";
import { samplePlan, sampleReview, sampleSummary, type SampleConnector } from "./enrichSamples";
import type { EnrichPlan, EnrichProgress, EnrichRequest, JobSummary, PlanProgress, ReviewQuery, RunOutcome } from "./types";

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
  /**
   * Tests drive the connectors asked after ZoomInfo: `runConnectors` waits for
   * `finishConnectors()` before they have answered.
   */
  holdConnectors?: boolean;
  /** Jobs in the history at start. */
  jobs?: JobSummary[];
  /** How a simulated run ends, over the default (completed, every key settled). */
  outcome?: Partial<RunOutcome>;
}

type Run = {
  jobId: number;
  paused: boolean;
  started: number;
  progress: EnrichProgress;
  onProgress: (progress: EnrichProgress) => void;
  resolve: (outcome: RunOutcome) => void;
};

/** Matched share of the keys a simulated run settles; each match costs a credit. */
const MATCH_RATE = 0.85;

/** The Enrich part of the in-memory backend: sample plans, one run at a time, the job history. */
export class MockEnrich {
  private nextJobId = 41;
  private jobs: JobSummary[];
  private run: Run | null = null;
  private heldPlan: { onProgress?: (progress: PlanProgress) => void; release: (cancelled: boolean) => void } | null = null;
  /** The connectors each job asked after ZoomInfo, as the job remembers them. */
  private connectors = new Map<number, SampleConnector[]>();
  private heldConnectors: (() => void) | null = null;

  constructor(private readonly options: MockEnrichOptions = {}) {
    this.jobs = [...(options.jobs ?? [])];
  }

  async plan(request: EnrichRequest, onProgress?: (progress: PlanProgress) => void): Promise<EnrichPlan> {
    if (this.options.holdPlans) {
      const cancelled = await new Promise<boolean>((release) => {
        this.heldPlan = { onProgress, release };
      });
      this.heldPlan = null;
      // The screen looks only at the code; the engine's wording is tested in Rust.
      if (cancelled) throw new BackendError("cancelled", "Planning was cancelled.");
    }
    const plan = samplePlan(this.nextJobId++, request);
    this.save({
      id: plan.job_id,
      kind: plan.kind,
      source: plan.source,
      state: "ready",
      stop_reason: null,
      rows: plan.estimate.rows,
      keys_pending: plan.estimate.to_send,
      credits_spent: 0,
      possibly_charged_twice: 0,
      updated_at: new Date().toISOString(),
    });
    return plan;
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

  listJobs(): JobSummary[] {
    return [...this.jobs];
  }

  /** Starts a run; the promise settles when the run ends. */
  start(jobId: number, onProgress: (progress: EnrichProgress) => void): Promise<RunOutcome> {
    const job = this.job(jobId);
    return new Promise<RunOutcome>((resolve) => {
      const progress: EnrichProgress = {
        job_id: jobId,
        keys_total: Math.max(job.keys_pending, 1),
        keys_settled: 0,
        matched_keys: 0,
        credits_spent: job.credits_spent,
        rate_per_second: 0,
        eta_seconds: null,
        paused: false,
      };
      this.run = { jobId, paused: false, started: Date.now(), progress, onProgress, resolve };
      onProgress({ ...progress });
      if (!this.options.manual) this.simulate(this.run);
    });
  }

  /** The browser preview's run: a twentieth of the keys per step, waiting while paused. */
  private simulate(run: Run) {
    const { progress } = run;
    const step = Math.ceil(progress.keys_total / 20);
    const tick = () => {
      if (this.run !== run) return;
      if (!run.paused) {
        const sent = Math.min(step, progress.keys_total - progress.keys_settled);
        const matched = Math.round(sent * MATCH_RATE);
        progress.keys_settled += sent;
        progress.matched_keys += matched;
        progress.credits_spent += matched;
        progress.rate_per_second = progress.keys_settled / Math.max((Date.now() - run.started) / 1000, 0.1);
        progress.eta_seconds = (progress.keys_total - progress.keys_settled) / progress.rate_per_second;
        run.onProgress({ ...progress });
        if (progress.keys_settled >= progress.keys_total) {
          this.finish({ credits_spent: progress.credits_spent, ...this.options.outcome });
          return;
        }
      }
      setTimeout(tick, this.options.stepMs ?? 150);
    };
    setTimeout(tick, this.options.stepMs ?? 150);
  }

  /** Tests: send a progress event of the running job. */
  emit(progress: Partial<EnrichProgress>) {
    const run = this.running();
    run.onProgress({ ...run.progress, keys_total: 410, paused: run.paused, ...progress });
  }

  /** Tests (and the simulated run): end the running job with this outcome. */
  finish(outcome: Partial<RunOutcome> = {}) {
    const run = this.running();
    this.run = null;
    const job = this.job(run.jobId);
    const full: RunOutcome = {
      job_id: run.jobId,
      state: "completed",
      stop_reason: null,
      stop_code: null,
      credits_spent: 0,
      possibly_charged_twice: job.possibly_charged_twice,
      keys_pending: 0,
      requests: 0,
      seconds: (Date.now() - run.started) / 1000,
      ...outcome,
    };
    this.save({
      ...job,
      state: full.state,
      stop_reason: full.stop_reason,
      keys_pending: full.keys_pending,
      credits_spent: full.credits_spent,
      possibly_charged_twice: full.possibly_charged_twice,
      updated_at: new Date().toISOString(),
    });
    run.resolve(full);
  }

  pause(jobId: number) {
    if (this.run?.jobId === jobId) this.run.paused = true;
  }

  resume(jobId: number) {
    if (this.run?.jobId === jobId) this.run.paused = false;
  }

  cancel(jobId: number) {
    if (this.run?.jobId !== jobId) return;
    const { progress } = this.run;
    this.finish({
      state: "stopped",
      stop_code: "cancelled",
      credits_spent: progress.credits_spent,
      keys_pending: progress.keys_total - progress.keys_settled,
    });
  }

  /**
   * A job asks data connectors after ZoomInfo. Like the backend, it remembers them first: its
   * review shows their columns, empty, until they have answered.
   */
  async askConnectors(jobId: number, connectors: SampleConnector[]) {
    this.connectors.set(jobId, connectors.map((c) => ({ ...c, matched: 0 })));
    if (this.options.holdConnectors) {
      await new Promise<void>((release) => {
        this.heldConnectors = release;
      });
    }
    this.connectors.set(jobId, connectors);
  }

  /** Tests: the held connectors have answered. */
  finishConnectors() {
    if (!this.heldConnectors) throw new Error("no connectors are being asked");
    this.heldConnectors();
    this.heldConnectors = null;
  }

  export(jobId: number, path: string) {
    return sampleSummary(this.job(jobId), path);
  }

  review(jobId: number, query: ReviewQuery) {
    return sampleReview(this.job(jobId), query, this.connectors.get(jobId));
  }

  private running(): Run {
    if (!this.run) throw new Error("no job is running");
    return this.run;
  }

  private job(jobId: number): JobSummary {
    const job = this.jobs.find((j) => j.id === jobId);
    if (!job) throw new Error(`the mock has no job ${jobId}`);
    return job;
  }

  private save(job: JobSummary) {
    this.jobs = [job, ...this.jobs.filter((j) => j.id !== job.id)];
  }
}
