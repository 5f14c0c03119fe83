import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { MockBackend } from "../api/mock";
import { renderWith } from "../test/render";
import { ConnectorsScreen } from "./ConnectorsScreen";

function setup(options: ConstructorParameters<typeof MockBackend>[0] = {}) {
  const backend = new MockBackend({ connected: true, ...options });
  renderWith(backend, <ConnectorsScreen />);
  return { backend, user: userEvent.setup() };
}

async function sampleCard(): Promise<HTMLElement> {
  return (await screen.findByRole("region", { name: /Acme People/ })) as HTMLElement;
}

describe("Connectors screen", () => {
  it("opens from the sidebar", async () => {
    const user = userEvent.setup();
    renderWith(new MockBackend({ connected: true }));
    await user.click(await screen.findByRole("link", { name: "Connectors" }));
    expect(await screen.findByRole("heading", { name: "Connectors", level: 1 })).toBeInTheDocument();
    expect(await screen.findByRole("region", { name: /Acme People/ })).toBeInTheDocument();
  });

  it("lists the sample connector with its sign-in, limits and columns", async () => {
    setup();
    const card = await sampleCard();
    expect(within(card).getByText("People by e-mail")).toBeInTheDocument();
    expect(within(card).getByText("https://api.acme.example")).toBeInTheDocument();
    expect(within(card).getByText("API key in header X-Api-Key")).toBeInTheDocument();
    expect(within(card).getByText("no key yet")).toBeInTheDocument();
    expect(within(card).getByText("5 calls/s")).toBeInTheDocument();
    expect(within(card).getByText("at most 1,000 calls per run")).toBeInTheDocument();
    const columns = within(card).getByRole("list", { name: "Columns of person by email" });
    expect(within(columns).getAllByRole("listitem").map((li) => li.textContent)).toEqual([
      "acme_people_person_title",
      "acme_people_person_phone",
      "acme_people_person_linkedin",
    ]);
  });

  it("keeps the text and shows why when a new connector is not valid JSON", async () => {
    const { backend, user } = setup();
    await sampleCard();
    await user.click(screen.getByRole("button", { name: "New connector" }));
    const editor = screen.getByRole("textbox", { name: "Connector JSON" });
    expect((editor as HTMLTextAreaElement).value).toContain('"baseUrl"');
    await user.clear(editor);
    await user.type(editor, "{{ not json");
    await user.click(screen.getByRole("button", { name: "Save" }));
    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("That cannot be done");
    expect(alert).toHaveTextContent("This is not JSON");
    expect(screen.getByRole("textbox", { name: "Connector JSON" })).toHaveValue("{ not json");
    expect(backend.calls.find((c) => c.method === "saveConnector")?.args).toEqual([null, "{ not json"]);

    // Fixed, it joins the library and the editor closes.
    await user.clear(editor);
    await user.click(editor);
    await user.paste('{"name": "Globex", "baseUrl": "https://globex.example", "actions": [{"name": "company", "endpoint": "/c?d={companyWebsite}", "output": {"revenue": 1}}]}');
    await user.click(screen.getByRole("button", { name: "Save" }));
    const globex = await screen.findByRole("region", { name: /Globex/ });
    expect(within(globex).getByText("globex_revenue")).toBeInTheDocument();
    expect(screen.queryByRole("textbox", { name: "Connector JSON" })).not.toBeInTheDocument();
  });

  it("keeps an API key in the keychain, then tests the API", async () => {
    const { backend, user } = setup();
    const card = await sampleCard();

    // Without a key the test is refused, and says so.
    await user.click(within(card).getByRole("button", { name: "Test API…" }));
    expect(within(card).getByRole("textbox", { name: "email" })).toHaveValue("ada@sample-analytics.example");
    await user.click(within(card).getByRole("button", { name: "Test API" }));
    expect(await within(card).findByRole("alert")).toHaveTextContent("Keep Acme People's API key");

    await user.type(within(card).getByLabelText("API key"), "secret-123");
    await user.click(within(card).getByRole("button", { name: "Keep in keychain" }));
    expect(await within(card).findByText("key kept")).toBeInTheDocument();
    expect(backend.calls.find((c) => c.method === "setConnectorKey")?.args).toEqual(["Acme People", "secret-123"]);

    await user.click(within(card).getByRole("button", { name: "Test API" }));
    const answer = await within(card).findByRole("status");
    expect(answer).toHaveTextContent("HTTP 200");
    expect(answer).toHaveTextContent("matched");
    expect(within(answer).getByLabelText("Answer")).toHaveTextContent('"title": "VP of Sales"');
    const fields = within(answer).getByRole("list", { name: "Output fields it defines" });
    expect(within(fields).getByText("acme_people_person_linkedin")).toBeInTheDocument();
    expect(backend.calls.find((c) => c.method === "testConnector")?.args).toEqual([
      "acme-people.json",
      "person by email",
      [{ name: "email", value: "ada@sample-analytics.example" }],
    ]);

    // Forget takes it out again.
    await user.click(within(card).getByRole("button", { name: "Forget" }));
    expect(await within(card).findByText("no key yet")).toBeInTheDocument();
  });

  it("deletes after a confirmation, then explains what connectors are for", async () => {
    const { user } = setup();
    const card = await sampleCard();
    await user.click(within(card).getByRole("button", { name: "Delete" }));
    const confirm = screen.getByRole("alertdialog", { name: "Delete Acme People?" });
    await user.click(within(confirm).getByRole("button", { name: "Delete" }));
    expect(await screen.findByText("No connector yet")).toBeInTheDocument();
    expect(screen.getByText(/When ZoomInfo has no match, ask your next provider/)).toBeInTheDocument();
  });

  it("imports and exports connector files through the dialogs", async () => {
    const { backend, user } = setup();
    const card = await sampleCard();
    await user.click(within(card).getByRole("button", { name: "Export…" }));
    expect(await within(card).findByText("/home/you/Downloads/acme-people.json")).toBeInTheDocument();
    expect(backend.calls.find((c) => c.method === "exportConnector")?.args).toEqual([
      "acme-people.json",
      "/home/you/Downloads/acme-people.json",
    ]);
    await user.click(screen.getAllByRole("button", { name: "Import…" })[0] as HTMLElement);
    expect(await screen.findByRole("region", { name: /globex-companies/ })).toBeInTheDocument();
    expect(backend.calls.find((c) => c.method === "chooseFile")?.args).toEqual(["connector"]);
  });

  it("signs in to an OAuth 2.0 connector in the browser instead of asking for a key", async () => {
    const backend = new MockBackend({ connected: true });
    backend.connectors.save(
      null,
      JSON.stringify({
        name: "Beacon CRM",
        baseUrl: "https://api.beacon.example",
        auth: { method: "oauth2", authorizationUrl: "https://auth.beacon.example/authorize", accessTokenUrl: "https://auth.beacon.example/token", scopes: "read", clientId: "zi" },
        actions: [{ name: "account", category: "Enrich", requestType: "GET", endpoint: "/accounts?domain={companyWebsite}", output: { account: { owner: "…" } } }],
      }),
    );
    renderWith(backend, <ConnectorsScreen />);
    const user = userEvent.setup();
    const card = (await screen.findByRole("region", { name: /Beacon CRM/ })) as HTMLElement;
    expect(within(card).getByText("not signed in")).toBeInTheDocument();
    expect(within(card).queryByLabelText("API key")).not.toBeInTheDocument();
    await user.click(within(card).getByRole("button", { name: "Sign in" }));
    expect(await within(card).findByText("signed in")).toBeInTheDocument();
    expect(within(card).getByRole("button", { name: "Sign in again" })).toBeInTheDocument();

    // The provider revokes the sign-in: Test API says so, and the card stops saying "signed in".
    backend.connectors.revoke("Beacon CRM");
    await user.click(within(card).getByRole("button", { name: "Test API…" }));
    await user.click(within(card).getByRole("button", { name: "Test API" }));
    expect(await within(card).findByText(/Beacon CRM no longer accepts the saved sign-in/)).toBeInTheDocument();
    expect(await within(card).findByText("not signed in")).toBeInTheDocument();
    expect(within(card).getByRole("button", { name: "Sign in" })).toBeInTheDocument();
  });
});
