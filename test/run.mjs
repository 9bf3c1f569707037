#!/usr/bin/env node
// Runs every test/**/*.test.ts with node's test runner (TypeScript through tsx). Extra arguments are
// substrings that select test files, e.g. `node test/run.mjs xsd` (handy while working on one area).
// `--unit` selects the quick set (`npm run test:unit`): the generator and runtime tests without the files below
// whose time goes to type-checking generated packages, soak loops, spawned CLIs or a browser.
// After a full run it checks docs/hostile-cases.md against the hostile tests that ran (see test/hostile-table.mjs);
// with WSDLC_WRITE_HOSTILE_TABLE=1 it writes the table from that run instead.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { hostileCases, hostileFiles, keyOf, readResults, render, renderMeta, TABLE, tableKeys } from "./hostile-table.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const files = [];
(function walk(dir) {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (name === "fixtures" || name === "bench") continue;
    if (statSync(p).isDirectory()) walk(p);
    else if (name.endsWith(".test.ts")) files.push(relative(root, p));
  }
})(join(root, "test"));

/** Left out of `--unit`, each for the reason given (they run in the full suite). */
const SLOW = {
  "test/generator/empty-type.test.ts": "type-checks a generated package",
  "test/generator/faults.test.ts": "type-checks a generated package",
  "test/generator/fixed-values.test.ts": "type-checks a generated package",
  "test/generator/js-names.test.ts": "type-checks a generated package",
  "test/generator/hostile-code.test.ts": "type-checks a generated package",
  "test/generator/polymorphism.test.ts": "type-checks a generated package",
  "test/generator/wildcard-occurs.test.ts": "type-checks a generated package",
  "test/generator/robustness.test.ts": "400 mutations of real WSDLs, a sample through the CLI",
  "test/generator/depth.test.ts": "spawns the CLI on deep inputs",
  "test/generator/hostile-loading.test.ts": "spawns the CLI against stalling servers",
  "test/runtime/load.test.ts": "soak: thousands of calls, heap growth",
  "test/runtime/stream-soak.test.ts": "soak: a 47 MB streamed response, heap growth",
  "test/runtime/portability.test.ts": "type-checks the runtime under several consumer settings",
  "test/runtime/chromium.test.ts": "starts a browser",
  "test/runtime/attack-decode.test.ts": "100,000-item inputs and decode timeouts",
};
const args = process.argv.slice(2);
const unit = args.includes("--unit");
const filters = args.filter((a) => a !== "--unit");
const candidates = unit ? files.filter((f) => (f.startsWith("test/generator/") || f.startsWith("test/runtime/")) && !(f in SLOW)) : files;
/**
 * Started first, heaviest first (CPU seconds of a full run on the 2-core machine, 2026-12-03): with two files at
 * a time, a long file started last would run alone at the end while the other worker idles.
 */
const HEAVY = [
  "test/corpus/realworld.test.ts", // 80
  "test/cli/package.test.ts", // 74
  "test/oracle/zeep-realworld.test.ts", // 69
  "test/cli/package-git.test.ts", // 48
  "test/bench-smoke.test.ts", // 43
  "test/cli/sigkill.test.ts", // 38
  "test/corpus/superoffice.test.ts", // 35
  "test/cli/serve.test.ts", // 31
  "test/suite/services75.test.ts", // 31
  "test/cli/call-options.test.ts", // 27
  "test/oracle/zeep-agents.test.ts", // 24
  "test/runtime/portability.test.ts", // 20
];
const rank = (f) => (HEAVY.includes(f) ? HEAVY.indexOf(f) : HEAVY.length);
const selected = (filters.length ? candidates.filter((f) => filters.some((s) => f.includes(s))) : candidates)
  .map((f, i) => [f, i])
  .sort((a, b) => rank(a[0]) - rank(b[0]) || a[1] - b[1])
  .map(([f]) => f);
if (selected.length === 0) {
  console.error("no test files selected");
  process.exit(1);
}
const dir = mkdtempSync(join(tmpdir(), "wsdlc-run-"));
const results = join(dir, "results.jsonl");
const times = join(dir, "times.jsonl");
const started = Date.now();
const r = spawnSync(
  process.execPath,
  [
    "--import",
    "tsx",
    "--import",
    "./test/helpers/file-times.mjs",
    "--test",
    "--test-concurrency=2",
    "--test-reporter=spec",
    "--test-reporter-destination=stdout",
    "--test-reporter=./test/helpers/results-reporter.mjs",
    `--test-reporter-destination=${results}`,
    ...selected,
  ],
  { cwd: root, stdio: "inherit", env: { ...process.env, WSDLC_TEST_TIMES: times } },
);
let status = r.status ?? 1;
if (filters.length === 0 && !unit && existsSync(results) && process.env["WSDLC_WRITE_HOSTILE_TABLE"] === "1") {
  // Render the table from this very run (what `node test/hostile-table.mjs` does for the hostile files alone).
  writeFileSync(TABLE, render(readResults(results), renderMeta()));
  console.log(`wrote ${relative(root, TABLE)}`);
} else if (filters.length === 0 && !unit && existsSync(results)) {
  // Every hostile test that ran is in the table, in its order, and the table lists nothing that did not run.
  const ran = hostileCases(readResults(results));
  const listed = existsSync(TABLE) ? tableKeys(readFileSync(TABLE, "utf8")) : [];
  const want = ran.map(keyOf);
  const missing = want.filter((k) => !listed.includes(k));
  const stale = listed.filter((k) => !want.includes(k));
  const failed = ran.filter((c) => !c.ok && !c.skip);
  const unlisted = Object.keys(hostileFiles()).filter((f) => !files.includes(f));
  if (missing.length || stale.length || unlisted.length) {
    console.error(`docs/hostile-cases.md disagrees with the hostile tests (run \`node test/hostile-table.mjs\`):`);
    for (const k of missing) console.error(`  not in the table: ${k}`);
    for (const k of stale) console.error(`  in the table, but did not run: ${k}`);
    for (const f of unlisted) console.error(`  test/hostile-cases.json names a missing file: ${f}`);
    status = status || 1;
  } else {
    console.log(`docs/hostile-cases.md: ${ran.length} hostile cases, ${failed.length} failed`);
  }
}
if (existsSync(times)) printTimes(readFileSync(times, "utf8"), Date.now() - started);
rmSync(dir, { recursive: true, force: true });
process.exit(status);

/** The files of this run, slowest first: wall time of each file's process (two run at a time) and its CPU time. */
function printTimes(jsonl, wallMs) {
  const rows = jsonl
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l))
    .sort((a, b) => b.ms - a.ms);
  const sec = (ms) => `${(ms / 1000).toFixed(1)} s`.padStart(8);
  const cpu = rows.reduce((n, r) => n + r.cpuMs, 0);
  const shown = process.env["WSDLC_TEST_DURATIONS"] === "all" ? rows : rows.slice(0, 15);
  const more = shown.length < rows.length ? ` (WSDLC_TEST_DURATIONS=all lists all ${rows.length})` : "";
  console.log(`\n${rows.length} files: ${sec(wallMs).trim()} wall, ${sec(cpu).trim()} CPU in the test files. Slowest${more}:`);
  console.log("    wall       CPU  file");
  for (const r of shown) console.log(`${sec(r.ms)}  ${sec(r.cpuMs)}  ${relative(root, r.file)}${r.ok ? "" : "  (failed)"}`);
}
