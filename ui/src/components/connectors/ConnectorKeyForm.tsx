import { useId, useState } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useBackend } from "../../api/context";
import type { BackendError } from "../../api/errors";
import type { ConnectorSummary } from "../../api/types";
import { connectorKeys } from "../../hooks/useConnectors";
import { ErrorMessage } from "../ErrorMessage";

/** The connector's API key: kept in the OS keychain under the connector's name, never shown again. */
export function ConnectorKeyForm({ connector }: { connector: ConnectorSummary }) {
  const id = useId();
  const backend = useBackend();
  const client = useQueryClient();
  const [key, setKey] = useState("");
  const label = "API key";
  const change = useMutation<void, BackendError, string>({
    mutationFn: (next) => backend.setConnectorKey(connector.name, next),
    onSuccess: () => {
      setKey("");
      void client.invalidateQueries({ queryKey: connectorKeys.library });
    },
  });
  return (
    <form
      className="connector-key"
      aria-label={`${connector.name} ${label}`}
      onSubmit={(event) => {
        event.preventDefault();
        if (key.trim()) change.mutate(key.trim());
      }}
    >
      <div className="field">
        <label htmlFor={`${id}-key`}>{label}</label>
        <input
          id={`${id}-key`}
          type="password"
          autoComplete="off"
          value={key}
          placeholder={connector.key_kept ? "Kept in the keychain" : ""}
          onChange={(event) => setKey(event.target.value)}
        />
      </div>
      <button type="submit" className="button" disabled={change.isPending || !key.trim()}>
        Keep in keychain
      </button>
      {connector.key_kept && (
        <button type="button" className="button button--ghost" disabled={change.isPending} onClick={() => change.mutate("")}>
          Forget
        </button>
      )}
      {change.isError && <ErrorMessage error={change.error} />}
    </form>
  );
}
