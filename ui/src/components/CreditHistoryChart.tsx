import type { CreditHistory, UsageLimit } from "../api/types";
import { formatCount } from "../lib/format";

/** Days the forecast averages over. */
export const FORECAST_WINDOW = 14;

const WIDTH = 600;
const HEIGHT = 120;
const GAP = 2;

/** "At this pace the record limit runs out in about N days", from the last 14 days' average. */
export function forecastSentence(history: CreditHistory, recordLimit: UsageLimit | undefined): string | null {
  const recent = history.days.slice(-FORECAST_WINDOW);
  const spent = recent.reduce((sum, d) => sum + d.credits, 0);
  if (spent <= 0) return "Forecast: not enough history yet — no credits spent in the last 14 days.";
  const remaining = recordLimit?.usageRemaining ?? null;
  if (remaining === null) return null;
  if (remaining <= 0) return "The record limit has no credits left.";
  const perDay = spent / FORECAST_WINDOW;
  const days = Math.max(1, Math.round(remaining / perDay));
  return `At this pace the record limit runs out in about ${formatCount(days)} ${days === 1 ? "day" : "days"} (${formatCount(Math.round(perDay))} credits a day over the last ${FORECAST_WINDOW} days).`;
}

/** Credits spent per day as a small inline SVG bar chart, with the forecast line under it. */
export function CreditHistoryChart({ history, recordLimit }: { history: CreditHistory; recordLimit: UsageLimit | undefined }) {
  const days = history.days;
  const max = Math.max(1, ...days.map((d) => d.credits));
  const slot = days.length > 0 ? WIDTH / days.length : WIDTH;
  const total = days.reduce((sum, d) => sum + d.credits, 0);
  const forecast = forecastSentence(history, recordLimit);
  const first = days.at(0);
  const last = days.at(-1);

  return (
    <section className="credit-history" aria-labelledby="credit-history-title">
      <h2 id="credit-history-title">Credits spent per day</h2>
      <p className="muted small">
        Last {days.length} days, from this computer's enrich runs: {formatCount(total)} credits in all.
      </p>
      <svg
        className="credit-chart"
        role="img"
        aria-label={`Credits spent per day over the last ${days.length} days`}
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        preserveAspectRatio="none"
      >
        {days.map((d, i) => {
          const height = d.credits > 0 ? Math.max(1, (d.credits / max) * (HEIGHT - 4)) : 0;
          return (
            <rect
              key={d.day}
              data-day={d.day}
              x={i * slot + GAP / 2}
              y={HEIGHT - height}
              width={Math.max(1, slot - GAP)}
              height={height}
            >
              <title>{`${d.day}: ${formatCount(d.credits)} credits`}</title>
            </rect>
          );
        })}
      </svg>
      {first && last && (
        <div className="credit-chart-axis muted small" aria-hidden="true">
          <span>{first.day}</span>
          <span>{last.day}</span>
        </div>
      )}
      {forecast && <p className="credit-forecast">{forecast}</p>}
    </section>
  );
}
