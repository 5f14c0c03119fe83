import { useEffect, useRef, useState, type ReactNode } from "react";
import type { EnrichPlan } from "../../api/types";
import { formatCount } from "../../lib/format";
import { Icon } from "../Icon";
import { nouns } from "./labels";

/** Parses the budget field: empty is "no cap"; anything else must be a whole number ≥ 0. */
export function parseBudget(text: string): { budget: number | null; error: string | null } {
  const trimmed = text.trim().replace(/,/g, "");
  if (trimmed === "") return { budget: null, error: null };
  if (!/^\d+$/.test(trimmed)) return { budget: null, error: "Enter a whole number of credits, or leave it empty for no cap." };
  return { budget: Number(trimmed), error: null };
}

/**
 * The range ZoomInfo accepts for `contactAccuracyScoreMin` ("Minimum score is 70 and maximum is
 * 99", its published API description); zi-core checks the same range when the job starts.
 */
export const MIN_ACCURACY_RANGE = { min: 70, max: 99 } as const;

/** Parses the minimum accuracy field: empty is "none"; else a whole number from 70 to 99. */
export function parseMinAccuracy(text: string): { minAccuracy: number | null; error: string | null } {
  const trimmed = text.trim();
  if (trimmed === "") return { minAccuracy: null, error: null };
  const { min, max } = MIN_ACCURACY_RANGE;
  const value = /^\d+$/.test(trimmed) ? Number(trimmed) : NaN;
  if (!(value >= min && value <= max)) {
    return { minAccuracy: null, error: `Enter a score from ${min} to ${max}, or leave it empty to take every match.` };
  }
  return { minAccuracy: value, error: null };
}

/**
 * Step 3: what the job will cost, an optional budget, for contacts an optional minimum
 * accuracy, and the confirmation before spending.
 */
export function EstimateCard({
  plan,
  thenAsk,
  thenAskSummary,
  busy,
  onStart,
  onCancel,
}: {
  plan: EnrichPlan;
  /** The connectors to ask after ZoomInfo, and what they may cost (nothing when the library is empty). */
  thenAsk?: ReactNode;
  /** The chosen connectors, for the confirmation before spending. */
  thenAskSummary?: string;
  busy: boolean;
  onStart: (budget: number | null, minAccuracy: number | null) => void;
  onCancel: () => void;
}) {
  const [budgetText, setBudgetText] = useState("");
  const [accuracyText, setAccuracyText] = useState("");
  const [confirming, setConfirming] = useState(false);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const e = plan.estimate;
  const noun = nouns(plan.kind);
  const { budget, error: budgetError } = parseBudget(budgetText);
  const contacts = plan.kind === "contact";
  const { minAccuracy, error: accuracyError } = contacts ? parseMinAccuracy(accuracyText) : { minAccuracy: null, error: null };
  const error = budgetError ?? accuracyError;
  const cap = budget === null ? e.max_credits : Math.min(budget, e.max_credits);

  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
  }, [confirming]);
  // A new estimate (e.g. after a mapping change) needs a new confirmation.
  useEffect(() => setConfirming(false), [plan]);

  const rows: Array<[string, number, string?]> = [
    ["Rows", e.rows],
    ["Duplicates", e.duplicate_rows, "sent once"],
    ["Invalid", e.invalid_rows, "nothing to match on"],
    [`Distinct ${noun.many}`, e.distinct_keys],
    ["From cache", e.cached_keys, "free"],
  ];
  if (e.done_keys > 0) rows.push(["Bought earlier", e.done_keys, "free"]);
  rows.push(["To send", e.to_send]);

  return (
    <section className="panel estimate" aria-labelledby="estimate-title">
      <h2 id="estimate-title" className="panel-title">
        Estimate
      </h2>
      {plan.resumed && (
        <div className="callout callout--info callout--compact" role="note">
          <Icon name="info" className="callout-icon" />
          <p>
            This file was started before: {formatCount(e.done_keys)} {noun.many} already bought for{" "}
            {formatCount(e.credits_spent)} credits. Continuing only pays for the rest.
          </p>
        </div>
      )}
      <dl className="estimate-grid">
        {rows.map(([label, value, note]) => (
          <div key={label} className="estimate-item">
            <dt>
              {label}
              {note && <span className="estimate-note"> · {note}</span>}
            </dt>
            <dd>{formatCount(value)}</dd>
          </div>
        ))}
        <div className="estimate-item estimate-item--total">
          <dt>Max credits</dt>
          <dd>{formatCount(e.max_credits)}</dd>
        </div>
      </dl>
      <p className="muted small">
        One credit per record ZoomInfo returns; a {noun.one} it does not find costs nothing.
      </p>
      {thenAsk}
      <label className="field budget-field">
        <span>Budget (optional)</span>
        <input
          type="text"
          inputMode="numeric"
          placeholder="No cap"
          value={budgetText}
          aria-invalid={error !== null}
          aria-describedby="budget-help"
          disabled={busy}
          onChange={(event) => {
            setBudgetText(event.target.value);
            setConfirming(false);
          }}
        />
        <span id="budget-help" className={budgetError ? "field-error" : "muted small"}>
          {budgetError ?? "The job stops at this many credits; run it again later to continue."}
        </span>
      </label>
      {contacts && (
        <label className="field budget-field">
          <span>Minimum accuracy (optional)</span>
          <input
            type="text"
            inputMode="numeric"
            placeholder="Any"
            value={accuracyText}
            aria-invalid={accuracyError !== null}
            aria-describedby="accuracy-help"
            disabled={busy}
            onChange={(event) => {
              setAccuracyText(event.target.value);
              setConfirming(false);
            }}
          />
          <span id="accuracy-help" className={accuracyError ? "field-error" : "muted small"}>
            {accuracyError ??
              `ZoomInfo returns, and charges for, nobody whose accuracy score is under this (${MIN_ACCURACY_RANGE.min}–${MIN_ACCURACY_RANGE.max}).`}
          </span>
        </label>
      )}
      {!confirming ? (
        <div className="form-actions">
          <button
            type="button"
            className="button button--primary"
            disabled={busy || error !== null || e.to_send + e.cached_keys + e.done_keys === 0}
            onClick={() => setConfirming(true)}
          >
            Enrich…
          </button>
          <button type="button" className="button button--ghost" onClick={onCancel} disabled={busy}>
            Choose another file
          </button>
        </div>
      ) : (
        <div
          className="confirm"
          role="alertdialog"
          aria-labelledby="confirm-title"
          aria-describedby="confirm-text"
          onKeyDown={(event) => {
            if (event.key === "Escape") setConfirming(false);
          }}
        >
          <p id="confirm-title" className="confirm-title">
            {cap > 0 ? `Spend up to ${formatCount(cap)} credits?` : "No credits needed"}
          </p>
          <p id="confirm-text" className="small">
            {cap > 0
              ? `Sends ${formatCount(e.to_send)} ${noun.many} to ZoomInfo${
                  budget !== null && budget < e.max_credits ? `, stopping once your budget of ${formatCount(budget)} credits is spent` : ""
                }${
                  minAccuracy !== null ? `, for people with an accuracy score of ${minAccuracy} or more` : ""
                }. You can pause or cancel at any time; what was bought is kept.`
              : `Everything is answered by the cache or an earlier run.`}
            {thenAskSummary && ` ${thenAskSummary}`}
          </p>
          <div className="form-actions">
            <button
              ref={confirmRef}
              type="button"
              className="button button--primary"
              disabled={busy}
              onClick={() => onStart(budget, minAccuracy)}
            >
              {cap > 0 ? `Spend up to ${formatCount(cap)} credits` : "Finish without spending"}
            </button>
            <button type="button" className="button button--ghost" onClick={() => setConfirming(false)}>
              Back
            </button>
          </div>
        </div>
      )}
    </section>
  );
}
