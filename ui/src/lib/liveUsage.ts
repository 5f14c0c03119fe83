import type { LiveUsage, UsageLimit } from "../api/types";

/** A limit as the Usage screen shows it, with where its figures come from. */
export interface ShownLimit {
  item: UsageLimit;
  /** "headers": ZoomInfo's answer to the latest search or enrichment; "lookup": the usage report. */
  source: "headers" | "lookup";
  /** When those figures were read. */
  readAt: Date | null;
}

function time(text: string | null | undefined): Date | null {
  if (!text) return null;
  const at = new Date(text);
  return Number.isNaN(at.getTime()) ? null : at;
}

/**
 * The usage report's limits, each replaced by the figures of the latest answer headers when
 * those are newer: searches and enrichments tell the credits left without a usage lookup.
 */
export function withLiveFigures(limits: UsageLimit[], fetchedAt: string, live: LiveUsage | undefined): ShownLimit[] {
  const lookedUpAt = time(fetchedAt);
  const seenAt = time(live?.seen_at);
  const newer = seenAt !== null && (lookedUpAt === null || seenAt > lookedUpAt);
  return limits.map((item) => {
    const heard = newer ? live?.limits.find((l) => l.limitType === item.limitType) : undefined;
    if (!heard || heard.usageRemaining === null) return { item, source: "lookup", readAt: lookedUpAt };
    const limit = heard.limit ?? item.limit;
    const remaining = heard.usageRemaining;
    return {
      item: {
        ...item,
        limit,
        usageRemaining: remaining,
        currentUsage: limit === null ? item.currentUsage : Math.max(0, limit - remaining),
      },
      source: "headers",
      readAt: seenAt,
    };
  });
}
