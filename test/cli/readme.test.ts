/**
 * The README's client examples compile, strictly, against the committed generated client: the documentation
 * cannot drift from the code it describes. (The SuperOffice quick start is checked in test/suite.)
 */
import assert from "node:assert/strict";
import { cpSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { ROOT } from "../helpers/generate.js";
import { readmeExamples } from "../helpers/readme.js";
import { tempDir } from "../helpers/tmp.js";
import { typecheck } from "../helpers/typecheck.js";

test("README examples that use generated/services75-user compile", () => {
  const examples = readmeExamples().filter((e) => e.includes("./generated/services75-user/index.js"));
  assert.ok(examples.length >= 2, "the client and WS-Security examples");
  const dir = tempDir("wsdlc-readme-");
  writeFileSync(join(dir, "package.json"), '{ "type": "module" }\n');
  cpSync(join(ROOT, "generated", "services75-user"), join(dir, "generated", "services75-user"), { recursive: true });
  const free = [
    "declare const appToken: string;",
    "declare const ticket: string;",
    "declare const otherTicket: string;",
    "declare const secret: string;",
    "declare const password: string;",
    "declare const log: { debug(...args: unknown[]): void };",
  ].join("\n");
  examples.forEach((code, i) => writeFileSync(join(dir, `example${i}.ts`), `${free}\n${code}\nexport {};\n`));
  const tc = typecheck([dir]);
  assert.equal(tc.output, "");
  assert.equal(tc.status, 0);
});
