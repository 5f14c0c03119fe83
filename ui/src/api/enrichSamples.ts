// Sample answers of the Enrich commands for the browser preview and tests: typed by the
// generated bindings, made up, deterministic. The engine's own rules are not copied here.
import type {
  EnrichPlan,
  EnrichRequest,
  EnrichSummary,
  Estimate,
  JobSummary,
  MatchInput,
  OutputColumns,
  OutputField,
  RecordKind,
  ReviewCounts,
  ReviewFacet,
  ReviewLine,
  ReviewPage,
  ReviewQuery,
} from "./types";

/** A sample file's columns: header, what it is matched as, a few values. */
type SampleColumn = [header: string, input: MatchInput | null, samples: string[]];

const COLUMNS: Record<RecordKind, SampleColumn[]> = {
  contact: [
    ["First Name", "first_name", ["Ada", "Grace", "Alan"]],
    ["Last Name", "last_name", ["Lovelace", "Hopper", "Turing"]],
    ["Email", "email", ["ada@sample-analytics.example", "grace@example-logistics.example", "alan@mock-robotics.example"]],
    ["Company", "company_name", ["Sample Analytics", "Example Logistics", "Mock Robotics"]],
    ["Phone", "phone", ["+1 415 555 0100", "+1 212 555 0199", "+44 20 7946 0958"]],
    ["Notes", null, ["call back next week", "met at conference"]],
  ],
  company: [
    ["Account Name", "company_name", ["Sample Analytics", "Example Logistics", "Mock Robotics"]],
    ["Website", "website", ["sample-analytics.example", "example-logistics.example", "mock-robotics.example"]],
    ["Phone", "phone", ["+1 415 555 0100", "+1 212 555 0199"]],
    ["Notes", null, ["renewal in Q3"]],
  ],
};

export const SAMPLE_ESTIMATE: Estimate = {
  rows: 500,
  invalid_rows: 25,
  distinct_keys: 450,
  duplicate_rows: 25,
  cached_keys: 40,
  done_keys: 0,
  to_send: 410,
  max_credits: 410,
  credits_spent: 0,
};

/** The plan of a sample file; the user's column choices ("#5=none") come back as given. */
export function samplePlan(jobId: number, request: EnrichRequest): EnrichPlan {
  const mapping = COLUMNS[request.kind].map(([header, input, samples], column) => ({
    column,
    header,
    input,
    source: input ? ("header" as const) : ("unmapped" as const),
    confidence: input ? 95 : 0,
    samples,
  }));
  for (const override of request.mapping_overrides) {
    const [column, input] = override.split("=");
    const target = mapping.find((m) => `#${m.column + 1}` === column);
    if (!target || !input) continue;
    Object.assign(target, { input: input === "none" ? null : input, source: "user", confidence: 100 });
  }
  return {
    job_id: jobId,
    resumed: false,
    kind: request.kind,
    source: request.input,
    headers: mapping.map((m) => m.header),
    mapping,
    estimate: SAMPLE_ESTIMATE,
    state: "ready",
  };
}

/** A field the account lists: name, ZoomInfo's description, whether the plan grants it. */
function field(fieldName: string, description: string, accessGranted = true): OutputField {
  return { fieldName, description, accessGranted };
}

function outputColumns(fields: OutputField[], defaults: string[]): OutputColumns {
  return {
    available: fields.filter((f) => f.accessGranted).map((f) => f.fieldName),
    default: defaults,
    fields,
    from_account: true,
  };
}

/**
 * Some of the fields ZoomInfo lists for an account, with its own descriptions, the defaults
 * first; techSkills and engagements withheld, as in ZoomInfo's published example.
 */
export const SAMPLE_OUTPUT_COLUMNS: Record<RecordKind, OutputColumns> = {
  contact: outputColumns(
    [
      field("firstName", "Contact first name"),
      field("lastName", "Contact last name"),
      field("email", "Work email address for the contact in example@example.com format"),
      field("phone", "Contact direct phone number"),
      field("jobTitle", "Contact job title at current place of employment"),
      field("companyName", "Name of the contact's current company"),
      field("mobilePhone", "Contact mobile phone number"),
      field("jobFunction", "Contact job function at current place of employment"),
      field("managementLevel", "Contact management level"),
      field("externalUrls", "Social media URLs for the contact (e.g., Facebook, Twitter, LinkedIn)"),
      field("contactAccuracyScore", "This score indicates the likelihood that a contact is reachable and still employed by the company listed."),
      field("city", "City for the contact's work address"),
      field("country", "Country for the contact's work address"),
      field("techSkills", "List of technology skills identified for a contact", false),
      field("engagements", "List of the contact's engagements. Includes the date and type of each engagement", false),
    ],
    ["firstName", "lastName", "email", "phone", "jobTitle", "companyName"],
  ),
  company: outputColumns(
    [
      field("name", "Company name"),
      field("website", "Company website URL"),
      field("phone", "Phone number of the company's primary address"),
      field("revenue", "Approximate yearly revenue for the company in 1000's."),
      field("employeeCount", "Approximate number of people employed by the company"),
      field("industries", "The industry grouping for the company. A company can have multiple industries."),
      field("city", "City of the company's primary address"),
      field("country", "Country of the company's primary address"),
      field("ticker", "Company public stock exchange ticker"),
      field("engagements", "List of the company's engagements. Includes the date and type of each engagement", false),
    ],
    ["name", "website", "phone", "revenue", "employeeCount"],
  ),
};

/** Matched share of the settled keys in the samples. */
const MATCH_RATE = 0.85;

/** The export of a sample job: every row accounted for. */
export function sampleSummary(job: JobSummary, path: string): EnrichSummary {
  const settled = job.rows - job.keys_pending;
  const invalid = Math.min(25, job.rows);
  const matched = Math.max(0, Math.round((settled - invalid) * MATCH_RATE));
  return {
    rows: job.rows,
    matched,
    low_confidence: job.kind === "contact" ? Math.floor(matched / 2) : 0,
    no_match: Math.max(0, settled - invalid - matched),
    invalid,
    from_cache: Math.min(40, settled),
    not_processed: job.keys_pending,
    credits_spent: job.credits_spent,
    output: path,
  };
}

/** The score the samples count a match as low confidence under. */
const LOW_CONFIDENCE_BELOW = 85;

/** Review line `index` of a sample job whose first `settled` people were answered, and its facets. */
function reviewLine(index: number, settled: number, columns: string[], contacts: boolean) {
  const pending = index >= settled;
  const matched = !pending && index % 7 !== 3;
  const score = 70 + ((index * 7) % 30);
  const first = ["Ada", "Grace", "Alan", "Edsger", "Barbara"][index % 5] ?? "Ada";
  const email = `${first.toLowerCase()}.sample${index}@example.com`;
  const values: Record<string, string> = {
    firstName: first,
    lastName: `Sample${index}`,
    email,
    phone: `+1 415 555 ${String(index % 10000).padStart(4, "0")}`,
    jobTitle: ["VP Sales", "CFO", "Engineer", "RevOps Lead"][index % 4] ?? "",
    jobFunction: ["Sales (Sales)", "Finance (Finance)", "Engineering (Engineering)", "Operations (Operations)"][index % 4] ?? "",
    managementLevel: ["VP-Level", "C-Level", "Non-Manager", "Manager"][index % 4] ?? "",
    externalUrls: `linkedin: https://www.linkedin.com/in/${first.toLowerCase()}-sample${index}`,
    contactAccuracyScore: String(score),
    companyName: `Example ${index % 97} Inc`,
    city: "San Francisco",
    country: "United States",
  };
  const line: ReviewLine = {
    row: index + 2 + Math.floor(index / 10),
    sent: email,
    status: pending ? "NOT_PROCESSED" : matched ? "FULL_MATCH" : "NO_MATCH",
    zi_id: matched ? String(1000000 + index) : "",
    from_cache: !pending && index < 40,
    values: columns.map((c) => (matched ? (values[c] ?? "") : "")),
    found_by: null,
    connector_values: [],
  };
  const facets: ReviewFacet[] = [];
  if (pending) facets.push("pending");
  else facets.push(matched ? "matched" : "no_match");
  if (line.from_cache) facets.push("from_cache");
  if (contacts && matched && score < LOW_CONFIDENCE_BELOW) facets.push("low_confidence");
  return { line, facets };
}

type SampleLine = ReturnType<typeof reviewLine>;

/** A data connector a sample job asked after ZoomInfo: its columns, and how many it matched. */
export type SampleConnector = { connector: string; columns: string[]; matched: number };

/** A made-up answer of a connector, by the field its column is named after. */
function connectorAnswer(column: string, row: number): string {
  if (column.endsWith("_title")) return ["Head of Growth", "Account Executive", "Founder"][row % 3] ?? "";
  if (column.endsWith("_phone")) return `+1 555 01${String(row % 100).padStart(2, "0")}`;
  if (column.endsWith("_linkedin")) return `https://linkedin.com/in/sample-${row}`;
  return `sample ${row}`;
}

/**
 * The waterfall over a sample job's lines: each connector in turn matches the next `matched` of
 * ZoomInfo's no-matches and fills its own columns on them; every other cell stays empty.
 */
function askConnectors(lines: SampleLine[], connectors: SampleConnector[]) {
  const width = connectors.reduce((sum, c) => sum + c.columns.length, 0);
  for (const { line } of lines) line.connector_values = Array.from({ length: width }, () => "");
  const unmatched = lines.filter((l) => l.facets.includes("no_match"));
  let next = 0;
  let firstColumn = 0;
  for (const step of connectors) {
    for (const { line, facets } of unmatched.slice(next, next + step.matched)) {
      line.found_by = step.connector;
      facets.push("found_by_connector");
      step.columns.forEach((column, i) => {
        line.connector_values[firstColumn + i] = connectorAnswer(column, line.row);
      });
    }
    next += step.matched;
    firstColumn += step.columns.length;
  }
}

/**
 * One page of a sample job's review: 50 fewer people than rows (duplicates and invalid ones),
 * with the columns of the connectors it asked after ZoomInfo.
 */
export function sampleReview(job: JobSummary, query: ReviewQuery, connectors: SampleConnector[] = []): ReviewPage {
  const kind: RecordKind = job.kind === "company" ? "company" : "contact";
  const size = Math.max(0, job.rows - 50);
  const settled = Math.max(0, size - job.keys_pending);
  const columns = query.columns.length > 0 ? query.columns : SAMPLE_OUTPUT_COLUMNS[kind].default;
  const text = query.text?.trim().toLowerCase() ?? "";
  const all = Array.from({ length: size }, (_, index) => reviewLine(index, settled, columns, kind === "contact"));
  askConnectors(all, connectors);
  const shown = all.filter(({ line, facets }) => line.sent.includes(text) && (!query.facet || facets.includes(query.facet)));
  const count = (facet: ReviewFacet) => all.filter((l) => l.facets.includes(facet)).length;
  const counts: ReviewCounts = {
    total: size,
    matched: count("matched"),
    no_match: count("no_match"),
    pending: count("pending"),
    from_cache: count("from_cache"),
    low_confidence: count("low_confidence"),
    low_confidence_below: LOW_CONFIDENCE_BELOW,
    found_by_connector: count("found_by_connector"),
  };
  return {
    total: shown.length,
    offset: query.offset,
    columns,
    connector_columns: connectors.flatMap((c) => c.columns),
    lines: shown.slice(query.offset, query.offset + query.limit).map((l) => l.line),
    counts: query.offset === 0 ? counts : null,
  };
}
