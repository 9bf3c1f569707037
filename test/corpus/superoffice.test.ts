/**
 * The first target, from ../shared/corpus/superoffice: the real Services75 User WSDL (66 operations) in its
 * indented and raw one-line forms gives identical output that type-checks strictly; so does every other
 * Services75 agent.
 */
import assert from "node:assert/strict";
import { mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, test } from "node:test";
import { generate, type GenerateResult } from "../../generator/index.js";
import { makeReader } from "../../bin/io.js";
import { runtimeTemplates } from "../helpers/generate.js";
import { CORPUS, corpusSkip } from "../helpers/shared.js";
import { typecheck } from "../helpers/typecheck.js";
import { tempDir } from "../helpers/tmp.js";

const skip = corpusSkip();
const WSDL = join(CORPUS, "superoffice", "wsdl");

async function gen(file: string): Promise<GenerateResult> {
  return generate([pathToFileURL(file).href], { reader: makeReader(process.cwd()), runtime: runtimeTemplates() });
}

/** Writes the output as a consumer's ESM package would hold it (`"type": "module"` above it). */
function writeAll(dir: string, r: GenerateResult): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "package.json"), '{ "type": "module" }\n');
  for (const f of r.files) {
    const p = join(dir, f.path);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, f.text);
  }
}

describe("SuperOffice Services75", { skip }, () => {
  test("User: indented and raw forms give identical output that type-checks strictly", async () => {
    const pretty = await gen(join(WSDL, "Services75-User.wsdl"));
    const raw = await gen(join(WSDL, "raw", "WSDL-Services75-User.xml"));
    assert.deepEqual(pretty.diagnostics, []);
    assert.deepEqual(raw.diagnostics, []);
    assert.deepEqual(raw.files.map((f) => f.path), pretty.files.map((f) => f.path));
    for (let i = 0; i < pretty.files.length; i++) assert.equal(raw.files[i]?.text, pretty.files[i]?.text, pretty.files[i]?.path);

    const client = pretty.files.find((f) => f.path === "UserClient.ts")?.text ?? "";
    assert.equal((client.match(/^ {2}\w+\(input: \w+.*\): Promise<.*> \{$/gm) ?? []).length, 66, "one method per operation");
    const dir = tempDir("wsdlc-user-");
    writeAll(dir, pretty);
    const tc = typecheck([dir]);
    assert.equal(tc.output, "");
    assert.equal(tc.status, 0);
  });

  test("every Services75 agent, indented and raw, generates the same output and type-checks", async () => {
    const agents = readdirSync(WSDL).filter((n) => /^Services75-.*\.wsdl$/.test(n)).sort();
    assert.equal(agents.length, 45);
    const root = tempDir("wsdlc-agents-");
    const dirs: string[] = [];
    for (const name of agents) {
      const pretty = await gen(join(WSDL, name));
      assert.deepEqual(pretty.diagnostics.filter((d) => d.severity === "error"), [], name);
      const raw = await gen(join(WSDL, "raw", `WSDL-${name.replace(/\.wsdl$/, ".xml")}`));
      assert.deepEqual(
        raw.files.map((f) => `${f.path}\n${f.text}`),
        pretty.files.map((f) => `${f.path}\n${f.text}`),
        `${name}: raw and indented output differ`,
      );
      const dir = join(root, name.replace(/\.wsdl$/, ""));
      writeAll(dir, pretty);
      dirs.push(dir);
    }
    const tc = typecheck(dirs);
    assert.equal(tc.output, "");
    assert.equal(tc.status, 0);
  });
});
