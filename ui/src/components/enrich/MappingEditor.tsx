import type { ColumnMapping, MatchInput, RecordKind } from "../../api/types";
import { INPUT_LABELS, INPUTS_BY_KIND } from "./labels";

function sourceText(mapping: ColumnMapping) {
  switch (mapping.source) {
    case "user":
      return "your choice";
    case "header":
      return `from the header · ${mapping.confidence}%`;
    case "content":
      return `from the values · ${mapping.confidence}%`;
    default:
      return "not used";
  }
}

/** Step 2: each column, a few of its values, and what it is matched as (changeable). */
export function MappingEditor({
  kind,
  mapping,
  busy,
  onChange,
}: {
  kind: RecordKind;
  mapping: ColumnMapping[];
  busy: boolean;
  onChange: (column: number, input: MatchInput | "none") => void;
}) {
  const choices = INPUTS_BY_KIND[kind];
  return (
    <section className="panel" aria-labelledby="mapping-title">
      <div className="enrich-panel-head">
        <h2 id="mapping-title" className="panel-title">
          Column mapping
        </h2>
        <p className="muted small">
          {busy ? "Updating the estimate…" : "Check what each column is matched on; change any that is wrong."}
        </p>
      </div>
      <div className="mapping-scroll">
        <table className="mapping-table">
          <colgroup>
            <col className="mapping-col-name" />
            <col />
            <col className="mapping-col-input" />
          </colgroup>
          <thead>
            <tr>
              <th scope="col">Column</th>
              <th scope="col">Sample values</th>
              <th scope="col">Match as</th>
            </tr>
          </thead>
          <tbody>
            {mapping.map((m) => {
              const name = m.header.trim() || `Column ${m.column + 1}`;
              const options = m.input && !choices.includes(m.input) ? [m.input, ...choices] : choices;
              return (
                <tr key={m.column} className={m.input ? undefined : "mapping-row--unused"}>
                  <th scope="row" title={name}>
                    {name}
                  </th>
                  <td className="mapping-samples" title={m.samples.join(" · ")}>
                    {m.samples.length ? m.samples.join(" · ") : <span className="muted">empty</span>}
                  </td>
                  <td>
                    <select
                      aria-label={`Match ${name} as`}
                      value={m.input ?? "none"}
                      disabled={busy}
                      onChange={(e) => onChange(m.column, e.target.value as MatchInput | "none")}
                    >
                      <option value="none">Don't use</option>
                      {options.map((input) => (
                        <option key={input} value={input}>
                          {INPUT_LABELS[input]}
                        </option>
                      ))}
                    </select>
                    <span className="mapping-source">{sourceText(m)}</span>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
