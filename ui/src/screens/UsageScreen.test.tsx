import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { MockBackend } from "../api/mock";
import { NO_LIVE_USAGE, SAMPLE_LIVE_USAGE, SAMPLE_TEAM_USAGE, SAMPLE_USAGE } from "../api/samples";
import type { CreditHistory } from "../api/types";
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
        live: NO_LIVE_USAGE,
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

  it("takes the credits left from the last search or enrichment's answer, without a usage lookup", async () => {
    // The usage report was read at 09:30; an enrichment's answer at 09:32 said 1,480 credits left.
    const backend = new MockBackend({ connected: true, usage: SAMPLE_USAGE, liveUsage: SAMPLE_LIVE_USAGE });
    renderWith(backend, <UsageScreen />);

    const records = await screen.findByRole("progressbar", { name: "Record limit (credits)" });
    const item = records.closest("li") as HTMLElement;
    await waitFor(() => expect(within(item).getByText("1,480 remaining")).toBeInTheDocument());
    expect(records).toHaveAttribute("aria-valuenow", "8520");
    expect(within(item).getByText(/^Live: from ZoomInfo's answer to the last search or enrichment at /)).toBeInTheDocument();
    expect(screen.getByText(/credits left, as ZoomInfo's answer to the last search or enrichment said/)).toHaveTextContent(
      /^1,480 credits left/,
    );
    // A limit no answer header carried keeps the usage report's figure and says so.
    const unique = screen.getByRole("progressbar", { name: "Unique ID limit" }).closest("li") as HTMLElement;
    expect(within(unique).getByText("3,790 remaining")).toBeInTheDocument();
    expect(within(unique).getByText(/^From ZoomInfo's usage report at /)).toBeInTheDocument();
    expect(backend.calls.filter((c) => c.method === "getUsage")).toHaveLength(1);
    expect(backend.calls.some((c) => c.method === "liveUsage")).toBe(true);
  });

  it("shows the usage report alone until a search or enrichment answered", async () => {
    renderWith(new MockBackend({ connected: true, usage: SAMPLE_USAGE, liveUsage: NO_LIVE_USAGE }), <UsageScreen />);
    const records = await screen.findByRole("progressbar", { name: "Record limit (credits)" });
    expect(within(records.closest("li") as HTMLElement).getByText("1,580 remaining")).toBeInTheDocument();
    expect(screen.queryByText(/credits left, as ZoomInfo's answer/)).not.toBeInTheDocument();
  });

  it("asks to connect when there is no session", async () => {
    renderWith(new MockBackend({ connected: false }), <UsageScreen />);
    expect(await screen.findByText("Not connected")).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Connect or try the demo" })).toHaveAttribute("href", "#/connect");
  });

  it("charts credits spent per day and forecasts when the record limit runs out", async () => {
    // 30 days: nothing for the first 16, then 100 credits a day for the last 14.
    const history: CreditHistory = {
      days: Array.from({ length: 30 }, (_, i) => ({
        day: `2026-11-${String(i + 1).padStart(2, "0")}`,
        credits: i < 16 ? 0 : 100,
      })),
    };
    renderWith(
      new MockBackend({ connected: true, usage: SAMPLE_USAGE, liveUsage: NO_LIVE_USAGE, creditHistory: history }),
      <UsageScreen />,
    );

    expect(await screen.findByRole("heading", { name: "Credits spent per day" })).toBeInTheDocument();
    const chart = screen.getByRole("img", { name: "Credits spent per day over the last 30 days" });
    // uPlot loads with the first chart.
    await waitFor(() => expect(chart.querySelector(".uplot canvas")).not.toBeNull());
    // Before the pointer is on a bar, the legend tells the latest day.
    expect(chart.querySelector(".u-legend")).toHaveTextContent("Day2026-11-30Credits100");
    // The same figures as text, for screen readers: one line per day.
    const days = within(screen.getByRole("table", { name: "Credits spent per day" })).getAllByRole("row");
    expect(days).toHaveLength(30);
    expect(days[0]).toHaveTextContent("2026-11-010");
    expect(days[29]).toHaveTextContent("2026-11-30100");
    // SAMPLE_USAGE's record limit has 1,580 credits left: at 100 a day, about 16 days.
    expect(screen.getByText(/At this pace the record limit runs out in about 16 days/)).toBeInTheDocument();
  });

  it("says there is not enough history when nothing was spent lately", async () => {
    const history: CreditHistory = {
      days: Array.from({ length: 30 }, (_, i) => ({ day: `2026-11-${String(i + 1).padStart(2, "0")}`, credits: i < 5 ? 50 : 0 })),
    };
    renderWith(
      new MockBackend({ connected: true, usage: SAMPLE_USAGE, liveUsage: NO_LIVE_USAGE, creditHistory: history }),
      <UsageScreen />,
    );
    expect(await screen.findByText(/not enough history yet/)).toBeInTheDocument();
    expect(screen.queryByText(/At this pace/)).not.toBeInTheDocument();
  });

  it("shows where the credits went, job by job, biggest first", async () => {
    const job = (id: number, source: string, credits: number, state = "completed", twice = 0) => ({
      id, kind: "contact", source, state, stop_reason: null, rows: 100, keys_pending: 0, credits_spent: credits,
      possibly_charged_twice: twice, updated_at: "2026-11-27T10:00:00Z",
    });
    const backend = new MockBackend({
      connected: true,
      enrich: {
        jobs: [
          job(1, "/data/small.csv", 40),
          job(2, "/data/q3-leads.csv", 900, "stopped", 25),
          job(3, "/data/free.csv", 0),
          ...Array.from({ length: 9 }, (_, i) => job(10 + i, `/data/batch-${i}.csv`, 10 + i)),
        ],
      },
    });
    renderWith(backend, <UsageScreen />);
    const list = await screen.findByRole("list", { name: "Credits spent per job" });
    const lines = within(list).getAllByRole("listitem");
    // The job whose lost answer was sent again says so beside its credits.
    expect(lines[0]).toHaveTextContent("q3-leads.csv · stopped · up to 25 may be counted twice900");
    expect(lines[1]).toHaveTextContent("small.csv · completed40");
    // Eight shown, the other three summed; the job that spent nothing is left out.
    expect(lines).toHaveLength(9);
    expect(lines[8]).toHaveTextContent("3 other jobs33");
    expect(screen.getByText("1,066 credits in all, from this computer's ledger")).toBeInTheDocument();
    expect(screen.getByText(/Up to 25 records may have been counted twice by ZoomInfo/)).toBeInTheDocument();
  });

  it("says nothing about double counting when no answer was lost", async () => {
    const backend = new MockBackend({
      connected: true,
      enrich: {
        jobs: [
          { id: 1, kind: "contact", source: "/data/a.csv", state: "completed", stop_reason: null, rows: 10, keys_pending: 0, credits_spent: 9, possibly_charged_twice: 0, updated_at: "2026-11-27T10:00:00Z" },
        ],
      },
    });
    renderWith(backend, <UsageScreen />);
    await screen.findByRole("list", { name: "Credits spent per job" });
    expect(screen.queryByText(/counted twice/)).not.toBeInTheDocument();
  });

  it("shows the team's spending this month per member, against their budgets", async () => {
    renderWith(new MockBackend({ connected: true, usage: SAMPLE_USAGE, team: SAMPLE_TEAM_USAGE }), <UsageScreen />);
    expect(await screen.findByRole("heading", { name: "Team this month" })).toBeInTheDocument();
    expect(screen.getByText(/2,100 credits since .*, from the team database db\.acme\.example:5432\/zi/)).toBeInTheDocument();

    const rows = within(screen.getByRole("table", { name: "Team members" })).getAllByRole("row").slice(1);
    expect(rows).toHaveLength(3);
    const [dana, marcus, priya] = rows as [HTMLElement, HTMLElement, HTMLElement];
    expect(within(dana).getByRole("rowheader")).toHaveTextContent("dana you");
    expect(dana).toHaveTextContent("1,240");
    expect(within(dana).getByRole("progressbar", { name: "dana's budget" })).toHaveAttribute(
      "aria-valuetext",
      "1,240 of 2,000 credits",
    );
    expect(within(marcus).getByRole("rowheader")).toHaveTextContent(/^marcus$/);
    expect(marcus).toHaveTextContent("860");
    expect(within(marcus).queryByRole("progressbar")).not.toBeInTheDocument();
    expect(within(marcus).getByText("—")).toBeInTheDocument();
    expect(within(priya).getByRole("progressbar", { name: "priya's budget" })).toHaveAttribute("aria-valuemax", "500");

    const jobs = within(screen.getByRole("table", { name: "Team jobs" })).getAllByRole("row").slice(1);
    expect(jobs).toHaveLength(4);
    expect(jobs.map((row) => within(row).getByRole("rowheader").textContent)).toEqual(
      expect.arrayContaining(["q3-leads.csv", "accounts.xlsx", "webinar.csv", "event-badges.csv"]),
    );
    const accounts = jobs.find((row) => row.textContent?.includes("accounts.xlsx")) as HTMLElement;
    expect(accounts).toHaveTextContent(/marcus.*accounts\.xlsx.*companies.*completed.*860/);

    const calls = within(screen.getByRole("table", { name: "Data connector calls" })).getAllByRole("row").slice(1);
    expect(calls.map((row) => row.textContent)).toEqual(["danaAcme People312", "marcusAcme People88"]);
  });

  it("has no data connector table when the team made no connector calls", async () => {
    renderWith(new MockBackend({ connected: true, usage: SAMPLE_USAGE, team: { ...SAMPLE_TEAM_USAGE, connector_calls: [] } }), <UsageScreen />);
    expect(await screen.findByRole("heading", { name: "Team this month" })).toBeInTheDocument();
    expect(screen.queryByRole("table", { name: "Data connector calls" })).not.toBeInTheDocument();
  });

  it("sets and removes a member's monthly budget", async () => {
    const user = userEvent.setup();
    const backend = new MockBackend({ connected: true, usage: SAMPLE_USAGE, team: SAMPLE_TEAM_USAGE });
    renderWith(backend, <UsageScreen />);
    await user.click(await screen.findByRole("button", { name: "Set marcus's budget" }));
    const budget = screen.getByRole("form", { name: "marcus's monthly budget" });
    const credits = within(budget).getByRole("textbox", { name: "Credits a month" });
    await user.type(credits, "lots");
    await user.click(within(budget).getByRole("button", { name: "Save" }));
    expect(within(budget).getByText("A whole number of credits, 0 or more.")).toBeInTheDocument();
    expect(backend.calls.some((c) => c.method === "setTeamBudget")).toBe(false);

    await user.clear(credits);
    // Enter saves.
    await user.type(credits, "1500{Enter}");
    const bar = await screen.findByRole("progressbar", { name: "marcus's budget" });
    expect(bar).toHaveAttribute("aria-valuetext", "860 of 1,500 credits");
    expect(backend.calls.find((c) => c.method === "setTeamBudget")?.args).toEqual(["marcus", 1500]);
    expect(screen.queryByRole("form", { name: "marcus's monthly budget" })).not.toBeInTheDocument();

    await user.click(screen.getByRole("button", { name: "Set priya's budget" }));
    await user.click(within(screen.getByRole("form", { name: "priya's monthly budget" })).getByRole("button", { name: "Remove" }));
    await waitFor(() => expect(screen.queryByRole("progressbar", { name: "priya's budget" })).not.toBeInTheDocument());
    expect(backend.calls.filter((c) => c.method === "setTeamBudget").at(-1)?.args).toEqual(["priya", null]);
  });

  it("shows no team panel outside team mode", async () => {
    const backend = new MockBackend({ connected: true, usage: SAMPLE_USAGE });
    renderWith(backend, <UsageScreen />);
    await screen.findByRole("progressbar", { name: "Record limit (credits)" });
    await waitFor(() => expect(backend.calls.some((c) => c.method === "teamUsage")).toBe(true));
    expect(screen.queryByRole("heading", { name: "Team this month" })).not.toBeInTheDocument();
    expect(screen.queryByRole("table", { name: "Team members" })).not.toBeInTheDocument();
  });
});
