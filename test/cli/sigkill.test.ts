/**
 * Atomic output under SIGKILL: a writer killed at random instants while replacing one large package (13 of the
 * Services75 agents) by another (5 of them, so old != new) leaves the out folder exactly the old or exactly the
 * new package (or, between the two renames of the swap, absent with a journal), and the next run leaves exactly
 * one package and no `<out>.wsdlc-*` leftovers. Also with a file wsdlc did not generate in the folder (per-file
 * mode, rolled forward by the next run, the foreign file untouched), and the real `wsdlc generate` killed while
 * it stages its output.
 */
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, watch, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { before, describe, test } from "node:test";
import { makeReader, writeOutput } from "../../bin/io.js";
import { generate, type GeneratedFile } from "../../generator/index.js";
import { ROOT, runtimeTemplates } from "../helpers/generate.js";
import { CORPUS, corpusSkip } from "../helpers/shared.js";
import { tempDir } from "../helpers/tmp.js";
import { prng } from "../helpers/prng.js";

const WSDL = join(CORPUS, "superoffice", "wsdl");
const skip = corpusSkip() || (existsSync(join(ROOT, "dist", "bin", "io.js")) ? false : "needs npm run build");

function snapshot(dir: string): Map<string, string> | undefined {
  if (!existsSync(dir)) return undefined;
  const out = new Map<string, string>();
  const walk = (d: string, rel: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(p, r);
      else out.set(r, readFileSync(p, "utf8"));
    }
  };
  walk(dir, "");
  return out;
}

function same(a: Map<string, string> | undefined, b: Map<string, string>): boolean {
  if (!a || a.size !== b.size) return false;
  for (const [k, v] of b) if (a.get(k) !== v) return false;
  return true;
}

function asMap(files: readonly GeneratedFile[], extra?: [string, string]): Map<string, string> {
  const m = new Map(files.map((f) => [f.path, f.text] as [string, string]));
  if (extra) m.set(extra[0], extra[1]);
  return m;
}

function leftovers(parent: string): string[] {
  return readdirSync(parent).filter((n) => n.startsWith("out.wsdlc-"));
}

interface Run {
  readonly killed: boolean;
  readonly ms: number;
}

/**
 * Runs the built writer in a child process (`write <out> <json>` or `recover <out>`), killing it `killAfterMs`
 * after it reports that it starts writing; `ms` is the time from that report to its end.
 */
function child(script: string, args: string[], killAfterMs?: number): Promise<Run> {
  return new Promise((resolve, reject) => {
    let start = performance.now();
    const c = spawn(process.execPath, [script, ...args], { stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    c.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    let timer: NodeJS.Timeout | undefined;
    c.stdout.setEncoding("utf8").once("data", () => {
      start = performance.now();
      if (killAfterMs !== undefined) timer = setTimeout(() => c.kill("SIGKILL"), killAfterMs);
    });
    c.on("error", reject);
    c.on("close", (code, signal) => {
      if (timer) clearTimeout(timer);
      if (signal === "SIGKILL") resolve({ killed: true, ms: performance.now() - start });
      else if (code === 0) resolve({ killed: false, ms: performance.now() - start });
      else reject(new Error(`writer exited ${code}: ${stderr}`));
    });
  });
}

describe("output under SIGKILL", { skip }, () => {
  let big: GeneratedFile[] = [];
  let small: GeneratedFile[] = [];
  let work = "";
  let script = "";
  before(async () => {
    const names = readdirSync(WSDL)
      .filter((n) => n.endsWith(".wsdl"))
      .sort();
    const gen = async (list: string[]): Promise<GeneratedFile[]> => {
      const r = await generate(
        list.map((n) => pathToFileURL(join(WSDL, n)).href),
        { reader: makeReader(process.cwd()), runtime: runtimeTemplates() },
      );
      assert.deepEqual(
        r.diagnostics.filter((d) => d.severity === "error"),
        [],
      );
      return [...r.files];
    };
    big = await gen(names.filter((n) => /^Services75-[A-M]/.test(n)));
    small = await gen(names.filter((n) => /^Services75-[A-E]/.test(n)));
    work = tempDir("wsdlc-kill-");
    writeFileSync(join(work, "big.json"), JSON.stringify(big));
    writeFileSync(join(work, "small.json"), JSON.stringify(small));
    script = join(work, "writer.mjs");
    const io = pathToFileURL(join(ROOT, "dist", "bin", "io.js")).href;
    writeFileSync(
      script,
      `import { readFileSync } from "node:fs";\nimport { recoverOutput, writeOutput } from ${JSON.stringify(io)};\n` +
        `const [mode, out, json] = process.argv.slice(2);\n` +
        `const files = mode === "recover" ? [] : JSON.parse(readFileSync(json, "utf8"));\n` +
        `process.stdout.write("go\\n");\n` +
        `if (mode === "recover") await recoverOutput(out); else await writeOutput(out, files);\n`,
    );
  });

  for (const foreign of [false, true]) {
    test(
      foreign ? "with a file wsdlc did not generate: rolled forward by the next run, the file untouched" : "an only-generated folder: exactly old or new at every kill",
      async () => {
        const parent = join(work, foreign ? "foreign" : "swap");
        const out = join(parent, "out");
        const note: [string, string] | undefined = foreign ? ["NOTES.md", "my own notes, not generated\n"] : undefined;
        const refs = { big: asMap(big, note), small: asMap(small, note) };
        await child(script, ["write", out, join(work, "big.json")]);
        if (note) writeFileSync(join(out, note[0]), note[1]);
        assert.ok(same(snapshot(out), refs.big));
        // How long an unkilled replacement takes, to spread the kills over it (process start included).
        const full = (await child(script, ["write", out, join(work, "small.json")])).ms;
        await child(script, ["write", out, join(work, "big.json")]);
        const random = prng(foreign ? 7 : 42);
        let current: "big" | "small" = "big";
        const seen = { old: 0, new: 0, absent: 0, mixed: 0 };
        const kills = foreign ? 8 : 24;
        let killed = 0;
        for (let i = 0; i < kills * 3 && killed < kills; i++) {
          const next: "big" | "small" = current === "big" ? "small" : "big";
          const delay = full * 1.1 * random();
          const run = await child(script, ["write", out, join(work, `${next}.json`)], delay);
          const now = snapshot(out);
          if (!run.killed) {
            assert.ok(same(now, refs[next]), "a finished run leaves the new package");
            assert.deepEqual(leftovers(parent), []);
            current = next;
            continue;
          }
          killed++;
          const journal = existsSync(`${out}.wsdlc-journal.json`);
          if (same(now, refs[current])) seen.old++;
          else if (same(now, refs[next])) seen.new++;
          else if (now === undefined && !foreign) {
            assert.ok(journal, "the out folder is only ever absent while a journal says where both packages are");
            seen.absent++;
          } else {
            assert.ok(foreign && journal, `kill ${killed} after ${delay.toFixed(0)} ms left a mixed package without a journal`);
            seen.mixed++;
          }
          await child(script, ["recover", out]);
          assert.deepEqual(leftovers(parent), [], "recovery leaves no staging, old or journal files");
          const after = snapshot(out);
          if (journal) assert.ok(same(after, refs[next]), "a journal means the new package was complete: rolled forward");
          else assert.ok(same(after, refs[current]) || same(after, refs[next]));
          current = same(after, refs[next]) ? next : current;
          if (note) assert.equal(readFileSync(join(out, note[0]), "utf8"), note[1]);
        }
        assert.ok(killed >= kills, `only ${killed} of the runs were killed before finishing`);
        if (!foreign) assert.equal(seen.mixed, 0);
        process.stdout.write(`# ${foreign ? "per-file" : "swap"}: ${killed} kills, one run takes ${full.toFixed(0)} ms: ${JSON.stringify(seen)}\n`);
        assert.ok(statSync(out).isDirectory());
      },
    );
  }

  test("leftovers of killed runs (and of older wsdlc versions) are removed; other siblings are not", async () => {
    const parent = join(work, "leftovers");
    const out = join(parent, "out");
    mkdirSync(parent, { recursive: true });
    for (const n of ["out.wsdlc-stage-0a1b2c3d4e5f", "out.wsdlc-old-0a1b2c3d4e5f", "out.wsdlc-Ab12Cd"]) {
      mkdirSync(join(parent, n));
      writeFileSync(join(parent, n, "index.ts"), "// Code generated by wsdlc. DO NOT EDIT.\n");
    }
    writeFileSync(join(parent, "out.wsdlc-tmp-0a1b2c3d4e5f.json"), "{");
    writeFileSync(join(parent, "out.wsdlc-journal.json"), "not json");
    writeFileSync(join(parent, "out.wsdlc-notes.txt"), "mine");
    mkdirSync(join(parent, "other.wsdlc-stage-0a1b2c3d4e5f"));
    // A killed run's lock (its process gone) and the temp file a lock is made from.
    const dead = spawnSync(process.execPath, ["-e", ""]).pid;
    writeFileSync(join(parent, "out.wsdlc-lock"), JSON.stringify({ pid: dead, host: hostname() }));
    writeFileSync(join(parent, "out.wsdlc-tmp-0a1b2c3d4e5f.lock"), JSON.stringify({ pid: dead, host: hostname() }));
    await writeOutput(out, small);
    assert.deepEqual(readdirSync(parent).sort(), ["other.wsdlc-stage-0a1b2c3d4e5f", "out", "out.wsdlc-notes.txt"]);
    assert.ok(same(snapshot(out), asMap(small)));
  });

  test("every instant of the swap that a kill can leave is rolled forward once the journal exists", async () => {
    // The states between the journal's rename and the journal's removal (writeOutput, step 4a), built by hand
    // so that each is tested on every run, not only when a random kill happens to land in it.
    const states = ["journal written, nothing renamed", "the old package moved aside", "swapped, cleanup not done"] as const;
    for (const [k, state] of states.entries()) {
      const parent = join(work, `instant-${k}`);
      const out = join(parent, "out");
      await writeOutput(out, big);
      const stage = "out.wsdlc-stage-0a1b2c3d4e5f";
      const old = "out.wsdlc-old-0a1b2c3d4e5f";
      await writeOutput(join(parent, "next"), small);
      renameSync(join(parent, "next"), join(parent, stage));
      writeFileSync(join(parent, "out.wsdlc-journal.json"), JSON.stringify({ version: 1, mode: "swap", staging: stage, old }));
      if (state !== "journal written, nothing renamed") renameSync(out, join(parent, old));
      if (state === "swapped, cleanup not done") renameSync(join(parent, stage), out);
      await child(script, ["recover", out]);
      assert.deepEqual(leftovers(parent), [], state);
      assert.ok(same(snapshot(out), asMap(small)), `${state}: not rolled forward to the new package`);
    }
  });

  test("wsdlc generate killed while staging: exactly old or new, the next run cleans up", async () => {
    const parent = join(work, "cli");
    const out = join(parent, "out");
    const agents = [["Services75-TimeZone.wsdl"], ["Services75-TimeZone.wsdl", "Services75-Tooltips.wsdl"]];
    const cli = join(ROOT, "bin", "wsdlc.js");
    const args = (k: number): string[] => [cli, "generate", ...agents[k]!.map((n) => join(WSDL, n)), "--out", out, "-q"];
    const refs: Map<string, string>[] = [];
    for (const k of [1, 0]) {
      await new Promise<void>((resolve, reject) => {
        const c = spawn(process.execPath, args(k), { stdio: "ignore" });
        c.on("close", (code) => (code === 0 ? resolve() : reject(new Error(`exit ${code}`))));
      });
      refs[k] = snapshot(out)!;
    }
    assert.notDeepEqual(refs[0], refs[1]);
    const random = prng(3);
    for (let i = 0; i < 2; i++) {
      const next = (i + 1) % 2;
      const killed = await new Promise<boolean>((resolve, reject) => {
        const c = spawn(process.execPath, args(next), { stdio: "ignore" });
        const w = watch(parent, (_e, name) => {
          if (typeof name === "string" && name.startsWith("out.wsdlc-stage-")) {
            w.close();
            setTimeout(() => c.kill("SIGKILL"), random() * 20);
          }
        });
        c.on("error", reject);
        c.on("close", (_code, signal) => {
          w.close();
          resolve(signal === "SIGKILL");
        });
      });
      const now = snapshot(out);
      const journal = existsSync(`${out}.wsdlc-journal.json`);
      assert.ok(same(now, refs[i % 2]!) || same(now, refs[next]!) || (now === undefined && journal), `kill ${i} (${killed ? "killed" : "finished"}) left a mix`);
      await child(script, ["recover", out]);
      assert.deepEqual(leftovers(parent), []);
      const after = snapshot(out);
      if (!same(after, refs[next]!)) {
        // Rolled back (killed before the journal): run again unkilled so the next round starts from `next`.
        assert.ok(same(after, refs[i % 2]!));
        await new Promise<void>((resolve, reject) => {
          const c = spawn(process.execPath, args(next), { stdio: "ignore" });
          c.on("close", (code) => (code === 0 ? resolve() : reject(new Error(`exit ${code}`))));
        });
      }
      assert.ok(same(snapshot(out), refs[next]!));
    }
  });
});
