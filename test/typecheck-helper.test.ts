/**
 * The in-process type-check (test/helpers/typecheck.ts) that the generator and corpus tests rely on: it must
 * report what tsc reports. Packages with identical runtime copies share one; a package whose runtime differs is
 * checked with its own, so an error in it is not hidden behind another package's copy.
 */
import assert from "node:assert/strict";
import { appendFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { generateDocs, writePackage, wsdlAround } from "./helpers/generate.js";
import { tempDir } from "./helpers/tmp.js";
import { typecheck } from "./helpers/typecheck.js";

async function packages(n: number): Promise<string[]> {
  const r = await generateDocs({
    "mem:/a.wsdl": wsdlAround({
      schema: `<xs:element name="Req"><xs:complexType><xs:sequence><xs:element name="n" type="xs:int"/></xs:sequence></xs:complexType></xs:element><xs:element name="Resp" type="xs:string"/>`,
    }),
  });
  assert.ok(r.files.length > 0);
  const root = tempDir("wsdlc-tc-");
  return Array.from({ length: n }, (_, i) => {
    const dir = join(root, `p${i}`);
    writePackage(dir, r.files);
    return dir;
  });
}

test("clean packages check clean, one or many at once", async () => {
  const dirs = await packages(3);
  assert.deepEqual(typecheck([dirs[0] ?? ""]), { status: 0, output: "" });
  assert.deepEqual(typecheck(dirs), { status: 0, output: "" });
});

test("an error in a package's own file is reported with its file, line and code", async () => {
  const dirs = await packages(2);
  const bad = join(dirs[1] ?? "", "use.ts");
  writeFileSync(bad, 'import type { Req } from "./types.js";\nexport const r: Req = { n: "one" };\n');
  const tc = typecheck(dirs);
  assert.notEqual(tc.status, 0);
  assert.match(tc.output, /p1\/use\.ts\(2,\d+\): error TS2322/);
});

test("a misuse of a runtime type is reported (the runtime is checked as the templates' declarations)", async () => {
  const dirs = await packages(2);
  writeFileSync(
    join(dirs[0] ?? "", "use.ts"),
    'import type { ClientOptions } from "./runtime/index.js";\nexport const o: ClientOptions<Record<string, never>> = { endpoint: 1 };\n',
  );
  const tc = typecheck(dirs);
  assert.notEqual(tc.status, 0);
  assert.match(tc.output, /p0\/use\.ts\(2,\d+\): error TS2322/);
});

test("an error in one package's runtime copy is found although the other packages' copies are fine", async () => {
  const dirs = await packages(3);
  appendFileSync(join(dirs[2] ?? "", "runtime", "index.ts"), "\nexport const broken: number = 'x';\n");
  const tc = typecheck(dirs);
  assert.notEqual(tc.status, 0);
  assert.match(tc.output, /p2\/runtime\/index\.ts\(\d+,\d+\): error TS2322/);
});

test("compiler options given by the caller apply (a flag that the output breaks is reported)", async () => {
  const dirs = await packages(1);
  writeFileSync(join(dirs[0] ?? "", "enum.ts"), "export enum E { A }\n");
  assert.equal(typecheck(dirs, { erasableSyntaxOnly: false }).status, 0);
  assert.match(typecheck(dirs).output, /error TS1294/);
});
