import type { ReactNode } from "react";
import type { EnrichSummary, RecordKind, RunOutcome } from "../../api/types";
import { formatCount } from "../../lib/format";
import { ErrorMessage } from "../ErrorMessage";
import { Icon } from "../Icon";
import { ShowInFolder } from "../ShowInFolder";
import { Spinner } from "../Spinner";
import { ReviewTable } from "./ReviewTable";
import { baseName, CHARGED_TWICE_WHY, formatDuration, nouns } from "./labels";

type Facet = { key: string; label: string; value: number; tone: "ok" | "muted" | "warning" | "info" };

function facets(summary: EnrichSummary, kind: RecordKind | string): Facet[] {
  const contacts = kind !== "company";
  return [
    { key: "matched", label: "Matched", value: summary.matched, tone: "ok" },
    ...(contacts
      ? [{ key: "low_confidence", label: "Low confidence (matched)", value: summary.low_confidence, tone: "warning" } as Facet]
      : []),
    { key: "no_match", label: "No match", value: summary.no_match, tone: "muted" },
    { key: "invalid", label: "Invalid input", value: summary.invalid, tone: "warning" },
    { key: "from_cache", label: "From cache (free)", value: summary.from_cache, tone: "info" },
    { key: "not_processed", label: "Not processed", value: summary.not_processed, tone: "warning" },
  ];
}

/** Why the run stopped, in the app's words (zi-core's own reason is worded for the CLI too). */
function stopText(outcome: RunOutcome, many: string): string {
  const left = `${formatCount(outcome.keys_pending)} ${many} are still to enrich`;
  switch (outcome.stop_code) {
    case "budget":
      return `Stopped at your budget after ${formatCount(outcome.credits_spent)} credits. ${left}; resume the job to continue. Nothing bought is lost or paid for twice.`;
    case "credit_limit":
      return `The ZoomInfo account has no credits left. ${left}. What was bought is kept; resume this job once credits are added.`;
    case "cancelled":
      return `${left}. What was bought is kept; resume the job to continue without paying twice.`;
    default:
      return `${left}. What was bought is kept; resume the job to try again.`;
  }
}

/** Step 5: how the run ended, export, and the per-row account of the exported file. */
export function RunReview({
  jobId,
  columns,
  source,
  kind,
  outcome,
  matched,
  runError,
  summary,
  connectors,
  waiting = false,
  exporting,
  exportError,
  onExport,
  onResume,
  onDone,
}: {
  jobId: number;
  /** The ZoomInfo fields chosen for the job (empty: the defaults). */
  columns: string[];
  source: string;
  kind: RecordKind | string;
  /** Null when the run did not get to report (it failed, or the job came from the history). */
  outcome: RunOutcome | null;
  /** Matched people/companies, from the last progress event. */
  matched: number | null;
  runError: unknown;
  summary: EnrichSummary | null;
  /** What the connectors asked after ZoomInfo did (nothing when none was chosen). */
  connectors?: ReactNode;
  /** The connectors are still being asked: exporting now would leave their columns out. */
  waiting?: boolean;
  exporting: boolean;
  exportError: unknown;
  onExport: () => void;
  onResume: (() => void) | null;
  onDone: () => void;
}) {
  const noun = nouns(kind);
  const stopped = outcome && outcome.state !== "completed";
  return (
    <section className="panel review" aria-labelledby="review-title">
      <h2 id="review-title" className="panel-title">
        {outcome?.state === "completed" ? "Enrichment complete" : outcome ? "Enrichment stopped" : "Review"}{" "}
        <span className="muted">{baseName(source)}</span>
      </h2>
      {runError !== null && runError !== undefined && <ErrorMessage error={runError} />}
      {outcome && (
        <>
          {stopped && outcome.stop_reason && (
            <div className={`callout ${outcome.stop_code === "credit_limit" ? "callout--error" : "callout--warning"}`} role="alert">
              <Icon name="alert" className="callout-icon" />
              <div className="callout-body">
                <p className="callout-title">
                  {outcome.stop_code === "credit_limit"
                    ? "Out of ZoomInfo credits"
                    : outcome.stop_code === "budget"
                      ? "Budget reached"
                      : outcome.stop_code === "cancelled"
                        ? "Cancelled"
                        : "The job stopped"}
                </p>
                <p>{stopText(outcome, noun.many)}</p>
                {(outcome.stop_code === "credit_limit" || outcome.stop_code === "error") && (
                  <p className="small muted">{outcome.stop_reason}</p>
                )}
              </div>
            </div>
          )}
          <dl className="run-stats">
            <div>
              <dt>Credits spent</dt>
              <dd>{formatCount(outcome.credits_spent)}</dd>
            </div>
            {matched !== null && (
              <div>
                <dt>Matched {noun.many}</dt>
                <dd>{formatCount(matched)}</dd>
              </div>
            )}
            {outcome.possibly_charged_twice > 0 && (
              <div title={CHARGED_TWICE_WHY}>
                <dt>May be counted twice</dt>
                <dd className="charged-twice">up to {formatCount(outcome.possibly_charged_twice)} records</dd>
              </div>
            )}
            <div>
              <dt>Still to enrich</dt>
              <dd>{formatCount(outcome.keys_pending)}</dd>
            </div>
            <div>
              <dt>Requests</dt>
              <dd>{formatCount(outcome.requests)}</dd>
            </div>
            <div>
              <dt>Time</dt>
              <dd>{formatDuration(outcome.seconds)}</dd>
            </div>
          </dl>
        </>
      )}
      {connectors}
      {summary && (
        <>
          <h3 className="facets-title">Rows of the exported file, by match status</h3>
          <ul className="facets" aria-label="Rows by match status">
            {facets(summary, kind).map((f) => (
              <li key={f.key} className={`facet facet--${f.tone}`}>
                <span className="facet-value">{formatCount(f.value)}</span>
                <span className="facet-label">{f.label}</span>
              </li>
            ))}
            <li className="facet facet--credits">
              <span className="facet-value">{formatCount(summary.credits_spent)}</span>
              <span className="facet-label">Credits spent</span>
            </li>
          </ul>
          <div className="callout callout--info" role="status">
            <Icon name="info" className="callout-icon" />
            <div className="callout-body">
              <p className="callout-title">Saved {formatCount(summary.rows)} rows</p>
              <p>
                <code className="path">{summary.output}</code> <ShowInFolder path={summary.output} />
              </p>
            </div>
          </div>
        </>
      )}
      {/* The connectors answer after ZoomInfo's run: their values are fetched once they have. */}
      {(outcome || summary) && (
        <ReviewTable jobId={jobId} kind={kind} columns={columns} refresh={waiting ? "asking connectors" : "answered"} />
      )}
      {exportError !== null && exportError !== undefined && <ErrorMessage error={exportError} />}
      {exporting && <Spinner label="Writing the file…" />}
      <div className="form-actions">
        <button type="button" className={summary ? "button" : "button button--primary"} onClick={onExport} disabled={exporting || waiting}>
          {summary ? "Export again…" : "Export…"}
        </button>
        {onResume && (
          <button type="button" className="button" onClick={onResume} disabled={exporting}>
            {outcome && outcome.keys_pending > 0
              ? `Resume (up to ${formatCount(outcome.keys_pending)} credits)`
              : "Resume job"}
          </button>
        )}
        <button type="button" className={summary ? "button button--primary" : "button button--ghost"} onClick={onDone}>
          Enrich another file
        </button>
      </div>
    </section>
  );
}
