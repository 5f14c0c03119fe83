import type { Backend } from "./backend";
import { BackendError } from "./errors";
import type {
  AppStatus,
  ConnectionStatus,
  SearchOutcome,
  SearchRequest,
  UsageReport,
  ZiRecord,
} from "./types";
import { SEARCH_DEPTH_LIMIT } from "../lib/zoominfo";

export interface MockOptions {
  /** Start with a session open (demo) instead of the Connect screen. */
  connected?: boolean;
  status?: Partial<AppStatus>;
  connection?: Partial<ConnectionStatus>;
  usage?: UsageReport;
  search?: (request: SearchRequest) => SearchOutcome;
  /** Make a method reject with this error. */
  failures?: Partial<Record<keyof Backend, BackendError>>;
  /** Simulated round trip, so loading states show in the browser. */
  latencyMs?: number;
}

export const SAMPLE_USAGE: UsageReport = {
  fetched_at: "2026-01-01T09:30:00Z",
  limits: [
    { limitType: "requestLimit", description: "API requests", limit: 25000, currentUsage: 3120, usageRemaining: 21880 },
    { limitType: "recordLimit", description: "Records returned by enrich (credits)", limit: 10000, currentUsage: 8420, usageRemaining: 1580 },
    { limitType: "uniqueIdLimit", description: "Unique records", limit: 5000, currentUsage: 1210, usageRemaining: 3790 },
  ],
};

const FIRST = ["Ada", "Grace", "Alan", "Edsger", "Barbara", "Donald", "Frances", "Ken", "Radia", "Linus"];
const LAST = ["Lovelace", "Hopper", "Turing", "Dijkstra", "Liskov", "Knuth", "Allen", "Thompson", "Perlman", "Torvalds"];
const TITLES = ["VP of Sales", "RevOps Manager", "Director of Marketing", "Chief Revenue Officer", "Sales Engineer"];
const COMPANIES = ["Sample Analytics", "Example Logistics", "Placeholder Health", "Mock Robotics", "Demo Foods"];

/** Sample rows for the browser preview: obviously made up, deterministic. */
export function sampleSearch(request: SearchRequest): SearchOutcome {
  const filters = request.criteria.length;
  const totalResults = filters === 0 ? 24810 : Math.max(0, 1800 - filters * 700);
  const count = Math.min(totalResults, SEARCH_DEPTH_LIMIT);
  const records: ZiRecord[] = [];
  for (let i = 0; i < count; i++) {
    const company = { id: 900000 + (i % 5), name: COMPANIES[i % 5] };
    records.push(
      request.kind === "contact"
        ? {
            id: 100000 + i,
            firstName: FIRST[i % 10],
            lastName: LAST[(i * 7) % 10],
            jobTitle: TITLES[i % 5],
            contactAccuracyScore: 80 + (i % 20),
            hasEmail: i % 3 !== 0,
            hasDirectPhone: i % 4 === 0,
            company,
          }
        : { ...company, id: 900000 + i, name: `${COMPANIES[i % 5]} ${i + 1}` },
    );
  }
  const ceiling = totalResults > SEARCH_DEPTH_LIMIT ? SEARCH_DEPTH_LIMIT : null;
  return {
    kind: request.kind,
    total_results: totalResults,
    records,
    stopped_at_ceiling: ceiling,
    notice: ceiling === null ? null : `Stopped at ${ceiling} records, the API's limit for one search.`,
  };
}

/** An in-memory backend for the browser preview (`npm run dev`) and for tests. */
export class MockBackend implements Backend {
  private connected: boolean;
  readonly calls: Array<{ method: keyof Backend; args: unknown[] }> = [];

  constructor(private readonly options: MockOptions = {}) {
    this.connected = options.connected ?? false;
  }

  private async answer<T>(method: keyof Backend, args: unknown[], produce: () => T): Promise<T> {
    this.calls.push({ method, args });
    if (this.options.latencyMs) {
      await new Promise((resolve) => setTimeout(resolve, this.options.latencyMs));
    }
    const failure = this.options.failures?.[method];
    if (failure) throw failure;
    return produce();
  }

  private requireSession() {
    if (!this.connected) {
      throw new BackendError("not_connected", "zi-console is not connected to ZoomInfo. Start the demo, or connect an account first.");
    }
  }

  private status(): AppStatus {
    return {
      version: "0.1.0",
      connected: this.connected,
      demo: this.connected,
      dataDir: "/home/you/.local/share/com.zi-console.app",
      initialScreen: null,
      startupError: null,
      ...this.options.status,
    };
  }

  appStatus() {
    return this.answer("appStatus", [], () => this.status());
  }

  startDemo() {
    return this.answer("startDemo", [], () => {
      this.connected = true;
      return this.status();
    });
  }

  connectionStatus() {
    return this.answer("connectionStatus", [], () => {
      this.requireSession();
      return {
        api_url: "http://127.0.0.1:7331",
        demo: true,
        username: "demo@example.com",
        token: { signed_in: true, valid_until: null, renews_at: null, logins: 1 },
        ...this.options.connection,
      };
    });
  }

  usage() {
    return this.answer("usage", [], () => {
      this.requireSession();
      return this.options.usage ?? SAMPLE_USAGE;
    });
  }

  search(request: SearchRequest) {
    return this.answer("search", [request], () => {
      this.requireSession();
      return (this.options.search ?? sampleSearch)(request);
    });
  }
}
