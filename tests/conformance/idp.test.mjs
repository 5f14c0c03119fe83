// The SCIM simulator's identity-provider side against Okta's and Microsoft Graph's published API
// descriptions, by machine.
//
// `zi sim scim` serves the demo SCIM server with Okta's management API and Graph's provisioning
// API beside it. Two Stoplight Prism validating proxies (`prism proxy --errors`), one per
// description in idp/, stand in front of it; every request below goes through them. Prism checks
// each request against the description's parameters and each answer against its schemas:
// `--errors` makes it refuse a violating request (422) or answer (500, problem+json), and each
// test also reads Prism's log for violations, so one stray field fails the suite.
//
// Between Prism and the simulators sits a small router in this process (Prism forwards request
// headers unchanged): `x-sim` picks one of three simulators (the demo, one whose Graph job is in
// quarantine, one that throttles), and `x-tamper` spoils an answer on its way back so the oracle
// can be seen to bite.
//
// env: ZI_BIN (the zi executable; default debug/zi under CARGO_TARGET_DIR, else target/debug/zi).

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import os from "node:os";
import http from "node:http";
import { fileURLToPath } from "node:url";
import { freePort, sleep, waitFor, zi } from "./support.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const started = Date.now();

// The demo's failed pushes (zi-sim/src/scim/idp/mod.rs, demo_push_failures) and its directory.
const FAILED = {
  "dana.whitfield@acme-demo.test": { name: "Dana Whitfield", okta: /no Sales seat/, graph: "LicenseLimitExceeded" },
  "marcus.oyelaran@acme-demo.test": { name: "Marcus Oyelaran", okta: /already exists/, graph: "Conflict" },
};
const DIRECTORY_USERS = 120;

const children = [];
/** The simulators by name: their KEY=value facts. */
const sims = {};
let router;
/** The two validators: {name, url, log, mark}. */
const prisms = {};
/** Every exchange through a validator: {prism, method, url, status, problem}. */
const exchanges = [];
let exchangeMark = 0;
/** Where the simulator's own exchanges start (after the oracle's deliberate refusals). */
let ownFrom = 0;

/** Starts `zi sim scim` and resolves to the facts it prints. */
async function startSim(extra = []) {
  const port = await freePort();
  const child = spawn(zi, ["sim", "scim", "--port", String(port), ...extra], { stdio: ["ignore", "pipe", "pipe"] });
  children.push(child);
  let out = "";
  child.stdout.on("data", (d) => (out += d));
  child.stderr.on("data", (d) => (out += d));
  await waitFor(() => out.includes("ENTRA_CLIENT_SECRET="), `zi sim scim ${extra.join(" ")}`, 30_000);
  return Object.fromEntries(out.trim().split("\n").map((line) => line.split(/=(.*)/s).slice(0, 2)));
}

/** The answer spoiled as `x-tamper` asks, so the validator has something to refuse. */
function tamper(kind, body) {
  const value = JSON.parse(body);
  if (kind === "okta-sync-state") value[0].syncState = "BROKEN";
  if (kind === "okta-null-external-id") value[0].externalId = null;
  if (kind === "graph-status-code") value.status.code = "Broken";
  if (kind === "graph-missing-error-code") delete value.error.code;
  return JSON.stringify(value);
}

/** Prism's upstream: forwards to the simulator `x-sim` names, spoiling the answer on request. */
function startRouter() {
  return new Promise((resolve) => {
    const server = http.createServer(async (req, res) => {
      const sim = sims[req.headers["x-sim"] ?? "demo"];
      const headers = { ...req.headers };
      for (const name of ["host", "content-length", "x-sim", "x-tamper", "connection"]) delete headers[name];
      const chunks = [];
      for await (const chunk of req) chunks.push(chunk);
      const answer = await fetch(sim.OKTA_URL + req.url, {
        method: req.method,
        headers,
        body: chunks.length ? Buffer.concat(chunks) : undefined,
      });
      let body = await answer.text();
      if (req.headers["x-tamper"]) body = tamper(req.headers["x-tamper"], body);
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

async function startPrism(name, spec, upstream) {
  const port = await freePort();
  const prism = { name, url: `http://127.0.0.1:${port}`, log: "", mark: 0 };
  const child = spawn(path.join(here, "node_modules/.bin/prism"), ["proxy", "--errors", "-h", "127.0.0.1", "-p", String(port), path.join(here, "idp", spec), upstream], {
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, FORCE_COLOR: "0", NO_COLOR: "1" },
  });
  children.push(child);
  child.stdout.on("data", (d) => (prism.log += d));
  child.stderr.on("data", (d) => (prism.log += d));
  prisms[name] = prism;
  return prism;
}

/** Prism's log lines written since the last call. */
function newLogLines(prism) {
  const lines = prism.log.slice(prism.mark).split("\n");
  prism.mark = prism.log.length;
  return lines;
}

/**
 * A request through a validator. `url` is a path, or a URL the simulator gave (its origin is
 * swapped for the validator's). Resolves to {status, headers, body, problem}.
 */
async function call(prismName, url, { sim = "demo", auth, tamperWith } = {}) {
  const prism = prisms[prismName];
  const s = sims[sim];
  const origin = prismName === "okta" ? s.OKTA_URL : s.GRAPH_URL;
  const target = url.startsWith("http") ? prism.url + url.slice(origin.length) : prism.url + url;
  assert.ok(!url.startsWith("http") || url.startsWith(origin), `${url} does not start with ${origin}`);
  const headers = { "x-sim": sim };
  if (auth !== undefined) headers.authorization = auth;
  else if (prismName === "okta") headers.authorization = `SSWS ${s.OKTA_TOKEN}`;
  else headers.authorization = `Bearer ${await graphToken(sim)}`;
  if (tamperWith) headers["x-tamper"] = tamperWith;
  const answer = await fetch(target, { headers });
  const text = await answer.text();
  const body = text ? JSON.parse(text) : null;
  let problem = null;
  if (String(answer.headers.get("content-type")).includes("problem+json")) {
    problem = (body.validation ?? []).map((v) => `${(v.location ?? []).join(".")}: ${v.message}`).join("; ") || body.detail;
  }
  exchanges.push({ prism: prismName, method: "GET", url: target, status: answer.status, problem });
  return { status: answer.status, headers: answer.headers, body, problem };
}

/** Fails with every violation since the last check: refusals received and Prism's log. */
async function assertNoViolations(what, { expectedWarnings = [] } = {}) {
  // Prism logs asynchronously: let the last lines arrive.
  await sleep(300);
  const seen = exchanges.slice(exchangeMark);
  exchangeMark = exchanges.length;
  const refused = seen.filter((e) => e.problem).map((e) => `${e.prism}: ${e.method} ${e.url} → ${e.status}: ${e.problem}`);
  const logged = Object.values(prisms).flatMap((p) => newLogLines(p).filter((l) => /✖|violation/i.test(l)).map((l) => `${p.name}: ${l}`));
  const unexpected = logged.filter((l) => !expectedWarnings.some((w) => l.includes(w)));
  assert.deepEqual([...refused, ...unexpected], [], `${what}: the published description refuses what was exchanged`);
  return logged.filter((l) => !unexpected.includes(l));
}

const graphTokens = {};
/** A Graph token from the simulator's Entra endpoint (not in Graph's description: direct). */
async function graphToken(sim = "demo") {
  if (graphTokens[sim]) return graphTokens[sim];
  const s = sims[sim];
  const answer = await fetch(`${s.ENTRA_LOGIN_URL}/${s.ENTRA_TENANT}/oauth2/v2.0/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      grant_type: "client_credentials",
      client_id: s.ENTRA_CLIENT_ID,
      client_secret: s.ENTRA_CLIENT_SECRET,
      scope: "https://graph.microsoft.com/.default",
    }),
  });
  const body = await answer.json();
  assert.equal(answer.status, 200, JSON.stringify(body));
  graphTokens[sim] = body.access_token;
  return body.access_token;
}

/** The `Link` header's target for `rel`. */
function link(headers, rel) {
  const value = headers.get("link") ?? "";
  const found = value.split(/,\s*(?=<)/).find((part) => part.endsWith(`rel="${rel}"`));
  return found ? found.slice(found.indexOf("<") + 1, found.indexOf(">")) : null;
}

/** Every item of an Okta list through the validator, following `rel="next"`. */
async function oktaAll(first, options) {
  const items = [];
  let pages = 0;
  for (let url = first; url; pages++) {
    const answer = await call("okta", url, options);
    assert.equal(answer.status, 200, `${url}: ${answer.problem ?? JSON.stringify(answer.body)}`);
    assert.ok(link(answer.headers, "self"), `${url}: no rel="self" link`);
    items.push(...answer.body);
    url = link(answer.headers, "next");
    assert.ok(pages < 200, "paging does not end");
  }
  return { items, pages };
}

/** Every item of a Graph list through the validator, following `@odata.nextLink`. */
async function graphAll(first, options) {
  const items = [];
  let pages = 0;
  for (let url = first; url; pages++) {
    const answer = await call("graph", url, options);
    assert.equal(answer.status, 200, `${url}: ${answer.problem ?? JSON.stringify(answer.body)}`);
    items.push(...answer.body.value);
    url = answer.body["@odata.nextLink"];
    assert.ok(pages < 200, "paging does not end");
  }
  return { items, pages };
}

const q = encodeURIComponent;

before(async () => {
  assert.ok(fs.existsSync(zi), `${zi} is missing: build it first (cargo build -p zi-cli)`);
  [sims.demo, sims.quarantine, sims.throttled] = await Promise.all([
    startSim(),
    startSim(["--quarantine"]),
    startSim(["--idp-rate-limit", "1"]),
  ]);
  router = await startRouter();
  const upstream = `http://127.0.0.1:${router.address().port}`;
  const [okta, graph] = await Promise.all([
    startPrism("okta", "okta-management.yaml", upstream),
    startPrism("graph", "msgraph-provisioning.yaml", `${upstream}/v1.0`),
  ]);
  await waitFor(() => okta.log.includes("Prism is listening") && graph.log.includes("Prism is listening"), "Prism", 120_000);
  newLogLines(okta);
  newLogLines(graph);
});

after(() => {
  if (process.env.PRISM_LOG) fs.writeFileSync(process.env.PRISM_LOG, Object.values(prisms).map((p) => p.log).join("\n"));
  router?.close();
  for (const child of children) child.kill();
  const ours = exchanges.slice(ownFrom);
  const refused = ours.filter((e) => e.problem).length;
  console.log(`the simulator's Okta and Graph answers checked against the published descriptions: ${ours.length}, violations: ${refused}; ${((Date.now() - started) / 1000).toFixed(1)} s`);
});

test("the oracle refuses what the descriptions refuse", async () => {
  // Without this the suite could pass because Prism checks nothing. Requests first.
  const appUsers = async (query) => call("okta", `/api/v1/apps/${(await call("okta", "/api/v1/apps")).body[0].id}/users${query}`);
  for (const limit of ["0", "501"]) {
    const answer = await appUsers(`?limit=${limit}`);
    assert.equal(answer.status, 422, `limit=${limit} was not refused`);
    assert.match(answer.problem, /limit/);
  }
  const top = await call("graph", "/auditLogs/provisioning?$top=-1");
  assert.equal(top.status, 422, "$top=-1 was not refused");
  // Answers: a wrong enum value, a null where the schema has none, a missing required field.
  const appId = (await call("okta", "/api/v1/apps")).body[0].id;
  for (const kind of ["okta-sync-state", "okta-null-external-id"]) {
    const answer = await call("okta", `/api/v1/apps/${appId}/users?limit=3`, { tamperWith: kind });
    assert.equal(answer.status, 500, `${kind} was not refused`);
    assert.match(answer.problem, /syncState|externalId/);
  }
  const sp = (await call("graph", `/servicePrincipals?$filter=${q("displayName eq 'ZoomInfo'")}`)).body.value[0].id;
  const jobs = (await call("graph", `/servicePrincipals/${sp}/synchronization/jobs`)).body.value;
  const spoiled = await call("graph", `/servicePrincipals/${sp}/synchronization/jobs/${jobs[0].id}`, { tamperWith: "graph-status-code" });
  assert.equal(spoiled.status, 500, "a status.code outside the enum was not refused");
  assert.match(spoiled.problem, /code/);
  const noCode = await call("graph", "/servicePrincipals", { auth: "Bearer not-a-token", tamperWith: "graph-missing-error-code" });
  assert.equal(noCode.status, 500, "an error without its code was not refused");
  await sleep(1000);
  exchangeMark = exchanges.length;
  ownFrom = exchanges.length;
  for (const prism of Object.values(prisms)) newLogLines(prism);
});

test("Okta: the ZoomInfo app is found by its name and by a prefix of its label", async () => {
  const all = await call("okta", "/api/v1/apps");
  assert.equal(all.status, 200);
  assert.deepEqual(all.body.map((a) => a.label), ["ZoomInfo"]);
  for (const [query, found] of [
    [`filter=${q('name eq "zoominfo"')}`, 1],
    [`filter=${q('name eq "salesforce"')}`, 0],
    ["q=Zoom", 1],
    ["q=Okta", 0],
    ["limit=1", 1],
  ]) {
    const answer = await call("okta", `/api/v1/apps?${query}`);
    assert.equal(answer.status, 200, query);
    assert.equal(answer.body.length, found, query);
    for (const header of ["x-rate-limit-limit", "x-rate-limit-remaining", "x-rate-limit-reset"]) assert.ok(answer.headers.get(header), `${query}: no ${header}`);
  }
  await assertNoViolations("Okta apps");
});

test("Okta: the app's users page to the end; the two failed pushes are in ERROR", async () => {
  const appId = (await call("okta", "/api/v1/apps")).body[0].id;
  const { items, pages } = await oktaAll(`/api/v1/apps/${appId}/users?limit=7`);
  assert.equal(items.length, DIRECTORY_USERS + 2);
  assert.equal(pages, Math.ceil(items.length / 7));
  const errors = items.filter((u) => u.syncState === "ERROR");
  assert.deepEqual(errors.map((u) => u.credentials.userName).sort(), Object.keys(FAILED).sort());
  for (const user of errors) assert.ok(!("externalId" in user), `${user.credentials.userName}: externalId is left out, not null`);
  const synced = items.filter((u) => u.syncState === "SYNCHRONIZED");
  assert.equal(synced.length, DIRECTORY_USERS);
  assert.ok(synced.every((u) => u.status === "PROVISIONED" && u.externalId && u.lastSync));
  // The default page, and the largest.
  const first = await call("okta", `/api/v1/apps/${appId}/users`);
  assert.equal(first.body.length, 50);
  const whole = await call("okta", `/api/v1/apps/${appId}/users?limit=500`);
  assert.equal(whole.body.length, DIRECTORY_USERS + 2);
  assert.equal(link(whole.headers, "next"), null);
  await assertNoViolations("Okta app users");
});

test("Okta: the System Log gives each failed push with its reason, and pages to the end", async () => {
  const failures = await call("okta", `/api/v1/logs?filter=${q('eventType sw "application.provision" and outcome.result eq "FAILURE"')}`);
  assert.equal(failures.status, 200);
  assert.equal(failures.body.length, 2);
  for (const event of failures.body) {
    const user = event.target.find((t) => t.type === "AppUser");
    const expected = FAILED[user.alternateId];
    assert.ok(expected, `unexpected failure for ${user.alternateId}`);
    assert.equal(event.eventType, "application.provision.user.push");
    assert.ok(event.displayMessage);
    assert.match(event.outcome.reason, expected.okta);
    assert.ok(event.outcome.reason.includes(expected.name));
  }
  const appId = failures.body[0].target.find((t) => t.type === "AppInstance").id;
  const filter = q(`eventType sw "application.provision" and target.id eq "${appId}"`);
  const { items, pages } = await oktaAll(`/api/v1/logs?limit=50&filter=${filter}`);
  assert.equal(items.length, DIRECTORY_USERS + 2);
  assert.equal(pages, 3);
  assert.equal(items.filter((e) => e.outcome.result === "SUCCESS").length, DIRECTORY_USERS);
  const since = new Date(Date.now() - 3_600_000).toISOString();
  const window = await call("okta", `/api/v1/logs?since=${q(since)}&until=${q(new Date(Date.now() + 60_000).toISOString())}&sortOrder=DESCENDING&limit=5`);
  assert.equal(window.body.length, 5);
  assert.equal(window.body[0].outcome.result, "FAILURE");
  await assertNoViolations("Okta System Log");
});

test("Okta: a wrong API token is refused with E0000011", async () => {
  const answer = await call("okta", "/api/v1/apps", { auth: "SSWS not-the-token" });
  assert.equal(answer.status, 401);
  assert.equal(answer.body.errorCode, "E0000011");
  assert.equal(answer.body.errorSummary, "Invalid token provided");
  assert.ok(answer.headers.get("x-rate-limit-remaining"));
  // The description declares no 401 for these operations: Prism can only warn that it cannot
  // check the answer (the body's shape is checked above). Nothing else may be reported.
  const warned = await assertNoViolations("Okta 401", { expectedWarnings: ["Unable to match the returned status code with those defined in the document: 200,403,429"] });
  assert.equal(warned.length, 1, warned.join("\n"));
});

test("Okta: past its rate limit the org answers 429 with E0000047 and the rate headers", async () => {
  let refused;
  for (let i = 0; i < 6 && !refused; i++) {
    const answer = await call("okta", "/api/v1/apps", { sim: "throttled" });
    if (answer.status === 429) refused = answer;
    else assert.equal(answer.status, 200);
  }
  assert.ok(refused, "a burst was not throttled");
  assert.equal(refused.body.errorCode, "E0000047");
  assert.equal(refused.headers.get("x-rate-limit-limit"), "1");
  assert.equal(refused.headers.get("x-rate-limit-remaining"), "0");
  assert.ok(Number(refused.headers.get("x-rate-limit-reset")) >= Math.floor(Date.now() / 1000));
  await assertNoViolations("Okta 429");
});

test("Entra: the client-credentials flow issues a token; a wrong secret is refused", async () => {
  // The token endpoint is not in Graph's description: called directly.
  const s = sims.demo;
  const form = (secret) => new URLSearchParams({ grant_type: "client_credentials", client_id: s.ENTRA_CLIENT_ID, client_secret: secret, scope: "https://graph.microsoft.com/.default" });
  const url = `${s.ENTRA_LOGIN_URL}/${s.ENTRA_TENANT}/oauth2/v2.0/token`;
  const good = await fetch(url, { method: "POST", body: form(s.ENTRA_CLIENT_SECRET) });
  const token = await good.json();
  assert.equal(good.status, 200);
  assert.equal(token.token_type, "Bearer");
  assert.ok(token.expires_in > 0 && token.access_token);
  const bad = await fetch(url, { method: "POST", body: form("wrong") });
  const refusal = await bad.json();
  assert.equal(bad.status, 401);
  assert.equal(refusal.error, "invalid_client");
  assert.match(refusal.error_description, /^AADSTS7000215: Invalid client secret provided/);
});

test("Graph: the ZoomInfo service principal by displayName, and its synchronization job", async () => {
  for (const [filter, found] of [
    ["displayName eq 'ZoomInfo'", 1],
    ["startsWith(displayName,'Zoom')", 1],
    ["displayName eq 'Salesforce'", 0],
  ]) {
    const answer = await call("graph", `/servicePrincipals?$filter=${q(filter)}`);
    assert.equal(answer.status, 200, filter);
    assert.equal(answer.body.value.length, found, filter);
  }
  const sp = (await call("graph", `/servicePrincipals?$filter=${q("displayName eq 'ZoomInfo'")}&$select=id,displayName`)).body.value[0];
  assert.equal(sp.displayName, "ZoomInfo");
  const jobs = await call("graph", `/servicePrincipals/${sp.id}/synchronization/jobs`);
  assert.equal(jobs.body.value.length, 1);
  const listed = jobs.body.value[0];
  const job = (await call("graph", `/servicePrincipals/${sp.id}/synchronization/jobs/${listed.id}`)).body;
  assert.equal(job.id, listed.id);
  assert.equal(job.status.code, "Active");
  assert.equal(job.status.lastExecution.state, "EntryLevelErrors");
  assert.equal(job.status.quarantine, null);
  assert.equal(job.schedule.state, "Active");
  await assertNoViolations("Graph service principal and job");
});

test("Graph: a job in quarantine says why", async () => {
  const sp = (await call("graph", `/servicePrincipals?$filter=${q("displayName eq 'ZoomInfo'")}`, { sim: "quarantine" })).body.value[0];
  const jobs = (await call("graph", `/servicePrincipals/${sp.id}/synchronization/jobs`, { sim: "quarantine" })).body.value;
  const job = (await call("graph", `/servicePrincipals/${sp.id}/synchronization/jobs/${jobs[0].id}`, { sim: "quarantine" })).body;
  assert.equal(job.status.code, "Quarantine");
  const quarantine = job.status.quarantine;
  assert.equal(quarantine.reason, "EncounteredQuarantineException");
  assert.ok(quarantine.error.code && quarantine.error.message);
  assert.equal(quarantine.error.tenantActionable, true);
  assert.ok(Date.parse(quarantine.nextAttempt) > Date.parse(quarantine.currentBegan));
  assert.equal(job.status.lastExecution.state, "Failed");
  await assertNoViolations("Graph quarantined job");
});

test("Graph: the provisioning log pages to the end and reports both failures with their codes", async () => {
  const { items, pages } = await graphAll("/auditLogs/provisioning?$top=10");
  assert.equal(items.length, DIRECTORY_USERS + 2);
  assert.equal(pages, Math.ceil(items.length / 10));
  assert.equal(items.filter((e) => e.provisioningStatusInfo.status === "success").length, DIRECTORY_USERS);
  const sp = items[0].servicePrincipal.id;
  const since = new Date(Date.now() - 3_600_000).toISOString();
  const filter = `servicePrincipal/id eq '${sp}' and provisioningStatusInfo/status eq 'failure' and activityDateTime ge ${since}`;
  const failures = (await graphAll(`/auditLogs/provisioning?$filter=${q(filter)}&$top=1`)).items;
  assert.equal(failures.length, 2);
  for (const entry of failures) {
    const expected = Object.values(FAILED).find((f) => f.name === entry.sourceIdentity.displayName);
    assert.ok(expected, `unexpected failure for ${entry.sourceIdentity.displayName}`);
    const info = entry.provisioningStatusInfo.errorInformation;
    assert.equal(info.errorCode, expected.graph);
    assert.equal(info.errorCategory, "failure");
    assert.ok(info.reason && info.recommendedAction);
    assert.equal(entry.servicePrincipal.displayName, "ZoomInfo");
    assert.equal(entry.targetIdentity.displayName, expected.name);
  }
  const none = await call("graph", `/auditLogs/provisioning?$filter=${q(`activityDateTime ge ${new Date(Date.now() + 60_000).toISOString()}`)}`);
  assert.deepEqual(none.body.value, []);
  await assertNoViolations("Graph provisioning log");
});

test("Graph: a wrong token is refused (401) and a throttled request told when to retry (429)", async () => {
  const refused = await call("graph", "/servicePrincipals", { auth: "Bearer not-a-token" });
  assert.equal(refused.status, 401);
  assert.equal(refused.body.error.code, "InvalidAuthenticationToken");
  let throttled;
  for (let i = 0; i < 6 && !throttled; i++) {
    const answer = await call("graph", "/servicePrincipals", { sim: "throttled" });
    if (answer.status === 429) throttled = answer;
    else assert.equal(answer.status, 200);
  }
  assert.ok(throttled, "a burst was not throttled");
  assert.equal(throttled.body.error.code, "TooManyRequests");
  assert.ok(Number(throttled.headers.get("retry-after")) >= 1);
  await assertNoViolations("Graph 401 and 429");
});

/** Runs zi with the demo SCIM server's token in its environment; resolves to {code, stdout, stderr}. */
function runZi(args, env = {}) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "zi-idp-"));
  return new Promise((resolve, reject) => {
    const child = spawn(zi, args, {
      env: { ...process.env, ZI_DATA_DIR: dataDir, NO_COLOR: "1", SCIM_TOKEN: sims.demo.SCIM_TOKEN, ...env },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    const timer = setTimeout(() => child.kill("SIGKILL"), 120_000);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** What `zi scim status --json` says of the identity provider, after checking it ran. */
function identityProvider(run) {
  assert.equal(run.code, 0, `zi failed: ${run.stderr}`);
  const report = JSON.parse(run.stdout);
  assert.ok(report.identity_provider, `no identity_provider in ${run.stdout.slice(0, 400)}`);
  return report;
}

function assertDemoFailures(report, code) {
  const idp = report.identity_provider;
  assert.equal(idp.error, null, idp.error);
  assert.equal(idp.app_found, true);
  assert.deepEqual(idp.failed.map((f) => f.user).sort(), Object.keys(FAILED).sort());
  for (const failed of idp.failed) {
    const expected = FAILED[failed.user];
    if (code) assert.equal(failed.code, expected.graph);
    else assert.match(failed.reason, expected.okta);
  }
  const problem = report.problems.find((p) => p.kind === "idp_users_failed");
  assert.ok(problem, "the failed users are a problem");
  assert.deepEqual(problem.users, Object.keys(FAILED).sort());
}

test("zi reads Okta through the validator: every request it sends and every answer conform", async () => {
  const run = await runZi(
    ["scim", "status", "--url", sims.demo.SCIM_URL, "--token-env", "SCIM_TOKEN", "--okta-url", prisms.okta.url, "--okta-token-env", "OKTA_TOKEN", "--json"],
    { OKTA_TOKEN: sims.demo.OKTA_TOKEN },
  );
  const report = identityProvider(run);
  assert.equal(report.identity_provider.assigned, DIRECTORY_USERS + Object.keys(FAILED).length);
  assertDemoFailures(report, false);
  await assertNoViolations("zi reading Okta");
});

test("zi reads Microsoft Graph through the validator: every request it sends and every answer conform", async () => {
  const run = await runZi(
    [
      "scim", "status", "--url", sims.demo.SCIM_URL, "--token-env", "SCIM_TOKEN",
      "--entra-tenant", sims.demo.ENTRA_TENANT, "--entra-client-id", sims.demo.ENTRA_CLIENT_ID,
      "--entra-secret-env", "GRAPH_SECRET", "--graph-url", prisms.graph.url, "--entra-login-url", sims.demo.ENTRA_LOGIN_URL,
      "--json",
    ],
    { GRAPH_SECRET: sims.demo.ENTRA_CLIENT_SECRET },
  );
  const report = identityProvider(run);
  assert.equal(report.identity_provider.job.state, "Active");
  assertDemoFailures(report, true);
  await assertNoViolations("zi reading Graph");
});

test("zi names a wrong Okta token and a wrong Entra secret, and still reports the SCIM endpoint", async () => {
  const okta = identityProvider(
    await runZi(
      ["scim", "status", "--url", sims.demo.SCIM_URL, "--token-env", "SCIM_TOKEN", "--okta-url", sims.demo.OKTA_URL, "--okta-token-env", "OKTA_TOKEN", "--json"],
      { OKTA_TOKEN: "wrong" },
    ),
  );
  assert.match(okta.identity_provider.error, /Okta refused the credentials \(HTTP 401\)/);
  assert.equal(okta.users.total, DIRECTORY_USERS);
  const entra = identityProvider(
    await runZi(
      [
        "scim", "status", "--url", sims.demo.SCIM_URL, "--token-env", "SCIM_TOKEN",
        "--entra-tenant", sims.demo.ENTRA_TENANT, "--entra-client-id", sims.demo.ENTRA_CLIENT_ID,
        "--entra-secret-env", "GRAPH_SECRET", "--graph-url", sims.demo.GRAPH_URL, "--entra-login-url", sims.demo.ENTRA_LOGIN_URL,
        "--json",
      ],
      { GRAPH_SECRET: "wrong" },
    ),
  );
  assert.match(entra.identity_provider.error, /AADSTS7000215/);
  assert.ok(entra.problems.some((p) => p.kind === "idp_unreadable" && p.severity === "warning"));
  assert.ok(!JSON.stringify(entra).includes(sims.demo.ENTRA_CLIENT_SECRET), "the secret is not in the report");
});
