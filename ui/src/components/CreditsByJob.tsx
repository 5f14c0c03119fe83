import type { JobSummary } from "../api/types";
import { formatCount } from "../lib/format";
import { baseName, chargedTwiceLabel, CHARGED_TWICE_WHY } from "./enrich/labels";

/** Jobs shown; the rest are summed into one line. */
const SHOWN_JOBS = 8;

const STATE_LABELS: Record<string, string> = {
  completed: "completed",
  stopped: "stopped",
  running: "interrupted",
  failed: "failed",
  ready: "not started",
};

/**
 * Where the credits went, job by job, from the local ledger: the biggest spenders as bars, so a
 * RevOps lead can reconcile the account's usage with the files that used it.
 */
export function CreditsByJob({ jobs }: { jobs: JobSummary[] }) {
  const spending = jobs.filter((j) => j.credits_spent > 0).sort((a, b) => b.credits_spent - a.credits_spent);
  const shown = spending.slice(0, SHOWN_JOBS);
  const others = spending.slice(SHOWN_JOBS).reduce((sum, j) => sum + j.credits_spent, 0);
  const total = spending.reduce((sum, j) => sum + j.credits_spent, 0);
  const widest = shown[0]?.credits_spent ?? 1;
  const twice = jobs.reduce((sum, j) => sum + j.possibly_charged_twice, 0);

  return (
    <section className="panel credits-by-job" aria-labelledby="credits-by-job-title">
      <div className="enrich-panel-head">
        <h2 id="credits-by-job-title" className="panel-title">
          Credits by job
        </h2>
        <p className="muted small">{formatCount(total)} credits in all, from this computer's ledger</p>
      </div>
      {twice > 0 && (
        <p className="small charged-twice" title={CHARGED_TWICE_WHY}>
          Up to {formatCount(twice)} records may have been counted twice by ZoomInfo: answers lost on the way were sent
          again. The jobs concerned say how many.
        </p>
      )}
      {shown.length === 0 ? (
        <p className="muted">No enrichment has spent credits yet.</p>
      ) : (
        <ul className="job-bars" aria-label="Credits spent per job">
          {shown.map((job) => (
            <li key={job.id} className="job-bar">
              <span className="job-bar-name" title={job.source}>
                {baseName(job.source)}
                <span className="muted small"> · {STATE_LABELS[job.state] ?? job.state}</span>
                {job.possibly_charged_twice > 0 && (
                  <span className="small charged-twice" title={CHARGED_TWICE_WHY}>
                    {" "}
                    · {chargedTwiceLabel(job.possibly_charged_twice)}
                  </span>
                )}
              </span>
              <span className="job-bar-track" aria-hidden="true">
                <span className="job-bar-fill" style={{ width: `${(job.credits_spent / widest) * 100}%` }} />
              </span>
              <span className="job-bar-value">{formatCount(job.credits_spent)}</span>
            </li>
          ))}
          {others > 0 && (
            <li className="job-bar">
              <span className="job-bar-name muted">{formatCount(spending.length - SHOWN_JOBS)} other jobs</span>
              <span className="job-bar-track" aria-hidden="true" />
              <span className="job-bar-value">{formatCount(others)}</span>
            </li>
          )}
        </ul>
      )}
    </section>
  );
}
