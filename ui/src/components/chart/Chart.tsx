import { useEffect, useRef, useSyncExternalStore } from "react";
import type uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import "./chart.css";

/** uPlot itself, loaded with the first chart shown (after the page has set a usable language). */
export type UPlot = typeof uPlot;
const loadUPlot = () => import("uplot").then((module) => module.default);

/** The theme's colours for a chart: a canvas cannot use the CSS variables, so they are read. */
export interface ChartColors {
  muted: string;
  grid: string;
  accent: string;
}

/** Chart options without the size, which follows the chart's box. */
export type ChartOptions = Omit<uPlot.Options, "width" | "height">;

const DARK = "(prefers-color-scheme: dark)";

function readColors(element: Element): ChartColors {
  const style = getComputedStyle(element);
  const read = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  return {
    muted: read("--text-muted", "#5d6675"),
    grid: read("--border", "#dfe3e9"),
    accent: read("--accent", "#2f5bea"),
  };
}

/** Whether the OS asks for the dark theme, as a React value (charts are redrawn in its colours). */
function useDarkTheme(): boolean {
  return useSyncExternalStore(
    (changed) => {
      if (typeof window.matchMedia !== "function") return () => {};
      const query = window.matchMedia(DARK);
      query.addEventListener("change", changed);
      return () => query.removeEventListener("change", changed);
    },
    () => typeof window.matchMedia === "function" && window.matchMedia(DARK).matches,
  );
}

/** Steps between the lines of a count axis: 1, 2, 5, 10, 20, 25, 50 … (never half a credit or seat). */
const COUNT_STEPS = Array.from({ length: 10 }, (_, power) => [1, 2, 2.5, 5].map((m) => m * 10 ** power)).flat().filter(Number.isInteger);

/** Axes in the theme's colours for counts, values written by `yValues`. */
export function themedAxes(colors: ChartColors, yValues: (value: number) => string): uPlot.Axis[] {
  const font = "12px system-ui, sans-serif";
  return [
    { stroke: colors.muted, font, grid: { show: false }, ticks: { stroke: colors.grid, size: 4 } },
    {
      stroke: colors.muted,
      font,
      size: 56,
      grid: { stroke: colors.grid, width: 1 },
      ticks: { show: false },
      incrs: COUNT_STEPS,
      values: (_, splits) => splits.map(yValues),
    },
  ];
}

/** A count's scale: from zero, with room above the highest point. */
export const COUNT_SCALE: uPlot.Scale = {
  range: (_, _min, max) => [0, Math.max(4, Math.ceil(max * 1.1))],
};

/** A legend value: the point under the pointer, else the latest one (the legend is never blank). */
export function legendValue(format: (value: number | null) => string): NonNullable<uPlot.Series["value"]> {
  return (plot, _value, seriesIdx, idx) => {
    const at = idx ?? plot.data[0].length - 1;
    return format(plot.data[seriesIdx]?.[at] ?? null);
  };
}

/** Seconds since the epoch of a "YYYY-MM-DD" day at local midnight (uPlot shows local time). */
export function daySeconds(day: string): number {
  const [y, m, d] = day.split("-").map(Number);
  return new Date(y ?? 1970, (m ?? 1) - 1, d ?? 1).getTime() / 1000;
}

/**
 * A uPlot chart as wide as its box. It is drawn again when the data or the OS theme changes,
 * and resized with its box. `label` describes it to screen readers; the data should also be
 * given as text beside it.
 */
export function Chart({
  options,
  data,
  height,
  label,
}: {
  options: (colors: ChartColors, uplot: UPlot) => ChartOptions;
  data: uPlot.AlignedData;
  height: number;
  label: string;
}) {
  const box = useRef<HTMLDivElement>(null);
  const dark = useDarkTheme();
  // The latest options, without redrawing for a new function of the same chart.
  const optionsRef = useRef(options);
  optionsRef.current = options;

  useEffect(() => {
    const element = box.current;
    if (!element) return;
    let plot: uPlot | null = null;
    let resized: ResizeObserver | null = null;
    let gone = false;
    void loadUPlot().then((UPlot) => {
      if (gone) return;
      const width = () => Math.max(200, element.clientWidth || 600);
      const options = optionsRef.current(readColors(element), UPlot);
      const drawn = new UPlot({ ...options, width: width(), height }, data, element);
      plot = drawn;
      if (typeof ResizeObserver === "function") {
        resized = new ResizeObserver(() => drawn.setSize({ width: width(), height }));
        resized.observe(element);
      }
    });
    return () => {
      gone = true;
      resized?.disconnect();
      plot?.destroy();
    };
  }, [data, dark, height]);

  return <div ref={box} className="chart" role="img" aria-label={label} />;
}
