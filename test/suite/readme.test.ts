/** The README's SuperOffice quick start compiles against an SDK generated from the real SoPrincipal and User WSDLs. */
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { test } from "node:test";
import { generate } from "../../generator/index.js";
import { makeReader } from "../../bin/io.js";
import { runtimeTemplates, writePackage } from "../helpers/generate.js";
import { readmeExamples } from "../helpers/readme.js";
import { CORPUS, corpusSkip } from "../helpers/shared.js";
import { tempDir } from "../helpers/tmp.js";
import { typecheck } from "../helpers/typecheck.js";

test("README SuperOffice quick start compiles", { skip: corpusSkip() }, async () => {
  const example = readmeExamples().find((e) => e.includes("./superoffice/index.js"));
  assert.ok(example, "the quick start example");
  const wsdl = join(CORPUS, "superoffice", "wsdl");
  const r = await generate(
    ["Services75-SoPrincipal.wsdl", "Services75-User.wsdl"].map((n) => pathToFileURL(join(wsdl, n)).href),
    { reader: makeReader(process.cwd()), runtime: runtimeTemplates() },
  );
  const dir = tempDir("wsdlc-quickstart-");
  writePackage(dir, r.files, "superoffice");
  const free = ["declare const appToken: string;", "declare const password: string;", "declare const imapPassword: string;"].join("\n");
  writeFileSync(join(dir, "quickstart.ts"), `${free}\n${example}\nexport {};\n`);
  const tc = typecheck([dir]);
  assert.equal(tc.output, "");
  assert.equal(tc.status, 0);
});
