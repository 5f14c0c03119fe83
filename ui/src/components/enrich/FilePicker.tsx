import type { RecordKind } from "../../api/types";
import { Icon } from "../Icon";

/** Step 1: what the file holds, and where it comes from (drop, dialog, or the demo's sample). */
export function FilePicker({
  kind,
  onKind,
  onChoose,
  onSample,
  dragging,
  busy,
}: {
  kind: RecordKind;
  onKind: (kind: RecordKind) => void;
  onChoose: () => void;
  /** Only in the demo. */
  onSample?: () => void;
  dragging: boolean;
  busy: boolean;
}) {
  return (
    <section className={`panel enrich-drop${dragging ? " enrich-drop--over" : ""}`} aria-labelledby="enrich-pick-title">
      <div className="enrich-drop-head">
        <h2 id="enrich-pick-title" className="panel-title">
          Enrich a spreadsheet
        </h2>
        <div className="segmented" role="group" aria-label="The file lists">
          {(["contact", "company"] as const).map((value) => (
            <button key={value} type="button" className="segment" aria-pressed={kind === value} onClick={() => onKind(value)}>
              {value === "contact" ? "Contacts" : "Companies"}
            </button>
          ))}
        </div>
      </div>
      <div className="enrich-drop-body">
        <Icon name="enrich" size={30} className="panel-icon" />
        <p className="enrich-drop-text">
          <strong>Drop a CSV or Excel file anywhere on this window</strong>
          <span className="muted">
            {kind === "contact"
              ? "One person per row: an email, or a name and a company."
              : "One company per row: a name, a website or a ticker."}{" "}
            Nothing is spent until you confirm the estimate.
          </span>
        </p>
        <div className="enrich-drop-actions">
          <button type="button" className="button button--primary" onClick={onChoose} disabled={busy} autoFocus>
            Choose file…
          </button>
          {onSample && (
            <button type="button" className="button" onClick={onSample} disabled={busy}>
              Use a sample file
            </button>
          )}
        </div>
      </div>
    </section>
  );
}
