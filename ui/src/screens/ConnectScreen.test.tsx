import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { BackendError } from "../api/errors";
import { MockBackend } from "../api/mock";
import { renderWith } from "../test/render";
import { ConnectScreen } from "./ConnectScreen";

describe("Connect screen", () => {
  it("says readably when ZoomInfo rejects the credentials", async () => {
    const user = userEvent.setup();
    const backend = new MockBackend({
      failures: {
        signIn: new BackendError("credentials_rejected", "ZoomInfo rejected the username or password. Check them and try again."),
      },
    });
    renderWith(backend, <ConnectScreen onConnected={() => {}} />);
    await user.type(await screen.findByRole("textbox", { name: "Username" }), "me@example.com");
    await user.type(screen.getByLabelText("Password"), "wrong");
    await user.click(screen.getByRole("button", { name: "Sign in" }));
    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("Sign-in failed");
    expect(alert).toHaveTextContent("ZoomInfo rejected the username or password");
    expect(alert).toHaveTextContent("credentials_rejected");
    // The password is not kept in the form after the attempt.
    expect(screen.getByLabelText("Password")).toHaveValue("");
  });

  it("signs in, shows the session and usage, and signs out", async () => {
    const user = userEvent.setup();
    const onConnected = vi.fn();
    const backend = new MockBackend();
    renderWith(backend, <ConnectScreen onConnected={onConnected} />);
    await user.click(await screen.findByRole("button", { name: "Sign in" }));
    expect(screen.getByRole("alert")).toHaveTextContent("Enter your ZoomInfo username.");
    await user.type(screen.getByRole("textbox", { name: "Username" }), "me@example.com");
    await user.type(screen.getByLabelText("Password"), "pw");
    await user.click(screen.getByRole("button", { name: "Sign in" }));
    expect(await screen.findByRole("heading", { name: "Connected to ZoomInfo" })).toBeInTheDocument();
    expect(onConnected).toHaveBeenCalled();
    expect(backend.calls.find((c) => c.method === "signIn")?.args[0]).toMatchObject({ kind: "password", username: "me@example.com" });
    expect(await screen.findByText("me@example.com")).toBeInTheDocument();
    expect(await screen.findByRole("list", { name: "Account limits" })).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Sign out" }));
    expect(await screen.findByRole("button", { name: "Try the demo" })).toBeInTheDocument();
  });

  it("signs in with a PKI key file picked in the dialog", async () => {
    const user = userEvent.setup();
    const backend = new MockBackend({ pickedFile: "/keys/zi.pem" });
    renderWith(backend, <ConnectScreen onConnected={() => {}} />);
    await user.click(await screen.findByRole("button", { name: "PKI key" }));
    await user.type(screen.getByRole("textbox", { name: "Username" }), "me@example.com");
    await user.type(screen.getByRole("textbox", { name: "Client ID" }), "client-1");
    await user.click(screen.getByRole("button", { name: "Choose…" }));
    expect(screen.getByRole("textbox", { name: "Private key file (PEM)" })).toHaveValue("/keys/zi.pem");
    await user.click(screen.getByRole("button", { name: "Sign in" }));
    await screen.findByRole("heading", { name: "Connected to ZoomInfo" });
    expect(backend.calls.find((c) => c.method === "signIn")?.args[0]).toMatchObject({
      kind: "pki",
      client_id: "client-1",
      private_key_path: "/keys/zi.pem",
    });
  });

  it("signs in with ZoomInfo for the GTM API, asking for the client ID first and remembering it", async () => {
    const user = userEvent.setup();
    const onConnected = vi.fn();
    localStorage.removeItem("zi-console.gtm-client-id");
    const backend = new MockBackend();
    renderWith(backend, <ConnectScreen onConnected={onConnected} />);
    await user.click(await screen.findByRole("button", { name: "GTM Data API" }));
    expect(screen.queryByLabelText("Password")).not.toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Sign in with ZoomInfo" }));
    expect(screen.getByRole("alert")).toHaveTextContent("Enter the client ID");
    await user.type(screen.getByRole("textbox", { name: "Client ID" }), " app-123 ");
    await user.click(screen.getByRole("button", { name: "Sign in with ZoomInfo" }));
    expect(await screen.findByRole("heading", { name: "Connected to ZoomInfo" })).toBeInTheDocument();
    expect(onConnected).toHaveBeenCalled();
    expect(backend.calls.find((c) => c.method === "signInGtm")?.args[0]).toEqual({ client_id: "app-123" });
    expect(localStorage.getItem("zi-console.gtm-client-id")).toBe("app-123");
  });

  it("says plainly when the sign-in with ZoomInfo was declined, and stays quiet when it was stopped", async () => {
    const user = userEvent.setup();
    localStorage.setItem("zi-console.gtm-client-id", "app-123");
    const declined = new MockBackend({
      failures: {
        signInGtm: new BackendError("invalid_input", "You declined access in ZoomInfo's sign-in page; nothing was changed. Sign in again and choose Allow."),
      },
    });
    const { unmount } = renderWith(declined, <ConnectScreen onConnected={() => {}} />);
    await user.click(await screen.findByRole("button", { name: "GTM Data API" }));
    expect(screen.getByRole("textbox", { name: "Client ID" })).toHaveValue("app-123");
    await user.click(screen.getByRole("button", { name: "Sign in with ZoomInfo" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("You declined access");
    unmount();

    const stopped = new MockBackend({ failures: { signInGtm: new BackendError("cancelled", "Cancelled.") } });
    renderWith(stopped, <ConnectScreen onConnected={() => {}} />);
    await user.click(await screen.findByRole("button", { name: "GTM Data API" }));
    await user.click(screen.getByRole("button", { name: "Sign in with ZoomInfo" }));
    expect(await screen.findByRole("button", { name: "Sign in with ZoomInfo" })).toBeEnabled();
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();
  });
});
