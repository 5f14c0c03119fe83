// What the conformance suites need: where zi is, a free port, and waiting for a condition.

import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
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

/** Runs `zi` with `env` on top of this process's; resolves to {code, stdout, stderr}. */
export function runZi(args, env = {}, { input = "", timeoutMs = 180_000 } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(zi, args, { env: { ...process.env, NO_COLOR: "1", ...env } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(input);
  });
}

/**
 * Ends a suite: keeps Prism's log where PRISM_LOG names, stops the oracle and the simulator,
 * prints how many of zi's requests were checked (those from `from` on) and how many violated
 * the description, and removes the suite's folder.
 */
export function finishSuite({ oracle, sim, from, what, work }) {
  if (process.env.PRISM_LOG) fs.writeFileSync(process.env.PRISM_LOG, oracle?.log() ?? "");
  oracle?.stop();
  sim?.child.kill();
  const ours = oracle ? oracle.exchanges.slice(from) : [];
  const refused = ours.filter((e) => e.problem).length;
  console.log(`${what} checked against the published description: ${ours.length}, violations: ${refused}`);
  fs.rmSync(work, { recursive: true, force: true });
}

/** Starts `zi sim serve` on a free port with `extra` options; resolves to {url, child}. */
export async function startSimulator(extra = []) {
  const port = await freePort();
  const child = spawn(zi, ["sim", "serve", "--port", String(port), ...extra], { stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  child.stdout.on("data", (d) => (out += d));
  await waitFor(() => out.includes("listening"), "the simulator");
  return { url: `http://127.0.0.1:${port}`, child };
}

/**
 * Stoplight Prism as a validating proxy (`--errors`) over `spec`, in front of `upstream`, with a
 * recorder in front of it that keeps Prism's reasons for each refusal (zi shows only their
 * first sentence). Bodies are not kept: they hold passwords and tokens.
 *
 * Resolves to the oracle: `url` (the recorder's), `exchanges` ({method, url, status, problem}),
 * `assertNoViolations(what)` (every refusal and logged violation since the last call),
 * `log()` and `stop()`.
 */
export async function startOracle(spec, upstream) {
  const prismPort = await freePort();
  let log = "";
  let logMark = 0;
  const prism = spawn(path.join(here, "node_modules/.bin/prism"), ["proxy", "--errors", "-h", "127.0.0.1", "-p", String(prismPort), spec, upstream], {
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, FORCE_COLOR: "0", NO_COLOR: "1" },
  });
  prism.stdout.on("data", (d) => (log += d));
  prism.stderr.on("data", (d) => (log += d));
  await waitFor(() => log.includes("Prism is listening"), "Prism", 120_000);

  const exchanges = [];
  let exchangeMark = 0;
  const target = `http://127.0.0.1:${prismPort}`;
  const recorder = http.createServer(async (req, res) => {
    const chunks = [];
    for await (const chunk of req) chunks.push(chunk);
    const headers = { ...req.headers };
    delete headers.host;
    delete headers["content-length"];
    const answer = await fetch(target + req.url, {
      method: req.method,
      headers,
      body: chunks.length ? Buffer.concat(chunks) : undefined,
    });
    const body = Buffer.from(await answer.arrayBuffer());
    let problem = null;
    if (String(answer.headers.get("content-type")).includes("problem+json")) {
      const parsed = JSON.parse(body.toString("utf8"));
      problem = (parsed.validation ?? []).map((v) => `${(v.location ?? []).join(".")}: ${v.message}`).join("; ") || parsed.detail;
    }
    exchanges.push({ method: req.method, url: req.url, status: answer.status, problem });
    const out = {};
    answer.headers.forEach((value, key) => {
      if (!["content-encoding", "content-length", "transfer-encoding", "connection"].includes(key)) out[key] = value;
    });
    res.writeHead(answer.status, out);
    res.end(body);
  });
  await new Promise((resolve) => recorder.listen(0, "127.0.0.1", resolve));

  const newLogLines = () => {
    const lines = log.slice(logMark).split("\n");
    logMark = log.length;
    return lines;
  };
  return {
    url: `http://127.0.0.1:${recorder.address().port}`,
    exchanges,
    log: () => log,
    /** Forgets what was exchanged so far (the oracle's own deliberate refusals). */
    mark() {
      exchangeMark = exchanges.length;
      newLogLines();
    },
    assertNoViolations(what) {
      const seen = exchanges.slice(exchangeMark);
      exchangeMark = exchanges.length;
      // One line per kind of violation: the same one on each record of a page says no more.
      const refused = [...new Set(seen.filter((e) => e.problem).map((e) => `${e.method} ${e.url.split("?")[0]} → ${e.status}: ${e.problem.replace(/\.\d+\./g, ".*.").split("; ").filter((p, i, all) => all.indexOf(p) === i).join("; ")}`))];
      const logged = newLogLines().filter((l) => /✖|violation/i.test(l));
      assert.deepEqual([...refused, ...logged], [], `${what}: the published description refuses what was exchanged`);
    },
    stop() {
      recorder.close();
      prism.kill();
    },
  };
}
