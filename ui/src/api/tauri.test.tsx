import { screen } from "@testing-library/react";
import { Channel } from "@tauri-apps/api/core";
import { mockIPC } from "@tauri-apps/api/mocks";
import { describe, expect, it } from "vitest";
import { UsageScreen } from "../screens/UsageScreen";
import { renderWith } from "../test/render";
import { BackendError, toBackendError } from "./errors";
import { NO_LIVE_USAGE } from "./samples";
import { tauriBackend } from "./tauri";

const DEMO_STATUS = {
  version: "0.1.0",
  connected: true,
  demo: true,
  dataDir: "/tmp/zi",
  initialScreen: null,
  startupError: null,
};

describe("TauriBackend over IPC", () => {
  it("calls the shell's commands with their arguments", async () => {
    const seen: Array<[string, unknown]> = [];
    mockIPC((cmd, payload) => {
      seen.push([cmd, payload]);
      if (cmd === "search") return { kind: "company", total_results: 0, records: [], stopped_at_ceiling: null, notice: null };
      if (cmd === "app_status") return DEMO_STATUS;
      return undefined;
    });
    const backend = tauriBackend();
    expect(await backend.appStatus()).toEqual(DEMO_STATUS);
    const request = { kind: "company" as const, criteria: [{ field: "companyName", value: "Acme" }] };
    await backend.search(request);
    expect(seen).toContainEqual(["search", { request }]);
    await backend.exportSearch(request, "/tmp/acme.xlsx");
    expect(seen).toContainEqual(["export_search", { request, path: "/tmp/acme.xlsx" }]);
    await backend.creditHistory(30);
    expect(seen).toContainEqual(["credit_history", { days: 30 }]);
  });

  it("opens the file dialogs through the shell, which remembers what was picked", async () => {
    const seen: Array<[string, unknown]> = [];
    mockIPC((cmd, payload) => {
      seen.push([cmd, payload]);
      if (cmd === "choose_file") return "/home/you/leads.csv";
      if (cmd === "choose_save_path") return null;
      return undefined;
    });
    const backend = tauriBackend();
    expect(await backend.chooseFile("spreadsheet")).toBe("/home/you/leads.csv");
    expect(seen).toContainEqual(["choose_file", { purpose: "spreadsheet" }]);
    await backend.chooseFile("private_key");
    expect(seen).toContainEqual(["choose_file", { purpose: "private_key" }]);
    // Cancelling the save dialog gives null, and nothing is written.
    expect(await backend.chooseSavePath("spreadsheet", "leads-enriched.csv")).toBeNull();
    expect(seen).toContainEqual(["choose_save_path", { purpose: "spreadsheet", defaultName: "leads-enriched.csv" }]);
  });

  it("hands a run's progress to the callback, through a Channel", async () => {
    const outcome = { job_id: 7, state: "completed" };
    mockIPC((cmd, payload) => {
      const { onProgress } = payload as { onProgress: Channel<{ keys_settled: number }> };
      if (cmd === "start_enrichment") onProgress.onmessage({ keys_settled: 120 });
      if (cmd === "plan_enrichment") expect(onProgress).toBeInstanceOf(Channel);
      return outcome;
    });
    const backend = tauriBackend();
    const seen: number[] = [];
    expect(await backend.startEnrichment(7, null, [], null, (p) => seen.push(p.keys_settled))).toEqual(outcome);
    expect(seen).toEqual([120]);
    // A re-plan follows no progress, yet the command still gets its Channel.
    await backend.planEnrichment({ kind: "contact", input: "/tmp/leads.csv", mapping_overrides: [], columns: [] });
  });

  it("turns a {code, message} rejection into a BackendError", async () => {
    mockIPC(() => {
      throw { code: "forbidden", message: "ZoomInfo refused the request: limit reached." };
    });
    const error = await tauriBackend().getUsage().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BackendError);
    expect(error).toMatchObject({ code: "forbidden", message: "ZoomInfo refused the request: limit reached." });
  });

  it("shows a backend error as a readable message, with its code", async () => {
    mockIPC((cmd) => {
      if (cmd === "app_status") return DEMO_STATUS;
      if (cmd === "credit_history") return { days: [] };
      if (cmd === "list_jobs") return [];
      if (cmd === "live_usage") return NO_LIVE_USAGE;
      if (cmd === "team_usage") return null;
      if (cmd === "get_usage") {
        throw {
          code: "rate_limited",
          message: "ZoomInfo kept answering 'too many requests' after 5 attempts. Wait a minute and try again.",
        };
      }
      return undefined;
    });
    renderWith(tauriBackend(), <UsageScreen />);

    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("Too many requests");
    expect(alert).toHaveTextContent("Wait a minute and try again.");
    expect(alert).toHaveTextContent("rate_limited");
    expect(alert).not.toHaveTextContent("[object Object]");
    expect(screen.getByRole("button", { name: "Try again" })).toBeInTheDocument();
  });
});

describe("toBackendError", () => {
  it("keeps Tauri's bare-string rejections readable", () => {
    expect(toBackendError("Command get_usage not allowed by ACL")).toMatchObject({
      code: "ipc",
      message: "Command get_usage not allowed by ACL",
    });
  });

  it("wraps unexpected throwables", () => {
    expect(toBackendError(new TypeError("boom"))).toMatchObject({ code: "internal", message: "boom" });
    expect(toBackendError(42).code).toBe("internal");
  });
});
