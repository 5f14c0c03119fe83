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

import { freePort, runZi, waitFor } from "../conformance/support.mjs";

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

function readCsv(file) {
  const [header, ...lines] = fs.readFileSync(file, "utf8").replace(/^\uFEFF/, "").trim().split("\n");
  const names = header.split(",");
  return lines.map((line) => Object.fromEntries(line.split(",").map((cell, i) => [names[i], cell])));
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
before(async () => {
  const sample = path.join(work, "contacts.csv");
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
