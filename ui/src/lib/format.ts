const integer = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });

/** 12345 → "12,345"; missing → "—". */
export function formatCount(value: number | null | undefined): string {
  return value === null || value === undefined || Number.isNaN(value) ? "—" : integer.format(value);
}

/** Share of a limit used, 0–100, or null when the limit is unknown or zero. */
export function percentUsed(used: number | null, limit: number | null): number | null {
  if (used === null || limit === null || limit <= 0) return null;
  return Math.min(100, Math.max(0, (used / limit) * 100));
}

/** A value from a ZoomInfo record as table text. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined || value === "") return "";
  if (typeof value === "boolean") return value ? "Yes" : "No";
  if (typeof value === "number") return integer.format(value);
  if (typeof value === "string") return value;
  if (typeof value === "object" && "name" in (value as object)) {
    return cellText((value as { name: unknown }).name);
  }
  return JSON.stringify(value);
}

/** An RFC 3339 time as a short local date and time ("Dec 5, 4:20 PM"); unreadable → as given. */
export function formatWhen(rfc3339: string): string {
  const date = new Date(rfc3339);
  return Number.isNaN(date.getTime())
    ? rfc3339
    : date.toLocaleString(undefined, { month: "short", day: "numeric", hour: "numeric", minute: "2-digit" });
}
