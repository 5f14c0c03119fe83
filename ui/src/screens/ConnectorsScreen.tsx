import { useState } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useBackend } from "../api/context";
import type { BackendError } from "../api/errors";
import type { ConnectorSummary } from "../api/types";
import { ErrorMessage } from "../components/ErrorMessage";
import { NotAvailable } from "../components/NotAvailable";
import { PageHeader } from "../components/PageHeader";
import { Spinner } from "../components/Spinner";
import { ConnectorCard } from "../components/connectors/ConnectorCard";
import { ConnectorEditor } from "../components/connectors/ConnectorEditor";
import { NEW_CONNECTOR_TEMPLATE } from "../components/connectors/format";
import { connectorKeys, useConnectors } from "../hooks/useConnectors";
import "../components/provisioning/provisioning.css";
import "../components/enrich/enrich.css";
import "../components/connectors/connectors.css";

/** The file being edited (null: a new one) and its text when the editor opened. */
type Draft = { fileName: string | null; name: string; text: string };

/** Import…: the open dialog, then a copy into the library. */
function useImportConnector() {
  const backend = useBackend();
  const client = useQueryClient();
  return useMutation<ConnectorSummary | null, BackendError>({
    mutationFn: async () => {
      const path = await backend.chooseFile("connector");
      return path ? backend.importConnector(path) : null;
    },
    onSuccess: () => void client.invalidateQueries({ queryKey: connectorKeys.library }),
  });
}

/** The team's own HTTP APIs, asked after ZoomInfo for the rows it did not match. */
export function ConnectorsScreen() {
  const backend = useBackend();
  const client = useQueryClient();
  const library = useConnectors();
  const [draft, setDraft] = useState<Draft | null>(null);
  const imported = useImportConnector();
  const open = useMutation<Draft, BackendError, ConnectorSummary>({
    mutationFn: async (connector) => ({ fileName: connector.file_name, name: connector.name, text: await backend.readConnector(connector.file_name) }),
    onSuccess: (next) => startEditing(next),
  });
  const save = useMutation<ConnectorSummary, BackendError, { fileName: string | null; json: string }>({
    mutationFn: ({ fileName, json }) => backend.saveConnector(fileName, json),
    onSuccess: () => {
      setDraft(null);
      void client.invalidateQueries({ queryKey: connectorKeys.library });
    },
  });
  function startEditing(next: Draft) {
    save.reset();
    setDraft(next);
  }
  const startNew = () => startEditing({ fileName: null, name: "", text: NEW_CONNECTOR_TEMPLATE });
  const connectors = library.data ?? [];

  const actions = (
    <>
      <button type="button" className="button" onClick={() => imported.mutate()} disabled={imported.isPending}>
        Import…
      </button>
      <button type="button" className="button button--primary" onClick={startNew} disabled={draft !== null}>
        New connector
      </button>
    </>
  );

  return (
    <div className="screen">
      <PageHeader
        title="Connectors"
        description="Your team's own data APIs, asked after ZoomInfo for the rows it did not match. Each connector is a JSON file in ZoomInfo's Data Connectors format."
        actions={actions}
      />
      {imported.isError && <ErrorMessage error={imported.error} />}
      {open.isError && <ErrorMessage error={open.error} />}
      {draft !== null && (
        <ConnectorEditor
          key={draft.fileName ?? "new"}
          title={draft.fileName ? `Edit ${draft.name}` : "New connector"}
          initial={draft.text}
          pending={save.isPending}
          error={save.error}
          onSave={(json) => save.mutate({ fileName: draft.fileName, json })}
          onCancel={() => setDraft(null)}
        />
      )}
      {library.isPending && <Spinner label="Reading the connector library…" />}
      {library.isError && <ErrorMessage error={library.error} onRetry={() => void library.refetch()} />}
      {library.data && connectors.length === 0 && draft === null && (
        <NotAvailable title="No connector yet">
          <p>
            When ZoomInfo has no match, ask your next provider: a connector calls your team's own API (or another data
            vendor's) for the rows ZoomInfo did not match, and adds what it answers as extra columns.
          </p>
          <p className="form-actions">{actions}</p>
        </NotAvailable>
      )}
      {connectors.map((connector) => (
        <ConnectorCard key={connector.file_name} connector={connector} onEdit={() => open.mutate(connector)} />
      ))}
    </div>
  );
}
