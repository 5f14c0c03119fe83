import { act, screen, waitFor, within } from "@testing-library/react";
import userEvent, { type UserEvent } from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { BackendError } from "../api/errors";
import { SAMPLE_OUTPUT_COLUMNS } from "../api/enrichSamples";
import { MockBackend } from "../api/mock";
import { SAMPLE_CONNECTOR_JSON } from "../api/samples";
import type { OutputColumns } from "../api/types";
import { REVIEW_PAGE } from "../components/enrich/ReviewTable";
import { renderWith } from "../test/render";
import { EnrichScreen } from "./EnrichScreen";

/** The sample field list with these fields outside the account's plan too, so neither offered nor defaults. */
function withholding(columns: OutputColumns, names: string[]): OutputColumns {
  const granted = (name: string) => !names.includes(name);
  return {
    ...columns,
    available: columns.available.filter(granted),
    default: columns.default.filter(granted),
    fields: columns.fields.map((f) => ({ ...f, accessGranted: f.accessGranted && granted(f.fieldName) })),
  };
}

function setup(options: ConstructorParameters<typeof MockBackend>[0] = {}) {
  const backend = new MockBackend({ connected: true, enrich: { manual: true }, ...options });
  renderWith(backend, <EnrichScreen />);
  return { backend, user: userEvent.setup() };
}

/** Enriches the sample file, then asks Acme People about what ZoomInfo did not match; returns the review. */
async function enrichThenAskAcmePeople(backend: MockBackend, user: UserEvent) {
  await user.click(await screen.findByRole("button", { name: "Choose file…" }));
  const thenAsk = await screen.findByRole("group", { name: "Then ask" });
  await user.click(within(thenAsk).getByRole("checkbox", { name: "Acme People" }));
  await user.click(screen.getByRole("button", { name: "Enrich…" }));
  await user.click(screen.getByRole("button", { name: "Spend up to 410 credits" }));
  await screen.findByRole("progressbar", { name: "Enrichment progress" });
  await act(async () => backend.enrich.finish({ credits_spent: 350 }));
  return screen.findByRole("region", { name: "Review by person" });
}

/** The review's line of what was sent (the lines in view only: the table is virtualized). */
async function reviewLine(review: HTMLElement, sent: string) {
  // A matched person's email is also among ZoomInfo's values: the same line.
  const [cell] = await within(review).findAllByText(sent, { selector: "[role=row] > span" });
  return cell?.closest("[role=row]") as HTMLElement;
}

const ACME_COLUMNS = ["acme_people_person_title", "acme_people_person_phone", "acme_people_person_linkedin"];

describe("Enrich screen", () => {
  it("counts the rows read while a file is planned, and can stop it", async () => {
    const { backend, user } = setup({ enrich: { manual: true, holdPlans: true } });
    await user.click(await screen.findByRole("button", { name: "Choose file…" }));
    expect(await screen.findByText("Reading the file and estimating the cost…")).toBeInTheDocument();
    act(() => backend.enrich.planProgress({ rows_read: 412_000, reading: true }));
    expect(await screen.findByText("Reading the file… 412,000 rows so far")).toBeInTheDocument();
    act(() => backend.enrich.planProgress({ rows_read: 1_000_000, reading: false }));
    expect(await screen.findByText("Checking 1,000,000 rows against the cache…")).toBeInTheDocument();

    // Cancel goes back to choosing a file, with nothing to apologize for.
    await user.click(screen.getByRole("button", { name: "Cancel" }));
    expect(await screen.findByRole("button", { name: "Choose file…" })).toBeInTheDocument();
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();
    expect(backend.calls.some((c) => c.method === "cancelPlanning")).toBe(true);

    // The next file is planned to its estimate.
    await user.click(screen.getByRole("button", { name: "Choose file…" }));
    await screen.findByText("Reading the file and estimating the cost…");
    act(() => backend.enrich.finishPlanning());
    expect(await screen.findByRole("combobox", { name: "Match Email as" })).toBeInTheDocument();
  });

  it("shows the mapping and the estimate, and asks before spending", async () => {
    const { backend, user } = setup();
    await user.click(await screen.findByRole("button", { name: "Choose file…" }));

    // The mapping: each column with its samples and what it is matched as.
    const email = await screen.findByRole("combobox", { name: "Match Email as" });
    expect(email).toHaveValue("email");
    expect(screen.getByRole("combobox", { name: "Match Notes as" })).toHaveValue("none");
    expect(screen.getByText(/ada@sample-analytics\.example/)).toBeInTheDocument();

    // The estimate, with the backend's numbers.
    const estimate = screen.getByRole("region", { name: "Estimate" });
    const item = (label: string) => within(estimate).getByText(label).closest("div") as HTMLElement;
    expect(item("Rows")).toHaveTextContent("500");
    expect(item("Duplicates")).toHaveTextContent("25");
    expect(item("Invalid")).toHaveTextContent("25");
    expect(item("From cache")).toHaveTextContent("40");
    expect(item("To send")).toHaveTextContent("410");
    expect(item("Max credits")).toHaveTextContent("410");

    // Nothing is spent before the confirmation.
    await user.click(within(estimate).getByRole("button", { name: "Enrich…" }));
    expect(backend.calls.some((c) => c.method === "startEnrichment")).toBe(false);
    const confirm = screen.getByRole("alertdialog", { name: "Spend up to 410 credits?" });
    expect(within(confirm).getByRole("button", { name: "Spend up to 410 credits" })).toHaveFocus();
    await user.click(within(confirm).getByRole("button", { name: "Back" }));
    expect(screen.queryByRole("alertdialog")).not.toBeInTheDocument();
    // Escape backs out too.
    await user.click(within(estimate).getByRole("button", { name: "Enrich…" }));
    await user.keyboard("{Escape}");
    expect(screen.queryByRole("alertdialog")).not.toBeInTheDocument();

    // A budget caps the confirmation and is passed on.
    await user.type(within(estimate).getByRole("textbox", { name: /Budget/ }), "100");
    await user.click(within(estimate).getByRole("button", { name: "Enrich…" }));
    await user.click(screen.getByRole("button", { name: "Spend up to 100 credits" }));
    const start = backend.calls.find((c) => c.method === "startEnrichment");
    expect(start?.args).toEqual([41, 100, [], null]);
  });

  it("re-plans when a column's input is changed", async () => {
    const { backend, user } = setup();
    await user.click(await screen.findByRole("button", { name: "Choose file…" }));
    const phone = await screen.findByRole("combobox", { name: "Match Phone as" });
    await user.selectOptions(phone, "none");
    const plans = backend.calls.filter((c) => c.method === "planEnrichment");
    expect(plans).toHaveLength(2);
    expect(plans[1]?.args[0]).toMatchObject({ mapping_overrides: ["#5=none"] });
    expect(await screen.findByRole("combobox", { name: "Match Phone as" })).toHaveValue("none");
    expect(await screen.findByText("your choice")).toBeInTheDocument();
  });

  it("renders progress as it arrives, pauses, and shows how the run ended", async () => {
    const { backend, user } = setup();
    await user.click(await screen.findByRole("button", { name: "Choose file…" }));
    await user.click(await screen.findByRole("button", { name: "Enrich…" }));
    await user.click(screen.getByRole("button", { name: "Spend up to 410 credits" }));

    const bar = await screen.findByRole("progressbar", { name: "Enrichment progress" });
    act(() => backend.enrich.emit({ keys_total: 410, keys_settled: 120, matched_keys: 100, credits_spent: 100, rate_per_second: 24.5, eta_seconds: 12 }));
    expect(bar).toHaveAttribute("aria-valuenow", "120");
    expect(bar).toHaveAttribute("aria-valuetext", "120 of 410 people enriched");
    expect(screen.getByText("24.5")).toBeInTheDocument();
    expect(screen.getByText("12 s")).toBeInTheDocument();
    // The job's line in the history follows the run, not the figures stored when it started.
    const jobs = screen.getByRole("region", { name: "Jobs" });
    const line = () => within(jobs).getByRole("row", { name: /crm-export\.csv/ });
    await waitFor(() => expect(within(line()).getByText("Running")).toBeInTheDocument());
    expect(within(line()).getAllByRole("cell").map((c) => c.textContent)).toEqual(
      expect.arrayContaining(["290", "100"]),
    );

    await user.click(screen.getByRole("button", { name: "Pause" }));
    expect(backend.calls.some((c) => c.method === "pauseEnrichment")).toBe(true);
    expect(within(line()).getByText("Paused")).toBeInTheDocument();
    // A paused run has no speed or time left to show.
    const stats = screen.getByRole("progressbar", { name: "Enrichment progress" }).closest("section") as HTMLElement;
    const figure = (term: string) => within(stats).getByText(term).nextElementSibling;
    expect(figure("Speed")).toHaveTextContent("—");
    expect(figure("Time left")).toHaveTextContent("—");
    await user.click(await screen.findByRole("button", { name: "Resume" }));
    expect(within(line()).getByText("Running")).toBeInTheDocument();
    expect(backend.calls.some((c) => c.method === "resumeEnrichment")).toBe(true);

    act(() => backend.enrich.emit({ keys_total: 410, keys_settled: 300, matched_keys: 255, credits_spent: 255 }));
    expect(bar).toHaveAttribute("aria-valuenow", "300");

    // Out of credits: said plainly, with the job resumable.
    await act(async () =>
      backend.enrich.finish({
        state: "stopped",
        stop_code: "credit_limit",
        stop_reason: "Stopped: the ZoomInfo account is out of credits (LIMIT_EXCEEDED). What was bought is kept; run the same job again once credits are added.",
        credits_spent: 255,
        keys_pending: 110,
      }),
    );
    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("Out of ZoomInfo credits");
    expect(alert).toHaveTextContent("resume this job once credits are added");
    expect(screen.getByRole("button", { name: "Resume (up to 110 credits)" })).toBeInTheDocument();

    // Export writes the file and accounts for every row.
    await user.click(screen.getByRole("button", { name: "Export…" }));
    expect(await screen.findByText("/home/you/Downloads/crm-export-enriched.csv")).toBeInTheDocument();
    const facets = screen.getByRole("list", { name: "Rows by match status" });
    expect(within(facets).getByText("Matched")).toBeInTheDocument();
    expect(within(facets).getByText("Not processed")).toBeInTheDocument();
    // Matched people under the accuracy bound are counted apart.
    expect(within(facets).getByText("Low confidence (matched)").closest("li")).toHaveTextContent("155");
  });

  it("asks the chosen connector after ZoomInfo, shows what it did, and exports the job", async () => {
    const { backend, user } = setup();
    await user.click(await screen.findByRole("button", { name: "Choose file…" }));
    const estimate = await screen.findByRole("region", { name: "Estimate" });
    const thenAsk = within(estimate).getByRole("group", { name: "Then ask" });
    await user.click(within(thenAsk).getByRole("checkbox", { name: "Acme People" }));
    expect(
      await within(thenAsk).findByText("Acme People: at most 40 calls (12 answered before, free) · budget 1,000 calls"),
    ).toBeInTheDocument();
    expect(backend.calls.find((c) => c.method === "estimateConnectors")?.args).toEqual([41, ["acme-people.json"]]);

    await user.click(within(estimate).getByRole("button", { name: "Enrich…" }));
    // The confirmation before spending names what is asked after ZoomInfo.
    expect(screen.getByRole("alertdialog", { name: "Spend up to 410 credits?" })).toHaveTextContent(
      "Then asks Acme People about the rows ZoomInfo does not match",
    );
    await user.click(screen.getByRole("button", { name: "Spend up to 410 credits" }));
    await screen.findByRole("progressbar", { name: "Enrichment progress" });
    await act(async () => backend.enrich.finish({ credits_spent: 350 }));
    const review = await screen.findByRole("region", { name: /Enrichment complete/ });
    const lines = await within(review).findByRole("list", { name: "Connectors" });
    expect(lines).toHaveTextContent(
      "Acme People: asked about 52 rows ZoomInfo did not match · 40 calls · 12 from earlier calls · 38 matched",
    );
    expect(backend.calls.find((c) => c.method === "runConnectors")?.args).toEqual([41, ["acme-people.json"]]);

    await user.click(within(review).getByRole("button", { name: "Export…" }));
    expect(await screen.findByText("/home/you/Downloads/crm-export-enriched.csv")).toBeInTheDocument();
    // The job remembers its connectors: the backend writes their columns without being told.
    expect(backend.calls.find((c) => c.method === "exportEnrichment")?.args).toEqual([
      41,
      "/home/you/Downloads/crm-export-enriched.csv",
      [],
    ]);
  });

  it("shows what the connectors found in the review once they have answered, without a click", async () => {
    const { backend, user } = setup({ enrich: { manual: true, holdConnectors: true } });
    const review = await enrichThenAskAcmePeople(backend, user);
    // Its progress while it is asked: rows asked of those ZoomInfo did not match.
    const progress = await screen.findByRole("progressbar", { name: "Acme People's progress" });
    expect(progress).toHaveAttribute("aria-valuetext", `${Math.floor(Number(progress.getAttribute("aria-valuemax")) / 2)} of ${progress.getAttribute("aria-valuemax")} rows`);
    expect(screen.getByText(/^Asking Acme People about the rows ZoomInfo did not match: \d+ of \d+ rows · \d+ calls · \d+ matched$/)).toBeInTheDocument();
    // While Acme People is asked: its columns after ZoomInfo's, still empty.
    await within(review).findByRole("columnheader", { name: ACME_COLUMNS[0] });
    const headers = within(review).getAllByRole("columnheader").map((h) => h.textContent);
    expect(headers.slice(-4)).toEqual([...ACME_COLUMNS, "ZoomInfo ID"]);
    const found = within(review).getByRole("button", { name: /^Found by connectors/ });
    await within(found).findByText("0");
    expect(within(review).queryByText("found by Acme People")).not.toBeInTheDocument();

    await act(async () => backend.enrich.finishConnectors());
    expect(await screen.findByRole("list", { name: "Connectors" })).toHaveTextContent("38 matched");
    await within(found).findByText("38");
    // ZoomInfo's no-match, then Acme People's match with its values.
    const edsger = await reviewLine(review, "edsger.sample3@example.com");
    expect(await within(edsger).findByText("found by Acme People")).toBeInTheDocument();
    expect(within(edsger).getByText("No match", { selector: ".status-pill" })).toBeInTheDocument();
    expect(within(edsger).getByText("Founder")).toHaveAttribute("title", "Founder");
    expect(within(edsger).getByText("+1 555 0105")).toBeInTheDocument();
    // ZoomInfo's matches were not asked.
    const ada = await reviewLine(review, "ada.sample0@example.com");
    expect(within(ada).queryByText(/^found by/)).not.toBeInTheDocument();
  });

  it("narrows the review to the people a connector found after ZoomInfo", async () => {
    const { backend, user } = setup();
    const review = await enrichThenAskAcmePeople(backend, user);
    const facets = within(within(review).getByRole("group", { name: "Show" })).getAllByRole("button");
    const found = await within(review).findByRole("button", { name: /^Found by connectors/ });
    expect(facets.indexOf(found)).toBe(facets.indexOf(within(review).getByRole("button", { name: /^No match/ })) + 1);
    expect(found).toHaveAttribute("title", "People ZoomInfo did not match that a data connector then found.");
    await within(found).findByText("38");

    await user.click(found);
    expect(found).toHaveAttribute("aria-pressed", "true");
    expect(await within(review).findByText("38 people ·", { exact: false })).toBeInTheDocument();
    expect(backend.calls.filter((c) => c.method === "reviewEnrichment").pop()?.args[1]).toMatchObject({ facet: "found_by_connector" });
    await waitFor(() => expect(within(review).queryByText("…")).not.toBeInTheDocument());
    const lines = within(review).getAllByRole("row").filter((r) => r.hasAttribute("aria-rowindex"));
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) {
      expect(within(line).getByText("No match", { selector: ".status-pill" })).toBeInTheDocument();
      expect(within(line).getByText("found by Acme People")).toBeInTheDocument();
    }
  });

  it("has no connector filter or columns for a job that asked no connector", async () => {
    const { backend, user } = setup();
    await user.click(await screen.findByRole("button", { name: "Choose file…" }));
    await user.click(await screen.findByRole("button", { name: "Enrich…" }));
    await user.click(screen.getByRole("button", { name: "Spend up to 410 credits" }));
    await act(async () => backend.enrich.finish({ credits_spent: 380 }));
    const review = await screen.findByRole("region", { name: "Review by person" });
    await within(within(review).getByRole("button", { name: /^No match/ })).findByText("64");
    expect(within(review).queryByRole("button", { name: /^Found by connectors/ })).not.toBeInTheDocument();
    expect(within(review).getAllByRole("columnheader").map((h) => h.textContent)).toEqual([
      "Row",
      "Sent",
      "Status",
      "First name",
      "Last name",
      "Email",
      "Phone",
      "Job title",
      "Company name",
      "ZoomInfo ID",
    ]);
    expect(within(review).queryByText(/^found by/)).not.toBeInTheDocument();
  });

  it("shows the connectors' columns of a job reopened from the history", async () => {
    const { backend, user } = setup({
      enrich: {
        manual: true,
        jobs: [
          { id: 6, kind: "company", source: "/data/accounts.xlsx", state: "completed", stop_reason: null, rows: 80, keys_pending: 0, credits_spent: 75, possibly_charged_twice: 0, updated_at: "2026-11-26T10:00:00Z" },
        ],
      },
    });
    // In an earlier session, Globex was asked about the companies ZoomInfo did not match.
    const globex = await backend.saveConnector(
      null,
      SAMPLE_CONNECTOR_JSON.replace('"Acme People"', '"Globex Firmographics"').replace('"person"', '"company"'),
    );
    await backend.runConnectors(6, [globex.file_name], () => {});

    const history = await screen.findByRole("region", { name: "Jobs" });
    await user.click(await within(history).findByRole("button", { name: "Export accounts.xlsx" }));
    expect(await screen.findByText("/home/you/Downloads/accounts-enriched.csv")).toBeInTheDocument();
    expect(backend.calls.find((c) => c.method === "exportEnrichment")?.args).toEqual([6, "/home/you/Downloads/accounts-enriched.csv", []]);

    const review = await screen.findByRole("region", { name: "Review by company" });
    expect(await within(review).findByRole("columnheader", { name: "globex_firmographics_company_title" })).toBeInTheDocument();
    const found = within(review).getByRole("button", { name: /^Found by connectors/ });
    expect(found).toHaveAttribute("title", "Companies ZoomInfo did not match that a data connector then found.");
    await within(found).findByText("4");
    expect((await within(review).findAllByText("found by Globex Firmographics")).length).toBeGreaterThan(0);
  });

  it("warns when a connector stops at its budget", async () => {
    const { backend, user } = setup();
    // The sample connector with a budget smaller than the rows ZoomInfo leaves unmatched.
    await backend.saveConnector("acme-people.json", (await backend.readConnector("acme-people.json")).replace('"maxCalls": 1000', '"maxCalls": 10'));
    await user.click(await screen.findByRole("button", { name: "Choose file…" }));
    const thenAsk = await screen.findByRole("group", { name: "Then ask" });
    await user.click(within(thenAsk).getByRole("checkbox", { name: "Acme People" }));
    await user.click(screen.getByRole("button", { name: "Enrich…" }));
    await user.click(screen.getByRole("button", { name: "Spend up to 410 credits" }));
    await screen.findByRole("progressbar", { name: "Enrichment progress" });
    await act(async () => backend.enrich.finish({ credits_spent: 350 }));
    const lines = await screen.findByRole("list", { name: "Connectors" });
    const stop = within(lines).getByRole("alert");
    expect(stop).toHaveClass("callout--warning");
    expect(stop).toHaveTextContent("Stopped at its budget of 10 calls");
  });

  it("says how many records ZoomInfo may have counted twice when an answer was lost", async () => {
    // The run's outcome: one unreadable answer of a 25-record batch was sent again.
    const { user } = setup({ enrich: { stepMs: 1, outcome: { possibly_charged_twice: 25 } } });
    await user.click(await screen.findByRole("button", { name: "Choose file…" }));
    await user.click(await screen.findByRole("button", { name: "Enrich…" }));
    await user.click(screen.getByRole("button", { name: "Spend up to 410 credits" }));
    expect(await screen.findByText("Enrichment complete")).toBeInTheDocument();
    const review = screen.getByRole("region", { name: /Enrichment complete/ });
    expect(within(review).getByText("May be counted twice").nextElementSibling).toHaveTextContent("up to 25 records");
    const jobs = screen.getByRole("region", { name: "Jobs" });
    const line = within(jobs).getByRole("row", { name: /crm-export\.csv/ });
    await waitFor(() => expect(within(line).getByText("up to 25 may be counted twice")).toBeInTheDocument());
  });

  it("still shows a running job after a visit to another screen", async () => {
    const backend = new MockBackend({ connected: true, enrich: { manual: true } });
    const user = userEvent.setup();
    const first = renderWith(backend, <EnrichScreen />);
    await user.click(await screen.findByRole("button", { name: "Choose file…" }));
    await user.click(await screen.findByRole("button", { name: "Enrich…" }));
    await user.click(screen.getByRole("button", { name: "Spend up to 410 credits" }));
    await screen.findByRole("progressbar", { name: "Enrichment progress" });
    first.unmount();

    act(() => backend.enrich.emit({ keys_total: 410, keys_settled: 200 }));
    renderWith(backend, <EnrichScreen />);
    expect(await screen.findByRole("progressbar", { name: "Enrichment progress" })).toHaveAttribute("aria-valuenow", "200");
    await act(async () => backend.enrich.finish({ credits_spent: 350 }));
    expect(await screen.findByText("Enrichment complete")).toBeInTheDocument();
  });

  it("explains a file it cannot read", async () => {
    const unreadable = new BackendError("unreadable_file", "photo.png is not a spreadsheet.");
    const { user } = setup({
      pickedFile: "/home/you/Pictures/photo.png",
      failures: { planEnrichment: (request) => (request.input.endsWith(".png") ? unreadable : undefined) },
    });
    await user.click(await screen.findByRole("button", { name: "Choose file…" }));
    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("The file could not be read");
    expect(alert).toHaveTextContent("photo.png is not a spreadsheet.");
    expect(alert).toHaveTextContent("unreadable_file");
    // Still on the first step, ready for another file.
    expect(screen.getByRole("button", { name: "Choose file…" })).toBeEnabled();
  });

  it("plans a dropped file, and offers the sample file in the demo", async () => {
    const { backend, user } = setup();
    expect(await screen.findByRole("button", { name: "Use a sample file" })).toBeInTheDocument();
    await act(async () => backend.drop(["/tmp/leads.xlsx"]));
    expect(await screen.findByRole("combobox", { name: "Match Email as" })).toBeInTheDocument();
    expect(backend.calls.find((c) => c.method === "planEnrichment")?.args[0]).toMatchObject({ input: "/tmp/leads.xlsx", kind: "contact" });
    await user.click(screen.getByRole("button", { name: "Choose another file" }));
    expect(await screen.findByRole("button", { name: "Choose file…" })).toBeInTheDocument();
  });

  it("lists past jobs and resumes an interrupted one with one click", async () => {
    const { backend, user } = setup({
      enrich: {
        manual: true,
        jobs: [
          { id: 7, kind: "contact", source: "/data/q3-leads.csv", state: "running", stop_reason: null, rows: 1200, keys_pending: 300, credits_spent: 640, possibly_charged_twice: 25, updated_at: "2026-11-27T10:00:00Z" },
          { id: 6, kind: "company", source: "/data/accounts.xlsx", state: "completed", stop_reason: null, rows: 80, keys_pending: 0, credits_spent: 75, possibly_charged_twice: 0, updated_at: "2026-11-26T10:00:00Z" },
        ],
      },
    });
    const history = await screen.findByRole("region", { name: "Jobs" });
    expect(await within(history).findByText("Interrupted")).toBeInTheDocument();
    expect(within(history).getByText("Completed")).toBeInTheDocument();
    // A batch in flight when it was interrupted may have been charged twice: said, once.
    expect(within(history).getByText("up to 25 may be counted twice")).toBeInTheDocument();
    expect(within(history).getAllByText(/counted twice/)).toHaveLength(1);
    await user.click(within(history).getByRole("button", { name: "Resume q3-leads.csv (up to 300 credits)" }));
    expect(backend.calls.find((c) => c.method === "startEnrichment")?.args).toEqual([7, null, [], null]);
    expect(await screen.findByRole("progressbar", { name: "Enrichment progress" })).toBeInTheDocument();
  });

  it("appends the chosen columns and reviews each person by outcome", async () => {
    const { backend, user } = setup();
    await user.click(await screen.findByRole("button", { name: "Choose file…" }));
    const picker = await screen.findByRole("group", { name: "Columns to append" });
    expect(within(picker).getByRole("checkbox", { name: "Email" })).toBeChecked();
    expect(within(picker).getByRole("checkbox", { name: "Job function" })).not.toBeChecked();
    await user.click(within(picker).getByRole("checkbox", { name: "Phone" }));
    await user.click(within(picker).getByRole("checkbox", { name: "Job function" }));
    await user.click(screen.getByRole("button", { name: "Enrich…" }));
    await user.click(screen.getByRole("button", { name: "Spend up to 410 credits" }));
    const columns = ["firstName", "lastName", "email", "jobTitle", "companyName", "jobFunction"];
    expect(backend.calls.find((c) => c.method === "startEnrichment")?.args).toEqual([41, null, columns, null]);
    await act(async () => backend.enrich.finish({ credits_spent: 380 }));

    // The review: counts per outcome on the filter buttons, one line per person.
    const review = await screen.findByRole("region", { name: "Review by person" });
    const noMatch = await within(review).findByRole("button", { name: /^No match/ });
    const all = within(review).getByRole("button", { name: /^All/ });
    expect(all).toHaveAttribute("aria-pressed", "true");
    await within(all).findByText("450");
    // The next page is asked for before it scrolls into view.
    await waitFor(() =>
      expect(
        backend.calls.some((c) => c.method === "reviewEnrichment" && (c.args[1] as { offset: number }).offset === REVIEW_PAGE),
      ).toBe(true),
    );
    // What was sent, and the record's fields beside it.
    expect(await within(review).findAllByText("ada.sample0@example.com")).toHaveLength(2);
    expect(within(review).getAllByText("VP Sales").length).toBeGreaterThan(0);
    expect(within(review).getByRole("columnheader", { name: "Job function" })).toBeInTheDocument();
    // A nested value reads as text: the job function with its department.
    expect(within(review).getAllByText("Sales (Sales)").length).toBeGreaterThan(0);

    await user.click(noMatch);
    expect(noMatch).toHaveAttribute("aria-pressed", "true");
    await within(review).findAllByText("edsger.sample3@example.com");
    const statuses = within(review).getAllByText(/^(Matched|No match|Not sent yet)$/, { selector: ".status-pill" });
    expect(statuses.length).toBeGreaterThan(0);
    expect(statuses.every((s) => s.textContent === "No match")).toBe(true);
    const asked = backend.calls.filter((c) => c.method === "reviewEnrichment").pop();
    expect(asked?.args[1]).toMatchObject({ facet: "no_match", columns });

    // Search narrows to what was sent.
    await user.click(within(review).getByRole("button", { name: /^All/ }));
    await user.type(within(review).getByRole("searchbox", { name: "Find in the review" }), "sample17@");
    expect(await within(review).findAllByText("alan.sample17@example.com")).not.toHaveLength(0);
    expect(await within(review).findByText("1 person · one line per distinct person; rows of the file that repeat one share its line.", { exact: false })).toBeInTheDocument();
  });

  it("offers the account's fields with their descriptions, and those outside its plan disabled", async () => {
    const { backend, user } = setup({ outputColumns: { contact: withholding(SAMPLE_OUTPUT_COLUMNS.contact, ["mobilePhone", "phone"]) } });
    await user.click(await screen.findByRole("button", { name: "Choose file…" }));
    const picker = await screen.findByRole("group", { name: "Columns to append" });
    const mobile = within(picker).getByRole("checkbox", { name: /^Mobile phone/ });
    expect(mobile).toBeDisabled();
    expect(mobile).not.toBeChecked();
    expect(mobile.closest("label")).toHaveAttribute("title", "Not in your ZoomInfo plan. Contact mobile phone number");
    expect(within(picker).getByText("4 fields are not in your ZoomInfo plan.", { exact: false })).toBeInTheDocument();
    // A withheld default is not among the defaults; ZoomInfo's description is the hint.
    expect(within(picker).getByRole("checkbox", { name: /^Phone/ })).not.toBeChecked();
    const jobFunction = within(picker).getByRole("checkbox", { name: "Job function" });
    expect(jobFunction.closest("label")).toHaveAttribute("title", "Contact job function at current place of employment");
    await user.click(mobile);
    await user.click(jobFunction);
    await user.click(screen.getByRole("button", { name: "Enrich…" }));
    await user.click(screen.getByRole("button", { name: "Spend up to 410 credits" }));
    const columns = ["firstName", "lastName", "email", "jobTitle", "companyName", "jobFunction"];
    expect(backend.calls.find((c) => c.method === "startEnrichment")?.args).toEqual([41, null, columns, null]);
  });

  it("sends a minimum accuracy for contacts, within ZoomInfo's range", async () => {
    const { backend, user } = setup();
    await user.click(await screen.findByRole("button", { name: "Choose file…" }));
    const estimate = await screen.findByRole("region", { name: "Estimate" });
    const field = within(estimate).getByRole("textbox", { name: /Minimum accuracy/ });
    await user.type(field, "60");
    expect(field).toHaveAttribute("aria-invalid", "true");
    expect(within(estimate).getByText("Enter a score from 70 to 99, or leave it empty to take every match.")).toBeInTheDocument();
    expect(within(estimate).getByRole("button", { name: "Enrich…" })).toBeDisabled();
    await user.clear(field);
    await user.type(field, "90");
    await user.click(within(estimate).getByRole("button", { name: "Enrich…" }));
    const confirm = screen.getByRole("alertdialog", { name: "Spend up to 410 credits?" });
    expect(confirm).toHaveTextContent("for people with an accuracy score of 90 or more");
    await user.click(within(confirm).getByRole("button", { name: "Spend up to 410 credits" }));
    expect(backend.calls.find((c) => c.method === "startEnrichment")?.args).toEqual([41, null, [], 90]);
  });

  it("has no minimum accuracy for companies", async () => {
    const { user } = setup();
    await user.click(await screen.findByRole("button", { name: "Companies" }));
    await user.click(screen.getByRole("button", { name: "Choose file…" }));
    const estimate = await screen.findByRole("region", { name: "Estimate" });
    expect(within(estimate).queryByRole("textbox", { name: /Minimum accuracy/ })).not.toBeInTheDocument();
  });

  it("counts and filters low-confidence matches in the review", async () => {
    const { backend, user } = setup();
    await user.click(await screen.findByRole("button", { name: "Choose file…" }));
    await user.click(await screen.findByRole("button", { name: "Enrich…" }));
    await user.click(screen.getByRole("button", { name: "Spend up to 410 credits" }));
    await act(async () => backend.enrich.finish({ credits_spent: 380 }));
    const review = await screen.findByRole("region", { name: "Review by person" });
    const low = await within(review).findByRole("button", { name: /^Low confidence/ });
    expect(low).toHaveAttribute("title", "Matches whose ZoomInfo accuracy score is under 85: check them before use.");
    await within(low).findByText("194");
    await user.click(low);
    expect(low).toHaveAttribute("aria-pressed", "true");
    await waitFor(() =>
      expect(backend.calls.filter((c) => c.method === "reviewEnrichment").pop()?.args[1]).toMatchObject({ facet: "low_confidence" }),
    );
    const statuses = await within(review).findAllByText(/^(Matched|No match|Not sent yet)$/, { selector: ".status-pill" });
    expect(statuses.every((s) => s.textContent === "Matched")).toBe(true);
  });
});
