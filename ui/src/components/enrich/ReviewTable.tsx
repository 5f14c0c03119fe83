import { useEffect, useRef, useState } from "react";
import { useVirtualizer } from "@tanstack/react-virtual";
import { useBackend } from "../../api/context";
import type { ReviewCounts, ReviewFacet, ReviewLine } from "../../api/types";
import { formatCount } from "../../lib/format";
import { ErrorMessage } from "../ErrorMessage";
import { Icon } from "../Icon";
import { fieldLabel, nouns } from "./labels";

/** Lines fetched per request: a few screens, so scrolling rarely waits. */
export const REVIEW_PAGE = 200;
const LINE_HEIGHT = 34;

type Facet = {
  facet: ReviewFacet | null;
  label: string;
  count: (c: ReviewCounts) => number;
  /** Only where records have an accuracy score. */
  contactsOnly?: boolean;
  /** Only for a job that asked data connectors after ZoomInfo. */
  connectorsOnly?: boolean;
  /** `many`: "people" or "companies". */
  hint?: (c: ReviewCounts | null, many: string) => string;
};

const FACETS: Facet[] = [
  { facet: null, label: "All", count: (c) => c.total },
  { facet: "matched", label: "Matched", count: (c) => c.matched },
  { facet: "no_match", label: "No match", count: (c) => c.no_match },
  {
    facet: "found_by_connector",
    label: "Found by connectors",
    count: (c) => c.found_by_connector,
    connectorsOnly: true,
    hint: (_c, many) => `${many.charAt(0).toUpperCase()}${many.slice(1)} ZoomInfo did not match that a data connector then found.`,
  },
  { facet: "pending", label: "Not sent yet", count: (c) => c.pending },
  { facet: "from_cache", label: "From cache", count: (c) => c.from_cache },
  {
    facet: "low_confidence",
    label: "Low confidence",
    count: (c) => c.low_confidence,
    contactsOnly: true,
    hint: (c) => `Matches whose ZoomInfo accuracy score is under ${c?.low_confidence_below ?? 85}: check them before use.`,
  },
];

/** ZoomInfo's statuses in words (unknown ones are shown as they come). */
function statusText(status: string): string {
  switch (status) {
    case "FULL_MATCH":
      return "Matched";
    case "NO_MATCH":
      return "No match";
    case "NOT_PROCESSED":
      return "Not sent yet";
    case "COMPANY_ONLY_MATCH":
      return "Company only";
    case "CONTACT_ONLY_MATCH":
      return "Contact only";
    case "OPT_OUT":
      return "Opted out";
    default:
      return status.toLowerCase().replace(/_/g, " ");
  }
}

function statusTone(line: ReviewLine): string {
  if (line.status === "NOT_PROCESSED") return "pending";
  return line.zi_id ? "ok" : "muted";
}

/** The filter buttons that apply to this job. */
function shownFacets(kind: string, connectorColumns: string[], counts: ReviewCounts | null): Facet[] {
  // The job's connectors are known from its first page on, before they have found anything.
  const askedConnectors = connectorColumns.length > 0 || (counts?.found_by_connector ?? 0) > 0;
  return FACETS.filter((f) => (!f.contactsOnly || kind !== "company") && (!f.connectorsOnly || askedConnectors));
}

/** ZoomInfo's status, then the data connector that found the line when ZoomInfo did not. */
function StatusCell({ line }: { line: ReviewLine }) {
  const zoomInfo = statusText(line.status);
  const foundBy = line.found_by ? `found by ${line.found_by}` : null;
  return (
    <span className="review-status" title={foundBy ? `${zoomInfo} · ${foundBy}` : undefined}>
      <span className={`status-pill status-pill--${statusTone(line)}`}>{zoomInfo}</span>
      {line.from_cache && <span className="muted small">cache</span>}
      {foundBy && <span className="status-pill status-pill--ok status-pill--found-by">{foundBy}</span>}
    </span>
  );
}

type Track = { css: string; min: number };
const fixed = (px: number): Track => ({ css: `${px}px`, min: px });
const flexible = (min: number, share = 1): Track => ({ css: `minmax(${min}px, ${share}fr)`, min });

/**
 * The table's columns: row, sent, status, ZoomInfo's fields, the connectors' columns, ZoomInfo
 * ID; and the width that fits each at its minimum (the table scrolls sideways beyond that).
 */
function gridLayout(fields: number, connectorColumns: number) {
  // A line a connector found has a second pill beside ZoomInfo's status: "found by Acme People".
  const status = connectorColumns > 0 ? 260 : 120;
  const tracks = [
    fixed(56),
    flexible(200, 1.6),
    fixed(status),
    ...Array.from({ length: fields }, () => flexible(130)),
    // Their names are long: `acme_people_person_title`.
    ...Array.from({ length: connectorColumns }, () => flexible(160)),
    fixed(100),
  ];
  const gaps = 8 * (tracks.length - 1);
  const padding = 24;
  return {
    template: tracks.map((t) => t.css).join(" "),
    minWidth: tracks.reduce((sum, t) => sum + t.min, 0) + gaps + padding,
  };
}

/**
 * Loads a job's review a page at a time as the table scrolls, for one filter. A new `refresh`
 * asks again for the lines in view, which stay shown meanwhile, so the table keeps its place.
 */
function useReviewPages(jobId: number, facet: ReviewFacet | null, text: string, columns: string[], refresh: unknown) {
  const backend = useBackend();
  const [pages, setPages] = useState<Map<number, ReviewLine[]>>(new Map());
  const [total, setTotal] = useState<number | null>(null);
  const [counts, setCounts] = useState<ReviewCounts | null>(null);
  const [shownColumns, setShownColumns] = useState<string[]>(columns);
  const [connectorColumns, setConnectorColumns] = useState<string[]>([]);
  const [error, setError] = useState<unknown>(null);
  const asked = useRef(new Set<number>());
  const generation = useRef(0);
  const columnKey = columns.join(",");

  useEffect(() => {
    generation.current += 1;
    asked.current = new Set();
    setPages(new Map());
    setTotal(null);
    setError(null);
  }, [jobId, facet, text, columnKey]);

  useEffect(() => {
    generation.current += 1;
    asked.current = new Set();
  }, [refresh]);

  const load = (page: number) => {
    if (asked.current.has(page)) return;
    asked.current.add(page);
    const mine = generation.current;
    backend
      .reviewEnrichment(jobId, {
        facet: facet ?? undefined,
        text: text || undefined,
        offset: page * REVIEW_PAGE,
        limit: REVIEW_PAGE,
        columns,
      })
      .then((result) => {
        if (mine !== generation.current) return;
        setTotal(result.total);
        // Only the first page carries the counts; later pages keep them.
        if (result.counts) setCounts(result.counts);
        setShownColumns(result.columns);
        setConnectorColumns(result.connector_columns);
        setPages((current) => new Map(current).set(page, result.lines));
      })
      .catch((err: unknown) => {
        if (mine !== generation.current) return;
        asked.current.delete(page);
        setError(err);
      });
  };

  return { pages, total, counts, columns: shownColumns, connectorColumns, error, load };
}

/**
 * The per-person (or per-company) review of a job: filter buttons with counts per outcome, a
 * search over what was sent, and a virtualized table that fetches pages as it scrolls, so a
 * 100,000-line job stays smooth. The columns of the data connectors the job asked after
 * ZoomInfo follow ZoomInfo's.
 */
export function ReviewTable({
  jobId,
  kind,
  columns,
  refresh,
}: {
  jobId: number;
  kind: string;
  columns: string[];
  /** Any value: when it changes, the lines are fetched again (connectors answer after ZoomInfo's run). */
  refresh?: unknown;
}) {
  const [facet, setFacet] = useState<ReviewFacet | null>(null);
  const [typed, setTyped] = useState("");
  const [text, setText] = useState("");
  const scrollRef = useRef<HTMLDivElement>(null);
  const noun = nouns(kind);

  // Searching waits for a pause in typing.
  useEffect(() => {
    const timer = setTimeout(() => setText(typed.trim()), 250);
    return () => clearTimeout(timer);
  }, [typed]);

  const review = useReviewPages(jobId, facet, text, columns, refresh);
  const count = review.total ?? 0;
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => LINE_HEIGHT,
    overscan: 10,
    initialRect: { width: 1000, height: 420 },
  });
  const items = virtualizer.getVirtualItems();
  const firstPage = items.length > 0 ? Math.floor((items[0]?.index ?? 0) / REVIEW_PAGE) : 0;
  const lastPage = items.length > 0 ? Math.floor((items[items.length - 1]?.index ?? 0) / REVIEW_PAGE) : 0;

  const { load } = review;
  useEffect(() => {
    // The first page carries the counts on the filter buttons, wherever the table is scrolled.
    load(0);
    for (let page = firstPage; page <= lastPage; page++) load(page);
    // The pages either side as well, so lines are there before they scroll into view.
    if (review.total !== null) {
      if (firstPage > 0) load(firstPage - 1);
      if ((lastPage + 1) * REVIEW_PAGE < review.total) load(lastPage + 1);
    }
    // `load` is new each render; the visible page range and the filter decide when to fetch.
    // eslint-disable-next-line react-hooks/exhaustive-deps -- as said above
  }, [firstPage, lastPage, review.total, facet, text, columns.join(","), refresh]);

  useEffect(() => {
    if (scrollRef.current) scrollRef.current.scrollTop = 0;
  }, [facet, text]);

  const line = (index: number) => review.pages.get(Math.floor(index / REVIEW_PAGE))?.[index % REVIEW_PAGE];
  const { template: gridColumns, minWidth } = gridLayout(review.columns.length, review.connectorColumns.length);

  return (
    <section className="review-table" aria-label={`Review by ${noun.one}`}>
      <div className="review-tools">
        <div className="segmented review-facets" role="group" aria-label="Show">
          {shownFacets(kind, review.connectorColumns, review.counts).map((f) => (
            <button
              key={f.label}
              type="button"
              className="segment"
              aria-pressed={facet === f.facet}
              title={f.hint?.(review.counts, noun.many)}
              onClick={() => setFacet(f.facet)}
            >
              {f.label}
              {review.counts && <span className="segment-count">{formatCount(f.count(review.counts))}</span>}
            </button>
          ))}
        </div>
        <label className="review-search">
          <Icon name="search" size={14} />
          <input
            type="search"
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
            placeholder={`Find an email, name or ${kind === "company" ? "domain" : "company"}`}
            aria-label="Find in the review"
          />
        </label>
      </div>
      {review.error !== null && <ErrorMessage error={review.error} />}
      <div
        className="review-scroll"
        ref={scrollRef}
        tabIndex={0}
        role="grid"
        aria-label="Review lines"
        aria-rowcount={count}
        data-testid="review-scroll"
      >
        <div style={{ minWidth }}>
          <div className="review-grid-head" style={{ gridTemplateColumns: gridColumns }} role="row">
            <span role="columnheader" className="numeric">
              Row
            </span>
            <span role="columnheader">Sent</span>
            <span role="columnheader">Status</span>
            {review.columns.map((c) => (
              <span role="columnheader" key={c}>
                {fieldLabel(c)}
              </span>
            ))}
            {/* Named as in the exported file, so the two read alike. */}
            {review.connectorColumns.map((c) => (
              <span role="columnheader" key={`connector:${c}`} title={c}>
                {c}
              </span>
            ))}
            <span role="columnheader">ZoomInfo ID</span>
          </div>
          {review.total === 0 && <p className="review-empty muted">Nothing to show{text ? ` for “${text}”` : ""}.</p>}
          <div style={{ height: virtualizer.getTotalSize(), position: "relative" }}>
            {items.map((item) => {
              const data = line(item.index);
              return (
                <div
                  key={item.index}
                  role="row"
                  aria-rowindex={item.index + 1}
                  className="review-line"
                  style={{ gridTemplateColumns: gridColumns, transform: `translateY(${item.start}px)` }}
                >
                  {data ? (
                    <>
                      <span className="numeric muted">{data.row}</span>
                      <span title={data.sent}>{data.sent}</span>
                      <StatusCell line={data} />
                      {data.values.map((value, i) => (
                        <span key={i} title={value}>
                          {value}
                        </span>
                      ))}
                      {review.connectorColumns.map((column, i) => {
                        // Lines fetched before the connectors were known have no cells for them yet.
                        const value = data.connector_values[i] ?? "";
                        return (
                          <span key={`connector:${column}`} title={value}>
                            {value}
                          </span>
                        );
                      })}
                      <span className="numeric muted">{data.zi_id}</span>
                    </>
                  ) : (
                    <span className="muted review-loading">…</span>
                  )}
                </div>
              );
            })}
          </div>
        </div>
      </div>
      <p className="muted small">
        {review.total === null ? "Loading…" : `${formatCount(count)} ${count === 1 ? noun.one : noun.many}`} · one line per
        distinct {noun.one}; rows of the file that repeat one share its line.
      </p>
    </section>
  );
}
