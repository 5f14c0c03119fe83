import { useQuery } from "@tanstack/react-query";
import { useBackend } from "../../api/context";
import type { RecordKind } from "../../api/types";
import { ErrorMessage } from "../ErrorMessage";
import { fieldLabel } from "./labels";

/**
 * Which ZoomInfo fields are appended to the file: the fields the account lists, ZoomInfo's
 * description as each one's hint, and those its plan does not include shown but disabled.
 * Credits are per record, not per field, so the choice changes the output, never the cost;
 * every field is fetched once and cached.
 */
export function ColumnPicker({
  kind,
  value,
  onChange,
}: {
  kind: RecordKind;
  /** The chosen fields; empty means the defaults. */
  value: string[];
  onChange: (columns: string[]) => void;
}) {
  const backend = useBackend();
  const columns = useQuery({ queryKey: ["enrich", "output-columns", kind], queryFn: () => backend.outputColumns(kind) });
  if (columns.error) return <ErrorMessage error={columns.error} />;
  if (!columns.data) return null;
  const { available, default: defaults, fields, from_account: fromAccount } = columns.data;
  const chosen = value.length > 0 ? value : defaults;
  const toggle = (field: string) => {
    const next = chosen.includes(field) ? chosen.filter((c) => c !== field) : [...chosen, field];
    // Keep the offered order, so the file's columns do not depend on the clicking order.
    const ordered = available.filter((c) => next.includes(c));
    onChange(ordered.length > 0 ? ordered : defaults);
  };
  const isDefault = chosen.length === defaults.length && chosen.every((c, i) => c === defaults[i]);
  const withheld = fields.filter((f) => !f.accessGranted).length;
  return (
    <section className="panel">
      <fieldset className="column-picker">
        <legend className="panel-title">Columns to append</legend>
        <p className="muted small">
          Added after your own columns as <code>zi_…</code>. The cost is per {kind === "company" ? "company" : "person"}, not per
          column.{" "}
          {withheld > 0 && `${withheld} ${withheld === 1 ? "field is" : "fields are"} not in your ZoomInfo plan. `}
          {!isDefault && (
            <button type="button" className="link-button" onClick={() => onChange([])}>
              Back to the defaults
            </button>
          )}
        </p>
        {!fromAccount && (
          <p className="muted small" role="note">
            Your account's own field list could not be read, so ZoomInfo's published list is shown; a field your plan does not
            include will be refused when the job starts.
          </p>
        )}
        <div className="column-picker-list">
          {fields.map((field) => {
            const hint = field.accessGranted
              ? field.description
              : `Not in your ZoomInfo plan${field.description ? `. ${field.description}` : ""}`;
            return (
              <label
                key={field.fieldName}
                className={field.accessGranted ? "column-chip" : "column-chip column-chip--withheld"}
                title={hint || undefined}
              >
                <input
                  type="checkbox"
                  checked={field.accessGranted && chosen.includes(field.fieldName)}
                  disabled={!field.accessGranted}
                  aria-description={hint || undefined}
                  onChange={() => toggle(field.fieldName)}
                />
                {fieldLabel(field.fieldName)}
                {!field.accessGranted && <span className="column-chip-note"> · not in plan</span>}
              </label>
            );
          })}
        </div>
      </fieldset>
    </section>
  );
}
