import { useState, type FormEvent } from "react";
import { useBackend } from "../api/context";
import { useSearch } from "../hooks/queries";
import type { RecordKind, SearchCriterion, SearchOutcome, SearchRequest, ZiRecord } from "../api/types";
import { handOffToEnrich } from "../hooks/enrichHandoff";
import { hrefFor } from "../hooks/useRoute";
import { ErrorMessage } from "../components/ErrorMessage";
import { ShowInFolder } from "../components/ShowInFolder";
import { Icon } from "../components/Icon";
import { PageHeader } from "../components/PageHeader";
import { RequireSession } from "../components/RequireSession";
import { ResultsTable } from "../components/ResultsTable";
import { Spinner } from "../components/Spinner";
import { formatCount } from "../lib/format";
import { MANAGEMENT_LEVELS, SEARCH_DEPTH_LIMIT } from "../lib/zoominfo";
import { fieldLabel, LOCATION_LABELS, searchField, searchFields, severalHint } from "../lib/searchFields";
import type { SearchFieldSpec } from "../bindings/SearchFieldSpec";

/** The filters shown up front for each kind (ZoomInfo's criteria names; every one is in the
 * published table, which a test checks). Others are added under "More filters". */
const QUICK: Record<RecordKind, string[]> = {
  contact: ["jobTitle", "companyName", "managementLevel", "firstName", "lastName", "state", "country"],
  company: ["companyName", "state", "country", "revenueMin", "revenueMax"],
};

const LABELS: Record<string, string> = {
  firstName: "First name",
  lastName: "Last name",
  jobTitle: "Job title",
  companyName: "Company",
  managementLevel: "Management level",
  state: "State / region",
  country: "Country",
  revenueMin: "Revenue at least (USD)",
  revenueMax: "Revenue at most (USD)",
  locationSearchType: "Location filters apply to",
};

const PLACEHOLDERS: Record<string, string> = {
  jobTitle: "e.g. VP Sales OR Director",
  companyName: "e.g. Acme",
  state: "e.g. California",
  country: "e.g. United States",
  revenueMin: "e.g. 1000000",
};

const labelOf = (name: string) => LABELS[name] ?? fieldLabel(name);

type Values = Record<string, string>;

/** The request for the filled-in filters: list criteria split at commas into several values. */
export function toRequest(kind: RecordKind, values: Values, names: string[]): SearchRequest {
  const criteria: SearchCriterion[] = [];
  for (const name of names) {
    const value = (values[name] ?? "").trim();
    if (!value) continue;
    const field = searchField(kind, name);
    const parts = field?.valueType === "list" ? value.split(",").map((v) => v.trim()).filter(Boolean) : [value];
    for (const part of parts) criteria.push({ field: name, value: part });
  }
  return { kind, criteria };
}

/** One filter's input, shaped by the criterion's published type. */
function FilterInput({
  field,
  value,
  onChange,
  autoFocus,
}: {
  field: SearchFieldSpec;
  value: string;
  onChange: (value: string) => void;
  autoFocus?: boolean;
}) {
  if (field.name === "managementLevel") {
    return (
      <select value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">Any level</option>
        {MANAGEMENT_LEVELS.map((level) => (
          <option key={level} value={level}>
            {level}
          </option>
        ))}
      </select>
    );
  }
  if (field.choices.length > 0) {
    return (
      <select value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">ZoomInfo's default</option>
        {field.choices.map((choice) => (
          <option key={choice} value={choice}>
            {LOCATION_LABELS[choice] ?? choice}
          </option>
        ))}
      </select>
    );
  }
  if (field.valueType === "boolean") {
    return (
      <select value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">Either</option>
        <option value="true">Yes</option>
        <option value="false">No</option>
      </select>
    );
  }
  return (
    <input
      type={field.valueType === "integer" ? "number" : "text"}
      inputMode={field.valueType === "integer" ? "numeric" : undefined}
      step={field.valueType === "integer" ? 1 : undefined}
      // The first filter takes the keyboard when the screen opens: type and press Enter.
      autoFocus={autoFocus}
      value={value}
      placeholder={PLACEHOLDERS[field.name]}
      title={severalHint(field) ?? undefined}
      onChange={(e) => onChange(e.target.value)}
    />
  );
}

function KindToggle({ kind, onChange }: { kind: RecordKind; onChange: (kind: RecordKind) => void }) {
  return (
    <div className="segmented" role="group" aria-label="Search for">
      {(["contact", "company"] as const).map((value) => (
        <button
          key={value}
          type="button"
          className="segment"
          aria-pressed={kind === value}
          onClick={() => onChange(value)}
        >
          {value === "contact" ? "Contacts" : "Companies"}
        </button>
      ))}
    </div>
  );
}

/** Writes the current results to a .csv or .xlsx picked in the save dialog (the search runs again, free). */
function ExportResults({ request, disabled }: { request: SearchRequest; disabled: boolean }) {
  const backend = useBackend();
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<{ text: string; path: string } | null>(null);
  const [error, setError] = useState<unknown>(null);

  const run = async () => {
    setDone(null);
    setError(null);
    setBusy(true);
    try {
      const path = await backend.chooseSavePath("spreadsheet", request.kind === "contact" ? "contacts.csv" : "companies.csv");
      if (!path) return;
      const written = await backend.exportSearch(request, path);
      setDone({ text: `Exported ${formatCount(written)} ${written === 1 ? "record" : "records"} to ${path}`, path });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <button type="button" className="button" onClick={() => void run()} disabled={disabled || busy}>
        {busy ? "Exporting…" : "Export…"}
      </button>
      {done && (
        <p className="muted small export-done" role="status">
          {done.text} <ShowInFolder path={done.path} />
        </p>
      )}
      {error !== null && <ErrorMessage error={error} />}
    </>
  );
}

/** "Enrich selected": the chosen records go to the Enrich screen as a file keyed by ZoomInfo id. */
function EnrichSelected({ kind, selected }: { kind: RecordKind; selected: ZiRecord[] }) {
  const backend = useBackend();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const go = async () => {
    setError(null);
    setBusy(true);
    try {
      const path = await backend.selectionFile(kind, selected);
      handOffToEnrich(backend, { path, kind });
      window.location.hash = hrefFor("enrich");
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const count = selected.length;
  return (
    <>
      <button
        type="button"
        className="button button--primary"
        onClick={() => void go()}
        disabled={count === 0 || busy}
        title={count === 0 ? "Tick the results to enrich" : undefined}
      >
        {count === 0 ? "Enrich selected…" : `Enrich ${formatCount(count)} selected…`}
      </button>
      {error !== null && <ErrorMessage error={error} />}
    </>
  );
}

/** What the search cost, as the account's counters tell it. */
function costText(cost: SearchOutcome["cost"]): string {
  if (!cost) return "cost unknown (usage counters unreadable)";
  const credits = cost.credits === 1 ? "1 credit" : `${formatCount(Math.max(0, cost.credits))} credits`;
  return `used ${credits}, ${formatCount(cost.requests)} requests`;
}

function Results({ request }: { request: SearchRequest }) {
  const search = useSearch(request);
  const [selected, setSelected] = useState<ZiRecord[]>([]);
  if (search.isPending) return <Spinner label="Searching ZoomInfo…" />;
  if (search.isError) return <ErrorMessage error={search.error} onRetry={() => void search.refetch()} />;

  const outcome = search.data;
  const shown = outcome.records.length;
  const total = outcome.total_results;
  const noun = outcome.kind === "contact" ? "contacts" : "companies";
  const ceiling = outcome.stopped_at_ceiling;

  return (
    <div className="results">
      <div className="results-summary" aria-live="polite">
        <p>
          <strong>{formatCount(total)}</strong> {noun} match
          {shown < total && <span className="muted"> · showing the first {formatCount(shown)}</span>}
          {search.isFetching && <span className="muted"> · refreshing…</span>}
          <span className="muted search-cost"> · {costText(outcome.cost)}</span>
        </p>
        <div className="results-actions">
          <EnrichSelected kind={outcome.kind} selected={selected} />
          <ExportResults request={request} disabled={shown === 0} />
        </div>
      </div>
      {ceiling !== null && (
        <div className="callout callout--warning callout--compact" role="note">
          <Icon name="info" className="callout-icon" />
          <p>
            <strong>Results stop at {formatCount(ceiling)} records.</strong> ZoomInfo's API lets a
            search page through only the first {formatCount(ceiling)} of the {formatCount(total)}{" "}
            matches. To reach the others, narrow the search — add a job title, management level,
            state or country — and search again.
          </p>
        </div>
      )}
      {ceiling === null && outcome.notice && (
        <div className="callout callout--info" role="note">
          <Icon name="info" className="callout-icon" />
          <div className="callout-body">
            <p>{outcome.notice}</p>
          </div>
        </div>
      )}
      {shown === 0 ? (
        <p className="empty-results">No {noun} match these filters. Try fewer or broader filters.</p>
      ) : (
        <ResultsTable kind={outcome.kind} records={outcome.records} onSelect={setSelected} />
      )}
    </div>
  );
}

/** Adds a criterion that is not among the quick filters. */
function AddFilter({ kind, shown, onAdd }: { kind: RecordKind; shown: string[]; onAdd: (name: string) => void }) {
  const others = searchFields(kind).filter((f) => !shown.includes(f.name));
  return (
    <label className="field">
      <span>More filters</span>
      <select
        aria-label="Add a filter"
        value=""
        onChange={(e) => {
          if (e.target.value) onAdd(e.target.value);
        }}
      >
        <option value="">Add a filter…</option>
        {others.map((f) => (
          <option key={f.name} value={f.name}>
            {labelOf(f.name)}
          </option>
        ))}
      </select>
    </label>
  );
}

function SearchForm() {
  const [kind, setKind] = useState<RecordKind>("contact");
  const [values, setValues] = useState<Values>({});
  const [extra, setExtra] = useState<string[]>([]);
  const [request, setRequest] = useState<SearchRequest | null>(null);

  // Contacts can be found by where they sit or where their company's head office is.
  const location = kind === "contact" ? ["locationSearchType"] : [];
  const names = [...QUICK[kind], ...extra, ...location];
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setRequest(toRequest(kind, values, names));
  };
  const set = (key: string) => (value: string) => setValues((v) => ({ ...v, [key]: value }));
  const clear = () => {
    setValues({});
    setExtra([]);
    setRequest(null);
  };

  return (
    <>
      <form className="panel search-form" onSubmit={submit} aria-label="Search filters">
        <div className="search-form-top">
          <KindToggle
            kind={kind}
            onChange={(next) => {
              setKind(next);
              clear();
            }}
          />
          <p className="muted small">
            Returns up to {formatCount(SEARCH_DEPTH_LIMIT)} records. Each search shows what it cost, read from
            your account's usage counters before and after.
          </p>
        </div>
        <div className="filter-grid">
          {names.map((name, index) => {
            const field = searchField(kind, name);
            if (!field) return null;
            return (
              <label className="field" key={name}>
                <span>{labelOf(name)}</span>
                <FilterInput field={field} value={values[name] ?? ""} onChange={set(name)} autoFocus={index === 0} />
              </label>
            );
          })}
          <AddFilter kind={kind} shown={names} onAdd={(name) => setExtra((e) => [...e, name])} />
          <div className="form-actions">
            <button type="submit" className="button button--primary">
              <Icon name="search" size={15} /> Search
            </button>
            <button type="button" className="button button--ghost" onClick={clear}>
              Clear
            </button>
          </div>
        </div>
      </form>
      {request ? (
        <Results request={request} />
      ) : (
        <p className="empty-results">Set one or more filters and press Search.</p>
      )}
    </>
  );
}

export function SearchScreen() {
  return (
    <div className="screen screen--fill">
      <PageHeader title="Search" description="Find contacts and companies in ZoomInfo." />
      <RequireSession>
        <SearchForm />
      </RequireSession>
    </div>
  );
}
