/** `wsdlc inspect`: clients, headers, failure rule and operation signatures, as text and JSON; errors exit 2. */
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { runCli } from "../helpers/cli.js";
import { ROOT } from "../helpers/generate.js";
import { tempDir } from "../helpers/tmp.js";

const FIXTURE = join(ROOT, "test", "fixtures", "embedded", "Services75-User.wsdl");

test("text summary", () => {
  const r = runCli(["inspect", FIXTURE], ROOT);
  assert.equal(r.status, 0, r.stderr);
  const lines = r.stdout.split("\n");
  assert.equal(lines[0], "UserClient  (WcfUserService / BasicHttpBinding_User, SOAP 1.1, 5 operations)");
  assert.ok(lines.includes("  failure: Succeeded = false (detail: ExceptionInfo) → ServiceError"));
  assert.ok(lines.includes("  saveUntrustedCredentials(input: SaveUntrustedCredentials): Promise<void>"));
  assert.ok(lines.includes("  getUntrustedCredentials(input: GetUntrustedCredentials): Promise<(UntrustedCredentials | null)[] | null | undefined>"));
  assert.equal(lines.at(-2), "types: 27 (2 array, 3 dictionary, 2 enum, 2 list, 18 struct)");
});

test("JSON summary", () => {
  const r = runCli(["inspect", FIXTURE, "--json"], ROOT);
  assert.equal(r.status, 0, r.stderr);
  const s = JSON.parse(r.stdout) as { clients: { className: string; requestHeaders: string[]; operations: { name: string; method: string }[] }[] };
  assert.equal(s.clients[0]?.className, "UserClient");
  assert.deepEqual(s.clients[0]?.requestHeaders, ["ApplicationToken?: string | null", "Credentials?: SoCredentials | null", "TimeZone?: SoTimeZone | null"]);
  assert.deepEqual(s.clients[0]?.operations.map((o) => o.name), ["CreateDefaultUntrustedCredentials", "SaveUntrustedCredentials", "GetUntrustedCredentials", "RemoveUntrustedCredentials", "GetCredentialTypes"]);
});

test("an invalid WSDL exits 2 with its diagnostics", () => {
  const dir = tempDir("wsdlc-inspect-");
  writeFileSync(join(dir, "bad.wsdl"), "<definitions");
  const r = runCli(["inspect", "bad.wsdl"], dir);
  assert.equal(r.status, 2);
  assert.equal(r.stderr, "bad.wsdl:1:12: error: not well-formed XML: document must contain a root element. [xml-malformed]\n  1 | <definitions\n    |            ^\n");
  assert.equal(r.stdout, "");
});

test("--type prints a type's declarations, its request form and its values", () => {
  const r = runCli(["inspect", FIXTURE, "--type", "ETableRight"], ROOT);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^\/\*\* A list of flags \(`xs:list` of an enumeration\), sent space-separated\. \*\/\nexport type ETableRight = ETableRightItem\[\];\n/);
  assert.match(r.stdout, /export const ETableRight = \{\n {2}Select: "Select",/);
  const input = runCli(["inspect", FIXTURE, "-t", "UntrustedCredentials"], ROOT);
  assert.match(input.stdout, /export interface UntrustedCredentialsInput extends Carrier \{\n {2}ValidFrom\?: DateTimeInput;/);
  const missing = runCli(["inspect", FIXTURE, "-t", "Ticket"], ROOT);
  assert.equal(missing.status, 2);
  assert.equal(missing.stderr, 'wsdlc: no type "Ticket"\n');
});
