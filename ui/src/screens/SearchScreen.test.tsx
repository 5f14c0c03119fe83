import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { MockBackend } from "../api/mock";
import type { SearchOutcome, SearchRequest, ZiRecord } from "../api/types";
import { renderWith } from "../test/render";
import { EnrichScreen } from "./EnrichScreen";
import { SearchScreen } from "./SearchScreen";

function contacts(count: number): ZiRecord[] {
  return Array.from({ length: count }, (_, i) => ({
    id: 5000 + i,
    firstName: `Person${String(i).padStart(4, "0")}`,
    lastName: "Example",
    jobTitle: "VP of Sales",
    company: { id: 1, name: "Example Co" },
    hasEmail: "true",
  }));
}

describe("Search screen", () => {
  it("offers only criteria the published table lists, typed as it says", async () => {
    const user = userEvent.setup();
    let asked: SearchRequest | null = null;
    const backend = new MockBackend({
      connected: true,
      search: (request): SearchOutcome => {
        asked = request;
        return { kind: "company", total_results: 2, records: [], stopped_at_ceiling: null, notice: null, cost: { credits: 0, requests: 2 } };
      },
    });
    renderWith(backend, <SearchScreen />);
    await user.click(await screen.findByRole("button", { name: "Companies" }));
    expect(screen.getByLabelText("Revenue at least (USD)")).toHaveAttribute("type", "number");
    await user.type(screen.getByLabelText("Revenue at least (USD)"), "1000000");
    await user.selectOptions(screen.getByLabelText("Add a filter"), "excludeDefunctCompanies");
    await user.selectOptions(screen.getByLabelText("Exclude defunct companies"), "true");
    await user.selectOptions(screen.getByLabelText("Add a filter"), "companyTicker");
    await user.type(screen.getByLabelText("Company ticker"), "ZI, MSFT");
    await user.click(screen.getByRole("button", { name: "Search" }));
    expect(await screen.findByText(/used 0 credits, 2 requests/)).toBeInTheDocument();
    expect(asked).toEqual({
      kind: "company",
      criteria: [
        { field: "revenueMin", value: "1000000" },
        { field: "excludeDefunctCompanies", value: "true" },
        { field: "companyTicker", value: "ZI" },
        { field: "companyTicker", value: "MSFT" },
      ],
    });
  });

  it("lets a contact search choose the person's office or the head office", async () => {
    const user = userEvent.setup();
    let asked: SearchRequest | null = null;
    const backend = new MockBackend({
      connected: true,
      search: (request): SearchOutcome => {
        asked = request;
        return { kind: "contact", total_results: 0, records: [], stopped_at_ceiling: null, notice: null };
      },
    });
    renderWith(backend, <SearchScreen />);
    await user.type(await screen.findByLabelText("State / region"), "Texas");
    await user.selectOptions(screen.getByLabelText("Location filters apply to"), "HQ");
    await user.click(screen.getByRole("button", { name: "Search" }));
    expect(await screen.findByText(/cost unknown/)).toBeInTheDocument();
    expect(asked).toEqual({
      kind: "contact",
      criteria: [
        { field: "state", value: "Texas" },
        { field: "locationSearchType", value: "HQ" },
      ],
    });
  });

  it("explains the 1,000-record ceiling when the backend stopped there", async () => {
    const user = userEvent.setup();
    let asked: SearchRequest | null = null;
    const backend = new MockBackend({
      connected: true,
      search: (request): SearchOutcome => {
        asked = request;
        return { kind: "contact", total_results: 24810, records: contacts(1000), stopped_at_ceiling: 1000, notice: null };
      },
    });
    renderWith(backend, <SearchScreen />);

    await user.type(await screen.findByLabelText("Job title"), "VP Sales");
    await user.selectOptions(screen.getByLabelText("Management level"), "VP-Level");
    await user.click(screen.getByRole("button", { name: "Search" }));

    expect(await screen.findByText("Results stop at 1,000 records.")).toBeInTheDocument();
    expect(screen.getByText(/narrow the search/)).toBeInTheDocument();
    expect(screen.getByText("24,810")).toBeInTheDocument();
    expect(screen.getByText(/showing the first 1,000/)).toBeInTheDocument();
    expect(asked).toEqual({
      kind: "contact",
      criteria: [
        { field: "jobTitle", value: "VP Sales" },
        { field: "managementLevel", value: "VP-Level" },
      ],
    });

    // Virtualized: only the visible rows are in the DOM, not all 1,000.
    const table = screen.getByRole("table");
    const rows = within(table).getAllByRole("row");
    expect(rows.length).toBeGreaterThan(5);
    expect(rows.length).toBeLessThan(100);
    expect(within(table).getByText("Person0000 Example")).toBeInTheDocument();
  });

  it("says nothing about a ceiling when all matches came back, and sorts by a column", async () => {
    const user = userEvent.setup();
    const records = contacts(3).map((r, i) => ({ ...r, firstName: ["Carol", "alice", "Bob"][i] }));
    const backend = new MockBackend({
      connected: true,
      search: () => ({ kind: "contact", total_results: 3, records, stopped_at_ceiling: null, notice: null }),
    });
    renderWith(backend, <SearchScreen />);

    await user.click(await screen.findByRole("button", { name: "Search" }));
    expect(await screen.findByText(/contacts match/)).toBeInTheDocument();
    expect(screen.queryByText(/Results stop at/)).not.toBeInTheDocument();

    // The first cell of each row is its selection checkbox; the name comes next.
    const firstCell = () => within(screen.getByRole("table")).getAllByRole("cell")[1];
    expect(firstCell()).toHaveTextContent("Carol Example");
    await user.click(screen.getByRole("button", { name: /^Name/ }));
    expect(firstCell()).toHaveTextContent("alice Example");
    expect(screen.getByRole("columnheader", { name: /^Name/ })).toHaveAttribute("aria-sort", "ascending");
  });

  it("switches to companies with company filters only", async () => {
    const user = userEvent.setup();
    renderWith(new MockBackend({ connected: true }), <SearchScreen />);
    await user.click(await screen.findByRole("button", { name: "Companies" }));
    expect(screen.getByRole("button", { name: "Companies" })).toHaveAttribute("aria-pressed", "true");
    expect(screen.queryByLabelText("Job title")).not.toBeInTheDocument();
    expect(screen.getByLabelText("Company")).toBeInTheDocument();
  });

  it("exports the current results to the file picked in the save dialog", async () => {
    const user = userEvent.setup();
    const backend = new MockBackend({
      connected: true,
      savePath: "/home/you/Downloads/vps.xlsx",
      search: () => ({ kind: "contact", total_results: 3, records: contacts(3), stopped_at_ceiling: null, notice: null }),
    });
    renderWith(backend, <SearchScreen />);

    expect(screen.queryByRole("button", { name: "Export…" })).not.toBeInTheDocument();
    await user.type(await screen.findByLabelText("Job title"), "VP Sales");
    await user.click(screen.getByRole("button", { name: "Search" }));
    const exportButton = await screen.findByRole("button", { name: "Export…" });
    expect(exportButton).toBeEnabled();
    await user.click(exportButton);

    expect(await screen.findByRole("status")).toHaveTextContent("Exported 3 records to /home/you/Downloads/vps.xlsx");
    const request = { kind: "contact", criteria: [{ field: "jobTitle", value: "VP Sales" }] };
    expect(backend.calls).toContainEqual({ method: "chooseSavePath", args: ["spreadsheet", "contacts.csv"] });
    expect(backend.calls).toContainEqual({ method: "exportSearch", args: [request, "/home/you/Downloads/vps.xlsx"] });
  });

  it("keeps Export disabled with no results and writes nothing when the dialog is cancelled", async () => {
    const user = userEvent.setup();
    let records = 0;
    const backend = new MockBackend({
      connected: true,
      savePath: null,
      search: () => ({ kind: "company", total_results: records, records: contacts(records), stopped_at_ceiling: null, notice: null }),
    });
    renderWith(backend, <SearchScreen />);

    await user.click(await screen.findByRole("button", { name: "Search" }));
    expect(await screen.findByRole("button", { name: "Export…" })).toBeDisabled();

    records = 2;
    await user.type(screen.getByLabelText("Job title"), "CFO");
    await user.click(screen.getByRole("button", { name: "Search" }));
    await screen.findByText("2");
    await user.click(screen.getByRole("button", { name: "Export…" }));
    expect(backend.calls.some((c) => c.method === "chooseSavePath")).toBe(true);
    expect(backend.calls.some((c) => c.method === "exportSearch")).toBe(false);
    expect(screen.queryByRole("status")).not.toBeInTheDocument();
  });

  it("sends the ticked results to the Enrich screen, which plans them", async () => {
    const user = userEvent.setup();
    const backend = new MockBackend({
      connected: true,
      search: (): SearchOutcome => ({ kind: "contact", total_results: 3, records: contacts(3), stopped_at_ceiling: null, notice: null }),
      enrich: { manual: true },
    });
    const search = renderWith(backend, <SearchScreen />);
    await user.click(await screen.findByRole("button", { name: "Search" }));
    const enrich = await screen.findByRole("button", { name: "Enrich selected…" });
    expect(enrich).toBeDisabled();

    await user.click(await screen.findByRole("checkbox", { name: "Select Person0000 Example" }));
    await user.click(screen.getByRole("checkbox", { name: "Select Person0002 Example" }));
    await user.click(screen.getByRole("button", { name: "Enrich 2 selected…" }));
    const asked = backend.calls.find((c) => c.method === "selectionFile");
    expect(asked?.args[0]).toBe("contact");
    expect((asked?.args[1] as ZiRecord[]).map((r) => r.id)).toEqual([5000, 5002]);
    expect(window.location.hash).toBe("#/enrich");

    // Select all, then none.
    const all = screen.getByRole("checkbox", { name: "Select all results" });
    await user.click(all);
    expect(screen.getByRole("button", { name: "Enrich 3 selected…" })).toBeEnabled();
    await user.click(all);
    expect(screen.getByRole("button", { name: "Enrich selected…" })).toBeDisabled();

    // The Enrich screen plans the selection on arrival.
    search.unmount();
    renderWith(backend, <EnrichScreen />);
    expect(await screen.findByRole("combobox", { name: "Match Email as" })).toBeInTheDocument();
    expect(backend.calls.find((c) => c.method === "planEnrichment")?.args[0]).toMatchObject({
      kind: "contact",
      input: "/home/you/.local/share/com.zi-console.app/selections/selected-contacts-2.csv",
    });
  });
});
