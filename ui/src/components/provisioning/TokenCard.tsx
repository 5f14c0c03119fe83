import type { TokenHealth } from "../../api/types";
import { daysLeftText, formatDay, tokenLevel, type TokenLevel } from "./format";

const SOURCE: Record<TokenHealth["expiry_source"], string> = {
  token: "read from the token itself",
  entered_date: "as you entered it",
  issued_plus_lifetime: "issue date + lifetime you entered",
  renewed: "OAuth client credentials",
  unknown: "not known",
};

function advice(level: TokenLevel, token: TokenHealth): string | null {
  switch (level) {
    case "error":
      return token.valid
        ? "The token has expired: provisioning has stopped. Generate a new token in the ZoomInfo admin portal and update your identity provider."
        : "The server refused the token: provisioning has stopped. Generate a new token in the ZoomInfo admin portal and update your identity provider.";
    case "critical":
    case "danger":
    case "warning":
    case "notice":
      return "Generate a new token in the ZoomInfo admin portal and update your identity provider before it expires, or provisioning stops silently.";
    case "unknown":
      return "Enter the token's issue date and lifetime (or its expiry date) to be warned before it expires.";
    default:
      return null;
  }
}

const LEVEL_LABEL: Record<TokenLevel, string> = {
  ok: "Healthy",
  notice: "30-day warning",
  warning: "14-day warning",
  danger: "7-day warning",
  critical: "Expires within a day",
  error: "Provisioning stopped",
  unknown: "Expiry unknown",
};

/** The SCIM token at a glance: days left, expiry date, accepted or refused, how urgent. */
export function TokenCard({ token, titleId }: { token: TokenHealth; titleId: string }) {
  const level = tokenLevel(token);
  const next = advice(level, token);
  return (
    <section className={`prov-card token-card token-card--${level}`} aria-labelledby={titleId} data-level={level}>
      <div className="prov-card-head">
        <h3 id={titleId} className="prov-card-title">
          SCIM token
        </h3>
        <span className={`pill pill--${level}`}>{LEVEL_LABEL[level]}</span>
      </div>
      <p className="token-days">
        {token.expiry_source === "renewed" ? (
          <strong className="token-days-text">Renewed automatically</strong>
        ) : token.days_left !== null && token.days_left >= 0 ? (
          <>
            <strong>{token.days_left}</strong> {token.days_left === 1 ? "day left" : "days left"}
          </>
        ) : (
          <strong className="token-days-text">{daysLeftText(token.days_left)}</strong>
        )}
      </p>
      <dl className="facts facts--compact">
        <dt>Expires on</dt>
        <dd>
          {token.expiry_source === "renewed" ? "Each token is fetched as needed" : formatDay(token.expires_on)}{" "}
          <span className="muted">({SOURCE[token.expiry_source]})</span>
        </dd>
        <dt>Server check</dt>
        <dd>
          {token.check === "accepted" ? (
            <span className="text-ok">Accepted</span>
          ) : (
            <span className="text-danger">Rejected{token.rejection ? `: ${token.rejection}` : ""}</span>
          )}
        </dd>
      </dl>
      {next && (
        <p className={`token-advice ${level === "error" ? "text-danger" : ""}`} role={level === "error" ? "alert" : undefined}>
          {next}
        </p>
      )}
    </section>
  );
}
