/** `wsdlc inspect`: clients, headers, failure rule and operation signatures, as text and JSON; errors exit 2. */
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { runCli } from "../helpers/cli.js";
import { ROOT } from "../helpers/generate.js";
import { tempDir } from "../helpers/tmp.js";

const FIXTURE = join(ROOT, "test", "fixtures", "embedded", "Services75-User.wsdl");

test("text summary", () => {
  const r = runCli(["inspect", FIXTURE], ROOT);
  assert.equal(r.status, 0, r.stderr);
  const lines = r.stdout.split("\n");
  assert.equal(lines[0], "UserClient  (WcfUserService / BasicHttpBinding_User, SOAP 1.1, 5 operations)");
  assert.ok(lines.includes("  failure: Succeeded = false (detail: ExceptionInfo) → ServiceError"));
  assert.ok(lines.includes("  saveUntrustedCredentials(input: SaveUntrustedCredentials): Promise<void>"));
  assert.ok(lines.includes("  getUntrustedCredentials(input: GetUntrustedCredentials): Promise<(UntrustedCredentials | null)[] | null | undefined>"));
  assert.equal(lines.at(-2), "types: 27 (2 array, 3 dictionary, 2 enum, 2 list, 18 struct)");
});

const CATALOG_WSDL = join(ROOT, "test", "fixtures", "cli", "catalog.wsdl");

test("text summary: each operation's input parameters with optionality and types, and its faults", () => {
  const r = runCli(["inspect", CATALOG_WSDL], ROOT);
  assert.equal(r.status, 0, r.stderr);
  assert.ok(
    r.stdout.includes(
      [
        "  put(input: Put): Promise<boolean>",
        "      document Put; action urn:Put; faults DeniedFault",
        "      input:",
        "        Item: Item   (Item, required)",
        "        Comment?: string   (xs:string, optional)",
        "      faults: DeniedFault (Denied)",
      ].join("\n"),
    ),
    r.stdout,
  );
  const user = runCli(["inspect", FIXTURE], ROOT);
  assert.ok(user.stdout.includes("      input:\n        Type?: string | null   (xs:string, optional)\n        PublicValue?: string | null   (xs:string, optional)\n"), user.stdout);
  assert.ok(user.stdout.includes("      input: (none)\n"));
});

interface Field {
  name: string;
  type: string;
  inputType: string;
  xsdType: string | null;
  optional: boolean;
  nillable: boolean;
  repeated: boolean;
  max: number | string;
  inheritedFrom?: string | null;
}

test("--json: a full catalog of services, ports, operations, headers, faults and types with fields", () => {
  const r = runCli(["inspect", CATALOG_WSDL, "--json"], ROOT);
  assert.equal(r.status, 0, r.stderr);
  const c = JSON.parse(r.stdout) as {
    catalogVersion: number;
    services: {
      name: string;
      ports: {
        name: string;
        client: string;
        soap: string;
        endpoint: string;
        failure: unknown;
        operations: {
          name: string;
          method: string;
          input: { type: string; element: string; parameters: Field[]; headers: Field[] };
          output: { returns: string | null; parameters: Field[] };
          faults: unknown[];
        }[];
      }[];
    }[];
    types: { name: string; kind: string; qname: string | null; base?: string | null; fields?: Field[]; attributes?: unknown[]; values?: string[] }[];
    typeCounts: Record<string, number>;
  };
  assert.equal(c.catalogVersion, 1);
  assert.equal(c.services[0]?.name, "S");
  const port = c.services[0]?.ports[0];
  assert.deepEqual([port?.name, port?.client, port?.soap, port?.endpoint], ["Port", "PClient", "1.1", "http://localhost/s"]);
  const op = port?.operations[0];
  assert.equal(op?.name, "Put");
  assert.equal(op?.input.element, "{urn:t}Put");
  assert.deepEqual(
    op?.input.parameters.map((p) => [p.name, p.type, p.optional, p.xsdType]),
    [
      ["Item", "Item", false, "{urn:t}Item"],
      ["Comment", "string", true, "xs:string"],
    ],
  );
  assert.deepEqual(
    op?.input.headers.map((h) => [h.name, h.optional]),
    [["Ticket", true]],
  );
  assert.equal(op?.output.returns, "Ok");
  assert.deepEqual(op?.faults, [{ name: "DeniedFault", element: "{urn:t}Denied", type: "Denied" }]);
  const item = c.types.find((t) => t.name === "Item");
  assert.equal(item?.base, "Base");
  assert.deepEqual(
    item?.fields?.map((f) => [f.name, f.type, f.inputType, f.repeated, f.nillable, f.max, f.inheritedFrom]),
    [
      ["Id", "bigint", "IntegerInput", false, false, 1, "Base"],
      ["Tags", "string[]", "readonly string[]", true, false, "unbounded", null],
      ["Color", "Color | null", "Color | null", false, true, 1, null],
    ],
  );
  assert.deepEqual(item?.attributes, [{ name: "version", attribute: "version", type: "number", xsdType: "xs:int", required: true, doc: null }]);
  assert.deepEqual(c.types.find((t) => t.name === "Color")?.values, ["red", "blue"]);
  assert.deepEqual(c.typeCounts, { enum: 1, struct: 5 });
});

test("docs/inspect.md documents every key the catalog has, and only keys it has", () => {
  const keys = new Set<string>();
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v !== null && typeof v === "object") {
      for (const [k, x] of Object.entries(v)) {
        keys.add(k);
        // typeCounts is keyed by kind, not a field of the shape.
        if (k !== "typeCounts") walk(x);
      }
    }
  };
  for (const f of [CATALOG_WSDL, FIXTURE]) walk(JSON.parse(runCli(["inspect", f, "--json"], ROOT).stdout));
  const doc = readFileSync(join(ROOT, "docs", "inspect.md"), "utf8");
  const documented = new Set([...doc.matchAll(/^\| `([^`]+)`(?:, `([^`]+)`)? \|/gm)].flatMap((m) => [m[1], m[2]]).filter((k): k is string => k !== undefined));
  for (const k of keys) assert.ok(documented.has(k), `catalog key "${k}" is not documented in docs/inspect.md`);
  // `members` belongs to unions, which neither fixture has.
  const seenOrKinds = new Set([...keys, "members"]);
  for (const k of documented) assert.ok(seenOrKinds.has(k), `docs/inspect.md documents "${k}", which the catalog does not have`);
});

test("an invalid WSDL exits 2 with its diagnostics", () => {
  const dir = tempDir("wsdlc-inspect-");
  writeFileSync(join(dir, "bad.wsdl"), "<definitions");
  const r = runCli(["inspect", "bad.wsdl"], dir);
  assert.equal(r.status, 2);
  assert.equal(r.stderr, "bad.wsdl:1:13: error: not well-formed XML: unexpected end of document in a start tag [xml-malformed]\n  1 | <definitions\n    |             ^\n");
  assert.equal(r.stdout, "");
});

test("--type prints a type's declarations, its request form and its values", () => {
  const r = runCli(["inspect", FIXTURE, "--type", "ETableRight"], ROOT);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^\/\*\* A list of flags \(`xs:list` of an enumeration\), sent space-separated\. \*\/\nexport type ETableRight = ETableRightItem\[\];\n/);
  assert.match(r.stdout, /export const ETableRight = \{\n {2}Select: "Select",/);
  const input = runCli(["inspect", FIXTURE, "-t", "UntrustedCredentials"], ROOT);
  assert.match(input.stdout, /export interface UntrustedCredentialsInput extends Carrier \{\n {2}ValidFrom\?: DateTimeInput;/);
  const missing = runCli(["inspect", FIXTURE, "-t", "Ticket"], ROOT);
  assert.equal(missing.status, 2);
  assert.equal(missing.stderr, 'wsdlc: no type "Ticket"\n');
  // A misspelt name gets the nearest names, best first, not every name that contains it.
  const typo = runCli(["inspect", FIXTURE, "-t", "UntrustedCredential"], ROOT);
  assert.equal(typo.status, 2);
  assert.equal(typo.stderr, 'wsdlc: no type "UntrustedCredential"; did you mean UntrustedCredentials?\n');
});
