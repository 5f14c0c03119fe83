import type { SeatPoint } from "../../api/types";
import { plural } from "./format";

const W = 320;
const H = 150;
const PAD = { left: 30, right: 8, top: 10, bottom: 20 };
const COLORS = ["var(--accent)", "#9b59d0", "#1f9d61", "#d9822b", "#c93636"];

function dayLabel(seconds: number): string {
  return new Date(seconds * 1000).toLocaleDateString("en-GB", { day: "numeric", month: "short" });
}

/** Axis labels: dates, or times when the checks all fall within two days. */
function labeller(span: number): (seconds: number) => string {
  if (span >= 2 * 86_400) return dayLabel;
  return (seconds) =>
    new Date(seconds * 1000).toLocaleString("en-GB", { day: "numeric", month: "short", hour: "2-digit", minute: "2-digit" });
}

/** Seats used per product over the kept checks, as a small line chart (purchased dashed). */
export function SeatHistoryChart({ history }: { history: SeatPoint[] }) {
  const times = [...new Set(history.map((p) => p.taken_at))].sort((a, b) => a - b);
  if (times.length < 2) {
    return (
      <p className="muted">
        The history builds up as checks run ({plural(times.length, "check")} kept so far); the chart appears after the
        second one.
      </p>
    );
  }
  const products = [...new Set(history.map((p) => p.product))].sort();
  const t0 = times[0] ?? 0;
  const t1 = times[times.length - 1] ?? t0;
  const label = labeller(t1 - t0);
  const maxY = Math.max(1, ...history.map((p) => Math.max(p.used, p.purchased ?? 0)));
  const x = (t: number) => PAD.left + ((t - t0) / Math.max(1, t1 - t0)) * (W - PAD.left - PAD.right);
  const y = (v: number) => PAD.top + (1 - v / maxY) * (H - PAD.top - PAD.bottom);
  const series = products.map((product, i) => {
    const points = history.filter((p) => p.product === product).sort((a, b) => a.taken_at - b.taken_at);
    const last = points[points.length - 1];
    return { product, color: COLORS[i % COLORS.length], points, purchased: last?.purchased ?? null };
  });
  const summary = series
    .map((s) => `${s.product}: ${s.points[0]?.used ?? 0} to ${s.points[s.points.length - 1]?.used ?? 0} used`)
    .join("; ");
  return (
    <figure className="history">
      <svg
        viewBox={`0 0 ${W} ${H}`}
        className="history-svg"
        role="img"
        aria-label={`Seats used from ${dayLabel(t0)} to ${dayLabel(t1)}. ${summary}.`}
      >
        {[0, 0.5, 1].map((f) => (
          <g key={f}>
            <line x1={PAD.left} x2={W - PAD.right} y1={y(maxY * f)} y2={y(maxY * f)} className="history-grid" />
            <text x={PAD.left - 6} y={y(maxY * f) + 4} className="history-axis" textAnchor="end">
              {Math.round(maxY * f)}
            </text>
          </g>
        ))}
        <text x={PAD.left} y={H - 4} className="history-axis">
          {label(t0)}
        </text>
        <text x={W - PAD.right} y={H - 4} className="history-axis" textAnchor="end">
          {label(t1)}
        </text>
        {series.map((s) => (
          <g key={s.product}>
            {s.purchased !== null && (
              <line
                x1={PAD.left}
                x2={W - PAD.right}
                y1={y(s.purchased)}
                y2={y(s.purchased)}
                stroke={s.color}
                strokeDasharray="4 4"
                strokeOpacity={0.6}
              />
            )}
            <polyline
              fill="none"
              stroke={s.color}
              strokeWidth={2}
              points={s.points.map((p) => `${x(p.taken_at)},${y(p.used)}`).join(" ")}
            />
            {s.points.map((p) => (
              <circle key={p.taken_at} cx={x(p.taken_at)} cy={y(p.used)} r={2.5} fill={s.color} />
            ))}
          </g>
        ))}
      </svg>
      <figcaption className="history-legend">
        {series.map((s) => (
          <span key={s.product}>
            <span className="legend-swatch" style={{ background: s.color }} aria-hidden="true" /> {s.product}
          </span>
        ))}
        <span className="muted">dashed: purchased</span>
      </figcaption>
    </figure>
  );
}
