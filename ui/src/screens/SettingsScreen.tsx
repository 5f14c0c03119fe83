import { useState, type FormEvent } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useBackend } from "../api/context";
import type { BackendError } from "../api/errors";
import type { ConnectionSettings, SettingsView } from "../api/types";
import { ErrorMessage } from "../components/ErrorMessage";
import { PageHeader } from "../components/PageHeader";
import { Spinner } from "../components/Spinner";
import { Field } from "../components/settings/Field";
import { NetworkPanel } from "../components/settings/NetworkPanel";
import { ShowInFolder } from "../components/ShowInFolder";
import { TeamPanel } from "../components/settings/TeamPanel";
import { UpdatesPanel } from "../components/settings/UpdatesPanel";
import { useAppStatus } from "../hooks/queries";
import "../components/provisioning/provisioning.css";

const KEY = ["settings"] as const;

interface Draft {
  api_url: string;
  rate_per_second: string;
  rate_per_minute: string;
}

function draftOf(settings: ConnectionSettings): Draft {
  return {
    api_url: settings.api_url,
    rate_per_second: String(settings.rate_per_second),
    rate_per_minute: String(settings.rate_per_minute),
  };
}

/** The form's own checks (the backend checks again): problems by field. */
export function validateDraft(draft: Draft): { settings?: ConnectionSettings; problems: Partial<Record<keyof Draft, string>> } {
  const problems: Partial<Record<keyof Draft, string>> = {};
  const url = draft.api_url.trim();
  if (!/^https?:\/\/[^/\s]+/.test(url)) problems.api_url = "Enter an address starting with https://, e.g. https://api.zoominfo.com.";
  const number = (text: string) => (/^\d+$/.test(text.trim()) ? Number(text.trim()) : NaN);
  const perSecond = number(draft.rate_per_second);
  const perMinute = number(draft.rate_per_minute);
  if (!(perSecond >= 1)) problems.rate_per_second = "A whole number, at least 1.";
  if (!(perMinute >= 1)) problems.rate_per_minute = "A whole number, at least 1.";
  else if (perSecond >= 1 && perMinute < perSecond) problems.rate_per_minute = "At least as many as per second.";
  if (Object.keys(problems).length > 0) return { problems };
  return { settings: { api_url: url, rate_per_second: perSecond, rate_per_minute: perMinute }, problems };
}

function ConnectionForm({ view }: { view: SettingsView }) {
  const backend = useBackend();
  const client = useQueryClient();
  const [draft, setDraft] = useState<Draft>(() => draftOf(view.connection));
  const [problems, setProblems] = useState<Partial<Record<keyof Draft, string>>>({});
  const [saved, setSaved] = useState(false);
  const save = useMutation<SettingsView, BackendError, ConnectionSettings>({
    mutationFn: (settings) => backend.saveSettings(settings),
    onSuccess: (next) => {
      client.setQueryData(KEY, next);
      setDraft(draftOf(next.connection));
      setSaved(true);
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    const checked = validateDraft(draft);
    setProblems(checked.problems);
    if (checked.settings) save.mutate(checked.settings);
  }
  const set = (name: keyof Draft) => (value: string) => {
    setSaved(false);
    setDraft({ ...draft, [name]: value });
  };

  return (
    <form className="form-stack settings-form" onSubmit={submit} noValidate aria-label="Connection settings">
      <Field
        label="API base URL"
        id="settings-api_url"
        value={draft.api_url}
        inputMode="url"
        problem={problems.api_url}
        hint={`ZoomInfo's address; the default is ${view.defaults.api_url}.`}
        onChange={set("api_url")}
      />
      {view.api_url_from_env && (
        <p className="callout callout--warning callout--compact">ZI_API_URL is set in the environment and overrides this address.</p>
      )}
      <div className="form-row">
        <Field
          label="Requests per second"
          id="settings-rate_per_second"
          value={draft.rate_per_second}
          inputMode="numeric"
          problem={problems.rate_per_second}
          hint={`Default ${view.defaults.rate_per_second}.`}
          onChange={set("rate_per_second")}
        />
        <Field
          label="Requests per minute"
          id="settings-rate_per_minute"
          value={draft.rate_per_minute}
          inputMode="numeric"
          problem={problems.rate_per_minute}
          hint={`Default ${view.defaults.rate_per_minute}.`}
          onChange={set("rate_per_minute")}
        />
      </div>
      {save.isError && <ErrorMessage error={save.error} />}
      <div className="form-actions">
        <button type="submit" className="button button--primary" disabled={save.isPending}>
          {save.isPending ? "Saving…" : "Save"}
        </button>
        <button
          type="button"
          className="button"
          onClick={() => {
            setDraft(draftOf(view.defaults));
            setProblems({});
          }}
        >
          Restore defaults
        </button>
        <span className="muted small" role="status">
          {saved ? "Saved. Applies from the next sign-in." : ""}
        </span>
      </div>
    </form>
  );
}

function ExportLogs({ view }: { view: SettingsView }) {
  const backend = useBackend();
  const [result, setResult] = useState<{ text: string; path: string } | null>(null);
  const exportLogs = useMutation<{ text: string; path: string } | null, BackendError>({
    mutationFn: async () => {
      const destination = await backend.chooseSavePath("log", "zi-console.log");
      if (!destination) return null;
      const bytes = await backend.exportLogs(destination);
      return { text: `Saved ${bytes.toLocaleString("en-US")} bytes to ${destination}.`, path: destination };
    },
    onSuccess: setResult,
  });
  if (!view.log_file) return null;
  return (
    <>
      <dt>Log file</dt>
      <dd>
        <code>{view.log_file}</code>
        <div className="form-actions" style={{ marginTop: 8 }}>
          <button type="button" className="button" onClick={() => exportLogs.mutate()} disabled={exportLogs.isPending}>
            Export logs…
          </button>
          <span className="muted small" role="status">
            {result?.text}
          </span>
          {result && <ShowInFolder path={result.path} />}
        </div>
        {exportLogs.isError && <ErrorMessage error={exportLogs.error} />}
      </dd>
    </>
  );
}

/** The record cache: how long answers stay fresh, how much is cached, and clearing it. */
function CacheSettings({ view }: { view: SettingsView }) {
  const backend = useBackend();
  const client = useQueryClient();
  const [days, setDays] = useState(String(view.cache.max_age_days));
  const [confirming, setConfirming] = useState(false);
  const [note, setNote] = useState<string | null>(null);
  const update = (next: SettingsView) => client.setQueryData(KEY, next);
  const save = useMutation<SettingsView, BackendError>({
    mutationFn: () => backend.saveCacheSettings(Number(days)),
    onSuccess: (next) => {
      update(next);
      setNote(`Saved: answers younger than ${next.cache.max_age_days} days are reused.`);
    },
  });
  const clear = useMutation<SettingsView, BackendError>({
    mutationFn: () => backend.clearCache(),
    onSuccess: (next) => {
      update(next);
      setConfirming(false);
      setNote("The cache is empty. Jobs and the credit history are kept.");
    },
  });
  const valid = /^\d+$/.test(days.trim()) && Number(days) >= 1 && Number(days) <= 365;
  return (
    <section className="panel" aria-labelledby="settings-cache">
      <h2 id="settings-cache" className="panel-title">
        Cache
      </h2>
      <p className="muted">
        {view.cache.records.toLocaleString("en-US")} records and {view.cache.answers.toLocaleString("en-US")} answers are kept
        on this computer, so a person or company enriched before is not bought again while the answer is fresh.
      </p>
      <form
        className="form-row"
        onSubmit={(event: FormEvent) => {
          event.preventDefault();
          if (valid) save.mutate();
        }}
      >
        <label className="field">
          <span>Reuse answers for (days)</span>
          <input
            name="cache-max-age"
            inputMode="numeric"
            value={days}
            onChange={(e) => setDays(e.target.value)}
            aria-invalid={!valid}
            aria-describedby="cache-age-help"
          />
        </label>
        <button type="submit" className="button" disabled={!valid || save.isPending}>
          Save days
        </button>
      </form>
      <p id="cache-age-help" className={valid ? "muted small" : "field-error"}>
        {valid
          ? `Default ${view.cache.default_max_age_days} days. No-match answers are asked again after at most 7 days.`
          : "Enter a number of days from 1 to 365."}
      </p>
      {!confirming ? (
        <button type="button" className="button" onClick={() => setConfirming(true)} disabled={view.cache.records + view.cache.answers === 0}>
          Clear cache…
        </button>
      ) : (
        <div className="confirm" role="alertdialog" aria-labelledby="clear-cache-title" onKeyDown={(e) => e.key === "Escape" && setConfirming(false)}>
          <p id="clear-cache-title" className="confirm-title">
            Forget {view.cache.records.toLocaleString("en-US")} cached records?
          </p>
          <p className="small">
            The next enrichment of the same people or companies buys them again. Past jobs stay listed with what they cost,
            but exporting them again leaves the ZoomInfo columns empty.
          </p>
          <div className="form-actions">
            <button type="button" className="button button--danger" onClick={() => clear.mutate()} disabled={clear.isPending} autoFocus>
              Clear the cache
            </button>
            <button type="button" className="button button--ghost" onClick={() => setConfirming(false)}>
              Keep it
            </button>
          </div>
        </div>
      )}
      <p className="muted small" role="status">
        {note}
      </p>
      {save.isError && <ErrorMessage error={save.error} />}
      {clear.isError && <ErrorMessage error={clear.error} />}
    </section>
  );
}

/** "Start at login": hidden, with the tray and the background provisioning checks. */
function BackgroundSettings() {
  const backend = useBackend();
  const client = useQueryClient();
  const key = ["start-at-login"];
  const enabled = useQuery<boolean, BackendError>({ queryKey: key, queryFn: () => backend.startAtLogin() });
  const change = useMutation<boolean, BackendError, boolean>({
    mutationFn: (on) => backend.setStartAtLogin(on),
    onSuccess: (now) => client.setQueryData(key, now),
  });
  return (
    <section className="panel" aria-labelledby="settings-background">
      <h2 id="settings-background" className="panel-title">
        In the background
      </h2>
      <p className="muted">
        While zi-console runs, it checks every watched SCIM endpoint every 15 minutes, whatever screen is open, and
        tells you about each new problem once. The tray icon shows how provisioning stands.
      </p>
      <label className="check">
        <input
          type="checkbox"
          checked={enabled.data ?? false}
          disabled={enabled.isPending || change.isPending || enabled.isError}
          onChange={(event) => change.mutate(event.target.checked)}
        />
        Start zi-console at login, in the tray
      </label>
      {enabled.isError && <ErrorMessage error={enabled.error} />}
      {change.isError && <ErrorMessage error={change.error} />}
    </section>
  );
}

function timeOf(seconds: number): string {
  return new Date(seconds * 1000).toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short" });
}

export function SettingsScreen() {
  const backend = useBackend();
  const status = useAppStatus();
  const settings = useQuery<SettingsView, BackendError>({ queryKey: KEY, queryFn: () => backend.getSettings() });
  const view = settings.data;

  return (
    <div className="screen">
      <PageHeader title="Settings" description="How zi-console talks to ZoomInfo, and where it keeps its data." />
      {settings.isPending && <Spinner label="Loading settings…" />}
      {settings.isError && <ErrorMessage error={settings.error} onRetry={() => void settings.refetch()} />}
      {view && (
        <>
          <section className="panel" aria-labelledby="settings-connection">
            <h2 id="settings-connection" className="panel-title">
              Connection
            </h2>
            {status.data?.demo && (
              <p className="muted">
                These apply to your real account. The demo talks to its built-in simulator whatever is set here.
              </p>
            )}
            <ConnectionForm view={view} />
          </section>
          <section className="panel" aria-labelledby="settings-data">
            <h2 id="settings-data" className="panel-title">
              Data
            </h2>
            <dl className="facts">
              <dt>Data location</dt>
              <dd>
                <code>{view.data_dir}</code>
              </dd>
              <dt>Database</dt>
              <dd>
                <code>{view.database}</code>
              </dd>
              <dt>Passwords and tokens</dt>
              <dd>In the operating system&apos;s keychain (SCIM tokens too), never in the data folder.</dd>
              <ExportLogs view={view} />
            </dl>
          </section>
          <NetworkPanel />
          <TeamPanel />
          <CacheSettings view={view} />
          <BackgroundSettings />
          <UpdatesPanel />
          <section className="panel" aria-labelledby="settings-audit">
            <h2 id="settings-audit" className="panel-title">
              Recent activity
            </h2>
            {view.audit.length === 0 ? (
              <p className="muted">Nothing recorded yet: sign-ins and saved settings appear here.</p>
            ) : (
              <ul className="audit-list">
                {view.audit.map((entry, index) => (
                  <li key={`${entry.at}-${index}`}>
                    <time dateTime={new Date(entry.at * 1000).toISOString()}>{timeOf(entry.at)}</time>
                    <strong>{entry.action.replace(/_/g, " ")}</strong> <span className="muted">{entry.detail}</span>
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section className="panel" aria-labelledby="settings-about">
            <h2 id="settings-about" className="panel-title">
              About
            </h2>
            <dl className="facts">
              <dt>Version</dt>
              <dd>{status.data?.version ?? "—"}</dd>
              <dt>Theme</dt>
              <dd>Follows the system (light or dark)</dd>
            </dl>
          </section>
        </>
      )}
    </div>
  );
}
