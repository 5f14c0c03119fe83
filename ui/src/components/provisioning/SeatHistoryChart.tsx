import { useMemo } from "react";
import type uPlot from "uplot";
import type { SeatPoint } from "../../api/types";
import { Chart, COUNT_SCALE, legendValue, themedAxes, type ChartColors, type ChartOptions } from "../chart/Chart";
import { plural } from "./format";

const HEIGHT = 170;
/** Colours after the accent, one per product. */
const MORE_COLORS = ["#9b59d0", "#1f9d61", "#d9822b", "#c93636"];

function dayLabel(seconds: number): string {
  return new Date(seconds * 1000).toLocaleDateString("en-GB", { day: "numeric", month: "short" });
}

function whenLabel(seconds: number): string {
  return new Date(seconds * 1000).toLocaleString("en-GB", { day: "numeric", month: "short", hour: "2-digit", minute: "2-digit" });
}

const seats = legendValue((n) => (n === null ? "–" : String(n)));

/** Each product's seats used and purchased at every kept check (null where it was not seen). */
function seatSeries(history: SeatPoint[]) {
  const times = [...new Set(history.map((p) => p.taken_at))].sort((a, b) => a - b);
  const products = [...new Set(history.map((p) => p.product))].sort();
  const at = new Map(history.map((p) => [`${p.product}\u0000${p.taken_at}`, p]));
  const lines = products.map((product) => {
    const points = times.map((t) => at.get(`${product}\u0000${t}`) ?? null);
    return {
      product,
      used: points.map((p) => p?.used ?? null),
      purchased: points.map((p) => p?.purchased ?? null),
    };
  });
  return { times, lines };
}

/** Seats used per product over the kept checks, as a line chart (purchased seats dashed). */
export function SeatHistoryChart({ history }: { history: SeatPoint[] }) {
  const { times, lines } = useMemo(() => seatSeries(history), [history]);
  const data = useMemo<uPlot.AlignedData>(
    () => [times, ...lines.flatMap((line) => [line.used, line.purchased])],
    [times, lines],
  );
  if (times.length < 2) {
    return (
      <p className="muted">
        The history builds up as checks run ({plural(times.length, "check")} kept so far); the chart appears after the
        second one.
      </p>
    );
  }
  const first = times[0] ?? 0;
  const last = times[times.length - 1] ?? first;
  const summary = lines
    .map((l) => {
      const used = l.used.filter((v): v is number => v !== null);
      return `${l.product}: ${used[0] ?? 0} to ${used[used.length - 1] ?? 0} used`;
    })
    .join("; ");
  const options = (colors: ChartColors): ChartOptions => ({
    scales: { x: { time: true }, y: COUNT_SCALE },
    series: [
      { label: "Check", value: legendValue((t) => (t === null ? "–" : whenLabel(t))) },
      ...lines.flatMap((line, i): uPlot.Series[] => {
        const color = i === 0 ? colors.accent : (MORE_COLORS[(i - 1) % MORE_COLORS.length] ?? colors.accent);
        return [
          { label: `${line.product} used`, stroke: color, width: 2, spanGaps: true, points: { size: 5 }, value: seats },
          { label: `${line.product} purchased`, stroke: color, width: 1, dash: [4, 4], spanGaps: true, points: { show: false }, value: seats },
        ];
      }),
    ],
    axes: themedAxes(colors, (v) => String(Math.round(v))),
    cursor: { drag: { x: false, y: false } },
  });
  return (
    <figure className="history">
      <Chart options={options} data={data} height={HEIGHT} label={`Seats used from ${dayLabel(first)} to ${dayLabel(last)}. ${summary}.`} />
      <table className="visually-hidden">
        <caption>Seats used and purchased at each check</caption>
        <thead>
          <tr>
            <th scope="col">Check</th>
            {lines.map((l) => (
              <th scope="col" key={l.product}>
                {l.product}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {times.map((t, row) => (
            <tr key={t}>
              <th scope="row">{whenLabel(t)}</th>
              {lines.map((l) => (
                <td key={l.product}>
                  {l.used[row] ?? "–"} of {l.purchased[row] ?? "–"}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
