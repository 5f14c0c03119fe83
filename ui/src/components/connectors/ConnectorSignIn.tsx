import { useState } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useBackend } from "../../api/context";
import type { BackendError } from "../../api/errors";
import type { ConnectorSummary } from "../../api/types";
import { connectorKeys } from "../../hooks/useConnectors";
import { ErrorMessage } from "../ErrorMessage";

/** An OAuth 2.0 connector signs in in the system browser; the sign-in is kept in the keychain. */
export function ConnectorSignIn({ connector }: { connector: ConnectorSummary }) {
  const backend = useBackend();
  const client = useQueryClient();
  // Shown while waiting, for when no browser opened by itself.
  const [address, setAddress] = useState<string | null>(null);
  const signIn = useMutation<ConnectorSummary, BackendError>({
    mutationFn: () => backend.signInConnector(connector.file_name, setAddress),
    onSettled: () => setAddress(null),
    onSuccess: () => void client.invalidateQueries({ queryKey: connectorKeys.library }),
  });
  return (
    <div className="connector-key">
      <button type="button" className="button" disabled={signIn.isPending} onClick={() => signIn.mutate()}>
        {connector.key_kept ? "Sign in again" : "Sign in"}
      </button>
      {signIn.isPending && (
        <p className="muted small" role="status">
          Waiting for you to sign in to {connector.name} in your browser…
          {address && (
            <>
              {" "}If no browser opened, open <code className="connector-address">{address}</code>
            </>
          )}
        </p>
      )}
      {signIn.isError && <ErrorMessage error={signIn.error} />}
    </div>
  );
}
