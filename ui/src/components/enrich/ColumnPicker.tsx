import { useQuery } from "@tanstack/react-query";
import { useBackend } from "../../api/context";
import type { RecordKind } from "../../api/types";
import { ErrorMessage } from "../ErrorMessage";
import { fieldLabel } from "./labels";

/**
 * Which ZoomInfo fields are appended to the file. Credits are per record, not per field, so
 * the choice changes the output, never the cost; every field is fetched once and cached.
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
  const { available, default: defaults } = columns.data;
  const chosen = value.length > 0 ? value : defaults;
  const toggle = (field: string) => {
    const next = chosen.includes(field) ? chosen.filter((c) => c !== field) : [...chosen, field];
    // Keep the offered order, so the file's columns do not depend on the clicking order.
    const ordered = available.filter((c) => next.includes(c));
    onChange(ordered.length > 0 ? ordered : defaults);
  };
  const isDefault = chosen.length === defaults.length && chosen.every((c, i) => c === defaults[i]);
  return (
    <section className="panel">
      <fieldset className="column-picker">
        <legend className="panel-title">Columns to append</legend>
        <p className="muted small">
          Added after your own columns as <code>zi_…</code>. The cost is per {kind === "company" ? "company" : "person"}, not per
          column.{" "}
          {!isDefault && (
            <button type="button" className="link-button" onClick={() => onChange([])}>
              Back to the defaults
            </button>
          )}
        </p>
        <div className="column-picker-list">
          {available.map((field) => (
            <label key={field} className="column-chip">
              <input type="checkbox" checked={chosen.includes(field)} onChange={() => toggle(field)} />
              {fieldLabel(field)}
            </label>
          ))}
        </div>
      </fieldset>
    </section>
  );
}
