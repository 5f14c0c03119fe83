import { useMemo } from "react";
import type uPlot from "uplot";
import type { CreditHistory, UsageLimit } from "../api/types";
import { formatCount } from "../lib/format";
import { Chart, COUNT_SCALE, daySeconds, legendValue, themedAxes, type ChartColors, type ChartOptions, type UPlot } from "./chart/Chart";

/** Days the forecast averages over. */
export const FORECAST_WINDOW = 14;

const HEIGHT = 160;
const DAY = 86_400;

function creditChartOptions(colors: ChartColors, uplot: UPlot): ChartOptions {
  const dayOf = uplot.fmtDate("{YYYY}-{MM}-{DD}");
  return {
    scales: {
      // Half a day either side, so the first and last bars are whole.
      x: { time: true, range: (_, min, max) => [min - DAY / 2, max + DAY / 2] },
      y: COUNT_SCALE,
    },
    series: [
      { label: "Day", value: legendValue((seconds) => (seconds === null ? "–" : dayOf(new Date(seconds * 1000)))) },
      {
        label: "Credits",
        stroke: colors.accent,
        fill: colors.accent,
        paths: uplot.paths.bars?.({ size: [0.7, 40] }),
        points: { show: false },
        value: legendValue((credits) => formatCount(credits ?? 0)),
      },
    ],
    axes: themedAxes(colors, formatCount),
    cursor: { drag: { x: false, y: false }, points: { show: false } },
  };
}

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

/** Credits spent per day as a bar chart (the legend shows the day under the pointer), with the forecast under it. */
export function CreditHistoryChart({ history, recordLimit }: { history: CreditHistory; recordLimit: UsageLimit | undefined }) {
  const days = history.days;
  const total = days.reduce((sum, d) => sum + d.credits, 0);
  const forecast = forecastSentence(history, recordLimit);
  const data = useMemo<uPlot.AlignedData>(
    // A day without credits has no bar (rather than a flat one).
    () => [days.map((d) => daySeconds(d.day)), days.map((d) => (d.credits > 0 ? d.credits : null))],
    [days],
  );

  return (
    <section className="credit-history" aria-labelledby="credit-history-title">
      <h2 id="credit-history-title">Credits spent per day</h2>
      <p className="muted small">
        Last {days.length} days, from this computer's enrich runs: {formatCount(total)} credits in all.
      </p>
      <div className="credit-chart">
        <Chart
          options={creditChartOptions}
          data={data}
          height={HEIGHT}
          label={`Credits spent per day over the last ${days.length} days`}
        />
      </div>
      <table className="visually-hidden">
        <caption>Credits spent per day</caption>
        <tbody>
          {days.map((d) => (
            <tr key={d.day}>
              <th scope="row">{d.day}</th>
              <td>{formatCount(d.credits)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {forecast && <p className="credit-forecast">{forecast}</p>}
    </section>
  );
}
