import type { MatchInput, RecordKind } from "../../api/types";
import { formatCount } from "../../lib/format";

/** What each match input means, in words. */
export const INPUT_LABELS: Record<MatchInput, string> = {
  person_id: "ZoomInfo person ID",
  email: "Email",
  hashed_email: "Hashed email",
  phone: "Phone",
  first_name: "First name",
  last_name: "Last name",
  full_name: "Full name",
  company_id: "ZoomInfo company ID",
  company_name: "Company name",
  website: "Website",
  ticker: "Stock ticker",
  linkedin: "LinkedIn URL",
  job_title: "Job title",
  city: "City",
  state: "State / region",
  country: "Country",
  zip_code: "ZIP / postal code",
  street: "Street",
};

/**
 * The inputs ZoomInfo's Enrich API accepts per kind (zi-core's `API_INPUTS`, from the legacy
 * Enrich API docs): a column mapped to anything else is refused when planning.
 */
export const INPUTS_BY_KIND: Record<RecordKind, MatchInput[]> = {
  contact: ["email", "first_name", "last_name", "full_name", "company_name", "phone", "job_title", "linkedin", "person_id", "company_id", "hashed_email"],
  company: ["company_name", "website", "phone", "ticker", "street", "city", "state", "zip_code", "country", "company_id"],
};

export function nouns(kind: RecordKind | string) {
  return kind === "company" ? { one: "company", many: "companies" } : { one: "person", many: "people" };
}

/** The file name of a path (either separator). */
export function baseName(path: string) {
  return path.split(/[\\/]/).pop() || path;
}

/** "crm.csv" → "crm-enriched.csv". */
export function exportName(source: string) {
  const name = baseName(source).replace(/\.[^.]+$/, "");
  return `${name || "output"}-enriched.csv`;
}

/** 75 → "1 min 15 s". */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return "—";
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${s % 60} s`;
  return `${Math.floor(m / 60)} h ${m % 60} min`;
}

/** Job states as the user reads them. */
export function stateLabel(state: string, interrupted: boolean): string {
  if (interrupted) return "Interrupted";
  switch (state) {
    case "ready":
      return "Planned";
    case "running":
      return "Running";
    case "stopped":
      return "Stopped";
    case "completed":
      return "Completed";
    case "failed":
      return "Failed";
    case "planning":
      return "Planning";
    default:
      return state;
  }
}

/** "firstName" → "First name", for a ZoomInfo field shown as a column. */
export function fieldLabel(field: string): string {
  const words = field.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * Why a job may have been charged twice, for a tooltip: ZoomInfo charges when it answers, and an
 * answer lost on the way (unreadable, or the app stopped mid-request) means sending it again.
 */
export const CHARGED_TWICE_WHY =
  "ZoomInfo charges when it answers. An answer that arrived unreadable, or a request in flight when the app or zi stopped, was sent again, so ZoomInfo may have counted those records twice.";

/** "up to 25 may be counted twice", or null when nothing may be. */
export function chargedTwiceLabel(records: number): string | null {
  return records > 0 ? `up to ${formatCount(records)} may be counted twice` : null;
}
