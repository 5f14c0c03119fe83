import { useId, useState, type FormEvent } from "react";
import type { AddEndpointRequest, GroupProduct, HealthSettings, WatchedEndpoint } from "../../api/types";
import { ErrorMessage } from "../ErrorMessage";
import { ZOOM_OAUTH_TOKEN_URL, ZOOM_SCIM_BASE_URL } from "../../lib/zoominfo";
import { IdpFields, idpDraftOf, idpRequest } from "./IdpFields";

const PRODUCTS = ["Sales", "Marketing", "Talent"];
const LIFETIMES = [90, 180, 365];

type ExpiryMode = "issued" | "expires";
/** A static API token (ZoomInfo, Okta, Entra ID), or OAuth client credentials (Zoom). */
type SignIn = "token" | "oauth";

/** What the form starts from: empty, or an endpoint whose secret must be entered again. */
export interface EndpointDraft {
  url: string;
  name: string;
  settings: HealthSettings;
  auth?: WatchedEndpoint["auth"];
  idp?: WatchedEndpoint["idp"];
}

export function draftOf(endpoint: WatchedEndpoint): EndpointDraft {
  return { url: endpoint.url, name: endpoint.name, settings: endpoint.settings, auth: endpoint.auth, idp: endpoint.idp };
}

/**
 * "Add endpoint": URL, token, the token's dates, seats per product, group → product mappings.
 * Checks what it can before sending (the backend checks again).
 */
export function AddEndpointForm({
  initial,
  pending,
  error,
  onSubmit,
  onCancel,
}: {
  initial?: EndpointDraft;
  pending: boolean;
  error: unknown;
  onSubmit: (request: AddEndpointRequest) => void;
  onCancel: () => void;
}) {
  const id = useId();
  const dates = initial?.settings.token;
  const [name, setName] = useState(initial?.name ?? "");
  const [url, setUrl] = useState(initial?.url ?? "");
  const [token, setToken] = useState("");
  const oauthDraft = initial?.auth?.kind === "oauth" ? initial.auth : null;
  const [signIn, setSignIn] = useState<SignIn>(oauthDraft ? "oauth" : "token");
  const [tokenUrl, setTokenUrl] = useState(oauthDraft?.token_url ?? ZOOM_OAUTH_TOKEN_URL);
  const [clientId, setClientId] = useState(oauthDraft?.client_id ?? "");
  const [accountId, setAccountId] = useState(oauthDraft?.account_id ?? "");
  const oauth = signIn === "oauth";
  const [mode, setMode] = useState<ExpiryMode>(dates?.expires_on ? "expires" : "issued");
  const [issuedOn, setIssuedOn] = useState(dates?.issued_on ?? "");
  const [lifetime, setLifetime] = useState(String(dates?.lifetime_days ?? 90));
  const [expiresOn, setExpiresOn] = useState(dates?.expires_on ?? "");
  const [seats, setSeats] = useState<Record<string, string>>(() =>
    Object.fromEntries(PRODUCTS.map((p) => [p, String(initial?.settings.seats.find((s) => s.product === p)?.purchased ?? "")])),
  );
  const [mappings, setMappings] = useState<GroupProduct[]>(initial?.settings.group_products ?? []);
  const [idpDraft, setIdpDraft] = useState(() => idpDraftOf(initial?.idp));
  const [problem, setProblem] = useState<string | null>(null);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!/^https?:\/\/[^/\s]+/.test(url.trim())) return setProblem("Enter the SCIM base URL, starting with https://.");
    if (oauth && !/^https?:\/\/[^/\s]+/.test(tokenUrl.trim())) return setProblem("Enter the OAuth token URL, starting with https://.");
    if (oauth && !clientId.trim()) return setProblem("Enter the OAuth app's client ID.");
    if (!token.trim()) return setProblem(oauth ? "Paste the OAuth app's client secret." : "Paste the SCIM API token.");
    const seatEntries = [];
    for (const product of PRODUCTS) {
      const text = (seats[product] ?? "").trim();
      if (!text) continue;
      const n = Number(text);
      if (!Number.isInteger(n) || n < 0) return setProblem(`Purchased ${product} seats must be a whole number, 0 or more.`);
      seatEntries.push({ product, purchased: n });
    }
    const groupProducts = mappings.filter((m) => m.group.trim());
    const idp = idpRequest(idpDraft);
    if (idp.problem) return setProblem(idp.problem);
    setProblem(null);
    onSubmit({
      idp: idp.idp,
      idp_secret: idp.idp_secret,
      url: url.trim(),
      name: name.trim(),
      token: token.trim(),
      oauth: oauth ? { token_url: tokenUrl.trim(), client_id: clientId.trim(), account_id: accountId.trim() || null } : undefined,
      settings: {
        token: oauth
          ? { issued_on: null, lifetime_days: null, expires_on: null }
          : mode === "issued"
            ? { issued_on: issuedOn || null, lifetime_days: issuedOn ? Number(lifetime) : null, expires_on: null }
            : { issued_on: null, lifetime_days: null, expires_on: expiresOn || null },
        seats: seatEntries,
        group_products: groupProducts.map((m) => ({ group: m.group.trim(), product: m.product })),
      },
    });
  }

  return (
    <form className="panel endpoint-form" onSubmit={submit} aria-labelledby={`${id}-title`} noValidate>
      <h2 id={`${id}-title`} className="panel-title">
        {initial ? "Enter the token again" : "Add a SCIM endpoint"}
      </h2>
      <div className="form-grid">
        <label className="field">
          <span>Name</span>
          <input value={name} onChange={(e) => setName(e.target.value)} placeholder="Okta production" autoFocus={!initial} />
        </label>
        <label className="field">
          <span>SCIM base URL</span>
          <input
            value={url}
            onChange={(e) => setUrl(e.target.value)}
            placeholder={oauth ? ZOOM_SCIM_BASE_URL : "https://…/scim/v2"}
            inputMode="url"
            required
          />
        </label>
        <div className="field field--wide">
          <span id={`${id}-signin`}>Sign in with</span>
          <div className="segmented" role="group" aria-labelledby={`${id}-signin`}>
            <button type="button" className="segment" aria-pressed={!oauth} onClick={() => setSignIn("token")}>
              API token
            </button>
            <button type="button" className="segment" aria-pressed={oauth} onClick={() => setSignIn("oauth")}>
              OAuth app (Zoom)
            </button>
          </div>
        </div>
        {oauth && (
          <>
            <label className="field">
              <span>OAuth token URL</span>
              <input value={tokenUrl} onChange={(e) => setTokenUrl(e.target.value)} inputMode="url" required />
            </label>
            <label className="field">
              <span>Client ID</span>
              <input value={clientId} onChange={(e) => setClientId(e.target.value)} autoComplete="off" required />
            </label>
            <label className="field">
              <span>Account ID (server-to-server apps)</span>
              <input value={accountId} onChange={(e) => setAccountId(e.target.value)} autoComplete="off" />
            </label>
          </>
        )}
        <div className="field field--wide">
          <label htmlFor={`${id}-token`}>{oauth ? "Client secret" : "SCIM API token"}</label>
          <input
            id={`${id}-token`}
            type="password"
            value={token}
            onChange={(e) => setToken(e.target.value)}
            autoComplete="off"
            autoFocus={Boolean(initial)}
            aria-describedby={`${id}-token-note`}
            required
          />
          <small id={`${id}-token-note`} className="field-note">
            Kept in the OS keychain, never in zi-console&apos;s database or logs.
          </small>
        </div>
      </div>

      {!oauth && (
        <fieldset className="form-fieldset">
          <legend>When the token expires</legend>
          <div className="segmented" role="group" aria-label="Expiry given as">
            <button type="button" className="segment" aria-pressed={mode === "issued"} onClick={() => setMode("issued")}>
              Issue date + lifetime
            </button>
            <button type="button" className="segment" aria-pressed={mode === "expires"} onClick={() => setMode("expires")}>
              Expiry date
            </button>
          </div>
          {mode === "issued" ? (
            <div className="form-row">
              <label className="field">
                <span>Issued on</span>
                <input type="date" value={issuedOn} onChange={(e) => setIssuedOn(e.target.value)} />
              </label>
              <label className="field">
                <span>Lifetime</span>
                <select value={lifetime} onChange={(e) => setLifetime(e.target.value)}>
                  {LIFETIMES.map((d) => (
                    <option key={d} value={d}>
                      {d} days
                    </option>
                  ))}
                </select>
              </label>
            </div>
          ) : (
            <div className="form-row">
              <label className="field">
                <span>Expires on</span>
                <input type="date" value={expiresOn} onChange={(e) => setExpiresOn(e.target.value)} />
              </label>
            </div>
        )}
        <p className="field-note">A token that is a JWT says when it expires itself; that date wins.</p>
      </fieldset>
      )}

      <fieldset className="form-fieldset">
        <legend>Purchased seats</legend>
        <div className="form-row">
          {PRODUCTS.map((product) => (
            <label key={product} className="field field--narrow">
              <span>{product}</span>
              <input
                inputMode="numeric"
                value={seats[product]}
                onChange={(e) => setSeats({ ...seats, [product]: e.target.value })}
                placeholder="—"
              />
            </label>
          ))}
        </div>
      </fieldset>

      <fieldset className="form-fieldset">
        <legend>Groups and the products they grant</legend>
        {mappings.length === 0 && <p className="field-note">None yet. Users may also hold a product through ziProduct.</p>}
        {mappings.map((mapping, index) => (
          <div className="form-row" key={index}>
            <label className="field">
              <span>Group</span>
              <input
                value={mapping.group}
                onChange={(e) => setMappings(mappings.map((m, i) => (i === index ? { ...m, group: e.target.value } : m)))}
              />
            </label>
            <label className="field">
              <span>Product</span>
              <select
                value={mapping.product}
                onChange={(e) => setMappings(mappings.map((m, i) => (i === index ? { ...m, product: e.target.value } : m)))}
              >
                {PRODUCTS.map((p) => (
                  <option key={p}>{p}</option>
                ))}
              </select>
            </label>
            <button
              type="button"
              className="button button--ghost form-row-remove"
              onClick={() => setMappings(mappings.filter((_, i) => i !== index))}
              aria-label={`Remove mapping ${mapping.group || index + 1}`}
            >
              Remove
            </button>
          </div>
        ))}
        <button type="button" className="button" onClick={() => setMappings([...mappings, { group: "", product: "Sales" }])}>
          Add a group
        </button>
      </fieldset>

      <IdpFields draft={idpDraft} onChange={setIdpDraft} />

      {problem && (
        <p className="form-problem text-danger" role="alert">
          {problem}
        </p>
      )}
      {error ? <ErrorMessage error={error} /> : null}
      <div className="form-actions">
        <button type="submit" className="button button--primary" disabled={pending}>
          {pending ? "Saving…" : "Save and check"}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
