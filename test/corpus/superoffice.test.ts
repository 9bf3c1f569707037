/**
 * The first target, from ../shared/corpus/superoffice: the real Services75 User WSDL (66 operations) in its
 * indented and raw one-line forms gives identical output that type-checks strictly; so does every other
 * Services75 agent.
 */
import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, test } from "node:test";
import type { GenerateResult } from "../../generator/index.js";
import { generateCached } from "../helpers/gencache.js";
import { writePackage } from "../helpers/generate.js";
import { CORPUS, corpusSkip } from "../helpers/shared.js";
import { typecheck } from "../helpers/typecheck.js";
import { tempDir } from "../helpers/tmp.js";

const skip = corpusSkip();
const WSDL = join(CORPUS, "superoffice", "wsdl");

/** Through the generation cache: the User test's results serve the every-agent test, and zeep-agents' serve both. */
async function gen(file: string): Promise<GenerateResult> {
  return generateCached([pathToFileURL(file).href]);
}

describe("SuperOffice Services75", { skip }, () => {
  test("User: indented and raw forms give identical output that type-checks strictly", async () => {
    const pretty = await gen(join(WSDL, "Services75-User.wsdl"));
    const raw = await gen(join(WSDL, "raw", "WSDL-Services75-User.xml"));
    assert.deepEqual(pretty.diagnostics, []);
    assert.deepEqual(raw.diagnostics, []);
    assert.deepEqual(
      raw.files.map((f) => f.path),
      pretty.files.map((f) => f.path),
    );
    for (let i = 0; i < pretty.files.length; i++) assert.equal(raw.files[i]?.text, pretty.files[i]?.text, pretty.files[i]?.path);

    const client = pretty.files.find((f) => f.path === "UserClient.ts")?.text ?? "";
    assert.equal((client.match(/^ {2}\w+\(input: \w+.*\): Promise<.*> \{$/gm) ?? []).length, 66, "one method per operation");
    const dir = tempDir("wsdlc-user-");
    writePackage(dir, pretty.files);
    const tc = typecheck([dir]);
    assert.equal(tc.output, "");
    assert.equal(tc.status, 0);
  });

  test("every Services75 agent, indented and raw, generates the same output and type-checks", async () => {
    const agents = readdirSync(WSDL)
      .filter((n) => /^Services75-.*\.wsdl$/.test(n))
      .sort();
    assert.equal(agents.length, 45);
    const root = tempDir("wsdlc-agents-");
    const dirs: string[] = [];
    for (const name of agents) {
      const pretty = await gen(join(WSDL, name));
      assert.deepEqual(
        pretty.diagnostics.filter((d) => d.severity === "error"),
        [],
        name,
      );
      const raw = await gen(join(WSDL, "raw", `WSDL-${name.replace(/\.wsdl$/, ".xml")}`));
      assert.deepEqual(
        raw.files.map((f) => `${f.path}\n${f.text}`),
        pretty.files.map((f) => `${f.path}\n${f.text}`),
        `${name}: raw and indented output differ`,
      );
      const dir = join(root, name.replace(/\.wsdl$/, ""));
      writePackage(dir, pretty.files);
      dirs.push(dir);
    }
    const tc = typecheck(dirs);
    assert.equal(tc.output, "");
    assert.equal(tc.status, 0);
  });
});
