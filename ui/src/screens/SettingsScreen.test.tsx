import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
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
    await user.click(screen.getByRole("button", { name: "Save" }));
    expect(url).toHaveAttribute("aria-invalid", "true");
    expect(screen.getByText(/Enter an address starting with https:\/\//)).toBeInTheDocument();
    expect(perSecond).toHaveAttribute("aria-invalid", "true");
    expect(backend.calls.some((c) => c.method === "saveSettings")).toBe(false);

    await user.clear(url);
    await user.type(url, "https://eu.example.test");
    await user.clear(perSecond);
    await user.type(perSecond, "5");
    await user.click(screen.getByRole("button", { name: "Save" }));
    expect(await screen.findByText("Saved. Applies from the next sign-in.")).toBeInTheDocument();
    expect(backend.calls.find((c) => c.method === "saveSettings")?.args[0]).toEqual({
      api_url: "https://eu.example.test",
      rate_per_second: 5,
      rate_per_minute: 1500,
    });
  });

  it("shows where data lives and the recent activity", async () => {
    renderWith(new MockBackend({ connected: true }), <SettingsScreen />);
    expect(await screen.findByText("/home/you/.local/share/com.zi-console.app")).toBeInTheDocument();
    expect(screen.getByText("sign in")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Export logs…" })).toBeInTheDocument();
  });
});
