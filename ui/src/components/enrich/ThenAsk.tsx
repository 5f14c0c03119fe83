import { useQuery } from "@tanstack/react-query";
import { useBackend } from "../../api/context";
import type { BackendError } from "../../api/errors";
import type { ConnectorEstimate, ConnectorSummary } from "../../api/types";
import { formatCount } from "../../lib/format";
import { useConnectors } from "../../hooks/useConnectors";
import { ErrorMessage } from "../ErrorMessage";

type Choice = { value: string; label: string };

/** One checkbox per connector, or per action when a connector has several (`file.json:action`). */
function choicesOf(library: ConnectorSummary[]): Choice[] {
  return library.flatMap((connector) =>
    connector.actions.length > 1
      ? connector.actions.map((action) => ({ value: `${connector.file_name}:${action.name}`, label: `${connector.name} · ${action.name}` }))
      : [{ value: connector.file_name, label: connector.name }],
  );
}

/** What the confirmation says of the chosen connectors: "Then asks Acme People about the rows…". */
export function useThenAskSummary(chosen: string[]): string | undefined {
  const library = useConnectors();
  if (chosen.length === 0) return undefined;
  const labels = new Map(choicesOf(library.data ?? []).map((c) => [c.value, c.label]));
  const names = chosen.map((value) => labels.get(value) ?? value).join(", then ");
  return `Then asks ${names} about the rows ZoomInfo does not match (calls to them cost no credits).`;
}

/** "Acme People: at most 52 calls (12 answered before, free) · budget 1,000 calls". */
export function estimateText(estimate: ConnectorEstimate, showAction: boolean): string {
  const name = showAction ? `${estimate.connector} · ${estimate.action}` : estimate.connector;
  const free = estimate.from_cache > 0 ? ` (${formatCount(estimate.from_cache)} answered before, free)` : "";
  const budget = estimate.max_calls !== null ? ` · budget ${formatCount(estimate.max_calls)} calls` : "";
  return `${name}: at most ${formatCount(estimate.at_most_calls)} calls${free}${budget}`;
}

function ConnectorEstimates({ jobId, chosen, library }: { jobId: number; chosen: string[]; library: ConnectorSummary[] }) {
  const backend = useBackend();
  const estimate = useQuery<ConnectorEstimate[], BackendError>({
    queryKey: ["connector-estimate", jobId, chosen],
    queryFn: () => backend.estimateConnectors(jobId, chosen),
  });
  if (estimate.isError) return <ErrorMessage error={estimate.error} />;
  if (!estimate.data) return <p className="muted small">Estimating the calls…</p>;
  const several = (name: string) => (library.find((c) => c.name === name)?.actions.length ?? 0) > 1;
  return (
    <ul className="then-ask-list" aria-label="Connector calls">
      {estimate.data.map((e) => (
        <li key={`${e.connector}:${e.action}`}>{estimateText(e, several(e.connector))}</li>
      ))}
    </ul>
  );
}

/**
 * The connectors to ask, in the order ticked, about the rows ZoomInfo does not match. Nothing
 * shows while the library is empty: the feature is set up on the Connectors screen.
 */
export function ThenAsk({ jobId, chosen, onChange }: { jobId: number; chosen: string[]; onChange: (chosen: string[]) => void }) {
  const library = useConnectors();
  const connectors = library.data ?? [];
  if (connectors.length === 0) return null;
  const toggle = (value: string, on: boolean) =>
    onChange(on ? [...chosen.filter((c) => c !== value), value] : chosen.filter((c) => c !== value));
  return (
    <fieldset className="then-ask form-fieldset">
      <legend>Then ask</legend>
      <p className="muted small">For the rows ZoomInfo does not match, in the order you tick them. Calls to them cost no credits.</p>
      <ul className="then-ask-list">
        {choicesOf(connectors).map((choice) => {
          const position = chosen.indexOf(choice.value);
          return (
            <li key={choice.value}>
              <label>
                <input type="checkbox" checked={position >= 0} onChange={(event) => toggle(choice.value, event.target.checked)} />
                {choice.label}
                {position >= 0 && chosen.length > 1 && <span className="muted small">({position + 1})</span>}
              </label>
            </li>
          );
        })}
      </ul>
      {chosen.length > 0 && <ConnectorEstimates jobId={jobId} chosen={chosen} library={connectors} />}
    </fieldset>
  );
}
