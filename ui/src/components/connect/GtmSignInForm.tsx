import { useState, type FormEvent } from "react";
import { useBackend } from "../../api/context";
import { useSessionChange } from "../../hooks/useSessionChange";
import { ErrorMessage } from "../ErrorMessage";
import { Spinner } from "../Spinner";

/** Where the last client ID is remembered: it is no secret, and typing it again helps nobody. */
const CLIENT_ID_KEY = "zi-console.gtm-client-id";

function rememberedClientId(): string {
  try {
    return localStorage.getItem(CLIENT_ID_KEY) ?? "";
  } catch {
    return "";
  }
}

/**
 * Sign in with ZoomInfo for the GTM Data API: the system browser opens ZoomInfo's sign-in page
 * (authorization code with PKCE); the app waits for it to come back, with the address shown for
 * when no browser opened, and a way to stop waiting.
 */
export function GtmSignInForm({ onConnected }: { onConnected: () => void }) {
  const backend = useBackend();
  const [clientId, setClientId] = useState(rememberedClientId);
  const [address, setAddress] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const signIn = useSessionChange<string>((id) => backend.signInGtm({ client_id: id }, setAddress));
  const cancelled = signIn.error?.code === "cancelled";

  function submit(event: FormEvent) {
    event.preventDefault();
    const id = clientId.trim();
    if (!id) return setProblem("Enter the client ID of the app your ZoomInfo admin registered for zi-console.");
    setProblem(null);
    setAddress(null);
    try {
      localStorage.setItem(CLIENT_ID_KEY, id);
    } catch {
      // Private windows may refuse storage; the field is simply empty next time.
    }
    signIn.mutate(id, { onSuccess: onConnected, onSettled: () => setAddress(null) });
  }

  return (
    <form className="form-stack" onSubmit={submit} aria-describedby="gtm-note" noValidate>
      <label className="field">
        <span>Client ID</span>
        <input
          name="gtm-client-id"
          autoComplete="off"
          value={clientId}
          onChange={(e) => setClientId(e.target.value)}
          disabled={signIn.isPending}
          placeholder="From your ZoomInfo admin (Developer Portal)"
        />
      </label>
      {problem && (
        <p className="form-problem text-danger" role="alert">
          {problem}
        </p>
      )}
      {signIn.isError && !cancelled && <ErrorMessage error={signIn.error} />}
      {signIn.isPending ? (
        <div className="form-stack" role="status">
          <Spinner label="Waiting for you to sign in in your browser…" />
          {address && (
            <p className="muted small">
              If no browser window opened, open this address yourself:{" "}
              <code className="break-all" aria-label="Sign-in address">
                {address}
              </code>
            </p>
          )}
          <button type="button" className="button" onClick={() => void backend.cancelGtmSignIn()}>
            Stop waiting
          </button>
        </div>
      ) : (
        <button type="submit" className="button button--primary">
          Sign in with ZoomInfo
        </button>
      )}
      <p className="muted small" id="gtm-note">
        For accounts on ZoomInfo's GTM Data API. Your browser opens ZoomInfo's sign-in page; zi-console never sees your
        password and keeps only the sign-in's refresh token, in your operating system's keychain. In a terminal,{" "}
        <code>zi login --gtm</code> signs in the same way.
      </p>
    </form>
  );
}
