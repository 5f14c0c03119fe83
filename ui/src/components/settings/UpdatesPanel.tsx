import { useState, type FormEvent } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useBackend } from "../../api/context";
import type { BackendError } from "../../api/errors";
import type { AvailableUpdate, UpdateProgress, UpdateSettings, UpdateView } from "../../api/types";
import { ErrorMessage } from "../ErrorMessage";

const KEY = ["updates"] as const;

/** The form's own check (the backend checks again): empty, or an https:// address with a host. */
export function updateUrlProblem(url: string): string | undefined {
  const trimmed = url.trim();
  if (!trimmed) return undefined;
  return /^https:\/\/[^/\s]+/.test(trimmed)
    ? undefined
    : "Enter an address starting with https://, e.g. https://updates.example.com/zi-console/latest.json.";
}

function dateOf(text: string | null): string | null {
  if (!text) return null;
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? text : date.toLocaleDateString("en-GB", { dateStyle: "medium" });
}

function megabytes(bytes: number): string {
  return `${(bytes / 1_000_000).toLocaleString("en-US", { maximumFractionDigits: 1 })} MB`;
}

/** Where an install stands, in words. */
function stageText(progress: UpdateProgress | null): string {
  switch (progress?.stage) {
    case undefined:
      return "Starting the download…";
    case "downloading":
      return progress.total
        ? `Downloading… ${megabytes(progress.downloaded)} of ${megabytes(progress.total)}`
        : `Downloading… ${megabytes(progress.downloaded)}`;
    case "verifying":
      return "Checking the signature…";
    case "installing":
      return "Installing…";
    case "installed":
      return `Version ${progress.version} is installed.`;
  }
}

/**
 * Settings → Updates: the version running, checking for a newer one, installing it (its
 * signature checked against zi-console's publisher key first) and restarting into it, and the
 * address updates come from.
 */
export function UpdatesPanel() {
  const backend = useBackend();
  const client = useQueryClient();
  const view = useQuery<UpdateView, BackendError>({ queryKey: KEY, queryFn: () => backend.getUpdates() });
  return (
    <section className="panel" aria-labelledby="settings-updates">
      <h2 id="settings-updates" className="panel-title">
        Updates
      </h2>
      {view.isError && <ErrorMessage error={view.error} onRetry={() => void view.refetch()} />}
      {view.data && (
        <>
          <UpdateCheck view={view.data} />
          <UpdateAddress view={view.data} onSaved={(next) => client.setQueryData(KEY, next)} />
        </>
      )}
    </section>
  );
}

function UpdateCheck({ view }: { view: UpdateView }) {
  const backend = useBackend();
  const [progress, setProgress] = useState<UpdateProgress | null>(null);
  const check = useMutation<AvailableUpdate | null, BackendError>({ mutationFn: () => backend.checkForUpdate() });
  const install = useMutation<void, BackendError>({
    mutationFn: () => {
      setProgress(null);
      return backend.installUpdate(setProgress);
    },
  });
  const restart = useMutation<void, BackendError>({ mutationFn: () => backend.restartApp() });
  const found = check.data;
  const installed = install.isSuccess;

  return (
    <>
      <dl className="facts">
        <dt>Version</dt>
        <dd>{view.current_version}</dd>
        <dt>Signed updates</dt>
        <dd>Every update is checked against zi-console&apos;s publisher key before it is installed; one that does not match is refused.</dd>
      </dl>
      {!view.available && <p className="muted">Updates are not available in this build.</p>}
      <div className="form-actions">
        <button
          type="button"
          className="button"
          onClick={() => {
            install.reset();
            check.mutate();
          }}
          disabled={!view.available || check.isPending || install.isPending || installed}
        >
          {check.isPending ? "Checking…" : "Check for updates"}
        </button>
        <span role="status" className="small">
          {check.isSuccess && !found && <span className="text-success">zi-console {view.current_version} is the latest version.</span>}
        </span>
      </div>
      {check.isError && <ErrorMessage error={check.error} />}
      {found && (
        <div className="callout callout--compact" role="region" aria-labelledby="update-found">
          <div className="callout-body">
            <p id="update-found" className="callout-title">
              Version {found.version} is available
              {dateOf(found.date) && <span className="muted"> (published {dateOf(found.date)})</span>}
            </p>
            <p className="small">You have {found.current_version}.</p>
            {found.notes && (
              <div aria-label="Release notes" className="small" style={{ whiteSpace: "pre-wrap" }}>
                {found.notes}
              </div>
            )}
            {!installed && (
              <div className="form-actions">
                <button type="button" className="button button--primary" onClick={() => install.mutate()} disabled={install.isPending}>
                  {install.isPending ? "Installing…" : "Install and restart"}
                </button>
              </div>
            )}
            {(install.isPending || installed) && <InstallProgress progress={progress} />}
            {install.isError && <ErrorMessage error={install.error} />}
            {installed && (
              <div className="confirm" role="alertdialog" aria-labelledby="update-restart-title">
                <p id="update-restart-title" className="confirm-title">
                  Restart zi-console to use version {found.version}?
                </p>
                <p className="small">Jobs in progress pick up where they were after the restart.</p>
                <div className="form-actions">
                  <button type="button" className="button button--primary" onClick={() => restart.mutate()} disabled={restart.isPending} autoFocus>
                    Restart now
                  </button>
                  <span className="muted small">Or later: the new version starts the next time you open zi-console.</span>
                </div>
                {restart.isError && <ErrorMessage error={restart.error} />}
              </div>
            )}
          </div>
        </div>
      )}
    </>
  );
}

function InstallProgress({ progress }: { progress: UpdateProgress | null }) {
  const downloading = progress?.stage === "downloading" ? progress : null;
  const total = downloading?.total ?? null;
  const done = progress !== null && progress.stage !== "downloading";
  const percent = done ? 100 : downloading && total ? Math.min(100, (downloading.downloaded / total) * 100) : 0;
  return (
    <div className="form-stack">
      <div
        className="usage-track"
        role="progressbar"
        aria-label="Update progress"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.floor(percent)}
        aria-valuetext={stageText(progress)}
      >
        <div className="usage-fill" style={{ width: `${percent}%` }} />
      </div>
      <p className="small" aria-live="polite">
        {stageText(progress)}
      </p>
    </div>
  );
}

function UpdateAddress({ view, onSaved }: { view: UpdateView; onSaved: (view: UpdateView) => void }) {
  const backend = useBackend();
  const [url, setUrl] = useState(view.settings.url);
  const [problem, setProblem] = useState<string | undefined>();
  const [saved, setSaved] = useState(false);
  const save = useMutation<UpdateView, BackendError, UpdateSettings>({
    mutationFn: (settings) => backend.saveUpdateSettings(settings),
    onSuccess: (next) => {
      setUrl(next.settings.url);
      setSaved(true);
      onSaved(next);
    },
  });
  function submit(event: FormEvent) {
    event.preventDefault();
    const found = updateUrlProblem(url);
    setProblem(found);
    if (!found) save.mutate({ url: url.trim() });
  }
  return (
    <form className="form-stack settings-form" onSubmit={submit} noValidate aria-label="Update address">
      <div className="field">
        <label htmlFor="updates-url">Update address</label>
        <input
          id="updates-url"
          value={url}
          inputMode="url"
          placeholder={view.default_url}
          onChange={(e) => {
            setSaved(false);
            setUrl(e.target.value);
          }}
          aria-invalid={problem ? true : undefined}
          aria-describedby="updates-url-hint"
        />
        <small id="updates-url-hint" className={`field-note ${problem ? "text-danger" : ""}`}>
          {problem ??
            "Empty: the address this release came with. A company mirror may be entered instead; {{target}}, {{arch}} and {{current_version}} are filled in."}
        </small>
      </div>
      {save.isError && <ErrorMessage error={save.error} />}
      <div className="form-actions">
        <button type="submit" className="button" disabled={save.isPending}>
          {save.isPending ? "Saving…" : "Save address"}
        </button>
        <span className="muted small" role="status">
          {saved ? "Saved. The next check asks this address." : ""}
        </span>
      </div>
    </form>
  );
}
