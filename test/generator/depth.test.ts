/**
 * Deep and wide input: 600 named types each containing the next, and 600 each extending the next, generate
 * correctly; 3,000 nested anonymous types (which overflowed the stack from about 1,000) are an `xsd-too-deep`
 * error with a position (exit 2 from the CLI, no stack trace, nothing written), all in bounded time.
 * (10,000 levels hit the same diagnostic, but the XML loader takes minutes for them: namespace resolution in
 * the SAX parser costs time proportional to the depth per tag; that is the loader's to bound.)
 */
import assert from "node:assert/strict";
import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, test } from "node:test";
import { generateDocs, wsdlAround } from "../helpers/generate.js";
import { runCli } from "../helpers/cli.js";
import { tempDir } from "../helpers/tmp.js";

function chain(n: number, link: (i: number) => string): string {
  const types: string[] = [];
  for (let i = 0; i < n; i++) {
    types.push(i === n - 1 ? `<xs:complexType name="T${i}"><xs:sequence><xs:element name="f${i}" type="xs:string"/></xs:sequence></xs:complexType>` : link(i));
  }
  return `${types.join("\n")}\n<xs:element name="Req" type="tns:T0"/><xs:element name="Resp"><xs:complexType><xs:sequence><xs:element name="r" type="xs:string"/></xs:sequence></xs:complexType></xs:element>`;
}

const containing = (i: number): string => `<xs:complexType name="T${i}"><xs:sequence><xs:element name="n${i}" type="tns:T${i + 1}" minOccurs="0"/></xs:sequence></xs:complexType>`;
const extending = (i: number): string =>
  `<xs:complexType name="T${i}"><xs:complexContent><xs:extension base="tns:T${i + 1}"><xs:sequence><xs:element name="f${i}" type="xs:string"/></xs:sequence></xs:extension></xs:complexContent></xs:complexType>`;

describe("deep input", () => {
  for (const [label, link] of [
    ["containing", containing],
    ["extending", extending],
  ] as const) {
    test(`600 named types each ${label} the next generate, every type declared`, async () => {
      const start = performance.now();
      const r = await generateDocs({ "mem:/chain.wsdl": wsdlAround({ schema: chain(600, link) }) });
      assert.deepEqual(
        r.diagnostics.filter((d) => d.severity === "error"),
        [],
      );
      const types = r.files.find((f) => f.path === "types.ts")?.text ?? "";
      for (const i of [0, 1, 299, 598, 599]) assert.match(types, new RegExp(`^export interface T${i} `, "m"));
      if (label === "containing") assert.match(types, /^ {2}n0\?: T1;$/m);
      else assert.match(types, /^export interface T0 extends T1 \{$/m);
      assert.ok(performance.now() - start < 30_000);
    });
  }

  test("3,000 nested anonymous types: xsd-too-deep with a position, exit 2, no stack trace, nothing written", () => {
    const depth = 3_000;
    const open = '<xs:complexType><xs:sequence><xs:element name="e" minOccurs="0">';
    const close = "</xs:element></xs:sequence></xs:complexType>";
    const schema = `<xs:element name="Req">${open.repeat(depth)}<xs:simpleType><xs:restriction base="xs:string"/></xs:simpleType>${close.repeat(depth)}</xs:element>
<xs:element name="Resp"><xs:complexType><xs:sequence><xs:element name="r" type="xs:string"/></xs:sequence></xs:complexType></xs:element>`;
    const dir = tempDir("wsdlc-deep-");
    const path = join(dir, "deep.wsdl");
    writeFileSync(path, wsdlAround({ schema }).replace(/\n\s*/g, "\n"));
    const start = performance.now();
    const r = runCli(["generate", path, "--out", join(dir, "out")], dir);
    const ms = performance.now() - start;
    assert.equal(r.status, 2, r.stderr.slice(0, 500));
    assert.match(r.stderr, /^deep\.wsdl:\d+:[1-9]\d*: error: anonymous types and model groups are nested more than 300 deep.*\[xsd-too-deep\]$/m);
    assert.doesNotMatch(r.stderr, /\n\s+at |internal error|Maximum call stack/);
    assert.equal(existsSync(join(dir, "out")), false);
    assert.ok(ms < 60_000, `took ${ms} ms`);
  });
});
