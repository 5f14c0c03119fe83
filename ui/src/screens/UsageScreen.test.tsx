import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { MockBackend } from "../api/mock";
import { renderWith } from "../test/render";
import { UsageScreen } from "./UsageScreen";

describe("Usage screen", () => {
  it("renders each limit as a labelled bar with the backend's numbers", async () => {
    const backend = new MockBackend({
      connected: true,
      usage: {
        fetched_at: "2026-11-28T09:30:00Z",
        limits: [
          { limitType: "recordLimit", description: "Records returned by enrich", limit: 10000, currentUsage: 8420, usageRemaining: 1580 },
          { limitType: "requestLimit", limit: 25000, currentUsage: 3120, usageRemaining: 21880 },
          { limitType: "webSightsApiRequestLimit", limit: null, currentUsage: 12, usageRemaining: null },
        ],
      },
    });
    renderWith(backend, <UsageScreen />);

    const records = await screen.findByRole("progressbar", { name: "Record limit (credits)" });
    expect(records).toHaveAttribute("aria-valuenow", "8420");
    expect(records).toHaveAttribute("aria-valuemax", "10000");
    expect(records).toHaveAttribute("aria-valuetext", "8,420 of 10,000 used");

    const item = records.closest("li") as HTMLElement;
    expect(within(item).getByText("8,420")).toBeInTheDocument();
    expect(within(item).getByText("1,580 remaining")).toBeInTheDocument();
    expect(within(item).getByText("84% used")).toBeInTheDocument();
    expect(within(item).getByText("recordLimit")).toBeInTheDocument();

    expect(screen.getByRole("progressbar", { name: "Request limit" })).toHaveAttribute("aria-valuenow", "3120");
    expect(screen.getByText("21,880 remaining")).toBeInTheDocument();
    // A limit type the UI does not know is still shown, readably.
    expect(screen.getByRole("progressbar", { name: "WebSights API requests" })).toBeInTheDocument();
    expect(screen.getByText("No limit reported")).toBeInTheDocument();
  });

  it("asks to connect when there is no session", async () => {
    renderWith(new MockBackend({ connected: false }), <UsageScreen />);
    expect(await screen.findByText("Not connected")).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Connect or try the demo" })).toHaveAttribute("href", "#/connect");
  });
});
