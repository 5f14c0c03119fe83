// Repairs the known defects of the published legacy API description before a validator uses it.
//
// The description was generated from ZoomInfo's documentation: its request schemas were
// inferred from one example each, while the operations' own Markdown tables say what the API
// takes. Each repair below names the line of the description that justifies it, and the script
// checks that line still says so: a new copy of the description that no longer matches fails
// here instead of silently validating against the wrong thing.
//
// usage: node repair-spec.mjs IN.yml OUT.json [REPORT.md]

import fs from "node:fs";
import path from "node:path";
import YAML from "yaml";

const [input, output, report] = process.argv.slice(2);
if (!input || !output) {
  console.error("usage: node repair-spec.mjs IN.yml OUT.json [REPORT.md]");
  process.exit(2);
}
const text = fs.readFileSync(input, "utf8");
const lines = text.split("\n");
const spec = YAML.parse(text);
const repairs = [];

/** Records a repair after checking that line `line` of the description contains `quote`. */
function repair(title, line, quote, apply) {
  if (!lines[line - 1]?.includes(quote)) {
    throw new Error(`repair "${title}": line ${line} no longer says ${JSON.stringify(quote)}`);
  }
  apply();
  repairs.push({ title, line, quote });
}

/** The line (1-based) of the first occurrence of `needle` at or after line `from`. */
function lineOf(needle, from = 1) {
  const index = lines.findIndex((l, i) => i + 1 >= from && l.includes(needle));
  if (index < 0) throw new Error(`the description no longer contains ${JSON.stringify(needle)}`);
  return index + 1;
}

const op = (p) => spec.paths[p].post ?? spec.paths[p].get;

/** The rows of the `**heading**` Markdown table in an operation's description. */
function table(p, heading) {
  const rows = [];
  let inside = false;
  for (const raw of op(p).description.split("\n")) {
    const line = raw.trim();
    const h = line.match(/^\*\*(.+)\*\*$/);
    if (h) {
      inside = h[1].trim() === heading;
      continue;
    }
    const cells = line.startsWith("|") ? line.replace(/^\||\|$/g, "").split("|").map((c) => c.trim()) : [];
    if (!inside || !/^[A-Za-z0-9]+$/.test(cells[0] ?? "") || ["Parameter", "Field"].includes(cells[0])) continue;
    rows.push({ name: cells[0], type: cells.length > 2 ? cells[1] : "", description: cells.at(-1) });
  }
  if (rows.length === 0) throw new Error(`${p} has no "${heading}" table`);
  return rows;
}

/** A table's DataType column as JSON Schema. */
function schemaOf(type) {
  switch (type) {
    case "String":
      return { type: "string" };
    case "Integer":
      return { type: "integer" };
    case "Boolean":
      return { type: "boolean" };
    case "Array":
    case "ArrayList":
      return { type: "array", items: { type: ["string", "integer"] } };
    case "Long integer or string":
      return { type: ["integer", "string"] };
    default:
      throw new Error(`unknown DataType "${type}"`);
  }
}

function objectFromTable(rows) {
  return {
    type: "object",
    additionalProperties: false,
    properties: Object.fromEntries(rows.map((r) => [r.name, { ...schemaOf(r.type), description: r.description }])),
  };
}

function setRequestSchema(p, schema) {
  const content = op(p).requestBody.content;
  const media = Object.keys(content)[0];
  content[media] = { schema };
}

function envelope(p) {
  const content = op(p).responses["200"].content;
  const media = Object.values(content)[0];
  const ref = media.schema.$ref ?? media.schema.allOf?.[0]?.$ref;
  return spec.components.schemas[ref.split("/").at(-1)];
}

// 1. /authenticate is how a bearer token is obtained, so it cannot require one.
repair(
  "/authenticate takes a username and password, not the global bearer token",
  lineOf("by inputting your ZoomInfo username and password"),
  "by inputting your ZoomInfo username and password",
  () => {
    op("/authenticate").security = [];
  },
);

// 2. /authenticate documents only an empty `default` answer, yet returns the JWT.
repair(
  "/authenticate answers 200 with the JWT",
  lineOf("Return a valid JWT access token"),
  "Return a valid JWT access token",
  () => {
    op("/authenticate").responses = {
      200: {
        description: "The JWT",
        content: {
          "application/json": {
            schema: {
              type: "object",
              required: ["jwt"],
              properties: { jwt: { type: "string", minLength: 1 } },
            },
          },
        },
      },
    };
  },
);

// 3. Search bodies: typed by the "Input params" tables, nothing else accepted.
for (const p of ["/search/contact", "/search/company"]) {
  const at = lineOf(`  ${p}:`);
  repair(
    `${p} takes exactly the fields of its Input params table, typed as the table says`,
    lineOf("| Parameter | DataType | Description |", at),
    "| Parameter | DataType | Description |",
    () => setRequestSchema(p, objectFromTable(table(p, "Input params"))),
  );
}

// 4. Enrich bodies: inputs typed by the "Input params" table, output fields from the
//    "Output fields" table and the output-field lookup's example, at most 25 inputs.
for (const [p, inputKey, lookup] of [
  ["/enrich/contact", "matchPersonInput", "/lookup/outputfields/contact/enrich"],
  ["/enrich/company", "matchCompanyInput", "/lookup/outputfields/company/enrich"],
]) {
  const at = lineOf(`  ${p}:`);
  const lookupExample = Object.values(op(lookup).responses["200"].content)[0].schema.examples[0];
  // The operation's own request example asks for fields too (`mobilePhone`, line 8095, is in
  // neither list): what the description itself sends is taken as published.
  const requestExample = Object.values(op(p).requestBody.content)[0].example?.outputFields ?? [];
  const outputFields = [
    ...new Set([...table(p, "Output fields").map((r) => r.name), ...lookupExample.map((f) => f.fieldName), ...requestExample]),
  ];
  repair(
    `${p}: ${inputKey} typed by the Input params table, outputFields named in the Output fields table, the output-field lookup or the request example, at most 25 inputs`,
    lineOf("You can input a maximum of 25", at),
    "You can input a maximum of 25",
    () =>
      setRequestSchema(p, {
        type: "object",
        additionalProperties: false,
        required: [inputKey, "outputFields"],
        properties: {
          [inputKey]: { type: "array", minItems: 1, maxItems: 25, items: objectFromTable(table(p, "Input params")) },
          outputFields: { type: "array", minItems: 1, items: { enum: outputFields } },
        },
      }),
  );
}

// 5. `required` lists copied from a single example: every field of an answer's one example is
//    listed as required, though what an enrich answer carries is what `outputFields` asked for.
repair(
  "required lists of the answers' records are dropped: an enrich answer carries the output fields asked for",
  lineOf("return the desired output fields in the response"),
  "return the desired output fields in the response",
  () => {
    for (const schema of Object.values(spec.components.schemas)) delete schema.required;
  },
);

// 6. …but the envelopes of the answers the client reads are required as the examples show.
repair(
  "search answers carry maxResults (all matches), totalResults (this page), currentPage and data",
  lineOf("maxResults: 30579"),
  "maxResults: 30579",
  () => {
    for (const p of ["/search/contact", "/search/company"]) {
      const schema = envelope(p);
      schema.required = ["maxResults", "totalResults", "currentPage", "data"];
      for (const key of ["maxResults", "totalResults", "currentPage"]) schema.properties[key].minimum = 0;
    }
  },
);
repair(
  "enrich answers carry success and data, with data's outputFields and one result per input",
  lineOf("You can input a maximum of 25 contacts"),
  "returning the equivalent number of matching records",
  () => {
    for (const p of ["/enrich/contact", "/enrich/company"]) {
      const schema = envelope(p);
      schema.required = ["success", "data"];
      spec.components.schemas[schema.properties.data.$ref.split("/").at(-1)].required = ["outputFields", "result"];
    }
  },
);

// 7. Placeholder examples ("example_value", "Acme Corporation" for a first name…) are not
//    data: a mock would serve them as if they were.
repair(
  "placeholder examples removed",
  lineOf("example: example_value"),
  "example: example_value",
  () => {
    const placeholders = new Set(["example_value", "Acme Corporation", "standard", "500123", "94105", "Enterprise software company"]);
    const visit = (node) => {
      if (Array.isArray(node)) return node.forEach(visit);
      if (!node || typeof node !== "object") return;
      if ("example" in node && placeholders.has(String(node.example))) delete node.example;
      Object.values(node).forEach(visit);
    };
    visit(spec.components.schemas);
  },
);

fs.mkdirSync(path.dirname(output), { recursive: true });
fs.writeFileSync(output, JSON.stringify(spec));
const summary = repairs.map((r, i) => `${i + 1}. ${r.title} (line ${r.line}: "${r.quote}")`).join("\n");
if (report) fs.writeFileSync(report, `# Repairs applied to ${path.basename(input)}\n\n${summary}\n`);
console.log(summary);
