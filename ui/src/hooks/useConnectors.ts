import { useQuery } from "@tanstack/react-query";
import { useBackend } from "../api/context";
import type { BackendError } from "../api/errors";
import type { ConnectorSummary } from "../api/types";

export const connectorKeys = {
  library: ["connectors"] as const,
};

/** The connector library (Connectors screen, and the Enrich screen's "Then ask"). */
export function useConnectors() {
  const backend = useBackend();
  return useQuery<ConnectorSummary[], BackendError>({
    queryKey: connectorKeys.library,
    queryFn: () => backend.listConnectors(),
  });
}
