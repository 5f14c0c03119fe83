import { useState, type FormEvent } from "react";
import { useBackend } from "../api/context";
import { useAppStatus, useConnectionStatus, useStartDemo, useUsage } from "../hooks/queries";
import { useSessionChange } from "../hooks/useSessionChange";
import { GtmSignInForm } from "../components/connect/GtmSignInForm";
import type { AppStatus, SignInRequest } from "../api/types";
import { ErrorMessage } from "../components/ErrorMessage";
import { Icon } from "../components/Icon";
import { PageHeader } from "../components/PageHeader";
import { Spinner } from "../components/Spinner";
import { UsageBar } from "../components/UsageBar";
import "../components/provisioning/provisioning.css";

function timeOf(rfc3339: string): string {
  const date = new Date(rfc3339);
  return Number.isNaN(date.getTime()) ? rfc3339 : date.toLocaleTimeString();
}

function UsageGlance() {
  const usage = useUsage(true);
  return (
    <section className="panel" aria-labelledby="glance-title">
      <h2 id="glance-title" className="panel-title">
        Usage at a glance
      </h2>
      {usage.isPending && <Spinner label="Loading usage…" />}
      {usage.isError && <ErrorMessage error={usage.error} onRetry={() => void usage.refetch()} />}
      {usage.data && usage.data.limits.length === 0 && <p className="muted">ZoomInfo reported no limits for this account.</p>}
      {usage.data && usage.data.limits.length > 0 && (
        <ul className="usage-list" aria-label="Account limits">
          {usage.data.limits.map((item) => (
            <UsageBar key={item.limitType} item={item} />
          ))}
        </ul>
      )}
    </section>
  );
}

function ConnectedPanel({ status }: { status: AppStatus }) {
  const backend = useBackend();
  const connection = useConnectionStatus(true);
  const signOut = useSessionChange<void>(() => backend.signOut());
  return (
    <>
    <section className="panel" aria-labelledby="session-title">
      <div className="endpoint-head">
        <h2 id="session-title" className="panel-title">
          {status.demo ? "Connected to the demo" : "Connected to ZoomInfo"}
        </h2>
        <button type="button" className="button" onClick={() => signOut.mutate()} disabled={signOut.isPending}>
          {status.demo ? "Leave the demo" : "Sign out"}
        </button>
      </div>
      {signOut.isError && <ErrorMessage error={signOut.error} />}
      {!status.demo && (
        <p className="muted">Signing out removes your credentials and sign-in from the operating system's keychain.</p>
      )}
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
    <UsageGlance />
    </>
  );
}

/** The real sign-in: username and password, or username, client ID and a PKI private key file. */
function SignInForm({ onConnected }: { onConnected: () => void }) {
  const backend = useBackend();
  const signIn = useSessionChange<SignInRequest>((request) => backend.signIn(request));
  const [kind, setKind] = useState<SignInRequest["kind"]>("password");
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [clientId, setClientId] = useState("");
  const [keyPath, setKeyPath] = useState("");
  const [problem, setProblem] = useState<string | null>(null);

  async function chooseKey() {
    try {
      const picked = await backend.chooseFile("private_key");
      if (picked) setKeyPath(picked);
    } catch (error) {
      setProblem(error instanceof Error ? error.message : "The file dialog could not open.");
    }
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!username.trim()) return setProblem("Enter your ZoomInfo username.");
    if (kind === "password" && !password) return setProblem("Enter your password.");
    if (kind === "pki" && !clientId.trim()) return setProblem("Enter the client ID of your API key.");
    if (kind === "pki" && !keyPath.trim()) return setProblem("Choose the private key file.");
    setProblem(null);
    const request: SignInRequest =
      kind === "password"
        ? { kind, username: username.trim(), password }
        : { kind, username: username.trim(), client_id: clientId.trim(), private_key_path: keyPath.trim() };
    // The password leaves the form once; it is not kept in the page after the attempt.
    signIn.mutate(request, { onSuccess: onConnected, onSettled: () => setPassword("") });
  }

  return (
    <form className="form-stack" onSubmit={submit} aria-describedby="signin-note" noValidate>
      <div className="segmented" role="group" aria-label="Sign in with">
        <button type="button" className="segment" aria-pressed={kind === "password"} onClick={() => setKind("password")}>
          Password
        </button>
        <button type="button" className="segment" aria-pressed={kind === "pki"} onClick={() => setKind("pki")}>
          PKI key
        </button>
      </div>
      <label className="field">
        <span>Username</span>
        <input type="email" name="username" autoComplete="username" value={username} onChange={(e) => setUsername(e.target.value)} />
      </label>
      {kind === "password" ? (
        <label className="field">
          <span>Password</span>
          <input
            type="password"
            name="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
      ) : (
        <>
          <label className="field">
            <span>Client ID</span>
            <input name="client-id" autoComplete="off" value={clientId} onChange={(e) => setClientId(e.target.value)} />
          </label>
          <div className="form-row">
            <label className="field" style={{ flex: 1 }}>
              <span>Private key file (PEM)</span>
              {/* Read-only: zi-console reads only a key file picked in the dialog. */}
              <input name="private-key" value={keyPath} readOnly placeholder="Choose the key file ZoomInfo gave you" />
            </label>
            <button type="button" className="button" onClick={() => void chooseKey()}>
              Choose…
            </button>
          </div>
        </>
      )}
      {problem && (
        <p className="form-problem text-danger" role="alert">
          {problem}
        </p>
      )}
      {signIn.isError && <ErrorMessage error={signIn.error} />}
      <p className="muted small" id="signin-note">
        zi-console checks the credentials with ZoomInfo, then keeps them in your operating system's keychain, never in its
        data folder. Rejected credentials are not stored. In a terminal, <code>zi login</code> signs in the same way.
      </p>
      <button type="submit" className="button button--primary" disabled={signIn.isPending}>
        {signIn.isPending ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}

type Api = "enterprise" | "gtm";

/**
 * Which of ZoomInfo's APIs the account is on: the Enterprise API (username with a password or
 * a PKI key) or the GTM Data API (sign in with ZoomInfo in the browser). Both give the same
 * search, enrichment and usage.
 */
function AccountSignIn({ onConnected }: { onConnected: () => void }) {
  const [api, setApi] = useState<Api>("enterprise");
  return (
    <div className="form-stack">
      <div className="segmented" role="group" aria-label="ZoomInfo API">
        <button type="button" className="segment" aria-pressed={api === "enterprise"} onClick={() => setApi("enterprise")}>
          Enterprise API
        </button>
        <button type="button" className="segment" aria-pressed={api === "gtm"} onClick={() => setApi("gtm")}>
          GTM Data API
        </button>
      </div>
      {api === "enterprise" ? <SignInForm onConnected={onConnected} /> : <GtmSignInForm onConnected={onConnected} />}
    </div>
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
            <AccountSignIn onConnected={onConnected} />
          </section>
        </div>
      )}
    </div>
  );
}
