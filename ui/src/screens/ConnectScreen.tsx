import { useAppStatus, useConnectionStatus, useStartDemo } from "../hooks/queries";
import type { AppStatus } from "../api/types";
import { ErrorMessage } from "../components/ErrorMessage";
import { Icon } from "../components/Icon";
import { PageHeader } from "../components/PageHeader";
import { Spinner } from "../components/Spinner";

function timeOf(rfc3339: string): string {
  const date = new Date(rfc3339);
  return Number.isNaN(date.getTime()) ? rfc3339 : date.toLocaleTimeString();
}

function ConnectedPanel({ status }: { status: AppStatus }) {
  const connection = useConnectionStatus(true);
  return (
    <section className="panel" aria-labelledby="session-title">
      <h2 id="session-title" className="panel-title">
        {status.demo ? "Connected to the demo" : "Connected to ZoomInfo"}
      </h2>
      {status.demo && (
        <p className="muted">
          The demo runs a simulated ZoomInfo API inside zi-console. Search and usage
          behave like the real service, with made-up records and no credits spent.
        </p>
      )}
      {connection.isPending && <Spinner label="Checking the connection…" />}
      {connection.isError && <ErrorMessage error={connection.error} onRetry={() => void connection.refetch()} />}
      {connection.data && (
        <dl className="facts">
          <dt>API address</dt>
          <dd>
            <code>{connection.data.api_url}</code>
          </dd>
          <dt>Signed in as</dt>
          <dd>{connection.data.username}</dd>
          <dt>Session</dt>
          <dd>{connection.data.token.signed_in ? "Signed in" : "Signed out (signs in again on the next request)"}</dd>
          {connection.data.token.valid_until && (
            <>
              <dt>Token valid until</dt>
              <dd>{timeOf(connection.data.token.valid_until)}</dd>
            </>
          )}
          {connection.data.token.renews_at && (
            <>
              <dt>Renews automatically at</dt>
              <dd>{timeOf(connection.data.token.renews_at)}</dd>
            </>
          )}
        </dl>
      )}
    </section>
  );
}

/** First run: try the demo, or learn how to connect a real account. */
export function ConnectScreen({ onConnected }: { onConnected: () => void }) {
  const status = useAppStatus();
  const startDemo = useStartDemo();
  const data = status.data;

  return (
    <div className="screen">
      <PageHeader
        title={data?.connected ? "Account" : "Connect to ZoomInfo"}
        description="zi-console searches, enriches and watches usage for a ZoomInfo account. Your password stays in the operating system's keychain."
      />
      {data?.startupError && !data.connected && (
        <ErrorMessage error={data.startupError} />
      )}
      {data?.connected ? (
        <ConnectedPanel status={data} />
      ) : (
        <div className="connect-grid">
          <section className="panel panel--accent" aria-labelledby="demo-title">
            <Icon name="flask" size={26} className="panel-icon" />
            <h2 id="demo-title" className="panel-title">
              Try the demo
            </h2>
            <p className="muted">
              Search and watch usage against a simulated ZoomInfo API that runs inside the app.
              No account needed, nothing leaves your machine, no credits spent.
            </p>
            {startDemo.isError && <ErrorMessage error={startDemo.error} />}
            <button
              type="button"
              className="button button--primary button--large"
              disabled={startDemo.isPending}
              onClick={() => startDemo.mutate(undefined, { onSuccess: onConnected })}
            >
              {startDemo.isPending ? "Starting the demo…" : "Try the demo"}
            </button>
          </section>

          <section className="panel" aria-labelledby="account-title">
            <Icon name="connect" size={26} className="panel-icon" />
            <h2 id="account-title" className="panel-title">
              Your ZoomInfo account
            </h2>
            <form className="form-stack" onSubmit={(event) => event.preventDefault()} aria-describedby="signin-note">
              <label className="field">
                <span>Username</span>
                <input type="email" name="username" autoComplete="username" disabled />
              </label>
              <label className="field">
                <span>Password</span>
                <input type="password" name="password" autoComplete="current-password" disabled />
              </label>
              <div className="callout callout--info" id="signin-note">
                <Icon name="info" className="callout-icon" />
                <div className="callout-body">
                  <p>
                    Signing in from the app arrives in the next version. Until then, real
                    accounts work from a terminal with the <code>zi</code> command: <code>zi login</code>,
                    then <code>zi search</code> or <code>zi usage</code>.
                  </p>
                </div>
              </div>
              <button type="submit" className="button" disabled>
                Sign in
              </button>
            </form>
          </section>
        </div>
      )}
    </div>
  );
}
