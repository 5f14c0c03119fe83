import { useEffect, useRef, useState } from "react";
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

/** Step 3: what the job will cost, an optional budget, and the confirmation before spending. */
export function EstimateCard({
  plan,
  busy,
  onStart,
  onCancel,
}: {
  plan: EnrichPlan;
  busy: boolean;
  onStart: (budget: number | null) => void;
  onCancel: () => void;
}) {
  const [budgetText, setBudgetText] = useState("");
  const [confirming, setConfirming] = useState(false);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const e = plan.estimate;
  const noun = nouns(plan.kind);
  const { budget, error } = parseBudget(budgetText);
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
        <span id="budget-help" className={error ? "field-error" : "muted small"}>
          {error ?? "The job stops at this many credits; run it again later to continue."}
        </span>
      </label>
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
                }. You can pause or cancel at any time; what was bought is kept.`
              : `Everything is answered by the cache or an earlier run.`}
          </p>
          <div className="form-actions">
            <button ref={confirmRef} type="button" className="button button--primary" disabled={busy} onClick={() => onStart(budget)}>
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
