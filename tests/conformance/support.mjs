// What both conformance suites need: where zi is, a free port, and waiting for a condition.

import net from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
export const root = path.resolve(here, "../..");
const targetDir = process.env.CARGO_TARGET_DIR ? path.resolve(root, process.env.CARGO_TARGET_DIR) : path.join(root, "target");
/** The zi executable: ZI_BIN, else debug/zi under CARGO_TARGET_DIR (or target/). */
export const zi = process.env.ZI_BIN ?? path.join(targetDir, "debug/zi");

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

/** Resolves to `check()`'s first truthy value, polled every 100 ms; rejects after `ms`. */
export function waitFor(check, what, ms = 60_000) {
  const deadline = Date.now() + ms;
  return new Promise((resolve, reject) => {
    const poll = () => {
      const value = check();
      if (value) return resolve(value);
      if (Date.now() > deadline) return reject(new Error(`timed out waiting for ${what}`));
      setTimeout(poll, 100);
    };
    poll();
  });
}

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
