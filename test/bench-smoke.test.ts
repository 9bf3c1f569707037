/**
 * The benchmark (test/bench, which test/run.mjs does not run): README's performance table is what
 * render.ts makes of the committed results.json, that file is well-formed, and a smoke run (one repetition,
 * tiny inputs) goes through every row's code path and produces numbers. Nothing here asserts a time.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, test } from "node:test";
import { currentBlock, README, RESULTS, renderTable, withBlock } from "./bench/render.js";
import { BUNDLE_IDS, problems, ROW_IDS, type BenchResults } from "./bench/results.js";
import { ROOT } from "./helpers/generate.js";
import { corpusSkip } from "./helpers/shared.js";
import { tempDir } from "./helpers/tmp.js";

const committed = (): BenchResults => JSON.parse(readFileSync(RESULTS, "utf8")) as BenchResults;

describe("benchmark results", () => {
  test("README's performance table equals what render.ts makes of test/bench/results.json", () => {
    assert.equal(currentBlock(readFileSync(README, "utf8")), renderTable(committed()));
  });

  test("the committed results are a full run with every row, every figure a positive number", () => {
    const r = committed();
    assert.deepEqual(problems(r), []);
    assert.equal(r.mode, "full");
    for (const row of r.rows) assert.ok(row.reps >= 1, row.id);
  });

  test("the checker catches a missing row, a missing figure and an edited README table", () => {
    const r = committed();
    assert.notDeepEqual(problems({ ...r, rows: r.rows.slice(1) }), []);
    const [first, ...rest] = r.rows;
    assert.ok(first);
    const broken = { ...first, contenders: first.contenders.map((c, i) => (i === 1 ? { ...c, median: Number.NaN } : c)) };
    assert.match(problems({ ...r, rows: [broken, ...rest] }).join("\n"), /median is NaN/);
    const readme = readFileSync(README, "utf8");
    const edited = withBlock(readme, renderTable(r).replace(/\d\.\d\d×/, "9.99×"));
    assert.notEqual(currentBlock(edited), renderTable(r));
    assert.match(problems({ ...r, bundles: r.bundles?.slice(1) }).join("\n"), /bundles are/);
    const [b0, ...bs] = r.bundles ?? [];
    assert.ok(b0);
    assert.match(problems({ ...r, bundles: [{ ...b0, gzip: Number.NaN }, ...bs] }).join("\n"), /bundle user-client/);
  });

  test("a smoke run exercises every row and writes well-formed JSON", { skip: corpusSkip(), timeout: 180_000 }, () => {
    assert.ok(existsSync(join(ROOT, "dist", "bin", "main.js")), "dist/ is missing: run `npm run build` first");
    const out = join(tempDir("wsdlc-bench-smoke-"), "results.json");
    const r = spawnSync(process.execPath, ["--import", "tsx", join(ROOT, "test", "bench", "run.ts"), "--smoke", "--out", out], { cwd: ROOT, encoding: "utf8", timeout: 170_000 });
    assert.equal(r.status, 0, r.stderr);
    const results = JSON.parse(readFileSync(out, "utf8")) as BenchResults;
    assert.deepEqual(problems(results), []);
    assert.equal(results.mode, "smoke");
    assert.deepEqual(
      results.rows.map((row) => row.id),
      [...ROW_IDS],
    );
    assert.deepEqual(
      results.bundles?.map((b) => b.id),
      [...BUNDLE_IDS],
    );
    for (const row of results.rows) {
      assert.equal(row.reps, 1, row.id);
      for (const c of row.contenders) assert.ok(c.ok, `${row.id}/${c.name} failed: ${c.detail ?? r.stderr}`);
    }
    const cold = results.rows.find((row) => row.id === "cold-start");
    for (const c of cold?.contenders.filter((x) => x.role !== "floor") ?? []) assert.ok((c.heapBytes ?? 0) > 0, `${c.name}: no heap figure`);
    for (const id of ["generate-exchange", "generate-vsphere"]) {
      const big = results.rows.find((row) => row.id === id);
      assert.ok((big?.inputBytes ?? 0) > 0, `${id}: no input size`);
    }
    assert.match(renderTable(results), /Big WSDLs, wsdlc per MB of input: .* MB RSS\/MB/);
    // The smoke run must not touch the committed results or README.
    assert.deepEqual(problems(committed()), []);
  });
});
