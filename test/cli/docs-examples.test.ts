/**
 * The TypeScript examples of docs/*.md compile against the committed generated/services75-user package, as a
 * consumer compiles them (strict, exactOptionalPropertyTypes…): every ```ts block is a module of its own,
 * written two folders below a copy of generated/, which is where its `../../generated/…` imports point.
 */
import assert from "node:assert/strict";
import { cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { ROOT } from "../helpers/generate.js";
import { tempDir } from "../helpers/tmp.js";
import { typecheck } from "../helpers/typecheck.js";

function examples(file: string): string[] {
  const text = readFileSync(file, "utf8");
  return [...text.matchAll(/^```ts\n([\s\S]*?)^```$/gm)].map((m) => m[1] ?? "");
}

test("the TypeScript examples in docs/ compile against the committed client", () => {
  const docs = readdirSync(join(ROOT, "docs"))
    .filter((n) => n.endsWith(".md"))
    .sort();
  const dir = tempDir("wsdlc-docs-");
  writeFileSync(join(dir, "package.json"), '{ "type": "module" }\n');
  cpSync(join(ROOT, "generated", "services75-user"), join(dir, "generated", "services75-user"), { recursive: true });
  mkdirSync(join(dir, "docs", "examples"), { recursive: true });
  let count = 0;
  const perDoc: Record<string, number> = {};
  for (const doc of docs) {
    for (const [i, code] of examples(join(ROOT, "docs", doc)).entries()) {
      writeFileSync(join(dir, "docs", "examples", `${doc.replace(/\.md$/, "")}-${i + 1}.ts`), `${code}\nexport {};\n`);
      perDoc[doc] = (perDoc[doc] ?? 0) + 1;
      count++;
    }
  }
  // The migration guides have side-by-side examples; an empty set would make this test pass vacuously.
  assert.ok((perDoc["migrating-from-node-soap.md"] ?? 0) >= 5, "node-soap guide examples");
  assert.ok((perDoc["migrating-from-wsdl-tsclient.md"] ?? 0) >= 2, "wsdl-tsclient guide examples");
  assert.ok((perDoc["server.md"] ?? 0) >= 2, "server guide examples (a mock in a test, a service in Node)");
  // With Node's types: the server guide's examples import node:http and node:test.
  const tc = typecheck([join(dir, "docs")], { types: ["node"], typeRoots: [join(ROOT, "node_modules", "@types")] });
  assert.equal(tc.output, "", `${count} examples`);
  assert.equal(tc.status, 0);
});
