import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { MockBackend } from "../../api/mock";
import { renderWith } from "../../test/render";
import { NetworkPanel } from "./NetworkPanel";

function form() {
  return within(screen.getByRole("form", { name: "Proxy settings" }));
}

describe("Settings → Network", () => {
  it("says which proxy is in use when none is entered", async () => {
    const backend = new MockBackend({
      connected: true,
      network: { settings: { proxy_url: "", no_proxy: "", proxy_username: "" }, password_kept: false, env_proxy: "http://proxy.env.example:8080" },
    });
    renderWith(backend, <NetworkPanel />);
    expect(await screen.findByText(/go through http:\/\/proxy\.env\.example:8080, from the environment/)).toBeInTheDocument();
  });

  it("refuses a proxy address that is not http://host:port, then saves one with its password", async () => {
    const user = userEvent.setup();
    const backend = new MockBackend({ connected: true });
    renderWith(backend, <NetworkPanel />);
    const proxy = await screen.findByRole("textbox", { name: "Proxy" });
    await user.type(proxy, "proxy.corp.example:3128");
    await user.click(form().getByRole("button", { name: "Save" }));
    expect(proxy).toHaveAttribute("aria-invalid", "true");
    expect(screen.getByText(/Enter it as http:\/\/host:port/)).toBeInTheDocument();
    expect(backend.calls.some((c) => c.method === "saveNetwork")).toBe(false);

    await user.clear(proxy);
    await user.type(proxy, "http://proxy.corp.example:3128");
    await user.type(screen.getByRole("textbox", { name: "User name" }), "alice");
    await user.type(screen.getByLabelText("Password"), "s3cret");
    // Enter submits, as in every form.
    await user.keyboard("{Enter}");
    expect(await screen.findByText("Saved. New connections use it.")).toBeInTheDocument();
    expect(backend.calls.find((c) => c.method === "saveNetwork")?.args).toEqual([
      { proxy_url: "http://proxy.corp.example:3128", no_proxy: "", proxy_username: "alice" },
      "s3cret",
    ]);
    // The password is not shown again: the field says where it is kept.
    expect(await screen.findByText(/Every connection goes through http:\/\/proxy\.corp\.example:3128/)).toBeInTheDocument();
    expect(screen.getByLabelText("Password")).toHaveValue("");
    expect(screen.getByLabelText("Password")).toHaveAttribute("placeholder", "Kept in the keychain");
  });

  it("goes back to the system's settings, forgetting the password", async () => {
    const user = userEvent.setup();
    const backend = new MockBackend({
      connected: true,
      network: { settings: { proxy_url: "http://proxy.corp.example:3128", no_proxy: "", proxy_username: "alice" }, password_kept: true, env_proxy: null },
    });
    renderWith(backend, <NetworkPanel />);
    await user.click(await screen.findByRole("button", { name: "Use the system's settings" }));
    expect(await screen.findByText(/connections follow the system's proxy settings/)).toBeInTheDocument();
    expect(backend.calls.find((c) => c.method === "saveNetwork")?.args[1]).toBe("");
  });

  it("shows what stands between here and ZoomInfo", async () => {
    const user = userEvent.setup();
    const untrusted =
      "The certificate of api.zoominfo.com is not trusted by this computer (issued by an authority it does not know), so nothing was sent to api.zoominfo.com.";
    const backend = new MockBackend({ connected: true });
    backend.checkNetwork = async () => ({ url: "https://api.zoominfo.com/", reached: false, status: null, problem: untrusted });
    renderWith(backend, <NetworkPanel />);
    await user.click(await screen.findByRole("button", { name: "Check the connection to ZoomInfo" }));
    expect(await screen.findByText(untrusted)).toBeInTheDocument();
  });
});
