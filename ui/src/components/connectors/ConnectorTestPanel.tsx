import { useId, useState } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useBackend } from "../../api/context";
import type { BackendError } from "../../api/errors";
import type { ConnectorParam, ConnectorSummary, ConnectorTest } from "../../api/types";
import { connectorKeys } from "../../hooks/useConnectors";
import { ErrorMessage } from "../ErrorMessage";
import { ColumnList } from "./ColumnList";

/** Sample values a test starts with, so "Test API" can be tried at once. */
const SAMPLES: Record<string, string> = {
  email: "ada@sample-analytics.example",
  firstName: "Ada",
  lastName: "Lovelace",
  companyName: "Sample Analytics",
  companyWebsite: "sample-analytics.example",
  phone: "+1 555 0100",
};

/** One real call to the connector with sample values: what it answers and which columns that makes. */
export function ConnectorTestPanel({ connector, onClose }: { connector: ConnectorSummary; onClose: () => void }) {
  const id = useId();
  const backend = useBackend();
  const [actionName, setActionName] = useState(connector.actions[0]?.name ?? "");
  const [values, setValues] = useState<Record<string, string>>({});
  const action = connector.actions.find((a) => a.name === actionName) ?? connector.actions[0];
  const parameters = action?.parameters ?? [];
  const client = useQueryClient();
  const test = useMutation<ConnectorTest, BackendError, ConnectorParam[]>({
    mutationFn: (params) => backend.testConnector(connector.file_name, action?.name ?? null, params),
    // A refused sign-in is forgotten by the backend: the card must stop saying "signed in".
    onError: (error) => {
      if (error.code === "session_rejected") void client.invalidateQueries({ queryKey: connectorKeys.library });
    },
  });
  const valueOf = (name: string) => values[name] ?? SAMPLES[name] ?? "";

  return (
    <section className="connector-test" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} className="prov-card-title">
        Test API
      </h3>
      <form
        className="form-row"
        onSubmit={(event) => {
          event.preventDefault();
          test.mutate(parameters.map((name) => ({ name, value: valueOf(name) })));
        }}
      >
        {connector.actions.length > 1 && (
          <div className="field">
            <label htmlFor={`${id}-action`}>Action</label>
            <select id={`${id}-action`} value={actionName} onChange={(event) => setActionName(event.target.value)}>
              {connector.actions.map((a) => (
                <option key={a.name} value={a.name}>
                  {a.name}
                </option>
              ))}
            </select>
          </div>
        )}
        {parameters.map((name) => (
          <div key={name} className="field">
            <label htmlFor={`${id}-${name}`}>{name}</label>
            <input
              id={`${id}-${name}`}
              value={valueOf(name)}
              onChange={(event) => setValues({ ...values, [name]: event.target.value })}
            />
          </div>
        ))}
        <button type="submit" className="button button--primary" disabled={test.isPending}>
          {test.isPending ? "Testing…" : "Test API"}
        </button>
        <button type="button" className="button button--ghost" onClick={onClose}>
          Close
        </button>
      </form>
      {test.isError && <ErrorMessage error={test.error} />}
      {test.data && <TestAnswer result={test.data} />}
    </section>
  );
}

function TestAnswer({ result }: { result: ConnectorTest }) {
  return (
    <div className="connector-answer" role="status">
      <p>
        HTTP <strong>{result.status}</strong> ·{" "}
        {result.matched ? <span className="text-ok">matched</span> : <span className="muted">no match</span>}
      </p>
      <pre className="json-answer" aria-label="Answer">
        {result.answer}
      </pre>
      <h4 className="small">Output fields it defines</h4>
      <ColumnList columns={result.columns} label="Output fields it defines" />
    </div>
  );
}
