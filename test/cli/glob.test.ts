/** Input globs (bin/inputs.ts, tinyglobby): `*`, `?`, `**`, `{a,b}` and `[...]`, sorted, files only. */
import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import { expandInputs, isGlob } from "../../bin/inputs.js";
import { tempDir } from "../helpers/tmp.js";

function tree(): string {
  const dir = tempDir("wsdlc-glob-");
  for (const f of [
    "wsdl/User.wsdl",
    "wsdl/Person.wsdl",
    "wsdl/Sale.wsdl",
    "wsdl/Sale.xsd",
    "wsdl/a1.wsdl",
    "wsdl/a2.wsdl",
    "wsdl/ab.wsdl",
    "wsdl/deep/er/Contact.wsdl",
    "other/User.wsdl",
  ]) {
    mkdirSync(join(dir, f, ".."), { recursive: true });
    writeFileSync(join(dir, f), "<x/>");
  }
  // A folder whose name matches must not count as a file.
  mkdirSync(join(dir, "wsdl", "Folder.wsdl"));
  return dir;
}

async function rel(dir: string, patterns: string[]): Promise<{ files: string[]; unmatched: string[] }> {
  const { urls, unmatched } = await expandInputs(patterns, dir);
  return { files: urls.map((u) => fileURLToPath(u).slice(dir.length + 1)), unmatched };
}

describe("input globs", () => {
  test("braces {a,b}", async () => {
    const dir = tree();
    assert.deepEqual((await rel(dir, ["wsdl/{User,Sale}.wsdl"])).files, ["wsdl/Sale.wsdl", "wsdl/User.wsdl"]);
    assert.deepEqual((await rel(dir, ["{wsdl,other}/User.wsdl"])).files, ["other/User.wsdl", "wsdl/User.wsdl"]);
  });

  test("character classes [...] and ?", async () => {
    const dir = tree();
    assert.deepEqual((await rel(dir, ["wsdl/a[0-9].wsdl"])).files, ["wsdl/a1.wsdl", "wsdl/a2.wsdl"]);
    assert.deepEqual((await rel(dir, ["wsdl/a[!0-9].wsdl"])).files, ["wsdl/ab.wsdl"]);
    assert.deepEqual((await rel(dir, ["wsdl/a?.wsdl"])).files, ["wsdl/a1.wsdl", "wsdl/a2.wsdl", "wsdl/ab.wsdl"]);
  });

  test("* stays in one folder, ** crosses folders; only files, sorted", async () => {
    const dir = tree();
    assert.deepEqual((await rel(dir, ["wsdl/*.wsdl"])).files, ["wsdl/Person.wsdl", "wsdl/Sale.wsdl", "wsdl/User.wsdl", "wsdl/a1.wsdl", "wsdl/a2.wsdl", "wsdl/ab.wsdl"]);
    assert.deepEqual((await rel(dir, ["wsdl/**/C*.wsdl"])).files, ["wsdl/deep/er/Contact.wsdl"]);
  });

  test("an absolute pattern; a pattern matching nothing is reported; plain paths and URLs pass through", async () => {
    const dir = tree();
    assert.deepEqual((await rel(dir, [join(dir, "wsdl", "{Person,Nobody}.wsdl")])).files, ["wsdl/Person.wsdl"]);
    const none = await expandInputs(["wsdl/{x,y}.wsdl", "wsdl/[q].wsdl"], dir);
    assert.deepEqual(none.unmatched, ["wsdl/{x,y}.wsdl", "wsdl/[q].wsdl"]);
    const plain = await expandInputs(["missing.wsdl", "https://h/x.svc?wsdl"], dir);
    assert.deepEqual(
      plain.urls.map((u) => u.replace(/^file:\/\/.*\//, "file:")),
      ["file:missing.wsdl", "https://h/x.svc?wsdl"],
    );
    assert.equal(isGlob("a{b,c}"), true);
    assert.equal(isGlob("plain.wsdl"), false);
  });
});
