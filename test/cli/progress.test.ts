/**
 * Progress on stderr for multi-input (and remote) runs: on a terminal one status line rewritten in place and
 * erased at the end; plain, stable lines when stderr is not a TTY or CI is set; nothing for one local input
 * or with -q. The terminal case runs under a real pseudo-terminal (`script`) when the system has it, and
 * with WSDLC_PROGRESS=tty always.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { cpSync } from "node:fs";
import { join } from "node:path";
import { describe, test } from "node:test";
import { readdirSync, readFileSync } from "node:fs";
import { runCli, runCliAsync } from "../helpers/cli.js";
import { startLoopback } from "../helpers/loopback.js";
import { ROOT } from "../helpers/generate.js";
import { tempDir } from "../helpers/tmp.js";

const FIXTURE = join(ROOT, "test", "fixtures", "cli", "catalog.wsdl");
/** The plain lines for two inputs; `files` is what the output folder really holds after the run. */
const plain = (files: number): string => `wsdlc: read 2 documents\nwsdlc: analysed 2 inputs\nwsdlc: generated ${files} files\n`;

/** The number of files under `dir` (the count the progress lines must report). */
function countFiles(dir: string): number {
  return readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).length;
}

function twoInputs(): string {
  const dir = tempDir("wsdlc-progress-");
  cpSync(FIXTURE, join(dir, "a.wsdl"));
  cpSync(FIXTURE, join(dir, "b.wsdl"));
  return dir;
}

const noCi = { CI: "", WSDLC_PROGRESS: "" };

describe("progress", () => {
  test("not a TTY: plain lines that depend only on the inputs", () => {
    const dir = twoInputs();
    const r = runCli(["generate", "a.wsdl", "b.wsdl", "-o", "out"], dir, noCi);
    assert.equal(r.status, 0, r.stderr);
    const n = countFiles(join(dir, "out"));
    assert.ok(n > 10, `${n} files`);
    assert.equal(r.stderr, plain(n));
    const again = runCli(["generate", "a.wsdl", "b.wsdl", "-o", "out"], dir, noCi);
    assert.equal(again.stderr, plain(n), "the same lines on every run");
    assert.doesNotMatch(r.stderr, /\r|\x1b/);
  });

  test("CI set: plain lines even on a terminal", () => {
    const dir = twoInputs();
    const r = runCli(["generate", "a.wsdl", "b.wsdl", "-o", "out"], dir, { CI: "true", WSDLC_PROGRESS: "" });
    assert.equal(r.stderr, plain(countFiles(join(dir, "out"))));
  });

  test("a terminal (faked with WSDLC_PROGRESS=tty): one line rewritten in place, erased at the end", () => {
    const dir = twoInputs();
    const r = runCli(["generate", "a.wsdl", "b.wsdl", "-o", "out"], dir, { WSDLC_PROGRESS: "tty" });
    assert.equal(r.status, 0, r.stderr);
    const n = countFiles(join(dir, "out"));
    assert.doesNotMatch(r.stderr, /\n/, "no line feeds: one status line");
    for (const s of [
      "reading document 1: a.wsdl",
      "reading document 2: b.wsdl",
      "read 2 documents",
      "analysing 1/2: a.wsdl",
      "analysing 2/2: b.wsdl",
      "analysed 2 inputs",
      `writing ${n} files to out`,
    ]) {
      assert.ok(r.stderr.includes(`\r\x1b[2Kwsdlc: ${s}`), `${s} in ${JSON.stringify(r.stderr)}`);
    }
    assert.ok(r.stderr.endsWith("\r\x1b[2K"), "erased at the end");
    assert.equal(r.stdout, `out: ${n} files, ${n} changed\n`);
  });

  const hasScript = spawnSync("script", ["--version"], { encoding: "utf8" }).status === 0;
  test("a real pseudo-terminal (script -qc)", { skip: hasScript ? false : "no `script` on this system" }, () => {
    const dir = twoInputs();
    const cmd = `${JSON.stringify(process.execPath)} ${JSON.stringify(join(ROOT, "bin", "wsdlc.js"))} generate a.wsdl b.wsdl -o out`;
    const env = { ...process.env, CI: "", WSDLC_PROGRESS: "", WSDLC_CACHE_DIR: dir };
    const r = spawnSync("script", ["-qec", cmd, "/dev/null"], { cwd: dir, encoding: "utf8", env, timeout: 120_000 });
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /\r\x1b\[2Kwsdlc: analysed 2 inputs/);
    assert.doesNotMatch(r.stdout, /wsdlc: read 2 documents\r?\n/, "no plain lines on a terminal");
    const n = countFiles(join(dir, "out"));
    assert.match(r.stdout, new RegExp(`out: ${n} files, (0|${n}) changed`));
  });

  test("a remote input: the same plain lines", async () => {
    const srv = await startLoopback();
    try {
      srv.handlers.set("/svc?wsdl", (_req, _body, res) => res.writeHead(200, { "Content-Type": "text/xml" }).end(readFileSync(FIXTURE)));
      const dir = tempDir("wsdlc-progress-");
      const r = await runCliAsync(["generate", `${srv.base}/svc?wsdl`, "-o", "out"], dir, noCi);
      assert.equal(r.status, 0, r.stderr);
      assert.equal(r.stderr, `wsdlc: read 1 document\nwsdlc: analysed 1 input\nwsdlc: generated ${countFiles(join(dir, "out"))} files\n`);
    } finally {
      await srv.close();
    }
  });

  test("one local input, or -q: no progress", () => {
    const dir = twoInputs();
    const one = runCli(["generate", "a.wsdl", "-o", "out"], dir, noCi);
    assert.equal(one.stderr, "");
    const quiet = runCli(["generate", "a.wsdl", "b.wsdl", "-o", "out", "-q"], dir, noCi);
    assert.equal(quiet.stderr, "");
    const off = runCli(["generate", "a.wsdl", "b.wsdl", "-o", "out"], dir, { WSDLC_PROGRESS: "off" });
    assert.equal(off.stderr, "");
  });
});
