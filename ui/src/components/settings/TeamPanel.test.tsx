import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { MockBackend } from "../../api/mock";
import { SAMPLE_TEAM_USAGE } from "../../api/samples";
import { renderWith } from "../../test/render";
import { SettingsScreen } from "../../screens/SettingsScreen";
import { TeamPanel } from "./TeamPanel";

function form() {
  return within(screen.getByRole("form", { name: "Team settings" }));
}

describe("Settings → Team", () => {
  it("is off until an address is saved, then buys through the team database", async () => {
    const user = userEvent.setup();
    const backend = new MockBackend({ connected: true });
    renderWith(backend, <TeamPanel />);
    expect(await screen.findByText(/Team mode is off/)).toBeInTheDocument();
    const address = form().getByRole("textbox", { name: "Team database" });
    expect(address).toHaveAttribute("placeholder", "postgres://user@host:5432/name?sslmode=require");
    const member = form().getByRole("textbox", { name: "Your name in the team ledger" });
    expect(member).toHaveValue("dana");
    expect(form().queryByRole("button", { name: "Turn off…" })).not.toBeInTheDocument();

    await user.type(address, "postgres://zi@db.acme.example:5432/zi?sslmode=require");
    await user.clear(member);
    await user.type(member, "marcus");
    await user.type(form().getByLabelText("Password"), "s3cret");
    // Enter submits, as in every form.
    await user.keyboard("{Enter}");

    expect(await screen.findByText(/This session buys through the team database db\.acme\.example:5432\/zi as/)).toHaveTextContent(
      /as marcus\.$/,
    );
    expect(backend.calls.find((c) => c.method === "saveTeam")?.args).toEqual([
      "postgres://zi@db.acme.example:5432/zi?sslmode=require",
      "marcus",
      "s3cret",
    ]);
    // The password is not shown again: the field says where it is kept.
    expect(form().getByLabelText("Password")).toHaveValue("");
    expect(form().getByLabelText("Password")).toHaveAttribute("placeholder", "Kept in the keychain");
    expect(screen.queryByText(/Team mode is off/)).not.toBeInTheDocument();
  });

  it("shows why a bad address was refused and keeps what was typed", async () => {
    const user = userEvent.setup();
    const backend = new MockBackend({ connected: true });
    renderWith(backend, <TeamPanel />);
    const address = await screen.findByRole("textbox", { name: "Team database" });
    await user.type(address, "mysql://db.acme.example/zi");
    await user.type(form().getByLabelText("Password"), "s3cret");
    await user.click(form().getByRole("button", { name: "Save" }));

    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent(/Enter the team database as postgres:\/\/user@host:5432\/name/);
    expect(within(alert).getByText("invalid_input")).toBeInTheDocument();
    expect(address).toHaveValue("mysql://db.acme.example/zi");
    expect(form().getByLabelText("Password")).toHaveValue("s3cret");
    expect(screen.getByText(/Team mode is off/)).toBeInTheDocument();
  });

  it("keeps the kept password when none is typed, and turns off after confirming", async () => {
    const user = userEvent.setup();
    const backend = new MockBackend({ connected: true, team: SAMPLE_TEAM_USAGE });
    renderWith(backend, <TeamPanel />);
    expect(await screen.findByText(/buys through the team database db\.acme\.example:5432\/zi as/)).toBeInTheDocument();
    await user.click(form().getByRole("button", { name: "Save" }));
    expect(await screen.findByText("Saved.")).toBeInTheDocument();
    expect(backend.calls.find((c) => c.method === "saveTeam")?.args[2]).toBeNull();

    await user.click(form().getByRole("button", { name: "Turn off…" }));
    const confirm = screen.getByRole("alertdialog", { name: "Turn team mode off?" });
    await user.click(within(confirm).getByRole("button", { name: "Turn off" }));
    expect(await screen.findByText(/Team mode is off/)).toBeInTheDocument();
    expect(backend.calls.filter((c) => c.method === "saveTeam").at(-1)?.args).toEqual(["", "dana", ""]);
    expect(form().getByRole("textbox", { name: "Team database" })).toHaveValue("");
  });

  it("says when the address comes from ZI_DATABASE_URL, and when the database does not answer", async () => {
    const backend = new MockBackend({
      connected: true,
      team: SAMPLE_TEAM_USAGE,
      teamStatus: {
        connection: { from_environment: true },
        problem: "db.acme.example:5432 did not answer within 5 seconds.",
      },
    });
    renderWith(backend, <TeamPanel />);
    expect(await screen.findByText(/comes from ZI_DATABASE_URL/)).toBeInTheDocument();
    expect(form().getByRole("textbox", { name: "Team database" })).toBeDisabled();
    expect(screen.getByRole("alert")).toHaveTextContent("db.acme.example:5432 did not answer within 5 seconds.");
    expect(screen.queryByText(/This session buys through/)).not.toBeInTheDocument();
    // The environment wins: turning off here would change nothing.
    expect(form().queryByRole("button", { name: "Turn off…" })).not.toBeInTheDocument();
  });

  it("sits in Settings after the Network panel", async () => {
    renderWith(new MockBackend({ connected: true }), <SettingsScreen />);
    const team = await screen.findByRole("heading", { name: "Team" });
    const network = screen.getByRole("heading", { name: "Network" });
    expect(network.compareDocumentPosition(team) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
  });
});
