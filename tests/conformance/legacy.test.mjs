// zi against ZoomInfo's published legacy API description, by machine.
//
// `zi` talks to Stoplight Prism running as a validating proxy over the repaired description
// (repair-spec.mjs); Prism forwards to the simulator. Every request zi sends is checked against
// the description's request schemas, and every answer the simulator gives against its answer
// schemas. `--errors` makes Prism refuse a violating request (422) or answer (500), and each
// test also reads Prism's log for violations, so one stray field fails the suite.
//
// env: ZI_BIN (the zi executable, default target/debug/zi).

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import net from "node:net";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "../..");
const zi = process.env.ZI_BIN ?? path.join(root, "target/debug/zi");
const work = fs.mkdtempSync(path.join(os.tmpdir(), "zi-conformance-"));
const repaired = path.join(work, "legacy.json");

// The simulator's demo account (zi-sim/src/config.rs).
const USERNAME = "demo@zi-console.test";
const PASSWORD = "demo-password";

let sim;
let prism;
let prismUrl;
let prismLog = "";
let logMark = 0;
let requestsSeen = 0;

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

function waitFor(check, what, ms = 60_000) {
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

/** Runs zi against the validating proxy; returns {code, stdout, stderr}. */
function runZi(args, { input, dataDir = path.join(work, "data") } = {}) {
  const result = spawnSync(zi, args, {
    input,
    encoding: "utf8",
    timeout: 120_000,
    env: {
      ...process.env,
      ZI_API_URL: prismUrl,
      ZI_USERNAME: USERNAME,
      ZI_PASSWORD: PASSWORD,
      ZI_DATA_DIR: dataDir,
      NO_COLOR: "1",
    },
  });
  return { code: result.status, stdout: result.stdout ?? "", stderr: result.stderr ?? "" };
}

/** Prism's log lines written since the last call. */
function newLogLines() {
  const lines = prismLog.slice(logMark).split("\n");
  logMark = prismLog.length;
  return lines;
}

/** Fails with every violation Prism logged since the last check; counts requests seen. */
function assertNoViolations(what) {
  const lines = newLogLines();
  requestsSeen += lines.filter((l) => l.includes("Request received")).length;
  const violations = lines.filter((l) => /violation|✖|error/i.test(l) && !l.includes("Request received"));
  assert.deepEqual(violations, [], `${what}: the published description refuses what was exchanged`);
}

function okZi(args, options) {
  const run = runZi(args, options);
  assert.equal(run.code, 0, `zi ${args.join(" ")} failed:\n${run.stderr}${run.stdout}`);
  assertNoViolations(`zi ${args.join(" ")}`);
  return run;
}

before(async () => {
  assert.ok(fs.existsSync(zi), `${zi} is missing: build it first (cargo build -p zi-cli)`);
  const repair = spawnSync("node", [path.join(here, "repair-spec.mjs"), path.join(here, "spec/zoominfo-legacy-openapi.yml"), repaired], { encoding: "utf8" });
  assert.equal(repair.status, 0, repair.stderr);

  const simPort = await freePort();
  sim = spawn(zi, ["sim", "serve", "--port", String(simPort)], { stdio: ["ignore", "pipe", "pipe"] });
  let simOut = "";
  sim.stdout.on("data", (d) => (simOut += d));
  await waitFor(() => simOut.includes("listening"), "the simulator");

  const prismPort = await freePort();
  const prismBin = path.join(here, "node_modules/.bin/prism");
  prism = spawn(prismBin, ["proxy", "--errors", "-h", "127.0.0.1", "-p", String(prismPort), repaired, `http://127.0.0.1:${simPort}`], {
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, FORCE_COLOR: "0", NO_COLOR: "1" },
  });
  prism.stdout.on("data", (d) => (prismLog += d));
  prism.stderr.on("data", (d) => (prismLog += d));
  await waitFor(() => prismLog.includes("Prism is listening"), "Prism", 120_000);
  prismUrl = `http://127.0.0.1:${prismPort}`;
  newLogLines();
});

after(() => {
  prism?.kill();
  sim?.kill();
  console.log(`requests checked against the description: ${requestsSeen}`);
  fs.rmSync(work, { recursive: true, force: true });
});

test("the oracle refuses what the description refuses", async () => {
  // Without this the suite could pass because Prism checks nothing.
  const login = await fetch(`${prismUrl}/authenticate`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username: USERNAME, password: PASSWORD }),
  });
  assert.equal(login.status, 200);
  const { jwt } = await login.json();
  const headers = { "content-type": "application/json", authorization: `Bearer ${jwt}` };
  const refused = [
    ["/enrich/contact", { matchPersonInput: [{ emailAddress: "a@b.example" }], outputFields: ["department"] }],
    ["/search/contact", { jobTitle: ["CFO", "CEO"] }],
    ["/search/company", { revenueMin: "1000000" }],
  ];
  for (const [route, body] of refused) {
    const answer = await fetch(`${prismUrl}${route}`, { method: "POST", headers, body: JSON.stringify(body) });
    assert.equal(answer.status, 422, `${route} ${JSON.stringify(body)} was not refused`);
  }
  newLogLines();
});

test("status and usage", () => {
  okZi(["status"]);
  const usage = okZi(["usage", "--json"]);
  const limits = JSON.parse(usage.stdout);
  assert.ok(Array.isArray(limits) ? limits.length > 0 : Object.keys(limits).length > 0, usage.stdout);
});

test("a contact search pages past its first page, titles joined with OR", () => {
  const out = path.join(work, "vps.csv");
  const run = okZi(["search", "contact", "--field", "jobTitle=Vice President", "--field", "jobTitle=Director", "--max", "250", "--output", out]);
  const rows = fs.readFileSync(out, "utf8").trim().split("\n").length - 1;
  assert.equal(rows, 250, run.stdout + run.stderr);
});

test("a company search with typed criteria", () => {
  const out = path.join(work, "companies.json");
  okZi(["search", "company", "--field", "revenueMin=1000000", "--field", "state=California", "--field", "locationSearchType=HQ", "--max", "120", "--output", out]);
  const records = JSON.parse(fs.readFileSync(out, "utf8"));
  assert.ok(records.length > 0);
});

test("a contact search with a boolean and several comma-separated values", () => {
  okZi(["search", "contact", "--field", "executivesOnly=true", "--field", "managementLevel=Director", "--field", "managementLevel=VP-Level", "--max", "30"]);
});

test("enriching a contact file and a company file", () => {
  const contacts = path.join(work, "contacts.csv");
  const companies = path.join(work, "companies.csv");
  okZi(["sim", "sample", "contact", "--rows", "120", "--output", contacts]);
  okZi(["sim", "sample", "company", "--rows", "60", "--output", companies]);
  okZi(["enrich", "contact", contacts, "--dry-run"]);
  const run = okZi(["enrich", "contact", contacts, "--output", path.join(work, "contacts-out.csv"), "--yes"]);
  assert.match(run.stdout + run.stderr, /match/i);
  okZi(["enrich", "company", companies, "--output", path.join(work, "companies-out.xlsx"), "--yes"]);
  okZi(["jobs", "--json"]);
});
