import { useId } from "react";
import type { SeatCount, SeatForecast } from "../../api/types";
import { formatCount } from "../../lib/format";
import { formatDay, plural } from "./format";

function forecastText(seat: SeatCount, forecast: SeatForecast | undefined): string | null {
  if (seat.purchased === null) return "Enter the purchased seats to see free seats and a forecast.";
  if (!forecast) return null;
  const perWeek = forecast.growth_per_week;
  const growth = `${perWeek >= 0 ? "+" : ""}${perWeek.toFixed(1)} users/week`;
  if (forecast.runs_out_on === null) return `Not running out (${growth}).`;
  if (forecast.days_left !== null && forecast.days_left <= 0) return `Already out (${growth}).`;
  return `Runs out around ${formatDay(forecast.runs_out_on)}${
    forecast.days_left !== null ? ` (in ${plural(forecast.days_left, "day")})` : ""
  } at ${growth}.`;
}

function SeatBar({ seat, forecast }: { seat: SeatCount; forecast?: SeatForecast }) {
  const id = useId();
  const note = forecastText(seat, forecast);
  const purchased = seat.purchased;
  const over = purchased !== null && seat.used > purchased ? seat.used - purchased : 0;
  const scale = Math.max(seat.used, purchased ?? 0, 1);
  const withinPct = ((purchased === null ? seat.used : Math.min(seat.used, purchased)) / scale) * 100;
  const overPct = (over / scale) * 100;
  const level = over > 0 ? "over" : purchased !== null && seat.used >= purchased ? "full" : purchased !== null && seat.used / Math.max(purchased, 1) >= 0.9 ? "tight" : "ok";
  return (
    <li className={`seat-item seat-item--${level}`}>
      <div className="seat-head">
        <span className="seat-product" id={`${id}-label`}>
          {seat.product}
        </span>
        <span className="seat-numbers">
          <strong>{formatCount(seat.used)}</strong> used / {purchased === null ? "— purchased" : `${formatCount(purchased)} purchased`}
        </span>
      </div>
      <div
        className="seat-track"
        role="meter"
        aria-labelledby={`${id}-label`}
        aria-valuemin={0}
        aria-valuemax={purchased ?? undefined}
        aria-valuenow={seat.used}
        aria-valuetext={`${seat.used} of ${purchased ?? "unknown"} seats used`}
      >
        <div className="seat-fill" style={{ width: `${withinPct}%` }} />
        {over > 0 && <div className="seat-fill seat-fill--over" style={{ width: `${overPct}%` }} />}
        {purchased !== null && over > 0 && <div className="seat-limit" style={{ left: `${(purchased / scale) * 100}%` }} />}
      </div>
      <div className="seat-foot">
        {over > 0 ? (
          <span className="text-danger seat-over">
            {seat.product} is over-assigned by {plural(over, "seat")}: provisioning fails for {plural(over, "user")}.
          </span>
        ) : (
          <span>{seat.free === null ? "Free seats unknown" : seat.free === 0 ? "No seats free" : `${plural(seat.free, "seat")} free`}</span>
        )}
        {note && <span className="muted">{note}</span>}
      </div>
    </li>
  );
}

/** Seats per product: purchased / used / free, over-assignment in red, the run-out forecast. */
export function SeatBars({ seats, forecasts }: { seats: SeatCount[]; forecasts: SeatForecast[] }) {
  if (seats.length === 0) {
    return <p className="muted">No product is held by any user, and no purchased seats were entered.</p>;
  }
  const waiting = forecasts.length === 0 && seats.some((s) => s.purchased !== null);
  return (
    <>
      <ul className="seat-list" aria-label="Seats per product">
        {seats.map((seat) => (
          <SeatBar key={seat.product} seat={seat} forecast={forecasts.find((f) => f.product === seat.product)} />
        ))}
      </ul>
      {waiting && (
        <p className="muted seat-note">
          The run-out forecast appears once the kept checks span at least a day (zi-console keeps one per check).
        </p>
      )}
    </>
  );
}
