import type { TokenHealth } from "../../api/types";

/** "2026-12-21" → "21 Dec 2026" (dates from the backend are plain days, no time zone). */
export function formatDay(day: string | null | undefined): string {
  if (!day) return "—";
  const [y, m, d] = day.split("-").map(Number);
  if (!y || !m || !d) return day;
  return new Date(Date.UTC(y, m - 1, d)).toLocaleDateString("en-GB", {
    day: "numeric",
    month: "short",
    year: "numeric",
    timeZone: "UTC",
  });
}

/** How urgent a token is: the 30/14/7/1-day warnings, and expired or refused. */
export type TokenLevel = "ok" | "notice" | "warning" | "danger" | "critical" | "error" | "unknown";

export function tokenLevel(token: TokenHealth): TokenLevel {
  if (!token.valid) return "error";
  // OAuth tokens are fetched as needed: nothing to renew by hand.
  if (token.expiry_source === "renewed") return "ok";
  const days = token.days_left;
  if (days === null) return "unknown";
  if (days < 0) return "error";
  if (days <= 1) return "critical";
  if (days <= 7) return "danger";
  if (days <= 14) return "warning";
  if (days <= 30) return "notice";
  return "ok";
}

/** "23 days left", "1 day left", "expires today", "expired 3 days ago". */
export function daysLeftText(days: number | null): string {
  if (days === null) return "Expiry unknown";
  if (days < 0) return days === -1 ? "Expired 1 day ago" : `Expired ${-days} days ago`;
  if (days === 0) return "Expires today";
  return days === 1 ? "1 day left" : `${days} days left`;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;
}
