import type { Channel } from "@tauri-apps/api/core";
import type { Commands } from "../bindings/commands";
import type { FileDropEvent } from "./types";

/** A command's Channel argument as the UI passes it: a callback for each message. */
type Listener<Arg> = Arg extends Channel<infer Message> ? (message: Message) => void : Arg;

type WithListeners<Args extends unknown[]> = { [I in keyof Args]: Listener<Args[I]> };

/** The same arguments with the last one (the listener) left optional. */
type LastOptional<Args extends unknown[]> = Args extends [...infer Head, infer Last]
  ? [...head: Head, listener?: Last]
  : Args;

/** Commands whose progress a caller may ignore (a re-plan after a mapping change shows none). */
type ProgressOptional = "planEnrichment";

type CommandArgs<K extends keyof Commands> = K extends ProgressOptional
  ? LastOptional<WithListeners<Parameters<Commands[K]>>>
  : WithListeners<Parameters<Commands[K]>>;

/**
 * One method per Tauri command, typed from the generated layer (`bindings/commands.ts`): the
 * same name, arguments and answer, with callbacks in place of Channels. When a Rust command
 * changes, the implementations (Tauri and the mocks) and their callers stop compiling.
 */
export type CommandMethods = {
  [K in keyof Commands]: (...args: CommandArgs<K>) => ReturnType<Commands[K]>;
};

/**
 * Everything the UI asks of the backend; every method rejects with a BackendError.
 * Implemented over Tauri IPC (tauri.ts) and in memory (mock.ts) for the browser and tests.
 */
export interface Backend extends CommandMethods {
  /** Files dragged onto the window (a webview event, not a command); resolves to a function that stops listening. */
  onFileDrop(handler: (event: FileDropEvent) => void): Promise<() => void>;
}
