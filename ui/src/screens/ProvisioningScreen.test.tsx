import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { MockBackend } from "../api/mock";
import { SAMPLE_DEMO_ENDPOINT, SAMPLE_PROVISIONING } from "../api/provisioningMock";
import type { EndpointStatus, ProvisioningStatus, TokenHealth } from "../api/types";
import { ZOOM_OAUTH_TOKEN_URL, ZOOM_SCIM_BASE_URL } from "../lib/zoominfo";
import { renderWith } from "../test/render";
import { ProvisioningScreen } from "./ProvisioningScreen";

function withToken(token: Partial<TokenHealth>): ProvisioningStatus {
  const endpoint: EndpointStatus = structuredClone(SAMPLE_DEMO_ENDPOINT);
  endpoint.report = { ...endpoint.report!, token: { ...endpoint.report!.token, ...token } };
  return { ...SAMPLE_PROVISIONING, endpoints: [endpoint] };
}

function tokenCard(): HTMLElement {
  return screen.getByRole("heading", { name: "SCIM token" }).closest("section") as HTMLElement;
}

describe("Provisioning screen", () => {
  it("shows the token's days left, expiry date and the 30-day warning", async () => {
    renderWith(new MockBackend({ connected: true }), <ProvisioningScreen />);
    await screen.findByRole("heading", { name: /Demo \(simulated ZoomInfo SCIM\)/ });
    const card = tokenCard();
    expect(card).toHaveAttribute("data-level", "notice");
    expect(within(card).getByText("23")).toBeInTheDocument();
    expect(within(card).getByText("days left")).toBeInTheDocument();
    expect(within(card).getByText("30-day warning")).toBeInTheDocument();
    expect(within(card).getByText("21 Dec 2026")).toBeInTheDocument();
    expect(within(card).getByText("Accepted")).toBeInTheDocument();
  });

  it.each([
    [10, "warning", "14-day warning"],
    [5, "danger", "7-day warning"],
    [1, "critical", "Expires within a day"],
    [90, "ok", "Healthy"],
  ])("with %i days left the card is %s", async (days, level, label) => {
    renderWith(new MockBackend({ connected: true, provisioning: withToken({ days_left: days }) }), <ProvisioningScreen />);
    await screen.findByRole("heading", { name: "SCIM token" });
    expect(tokenCard()).toHaveAttribute("data-level", level);
    expect(within(tokenCard()).getByText(label)).toBeInTheDocument();
  });

  it("says provisioning stopped when the token is expired or rejected", async () => {
    const { unmount } = renderWith(
      new MockBackend({ connected: true, provisioning: withToken({ days_left: -3 }) }),
      <ProvisioningScreen />,
    );
    await screen.findByRole("heading", { name: "SCIM token" });
    expect(tokenCard()).toHaveAttribute("data-level", "error");
    expect(within(tokenCard()).getByText("Expired 3 days ago")).toBeInTheDocument();
    expect(within(tokenCard()).getByRole("alert")).toHaveTextContent(/expired: provisioning has stopped/);
    unmount();

    renderWith(
      new MockBackend({
        connected: true,
        provisioning: withToken({ valid: false, check: "rejected", rejection: "401 invalid token" }),
      }),
      <ProvisioningScreen />,
    );
    await screen.findByRole("heading", { name: "SCIM token" });
    expect(within(tokenCard()).getByText("Rejected: 401 invalid token")).toBeInTheDocument();
    expect(within(tokenCard()).getByRole("alert")).toHaveTextContent(/refused the token/);
  });

  it("draws seats per product and names the over-assigned product in red", async () => {
    renderWith(new MockBackend({ connected: true }), <ProvisioningScreen />);
    const seats = await screen.findByRole("list", { name: "Seats per product" });
    const sales = within(seats).getByRole("meter", { name: "Sales" });
    expect(sales).toHaveAttribute("aria-valuenow", "72");
    expect(sales).toHaveAttribute("aria-valuemax", "70");
    const over = within(seats).getByText("Sales is over-assigned by 2 seats: provisioning fails for 2 users.");
    expect(over).toHaveClass("text-danger");
    expect(within(seats).getByText("7 seats free")).toBeInTheDocument();
    expect(within(seats).getByText(/Runs out around 12 Dec 2026 \(in 14 days\)/)).toBeInTheDocument();
  });

  it("says when an endpoint has no /Groups, and why group rules are not checked", async () => {
    const endpoint: EndpointStatus = structuredClone(SAMPLE_DEMO_ENDPOINT);
    endpoint.report = {
      ...endpoint.report!,
      groups: 0,
      groups_offered: false,
      findings: [
        {
          kind: "groups_not_offered",
          severity: "info",
          message:
            "This endpoint has no /Groups (Okta's ZoomInfo app pushes users, not groups): products are read from each user's ziProduct attribute, and group rules are not checked.",
          users: [],
          groups: [],
          product: null,
          days_left: null,
        },
      ],
    };
    renderWith(
      new MockBackend({ connected: true, provisioning: { ...SAMPLE_PROVISIONING, endpoints: [endpoint] } }),
      <ProvisioningScreen />,
    );
    expect(await screen.findByText(/no \/Groups on this endpoint/)).toBeInTheDocument();
    expect(screen.queryByText(/in 0 groups/)).not.toBeInTheDocument();
    expect(screen.getByText(/products are read from each user's ziProduct attribute/)).toBeInTheDocument();
  });

  it("lists problems with severity and the users and groups concerned", async () => {
    renderWith(new MockBackend({ connected: true }), <ProvisioningScreen />);
    const problems = await screen.findByRole("list", { name: "Problems" });
    const items = within(problems).getAllByRole("listitem");
    expect(items).toHaveLength(4);
    const multi = items[1] as HTMLElement;
    expect(within(multi).getByText("Error")).toBeInTheDocument();
    expect(within(multi).getByText("jonas.zeller@acme-demo.test")).toBeInTheDocument();
    expect(within(multi).getByText("Marketing Team")).toBeInTheDocument();
    expect(within(items[3] as HTMLElement).getByText("Warning")).toBeInTheDocument();
    expect(within(items[3] as HTMLElement).getByText("grace.anders@acme-demo.test")).toBeInTheDocument();
    const chart = screen.getByRole("img", { name: /Seats used from/ });
    expect(chart).toHaveAccessibleName(/Sales: 60 to 72 used; Talent: 18 to 18 used/);
    // uPlot loads with the first chart.
    await waitFor(() => expect(chart.querySelector(".uplot canvas")).not.toBeNull());
    // The weekly checks as text: seven, with each product's used of purchased seats.
    const checks = within(screen.getByRole("table", { name: "Seats used and purchased at each check" })).getAllByRole("row");
    expect(checks).toHaveLength(8);
    expect(checks[0]).toHaveTextContent("MarketingSalesTalent");
    expect(checks[7]).toHaveTextContent("38 of 4072 of 7018 of 25");
  });

  it("shows the users the identity provider failed to provision, and why", async () => {
    renderWith(new MockBackend({ connected: true }), <ProvisioningScreen />);
    const panel = (await screen.findByRole("heading", { name: "Identity provider · Okta" })).closest("section") as HTMLElement;
    const table = within(panel).getByRole("table", { name: "Users Okta failed to provision" });
    const rows = within(table).getAllByRole("row").slice(1);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toHaveTextContent("nadia.okafor@acme-demo.test");
    expect(rows[0]).toHaveTextContent(/No Sales seat is available/);
    expect(rows[1]).toHaveTextContent(/already exists/);
    expect(within(panel).getByText(/121 users assigned/)).toBeInTheDocument();
  });

  it("says when Entra ID has quarantined provisioning, or could not be read", async () => {
    const endpoint: EndpointStatus = structuredClone(SAMPLE_DEMO_ENDPOINT);
    endpoint.report!.idp = {
      provider: "Microsoft Entra ID",
      app: "ZoomInfo",
      app_found: true,
      assigned: null,
      out_of_sync: 0,
      failed: [],
      job: {
        state: "Quarantine",
        quarantine_reason: "EncounteredQuarantineException",
        detail: "The SCIM endpoint refused the credentials.",
        since: "2026-11-28T06:00:00Z",
        last_run: "Failed",
        last_run_ended: null,
        schedule: "Active",
      },
      error: null,
    };
    const { unmount } = renderWith(
      new MockBackend({ connected: true, provisioning: { ...SAMPLE_PROVISIONING, endpoints: [endpoint] } }),
      <ProvisioningScreen />,
    );
    const panel = (await screen.findByRole("heading", { name: "Identity provider · Microsoft Entra ID" })).closest("section") as HTMLElement;
    expect(within(panel).getByText("Quarantined (EncounteredQuarantineException)")).toHaveClass("pill--error");
    expect(within(panel).getByText("The SCIM endpoint refused the credentials.")).toBeInTheDocument();
    expect(within(panel).getByText(/No user failed to provision in the last 7 days/)).toBeInTheDocument();
    unmount();

    endpoint.report!.idp = { ...endpoint.report!.idp!, job: null, error: "Microsoft Graph refused the credentials (HTTP 401): bad secret" };
    renderWith(
      new MockBackend({ connected: true, provisioning: { ...SAMPLE_PROVISIONING, endpoints: [endpoint] } }),
      <ProvisioningScreen />,
    );
    expect(await screen.findByText(/Could not be read: Microsoft Graph refused the credentials/)).toBeInTheDocument();
  });

  it("connects Okta when adding an endpoint, its token checked before sending", async () => {
    const user = userEvent.setup();
    const backend = new MockBackend({ connected: false });
    renderWith(backend, <ProvisioningScreen />);
    await screen.findByText("No SCIM endpoint watched yet");
    await user.click(screen.getAllByRole("button", { name: "Add endpoint" })[0] as HTMLElement);
    await user.type(screen.getByRole("textbox", { name: "Name" }), "Okta");
    await user.type(screen.getByRole("textbox", { name: "SCIM base URL" }), "https://okta.example.test/scim/v2");
    await user.type(screen.getByLabelText(/SCIM API token/), "scim-token");
    await user.click(screen.getByRole("button", { name: "Okta" }));
    await user.click(screen.getByRole("button", { name: "Save and check" }));
    expect(screen.getByRole("alert")).toHaveTextContent("Enter the Okta org URL");
    await user.type(screen.getByRole("textbox", { name: "Okta org URL" }), "https://acme.okta.com");
    await user.click(screen.getByRole("button", { name: "Save and check" }));
    expect(screen.getByRole("alert")).toHaveTextContent("Paste the Okta API token.");
    await user.type(screen.getByLabelText("Okta API token"), "okta-token");
    await user.click(screen.getByRole("button", { name: "Save and check" }));
    expect(await screen.findByRole("heading", { name: "Okta" })).toBeInTheDocument();
    const call = backend.calls.find((c) => c.method === "addScimEndpoint");
    expect(call?.args[0]).toMatchObject({
      idp: { kind: "okta", org_url: "https://acme.okta.com", app: "" },
      idp_secret: "okta-token",
    });
  });

  it("adds an endpoint from the form, checking its entries first", async () => {
    const user = userEvent.setup();
    const backend = new MockBackend({ connected: false });
    renderWith(backend, <ProvisioningScreen />);
    await screen.findByText("No SCIM endpoint watched yet");
    await user.click(screen.getAllByRole("button", { name: "Add endpoint" })[0] as HTMLElement);
    await user.type(screen.getByRole("textbox", { name: "Name" }), "Okta");
    await user.type(screen.getByRole("textbox", { name: "SCIM base URL" }), "https://okta.example.test/scim/v2");
    await user.click(screen.getByRole("button", { name: "Save and check" }));
    expect(screen.getByRole("alert")).toHaveTextContent("Paste the SCIM API token.");
    await user.type(screen.getByLabelText(/SCIM API token/), "secret-token");
    await user.type(screen.getByRole("textbox", { name: "Sales" }), "100");
    await user.click(screen.getByRole("button", { name: "Save and check" }));
    expect(await screen.findByRole("heading", { name: "Okta" })).toBeInTheDocument();
    const call = backend.calls.find((c) => c.method === "addScimEndpoint");
    expect(call?.args[0]).toMatchObject({ url: "https://okta.example.test/scim/v2", settings: { seats: [{ product: "Sales", purchased: 100 }] } });
  });

  it("adds a Zoom endpoint signing in with an OAuth app, without token dates", async () => {
    const user = userEvent.setup();
    const backend = new MockBackend({ connected: false });
    renderWith(backend, <ProvisioningScreen />);
    await screen.findByText("No SCIM endpoint watched yet");
    await user.click(screen.getAllByRole("button", { name: "Add endpoint" })[0] as HTMLElement);
    await user.type(screen.getByRole("textbox", { name: "Name" }), "Zoom");
    await user.click(screen.getByRole("button", { name: "OAuth app (Zoom)" }));
    const url = screen.getByRole("textbox", { name: "SCIM base URL" });
    expect(url).toHaveAttribute("placeholder", ZOOM_SCIM_BASE_URL);
    expect(screen.getByRole("textbox", { name: "OAuth token URL" })).toHaveValue(ZOOM_OAUTH_TOKEN_URL);
    expect(screen.queryByRole("group", { name: "When the token expires" })).not.toBeInTheDocument();
    await user.type(url, ZOOM_SCIM_BASE_URL);
    await user.click(screen.getByRole("button", { name: "Save and check" }));
    expect(screen.getByRole("alert")).toHaveTextContent("Enter the OAuth app's client ID.");
    await user.type(screen.getByRole("textbox", { name: "Client ID" }), "zoom-client");
    await user.type(screen.getByRole("textbox", { name: /Account ID/ }), "acct-1");
    await user.click(screen.getByRole("button", { name: "Save and check" }));
    expect(screen.getByRole("alert")).toHaveTextContent("Paste the OAuth app's client secret.");
    await user.type(screen.getByLabelText("Client secret"), "s3cret");
    await user.click(screen.getByRole("button", { name: "Save and check" }));
    expect(await screen.findByRole("heading", { name: "Zoom" })).toBeInTheDocument();
    const call = backend.calls.find((c) => c.method === "addScimEndpoint");
    expect(call?.args[0]).toMatchObject({
      url: ZOOM_SCIM_BASE_URL,
      token: "s3cret",
      oauth: { token_url: ZOOM_OAUTH_TOKEN_URL, client_id: "zoom-client", account_id: "acct-1" },
      settings: { token: { issued_on: null, lifetime_days: null, expires_on: null } },
    });
  });

  it("shows an OAuth endpoint's tokens as renewed automatically", async () => {
    renderWith(
      new MockBackend({
        connected: true,
        provisioning: withToken({ expiry_source: "renewed", days_left: null, expires_on: null }),
      }),
      <ProvisioningScreen />,
    );
    await screen.findByRole("heading", { name: "SCIM token" });
    expect(tokenCard()).toHaveAttribute("data-level", "ok");
    expect(within(tokenCard()).getByText("Renewed automatically")).toBeInTheDocument();
    expect(within(tokenCard()).queryByText(/Enter the token's issue date/)).not.toBeInTheDocument();
  });

  it("finds a user named by a problem in the directory of the last check", async () => {
    const user = userEvent.setup();
    const backend = new MockBackend({ connected: true });
    renderWith(backend, <ProvisioningScreen />);
    await user.click(await screen.findByText("Users (120)"));
    const table = await screen.findByRole("table", { name: "Users (120)" });
    expect(within(table).getAllByRole("row")).toHaveLength(1 + 3);
    await user.type(screen.getByRole("searchbox", { name: "Find" }), "marketing team");
    await waitFor(() => expect(within(table).getAllByRole("row")).toHaveLength(2));
    const row = within(table).getAllByRole("row")[1] as HTMLElement;
    expect(row).toHaveTextContent("jonas.zeller@acme-demo.test");
    expect(row).toHaveTextContent("Marketing Team, Sales Team");
    expect(row).toHaveTextContent("Limited · limit 1000 · Monthly");
    expect(screen.getByText(/1–1 of 1/)).toBeInTheDocument();
    const asked = backend.calls.filter((c) => c.method === "scimUsers").pop();
    expect(asked?.args[1]).toMatchObject({ text: "marketing team", offset: 0, limit: 50 });
  });

  it("asks for the token again when the session does not hold it", async () => {
    const user = userEvent.setup();
    const endpoint: EndpointStatus = {
      ...structuredClone(SAMPLE_DEMO_ENDPOINT),
      demo: false,
      report: null,
      history: [],
      error: { code: "token_missing", message: "The SCIM token of this endpoint is kept only while zi-console runs." },
    };
    endpoint.endpoint = { ...endpoint.endpoint, id: 7, name: "Okta", url: "https://okta.example.test/scim/v2" };
    renderWith(
      new MockBackend({ connected: false, provisioning: { ...SAMPLE_PROVISIONING, endpoints: [endpoint] } }),
      <ProvisioningScreen />,
    );
    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("Token needed");
    await user.click(within(alert).getByRole("button", { name: "Enter the token" }));
    expect(screen.getByRole("heading", { name: "Enter the token again" })).toBeInTheDocument();
    expect(screen.getByRole("textbox", { name: "SCIM base URL" })).toHaveValue("https://okta.example.test/scim/v2");
    expect(screen.getByRole("textbox", { name: "Sales" })).toHaveValue("70");
  });
});
