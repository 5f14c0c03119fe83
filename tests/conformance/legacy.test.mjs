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
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { finishSuite, runZi as run, startOracle, startSimulator, zi } from "./support.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const work = fs.mkdtempSync(path.join(os.tmpdir(), "zi-conformance-"));
const repaired = path.join(work, "legacy.json");

// The simulator's demo account (zi-sim/src/config.rs).
const USERNAME = "demo@zi-console.test";
const PASSWORD = "demo-password";

let sim;
let oracle;
let prismUrl;
/** Where zi's own exchanges start (after the oracle's deliberate refusals). */
let ziFrom = 0;

/** zi against the validating proxy with the demo account, in this suite's data folder. */
function runZi(args) {
  return run(args, { ZI_API_URL: prismUrl, ZI_USERNAME: USERNAME, ZI_PASSWORD: PASSWORD, ZI_DATA_DIR: path.join(work, "data") });
}

async function okZi(args) {
  const result = await runZi(args);
  // The validator's reasons first: they say more than zi's own message about a refusal.
  oracle.assertNoViolations(`zi ${args.join(" ")}`);
  assert.equal(result.code, 0, `zi ${args.join(" ")} failed:\n${result.stderr}${result.stdout}`);
  return result;
}

before(async () => {
  assert.ok(fs.existsSync(zi), `${zi} is missing: build it first (cargo build -p zi-cli)`);
  const repair = spawnSync("node", [path.join(here, "repair-spec.mjs"), path.join(here, "spec/zoominfo-legacy-openapi.yml"), repaired], { encoding: "utf8" });
  assert.equal(repair.status, 0, repair.stderr);
  sim = await startSimulator();
  oracle = await startOracle(repaired, sim.url);
  prismUrl = oracle.url;
  oracle.mark();
});

after(() => finishSuite({ oracle, sim, from: ziFrom, what: "zi's requests", work }));

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
  oracle.mark();
  ziFrom = oracle.exchanges.length;
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
