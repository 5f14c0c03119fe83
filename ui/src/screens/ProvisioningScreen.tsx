import { useId, useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useBackend } from "../api/context";
import type { BackendError } from "../api/errors";
import type { AddEndpointRequest, EndpointStatus, ProvisioningStatus, WatchedEndpoint } from "../api/types";
import { ErrorMessage } from "../components/ErrorMessage";
import { Icon } from "../components/Icon";
import { NotAvailable } from "../components/NotAvailable";
import { PageHeader } from "../components/PageHeader";
import { Spinner } from "../components/Spinner";
import { AddEndpointForm, draftOf, type EndpointDraft } from "../components/provisioning/AddEndpointForm";
import { ProblemsList } from "../components/provisioning/ProblemsList";
import { SeatBars } from "../components/provisioning/SeatBars";
import { SeatHistoryChart } from "../components/provisioning/SeatHistoryChart";
import { TokenCard } from "../components/provisioning/TokenCard";
import { IdpPanel } from "../components/provisioning/IdpPanel";
import { UsersPanel } from "../components/provisioning/UsersPanel";
import { plural } from "../components/provisioning/format";
import { useAppStatus } from "../hooks/queries";
import { hrefFor } from "../hooks/useRoute";
import "../components/provisioning/provisioning.css";

/** How often the screen checks while it is open (tokens and seats change slowly). */
export const POLL_MS = 5 * 60_000;
const KEY = ["provisioning"] as const;

function useProvisioning() {
  const backend = useBackend();
  return useQuery<ProvisioningStatus, BackendError>({
    queryKey: KEY,
    queryFn: () => backend.provisioningStatus(),
    refetchInterval: POLL_MS,
  });
}

function EndpointPanel({ status, onReenter }: { status: EndpointStatus; onReenter: (draft: EndpointDraft) => void }) {
  const id = useId();
  const backend = useBackend();
  const client = useQueryClient();
  const forget = useMutation<void, BackendError, number>({
    mutationFn: (endpointId) => backend.forgetScimEndpoint(endpointId),
    onSuccess: () => void client.invalidateQueries({ queryKey: KEY }),
  });
  const { endpoint, report, error } = status;
  const title = endpoint.name || endpoint.url;
  return (
    <section className="panel endpoint" aria-labelledby={`${id}-title`}>
      <header className="endpoint-head">
        <div>
          <h2 id={`${id}-title`} className="panel-title">
            {title} {status.demo && <span className="pill pill--demo">Demo</span>}
          </h2>
          <p className="muted small">
            <code>{endpoint.url}</code>
            {report && (
              <>
                {" "}
                · {plural(report.users.total, "user")} ({report.users.active} active, {report.users.inactive} inactive)
                {report.groups_offered ? <> in {plural(report.groups, "group")}</> : " · no /Groups on this endpoint"}
              </>
            )}
          </p>
        </div>
        {!status.demo && (
          <button
            type="button"
            className="button button--ghost"
            onClick={() => forget.mutate(endpoint.id)}
            disabled={forget.isPending}
            aria-label={`Stop watching ${title}`}
          >
            Remove
          </button>
        )}
      </header>
      {forget.isError && <ErrorMessage error={forget.error} />}
      {error && (
        <ErrorMessage
          error={error}
          action={
            error.code === "token_missing" ? (
              <button type="button" className="button button--primary" onClick={() => onReenter(draftOf(endpoint))}>
                Enter the token
              </button>
            ) : undefined
          }
        />
      )}
      {report && (
        <>
          <div className="endpoint-grid">
            <div className="endpoint-column">
              <TokenCard token={report.token} titleId={`${id}-token`} />
              <section className="prov-card" aria-labelledby={`${id}-history`}>
                <div className="prov-card-head">
                  <h3 id={`${id}-history`} className="prov-card-title">
                    Seats used over time
                  </h3>
                </div>
                <SeatHistoryChart history={status.history} />
              </section>
            </div>
            <div className="endpoint-column">
              <section className="prov-card" aria-labelledby={`${id}-seats`}>
                <div className="prov-card-head">
                  <h3 id={`${id}-seats`} className="prov-card-title">
                    Seats per product
                  </h3>
                </div>
                {report.token.valid ? (
                  <SeatBars seats={report.seats} forecasts={report.forecasts} />
                ) : (
                  <p className="muted">Seats cannot be counted while the server refuses the token.</p>
                )}
              </section>
              <section className="prov-card" aria-labelledby={`${id}-problems`}>
                <div className="prov-card-head">
                  <h3 id={`${id}-problems`} className="prov-card-title">
                    Problems
                  </h3>
                  <span className="muted small">
                    {report.findings.length === 0 ? "none" : `${report.findings.length}, worst first`}
                  </span>
                </div>
                <ProblemsList findings={report.findings} />
              </section>
            </div>
          </div>
          {report.idp && <IdpPanel idp={report.idp} />}
          {report.token.valid && <UsersPanel endpointId={endpoint.id} total={report.users.total} checkedAt={report.checked_at} />}
        </>
      )}
    </section>
  );
}

function checkedText(status: ProvisioningStatus | undefined, fetching: boolean): string {
  if (fetching) return "Checking…";
  if (!status) return "";
  const at = new Date(status.checked_at);
  const time = Number.isNaN(at.getTime()) ? status.checked_at : at.toLocaleTimeString();
  return `Checked ${time} · checks again every 5 minutes while this screen is open`;
}

/** SCIM provisioning health: token expiry, seats, problems, per watched endpoint. */
export function ProvisioningScreen() {
  const backend = useBackend();
  const client = useQueryClient();
  const app = useAppStatus();
  const status = useProvisioning();
  const [draft, setDraft] = useState<EndpointDraft | "new" | null>(null);
  const add = useMutation<WatchedEndpoint, BackendError, AddEndpointRequest>({
    mutationFn: (request) => backend.addScimEndpoint(request),
    onSuccess: () => {
      setDraft(null);
      void client.invalidateQueries({ queryKey: KEY });
    },
  });
  const open = (next: EndpointDraft | "new") => {
    add.reset();
    setDraft(next);
  };
  const endpoints = status.data?.endpoints ?? [];

  return (
    <div className="screen">
      <PageHeader
        title="Provisioning"
        description="SCIM provisioning health: when each token expires, seats per product, and the users and groups whose provisioning fails."
        actions={
          <>
            <button type="button" className="button" onClick={() => void status.refetch()} disabled={status.isFetching}>
              <Icon name="refresh" size={15} /> Refresh
            </button>
            <button type="button" className="button button--primary" onClick={() => open("new")} disabled={draft !== null}>
              Add endpoint
            </button>
          </>
        }
      />
      <p className="muted small" aria-live="polite">
        {checkedText(status.data, status.isFetching)}
      </p>
      {draft !== null && (
        <AddEndpointForm
          key={draft === "new" ? "new" : draft.url}
          initial={draft === "new" ? undefined : draft}
          pending={add.isPending}
          error={add.error}
          onSubmit={(request) => add.mutate(request)}
          onCancel={() => setDraft(null)}
        />
      )}
      {status.isPending && <Spinner label="Checking the SCIM endpoints…" />}
      {status.isError && <ErrorMessage error={status.error} onRetry={() => void status.refetch()} />}
      {status.data && endpoints.length === 0 && draft === null && (
        <NotAvailable title="No SCIM endpoint watched yet">
          <p>
            Add your identity provider's ZoomInfo SCIM endpoint and its token to be warned before the token expires or the
            seats run out.
          </p>
          {!app.data?.demo && (
            <p>
              Or <a href={hrefFor("connect")}>try the demo</a>: it comes with a simulated SCIM endpoint.
            </p>
          )}
          <p>
            <button type="button" className="button button--primary" onClick={() => open("new")}>
              Add endpoint
            </button>
          </p>
        </NotAvailable>
      )}
      {endpoints.map((endpoint) => (
        <EndpointPanel key={endpoint.endpoint.id} status={endpoint} onReenter={open} />
      ))}
    </div>
  );
}
