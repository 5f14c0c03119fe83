import type { ConnectorRun } from "../../api/types";
import { formatCount } from "../../lib/format";
import { ErrorMessage } from "../ErrorMessage";
import { Icon } from "../Icon";
import { Spinner } from "../Spinner";

/** "Acme People: asked about 52 rows ZoomInfo did not match · 40 calls · 12 from earlier calls · 38 matched". */
export function runText(run: ConnectorRun): string {
  const parts = [
    `${run.connector}: asked about ${formatCount(run.asked)} rows ZoomInfo did not match`,
    `${formatCount(run.calls)} calls`,
    ...(run.from_cache > 0 ? [`${formatCount(run.from_cache)} from earlier calls`] : []),
    `${formatCount(run.matched)} matched`,
    ...(run.no_input > 0 ? [`${formatCount(run.no_input)} without the input it needs`] : []),
  ];
  return parts.join(" · ");
}

/** Why a connector stopped early: its budget is a warning (a later run goes on), anything else an error. */
function StopNote({ run }: { run: ConnectorRun }) {
  if (!run.stopped) return null;
  return (
    <div className={`callout callout--compact ${run.over_budget ? "callout--warning" : "callout--error"}`} role="alert">
      <Icon name="alert" className="callout-icon" />
      <p>{run.stopped}</p>
    </div>
  );
}

/** The connector being asked now: rows asked of those it has to ask, calls and matches so far. */
function AskingProgress({ progress }: { progress: ConnectorRun }) {
  const { connector, to_ask: total, asked } = progress;
  const percent = total > 0 ? Math.min(100, Math.round((asked / total) * 100)) : 0;
  const text = `${formatCount(asked)} of ${formatCount(total)} rows`;
  return (
    <div className="connector-progress">
      <p>
        Asking {connector} about the rows ZoomInfo did not match: {text} · {formatCount(progress.calls)} calls ·{" "}
        {formatCount(progress.matched)} matched
      </p>
      <div
        className="usage-track"
        role="progressbar"
        aria-label={`${connector}'s progress`}
        aria-valuemin={0}
        aria-valuemax={total}
        aria-valuenow={asked}
        aria-valuetext={text}
      >
        <div className="usage-fill" style={{ width: `${percent}%` }} />
      </div>
    </div>
  );
}

/** What the chosen connectors did after ZoomInfo, in the review. */
export function ConnectorRuns({
  asking,
  progress,
  runs,
  error,
}: {
  asking: string | null;
  progress?: ConnectorRun | null;
  runs: ConnectorRun[] | null;
  error: unknown;
}) {
  if (asking) return progress ? <AskingProgress progress={progress} /> : <Spinner label={`Asking ${asking}…`} />;
  if (error !== null && error !== undefined) return <ErrorMessage error={error} />;
  if (!runs || runs.length === 0) return null;
  return (
    <ul className="connector-lines" aria-label="Connectors">
      {runs.map((run) => (
        <li key={`${run.connector}:${run.action}`}>
          <p>{runText(run)}</p>
          <StopNote run={run} />
        </li>
      ))}
    </ul>
  );
}
