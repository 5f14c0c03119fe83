// zi against ZoomInfo's published GTM Data API description, by machine.
//
// As legacy.test.mjs does for the legacy API: `zi --backend gtm` talks to Stoplight Prism
// running as a validating proxy (`--errors`) over spec/zoominfo-gtm-data-v1-openapi.json, and
// Prism forwards to the simulator's GTM API (`/gtm` under `zi sim serve`; Prism keeps the
// upstream's path, so the spec's paths land under it as on ZoomInfo's server). Every request zi
// sends is checked against the description's request schemas and parameters, every answer the
// simulator gives against its answer schemas; a stray field fails the suite.
//
// The token is the simulator's demo token (ZI_GTM_ACCESS_TOKEN): the sign-in itself is checked
// against a real OpenID provider by scripts/oauth-interop.sh.
//
// env: ZI_BIN (the zi executable, default target/debug/zi).

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { finishSuite, runZi as run, startOracle, startSimulator, zi } from "./support.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const spec = path.join(here, "spec/zoominfo-gtm-data-v1-openapi.json");
const work = fs.mkdtempSync(path.join(os.tmpdir(), "zi-conformance-gtm-"));
const MEDIA = "application/vnd.api+json";
// The simulator's demo token (zi-sim/src/config.rs, GTM_DEMO_TOKEN).
const TOKEN = "zi-sim-gtm-demo-token";

let sim;
let oracle;
/** Where zi's own exchanges start (after the oracle's deliberate refusals). */
let ziFrom = 0;

function runZi(args, dataDir = path.join(work, "data")) {
  return run(["--backend", "gtm", ...args], {
    ZI_API_URL: oracle.url,
    ZI_GTM_ACCESS_TOKEN: TOKEN,
    ZI_DATA_DIR: dataDir,
  });
}

async function okZi(args, dataDir) {
  const result = await runZi(args, dataDir);
  oracle.assertNoViolations(`zi --backend gtm ${args.join(" ")}`);
  assert.equal(result.code, 0, `zi --backend gtm ${args.join(" ")} failed:\n${result.stderr}${result.stdout}`);
  return result;
}

/** A JSON:API POST through the validator, as a client would send it. */
function post(url, route, body) {
  return fetch(`${url}${route}`, {
    method: "POST",
    headers: { "content-type": MEDIA, accept: MEDIA, authorization: `Bearer ${TOKEN}` },
    body: JSON.stringify(body),
  });
}

function csvRows(file) {
  return fs.readFileSync(file, "utf8").trim().split("\n").length - 1;
}

before(async () => {
  assert.ok(fs.existsSync(zi), `${zi} is missing: build it first (cargo build -p zi-cli)`);
  sim = await startSimulator();
  oracle = await startOracle(spec, `${sim.url}/gtm`);
  oracle.mark();
});

after(() => finishSuite({ oracle, sim, from: ziFrom, what: "zi's GTM requests", work }));

test("the oracle refuses requests the description refuses", async () => {
  // Without this the suite could pass because Prism checks nothing.
  const refused = [
    // Legacy's body shape, not JSON:API.
    ["/data/v1/contacts/search", { jobTitle: "Director" }],
    // More inputs than matchPersonInput's maxItems of 25.
    ["/data/v1/contacts/enrich", { data: { type: "ContactEnrich", attributes: { outputFields: ["email"], matchPersonInput: Array.from({ length: 26 }, (_, i) => ({ emailAddress: `p${i}@example.com` })) } } }],
    // An output field the description does not list.
    ["/data/v1/contacts/enrich", { data: { type: "ContactEnrich", attributes: { outputFields: ["shoeSize"], matchPersonInput: [{ emailAddress: "a@example.com" }] } } }],
    // No outputFields, which the description requires.
    ["/data/v1/companies/enrich", { data: { type: "CompanyEnrich", attributes: { matchCompanyInput: [{ companyName: "Acme" }] } } }],
  ];
  for (const [route, body] of refused) {
    const answer = await post(oracle.url, route, body);
    assert.equal(answer.status, 422, `${route} ${JSON.stringify(body).slice(0, 120)} was not refused`);
  }
  await new Promise((resolve) => setTimeout(resolve, 500));
  oracle.mark();
  ziFrom = oracle.exchanges.length;
});

test("the oracle refuses answers the description refuses", async () => {
  // A second validator in front of an upstream that spoils the simulator's answers: a contact
  // without its `type`, and a date that is not a date-time.
  const spoiler = http.createServer(async (req, res) => {
    const chunks = [];
    for await (const chunk of req) chunks.push(chunk);
    const answer = await fetch(`${sim.url}/gtm${req.url}`, { method: req.method, headers: { ...req.headers, host: undefined }, body: Buffer.concat(chunks) });
    const body = await answer.json();
    for (const item of body.data ?? []) {
      delete item.type;
      if (item.attributes) item.attributes.lastUpdatedDate = "last Tuesday";
    }
    res.writeHead(answer.status, { "content-type": MEDIA });
    res.end(JSON.stringify(body));
  });
  await new Promise((resolve) => spoiler.listen(0, "127.0.0.1", resolve));
  const spoiled = await startOracle(spec, `http://127.0.0.1:${spoiler.address().port}`);
  try {
    const answer = await post(spoiled.url, "/data/v1/contacts/search?page%5Bsize%5D=5", { data: { type: "ContactSearch", attributes: { jobTitle: "Director" } } });
    assert.equal(answer.status, 500, "a spoiled answer went through");
    const problem = JSON.stringify(await answer.json());
    assert.match(problem, /response/i);
  } finally {
    spoiled.stop();
    spoiler.close();
  }
});

test("usage", async () => {
  const usage = await okZi(["usage", "--json"]);
  const limits = JSON.parse(usage.stdout);
  assert.ok(Array.isArray(limits) ? limits.length > 0 : Object.keys(limits).length > 0, usage.stdout);
});

test("a contact search pages past its first page", async () => {
  const out = path.join(work, "directors.csv");
  const result = await okZi(["search", "contact", "--field", "jobTitle=Director", "--field", "jobTitle=Vice President", "--max", "250", "--output", out]);
  assert.equal(csvRows(out), 250, result.stdout + result.stderr);
  const pages = oracle.exchanges.filter((e) => e.url.includes("/contacts/search"));
  assert.ok(pages.some((e) => /page%5Bnumber%5D=3|page\[number\]=3/.test(e.url)), pages.map((e) => e.url).join("\n"));
});

test("a company search with typed criteria", async () => {
  const out = path.join(work, "companies.json");
  await okZi(["search", "company", "--field", "revenueMin=1000000", "--field", "state=California", "--max", "120", "--output", out]);
  const records = JSON.parse(fs.readFileSync(out, "utf8"));
  assert.ok(records.length > 0);
});

test("enriching a contact file and a company file keeps every row", async () => {
  const contacts = path.join(work, "contacts.csv");
  const companies = path.join(work, "companies.csv");
  await okZi(["sim", "sample", "contact", "--rows", "120", "--output", contacts]);
  await okZi(["sim", "sample", "company", "--rows", "60", "--output", companies]);
  await okZi(["enrich", "contact", contacts, "--dry-run"]);
  const contactsOut = path.join(work, "contacts-out.csv");
  const result = await okZi(["enrich", "contact", contacts, "--output", contactsOut, "--yes"]);
  assert.match(result.stdout + result.stderr, /match/i);
  assert.equal(csvRows(contactsOut), csvRows(contacts));
  // Fields only GTM publishes (legacy has no supplementalEmail, emailAlt, withinEu), and
  // jobFunction, which GTM answers as an object; in a fresh data folder, so they are asked for.
  const chosen = path.join(work, "contacts-chosen.csv");
  await okZi(["enrich", "contact", contacts, "--fields", "email,supplementalEmail,emailAlt,withinEu,jobFunction,lastUpdatedDate", "--output", chosen, "--yes"], path.join(work, "fresh"));
  const header = fs.readFileSync(chosen, "utf8").split("\n")[0];
  assert.match(header, /zi_supplementalEmail.*zi_withinEu.*zi_jobFunction/);
  const companiesOut = path.join(work, "companies-out.csv");
  await okZi(["enrich", "company", companies, "--output", companiesOut, "--yes"]);
  assert.equal(csvRows(companiesOut), csvRows(companies));
  const enriches = oracle.exchanges.slice(ziFrom).filter((e) => e.url.includes("/enrich"));
  assert.ok(enriches.length >= 8, `${enriches.length} enrich requests`);
});
