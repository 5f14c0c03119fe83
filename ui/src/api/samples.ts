// Sample answers of the Connect, Usage and Search commands for the browser preview and tests:
// typed by the generated bindings, made up, deterministic.
import { NEW_CONNECTOR_TEMPLATE } from "../lib/connectorTemplate";
import { SEARCH_DEPTH_LIMIT } from "../lib/zoominfo";
import type {
  ConnectionStatus,
  CreditHistory,
  LiveUsage,
  SearchOutcome,
  SearchRequest,
  TeamUsage,
  UsageReport,
  ZiRecord,
} from "./types";

export const SAMPLE_CONNECTION: ConnectionStatus = {
  api_url: "http://127.0.0.1:7331",
  demo: true,
  username: "demo@example.com",
  token: { signed_in: true, valid_until: null, renews_at: null, logins: 1 },
};

/** Nothing heard from answer headers yet (no search or enrichment in this session). */
export const NO_LIVE_USAGE: LiveUsage = {
  records_remaining: null,
  requests_remaining: null,
  limits: [],
  seen_at: null,
  window: null,
};

export const SAMPLE_USAGE: UsageReport = {
  fetched_at: "2026-01-01T09:30:00Z",
  limits: [
    { limitType: "requestLimit", description: "API requests", limit: 25000, currentUsage: 3120, usageRemaining: 21880 },
    { limitType: "recordLimit", description: "Records returned by enrich (credits)", limit: 10000, currentUsage: 8420, usageRemaining: 1580 },
    { limitType: "uniqueIdLimit", description: "Unique records", limit: 5000, currentUsage: 1210, usageRemaining: 3790 },
  ],
  live: NO_LIVE_USAGE,
};

/** An enrichment after the usage reading: its answer's headers told 100 credits fewer. */
export const SAMPLE_LIVE_USAGE: LiveUsage = {
  records_remaining: 1480,
  requests_remaining: 21876,
  limits: [
    { limitType: "recordLimit", limit: 10000, currentUsage: 8520, usageRemaining: 1480 },
    { limitType: "requestLimit", limit: 25000, currentUsage: 3124, usageRemaining: 21876 },
  ],
  seen_at: "2026-01-01T09:32:00Z",
  window: { limit: 1500, remaining: 1496, resets_at: "2026-01-01T09:33:00Z", seen_at: "2026-01-01T09:32:00Z" },
};

/** `days` days of made-up spending ending today (UTC), a few days with none. */
export function sampleCreditHistory(days: number, today: Date = new Date()): CreditHistory {
  const out: CreditHistory = { days: [] };
  for (let i = days - 1; i >= 0; i--) {
    const day = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() - i));
    const credits = i % 6 === 5 ? 0 : 40 + ((i * 37) % 90);
    out.days.push({ day: day.toISOString().slice(0, 10), credits });
  }
  return out;
}

const FIRST = ["Ada", "Grace", "Alan", "Edsger", "Barbara", "Donald", "Frances", "Ken", "Radia", "Linus"];
const LAST = ["Lovelace", "Hopper", "Turing", "Dijkstra", "Liskov", "Knuth", "Allen", "Thompson", "Perlman", "Torvalds"];
const TITLES = ["VP of Sales", "RevOps Manager", "Director of Marketing", "Chief Revenue Officer", "Sales Engineer"];
const COMPANIES = ["Sample Analytics", "Example Logistics", "Placeholder Health", "Mock Robotics", "Demo Foods"];

/** Sample rows: fewer matches the more filters, at most one search's worth of records. */
export function sampleSearch(request: SearchRequest): SearchOutcome {
  const totalResults = request.criteria.length === 0 ? 24810 : Math.max(0, 1800 - request.criteria.length * 700);
  const count = Math.min(totalResults, SEARCH_DEPTH_LIMIT);
  const records: ZiRecord[] = Array.from({ length: count }, (_, i) => {
    const company = { id: 900000 + (i % 5), name: COMPANIES[i % 5] };
    if (request.kind === "company") return { ...company, id: 900000 + i, name: `${COMPANIES[i % 5]} ${i + 1}` };
    return {
      id: 100000 + i,
      firstName: FIRST[i % 10],
      lastName: LAST[(i * 7) % 10],
      jobTitle: TITLES[i % 5],
      contactAccuracyScore: 80 + (i % 20),
      hasEmail: i % 3 !== 0,
      hasDirectPhone: i % 4 === 0,
      company,
    };
  });
  return {
    kind: request.kind,
    total_results: totalResults,
    records,
    stopped_at_ceiling: totalResults > count ? count : null,
    notice: null,
    cost: { credits: 0, requests: Math.ceil(count / 100) + 1 },
  };
}

/** A team of three on one shared database: this app spends for dana. */
export const SAMPLE_TEAM_USAGE: TeamUsage = {
  database: "db.acme.example:5432/zi",
  member: "dana",
  since: "2026-12-01T00:00:00Z",
  members: [
    { member: "dana", credits: 1240, jobs: 3, budget: 2000 },
    { member: "marcus", credits: 860, jobs: 2, budget: null },
    { member: "priya", credits: 0, jobs: 0, budget: 500 },
  ],
  jobs: [
    { member: "dana", file_name: "event-badges.csv", kind: "contact", state: "running", credits: 200, updated_at: "2026-12-05T16:20:00Z" },
    { member: "dana", file_name: "webinar.csv", kind: "contact", state: "stopped", credits: 400, updated_at: "2026-12-04T11:05:00Z" },
    { member: "marcus", file_name: "accounts.xlsx", kind: "company", state: "completed", credits: 860, updated_at: "2026-12-03T09:40:00Z" },
    { member: "dana", file_name: "q3-leads.csv", kind: "contact", state: "completed", credits: 640, updated_at: "2026-12-02T14:12:00Z" },
  ],
  connector_calls: [
    { member: "dana", connector: "Acme People", calls: 312 },
    { member: "marcus", connector: "Acme People", calls: 88 },
  ],
};

/** The demo's data connector, as a team would write it (ZoomInfo's Data Connectors vocabulary). */
export const SAMPLE_CONNECTOR_FILE = "acme-people.json";
export const SAMPLE_CONNECTOR_JSON = NEW_CONNECTOR_TEMPLATE;

/** What "Test API" answers in the preview, whatever it is asked. */
export const SAMPLE_CONNECTOR_ANSWER = {
  person: { title: "VP of Sales", phone: "+1 555 0100", linkedin: "https://linkedin.com/in/ada-lovelace" },
};
