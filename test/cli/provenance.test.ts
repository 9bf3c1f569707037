/**
 * Provenance: runtime/version.ts records the wsdlc version (only the version) that copied the runtime, and
 * `generate --check` tells a runtime from another wsdlc version apart from inputs that changed.
 */
import assert from "node:assert/strict";
import { cpSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, test } from "node:test";
import { runCli } from "../helpers/cli.js";
import { ROOT } from "../helpers/generate.js";
import { tempDir } from "../helpers/tmp.js";

const FIXTURE = join(ROOT, "test", "fixtures", "embedded", "Services75-User.wsdl");
const VERSION = (JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string }).version;

function generated(): string {
  const dir = tempDir("wsdlc-prov-");
  cpSync(FIXTURE, join(dir, "User.wsdl"));
  const r = runCli(["generate", "User.wsdl", "-o", "out", "-q"], dir);
  assert.equal(r.status, 0, r.stderr);
  return dir;
}

function setRecorded(dir: string, version: string): void {
  const p = join(dir, "out", "runtime", "version.ts");
  writeFileSync(p, readFileSync(p, "utf8").replace(/WSDLC_VERSION = "[^"]*"/, `WSDLC_VERSION = "${version}"`));
}

describe("provenance of the copied runtime", () => {
  test("runtime/version.ts holds the package version and nothing that changes per commit or per day", () => {
    const dir = generated();
    const text = readFileSync(join(dir, "out", "runtime", "version.ts"), "utf8");
    assert.match(text, /^\/\/ The wsdlc runtime, copied into the output by the generator\. DO NOT EDIT\.\n/);
    assert.equal(
      text
        .split("\n")
        .filter((l) => l.includes("WSDLC_VERSION ="))
        .join(""),
      `export const WSDLC_VERSION = "${VERSION}";`,
    );
    assert.doesNotMatch(text, /[0-9a-f]{7,40}\b|\d{4}-\d{2}-\d{2}/, "no commit hash or date");
    // The committed output carries it too.
    assert.equal(readFileSync(join(ROOT, "generated", "services75-user", "runtime", "version.ts"), "utf8"), text);
    const clean = runCli(["generate", "User.wsdl", "-o", "out", "--check"], dir);
    assert.equal(clean.status, 0, clean.stdout);
  });

  test("--check: a runtime from another wsdlc version is called a stale runtime", () => {
    const dir = generated();
    setRecorded(dir, "0.0.9");
    const r = runCli(["generate", "User.wsdl", "-o", "out", "--check"], dir);
    assert.equal(r.status, 1);
    assert.match(
      r.stdout,
      new RegExp(
        `^out: 1 file would change: stale runtime: runtime/ was written by wsdlc 0\\.0\\.9, this is wsdlc ${VERSION.replace(/\./g, "\\.")}; the inputs give the same code`,
        "m",
      ),
    );
    assert.match(r.stdout, /modified runtime\/version\.ts/);
  });

  test("--check: a changed WSDL is called changed inputs, not a stale runtime", () => {
    const dir = generated();
    const wsdl = join(dir, "User.wsdl");
    writeFileSync(
      wsdl,
      readFileSync(wsdl, "utf8").replace('<wsdl:service name="WcfUserService">', '<wsdl:service name="WcfUserService"><wsdl:documentation>Changed</wsdl:documentation>'),
    );
    const r = runCli(["generate", "User.wsdl", "-o", "out", "--check"], dir);
    assert.equal(r.status, 1);
    assert.match(r.stdout, /would change: the inputs changed \(WSDL, its imports or the options\)/);
    assert.doesNotMatch(r.stdout, /stale runtime/);
  });

  test("--check: another version and changed inputs: both are said", () => {
    const dir = generated();
    setRecorded(dir, "0.0.9");
    const types = join(dir, "out", "types.ts");
    writeFileSync(types, `${readFileSync(types, "utf8")}// edited\n`);
    const r = runCli(["generate", "User.wsdl", "-o", "out", "--check"], dir);
    assert.equal(r.status, 1);
    assert.match(r.stdout, /^out: 2 files would change: written by wsdlc 0\.0\.9, this is wsdlc .*: the changes may come from the new version as well as from the inputs$/m);
  });
});
