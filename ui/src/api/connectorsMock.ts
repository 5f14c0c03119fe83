import { BackendError } from "./errors";
import { SAMPLE_CONNECTOR_ANSWER, SAMPLE_CONNECTOR_FILE, SAMPLE_CONNECTOR_JSON } from "./samples";
import type { ActionSummary, ConnectorEstimate, ConnectorParam, ConnectorRun, ConnectorSummary, ConnectorTest } from "./types";

/** `Acme People` → `acme_people`, `person.title` → `person_title`: how the backend names columns. */
export function snake(text: string): string {
  return text
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "");
}

/** The leaf paths of an action's sample output (`person.title`, …). */
function leafPaths(value: unknown, prefix = ""): string[] {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return prefix ? [prefix] : [];
  return Object.entries(value).flatMap(([key, inner]) => leafPaths(inner, prefix ? `${prefix}.${key}` : key));
}

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string);
}

function invalid(message: string): BackendError {
  return new BackendError("invalid_input", message);
}

type Json = Record<string, unknown>;

/** Reads a connector file the way the backend does, enough for the screens: rejects what it cannot use. */
export function summarize(fileName: string, text: string, keyKept: boolean): ConnectorSummary {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw invalid(`This is not JSON: ${(error as Error).message}`);
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) throw invalid("A connector is a JSON object.");
  const json = parsed as Json;
  if (typeof json.name !== "string" || !json.name.trim()) throw invalid("The connector needs a \"name\".");
  if (typeof json.baseUrl !== "string" || !/^https?:\/\//.test(json.baseUrl)) {
    throw invalid("The connector needs a \"baseUrl\" starting with https:// or http://.");
  }
  if (!Array.isArray(json.actions) || json.actions.length === 0) throw invalid("The connector needs at least one action in \"actions\".");
  const prefix = snake(json.name);
  const actions: ActionSummary[] = (json.actions as Json[]).map((action, i) => {
    if (typeof action?.name !== "string") throw invalid(`Action ${i + 1} needs a "name".`);
    const endpoint = typeof action.endpoint === "string" ? action.endpoint : "";
    const body = action.body ? JSON.stringify(action.body) : "";
    return {
      name: action.name,
      category: typeof action.category === "string" ? action.category : "",
      request_type: typeof action.requestType === "string" ? action.requestType : "GET",
      endpoint,
      parameters: [...new Set([...placeholders(endpoint), ...placeholders(body)])],
      columns: leafPaths(action.output).map((path) => `${prefix}_${snake(path)}`),
    };
  });
  const auth = (json.auth ?? { method: "none" }) as Json;
  const method = typeof auth.method === "string" ? auth.method : "none";
  return {
    file_name: fileName,
    name: json.name,
    description: typeof json.description === "string" ? json.description : "",
    base_url: json.baseUrl,
    category: typeof json.category === "string" ? json.category : "",
    auth_method: method,
    key_placement: method === "apiKey" && typeof auth.placement === "string" ? auth.placement : null,
    key_name: method === "apiKey" && typeof auth.keyName === "string" ? auth.keyName : null,
    key_kept: keyKept,
    rate_per_second: typeof json.ratePerSecond === "number" ? json.ratePerSecond : 1,
    max_calls: typeof json.maxCalls === "number" ? json.maxCalls : null,
    actions,
  };
}

/** Rows ZoomInfo left unmatched in a simulated job, and how many of them a connector answered before. */
const UNMATCHED = 52;
const ANSWERED_BEFORE = 12;
const MATCH_SHARE = 0.73;

/** The connector library of the in-memory backend: files by name, keys by connector name. */
export class MockConnectors {
  private files = new Map<string, string>([[SAMPLE_CONNECTOR_FILE, SAMPLE_CONNECTOR_JSON]]);
  private keys = new Set<string>();
  /** Connectors whose provider revoked the kept sign-in: their next call is refused. */
  private revoked = new Set<string>();

  private summary(fileName: string): ConnectorSummary {
    const text = this.files.get(fileName);
    if (text === undefined) throw new BackendError("not_found", `There is no connector ${fileName} in the library.`);
    const name = (JSON.parse(text) as Json).name as string;
    return summarize(fileName, text, this.keys.has(name));
  }

  /** A library file name for a new connector: its name in kebab case, numbered if taken. */
  private freeName(name: string): string {
    const base = snake(name).replace(/_/g, "-") || "connector";
    let candidate = `${base}.json`;
    for (let n = 2; this.files.has(candidate); n++) candidate = `${base}-${n}.json`;
    return candidate;
  }

  list(): ConnectorSummary[] {
    return [...this.files.keys()].sort().map((file) => this.summary(file));
  }

  read(fileName: string): string {
    this.summary(fileName);
    return this.files.get(fileName) as string;
  }

  save(fileName: string | null, text: string): ConnectorSummary {
    const checked = summarize(fileName ?? "new.json", text, false);
    const file = fileName ?? this.freeName(checked.name);
    this.files.set(file, text);
    return this.summary(file);
  }

  import(path: string): ConnectorSummary {
    const file = path.split(/[\\/]/).pop() ?? "imported.json";
    // The preview has no disk: an imported file is a copy of the sample under its own name.
    const text = SAMPLE_CONNECTOR_JSON.replace('"Acme People"', `"${file.replace(/\.json$/, "")}"`);
    return this.save(this.files.has(file) ? null : file, text);
  }

  delete(fileName: string) {
    this.summary(fileName);
    this.files.delete(fileName);
  }

  /** The browser sign-in of an OAuth 2.0 connector, as if it came back at once. */
  signIn(fileName: string): ConnectorSummary {
    const connector = this.summary(fileName);
    this.keys.add(connector.name);
    return this.summary(fileName);
  }

  /** The provider revokes a connector's sign-in (tests): the next call is refused and the sign-in forgotten, as the backend does. */
  revoke(connector: string) {
    this.revoked.add(connector);
  }

  setKey(connector: string, key: string) {
    if (key === "") this.keys.delete(connector);
    else this.keys.add(connector);
  }

  test(fileName: string, actionName: string | null, params: ConnectorParam[]): ConnectorTest {
    const connector = this.summary(fileName);
    const action = connector.actions.find((a) => a.name === actionName) ?? connector.actions[0];
    if (!action) throw invalid(`${connector.name} has no action to test.`);
    if (connector.auth_method !== "none" && !connector.key_kept) {
      throw new BackendError("token_missing", `Keep ${connector.name}'s API key in the keychain before testing it.`);
    }
    const missing = action.parameters.find((p) => !params.some((given) => given.name === p && given.value.trim()));
    if (missing) throw invalid(`Enter a sample value for {${missing}}.`);
    if (this.revoked.delete(connector.name)) {
      this.keys.delete(connector.name);
      const name = connector.name;
      throw new BackendError("session_rejected", `${name} no longer accepts the saved sign-in (it was revoked or expired). Sign in to ${name} again.`);
    }
    return { status: 200, matched: true, answer: JSON.stringify(SAMPLE_CONNECTOR_ANSWER, null, 2), columns: action.columns };
  }

  /** `file.json` or `file.json:action` → the connector and the action it names (the first by default). */
  private chosen(choice: string): { connector: ConnectorSummary; action: string } {
    const [file, ...rest] = choice.split(":");
    const connector = this.summary(file as string);
    return { connector, action: rest.length ? rest.join(":") : (connector.actions[0]?.name ?? "") };
  }

  estimate(choices: string[]): ConnectorEstimate[] {
    return choices.map((choice) => {
      const { connector, action } = this.chosen(choice);
      const calls = UNMATCHED - ANSWERED_BEFORE;
      return {
        connector: connector.name,
        action,
        at_most_calls: connector.max_calls === null ? calls : Math.min(calls, connector.max_calls),
        from_cache: ANSWERED_BEFORE,
        max_calls: connector.max_calls,
      };
    });
  }

  /** Each connector is asked about what the ones before it did not match. */
  run(choices: string[]): ConnectorRun[] {
    let left = UNMATCHED;
    return choices.map((choice) => {
      const { connector, action } = this.chosen(choice);
      const asked = left;
      const fromCache = Math.min(ANSWERED_BEFORE, asked);
      const budget = connector.max_calls ?? Infinity;
      const calls = Math.min(asked - fromCache, budget);
      const overBudget = calls < asked - fromCache;
      const matched = Math.round((calls + fromCache) * MATCH_SHARE);
      left = asked - matched;
      return {
        connector: connector.name,
        action,
        to_ask: asked,
        asked,
        calls,
        from_cache: fromCache,
        matched,
        no_input: 0,
        stopped: overBudget ? `Stopped at its budget of ${budget} calls; the rest is asked on a later run.` : null,
        over_budget: overBudget,
      };
    });
  }
}
