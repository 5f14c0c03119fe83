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
import http from "node:http";
import { fileURLToPath } from "node:url";
import { freePort, waitFor, zi } from "./support.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
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
let recorder;
/** Every exchange zi had through the validator: {method, url, status, problem}. */
const exchanges = [];
let exchangeMark = 0;
/** Where zi's own exchanges start (after the oracle's deliberate refusals). */
let ziFrom = 0;

/**
 * Runs zi against the validating proxy; resolves to {code, stdout, stderr}. Asynchronous: the
 * recorder zi talks to lives in this process and must keep answering while zi runs.
 */
function runZi(args, { input, dataDir = path.join(work, "data") } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(zi, args, {
      env: {
        ...process.env,
        ZI_API_URL: prismUrl,
        ZI_USERNAME: USERNAME,
        ZI_PASSWORD: PASSWORD,
        ZI_DATA_DIR: dataDir,
        NO_COLOR: "1",
      },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    const timer = setTimeout(() => child.kill("SIGKILL"), 180_000);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(input ?? "");
  });
}

/** Prism's log lines written since the last call. */
function newLogLines() {
  const lines = prismLog.slice(logMark).split("\n");
  logMark = prismLog.length;
  return lines;
}

/**
 * Fails with every violation since the last check: Prism's refusals as zi received them
 * (with the validator's own words) and any error line in Prism's log.
 */
function assertNoViolations(what) {
  const seen = exchanges.slice(exchangeMark);
  exchangeMark = exchanges.length;
  const refused = seen.filter((e) => e.problem).map((e) => `${e.method} ${e.url} → ${e.status}: ${e.problem}`);
  const logged = newLogLines().filter((l) => /✖|violation/i.test(l));
  assert.deepEqual([...refused, ...logged], [], `${what}: the published description refuses what was exchanged`);
}

/**
 * A pass-through between zi and Prism that keeps Prism's reasons for each refusal (zi itself
 * shows only their first sentence). Bodies are not kept: they hold the password and the JWT.
 */
function startRecorder(target) {
  return new Promise((resolve) => {
    const server = http.createServer(async (req, res) => {
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
    server.listen(0, "127.0.0.1", () => resolve(server));
  });
}

async function okZi(args, options) {
  const run = await runZi(args, options);
  // The validator's reasons first: they say more than zi's own message about a refusal.
  assertNoViolations(`zi ${args.join(" ")}`);
  assert.equal(run.code, 0, `zi ${args.join(" ")} failed:\n${run.stderr}${run.stdout}`);
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
  recorder = await startRecorder(`http://127.0.0.1:${prismPort}`);
  prismUrl = `http://127.0.0.1:${recorder.address().port}`;
  newLogLines();
});

after(() => {
  if (process.env.PRISM_LOG) fs.writeFileSync(process.env.PRISM_LOG, prismLog);
  recorder?.close();
  prism?.kill();
  sim?.kill();
  const ours = exchanges.slice(ziFrom);
  const refused = ours.filter((e) => e.problem).length;
  console.log(`zi's requests checked against the published description: ${ours.length}, violations: ${refused}`);
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
  // Prism logs asynchronously: let these refusals reach the log before it is cleared. And
  // /authenticate takes about one call a second: the next test signs in afresh (`zi status`).
  await new Promise((resolve) => setTimeout(resolve, 1100));
  exchangeMark = exchanges.length;
  ziFrom = exchanges.length;
  newLogLines();
});

test("status and usage", async () => {
  await okZi(["status"]);
  const usage = await okZi(["usage", "--json"]);
  const limits = JSON.parse(usage.stdout);
  assert.ok(Array.isArray(limits) ? limits.length > 0 : Object.keys(limits).length > 0, usage.stdout);
});

test("a contact search pages past its first page, titles joined with OR", async () => {
  const out = path.join(work, "vps.csv");
  const run = await okZi(["search", "contact", "--field", "jobTitle=Vice President", "--field", "jobTitle=Director", "--max", "250", "--output", out]);
  const rows = fs.readFileSync(out, "utf8").trim().split("\n").length - 1;
  assert.equal(rows, 250, run.stdout + run.stderr);
});

test("a company search with typed criteria", async () => {
  const out = path.join(work, "companies.json");
  await okZi(["search", "company", "--field", "revenueMin=1000000", "--field", "state=California", "--field", "locationSearchType=HQ", "--max", "120", "--output", out]);
  const records = JSON.parse(fs.readFileSync(out, "utf8"));
  assert.ok(records.length > 0);
});

test("a contact search with a boolean, a person-or-HQ location and several comma-separated ids", async () => {
  const run = await okZi(["search", "contact", "--field", "executivesOnly=true", "--field", "country=United States", "--field", "locationSearchType=PersonOrHQ", "--max", "30"]);
  assert.match(run.stderr, /of [\d,]+ matching records/);
  await okZi(["search", "contact", "--field", "companyId=1", "--field", "companyId=2", "--field", "managementLevel=Director"]);
});

test("enriching a contact file and a company file", async () => {
  const contacts = path.join(work, "contacts.csv");
  const companies = path.join(work, "companies.csv");
  await okZi(["sim", "sample", "contact", "--rows", "120", "--output", contacts]);
  await okZi(["sim", "sample", "company", "--rows", "60", "--output", companies]);
  await okZi(["enrich", "contact", contacts, "--dry-run"]);
  const run = await okZi(["enrich", "contact", contacts, "--output", path.join(work, "contacts-out.csv"), "--yes"]);
  assert.match(run.stdout + run.stderr, /match/i);
  await okZi(["enrich", "company", companies, "--output", path.join(work, "companies-out.xlsx"), "--yes"]);
  await okZi(["jobs", "--json"]);
});
