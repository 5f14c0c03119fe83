// zi's data connectors against a REST server nobody here wrote (json-server, npm) over a
// generated data set: the API key in each placement the Data Connectors guide names (query
// parameter, header, body), a refused key, 429 with Retry-After, an answer the connector's
// output does not describe, and the waterfall after ZoomInfo.

import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import { fileURLToPath } from "node:url";

import { parse } from "csv-parse/sync";

import { freePort, runZi, startSimulator, waitFor, zi } from "../conformance/support.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const work = fs.mkdtempSync(path.join(os.tmpdir(), "zi-connectors-"));
const KEY = "acme-test-key-7f3a";

/** The provider's people: every sample contact with an e-mail, with what a provider adds. */
function writeDataSet(rows) {
  const people = rows
    .filter((row) => row.Email)
    .map((row, i) => ({
      id: i + 1,
      email: row.Email.toLowerCase(),
      title: `Title ${i + 1}`,
      phone: `+1 555 01${String(i).padStart(2, "0")}`,
      linkedinUrl: `https://www.linkedin.com/in/person-${i + 1}`,
    }));
  fs.writeFileSync(path.join(work, "db.json"), JSON.stringify({ people }));
  return people;
}

/** Rows of a CSV file as objects by header (csv-parse, npm). */
function readCsv(file) {
  return parse(fs.readFileSync(file, "utf8"), { columns: true, bom: true, relax_column_count: true });
}

const servers = [];
async function startProvider(env) {
  const port = await freePort();
  const child = spawn("node", [path.join(here, "provider.cjs"), path.join(work, "db.json"), String(port)], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  servers.push(child);
  let out = "";
  child.stdout.on("data", (d) => (out += d));
  await waitFor(() => out.includes("listening"), "the provider", 20_000);
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    calls: async () => (await (await fetch(`${url}/__calls`)).json()).calls,
    perEmail: async () => (await (await fetch(`${url}/__calls`)).json()).perEmail,
    stop: () => child.kill(),
  };
}

function connectorFile(name, placement, baseUrl, extra = {}) {
  const body = placement === "body";
  const file = path.join(work, `${name}.json`);
  fs.writeFileSync(
    file,
    JSON.stringify({
      name: "Acme People",
      description: "People by e-mail",
      baseUrl,
      category: "Enrichment",
      auth: { method: "apiKey", keyName: placement === "header" ? "X-Api-Key" : "api_key", placement, valueEnv: "ACME_KEY" },
      actions: [
        {
          name: "person by email",
          category: "Enrich",
          requestType: body ? "POST" : "GET",
          endpoint: body ? "/people/lookup" : "/people?email={email}",
          headers: {},
          body: body ? { email: "{email}" } : null,
          output: [{ title: "…", phone: "…", linkedinUrl: "…" }],
        },
      ],
      ...extra,
    }),
  );
  return file;
}

let people;
const sample = path.join(work, "contacts.csv");
before(async () => {
  const made = await runZi(["sim", "sample", "contact", "--rows", "300", "--output", sample]);
  assert.equal(made.code, 0, made.stderr);
  people = writeDataSet(readCsv(sample));
});

after(() => {
  for (const child of servers) child.kill();
  fs.rmSync(work, { recursive: true, force: true });
});

for (const placement of ["query", "header", "body"]) {
  test(`zi connector test with the key in ${placement === "body" ? "the body" : `a ${placement}`}: json-server's record comes back as columns`, async () => {
    const provider = await startProvider({ KEY_PLACEMENT: placement, KEY_NAME: placement === "header" ? "X-Api-Key" : "api_key", KEY_VALUE: KEY });
    try {
      const file = connectorFile(`acme-${placement}`, placement, provider.url);
      const person = people[7];
      const exact = await runZi(["connector", "test", file, "--param", `email=${person.email}`, "--json"], { ACME_KEY: KEY });
      assert.equal(exact.code, 0, exact.stderr);
      const found = JSON.parse(exact.stdout);
      assert.equal(found.matched, true);
      assert.equal(found.answer[0].title, person.title);
      assert.equal(found.answer[0].linkedinUrl, person.linkedinUrl);
      assert.deepEqual(found.columns, ["acme_people_id", "acme_people_email", "acme_people_title", "acme_people_phone", "acme_people_linkedin_url"]);
      assert.ok(!exact.stdout.includes(KEY) && !exact.stderr.includes(KEY), "the key is never shown");
    } finally {
      provider.stop();
    }
  });
}

test("a key the provider refuses is said plainly, naming where the key goes", async () => {
  const provider = await startProvider({ KEY_PLACEMENT: "header", KEY_NAME: "X-Api-Key", KEY_VALUE: KEY });
  try {
    const file = connectorFile("acme-wrong", "header", provider.url);
    const run = await runZi(["connector", "test", file, "--param", `email=${people[0].email}`], { ACME_KEY: "wrong-key" });
    assert.notEqual(run.code, 0);
    assert.match(run.stderr, /Acme People refused the API key \(HTTP 401\)/);
    assert.match(run.stderr, /X-Api-Key in a header/);
    assert.ok(!run.stderr.includes("wrong-key"), "the key is never shown");
  } finally {
    provider.stop();
  }
});

test("429 with Retry-After is waited out and the call goes through", async () => {
  const provider = await startProvider({ KEY_PLACEMENT: "query", KEY_NAME: "api_key", KEY_VALUE: KEY, REFUSE_FIRST: "2" });
  try {
    const file = connectorFile("acme-429", "query", provider.url);
    const started = Date.now();
    const run = await runZi(["connector", "test", file, "--param", `email=${people[3].email}`, "--json"], { ACME_KEY: KEY });
    assert.equal(run.code, 0, run.stderr);
    assert.equal(JSON.parse(run.stdout).answer[0].title, people[3].title);
    assert.ok(Date.now() - started >= 1_900, "two Retry-After: 1 waited out");
    assert.equal(await provider.calls(), 3);
  } finally {
    provider.stop();
  }
});

test("an answer the connector's output does not describe is refused with both field lists", async () => {
  const provider = await startProvider({ KEY_PLACEMENT: "query", KEY_NAME: "api_key", KEY_VALUE: KEY });
  try {
    const file = connectorFile("acme-stale", "query", provider.url);
    const spec = JSON.parse(fs.readFileSync(file, "utf8"));
    spec.actions[0].output = { person: { jobTitle: "…", mobile: "…" } };
    fs.writeFileSync(file, JSON.stringify(spec));
    const run = await runZi(["connector", "test", file, "--param", `email=${people[1].email}`], { ACME_KEY: KEY });
    assert.notEqual(run.code, 0);
    assert.match(run.stderr, /answered what its output does not describe/);
    assert.match(run.stderr, /person_job_title/);
    assert.match(run.stderr, /title/);
  } finally {
    provider.stop();
  }
});

test("the waterfall asks the connector only about the rows ZoomInfo did not match, once per input, and never again on a re-run", async () => {
  const sim = await startSimulator();
  const provider = await startProvider({ KEY_PLACEMENT: "header", KEY_NAME: "X-Api-Key", KEY_VALUE: KEY });
  try {
    const file = connectorFile("acme-waterfall", "header", provider.url);
    const out = path.join(work, "waterfall.csv");
    const env = {
      ACME_KEY: KEY,
      ZI_API_URL: sim.url,
      ZI_USERNAME: "demo@zi-console.test",
      ZI_PASSWORD: "demo-password",
      ZI_DATA_DIR: path.join(work, "data-waterfall"),
    };
    const args = ["enrich", "contact", sample, "--output", out, "--yes", "--connector", `${file}:person by email`];
    const run = await runZi(args, env);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /Acme People \(person by email\): asked about \d+ rows ZoomInfo did not match/);
    const rows = readCsv(out);
    const header = Object.keys(rows[0]);
    const zi = header.indexOf("zi_match_status");
    // The columns the action's output defines, in its order.
    assert.deepEqual(header.slice(-3), ["acme_people_title", "acme_people_phone", "acme_people_linkedin_url"]);
    assert.ok(zi >= 0 && zi < header.indexOf("acme_people_title"), "after the zi_ columns");

    const byEmail = new Map(people.map((p) => [p.email, p]));
    const unmatched = rows.filter((r) => r.Email && r.zi_match_status !== "FULL_MATCH" && r.zi_match_status && !r.zi_id && r.zi_match_status !== "invalid");
    assert.ok(unmatched.length > 0, "the sample has people ZoomInfo does not know");
    for (const row of unmatched) {
      const known = byEmail.get(row.Email.trim().toLowerCase());
      assert.ok(known, row.Email);
      assert.equal(row.acme_people_title, known.title, `${row.Email}: json-server's record`);
    }
    for (const row of rows.filter((r) => r.zi_id)) {
      assert.equal(row.acme_people_title, "", `${row.Email}: ZoomInfo matched it, the connector was not asked`);
    }
    const distinct = new Set(unmatched.map((r) => r.Email.trim().toLowerCase()));
    const calls = await provider.calls();
    assert.equal(calls, distinct.size, "one call per distinct input");

    // The review (the app's table, here through `zi review`) shows what the connector found,
    // per person, with the same columns as the file.
    const jobs = JSON.parse((await runZi(["jobs", "--json"], env)).stdout);
    const review = await runZi(["review", String(jobs[0].id), "--only", "found-by-connector", "--limit", "1000", "--json"], env);
    assert.equal(review.code, 0, review.stderr);
    const page = JSON.parse(review.stdout);
    assert.deepEqual(page.connector_columns, ["acme_people_title", "acme_people_phone", "acme_people_linkedin_url"]);
    assert.equal(page.counts.found_by_connector, distinct.size);
    assert.equal(page.lines.length, distinct.size);
    for (const line of page.lines) {
      const email = line.sent.match(/\S+@\S+/)[0].toLowerCase();
      assert.equal(line.found_by, "Acme People");
      assert.equal(line.zi_id, "", `${email}: ZoomInfo did not match it`);
      assert.equal(line.connector_values[0], byEmail.get(email).title, `${email}: json-server's record in the review`);
    }

    const again = await runZi(args, env);
    assert.equal(again.code, 0, again.stderr);
    assert.equal(await provider.calls(), calls, "a re-run asks nothing again");
    assert.match(again.stdout, /· 0 calls ·/);
  } finally {
    provider.stop();
    sim.child.kill();
  }
});

test("a key refused mid-waterfall stops the connector at once: the rows still queued are not sent into it", async () => {
  const sim = await startSimulator();
  const provider = await startProvider({ KEY_PLACEMENT: "header", KEY_NAME: "X-Api-Key", KEY_VALUE: KEY });
  try {
    const file = connectorFile("acme-refused", "header", provider.url);
    const out = path.join(work, "refused.csv");
    const env = {
      ACME_KEY: "revoked-key",
      ZI_API_URL: sim.url,
      ZI_USERNAME: "demo@zi-console.test",
      ZI_PASSWORD: "demo-password",
      ZI_DATA_DIR: path.join(work, "data-refused"),
    };
    const run = await runZi(["enrich", "contact", sample, "--output", out, "--yes", "--connector", file], env);
    assert.notEqual(run.code, 0);
    assert.match(run.stderr, /Acme People refused the API key \(HTTP 401\)/);
    assert.match(run.stderr, /The file was written with what was answered/);
    const calls = await provider.calls();
    assert.ok(calls >= 1 && calls <= 8, `${calls} calls: at most those already in flight (8) reach a refusing connector`);
    assert.equal(readCsv(out).length, 300, "every row written, ZoomInfo's answers kept");
  } finally {
    provider.stop();
    sim.child.kill();
  }
});

test("a connector's budget in calls stops it, and the next run asks only the rest", async () => {
  const sim = await startSimulator();
  const provider = await startProvider({ KEY_PLACEMENT: "query", KEY_NAME: "api_key", KEY_VALUE: KEY });
  try {
    const file = connectorFile("acme-budget", "query", provider.url, { maxCalls: 3 });
    const env = {
      ACME_KEY: KEY,
      ZI_API_URL: sim.url,
      ZI_USERNAME: "demo@zi-console.test",
      ZI_PASSWORD: "demo-password",
      ZI_DATA_DIR: path.join(work, "data-budget"),
    };
    const args = ["enrich", "contact", sample, "--output", path.join(work, "budget.csv"), "--yes", "--connector", file];
    const first = await runZi(args, env);
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stderr, /Acme People: Stopped at its budget of 3 calls/);
    assert.equal(await provider.calls(), 3);
    const second = await runZi(args, env);
    assert.equal(second.code, 0, second.stderr);
    assert.equal(await provider.calls(), 6, "three more, none of the first three again");
  } finally {
    provider.stop();
    sim.child.kill();
  }
});

test("killed mid-waterfall (kill -9), the same command asks only what was not answered, and a column header can fill a placeholder", async () => {
  const sim = await startSimulator();
  const provider = await startProvider({ KEY_PLACEMENT: "header", KEY_NAME: "X-Api-Key", KEY_VALUE: KEY, DELAY_MS: "300" });
  try {
    // {Email} is the file's column, not ZoomInfo's input.
    const file = connectorFile("acme-crash", "header", provider.url, { ratePerSecond: 20 });
    const spec = JSON.parse(fs.readFileSync(file, "utf8"));
    spec.actions[0].endpoint = "/people?email={Email}";
    fs.writeFileSync(file, JSON.stringify(spec));
    const out = path.join(work, "crash.csv");
    const env = {
      ACME_KEY: KEY,
      ZI_API_URL: sim.url,
      ZI_USERNAME: "demo@zi-console.test",
      ZI_PASSWORD: "demo-password",
      ZI_DATA_DIR: path.join(work, "data-crash"),
    };
    const args = ["enrich", "contact", sample, "--output", out, "--yes", "--connector", file];
    const child = spawn(zi, args, { env: { ...process.env, ...env }, stdio: "ignore" });
    for (const deadline = Date.now() + 60_000; (await provider.calls()) < 3; ) {
      assert.ok(Date.now() < deadline, "the waterfall did not get under way");
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    child.kill("SIGKILL");
    await new Promise((resolve) => child.on("close", resolve));
    const before = await provider.calls();
    assert.ok(!fs.existsSync(out), "no partial file is written");

    const again = await runZi(args, env);
    assert.equal(again.code, 0, again.stderr);
    const perEmail = await provider.perEmail();
    const twice = Object.values(perEmail).filter((n) => n > 1).length;
    // At most the calls in flight when it died (8 at once) are asked again.
    assert.ok(twice <= 8, `${twice} inputs asked twice`);
    const rows = readCsv(out);
    const unmatched = rows.filter((r) => r.Email && r.zi_match_status && !r.zi_id && r.zi_match_status !== "invalid");
    const distinct = new Set(unmatched.map((r) => r.Email.trim().toLowerCase()));
    assert.equal(Object.keys(perEmail).length, distinct.size, "every unmatched input asked");
    assert.ok(before < distinct.size, "killed before the end");
    const byEmail = new Map(people.map((p) => [p.email, p]));
    for (const row of unmatched) {
      assert.equal(row.acme_people_title, byEmail.get(row.Email.trim().toLowerCase()).title);
    }
  } finally {
    provider.stop();
    sim.child.kill();
  }
});
