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
});
