import { useState, type FormEvent } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useBackend } from "../../api/context";
import type { BackendError } from "../../api/errors";
import type { TeamStatus } from "../../api/types";
import { queryKeys } from "../../hooks/queries";
import { ErrorMessage } from "../ErrorMessage";
import { Icon } from "../Icon";
import { Field } from "./Field";
import { KeptPasswordField } from "./KeptPasswordField";

interface Draft {
  database_url: string;
  member: string;
  /** Typed this time; empty keeps the kept one. */
  password: string;
}

interface SaveRequest {
  databaseUrl: string;
  member: string;
  password: string | null;
}

function draftOf(status: TeamStatus): Draft {
  return { database_url: status.connection.database_url, member: status.connection.member, password: "" };
}

/** `host:port/name` of a postgres:// address, the way the Usage screen names the database. */
export function databaseLabel(address: string): string {
  try {
    const url = new URL(address);
    return url.hostname ? `${url.hostname}:${url.port || "5432"}${url.pathname}` : address;
  } catch {
    return address;
  }
}

/**
 * Settings → Team: a PostgreSQL database the team's copies of zi-console share, so they buy
 * through one cache, one credit ledger and one request pace (its password kept in the keychain).
 */
export function TeamPanel() {
  const backend = useBackend();
  const client = useQueryClient();
  const team = useQuery<TeamStatus, BackendError>({ queryKey: queryKeys.team, queryFn: () => backend.getTeam() });
  function saved(next: TeamStatus) {
    client.setQueryData(queryKeys.team, next);
    // The Usage screen's team figures now come from another database, or none.
    void client.invalidateQueries({ queryKey: queryKeys.teamUsage });
  }
  return (
    <section className="panel" aria-labelledby="settings-team">
      <h2 id="settings-team" className="panel-title">
        Team
      </h2>
      <p className="muted">
        Everyone on the team&apos;s ZoomInfo account shares one cache, one credit ledger and one request pace through a
        PostgreSQL database, so nobody buys a record a teammate already bought and together you stay under ZoomInfo&apos;s
        limits. The password is kept in the operating system&apos;s keychain, never in the settings.
      </p>
      {team.isError && <ErrorMessage error={team.error} onRetry={() => void team.refetch()} />}
      {team.data && <TeamState status={team.data} />}
      {team.data && <TeamForm status={team.data} onSaved={saved} />}
    </section>
  );
}

/** Whether this session buys through the team, and why not when it is set up but does not. */
function TeamState({ status }: { status: TeamStatus }) {
  const { connection, joined, problem } = status;
  return (
    <>
      {joined && (
        <p className="text-success">
          This session buys through the team database {databaseLabel(connection.database_url)} as{" "}
          <strong>{connection.member}</strong>.
        </p>
      )}
      {problem && (
        <div className="callout callout--error callout--compact" role="alert">
          <Icon name="alert" className="callout-icon" />
          <p>
            Team mode is set up, but this session is not in it: {problem}
          </p>
        </div>
      )}
      {!joined && !problem && !connection.database_url && (
        <p className="muted">Team mode is off: this computer keeps its own cache and ledger.</p>
      )}
      {connection.from_environment && (
        <p className="callout callout--warning callout--compact">
          The address comes from ZI_DATABASE_URL in the environment, which wins over these settings: change it there.
        </p>
      )}
    </>
  );
}

function TeamForm({ status, onSaved }: { status: TeamStatus; onSaved: (status: TeamStatus) => void }) {
  const backend = useBackend();
  const { connection } = status;
  const [draft, setDraft] = useState<Draft>(() => draftOf(status));
  const [saved, setSaved] = useState(false);
  const [confirmingOff, setConfirmingOff] = useState(false);
  // The backend checks the address (scheme, host, sslmode) and reaches the database before keeping it.
  const save = useMutation<TeamStatus, BackendError, SaveRequest>({
    mutationFn: ({ databaseUrl, member, password }) => backend.saveTeam(databaseUrl, member, password),
    onSuccess: (next) => {
      setDraft(draftOf(next));
      setSaved(true);
      setConfirmingOff(false);
      onSaved(next);
    },
  });
  const set = (name: keyof Draft) => (value: string) => {
    setSaved(false);
    setDraft({ ...draft, [name]: value });
  };
  function submit(event: FormEvent) {
    event.preventDefault();
    save.mutate({ databaseUrl: draft.database_url.trim(), member: draft.member.trim(), password: draft.password || null });
  }
  // Turning off forgets the password too: nothing of the team's stays in the keychain.
  const turnOff = () => save.mutate({ databaseUrl: "", member: draft.member.trim(), password: "" });
  const canTurnOff = connection.database_url !== "" && !connection.from_environment;

  return (
    <form className="form-stack settings-form" onSubmit={submit} noValidate aria-label="Team settings">
      <Field
        id="team-database-url"
        label="Team database"
        value={draft.database_url}
        inputMode="url"
        placeholder="postgres://user@host:5432/name?sslmode=require"
        hint="Empty: team mode off. Ask whoever set up the team's database for its address."
        disabled={connection.from_environment}
        onChange={set("database_url")}
      />
      <div className="form-row">
        <Field
          id="team-member"
          label="Your name in the team ledger"
          value={draft.member}
          autoComplete="username"
          hint="What teammates see beside your jobs and credits."
          onChange={set("member")}
        />
        <KeptPasswordField
          id="team-password"
          value={draft.password}
          kept={connection.has_password}
          hint="The database user's password, kept in the keychain."
          onChange={set("password")}
        />
      </div>
      {save.isError && <ErrorMessage error={save.error} />}
      {confirmingOff ? (
        <TurnOffConfirm busy={save.isPending} onConfirm={turnOff} onCancel={() => setConfirmingOff(false)} />
      ) : (
        <div className="form-actions">
          <button type="submit" className="button button--primary" disabled={save.isPending}>
            {save.isPending ? "Saving…" : "Save"}
          </button>
          {canTurnOff && (
            <button type="button" className="button" onClick={() => setConfirmingOff(true)} disabled={save.isPending}>
              Turn off…
            </button>
          )}
          <span className="muted small" role="status">
            {saved ? "Saved." : ""}
          </span>
        </div>
      )}
    </form>
  );
}

function TurnOffConfirm({ busy, onConfirm, onCancel }: { busy: boolean; onConfirm: () => void; onCancel: () => void }) {
  return (
    <div className="confirm" role="alertdialog" aria-labelledby="team-off-title" onKeyDown={(e) => e.key === "Escape" && onCancel()}>
      <p id="team-off-title" className="confirm-title">
        Turn team mode off?
      </p>
      <p className="small">
        This computer goes back to its own cache and ledger, and forgets the database password. What you bought stays in
        the team&apos;s ledger for your teammates.
      </p>
      <div className="form-actions">
        <button type="button" className="button button--danger" onClick={onConfirm} disabled={busy} autoFocus>
          Turn off
        </button>
        <button type="button" className="button button--ghost" onClick={onCancel}>
          Keep it
        </button>
      </div>
    </div>
  );
}
