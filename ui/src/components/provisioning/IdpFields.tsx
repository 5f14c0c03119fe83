import { useId } from "react";
import type { IdpConnection } from "../../api/types";

export type IdpKind = "none" | "okta" | "entra";

/** The form's identity-provider part, as typed. */
export interface IdpDraft {
  kind: IdpKind;
  orgUrl: string;
  tenant: string;
  clientId: string;
  app: string;
  secret: string;
}

export function idpDraftOf(idp: IdpConnection | null | undefined): IdpDraft {
  const empty = { orgUrl: "", tenant: "", clientId: "", app: "", secret: "" };
  if (!idp) return { kind: "none", ...empty };
  if (idp.kind === "okta") return { ...empty, kind: "okta", orgUrl: idp.org_url, app: idp.app };
  return { ...empty, kind: "entra", tenant: idp.tenant, clientId: idp.client_id, app: idp.app };
}

/** The connection and its secret to send, or what is missing (the backend checks again). */
export function idpRequest(draft: IdpDraft): { idp?: IdpConnection; idp_secret?: string; problem?: string } {
  if (draft.kind === "none") return {};
  const secret = draft.secret.trim();
  if (draft.kind === "okta") {
    if (!/^https?:\/\/[^/\s]+/.test(draft.orgUrl.trim())) return { problem: "Enter the Okta org URL, e.g. https://acme.okta.com." };
    if (!secret) return { problem: "Paste the Okta API token." };
    return { idp: { kind: "okta", org_url: draft.orgUrl.trim(), app: draft.app.trim() }, idp_secret: secret };
  }
  if (!draft.tenant.trim()) return { problem: "Enter the Entra tenant ID or domain." };
  if (!draft.clientId.trim()) return { problem: "Enter the app registration's client ID." };
  if (!secret) return { problem: "Paste the app registration's client secret." };
  return {
    idp: { kind: "entra", tenant: draft.tenant.trim(), client_id: draft.clientId.trim(), app: draft.app.trim() },
    idp_secret: secret,
  };
}

const CHOICES: [IdpKind, string][] = [
  ["none", "None"],
  ["okta", "Okta"],
  ["entra", "Microsoft Entra ID"],
];

/** Optional: read the IdP itself to see who it failed to provision, and why. */
export function IdpFields({ draft, onChange }: { draft: IdpDraft; onChange: (next: IdpDraft) => void }) {
  const id = useId();
  const set = (patch: Partial<IdpDraft>) => onChange({ ...draft, ...patch });
  return (
    <fieldset className="form-fieldset">
      <legend>Identity provider (optional)</legend>
      <div className="segmented" role="group" aria-label="Identity provider">
        {CHOICES.map(([kind, label]) => (
          <button key={kind} type="button" className="segment" aria-pressed={draft.kind === kind} onClick={() => set({ kind })}>
            {label}
          </button>
        ))}
      </div>
      {draft.kind === "none" && (
        <p className="field-note">
          Connect Okta or Entra ID to see the users it failed to provision and why, and a quarantined provisioning job.
        </p>
      )}
      {draft.kind !== "none" && (
        <div className="form-grid">
          {draft.kind === "okta" ? (
            <label className="field">
              <span>Okta org URL</span>
              <input value={draft.orgUrl} onChange={(e) => set({ orgUrl: e.target.value })} placeholder="https://acme.okta.com" inputMode="url" />
            </label>
          ) : (
            <>
              <label className="field">
                <span>Tenant ID or domain</span>
                <input value={draft.tenant} onChange={(e) => set({ tenant: e.target.value })} placeholder="contoso.onmicrosoft.com" />
              </label>
              <label className="field">
                <span>Client ID</span>
                <input value={draft.clientId} onChange={(e) => set({ clientId: e.target.value })} autoComplete="off" />
              </label>
            </>
          )}
          <label className="field">
            <span>{draft.kind === "okta" ? "App label" : "Enterprise app name"}</span>
            <input value={draft.app} onChange={(e) => set({ app: e.target.value })} placeholder="ZoomInfo" />
          </label>
          <div className="field field--wide">
            <label htmlFor={`${id}-secret`}>{draft.kind === "okta" ? "Okta API token" : "Client secret"}</label>
            <input
              id={`${id}-secret`}
              type="password"
              value={draft.secret}
              onChange={(e) => set({ secret: e.target.value })}
              autoComplete="off"
              aria-describedby={`${id}-secret-note`}
            />
            <small id={`${id}-secret-note`} className="field-note">
              {draft.kind === "okta"
                ? "A read-only admin's token is enough. Kept in the OS keychain."
                : "The app registration needs Application.Read.All and AuditLog.Read.All (application permissions). Kept in the OS keychain."}
            </small>
          </div>
        </div>
      )}
    </fieldset>
  );
}
