import { useId } from "react";
import type { IdpJob, IdpReport } from "../../api/types";

/** Days of the IdP's logs read for failed pushes (zi-core `IDP_LOG_DAYS`). */
export const IDP_LOG_DAYS = 7;

function when(at: string | null): string {
  if (!at) return "—";
  const date = new Date(at);
  return Number.isNaN(date.getTime()) ? at : date.toLocaleString();
}

/** Entra's job states, in words; the pill's colour says how bad. */
function jobLine(job: IdpJob): { text: string; tone: "ok" | "warning" | "error" } {
  switch (job.state) {
    case "Quarantine":
      return { text: `Quarantined${job.quarantine_reason ? ` (${job.quarantine_reason})` : ""}`, tone: "error" };
    case "Paused":
      return { text: "Paused", tone: "warning" };
    case "NotRun":
      return { text: "Never run", tone: "warning" };
    case "NotConfigured":
      return { text: "Not configured", tone: "warning" };
    default:
      return job.schedule === "Disabled"
        ? { text: "Scheduled off", tone: "warning" }
        : { text: job.state || "Unknown", tone: "ok" };
  }
}

function Job({ job }: { job: IdpJob }) {
  const line = jobLine(job);
  return (
    <div className="idp-job">
      <span className="muted">Provisioning job</span> <span className={`pill pill--${line.tone}`}>{line.text}</span>
      {job.last_run && (
        <span className="muted small">
          {" "}
          · last run {job.last_run === "EntryLevelErrors" ? "finished with errors on some users" : job.last_run.toLowerCase()}
          {job.last_run_ended && ` at ${when(job.last_run_ended)}`}
        </span>
      )}
      {job.detail && job.state === "Quarantine" && <p className="text-danger small">{job.detail}</p>}
      {job.since && <p className="muted small">Quarantined since {when(job.since)}</p>}
    </div>
  );
}

/**
 * What the identity provider says beside the SCIM findings: its provisioning job (Entra) and
 * each user it tried and failed to provision, with the reason it gave.
 */
export function IdpPanel({ idp }: { idp: IdpReport }) {
  const id = useId();
  return (
    <section className="prov-card idp-panel" aria-labelledby={`${id}-title`}>
      <div className="prov-card-head">
        <h3 id={`${id}-title`} className="prov-card-title">
          Identity provider · {idp.provider}
        </h3>
        <span className="muted small">app “{idp.app}”</span>
      </div>
      {idp.error ? (
        <p className="text-danger" role="status">
          Could not be read: {idp.error}
        </p>
      ) : !idp.app_found ? (
        <p className="text-danger">
          {idp.provider} has no app named “{idp.app}”. Enter the ZoomInfo app&apos;s name as {idp.provider} shows it.
        </p>
      ) : (
        <>
          {idp.job && <Job job={idp.job} />}
          {idp.assigned !== null && (
            <p className="muted small">
              {idp.assigned.toLocaleString("en-US")} users assigned
              {idp.out_of_sync > 0 && ` · ${idp.out_of_sync} waiting to be pushed again`}
            </p>
          )}
          {idp.failed.length === 0 ? (
            <p className="text-ok">No user failed to provision in the last {IDP_LOG_DAYS} days.</p>
          ) : (
            <div className="table-scroll">
              <table className="users-table idp-failed" aria-label={`Users ${idp.provider} failed to provision`}>
                <thead>
                  <tr>
                    <th scope="col">User</th>
                    <th scope="col">Action</th>
                    <th scope="col">Why</th>
                    <th scope="col">When</th>
                  </tr>
                </thead>
                <tbody>
                  {idp.failed.map((user) => (
                    <tr key={user.user}>
                      <td>
                        <code>{user.user}</code>
                        {user.display_name && <div className="muted small">{user.display_name}</div>}
                      </td>
                      <td>{user.action ?? "—"}</td>
                      <td>
                        {user.code && <code className="small">{user.code}</code>} {user.reason}
                        {user.recommended_action && <div className="muted small">{user.recommended_action}</div>}
                      </td>
                      <td className="nowrap">{when(user.at)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </section>
  );
}
