import type { EnrichProgress, RecordKind } from "../../api/types";
import { formatCount } from "../../lib/format";
import { baseName, formatDuration, nouns } from "./labels";

/** Step 4: live figures of the running job, with Pause / Resume / Cancel. */
export function RunProgress({
  source,
  kind,
  progress,
  paused,
  cancelling,
  onPause,
  onResume,
  onCancel,
}: {
  source: string;
  kind: RecordKind | string;
  progress: EnrichProgress | null;
  paused: boolean;
  cancelling: boolean;
  onPause: () => void;
  onResume: () => void;
  onCancel: () => void;
}) {
  const noun = nouns(kind);
  const total = progress?.keys_total ?? 0;
  const settled = progress?.keys_settled ?? 0;
  const percent = total > 0 ? Math.min(100, (settled / total) * 100) : 0;
  const status = cancelling ? "Cancelling…" : paused ? (progress?.paused ? "Paused" : "Pausing…") : "Enriching…";

  return (
    <section className="panel run" aria-labelledby="run-title">
      <div className="enrich-panel-head">
        <h2 id="run-title" className="panel-title">
          {status} <span className="muted">{baseName(source)}</span>
        </h2>
        <p className="muted small">{Math.floor(percent)}%</p>
      </div>
      <div
        className="usage-track run-track"
        role="progressbar"
        aria-label="Enrichment progress"
        aria-valuemin={0}
        aria-valuemax={total}
        aria-valuenow={settled}
        aria-valuetext={`${formatCount(settled)} of ${formatCount(total)} ${noun.many} enriched`}
      >
        <div className={`usage-fill${paused ? " run-fill--paused" : ""}`} style={{ width: `${percent}%` }} />
      </div>
      <dl className="run-stats" aria-live="polite">
        <div>
          <dt>Done</dt>
          <dd>
            {formatCount(settled)} <span className="muted small">of {formatCount(total)}</span>
          </dd>
        </div>
        <div>
          <dt>Matched</dt>
          <dd>{formatCount(progress?.matched_keys ?? 0)}</dd>
        </div>
        <div>
          <dt>Credits spent</dt>
          <dd>{formatCount(progress?.credits_spent ?? 0)}</dd>
        </div>
        <div>
          <dt>Speed</dt>
          <dd>
            {paused ? (
              "—"
            ) : (
              <>
                {(progress?.rate_per_second ?? 0).toFixed(1)} <span className="muted small">{noun.many}/s</span>
              </>
            )}
          </dd>
        </div>
        <div>
          <dt>Time left</dt>
          <dd>{paused ? "—" : formatDuration(progress?.eta_seconds)}</dd>
        </div>
      </dl>
      <div className="form-actions">
        {paused ? (
          <button type="button" className="button button--primary" onClick={onResume} disabled={cancelling}>
            Resume
          </button>
        ) : (
          <button type="button" className="button" onClick={onPause} disabled={cancelling}>
            Pause
          </button>
        )}
        <button type="button" className="button button--ghost" onClick={onCancel} disabled={cancelling}>
          Cancel
        </button>
        <p className="muted small">Pausing or cancelling keeps everything bought so far.</p>
      </div>
    </section>
  );
}
