import { useAppStatus, useConnectionStatus } from "../hooks/queries";
import { PageHeader } from "../components/PageHeader";

/** Read-only for now: where the app talks to and where it keeps its data. */
export function SettingsScreen() {
  const status = useAppStatus();
  const connected = status.data?.connected ?? false;
  const connection = useConnectionStatus(connected);
  const baseUrl = connection.data?.api_url;

  return (
    <div className="screen">
      <PageHeader title="Settings" description="Editing these arrives in a later version; they are shown here so you know where things are." />
      <section className="panel" aria-labelledby="settings-connection">
        <h2 id="settings-connection" className="panel-title">Connection</h2>
        <dl className="facts">
          <dt>API base URL</dt>
          <dd>
            <code>{baseUrl ?? "https://api.zoominfo.com"}</code>
            {!baseUrl && <span className="muted"> (default; not connected)</span>}
            {status.data?.demo && <span className="muted"> (the built-in simulator)</span>}
          </dd>
        </dl>
      </section>
      <section className="panel" aria-labelledby="settings-data">
        <h2 id="settings-data" className="panel-title">Data</h2>
        <dl className="facts">
          <dt>Data location</dt>
          <dd>
            <code>{status.data?.dataDir ?? "—"}</code>
          </dd>
          <dt>Passwords and tokens</dt>
          <dd>In the operating system's keychain, never in the data folder.</dd>
        </dl>
      </section>
      <section className="panel" aria-labelledby="settings-about">
        <h2 id="settings-about" className="panel-title">About</h2>
        <dl className="facts">
          <dt>Version</dt>
          <dd>{status.data?.version ?? "—"}</dd>
          <dt>Theme</dt>
          <dd>Follows the system (light or dark)</dd>
        </dl>
      </section>
    </div>
  );
}
