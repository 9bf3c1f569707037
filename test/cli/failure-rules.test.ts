/**
 * How a service reports failure in its response headers is configurable: the default is SuperOffice's
 * `Succeeded=false` with `ExceptionInfo`; `--failure-header` replaces it, `--no-failure-header` turns it off,
 * and the config file takes the same rules. A rule applies to a client only when every operation with
 * response headers has the flag header.
 */
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { runCli } from "../helpers/cli.js";
import { ROOT } from "../helpers/generate.js";
import { tempDir } from "../helpers/tmp.js";

const FIXTURE = join(ROOT, "test", "fixtures", "embedded", "Services75-User.wsdl");

function failureLine(args: readonly string[]): { status: number | null; line: string; stderr: string } {
  const dir = tempDir("wsdlc-failure-");
  const r = runCli(["generate", FIXTURE, "-o", "out", "-q", ...args], dir);
  const client = r.status === 0 ? readFileSync(join(dir, "out", "UserClient.ts"), "utf8") : "";
  // The descriptor's `failure` entry, on one line (it is laid out over several when long).
  const entry =
    /^ {2}failure: (\{[^}]*\}),$/m
      .exec(client)?.[1]
      ?.replace(/\s*\n\s*/g, " ")
      .replace("{ ", "{ ")
      .replace(/, \}$/, " }") ?? "";
  return { status: r.status, line: entry === "" ? "" : `  failure: ${entry},`, stderr: r.stderr };
}

// The detail's keys come from its type (SoExceptionInfo): the runtime knows no SuperOffice names.
const SUPEROFFICE = '  failure: { flag: "Succeeded", failureValue: false, detail: "ExceptionInfo", type: "ExceptionType", message: "Message", inner: "InnerException" },';

test("default, replaced, disabled, and a rule the WSDL does not fit", () => {
  assert.equal(failureLine([]).line, SUPEROFFICE);
  // A detail header whose type has none of those properties gets no keys.
  assert.equal(failureLine(["--failure-header", "Succeeded=false:ExtraInfo"]).line, '  failure: { flag: "Succeeded", failureValue: false, detail: "ExtraInfo" },');
  assert.equal(failureLine(["--failure-header", "Succeeded=false"]).line, '  failure: { flag: "Succeeded", failureValue: false },');
  assert.equal(failureLine(["--no-failure-header"]).line, "");
  // No operation has a `Status` response header: the rule does not apply, so none is set.
  assert.equal(failureLine(["--failure-header", "Status=Error:Problem"]).line, "");
  // The first rule that fits wins.
  assert.equal(failureLine(["--failure-header", "Status=Error", "--failure-header", "Succeeded=false:ExceptionInfo"]).line, SUPEROFFICE);
  const bad = failureLine(["--failure-header", "Succeeded"]);
  assert.equal(bad.status, 2);
  assert.equal(bad.stderr, 'wsdlc: --failure-header "Succeeded": expected <header>=<value>[:<detail header>], e.g. Succeeded=false:ExceptionInfo\n');
});

test("the config file takes failureHeaders", () => {
  const dir = tempDir("wsdlc-failure-");
  writeFileSync(join(dir, "wsdlc.json"), JSON.stringify({ inputs: [FIXTURE], out: "sdk", failureHeaders: false }));
  assert.equal(runCli(["generate", "-c", "wsdlc.json", "-q"], dir).status, 0);
  assert.doesNotMatch(readFileSync(join(dir, "sdk", "UserClient.ts"), "utf8"), /failure:/);
});
