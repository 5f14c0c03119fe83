import { useEffect, useMemo, useRef, useState } from "react";
import {
  flexRender,
  getCoreRowModel,
  getSortedRowModel,
  useReactTable,
  type ColumnDef,
  type RowSelectionState,
  type SortingState,
} from "@tanstack/react-table";
import { useVirtualizer } from "@tanstack/react-virtual";
import type { RecordKind, ZiRecord } from "../api/types";
import { cellText } from "../lib/format";
import { Icon } from "./Icon";

const ROW_HEIGHT = 38;

function field(record: ZiRecord, path: string): unknown {
  let value: unknown = record;
  for (const key of path.split(".")) {
    if (typeof value !== "object" || value === null) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/** Missing values are `undefined` so they sort last, whichever the direction. */
function text(path: string) {
  return (record: ZiRecord) => cellText(field(record, path)) || undefined;
}

function number(path: string) {
  return (record: ZiRecord) => {
    const value = field(record, path);
    return typeof value === "number" ? value : typeof value === "string" && value !== "" ? Number(value) : undefined;
  };
}

/** "true" / true / "false" / false, as ZoomInfo mixes them. */
function flag(path: string) {
  return (record: ZiRecord) => {
    const value = field(record, path);
    if (value === true || value === "true") return "Yes";
    if (value === false || value === "false") return "No";
    return undefined;
  };
}

function fullName(record: ZiRecord): string | undefined {
  const name = [field(record, "firstName"), field(record, "middleName"), field(record, "lastName")]
    .filter((part) => typeof part === "string" && part !== "")
    .join(" ");
  return name || undefined;
}

function place(record: ZiRecord): string | undefined {
  const parts = ["city", "state", "country"]
    .map((key) => field(record, key) ?? field(record, `address.${key}`))
    .filter((part) => typeof part === "string" && part !== "");
  return parts.join(", ") || undefined;
}

type ColumnMeta = {
  /** Right-aligned, tabular figures. */
  numeric?: boolean;
  /** An identifier: shown as is, without thousands separators. */
  identifier?: boolean;
  /** What the column means, shown on hover. */
  hint?: string;
  /** Share of the spare width this column takes when the table is wider than its columns. */
  grow?: number;
};

const NUMERIC = { sortingFn: "basic", meta: { numeric: true } } as const;
const IDENTIFIER = { sortingFn: "basic", meta: { numeric: true, identifier: true } } as const;

// Widths add up to what fits beside the sidebar at 1280 px; wider windows grow the text columns.
const CONTACT_COLUMNS: ColumnDef<ZiRecord, unknown>[] = [
  { id: "name", header: "Name", accessorFn: fullName, size: 150, meta: { grow: 2 } },
  { id: "jobTitle", header: "Job title", accessorFn: text("jobTitle"), size: 180, meta: { grow: 3 } },
  { id: "company", header: "Company", accessorFn: text("company.name"), size: 210, meta: { grow: 2 } },
  { id: "managementLevel", header: "Level", accessorFn: text("managementLevel"), size: 110 },
  { id: "location", header: "Location", accessorFn: place, size: 170, meta: { grow: 1 } },
  { id: "accuracy", header: "Accuracy", accessorFn: number("contactAccuracyScore"), size: 96, ...NUMERIC },
  { id: "hasEmail", header: "Email", accessorFn: flag("hasEmail"), size: 76, meta: { hint: "Has an email address (enrich to get it)" } },
  { id: "hasDirectPhone", header: "Direct", accessorFn: flag("hasDirectPhone"), size: 80, meta: { hint: "Has a direct phone number (enrich to get it)" } },
  { id: "hasMobilePhone", header: "Mobile", accessorFn: flag("hasMobilePhone"), size: 80, meta: { hint: "Has a mobile phone number (enrich to get it)" } },
  { id: "id", header: "ID", accessorFn: number("id"), size: 104, ...IDENTIFIER },
];

const COMPANY_COLUMNS: ColumnDef<ZiRecord, unknown>[] = [
  { id: "name", header: "Company", accessorFn: text("name"), size: 260, meta: { grow: 3 } },
  { id: "website", header: "Website", accessorFn: text("website"), size: 200, meta: { grow: 1 } },
  { id: "location", header: "Location", accessorFn: place, size: 200, meta: { grow: 1 } },
  { id: "industry", header: "Industry", accessorFn: text("industry"), size: 180, meta: { grow: 1 } },
  { id: "employees", header: "Employees", accessorFn: number("employeeCount"), size: 110, ...NUMERIC },
  { id: "revenue", header: "Revenue ($k)", accessorFn: number("revenue"), size: 120, ...NUMERIC },
  { id: "id", header: "ID", accessorFn: number("id"), size: 104, ...IDENTIFIER },
];

function metaOf(column: { columnDef: { meta?: unknown } }): ColumnMeta {
  return (column.columnDef.meta as ColumnMeta | undefined) ?? {};
}

/** Fixed width, plus a share of any spare width. */
function cellStyle(column: { getSize: () => number; columnDef: { meta?: unknown } }) {
  const size = column.getSize();
  return { width: size, minWidth: size, flexGrow: metaOf(column).grow ?? 0 };
}

function isEmpty(value: unknown) {
  return value === undefined || value === null || value === "" || (typeof value === "number" && Number.isNaN(value));
}

/**
 * Search results: sortable columns (click or Enter on a header), virtualized rows so a full
 * 1,000-record result scrolls smoothly. Columns that no record fills are left out.
 */
/** The first column: a checkbox per record and one for all, for "Enrich selected". */
const SELECT_COLUMN: ColumnDef<ZiRecord, unknown> = {
  id: "select",
  size: 44,
  enableSorting: false,
  header: ({ table }) => (
    <input
      type="checkbox"
      aria-label="Select all results"
      checked={table.getIsAllRowsSelected()}
      ref={(box) => {
        if (box) box.indeterminate = table.getIsSomeRowsSelected();
      }}
      onChange={table.getToggleAllRowsSelectedHandler()}
    />
  ),
  cell: ({ row }) => (
    <input
      type="checkbox"
      aria-label={`Select ${fullName(row.original) ?? (field(row.original, "name") as string | undefined) ?? `result ${row.index + 1}`}`}
      checked={row.getIsSelected()}
      onChange={row.getToggleSelectedHandler()}
    />
  ),
};

export function ResultsTable({
  kind,
  records,
  onSelect,
}: {
  kind: RecordKind;
  records: ZiRecord[];
  /** Called with the selected records whenever the selection changes. */
  onSelect?: (selected: ZiRecord[]) => void;
}) {
  const [sorting, setSorting] = useState<SortingState>([]);
  const [rowSelection, setRowSelection] = useState<RowSelectionState>({});
  const scrollRef = useRef<HTMLDivElement>(null);

  const columns = useMemo(() => {
    const all = kind === "contact" ? CONTACT_COLUMNS : COMPANY_COLUMNS;
    const sample = records.slice(0, 200);
    const used = all.filter(
      (column) =>
        column.id === "name" ||
        sample.some((record) => {
          const accessor = (column as { accessorFn?: (r: ZiRecord, i: number) => unknown }).accessorFn;
          return accessor ? !isEmpty(accessor(record, 0)) : false;
        }),
    );
    return onSelect ? [SELECT_COLUMN, ...used] : used;
  }, [kind, records, onSelect]);

  const table = useReactTable({
    data: records,
    columns,
    state: { sorting, rowSelection },
    onSortingChange: setSorting,
    enableRowSelection: onSelect !== undefined,
    onRowSelectionChange: setRowSelection,
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
    // Text sorts case-insensitively; missing values go last in both directions.
    defaultColumn: { sortUndefined: "last", sortingFn: "text" },
  });

  // A new result set starts with nothing selected.
  useEffect(() => setRowSelection({}), [records]);
  useEffect(() => {
    onSelect?.(records.filter((_, index) => rowSelection[String(index)]));
  }, [rowSelection, records, onSelect]);

  const rows = table.getRowModel().rows;
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    initialRect: { width: 1000, height: 600 },
  });
  const totalWidth = table.getTotalSize();

  return (
    <div className="table-scroll" ref={scrollRef} tabIndex={0} aria-label="Search results">
      <table className="results-table" style={{ minWidth: totalWidth }} aria-rowcount={rows.length + 1}>
        <thead>
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id} className="results-row">
              {group.headers.map((header) => {
                if (header.column.id === SELECT_COLUMN.id) {
                  return (
                    <th key={header.id} style={cellStyle(header.column)} className="select-cell">
                      {flexRender(header.column.columnDef.header, header.getContext())}
                    </th>
                  );
                }
                const sorted = header.column.getIsSorted();
                const numeric = metaOf(header.column).numeric;
                return (
                  <th
                    key={header.id}
                    style={cellStyle(header.column)}
                    className={numeric ? "numeric" : undefined}
                    aria-sort={sorted === "asc" ? "ascending" : sorted === "desc" ? "descending" : "none"}
                  >
                    <button
                      type="button"
                      className="sort-button"
                      onClick={header.column.getToggleSortingHandler()}
                      title={metaOf(header.column).hint ?? `Sort by ${String(header.column.columnDef.header)}`}
                    >
                      <span className="sort-label">
                        {flexRender(header.column.columnDef.header, header.getContext())}
                      </span>
                      <Icon
                        name={sorted === "asc" ? "sortAsc" : sorted === "desc" ? "sortDesc" : "sortNone"}
                        size={13}
                        className={sorted ? "sort-icon sort-icon--active" : "sort-icon"}
                      />
                    </button>
                  </th>
                );
              })}
            </tr>
          ))}
        </thead>
        <tbody style={{ height: virtualizer.getTotalSize() }}>
          {virtualizer.getVirtualItems().map((item) => {
            const row = rows[item.index];
            if (!row) return null;
            return (
              <tr
                key={row.id}
                className="results-row"
                aria-selected={onSelect ? row.getIsSelected() : undefined}
                aria-rowindex={item.index + 2}
                style={{ transform: `translateY(${item.start}px)` }}
              >
                {row.getVisibleCells().map((cell) => {
                  if (cell.column.id === SELECT_COLUMN.id) {
                    return (
                      <td key={cell.id} style={cellStyle(cell.column)} className="select-cell">
                        {flexRender(cell.column.columnDef.cell, cell.getContext())}
                      </td>
                    );
                  }
                  const { numeric, identifier } = metaOf(cell.column);
                  const value = cell.getValue();
                  const shown =
                    typeof value === "number" && !identifier ? cellText(value) : String(value ?? "");
                  return (
                    <td key={cell.id} style={cellStyle(cell.column)} className={numeric ? "numeric" : undefined} title={shown}>
                      {shown}
                    </td>
                  );
                })}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
