/**
 * The generator builds descriptors as values of the runtime's own types and only prints them: what it prints
 * evaluates to the very value it built, namespaces go through the namespace constants, shared values are
 * written as their constants, and anything that is not plain data is refused instead of printed wrongly.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { NamespaceTable, printDescriptor } from "../../generator/emit/descriptors.js";
import { literal } from "../../generator/emit/literal.js";
import type { ClientDescriptor, FieldDescriptor, TypeTable } from "../../templates/runtime/descriptors.js";

const NS = "http://www.superoffice.net/ws/crm/NetServer/Services75";

function table(): NamespaceTable {
  return new NamespaceTable(new Map([[NS, "nsServices75"]]));
}

/** Evaluates printed descriptor text with the namespace constants and shared values in scope. */
function evaluate(text: string, scope: Record<string, unknown>): unknown {
  const names = Object.keys(scope);
  return new Function(...names, `return (${text});`)(...names.map((n) => scope[n]));
}

test("a printed type table evaluates to the table built, with namespaces through their constants", () => {
  const types: TypeTable = {
    Credentials: {
      kind: "struct",
      qname: [NS, "Credentials"],
      fields: [
        { name: "Ticket", ns: NS, type: "xs:string", min: 0, nillable: true },
        { prop: "items", name: "Item", type: "xs:int", max: "unbounded", facets: { minInclusive: "0", patterns: [["[0-9]+"]] } },
      ],
    },
    Mode: { kind: "enum", qname: ["", "Mode"], base: "xs:string", values: ["a", "__proto__", 'q"uote'] },
  };
  const ns = table();
  const text = printDescriptor(types, ns);
  assert.match(text, /qname: \[nsServices75, "Credentials"\]/);
  assert.match(text, /name: "Ticket", ns: nsServices75,/);
  assert.doesNotMatch(text, new RegExp(NS.replace(/[./]/g, "\\$&")), "the URI itself is only in the constant");
  assert.deepEqual(ns.takeDeclarations(), [{ name: "nsServices75", uri: NS }]);
  assert.deepEqual(evaluate(text, { nsServices75: NS }), types);
});

test("shared header lists and the type table are written as their constants", () => {
  const headers: readonly FieldDescriptor[] = [{ name: "Credentials", ns: NS, type: "Credentials", min: 0 }];
  const types: TypeTable = {};
  const client: ClientDescriptor = {
    port: "P",
    soap: "1.1",
    endpoint: "",
    types,
    operations: {
      a: { name: "A", action: "", input: { body: { kind: "empty" }, headers } },
      b: { name: "B", action: "", input: { body: { kind: "empty" }, headers: [...headers] } },
    },
  };
  const text = printDescriptor(
    client,
    table(),
    new Map<object, string>([
      [headers, "sharedHeaders"],
      [types, "typeTable"],
    ]),
  );
  assert.match(text, /a: \{ name: "A", action: "", input: \{ body: \{ kind: "empty" \}, headers: sharedHeaders \} \}/);
  // An equal list that is not the shared one is written out.
  assert.match(text, /b: \{[\s\S]*headers: \[\{ name: "Credentials", ns: nsServices75,/);
  assert.match(text, /types: typeTable,/);
  assert.deepEqual(evaluate(text, { nsServices75: NS, sharedHeaders: headers, typeTable: types }), client);
});

test("properties left undefined are left out; what is not plain data is refused", () => {
  assert.equal(literal({ a: 1, b: undefined, c: [true, "x"] }), '{ a: 1, c: [true, "x"] }');
  assert.throws(() => literal({ a: Number.NaN }), /cannot write number/);
  assert.throws(() => literal({ a: Number.POSITIVE_INFINITY }), /cannot write number/);
  assert.throws(() => literal({ f: () => 1 }), /cannot write function/);
  assert.throws(() => literal({ a: [1, undefined] }), /undefined array item/);
  assert.throws(() => literal({ d: new Date(0) }), /not plain data/);
  assert.throws(() => literal({ n: 1n }), /cannot write bigint/);
});

test("long values break over lines and still evaluate to the same data", () => {
  const fields: FieldDescriptor[] = Array.from({ length: 12 }, (_, i) => ({ name: `Field${i}`, ns: NS, type: "xs:string", min: 0, nillable: true }));
  const text = printDescriptor(fields, table());
  assert.ok(text.split("\n").length > 12);
  for (const line of text.split("\n")) assert.ok(line.length <= 120, line);
  assert.deepEqual(evaluate(text, { nsServices75: NS }), fields);
});
