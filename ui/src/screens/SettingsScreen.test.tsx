import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { BackendError } from "../api/errors";
import { MockBackend } from "../api/mock";
import { renderWith } from "../test/render";
import { SettingsScreen } from "./SettingsScreen";

describe("Settings screen", () => {
  it("refuses bad values next to their fields and saves good ones", async () => {
    const user = userEvent.setup();
    const backend = new MockBackend({ connected: true });
    renderWith(backend, <SettingsScreen />);
    const url = await screen.findByRole("textbox", { name: "API base URL" });
    const perSecond = screen.getByRole("textbox", { name: "Requests per second" });
    await user.clear(url);
    await user.type(url, "api.example.test");
    await user.clear(perSecond);
    await user.type(perSecond, "0");
    await user.click(within(screen.getByRole("form", { name: "Connection settings" })).getByRole("button", { name: "Save" }));
    expect(url).toHaveAttribute("aria-invalid", "true");
    expect(screen.getByText(/Enter an address starting with https:\/\//)).toBeInTheDocument();
    expect(perSecond).toHaveAttribute("aria-invalid", "true");
    expect(backend.calls.some((c) => c.method === "saveSettings")).toBe(false);

    await user.clear(url);
    await user.type(url, "https://eu.example.test");
    await user.clear(perSecond);
    await user.type(perSecond, "5");
    await user.click(within(screen.getByRole("form", { name: "Connection settings" })).getByRole("button", { name: "Save" }));
    expect(await screen.findByText("Saved. Applies from the next sign-in.")).toBeInTheDocument();
    expect(backend.calls.find((c) => c.method === "saveSettings")?.args[0]).toEqual({
      api_url: "https://eu.example.test",
      rate_per_second: 5,
      rate_per_minute: 1500,
    });
  });

  it("turns starting at login on and off, and says when the system refuses", async () => {
    const user = userEvent.setup();
    // The second change is refused, as a locked-down system would.
    let changes = 0;
    const refused = new BackendError("not_available", "The system refused to change what starts at login (denied).");
    const backend = new MockBackend({
      connected: true,
      failures: { setStartAtLogin: () => (++changes > 1 ? refused : undefined) },
    });
    renderWith(backend, <SettingsScreen />);
    const box = await screen.findByRole("checkbox", { name: "Start zi-console at login, in the tray" });
    await waitFor(() => expect(box).toBeEnabled());
    expect(box).not.toBeChecked();
    await user.click(box);
    await waitFor(() => expect(box).toBeChecked());
    expect(backend.calls.filter((c) => c.method === "setStartAtLogin").map((c) => c.args[0])).toEqual([true]);
    await user.click(box);
    expect(await screen.findByText(/The system refused to change what starts at login/)).toBeInTheDocument();
    expect(box).toBeChecked();
  });

  it("shows where data lives and the recent activity", async () => {
    renderWith(new MockBackend({ connected: true }), <SettingsScreen />);
    expect(await screen.findByText("/home/you/.local/share/com.zi-console.app")).toBeInTheDocument();
    expect(screen.getByText("sign in")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Export logs…" })).toBeInTheDocument();
  });

  it("saves how long cached answers are reused, and clears the cache after confirming", async () => {
    const backend = new MockBackend({ connected: true });
    const user = userEvent.setup();
    renderWith(backend, <SettingsScreen />);
    const cache = await screen.findByRole("region", { name: "Cache" });
    expect(within(cache).getByText(/1,276 records and 1,351 answers/)).toBeInTheDocument();

    const days = within(cache).getByRole("textbox", { name: "Reuse answers for (days)" });
    await user.clear(days);
    await user.type(days, "400");
    expect(within(cache).getByText("Enter a number of days from 1 to 365.")).toBeInTheDocument();
    expect(within(cache).getByRole("button", { name: "Save days" })).toBeDisabled();
    await user.clear(days);
    await user.type(days, "30");
    await user.click(within(cache).getByRole("button", { name: "Save days" }));
    expect(backend.calls.find((c) => c.method === "saveCacheSettings")?.args).toEqual([30]);
    expect(await within(cache).findByText("Saved: answers younger than 30 days are reused.")).toBeInTheDocument();

    // Nothing is cleared before the confirmation; Escape backs out.
    await user.click(within(cache).getByRole("button", { name: "Clear cache…" }));
    const confirm = within(cache).getByRole("alertdialog", { name: "Forget 1,276 cached records?" });
    await user.keyboard("{Escape}");
    expect(within(cache).queryByRole("alertdialog")).not.toBeInTheDocument();
    expect(backend.calls.some((c) => c.method === "clearCache")).toBe(false);
    await user.click(within(cache).getByRole("button", { name: "Clear cache…" }));
    await user.click(within(cache).getByRole("button", { name: "Clear the cache" }));
    expect(await within(cache).findByText(/0 records and 0 answers/)).toBeInTheDocument();
    expect(within(cache).getByRole("button", { name: "Clear cache…" })).toBeDisabled();
    expect(confirm).not.toBeInTheDocument();
  });
});
