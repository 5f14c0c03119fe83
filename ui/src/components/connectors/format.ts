import type { ConnectorSummary } from "../../api/types";
import { formatCount } from "../../lib/format";

/** How the connector signs its calls: "API key in header X-Api-Key", "OAuth 2", "No sign-in". */
export function authText(connector: ConnectorSummary): string {
  switch (connector.auth_method) {
    case "apiKey": {
      const where = connector.key_placement === "query" ? "query parameter" : (connector.key_placement ?? "header");
      return `API key in ${where}${connector.key_name ? ` ${connector.key_name}` : ""}`;
    }
    case "oauth2":
      return "OAuth 2";
    default:
      return "No sign-in";
  }
}

/** Whether the connector needs a secret in the keychain before it can be called. */
/** Whether its secret is kept: an API key, or an OAuth 2.0 sign-in. */
export function keyPill(connector: ConnectorSummary): string {
  if (connector.auth_method === "oauth2") return connector.key_kept ? "signed in" : "not signed in";
  return connector.key_kept ? "key kept" : "no key yet";
}

export function needsKey(connector: ConnectorSummary): boolean {
  return connector.auth_method !== "none";
}

export function budgetText(maxCalls: number | null): string {
  return maxCalls === null ? "no budget" : `at most ${formatCount(maxCalls)} calls per run`;
}

export { NEW_CONNECTOR_TEMPLATE } from "../../lib/connectorTemplate";
