import type { BackendError } from "../../api/errors";
import type { EnrichProgress, JobSummary } from "../../api/types";
import { formatCount, formatWhen } from "../../lib/format";
import { ErrorMessage } from "../ErrorMessage";
import { baseName, chargedTwiceLabel, CHARGED_TWICE_WHY, stateLabel } from "./labels";

/** The job this window is running now, as its progress shows it. */
export interface LiveJob {
  jobId: number;
  progress: EnrichProgress | null;
  paused: boolean;
}

/**
 * The running job's line with the live figures: the stored ones are only rewritten when the
 * run ends, and a pause is not stored at all.
 */
function withLiveFigures(job: JobSummary, live: LiveJob | null): JobSummary & { paused: boolean } {
  if (!live || live.jobId !== job.id) return { ...job, paused: false };
  const { progress } = live;
  return {
    ...job,
    state: "running",
    paused: live.paused,
    keys_pending: progress ? Math.max(0, progress.keys_total - progress.keys_settled) : job.keys_pending,
    credits_spent: progress ? progress.credits_spent : job.credits_spent,
  };
}

/** Records ZoomInfo may have counted twice for a job, under its credits. */
function ChargedTwice({ records }: { records: number }) {
  const label = chargedTwiceLabel(records);
  if (!label) return null;
  return (
    <span className="charged-twice" title={CHARGED_TWICE_WHY}>
      {label}
    </span>
  );
}

/** Past, stopped and interrupted jobs; an unfinished one resumes with one click. */
export function JobHistory({
  jobs,
  error,
  live,
  busy,
  onResume,
  onExport,
}: {
  jobs: JobSummary[] | undefined;
  error: BackendError | null;
  /** The job this window is running now, if any. */
  live: LiveJob | null;
  busy: boolean;
  onResume: (job: JobSummary) => void;
  onExport: (job: JobSummary) => void;
}) {
  const runningJob = live?.jobId ?? null;
  const shown = (jobs ?? []).filter((job) => job.state !== "planning").map((job) => withLiveFigures(job, live));
  return (
    <section className="panel history" aria-labelledby="history-title">
      <h2 id="history-title" className="panel-title">
        Jobs
      </h2>
      {error && <ErrorMessage error={error} />}
      {shown.length === 0 && !error ? (
        <p className="muted small">No jobs yet. Each file you plan appears here, and one that stops can be resumed.</p>
      ) : (
        <div className="history-scroll">
          <table className="history-table">
            <thead>
              <tr>
                <th scope="col">File</th>
                <th scope="col">State</th>
                <th scope="col" className="numeric">Rows</th>
                <th scope="col" className="numeric">Pending</th>
                <th scope="col" className="numeric">Credits</th>
                <th scope="col">Updated</th>
                <th scope="col"><span className="visually-hidden">Actions</span></th>
              </tr>
            </thead>
            <tbody>
              {shown.map((job) => {
                const interrupted = job.state === "running" && job.id !== runningJob;
                const resumable = job.keys_pending > 0 && job.id !== runningJob && job.state !== "ready";
                const exportable = job.state !== "ready" && job.id !== runningJob;
                const label = job.paused ? "Paused" : stateLabel(job.state, interrupted);
                return (
                  <tr key={job.id}>
                    <th scope="row" title={job.source}>
                      {baseName(job.source)}
                      <span className="muted small"> · {job.kind === "company" ? "companies" : "contacts"}</span>
                    </th>
                    <td>
                      <span className={`badge badge--${interrupted || job.paused ? "stopped" : job.state}`} title={job.stop_reason ?? undefined}>
                        {label}
                      </span>
                    </td>
                    <td className="numeric">{formatCount(job.rows)}</td>
                    <td className="numeric">{formatCount(job.keys_pending)}</td>
                    <td className="numeric">
                      {formatCount(job.credits_spent)}
                      <ChargedTwice records={job.possibly_charged_twice} />
                    </td>
                    <td className="muted small nowrap">{formatWhen(job.updated_at)}</td>
                    <td>
                      <div className="history-actions">
                      {resumable && (
                        <button
                          type="button"
                          className="button button--small"
                          disabled={busy}
                          onClick={() => onResume(job)}
                          aria-label={`Resume ${baseName(job.source)} (up to ${formatCount(job.keys_pending)} credits)`}
                          title={`Up to ${formatCount(job.keys_pending)} credits`}
                        >
                          Resume
                        </button>
                      )}
                      {exportable && (
                        <button
                          type="button"
                          className="button button--small button--ghost"
                          disabled={busy}
                          onClick={() => onExport(job)}
                          aria-label={`Export ${baseName(job.source)}`}
                        >
                          Export…
                        </button>
                      )}
                      </div>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
