/**
 * The command when its reader goes away: `wsdlc inspect … | head` closes the pipe after the first lines. The
 * command must not die of EPIPE with a stack trace; what it would still print is dropped, and it finishes as it
 * would have (the files of `generate` written, its exit status kept). Each case closes the read end of the
 * child's stdout (or stderr) before the child writes anything, so every write meets a closed pipe.
 */
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, test } from "node:test";
import { runCli } from "../helpers/cli.js";
import { ROOT } from "../helpers/generate.js";
import { tempDir } from "../helpers/tmp.js";

const WSDLC = join(ROOT, "bin", "wsdlc.js");
const USER_WSDL = join(ROOT, "test", "fixtures", "embedded", "Services75-User.wsdl");

interface Closed {
  readonly status: number | null;
  readonly signal: NodeJS.Signals | null;
  /** What the child wrote on the stream that stayed open. */
  readonly other: string;
}

/** Runs wsdlc with the read end of `closed` (its stdout or stderr) closed at once. */
function withClosed(closed: "stdout" | "stderr", args: readonly string[], cwd: string): Promise<Closed> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [WSDLC, ...args], { cwd, stdio: ["ignore", "pipe", "pipe"] });
    const open = closed === "stdout" ? child.stderr : child.stdout;
    (closed === "stdout" ? child.stdout : child.stderr).destroy();
    let other = "";
    open.setEncoding("utf8").on("data", (d: string) => (other += d));
    child.on("error", reject);
    child.on("close", (status, signal) => resolve({ status, signal, other }));
  });
}

describe("a reader that closes the pipe early", () => {
  for (const args of [["--help"], ["--version"], ["inspect", USER_WSDL], ["generate", "--help"]]) {
    test(`wsdlc ${args[0]}${args[1] === "--help" ? " --help" : ""} with stdout closed: exit 0, nothing on stderr`, async () => {
      const r = await withClosed("stdout", args, tempDir("wsdlc-pipes-"));
      assert.deepEqual(r, { status: 0, signal: null, other: "" });
    });
  }

  test("wsdlc generate with stdout closed writes the whole package and keeps its exit status", async () => {
    const cwd = tempDir("wsdlc-pipes-");
    const r = await withClosed("stdout", ["generate", USER_WSDL, "-o", "out"], cwd);
    assert.deepEqual(r, { status: 0, signal: null, other: "" });
    assert.ok(existsSync(join(cwd, "out", "UserClient.ts")), readdirSync(join(cwd, "out")).join(", "));
    // The folder is exactly what a run with an open stdout writes: --check finds no difference.
    const check = runCli(["generate", USER_WSDL, "-o", "out", "--check"], cwd);
    assert.equal(check.status, 0, check.stdout + check.stderr);
    // And --check itself, reporting to a closed pipe, still says "differs" with its status (1).
    const changed = tempDir("wsdlc-pipes-");
    const fresh = await withClosed("stdout", ["generate", USER_WSDL, "-o", "out", "--check"], changed);
    assert.equal(fresh.signal, null);
    assert.equal(fresh.status, 1, fresh.other);
    assert.doesNotMatch(fresh.other, /EPIPE|at .*\(node:/);
  });

  test("with stderr closed, bad input still exits 2 and nothing is written", async () => {
    const cwd = tempDir("wsdlc-pipes-");
    const r = await withClosed("stderr", ["generate", join(cwd, "missing.wsdl"), "-o", "out"], cwd);
    assert.deepEqual(r, { status: 2, signal: null, other: "" });
    assert.equal(existsSync(join(cwd, "out")), false);
  });
});
