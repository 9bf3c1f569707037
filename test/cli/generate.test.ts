/**
 * `wsdlc generate` end to end on the project's embedded input: the committed generated/ is up to date and
 * type-checks; runs are deterministic and independent of where the input lives; --check reports changes
 * without writing; writing replaces only files wsdlc generated.
 */
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { cpSync, existsSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join, relative } from "node:path";
import { describe, test } from "node:test";
import { runCli, runCliAsync } from "../helpers/cli.js";
import { ROOT } from "../helpers/generate.js";
import { typecheck } from "../helpers/typecheck.js";
import { tempDir } from "../helpers/tmp.js";

const FIXTURE = join(ROOT, "test", "fixtures", "embedded", "Services75-User.wsdl");
const GENERATED = join(ROOT, "generated", "services75-user");
const VERSION = (JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string }).version;

function tree(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string): void => {
    for (const n of readdirSync(d).sort()) {
      const p = join(d, n);
      if (statSync(p).isDirectory()) walk(p);
      else out.set(relative(dir, p), readFileSync(p, "utf8"));
    }
  };
  walk(dir);
  return out;
}

describe("the lock of input documents", () => {
  test("--lock records each document's SHA-256; --frozen fails when an input changes", () => {
    const dir = tempDir("wsdlc-lock-");
    cpSync(FIXTURE, join(dir, "wsdl", "User.wsdl"));
    const gen = runCli(["generate", "wsdl/User.wsdl", "-o", "sdk", "--lock", "-q"], dir);
    assert.equal(gen.status, 0, gen.stderr);
    const lock = JSON.parse(readFileSync(join(dir, "sdk", "wsdlc.lock.json"), "utf8")) as { documents: { source: string; sha256: string }[] };
    assert.deepEqual(
      lock.documents.map((d) => d.source),
      ["../wsdl/User.wsdl"],
    );
    assert.match(lock.documents[0]?.sha256 ?? "", /^[0-9a-f]{64}$/);
    assert.equal(runCli(["generate", "wsdl/User.wsdl", "-o", "sdk", "--lock", "--frozen", "--check", "-q"], dir).status, 0);
    // A change that does not change the generated code (a comment) still breaks the lock.
    writeFileSync(join(dir, "wsdl", "User.wsdl"), readFileSync(join(dir, "wsdl", "User.wsdl"), "utf8").replace("<wsdl:types>", "<!-- upstream edit --><wsdl:types>"));
    const frozen = runCli(["generate", "wsdl/User.wsdl", "-o", "sdk", "--lock", "--frozen"], dir);
    assert.equal(frozen.status, 1);
    assert.equal(frozen.stdout, "sdk/wsdlc.lock.json: 1 input document differs from the lock:\n  changed  ../wsdl/User.wsdl\n");
    const check = runCli(["generate", "wsdl/User.wsdl", "-o", "sdk", "--lock", "--check"], dir);
    assert.equal(check.status, 1);
    assert.match(check.stdout, /modified wsdlc\.lock\.json/);
    assert.doesNotMatch(check.stdout, /types\.ts/);
  });
});

describe("wsdlc generate on the embedded Services75 User WSDL", () => {
  test("generated/ is up to date (--check) and type-checks strictly", () => {
    const r = runCli(["generate", "--check", "--config", "wsdlc.config.json"], ROOT);
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /up to date/);
    const tc = typecheck([GENERATED]);
    assert.equal(tc.output, "");
    assert.equal(tc.status, 0);
  });

  test("generated/ also compiles with bundler and Node16 module resolution", () => {
    for (const settings of [
      { module: "ESNext", moduleResolution: "Bundler" },
      { module: "Node16", moduleResolution: "Node16" },
    ]) {
      const tc = typecheck([GENERATED], settings);
      assert.equal(tc.output, "", JSON.stringify(settings));
      assert.equal(tc.status, 0);
    }
  });

  test("two runs from different folders give identical bytes, with no path or timestamp in them", () => {
    const a = tempDir("wsdlc-a-");
    const b = tempDir("wsdlc-b-");
    cpSync(FIXTURE, join(b, "deep", "er", "User.wsdl"), { recursive: true });
    assert.equal(runCli(["generate", FIXTURE, "--out", "out"], a).status, 0);
    assert.equal(runCli(["generate", join("deep", "er", "User.wsdl"), "-o", "out", "-q"], b).status, 0);
    const ta = tree(join(a, "out"));
    const tb = tree(join(b, "out"));
    assert.deepEqual([...ta.keys()], [...tb.keys()]);
    for (const [k, v] of ta) assert.equal(tb.get(k), v, k);
    // generated/ also has the lock of the project's config (wsdlc.config.json has "lock": true).
    assert.deepEqual(
      [...ta.keys()],
      [...tree(GENERATED).keys()].filter((k) => k !== "wsdlc.lock.json"),
    );
    const today = new Date().toISOString().slice(0, 10);
    for (const [k, v] of ta) {
      for (const bad of [ROOT, a, b, tmpdir(), "file://", today]) assert.ok(!v.includes(bad), `${k} contains ${bad}`);
    }
  });

  test("--check lists what would change and writes nothing", () => {
    const dir = tempDir("wsdlc-check-");
    cpSync(GENERATED, join(dir, "out"), { recursive: true });
    rmSync(join(dir, "out", "wsdlc.lock.json"));
    const types = join(dir, "out", "types.ts");
    writeFileSync(types, `${readFileSync(types, "utf8")}// edited\n`);
    rmSync(join(dir, "out", "index.ts"));
    writeFileSync(join(dir, "out", "Stale.ts"), "// Code generated by wsdlc for Old. DO NOT EDIT.\n");
    const before = tree(join(dir, "out"));
    const r = runCli(["generate", FIXTURE, "--out", "out", "--check"], dir);
    assert.equal(r.status, 1);
    assert.equal(
      r.stdout,
      [
        `out: 3 files would change: the inputs changed (WSDL, its imports or the options) or generated files were edited; the runtime is from this version (wsdlc ${VERSION})`,
        "  removed  Stale.ts",
        "  added    index.ts",
        "  modified types.ts",
        "",
      ].join("\n"),
    );
    assert.deepEqual(tree(join(dir, "out")), before);
  });

  test("writing replaces and removes only generated files", () => {
    const dir = tempDir("wsdlc-write-");
    cpSync(GENERATED, join(dir, "out"), { recursive: true });
    rmSync(join(dir, "out", "wsdlc.lock.json"));
    writeFileSync(join(dir, "out", "Stale.ts"), "// Code generated by wsdlc for Old. DO NOT EDIT.\n");
    writeFileSync(join(dir, "out", "extensions.ts"), "export const mine = true;\n");
    writeFileSync(join(dir, "out", "types.ts"), "// Code generated by wsdlc for Old. DO NOT EDIT.\n");
    const r = runCli(["generate", FIXTURE, "--out", "out"], dir);
    assert.equal(r.status, 0, r.stderr);
    assert.ok(!existsSync(join(dir, "out", "Stale.ts")), "stale generated file removed");
    assert.equal(readFileSync(join(dir, "out", "extensions.ts"), "utf8"), "export const mine = true;\n");
    assert.equal(readFileSync(join(dir, "out", "types.ts"), "utf8"), readFileSync(join(GENERATED, "types.ts"), "utf8"));
    assert.deepEqual(readdirSync(dir).sort(), ["out"], "no staging folder left");
  });

  test("another package generated into a subfolder is neither removed nor changed by the outer one, either order", () => {
    const dir = tempDir("wsdlc-nested-");
    // The inner package first, then the outer one around it: the outer run used to remove the inner's files
    // as "stale generated files" (every file with wsdlc's header under the output folder was taken as its own).
    assert.equal(runCli(["generate", FIXTURE, "-o", "src/inner", "-q"], dir).status, 0);
    const inner = tree(join(dir, "src", "inner"));
    const outer = runCli(["generate", FIXTURE, "-o", "src", "-q"], dir);
    assert.equal(outer.status, 0, outer.stderr);
    assert.deepEqual(tree(join(dir, "src", "inner")), inner);
    assert.ok(existsSync(join(dir, "src", "UserClient.ts")));
    // Each is up to date on its own; regenerating the outer one changes nothing inside the inner one.
    for (const out of ["src", "src/inner"]) {
      const check = runCli(["generate", FIXTURE, "-o", out, "--check"], dir);
      assert.equal(check.status, 0, `${out}: ${check.stdout}${check.stderr}`);
    }
    assert.match(runCli(["generate", FIXTURE, "-o", "src"], dir).stdout, /^src: \d+ files, 0 changed\n$/);
    assert.deepEqual(tree(join(dir, "src", "inner")), inner);
  });

  test("an output path that is a file, or cannot be written, is exit 2 with a message and leaves nothing behind", () => {
    const dir = tempDir("wsdlc-outfile-");
    writeFileSync(join(dir, "sdk"), "not a folder\n");
    for (const extra of [[], ["--check"]]) {
      const r = runCli(["generate", FIXTURE, "-o", "sdk", ...extra], dir);
      assert.equal(r.status, 2, r.stdout + r.stderr);
      assert.match(r.stderr, /^wsdlc: sdk: is a file, not a folder(; nothing was written)?\n$/);
    }
    assert.equal(readFileSync(join(dir, "sdk"), "utf8"), "not a folder\n");
    // A folder under a file cannot be made: the staged copy is removed again.
    const under = runCli(["generate", FIXTURE, "-o", "sdk/inner"], dir);
    assert.equal(under.status, 2, under.stderr);
    assert.match(under.stderr, /^wsdlc: sdk\/inner: cannot be written \((EEXIST|ENOTDIR): [a-z ]+\); nothing was written\n$/);
    assert.deepEqual(readdirSync(dir), ["sdk"], "no journal or staging folder left");
  });

  test("concurrent runs on one output folder take turns: all succeed, one whole package, nothing left beside it", async () => {
    // Before, a second run took the first's staging folder for a killed run's leftovers and removed it: the
    // first failed with "ENOENT … chmod '<out>.wsdlc-stage-…'".
    const dir = tempDir("wsdlc-concurrent-");
    const runs = await Promise.all(Array.from({ length: 6 }, () => runCliAsync(["generate", FIXTURE, "-o", "sdk", "-q"], dir)));
    for (const r of runs) assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(readdirSync(dir), ["sdk"], "no lock, journal or staging folder left");
    const check = runCli(["generate", FIXTURE, "-o", "sdk", "--check"], dir);
    assert.equal(check.status, 0, check.stdout + check.stderr);
    // An up-to-date run writes nothing beside the folder either, not even the lock (a read-only parent passes).
    const before = statSync(dir).mtimeMs;
    await new Promise((r) => setTimeout(r, 50));
    const again = runCli(["generate", FIXTURE, "-o", "sdk", "-q"], dir);
    assert.equal(again.status, 0, again.stderr);
    assert.equal(statSync(dir).mtimeMs, before, "the parent folder was not written");
    // A lock left by a killed run (its process gone) is taken over at once.
    const dead = spawnSync(process.execPath, ["-e", "process.exit(0)"]).pid;
    writeFileSync(join(dir, "sdk.wsdlc-lock"), JSON.stringify({ pid: dead, host: hostname() }));
    rmSync(join(dir, "sdk"), { recursive: true });
    const after = runCli(["generate", FIXTURE, "-o", "sdk", "-q"], dir);
    assert.equal(after.status, 0, after.stderr);
    assert.deepEqual(readdirSync(dir), ["sdk"]);
    // A live holder is waited for: the run goes on once it ends.
    const holder = spawn(process.execPath, ["-e", "setTimeout(() => {}, 1500)"]);
    writeFileSync(join(dir, "sdk.wsdlc-lock"), JSON.stringify({ pid: holder.pid, host: hostname() }));
    const started = Date.now();
    const waited = await runCliAsync(["generate", FIXTURE, "-o", "sdk", "-q"], dir);
    assert.equal(waited.status, 0, waited.stderr);
    assert.ok(Date.now() - started >= 1000, "it waited for the holder");
    assert.deepEqual(readdirSync(dir), ["sdk"]);
  });

  test("the package README links to no web page (it linked to an npm page of wsdlc that does not exist)", () => {
    const readme = readFileSync(join(GENERATED, "README.md"), "utf8");
    assert.doesNotMatch(readme, /\]\(https?:/);
    assert.match(readme, /^This folder is generated by wsdlc from the WSDL/m);
  });

  test("a file wsdlc did not generate is never overwritten", () => {
    const dir = tempDir("wsdlc-conflict-");
    cpSync(GENERATED, join(dir, "out"), { recursive: true });
    rmSync(join(dir, "out", "wsdlc.lock.json"));
    writeFileSync(join(dir, "out", "types.ts"), "// my own file now\n");
    const before = tree(join(dir, "out"));
    const r = runCli(["generate", FIXTURE, "--out", "out"], dir);
    assert.equal(r.status, 2);
    assert.equal(r.stderr, "wsdlc: out: types.ts exists but was not generated by wsdlc; move it away first; nothing was written\n");
    assert.deepEqual(tree(join(dir, "out")), before);
  });
});
