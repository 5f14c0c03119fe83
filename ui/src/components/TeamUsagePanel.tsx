import { useState, type FormEvent } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useBackend } from "../api/context";
import type { BackendError } from "../api/errors";
import type { TeamConnectorCalls, TeamJobSpend, TeamMemberSpend, TeamUsage } from "../api/types";
import { queryKeys } from "../hooks/queries";
import { formatCount, formatWhen, percentUsed } from "../lib/format";
import { ErrorMessage } from "./ErrorMessage";

const STATE_LABELS: Record<string, string> = {
  completed: "completed",
  stopped: "stopped",
  running: "running",
  failed: "failed",
  ready: "not started",
};

const KIND_LABELS: Record<string, string> = { contact: "contacts", company: "companies" };

function monthOf(rfc3339: string): string {
  const date = new Date(rfc3339);
  return Number.isNaN(date.getTime()) ? rfc3339 : date.toLocaleDateString(undefined, { month: "long", day: "numeric", timeZone: "UTC" });
}

/**
 * Team mode on the Usage screen: what each member of the shared ledger spent this month against
 * their budget, and the team's latest jobs, so a RevOps lead sees who uses the account's credits.
 */
export function TeamUsagePanel({ usage }: { usage: TeamUsage }) {
  const total = usage.members.reduce((sum, m) => sum + m.credits, 0);
  return (
    <section className="panel team-usage" aria-labelledby="team-usage-title">
      <div className="enrich-panel-head">
        <h2 id="team-usage-title" className="panel-title">
          Team this month
        </h2>
        <p className="muted small">
          {formatCount(total)} credits since {monthOf(usage.since)}, from the team database {usage.database}
        </p>
      </div>
      <TeamMembersTable members={usage.members} me={usage.member} />
      <h3 className="team-usage-subtitle">Recent jobs</h3>
      <TeamJobsTable jobs={usage.jobs} />
      {usage.connector_calls.length > 0 && (
        <>
          <h3 className="team-usage-subtitle">Data connector calls</h3>
          <TeamConnectorCallsTable calls={usage.connector_calls} />
        </>
      )}
    </section>
  );
}

function TeamMembersTable({ members, me }: { members: TeamMemberSpend[]; me: string }) {
  const backend = useBackend();
  const client = useQueryClient();
  // The member whose budget is being edited; one at a time.
  const [editing, setEditing] = useState<string | null>(null);
  const change = useMutation<void, BackendError, { member: string; credits: number | null }>({
    mutationFn: ({ member, credits }) => backend.setTeamBudget(member, credits),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: queryKeys.teamUsage });
      setEditing(null);
    },
  });
  if (members.length === 0) return <p className="muted">Nobody has joined the team ledger yet.</p>;
  return (
    <>
      <div className="team-table-scroll">
        <table className="team-table" aria-label="Team members">
          <thead>
            <tr>
              <th scope="col">Member</th>
              <th scope="col" className="numeric">Credits this month</th>
              <th scope="col">Monthly budget</th>
              <th scope="col" className="numeric">Jobs</th>
              <th scope="col"><span className="visually-hidden">Actions</span></th>
            </tr>
          </thead>
          <tbody>
            {members.map((m) => (
              <tr key={m.member}>
                <th scope="row">
                  {m.member}
                  {m.member === me && (
                    <>
                      {" "}
                      <span className="badge team-you">you</span>
                    </>
                  )}
                </th>
                <td className="numeric">{formatCount(m.credits)}</td>
                <td className="team-budget-cell">
                  {editing === m.member ? (
                    <BudgetForm
                      spend={m}
                      busy={change.isPending}
                      onSave={(credits) => change.mutate({ member: m.member, credits })}
                      onCancel={() => {
                        change.reset();
                        setEditing(null);
                      }}
                    />
                  ) : (
                    <BudgetBar spend={m} />
                  )}
                </td>
                <td className="numeric">{formatCount(m.jobs)}</td>
                <td className="team-actions">
                  {editing !== m.member && (
                    <button
                      type="button"
                      className="button button--small button--ghost"
                      aria-label={`Set ${m.member}'s budget`}
                      onClick={() => {
                        change.reset();
                        setEditing(m.member);
                      }}
                    >
                      {m.budget === null ? "Set budget" : "Change budget"}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {change.isError && <ErrorMessage error={change.error} />}
    </>
  );
}

/** Credits spent against the member's budget, or a dash when the team set none. */
function BudgetBar({ spend }: { spend: TeamMemberSpend }) {
  const { member, credits, budget } = spend;
  if (budget === null) return <span className="muted" title="No budget set">—</span>;
  // A budget of 0 means "spend nothing": any credit is over it.
  const percent = budget === 0 ? (credits > 0 ? 100 : 0) : (percentUsed(credits, budget) ?? 0);
  const level = credits > budget || percent >= 95 ? "critical" : percent >= 80 ? "warning" : "ok";
  const text = `${formatCount(credits)} of ${formatCount(budget)} credits`;
  return (
    <div className={`team-budget usage-item--${level}`}>
      <div
        className="usage-track team-budget-track"
        role="progressbar"
        aria-label={`${member}'s budget`}
        aria-valuemin={0}
        aria-valuemax={budget}
        aria-valuenow={credits}
        aria-valuetext={text}
      >
        <div className="usage-fill" style={{ width: `${percent}%` }} />
      </div>
      <span className="team-budget-numbers">{formatCount(budget)}</span>
    </div>
  );
}

/** A whole number of credits a month, 0 or more; Remove leaves the member without a budget. */
function BudgetForm({
  spend,
  busy,
  onSave,
  onCancel,
}: {
  spend: TeamMemberSpend;
  busy: boolean;
  onSave: (credits: number | null) => void;
  onCancel: () => void;
}) {
  const [text, setText] = useState(spend.budget === null ? "" : String(spend.budget));
  const [problem, setProblem] = useState<string | null>(null);
  function submit(event: FormEvent) {
    event.preventDefault();
    const trimmed = text.trim().replace(/[,\s]/g, "");
    if (!/^\d+$/.test(trimmed)) {
      setProblem("A whole number of credits, 0 or more.");
      return;
    }
    onSave(Number(trimmed));
  }
  const inputId = `team-budget-${spend.member}`;
  return (
    <form
      className="team-budget-form"
      onSubmit={submit}
      noValidate
      aria-label={`${spend.member}'s monthly budget`}
      onKeyDown={(e) => e.key === "Escape" && onCancel()}
    >
      <input
        id={inputId}
        name={inputId}
        inputMode="numeric"
        value={text}
        onChange={(e) => {
          setProblem(null);
          setText(e.target.value);
        }}
        aria-label="Credits a month"
        aria-invalid={problem ? true : undefined}
        aria-describedby={problem ? `${inputId}-problem` : undefined}
        placeholder="Credits a month"
        autoFocus
      />
      <button type="submit" className="button button--small button--primary" disabled={busy}>
        Save
      </button>
      {spend.budget !== null && (
        <button type="button" className="button button--small" disabled={busy} onClick={() => onSave(null)}>
          Remove
        </button>
      )}
      <button type="button" className="button button--small button--ghost" onClick={onCancel}>
        Cancel
      </button>
      {problem && (
        <small id={`${inputId}-problem`} className="field-note text-danger team-budget-problem">
          {problem}
        </small>
      )}
    </form>
  );
}

function TeamJobsTable({ jobs }: { jobs: TeamJobSpend[] }) {
  if (jobs.length === 0) return <p className="muted">No jobs on the team ledger this month yet.</p>;
  return (
    <div className="team-table-scroll">
      <table className="team-table" aria-label="Team jobs">
        <thead>
          <tr>
            <th scope="col">Member</th>
            <th scope="col">File</th>
            <th scope="col">Kind</th>
            <th scope="col">State</th>
            <th scope="col" className="numeric">Credits</th>
            <th scope="col">When</th>
          </tr>
        </thead>
        <tbody>
          {jobs.map((job, index) => (
            <tr key={`${job.member}-${job.file_name}-${job.updated_at}-${index}`}>
              <td>{job.member}</td>
              <th scope="row" title={job.file_name}>
                {job.file_name}
              </th>
              <td>{KIND_LABELS[job.kind] ?? job.kind}</td>
              <td>
                <span className={`badge badge--${job.state}`}>{STATE_LABELS[job.state] ?? job.state}</span>
              </td>
              <td className="numeric">{formatCount(job.credits)}</td>
              <td className="muted small nowrap">{formatWhen(job.updated_at)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Calls each member made to the team's data connectors this month (each input is asked once for the whole team). */
function TeamConnectorCallsTable({ calls }: { calls: TeamConnectorCalls[] }) {
  return (
    <div className="team-table-scroll">
      <table className="team-table" aria-label="Data connector calls">
        <thead>
          <tr>
            <th scope="col">Member</th>
            <th scope="col">Data connector</th>
            <th scope="col" className="numeric">Calls this month</th>
          </tr>
        </thead>
        <tbody>
          {calls.map((c) => (
            <tr key={`${c.member}-${c.connector}`}>
              <td>{c.member}</td>
              <th scope="row">{c.connector}</th>
              <td className="numeric">{formatCount(c.calls)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
