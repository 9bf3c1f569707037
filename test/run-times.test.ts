/**
 * test/run.mjs ends every run with each test file's wall and CPU time, slowest first (README, "npm run test:unit"),
 * and lists every file with WSDLC_TEST_DURATIONS=all.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { test } from "node:test";
import { ROOT } from "./helpers/generate.js";

function run(env: Record<string, string>): string {
  // Without NODE_TEST_CONTEXT, which makes a nested test runner report to this one instead of printing.
  const { NODE_TEST_CONTEXT: _, ...outer } = process.env;
  const r = spawnSync(process.execPath, ["test/run.mjs", "runtime/qname.test", "runtime/redact.test"], { cwd: ROOT, encoding: "utf8", env: { ...outer, ...env } });
  assert.equal(r.status, 0, r.stdout + r.stderr);
  return r.stdout;
}

test("a run ends with each file's wall and CPU time, slowest first", () => {
  const out = run({ WSDLC_TEST_DURATIONS: "all" });
  const table = out.slice(out.lastIndexOf("\n2 files: "));
  assert.match(table, /^\n2 files: \d+\.\d s wall, \d+\.\d s CPU in the test files\. Slowest:\n {4}wall {7}CPU {2}file\n/);
  const rows = [...table.matchAll(/^ +(\d+\.\d) s +(\d+\.\d) s {2}(\S+)$/gm)];
  assert.deepEqual(rows.map((m) => m[3]).sort(), ["test/runtime/qname.test.ts", "test/runtime/redact.test.ts"]);
  const walls = rows.map((m) => Number(m[1]));
  assert.deepEqual(
    walls,
    [...walls].sort((a, b) => b - a),
  );
  // A file's process loads the runtime through tsx: it takes measurable CPU.
  for (const m of rows) assert.ok(Number(m[2]) > 0, m[0]);
});
