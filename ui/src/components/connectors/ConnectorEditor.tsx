import { useId, useState } from "react";
import { ErrorMessage } from "../ErrorMessage";

/**
 * A connector file as JSON text, saved as a whole: the backend checks it and says what is
 * wrong, and the text stays as typed so it can be fixed.
 */
export function ConnectorEditor({
  title,
  initial,
  pending,
  error,
  onSave,
  onCancel,
}: {
  title: string;
  initial: string;
  pending: boolean;
  error: unknown;
  onSave: (json: string) => void;
  onCancel: () => void;
}) {
  const id = useId();
  const [text, setText] = useState(initial);
  return (
    <section className="panel connector-editor" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="panel-title">
        {title}
      </h2>
      <p className="muted small">
        In ZoomInfo's Data Connectors vocabulary. Placeholders: <code>{"{email}"}</code>, <code>{"{firstName}"}</code>,{" "}
        <code>{"{lastName}"}</code>, <code>{"{companyName}"}</code>, <code>{"{companyWebsite}"}</code>,{" "}
        <code>{"{phone}"}</code>. Each field of an action's output becomes a column after the ZoomInfo ones.
      </p>
      <label className="field">
        <span>Connector JSON</span>
        <textarea
          className="json-editor"
          value={text}
          spellCheck={false}
          rows={22}
          onChange={(event) => setText(event.target.value)}
        />
      </label>
      {error !== null && error !== undefined && <ErrorMessage error={error} />}
      <div className="form-actions">
        <button type="button" className="button button--primary" onClick={() => onSave(text)} disabled={pending}>
          {pending ? "Saving…" : "Save"}
        </button>
        <button type="button" className="button button--ghost" onClick={onCancel} disabled={pending}>
          Cancel
        </button>
      </div>
    </section>
  );
}
