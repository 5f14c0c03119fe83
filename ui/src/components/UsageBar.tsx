import { useId } from "react";
import type { UsageLimit } from "../api/types";
import { formatCount, percentUsed } from "../lib/format";
import { limitLabel } from "../lib/zoominfo";

function percentText(percent: number | null): string {
  if (percent === null) return "No limit reported";
  if (percent > 0 && percent < 0.1) return "<0.1% used";
  if (percent < 10) return `${Number(percent.toFixed(1))}% used`;
  return `${Math.round(percent)}% used`;
}

/** One account limit as a labelled bar: used / limit, remaining, share used, and (when
 * given) where the figures come from. */
export function UsageBar({ item, source }: { item: UsageLimit; source?: string }) {
  const id = useId();
  const used = item.currentUsage;
  const remaining =
    item.usageRemaining ?? (item.limit !== null && used !== null ? Math.max(0, item.limit - used) : null);
  const percent = percentUsed(used, item.limit);
  const level = percent === null ? "unknown" : percent >= 95 ? "critical" : percent >= 80 ? "warning" : "ok";
  const label = limitLabel(item.limitType);

  return (
    <li className={`usage-item usage-item--${level}`}>
      <div className="usage-head">
        <span className="usage-label" id={`${id}-label`}>
          {label}
        </span>
        <span className="usage-numbers">
          <strong>{formatCount(used)}</strong> / {formatCount(item.limit)} used
        </span>
      </div>
      <p className="usage-description">
        {item.description && <span>{item.description}</span>}
        <code className="usage-type" title="ZoomInfo's name for this limit">
          {item.limitType}
        </code>
      </p>
      <div
        className="usage-track"
        role="progressbar"
        aria-labelledby={`${id}-label`}
        aria-valuemin={0}
        aria-valuemax={item.limit ?? undefined}
        aria-valuenow={used ?? undefined}
        aria-valuetext={`${formatCount(used)} of ${formatCount(item.limit)} used`}
      >
        <div className="usage-fill" style={{ width: `${percent ?? 0}%` }} />
      </div>
      <div className="usage-foot">
        <span>{formatCount(remaining)} remaining</span>
        <span>{percentText(percent)}</span>
      </div>
      {source && <p className="usage-source">{source}</p>}
    </li>
  );
}
