import { useId, useState } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useBackend } from "../../api/context";
import type { BackendError } from "../../api/errors";
import type { ConnectorSummary } from "../../api/types";
import { formatCount } from "../../lib/format";
import { connectorKeys } from "../../hooks/useConnectors";
import { ErrorMessage } from "../ErrorMessage";
import { ColumnList } from "./ColumnList";
import { ConnectorKeyForm } from "./ConnectorKeyForm";
import { ConnectorSignIn } from "./ConnectorSignIn";
import { ConnectorTestPanel } from "./ConnectorTestPanel";
import { authText, budgetText, keyPill, needsKey } from "./format";

/** Asks once more before the file leaves the library. */
function DeleteButton({ connector }: { connector: ConnectorSummary }) {
  const backend = useBackend();
  const client = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const remove = useMutation<void, BackendError, string>({
    mutationFn: (fileName) => backend.deleteConnector(fileName),
    onSuccess: () => void client.invalidateQueries({ queryKey: connectorKeys.library }),
  });
  if (!confirming) {
    return (
      <button type="button" className="button button--ghost" onClick={() => setConfirming(true)}>
        Delete
      </button>
    );
  }
  return (
    <div className="confirm" role="alertdialog" aria-label={`Delete ${connector.name}?`}>
      <p className="confirm-title">Delete {connector.name}?</p>
      <p className="small">
        <code>{connector.file_name}</code> leaves the library; export it first to keep a copy. Its key stays in the keychain until you forget it.
      </p>
      {remove.isError && <ErrorMessage error={remove.error} />}
      <div className="form-actions">
        <button type="button" className="button button--danger" disabled={remove.isPending} onClick={() => remove.mutate(connector.file_name)}>
          Delete
        </button>
        <button type="button" className="button button--ghost" onClick={() => setConfirming(false)}>
          Keep it
        </button>
      </div>
    </div>
  );
}

/** Writes the connector file where the user chooses, to share it with the team. */
function useExportConnector(fileName: string) {
  const backend = useBackend();
  return useMutation<string | null, BackendError>({
    mutationFn: async () => {
      const destination = await backend.chooseSavePath("connector", fileName);
      if (destination) await backend.exportConnector(fileName, destination);
      return destination;
    },
  });
}

/** One connector of the library: what it calls, how it signs in, its limits, its actions and their columns. */
export function ConnectorCard({ connector, onEdit }: { connector: ConnectorSummary; onEdit: () => void }) {
  const id = useId();
  const [testing, setTesting] = useState(false);
  const exported = useExportConnector(connector.file_name);
  return (
    <section className="panel connector" aria-labelledby={`${id}-title`}>
      <header className="endpoint-head">
        <div>
          <h2 id={`${id}-title`} className="panel-title">
            {connector.name}
            {needsKey(connector) && (
              <span className={`pill ${connector.key_kept ? "pill--ok" : "pill--warning"} pill--spaced`}>
                {keyPill(connector)}
              </span>
            )}
          </h2>
          {connector.description && <p className="muted small">{connector.description}</p>}
        </div>
        <div className="page-actions">
          <button type="button" className="button" onClick={() => setTesting(true)} disabled={testing}>
            Test API…
          </button>
          <button type="button" className="button" onClick={onEdit}>
            Edit
          </button>
          <button type="button" className="button" onClick={() => exported.mutate()} disabled={exported.isPending}>
            Export…
          </button>
          <DeleteButton connector={connector} />
        </div>
      </header>
      {exported.isError && <ErrorMessage error={exported.error} />}
      {exported.data && (
        <p className="muted small" role="status">
          Saved to <code>{exported.data}</code>
        </p>
      )}
      <dl className="facts facts--compact connector-facts">
        <dt>Base URL</dt>
        <dd>
          <code>{connector.base_url}</code>
        </dd>
        <dt>Sign-in</dt>
        <dd>{authText(connector)}</dd>
        <dt>Rate</dt>
        <dd>{formatCount(connector.rate_per_second)} calls/s</dd>
        <dt>Budget</dt>
        <dd>{budgetText(connector.max_calls)}</dd>
      </dl>
      <ul className="connector-actions" aria-label={`${connector.name} actions`}>
        {connector.actions.map((action) => (
          <li key={action.name}>
            <p>
              <strong>{action.name}</strong>{" "}
              <code className="muted">
                {action.request_type} {action.endpoint}
              </code>
            </p>
            <ColumnList columns={action.columns} label={`Columns of ${action.name}`} />
          </li>
        ))}
      </ul>
      {connector.auth_method === "oauth2" ? (
        <ConnectorSignIn connector={connector} />
      ) : (
        needsKey(connector) && <ConnectorKeyForm connector={connector} />
      )}
      {testing && <ConnectorTestPanel connector={connector} onClose={() => setTesting(false)} />}
    </section>
  );
}
