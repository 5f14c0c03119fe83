import { useState, type FormEvent } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useBackend } from "../../api/context";
import type { BackendError } from "../../api/errors";
import type { ConnectionCheck, NetworkSettings, NetworkView } from "../../api/types";
import { ErrorMessage } from "../ErrorMessage";
import { Field } from "./Field";
import { KeptPasswordField } from "./KeptPasswordField";

const KEY = ["network"] as const;

interface Draft extends NetworkSettings {
  /** Typed this time; empty keeps the kept one. */
  password: string;
}

/** The form's own check (the backend checks again): an http(s) proxy address naming a host. */
export function proxyProblem(url: string): string | undefined {
  const trimmed = url.trim();
  if (!trimmed) return undefined;
  return /^https?:\/\/[^/\s:]+(:\d+)?\/?$/.test(trimmed) ? undefined : "Enter it as http://host:port, e.g. http://proxy.corp.example:3128.";
}

function whereFrom(view: NetworkView): string {
  if (view.settings.proxy_url) return `Every connection goes through ${view.settings.proxy_url}.`;
  if (view.env_proxy) return `No proxy entered: connections go through ${view.env_proxy}, from the environment (HTTPS_PROXY).`;
  return "No proxy entered: connections follow the system's proxy settings.";
}

/**
 * Settings → Network: a proxy that overrides the system's (its password kept in the keychain),
 * and a check of the way to ZoomInfo that says what stands in it.
 */
export function NetworkPanel() {
  const backend = useBackend();
  const client = useQueryClient();
  const network = useQuery<NetworkView, BackendError>({ queryKey: KEY, queryFn: () => backend.getNetwork() });
  return (
    <section className="panel" aria-labelledby="settings-network">
      <h2 id="settings-network" className="panel-title">
        Network
      </h2>
      {network.isError && <ErrorMessage error={network.error} onRetry={() => void network.refetch()} />}
      {network.data && (
        <ProxyForm view={network.data} onSaved={(next) => client.setQueryData(KEY, next)} />
      )}
      <ConnectionCheckRow />
    </section>
  );
}

function ProxyForm({ view, onSaved }: { view: NetworkView; onSaved: (view: NetworkView) => void }) {
  const backend = useBackend();
  const [draft, setDraft] = useState<Draft>({ ...view.settings, password: "" });
  const [problem, setProblem] = useState<string | undefined>();
  const [saved, setSaved] = useState(false);
  const save = useMutation<NetworkView, BackendError, { settings: NetworkSettings; password: string | null }>({
    mutationFn: ({ settings, password }) => backend.saveNetwork(settings, password),
    onSuccess: (next) => {
      setDraft({ ...next.settings, password: "" });
      setSaved(true);
      onSaved(next);
    },
  });
  const set = (name: keyof Draft) => (value: string) => {
    setSaved(false);
    setDraft({ ...draft, [name]: value });
  };
  function submit(event: FormEvent) {
    event.preventDefault();
    const found = proxyProblem(draft.proxy_url);
    setProblem(found);
    if (found) return;
    const { password, ...settings } = draft;
    save.mutate({ settings, password: password ? password : null });
  }
  function clearProxy() {
    setProblem(undefined);
    save.mutate({ settings: { proxy_url: "", no_proxy: "", proxy_username: "" }, password: "" });
  }

  return (
    <form className="form-stack settings-form" onSubmit={submit} noValidate aria-label="Proxy settings">
      <p className="muted">{whereFrom(view)} Certificates are trusted as the operating system trusts them, so a company root certificate installed by IT is honoured.</p>
      <Field
        id="network-proxy-url"
        label="Proxy"
        value={draft.proxy_url}
        inputMode="url"
        placeholder="http://proxy.corp.example:3128"
        problem={problem}
        hint="Empty: the system's proxy settings. Overrides them for zi-console when set."
        onChange={set("proxy_url")}
      />
      <Field
        id="network-no-proxy"
        label="Bypass for"
        value={draft.no_proxy}
        placeholder="*.corp.example, 10.0.0.0/8"
        hint="Hosts reached directly, comma-separated. This computer itself always is."
        onChange={set("no_proxy")}
      />
      <div className="form-row">
        <Field
          id="network-proxy-user"
          label="User name"
          value={draft.proxy_username}
          autoComplete="username"
          hint="For a proxy that asks for a password."
          onChange={set("proxy_username")}
        />
        <KeptPasswordField
          id="network-proxy-password"
          value={draft.password}
          kept={view.password_kept}
          hint="Kept in the operating system's keychain."
          onChange={set("password")}
        />
      </div>
      {save.isError && <ErrorMessage error={save.error} />}
      <div className="form-actions">
        <button type="submit" className="button button--primary" disabled={save.isPending}>
          {save.isPending ? "Saving…" : "Save"}
        </button>
        {view.settings.proxy_url && (
          <button type="button" className="button" onClick={clearProxy} disabled={save.isPending}>
            Use the system&apos;s settings
          </button>
        )}
        <span className="muted small" role="status">
          {saved ? "Saved. New connections use it." : ""}
        </span>
      </div>
    </form>
  );
}

function ConnectionCheckRow() {
  const backend = useBackend();
  const check = useMutation<ConnectionCheck, BackendError>({ mutationFn: () => backend.checkNetwork(null) });
  const result = check.data;
  return (
    <div className="form-actions">
      <button type="button" className="button" onClick={() => check.mutate()} disabled={check.isPending}>
        {check.isPending ? "Checking…" : "Check the connection to ZoomInfo"}
      </button>
      <span role="status" className="small">
        {result?.reached && <span className="text-success">Reached {result.url} (HTTP {result.status}).</span>}
        {result && !result.reached && <span className="text-danger">{result.problem}</span>}
      </span>
      {check.isError && <ErrorMessage error={check.error} />}
    </div>
  );
}
