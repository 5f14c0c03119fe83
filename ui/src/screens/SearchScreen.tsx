import { useState, type FormEvent } from "react";
import { useBackend } from "../api/context";
import { useSearch } from "../hooks/queries";
import type { RecordKind, SearchCriterion, SearchRequest, ZiRecord } from "../api/types";
import { handOffToEnrich } from "../hooks/enrichHandoff";
import { hrefFor } from "../hooks/useRoute";
import { ErrorMessage } from "../components/ErrorMessage";
import { Icon } from "../components/Icon";
import { PageHeader } from "../components/PageHeader";
import { RequireSession } from "../components/RequireSession";
import { ResultsTable } from "../components/ResultsTable";
import { Spinner } from "../components/Spinner";
import { formatCount } from "../lib/format";
import { MANAGEMENT_LEVELS, SEARCH_DEPTH_LIMIT } from "../lib/zoominfo";

type Filters = {
  firstName: string;
  lastName: string;
  jobTitle: string;
  companyName: string;
  managementLevel: string;
  state: string;
  country: string;
};

const EMPTY: Filters = { firstName: "", lastName: "", jobTitle: "", companyName: "", managementLevel: "", state: "", country: "" };

/** Which filters each kind of search takes (ZoomInfo's criteria names). */
const FIELDS: Record<RecordKind, Array<keyof Filters>> = {
  contact: ["jobTitle", "companyName", "managementLevel", "firstName", "lastName", "state", "country"],
  company: ["companyName", "state", "country"],
};

const LABELS: Record<keyof Filters, string> = {
  firstName: "First name",
  lastName: "Last name",
  jobTitle: "Job title",
  companyName: "Company",
  managementLevel: "Management level",
  state: "State / region",
  country: "Country",
};

const PLACEHOLDERS: Partial<Record<keyof Filters, string>> = {
  jobTitle: "e.g. VP Sales",
  companyName: "e.g. Acme",
  state: "e.g. California",
  country: "e.g. United States",
};

function toRequest(kind: RecordKind, filters: Filters): SearchRequest {
  const criteria: SearchCriterion[] = [];
  for (const field of FIELDS[kind]) {
    const value = filters[field].trim();
    if (value) criteria.push({ field, value });
  }
  return { kind, criteria };
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
  const [done, setDone] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);

  const run = async () => {
    setDone(null);
    setError(null);
    setBusy(true);
    try {
      const path = await backend.pickExportPath(request.kind === "contact" ? "contacts.csv" : "companies.csv");
      if (!path) return;
      const written = await backend.exportSearch(request, path);
      setDone(`Exported ${formatCount(written)} ${written === 1 ? "record" : "records"} to ${path}`);
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
          {done}
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

function SearchForm() {
  const [kind, setKind] = useState<RecordKind>("contact");
  const [filters, setFilters] = useState<Filters>(EMPTY);
  const [request, setRequest] = useState<SearchRequest | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setRequest(toRequest(kind, filters));
  };
  const set = (key: keyof Filters) => (value: string) => setFilters((f) => ({ ...f, [key]: value }));

  return (
    <>
      <form className="panel search-form" onSubmit={submit} aria-label="Search filters">
        <div className="search-form-top">
          <KindToggle
            kind={kind}
            onChange={(next) => {
              setKind(next);
              setRequest(null);
            }}
          />
          <p className="muted small">
            Searching is free of credits (it counts toward the request limit) and returns up to{" "}
            {formatCount(SEARCH_DEPTH_LIMIT)} records.
          </p>
        </div>
        <div className="filter-grid">
          {FIELDS[kind].map((key, index) =>
            key === "managementLevel" ? (
              <label className="field" key={key}>
                <span>{LABELS[key]}</span>
                <select value={filters[key]} onChange={(e) => set(key)(e.target.value)}>
                  <option value="">Any level</option>
                  {MANAGEMENT_LEVELS.map((level) => (
                    <option key={level} value={level}>
                      {level}
                    </option>
                  ))}
                </select>
              </label>
            ) : (
              <label className="field" key={key}>
                <span>{LABELS[key]}</span>
                <input
                  type="text"
                  // The first filter takes the keyboard when the screen opens: type and press Enter.
                  autoFocus={index === 0}
                  value={filters[key]}
                  placeholder={PLACEHOLDERS[key]}
                  onChange={(e) => set(key)(e.target.value)}
                />
              </label>
            ),
          )}
          <div className="form-actions">
            <button type="submit" className="button button--primary">
              <Icon name="search" size={15} /> Search
            </button>
            <button
              type="button"
              className="button button--ghost"
              onClick={() => {
                setFilters(EMPTY);
                setRequest(null);
              }}
            >
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
