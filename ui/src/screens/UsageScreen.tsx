import { useCreditHistory, useLiveUsage, useTeamUsage, useUsage } from "../hooks/queries";
import { CreditHistoryChart } from "../components/CreditHistoryChart";
import { CreditsByJob } from "../components/CreditsByJob";
import { useJobs } from "../hooks/useEnrich";
import { ErrorMessage } from "../components/ErrorMessage";
import { Icon } from "../components/Icon";
import { PageHeader } from "../components/PageHeader";
import { RequireSession } from "../components/RequireSession";
import { Spinner } from "../components/Spinner";
import { TeamUsagePanel } from "../components/TeamUsagePanel";
import { UsageBar } from "../components/UsageBar";
import { formatCount } from "../lib/format";
import { type ShownLimit, withLiveFigures } from "../lib/liveUsage";

/** Days of spending the chart shows. */
const HISTORY_DAYS = 30;

/** Where a limit's figures come from, said under its bar. */
function sourceText({ source, readAt }: ShownLimit): string {
  const at = readAt ? ` at ${readAt.toLocaleTimeString()}` : "";
  return source === "headers"
    ? `Live: from ZoomInfo's answer to the last search or enrichment${at}`
    : `From ZoomInfo's usage report${at}`;
}

function UsageList() {
  const usage = useUsage(true);
  const live = useLiveUsage(true);
  const history = useCreditHistory(HISTORY_DAYS, true);
  const jobs = useJobs(true);
  const team = useTeamUsage(true);
  const shown = usage.data ? withLiveFigures(usage.data.limits, usage.data.fetched_at, live.data ?? usage.data.live) : [];
  const recordLimit = shown.find((l) => l.item.limitType === "recordLimit");
  const readAt = usage.data ? new Date(usage.data.fetched_at) : null;
  const updated = readAt && !Number.isNaN(readAt.getTime()) ? readAt.toLocaleTimeString() : null;

  return (
    <>
      <div className="toolbar">
        <p className="muted" aria-live="polite">
          {usage.isFetching
            ? "Refreshing…"
            : updated
              ? `Updated ${updated} · refreshes every minute; credits left follow each search and enrichment`
              : ""}
        </p>
        <button type="button" className="button" onClick={() => {
            void usage.refetch();
            void live.refetch();
            void history.refetch();
            void jobs.refetch();
            void team.refetch();
          }}
          disabled={usage.isFetching}>
          <Icon name="refresh" size={15} /> Refresh
        </button>
      </div>
      {usage.isPending && <Spinner label="Loading usage…" />}
      {usage.isError && <ErrorMessage error={usage.error} onRetry={() => void usage.refetch()} />}
      {usage.data && usage.data.limits.length === 0 && (
        <p className="muted">ZoomInfo reported no limits for this account.</p>
      )}
      {recordLimit?.source === "headers" && (
        <p className="usage-live" aria-live="polite">
          <strong>{formatCount(recordLimit.item.usageRemaining)}</strong> credits left, as ZoomInfo's answer to the last
          search or enrichment said{recordLimit.readAt ? ` at ${recordLimit.readAt.toLocaleTimeString()}` : ""}.
        </p>
      )}
      {shown.length > 0 && (
        <ul className="usage-list" aria-label="Account limits">
          {shown.map((limit) => (
            <UsageBar key={limit.item.limitType} item={limit.item} source={sourceText(limit)} />
          ))}
        </ul>
      )}
      {history.isError && <ErrorMessage error={history.error} onRetry={() => void history.refetch()} />}
      {history.data && <CreditHistoryChart history={history.data} recordLimit={recordLimit?.item} />}
      {jobs.isError && <ErrorMessage error={jobs.error} onRetry={() => void jobs.refetch()} />}
      {jobs.data && <CreditsByJob jobs={jobs.data} />}
      {team.isError && <ErrorMessage error={team.error} onRetry={() => void team.refetch()} />}
      {/* Null outside team mode: nothing to show. */}
      {team.data && <TeamUsagePanel usage={team.data} />}
    </>
  );
}

export function UsageScreen() {
  return (
    <div className="screen">
      <PageHeader
        title="Usage"
        description="Your account's limits as ZoomInfo reports them. Searching counts toward requests; each record an enrich returns costs a credit."
      />
      <RequireSession>
        <UsageList />
      </RequireSession>
    </div>
  );
}
