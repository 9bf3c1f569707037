/**
 * The generator takes its runtime lists from the runtime itself: the primitive list is the runtime's
 * `PRIMITIVES` (imported as a value), and the names generated code must not take are what the runtime's
 * index.ts exports, read with the TypeScript parser. No list is copied by hand, and nothing here reads the
 * runtime's source with a regular expression.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { builtinPrimitive, PRIMITIVES } from "../../generator/analyze/builtins.js";
import { parseExports, runtimeExports, scanExports } from "../../generator/analyze/runtime-exports.js";
import { generate } from "../../generator/index.js";
import { NS } from "../../generator/ns.js";
import * as runtime from "../../templates/runtime/index.js";
import { decodePrimitive, isPrimitive } from "../../templates/runtime/values.js";
import { declaration, memoryReader, runtimeTemplates, wsdlAround } from "../helpers/generate.js";

describe("primitives", () => {
  test("every primitive of the list is one the runtime codes, and the runtime codes no other", () => {
    for (const p of PRIMITIVES) assert.ok(isPrimitive(p), p);
    for (const other of ["", "foo", "xs:int", "String", "dateTimeStamp", "__proto__"]) assert.equal(isPrimitive(other), false, other);
    // Every simple primitive decodes through the runtime's own codec (anyType is content, not text).
    for (const p of PRIMITIVES) if (p !== "anyType") assert.doesNotThrow(() => decodePrimitive(p, sampleText(p)), p);
  });

  test("XSD built-ins map to themselves, WCF serialization names to guid/char/duration", () => {
    for (const p of PRIMITIVES) {
      const expected = p === "guid" || p === "char" ? undefined : p;
      assert.equal(builtinPrimitive({ ns: NS.xs, local: p }), expected, p);
    }
    assert.equal(builtinPrimitive({ ns: NS.msSer, local: "guid" }), "guid");
    assert.equal(builtinPrimitive({ ns: NS.msSer, local: "char" }), "char");
    assert.equal(builtinPrimitive({ ns: NS.xs, local: "dateTimeStamp" }), undefined);
  });
});

/** A valid lexical value of each primitive. */
function sampleText(p: string): string {
  const samples: Record<string, string> = {
    boolean: "true",
    float: "1.5",
    double: "1.5",
    decimal: "1.50",
    dateTime: "2024-01-01T00:00:00Z",
    date: "2024-01-01",
    time: "10:00:00",
    duration: "P1D",
    gYear: "2024",
    gYearMonth: "2024-01",
    gMonth: "--01",
    gMonthDay: "--01-01",
    gDay: "---01",
    base64Binary: "AQID",
    hexBinary: "0102",
    guid: "d9b4e0a3-2f4e-4b8e-9c1a-2b3c4d5e6f70",
    char: "65",
    QName: "a",
    negativeInteger: "-1",
    nonPositiveInteger: "0",
  };
  if (samples[p] !== undefined) return samples[p];
  if (/int|long|short|byte|integer/i.test(p)) return "1";
  return "a";
}

describe("runtime exports", () => {
  test("are the runtime module's value and type exports", () => {
    const names = runtimeExports(runtimeTemplates());
    // Every value the runtime module exports at run time is listed…
    for (const value of Object.keys(runtime)) assert.ok(names.includes(value), value);
    // …and the types generated code imports from it.
    for (const type of [
      "ClientDescriptor",
      "ClientOptions",
      "CallOptions",
      "FieldDescriptor",
      "TypeTable",
      "DecimalString",
      "DecimalInput",
      "DateTimeString",
      "DateTimeInput",
      "IntegerInput",
      "Guid",
      "CharInput",
      "QNameString",
      "XmlElement",
      "Primitive",
    ]) {
      assert.ok(names.includes(type), type);
    }
    // A name the runtime does not export is not reserved (a hand-kept list once had `NoHeaders`).
    assert.equal(names.includes("NoHeaders"), false);
    assert.equal(names.includes("PRIMITIVES"), false);
  });

  test("the fast scanner reads exactly what the TypeScript parser reads from the runtime, and defers to it otherwise", () => {
    const rt = runtimeTemplates();
    const scanned = scanExports(rt);
    assert.ok(scanned, "the runtime's export forms are all known to the scanner (no TypeScript load at generation)");
    assert.deepEqual(scanned, parseExports(rt));
    // A form the scanner does not know: it gives up, and runtimeExports still answers exactly (the parser).
    const odd = new Map(rt);
    odd.set("index.ts", `${rt.get("index.ts") ?? ""}\nexport const { Odd } = { Odd: 1 };\nexport default 1;\n`);
    assert.equal(scanExports(odd), undefined);
    assert.ok(runtimeExports(odd).includes("Odd"));
  });

  test("a name the runtime starts to export is reserved in generated code, without any list to update", async () => {
    const schema = `
      <xs:complexType name="Fancy"><xs:sequence><xs:element name="X" type="xs:int"/></xs:sequence></xs:complexType>
      <xs:complexType name="Plain"><xs:sequence><xs:element name="Y" type="xs:int"/></xs:sequence></xs:complexType>
      <xs:element name="Req"><xs:complexType><xs:sequence><xs:element name="F" type="tns:Fancy"/><xs:element name="P" type="tns:Plain"/></xs:sequence></xs:complexType></xs:element>
      <xs:element name="Resp"><xs:complexType><xs:sequence/></xs:complexType></xs:element>`;
    const types = async (rt: ReadonlyMap<string, string>): Promise<string> => {
      const r = await generate(["mem:/t.wsdl"], { reader: memoryReader({ "mem:/t.wsdl": wsdlAround({ schema }) }), runtime: rt });
      return r.files.find((f) => f.path === "types.ts")?.text ?? "";
    };
    const plain = await types(runtimeTemplates());
    assert.ok(declaration(plain, "Fancy"));
    const extended = new Map(runtimeTemplates());
    extended.set("fancy.ts", "export class Fancy {}\nexport type { Plain as Other };\ninterface Plain { a: 1 }\n");
    extended.set("index.ts", `${extended.get("index.ts") ?? ""}\nexport { Fancy } from "./fancy.js";\nexport type * from "./fancy.js";\n`);
    const renamed = await types(extended);
    assert.equal(declaration(renamed, "Fancy"), undefined);
    assert.ok(declaration(renamed, "Fancy_2"));
    // `Other` is exported, `Plain` (declared but not exported) is not: the schema type keeps its name.
    assert.ok(declaration(renamed, "Plain"));
    assert.ok(runtimeExports(extended).includes("Other"));
  });
});
