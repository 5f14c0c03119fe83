import { useCallback, useEffect, useRef, useState } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { useBackend } from "../api/context";
import type {
  EnrichPlan,
  EnrichProgress,
  EnrichSummary,
  JobSummary,
  MatchInput,
  ConnectorRun,
  ConnectorSummary,
  PlanProgress,
  RecordKind,
  RunOutcome,
} from "../api/types";
import { toBackendError } from "../api/errors";
import { formatCount } from "../lib/format";
import { ErrorMessage } from "../components/ErrorMessage";
import { PageHeader } from "../components/PageHeader";
import { RequireSession } from "../components/RequireSession";
import { Spinner } from "../components/Spinner";
import { ConnectorRuns } from "../components/enrich/ConnectorRuns";
import { ColumnPicker } from "../components/enrich/ColumnPicker";
import { EstimateCard } from "../components/enrich/EstimateCard";
import { FilePicker } from "../components/enrich/FilePicker";
import { JobHistory } from "../components/enrich/JobHistory";
import { exportName } from "../components/enrich/labels";
import { MappingEditor } from "../components/enrich/MappingEditor";
import { RunProgress } from "../components/enrich/RunProgress";
import { RunReview } from "../components/enrich/RunReview";
import { ThenAsk, useThenAskSummary } from "../components/enrich/ThenAsk";
import { useConnectors } from "../hooks/useConnectors";
import { useAppStatus } from "../hooks/queries";
import { takeEnrichHandoff } from "../hooks/enrichHandoff";
import { enrichKeys, useFileDrop, useJobs, useKeptState } from "../hooks/useEnrich";
import "../components/enrich/enrich.css";
import "../components/connectors/connectors.css";

/** The job a run or review is about, and the ZoomInfo fields chosen for it (empty: defaults). */
type JobRef = {
  jobId: number;
  source: string;
  kind: RecordKind | string;
  columns: string[];
  /** Contacts only: the minimum accuracy the job was started with (kept for resuming). */
  minAccuracy: number | null;
  /** The connectors asked after ZoomInfo, in order (`file.json` or `file.json:action`). */
  connectors: string[];
};

/**
 * What the connectors did after the ZoomInfo run: asking (their names, and the one being asked
 * now with its progress), or their lines.
 */
type ConnectorsState = { asking: string | null; progress: ConnectorRun | null; runs: ConnectorRun[] | null; error: unknown };

const NO_CONNECTORS: ConnectorsState = { asking: null, progress: null, runs: null, error: null };

type Stage =
  | { name: "pick" }
  | { name: "planning"; input: string }
  | {
      name: "plan";
      plan: EnrichPlan;
      overrides: Record<number, MatchInput | "none">;
      columns: string[];
      connectors: string[];
    }
  | { name: "run"; job: JobRef; progress: EnrichProgress | null; paused: boolean; cancelling: boolean }
  | {
      name: "review";
      job: JobRef;
      outcome: RunOutcome | null;
      matched: number | null;
      runError: unknown;
      summary: EnrichSummary | null;
      connectors: ConnectorsState;
    };

/** What the planning panel says: rows read so far, then the cache check. */
function planningLabel(progress: PlanProgress | null): string {
  if (!progress) return "Reading the file and estimating the cost…";
  const rows = formatCount(progress.rows_read);
  return progress.reading ? `Reading the file… ${rows} rows so far` : `Checking ${rows} rows against the cache…`;
}

/** "Acme People, Globex" for the chosen `file.json[:action]` values. */
function connectorNames(chosen: string[], library: ConnectorSummary[]): string {
  const names = chosen.map((choice) => {
    const file = choice.split(":")[0];
    return library.find((c) => c.file_name === file)?.name ?? file;
  });
  return [...new Set(names)].join(", ");
}

function toOverrides(overrides: Record<number, MatchInput | "none">): string[] {
  return Object.entries(overrides).map(([column, input]) => `#${Number(column) + 1}=${input}`);
}

function Enrich() {
  const backend = useBackend();
  const client = useQueryClient();
  const demo = useAppStatus().data?.demo ?? false;
  const jobs = useJobs(true);
  const library = useConnectors();
  const [kind, setKind] = useState<RecordKind>("contact");
  // Kept while the app runs, so a job keeps showing its progress after a visit to another screen.
  const [stage, setStage] = useKeptState<Stage>(backend, { name: "pick" });
  const thenAskSummary = useThenAskSummary(stage.name === "plan" ? stage.connectors : []);
  const [error, setError] = useState<unknown>(null);
  const [replanning, setReplanning] = useState(false);
  const [planProgress, setPlanProgress] = useState<PlanProgress | null>(null);
  const [exporting, setExporting] = useState(false);
  const [exportError, setExportError] = useState<unknown>(null);
  // The latest stage, for callbacks that outlive a render (progress, run end).
  const stageRef = useRef(stage);
  stageRef.current = stage;

  const refreshJobs = useCallback(() => void client.invalidateQueries({ queryKey: enrichKeys.jobs }), [client]);

  const plan = useCallback(
    async (input: string, planKind: RecordKind) => {
      setError(null);
      setExportError(null);
      setStage({ name: "planning", input });
      setPlanProgress(null);
      try {
        const result = await backend.planEnrichment(
          { kind: planKind, input, mapping_overrides: [], columns: [] },
          setPlanProgress,
        );
        setStage({ name: "plan", plan: result, overrides: {}, columns: [], connectors: [] });
      } catch (err) {
        // Cancelling is the user's own doing: back to choosing a file, without an error.
        if (toBackendError(err).code !== "cancelled") setError(err);
        setStage({ name: "pick" });
      } finally {
        refreshJobs();
      }
    },
    [backend, refreshJobs, setStage],
  );

  // A file handed over by another screen ("Enrich selected" on Search) is planned on arrival;
  // while a job runs it waits until the screen is opened again after the run.
  useEffect(() => {
    if (stage.name === "run" || stage.name === "planning") return;
    const file = takeEnrichHandoff(backend);
    if (!file) return;
    setKind(file.kind);
    void plan(file.path, file.kind);
    // Only on arrival at the screen.
    // eslint-disable-next-line react-hooks/exhaustive-deps -- on arrival only, not on each stage
  }, []);

  const running = stage.name === "run";
  const canDrop = stage.name === "pick" || stage.name === "plan" || stage.name === "review";
  const dragging = useFileDrop(canDrop, (path) => void plan(path, kind));

  const chooseFile = async () => {
    setError(null);
    try {
      const path = await backend.chooseFile("spreadsheet");
      if (path) await plan(path, kind);
    } catch (err) {
      setError(err);
    }
  };

  const trySample = async () => {
    setError(null);
    try {
      await plan(await backend.demoSampleFile(kind), kind);
    } catch (err) {
      setError(err);
    }
  };

  const remap = async (column: number, input: MatchInput | "none") => {
    if (stage.name !== "plan") return;
    const overrides = { ...stage.overrides, [column]: input };
    setError(null);
    setReplanning(true);
    try {
      const result = await backend.planEnrichment({
        kind: stage.plan.kind,
        input: stage.plan.source,
        mapping_overrides: toOverrides(overrides),
        columns: [],
      });
      setStage({ ...stage, plan: result, overrides });
    } catch (err) {
      // The last good mapping and estimate stay; the message says what is wrong.
      setError(err);
    } finally {
      setReplanning(false);
      refreshJobs();
    }
  };

  const run = async (job: JobRef, budget: number | null) => {
    setError(null);
    setExportError(null);
    setStage({ name: "run", job, progress: null, paused: false, cancelling: false });
    let last: EnrichProgress | null = null;
    try {
      const outcome = await backend.startEnrichment(job.jobId, budget, job.columns, job.minAccuracy, (progress) => {
        // The history shows the job as running from its first event on.
        if (last === null) refreshJobs();
        last = progress;
        setStage((current) =>
          current.name === "run" && current.job.jobId === job.jobId ? { ...current, progress } : current,
        );
      });
      // The connectors are asked about what ZoomInfo left unmatched, so only once its run is done.
      const askConnectors = outcome.state === "completed" && job.connectors.length > 0;
      setStage({
        name: "review",
        job,
        outcome,
        matched: (last as EnrichProgress | null)?.matched_keys ?? null,
        runError: null,
        summary: null,
        connectors: askConnectors ? { ...NO_CONNECTORS, asking: connectorNames(job.connectors, library.data ?? []) } : NO_CONNECTORS,
      });
      if (askConnectors) await askAfter(job);
    } catch (err) {
      setStage({ name: "review", job, outcome: null, matched: null, runError: err, summary: null, connectors: NO_CONNECTORS });
    } finally {
      refreshJobs();
    }
  };

  /** Runs the chosen connectors after ZoomInfo; their lines (or failure) join the job's review. */
  const askAfter = async (job: JobRef) => {
    let connectors: ConnectorsState;
    try {
      const runs = await backend.runConnectors(job.jobId, job.connectors, (progress) =>
        setStage((current) =>
          current.name === "review" && current.job.jobId === job.jobId && current.connectors.asking
            ? { ...current, connectors: { ...current.connectors, progress } }
            : current,
        ),
      );
      connectors = { ...NO_CONNECTORS, runs };
    } catch (err) {
      connectors = { ...NO_CONNECTORS, error: err };
    }
    setStage((current) => (current.name === "review" && current.job.jobId === job.jobId ? { ...current, connectors } : current));
  };

  const control = async (action: "pause" | "resume" | "cancel") => {
    const current = stageRef.current;
    if (current.name !== "run") return;
    const { jobId } = current.job;
    setStage({
      ...current,
      paused: action === "pause" ? true : action === "resume" ? false : current.paused,
      cancelling: action === "cancel",
    });
    try {
      if (action === "pause") await backend.pauseEnrichment(jobId);
      else if (action === "resume") await backend.resumeEnrichment(jobId);
      else await backend.cancelEnrichment(jobId);
    } catch (err) {
      // "not running": the run just ended, and its outcome is on its way.
      setError(err);
    }
  };

  const exportJob = async (job: JobRef, from: Stage | null) => {
    setExportError(null);
    let path: string | null;
    try {
      path = await backend.chooseSavePath("spreadsheet", exportName(job.source));
    } catch (err) {
      setExportError(err);
      return;
    }
    if (!path) return;
    const base: Extract<Stage, { name: "review" }> =
      from?.name === "review" && from.job.jobId === job.jobId
        ? from
        : { name: "review", job, outcome: null, matched: null, runError: null, summary: null, connectors: NO_CONNECTORS };
    setStage(base);
    setExporting(true);
    try {
      // The job remembers the connectors it ran: the backend writes their columns itself.
      const summary = await backend.exportEnrichment(job.jobId, path, job.columns);
      setStage({ ...base, summary });
    } catch (err) {
      setExportError(err);
    } finally {
      setExporting(false);
      refreshJobs();
    }
  };

  const historyJob = (job: JobSummary): JobRef => ({ jobId: job.id, source: job.source, kind: job.kind, columns: [], minAccuracy: null, connectors: [] });
  const reset = () => {
    setError(null);
    setExportError(null);
    setStage({ name: "pick" });
  };

  return (
    <div className="enrich">
      {dragging && (
        <div className="drop-overlay" aria-hidden="true">
          <p>Drop the file to plan it</p>
        </div>
      )}
      {error !== null && <ErrorMessage error={error} />}

      {stage.name === "pick" && (
        <FilePicker
          kind={kind}
          onKind={setKind}
          onChoose={() => void chooseFile()}
          onSample={demo ? () => void trySample() : undefined}
          dragging={dragging}
          busy={false}
        />
      )}
      {stage.name === "planning" && (
        <section className="panel">
          <Spinner label={planningLabel(planProgress)} />
          <button type="button" className="button" onClick={() => void backend.cancelPlanning()} autoFocus>
            Cancel
          </button>
        </section>
      )}
      {stage.name === "plan" && (
        <>
          <div className="plan-grid">
            <MappingEditor kind={stage.plan.kind} mapping={stage.plan.mapping} busy={replanning} onChange={(c, i) => void remap(c, i)} />
            <EstimateCard
              plan={stage.plan}
              thenAsk={
                <ThenAsk
                  jobId={stage.plan.job_id}
                  chosen={stage.connectors}
                  onChange={(connectors) => setStage({ ...stage, connectors })}
                />
              }
              thenAskSummary={thenAskSummary}
              busy={replanning}
              onStart={(budget, minAccuracy) =>
                void run(
                                    {
                    jobId: stage.plan.job_id,
                    source: stage.plan.source,
                    kind: stage.plan.kind,
                    columns: stage.columns,
                    minAccuracy,
                    connectors: stage.connectors,
                  },
                  budget,
                )
              }
              onCancel={reset}
            />
          </div>
          <ColumnPicker
            kind={stage.plan.kind}
            value={stage.columns}
            onChange={(columns) => setStage({ ...stage, columns })}
          />
        </>
      )}
      {stage.name === "run" && (
        <RunProgress
          source={stage.job.source}
          kind={stage.job.kind}
          progress={stage.progress}
          paused={stage.paused}
          cancelling={stage.cancelling}
          onPause={() => void control("pause")}
          onResume={() => void control("resume")}
          onCancel={() => void control("cancel")}
        />
      )}
      {stage.name === "review" && (
        <RunReview
          jobId={stage.job.jobId}
          columns={stage.job.columns}
          source={stage.job.source}
          kind={stage.job.kind}
          outcome={stage.outcome}
          matched={stage.matched}
          runError={stage.runError}
          summary={stage.summary}
          connectors={<ConnectorRuns {...stage.connectors} />}
          exporting={exporting}
          waiting={stage.connectors.asking !== null}
          exportError={exportError}
          onExport={() => void exportJob(stage.job, stage)}
          onResume={
            (stage.outcome && stage.outcome.keys_pending > 0) || stage.runError
              ? () => void run(stage.job, null)
              : null
          }
          onDone={reset}
        />
      )}

      <JobHistory
        jobs={jobs.data}
        error={jobs.error}
        live={running ? { jobId: stage.job.jobId, progress: stage.progress, paused: stage.paused } : null}
        busy={running || exporting}
        onResume={(job) => void run(historyJob(job), null)}
        onExport={(job) => void exportJob(historyJob(job), null)}
      />
    </div>
  );
}

export function EnrichScreen() {
  return (
    <div className="screen">
      <PageHeader
        title="Enrich"
        description="Append ZoomInfo data to a spreadsheet of contacts or companies. You see the cost before anything is spent, and a stopped job resumes without paying twice."
      />
      <RequireSession>
        <Enrich />
      </RequireSession>
    </div>
  );
}
