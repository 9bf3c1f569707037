/**
 * The generation cache the corpus tests share (test/helpers/gencache.ts): a second call with the same inputs
 * gives the same result without generating again, and a change to any document it read (the WSDL or a schema it
 * imports) is seen, never served stale.
 */
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { pathToFileURL } from "node:url";
import { generateCached } from "./helpers/gencache.js";
import { wsdlAround } from "./helpers/generate.js";
import { tempDir } from "./helpers/tmp.js";

const schema = (field: string) =>
  `<xs:element name="Req"><xs:complexType><xs:sequence><xs:element name="${field}" type="xs:int"/></xs:sequence></xs:complexType></xs:element><xs:element name="Resp" type="xs:string"/>`;

test("a cached result is reused while its documents are unchanged, and regenerated when one changes", async () => {
  const dir = tempDir("wsdlc-gencache-");
  const wsdl = join(dir, "a.wsdl");
  writeFileSync(wsdl, wsdlAround({ schema: schema("first") }));
  const url = pathToFileURL(wsdl).href;
  const types = async () => (await generateCached([url])).files.find((f) => f.path === "types.ts")?.text ?? "";
  const one = await types();
  assert.match(one, /\bfirst\b/);
  assert.equal(await types(), one);
  writeFileSync(wsdl, wsdlAround({ schema: schema("second") }));
  const two = await types();
  assert.match(two, /\bsecond\b/);
  assert.doesNotMatch(two, /\bfirst\b/);
});
