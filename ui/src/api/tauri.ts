import { Channel } from "@tauri-apps/api/core";
import { getCurrentWebview } from "@tauri-apps/api/webview";
import type { Backend, CommandMethods } from "./backend";
import { toBackendError } from "./errors";
import { commands } from "../bindings/commands";
import type { FileDropEvent } from "./types";

type AnyCommand = (...args: unknown[]) => Promise<unknown>;

/**
 * A generated command as a Backend method: a callback argument travels as a Channel (the only
 * functions the commands take), and any failure becomes a BackendError.
 */
function method(command: AnyCommand): AnyCommand {
  return async (...args) => {
    const sent = args.map((arg) => (typeof arg === "function" ? new Channel(arg as (message: unknown) => void) : arg));
    try {
      return await command(...sent);
    } catch (error) {
      throw toBackendError(error);
    }
  };
}

const commandMethods = Object.fromEntries(
  Object.entries(commands).map(([name, command]) => [name, method(command as AnyCommand)]),
) as CommandMethods;

function ignore() {}

/** Files dragged over or dropped on the window, from the webview's own event. */
function onFileDrop(handler: (event: FileDropEvent) => void) {
  return getCurrentWebview().onDragDropEvent(({ payload }) => {
    if (payload.type === "drop") handler({ type: "drop", paths: payload.paths });
    else if (payload.type === "leave") handler({ type: "leave" });
    else handler({ type: "over" });
  });
}

/**
 * The backend inside the desktop app: the Rust shell's commands through the layer generated
 * from them (`bindings/commands.ts`). The file dialogs are commands too: the shell remembers
 * the picked paths as the only ones the other commands may read or write.
 */
export function tauriBackend(): Backend {
  return {
    ...commandMethods,
    // The command always takes a Channel, even when the caller follows no progress.
    planEnrichment: (request, onProgress = ignore) => commandMethods.planEnrichment(request, onProgress),
    onFileDrop,
  };
}
