import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { BackendError } from "../../api/errors";
import { MockBackend } from "../../api/mock";
import type { AvailableUpdate } from "../../api/types";
import { renderWith } from "../../test/render";
import { UpdatesPanel, updateUrlProblem } from "./UpdatesPanel";

const NEWER: AvailableUpdate = {
  version: "0.2.0",
  current_version: "0.1.0",
  date: "2026-01-15T12:00:00Z",
  notes: "Faster exports.\nA Settings → Updates section.",
};

const REFUSED = "The update's signature does not match zi-console's publisher key; nothing was installed.";

describe("Settings → Updates", () => {
  it("shows the version and says when it is the latest", async () => {
    const user = userEvent.setup();
    const backend = new MockBackend({ connected: true, update: null });
    renderWith(backend, <UpdatesPanel />);
    const panel = await screen.findByRole("region", { name: "Updates" });
    expect(await within(panel).findByText("0.1.0")).toBeInTheDocument();
    await user.click(within(panel).getByRole("button", { name: "Check for updates" }));
    expect(await within(panel).findByText("zi-console 0.1.0 is the latest version.")).toBeInTheDocument();
    expect(within(panel).queryByRole("button", { name: "Install and restart" })).not.toBeInTheDocument();
  });

  it("finds a newer version, installs it with progress, then asks to restart, all from the keyboard", async () => {
    const user = userEvent.setup();
    const backend = new MockBackend({ connected: true, update: NEWER });
    renderWith(backend, <UpdatesPanel />);
    const check = await screen.findByRole("button", { name: "Check for updates" });
    check.focus();
    await user.keyboard("{Enter}");

    const found = await screen.findByRole("region", { name: /Version 0.2.0 is available/ });
    expect(within(found).getByText(/published 15 Jan 2026/)).toBeInTheDocument();
    expect(within(found).getByLabelText("Release notes")).toHaveTextContent("Faster exports. A Settings → Updates section.");
    expect(within(found).getByText("You have 0.1.0.")).toBeInTheDocument();

    const install = within(found).getByRole("button", { name: "Install and restart" });
    await user.tab();
    expect(install).toHaveFocus();
    await user.keyboard("{Enter}");

    const progress = await within(found).findByRole("progressbar", { name: "Update progress" });
    await waitFor(() => expect(progress).toHaveAttribute("aria-valuenow", "100"));
    expect(progress).toHaveAttribute("aria-valuetext", "Version 0.2.0 is installed.");
    const ask = within(found).getByRole("alertdialog", { name: "Restart zi-console to use version 0.2.0?" });
    const restart = within(ask).getByRole("button", { name: "Restart now" });
    expect(restart).toHaveFocus();
    expect(backend.calls.some((c) => c.method === "restartApp")).toBe(false);
    await user.keyboard("{Enter}");
    await waitFor(() => expect(backend.calls.some((c) => c.method === "restartApp")).toBe(true));
    expect(backend.calls.filter((c) => c.method === "installUpdate")).toHaveLength(1);
  });

  it("says plainly when the update's signature is refused, and offers no restart", async () => {
    const user = userEvent.setup();
    const backend = new MockBackend({
      connected: true,
      update: NEWER,
      failures: { installUpdate: new BackendError("update_rejected", REFUSED) },
    });
    renderWith(backend, <UpdatesPanel />);
    await user.click(await screen.findByRole("button", { name: "Check for updates" }));
    await user.click(await screen.findByRole("button", { name: "Install and restart" }));
    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("The update was refused");
    expect(alert).toHaveTextContent(REFUSED);
    expect(alert).toHaveTextContent("update_rejected");
    expect(screen.queryByRole("alertdialog")).not.toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Restart now" })).not.toBeInTheDocument();
  });

  it("shows a failed check with the app's error message", async () => {
    const user = userEvent.setup();
    const unreachable = new BackendError("network", "zi-console could not reach the update server at https://releases.zi-console.app/linux/x86_64/0.1.0.");
    renderWith(new MockBackend({ connected: true, failures: { checkForUpdate: unreachable } }), <UpdatesPanel />);
    await user.click(await screen.findByRole("button", { name: "Check for updates" }));
    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("Cannot reach the server");
    expect(alert).toHaveTextContent(/could not reach the update server/);
  });

  it("refuses a plain-http update address and saves an https one", async () => {
    const user = userEvent.setup();
    const backend = new MockBackend({ connected: true });
    renderWith(backend, <UpdatesPanel />);
    const form = await screen.findByRole("form", { name: "Update address" });
    const url = within(form).getByRole("textbox", { name: "Update address" });
    expect(url).toHaveAttribute("placeholder", "https://releases.zi-console.app/{{target}}/{{arch}}/{{current_version}}");
    await user.type(url, "http://mirror.corp.example/latest.json");
    await user.click(within(form).getByRole("button", { name: "Save address" }));
    expect(url).toHaveAttribute("aria-invalid", "true");
    expect(backend.calls.some((c) => c.method === "saveUpdateSettings")).toBe(false);

    await user.clear(url);
    await user.type(url, " https://mirror.corp.example/zi/latest.json{Enter}");
    expect(await within(form).findByText("Saved. The next check asks this address.")).toBeInTheDocument();
    expect(backend.calls.find((c) => c.method === "saveUpdateSettings")?.args[0]).toEqual({ url: "https://mirror.corp.example/zi/latest.json" });
    expect(url).toHaveValue("https://mirror.corp.example/zi/latest.json");
  });

  it("says when this build has no updater", async () => {
    renderWith(new MockBackend({ connected: true, updates: { available: false } }), <UpdatesPanel />);
    expect(await screen.findByText("Updates are not available in this build.")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Check for updates" })).toBeDisabled();
  });

  it("checks addresses as the backend does", () => {
    expect(updateUrlProblem("")).toBeUndefined();
    expect(updateUrlProblem("https://m.example/{{target}}")).toBeUndefined();
    expect(updateUrlProblem("http://m.example")).toMatch(/https:\/\//);
    expect(updateUrlProblem("m.example")).toMatch(/https:\/\//);
  });
});
