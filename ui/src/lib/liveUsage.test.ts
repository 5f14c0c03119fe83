import { describe, expect, it } from "vitest";
import type { LiveUsage, UsageLimit } from "../api/types";
import { withLiveFigures } from "./liveUsage";

const LOOKED_UP: UsageLimit[] = [
  { limitType: "recordLimit", limit: 10000, currentUsage: 8420, usageRemaining: 1580 },
  { limitType: "requestLimit", limit: 25000, currentUsage: 3120, usageRemaining: 21880 },
];

function live(seenAt: string | null, recordsLeft: number): LiveUsage {
  return {
    records_remaining: recordsLeft,
    requests_remaining: null,
    limits: [{ limitType: "recordLimit", limit: 10000, currentUsage: 10000 - recordsLeft, usageRemaining: recordsLeft }],
    seen_at: seenAt,
    window: null,
  };
}

describe("withLiveFigures", () => {
  it("takes the credits left from answer headers newer than the usage report", () => {
    const [records, requests] = withLiveFigures(LOOKED_UP, "2026-11-28T09:30:00Z", live("2026-11-28T09:31:00Z", 1480));
    expect(records?.source).toBe("headers");
    expect(records?.item).toMatchObject({ limit: 10000, currentUsage: 8520, usageRemaining: 1480 });
    expect(records?.readAt?.toISOString()).toBe("2026-11-28T09:31:00.000Z");
    // No header carried the request limit: the report's figure stays.
    expect(requests?.source).toBe("lookup");
    expect(requests?.item.usageRemaining).toBe(21880);
  });

  it("keeps the usage report when it is the newer reading, or nothing was heard", () => {
    const [older] = withLiveFigures(LOOKED_UP, "2026-11-28T09:32:00Z", live("2026-11-28T09:31:00Z", 1480));
    expect(older?.source).toBe("lookup");
    const [unheard] = withLiveFigures(LOOKED_UP, "2026-11-28T09:30:00Z", live(null, 1480));
    expect(unheard?.item.usageRemaining).toBe(1580);
    const [, none] = withLiveFigures(LOOKED_UP, "2026-11-28T09:30:00Z", undefined);
    expect(none?.source).toBe("lookup");
  });
});
