import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { MockBackend } from "./api/mock";
import { renderWith } from "./test/render";

describe("app frame", () => {
  it("shows the demo banner in demo mode", async () => {
    renderWith(new MockBackend({ connected: true }));
    expect(await screen.findByText(/simulated ZoomInfo data, no credits spent/)).toBeInTheDocument();
    expect(screen.getByText("Demo mode")).toBeInTheDocument();
    expect(screen.getByRole("navigation", { name: "Main" })).toBeInTheDocument();
  });

  it("shows no demo banner for a real account", async () => {
    renderWith(new MockBackend({ connected: true, status: { demo: false } }));
    expect(await screen.findByRole("heading", { name: "Search" })).toBeInTheDocument();
    expect(screen.queryByText(/no credits spent/)).not.toBeInTheDocument();
  });

  it("opens on Connect at first run, and 'Try the demo' starts the demo", async () => {
    const user = userEvent.setup();
    const backend = new MockBackend({ connected: false });
    renderWith(backend);

    const tryDemo = await screen.findByRole("button", { name: "Try the demo" });
    expect(screen.getByRole("heading", { name: "Connect to ZoomInfo" })).toBeInTheDocument();
    expect(screen.getByText(/zi login/)).toBeInTheDocument();
    expect(screen.queryByText("Demo mode")).not.toBeInTheDocument();

    await user.click(tryDemo);

    expect(await screen.findByText("Demo mode")).toBeInTheDocument();
    expect(await screen.findByRole("heading", { name: "Search" })).toBeInTheDocument();
    expect(backend.calls.map((c) => c.method)).toContain("startDemo");
  });

  it("opens the screen asked for at launch", async () => {
    renderWith(new MockBackend({ connected: true, status: { initialScreen: "usage" } }));
    expect(await screen.findByRole("heading", { name: "Usage" })).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Usage" })).toHaveAttribute("aria-current", "page");
  });

  it("opens the Enrich screen on its route, ready for a file", async () => {
    window.location.hash = "#/enrich";
    renderWith(new MockBackend({ connected: true }));
    expect(await screen.findByRole("heading", { name: "Enrich", level: 1 })).toBeInTheDocument();
    expect(await screen.findByRole("button", { name: "Choose file…" })).toBeInTheDocument();
  });
});
