import { test } from "node:test";
import assert from "node:assert/strict";
import type { ClientDescriptor, OperationDescriptor, TypeTable } from "../../templates/runtime/descriptors.js";
import { encodeRequest } from "../../templates/runtime/encode.js";
import { EncodeError, isEncodeError } from "../../templates/runtime/errors.js";
import { XmlReader } from "../../templates/runtime/xml.js";
import { canonical } from "./canonical.js";
import { ARR, descriptor, NS, saveUntrustedCredentials, getUntrustedCredentials, SOAP11, SOAP12, XSI } from "./service.js";

const client = descriptor("1.1");
const credentials = {
  UntrustedCredentialsId: 7,
  ValidFrom: "2022-03-25T21:34:02.1234567+01:00",
  Description: null,
  IsActive: true,
  SecretValue: "hunter2-secret",
  Flags: ["Read", "Write"],
};

function encodeError(fn: () => unknown): EncodeError {
  try {
    fn();
  } catch (e) {
    if (isEncodeError(e)) return e;
    throw e;
  }
  assert.fail("no EncodeError");
}

test("document/literal request: exact, deterministic output with one declaration per namespace", () => {
  const xml = encodeRequest(
    client,
    saveUntrustedCredentials,
    { Credentials: credentials },
    {
      Credentials: { Ticket: "7T:abc123ticket" },
      ApplicationToken: "app-token-123",
      Unrelated: "ignored: not a header of this operation",
    },
  );
  assert.equal(
    xml,
    `<?xml version="1.0" encoding="utf-8"?>` +
      `<soap:Envelope xmlns:soap="${SOAP11}" xmlns:xsi="${XSI}" xmlns:ns1="${NS}">` +
      `<soap:Header><ns1:ApplicationToken>app-token-123</ns1:ApplicationToken>` +
      `<ns1:Credentials><ns1:Ticket>7T:abc123ticket</ns1:Ticket></ns1:Credentials></soap:Header>` +
      `<soap:Body><ns1:SaveUntrustedCredentials><ns1:Credentials>` +
      `<ns1:UntrustedCredentialsId>7</ns1:UntrustedCredentialsId>` +
      `<ns1:ValidFrom>2022-03-25T21:34:02.1234567+01:00</ns1:ValidFrom>` +
      `<ns1:Description xsi:nil="true"/><ns1:IsActive>true</ns1:IsActive>` +
      `<ns1:SecretValue>hunter2-secret</ns1:SecretValue><ns1:Flags>Read Write</ns1:Flags>` +
      `</ns1:Credentials></ns1:SaveUntrustedCredentials></soap:Body></soap:Envelope>`,
  );
});

test("no Header element without header values; xsi only declared when used; SOAP 1.2 namespace", () => {
  for (const headers of [undefined, {}, { ApplicationToken: undefined }]) {
    const xml = encodeRequest(descriptor("1.2"), getUntrustedCredentials, { UserId: 1 }, headers);
    assert.equal(
      xml,
      `<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="${SOAP12}" xmlns:ns1="${NS}">` +
        `<soap:Body><ns1:GetUntrustedCredentials><ns1:UserId>1</ns1:UserId></ns1:GetUntrustedCredentials></soap:Body></soap:Envelope>`,
    );
  }
});

test("header fields follow descriptor order, not object key order; null header → nil", () => {
  const xml = encodeRequest(client, getUntrustedCredentials, { UserId: 1 }, { TimeZone: { TimeZoneName: "UTC" }, ApplicationToken: null });
  const header = /<soap:Header>(.*)<\/soap:Header>/.exec(xml)?.[1];
  assert.equal(header, `<ns1:ApplicationToken xsi:nil="true"/><ns1:TimeZone><ns1:TimeZoneName>UTC</ns1:TimeZoneName></ns1:TimeZone>`);
});

test("three states: undefined omits, null writes xsi:nil, null on a non-nillable field is an EncodeError", () => {
  const { Description: _, ...withoutDescription } = credentials;
  const omitted = encodeRequest(client, saveUntrustedCredentials, { Credentials: { ...withoutDescription, IsActive: undefined } }, undefined);
  assert.doesNotMatch(omitted, /Description|IsActive/);
  assert.match(encodeRequest(client, saveUntrustedCredentials, { Credentials: null }, undefined), /<ns1:Credentials xsi:nil="true"\/>/);
  const e = encodeError(() => encodeRequest(client, saveUntrustedCredentials, { Credentials: { ...credentials, IsActive: null } }, undefined));
  assert.equal(e.path, "SaveUntrustedCredentials.Credentials.IsActive");
  assert.match(e.message, /not nillable/);
});

test("a missing required value is an EncodeError naming the path, never a value", () => {
  const { ValidFrom: _, ...rest } = credentials;
  const e = encodeError(() => encodeRequest(client, saveUntrustedCredentials, { Credentials: rest }, { Credentials: { Ticket: "7T:abc123ticket" } }));
  assert.equal(e.path, "SaveUntrustedCredentials.Credentials.ValidFrom");
  assert.equal(e.operation, "SaveUntrustedCredentials");
  assert.match(e.message, /SaveUntrustedCredentials\.Credentials\.ValidFrom: required value is missing/);
  assert.doesNotMatch(e.message, /hunter2|7T:abc/);
  const bad = encodeError(() => encodeRequest(client, saveUntrustedCredentials, { Credentials: { ...credentials, UntrustedCredentialsId: "7" } }, undefined));
  assert.equal(bad.path, "SaveUntrustedCredentials.Credentials.UntrustedCredentialsId");
  assert.doesNotMatch(bad.message, /"7"/);
});

test("a value of the wrong kind says what it got: a short value of a field that is not secret, else only its kind", () => {
  const NS = "urn:kinds";
  const kinds: ClientDescriptor = { port: "P", soap: "1.1", endpoint: "", types: {}, operations: {} };
  const parts = [
    { name: "Count", type: "xs:int", min: 0 },
    { name: "When", type: "xs:dateTime", min: 0 },
    { name: "Note", type: "xs:string", min: 0 },
    { name: "Password", type: "xs:string", min: 0 },
    { name: "TicketNumber", type: "xs:int", min: 0 },
  ] as const;
  const op: OperationDescriptor = { name: "Kinds", action: "", style: "rpc", input: { body: { kind: "parts", wrapper: { name: "Kinds", ns: NS }, parts } } };
  const message = (input: Record<string, unknown>): string => encodeError(() => encodeRequest(kinds, op, input, undefined)).message;
  const count = "Kinds: cannot encode Kinds.Count: expected an integer in int range";
  assert.equal(message({ Count: { AddResult: 42 } }), `${count} (got an object)`);
  assert.equal(message({ Count: [42] }), `${count} (got an array)`);
  assert.equal(message({ Count: 3.5 }), `${count} (got 3.5)`);
  assert.equal(message({ Count: "42" }), `${count} (got "42")`);
  assert.equal(message({ Count: 42n }), `${count} (got 42n)`);
  assert.equal(message({ Count: true }), `${count} (got true)`);
  assert.equal(message({ Count: new Uint8Array(1) }), `${count} (got a Uint8Array)`);
  assert.equal(message({ Count: "x".repeat(41) }), `${count} (got a string of 41 characters)`);
  // Control characters of a value are escaped, never printed to a terminal as they are.
  assert.equal(message({ When: "\u001b[2J2026" }), 'Kinds: cannot encode Kinds.When: expected a Date or an xs:dateTime string (got "\\u001b[2J2026")');
  assert.equal(message({ Note: 7 }), "Kinds: cannot encode Kinds.Note: expected a string (got 7)");
  assert.equal(message({ When: new Date(Number.NaN) }), "Kinds: cannot encode Kinds.When: expected a valid Date or an xs:dateTime string (got an invalid Date)");
  // Secret-named fields: the kind only, never the value.
  assert.equal(message({ Password: 12345678 }), "Kinds: cannot encode Kinds.Password: expected a string (got a number)");
  assert.equal(message({ TicketNumber: "hunter2" }), "Kinds: cannot encode Kinds.TicketNumber: expected an integer in int range (got a string)");
});

test("a property the type does not have (a misspelt name) is an EncodeError naming it and the type's properties", () => {
  const headers = { Credentials: { Ticket: "7T:abc123ticket" } };
  const typo = encodeError(() => encodeRequest(client, saveUntrustedCredentials, { Credentials: credentials, Typ: "imap" }, headers));
  assert.equal(typo.path, "SaveUntrustedCredentials.Typ");
  assert.match(typo.message, /^SaveUntrustedCredentials: cannot encode SaveUntrustedCredentials\.Typ: unknown property; the properties are /);
  // Nested, and whatever its value: the name is said, never the value.
  const nested = encodeError(() => encodeRequest(client, saveUntrustedCredentials, { Credentials: { ...credentials, SecretValu: "hunter2-secret" } }, headers));
  assert.equal(nested.path, "SaveUntrustedCredentials.Credentials.SecretValu");
  assert.match(nested.message, /unknown property; the properties are FieldProperties, UntrustedCredentialsId, ValidFrom, .*SecretValue/);
  assert.doesNotMatch(nested.message, /hunter2/);
  // A long list of properties is cut after 15 names.
  const wide: ClientDescriptor = {
    port: "P",
    soap: "1.1",
    endpoint: "",
    types: { Wide: { kind: "struct", fields: Array.from({ length: 40 }, (_, i) => ({ name: `F${i}`, type: "xs:string", min: 0 })) } },
    operations: {},
  };
  const wideOp: OperationDescriptor = { name: "W", action: "", style: "document", input: { body: { kind: "element", field: { name: "W", type: "Wide" } } } };
  assert.equal(
    encodeError(() => encodeRequest(wide, wideOp, { F1: "x", G: "y" }, undefined)).message,
    `W: cannot encode W.G: unknown property; the properties are ${Array.from({ length: 15 }, (_, i) => `F${i}`).join(", ")}, … (40 in all)`,
  );
  // `$type`, and a property whose value is undefined (it carries nothing), pass; validate: false lets every one pass.
  encodeRequest(client, saveUntrustedCredentials, { Credentials: { ...credentials, $type: "UntrustedCredentials", Extra: undefined } }, headers);
  const loose = encodeRequest(client, saveUntrustedCredentials, { Credentials: { ...credentials, Note: "kept out" } }, headers, { validate: false });
  assert.doesNotMatch(loose, /Note|kept out/);
});

test("an rpc part the operation does not have is an EncodeError naming the parts", () => {
  const op: OperationDescriptor = {
    name: "Add",
    action: "",
    style: "rpc",
    input: {
      body: {
        kind: "parts",
        wrapper: { name: "Add", ns: "urn:calc" },
        parts: [
          { name: "a", type: "xs:int" },
          { name: "b", type: "xs:int" },
        ],
      },
    },
  };
  const bare: ClientDescriptor = { port: "P", soap: "1.1", endpoint: "", types: {}, operations: {} };
  const e = encodeError(() => encodeRequest(bare, op, { a: 1, c: 2 }, undefined));
  assert.equal(e.message, "Add: cannot encode Add.c: unknown part; the parts are a, b");
  assert.match(encodeRequest(bare, op, { a: 1, b: 2, c: undefined }, undefined), /<a>1<\/a><b>2<\/b>/);
});

test("base fields first, then own fields; $type selects a derived type with xsi:type", () => {
  const xml = encodeRequest(
    client,
    saveUntrustedCredentials,
    {
      Credentials: { Provider: "Okta", ...credentials, $type: "ExternalCredentials", FieldProperties: { a: "1" } },
    },
    undefined,
  );
  const body = /<ns1:Credentials (xsi:type="ns1:ExternalCredentials")>(.*)<\/ns1:Credentials>/.exec(xml);
  assert.ok(body, xml);
  const order = [...(body[2] ?? "").matchAll(/<ns1:(\w+)[ >/]/g)].map((m) => m[1]);
  assert.deepEqual(order, ["FieldProperties", "UntrustedCredentialsId", "ValidFrom", "Description", "IsActive", "SecretValue", "Flags", "Provider"]);
  const e = encodeError(() => encodeRequest(client, saveUntrustedCredentials, { Credentials: { ...credentials, $type: "TimeZone" } }, undefined));
  assert.equal(e.path, "SaveUntrustedCredentials.Credentials.$type");
});

test("dictionaries keep key order (including __proto__ and numeric-looking keys)", () => {
  const dict: Record<string, string | null> = {};
  dict["zeta"] = "z";
  Object.defineProperty(dict, "__proto__", { value: "p", enumerable: true });
  dict["alpha"] = null;
  const xml = encodeRequest(client, saveUntrustedCredentials, { Credentials: { ...credentials, FieldProperties: dict } }, undefined);
  const entries = [...xml.matchAll(/<ns2:KeyValueOfstringstring><ns2:Key>([^<]*)<\/ns2:Key>(<ns2:Value[^>]*>[^<]*<\/ns2:Value>|<ns2:Value xsi:nil="true"\/>)/g)];
  assert.deepEqual(
    entries.map((m) => m[1]),
    ["zeta", "__proto__", "alpha"],
  );
  assert.match(xml, new RegExp(`xmlns:ns2="${ARR}"`));
  assert.match(xml, /<ns2:Key>alpha<\/ns2:Key><ns2:Value xsi:nil="true"\/>/);
});

test("escaping: &, <, ]]>, quotes, CR, non-ASCII; invalid characters rejected", () => {
  const text = `a & b < c ]]> "d" 'e' ü € \u{1F600}\r\n`;
  const xml = encodeRequest(client, getUntrustedCredentials, { UserId: 1 }, { ApplicationToken: text });
  assert.match(xml, /<ns1:ApplicationToken>a &amp; b &lt; c \]\]&gt; "d" 'e' ü € \u{1F600}&#13;\n<\/ns1:ApplicationToken>/u);
  const e = encodeError(() => encodeRequest(client, getUntrustedCredentials, { UserId: 1 }, { ApplicationToken: "bad\u0001" }));
  assert.equal(e.path, "ApplicationToken");
  assert.match(e.message, /not allowed in XML 1\.0/);
});

test("enum and list validation", () => {
  const e = encodeError(() => encodeRequest(client, saveUntrustedCredentials, { Credentials: { ...credentials, Flags: ["Read", "Fly"] } }, undefined));
  assert.equal(e.path, "SaveUntrustedCredentials.Credentials.Flags[1]");
  assert.match(e.message, /must be one of "None", "Read", "Write", "Delete"/);
  assert.match(encodeRequest(client, saveUntrustedCredentials, { Credentials: { ...credentials, Flags: [] } }, undefined), /<ns1:Flags\/>/);
});

// A small rpc service exercising arrays, repeated fields, choices, anyType, wildcards and unqualified elements.
const rpcTypes: TypeTable = {
  ArrayOfint: { kind: "array", qname: ["urn:t", "ArrayOfint"], item: { name: "int", ns: "urn:t", type: "xs:int", min: 0, max: "unbounded" } },
  ArrayOfstring: { kind: "array", item: { name: "string", ns: "urn:t", type: "xs:string", min: 0, max: "unbounded", nillable: true } },
  EncArray: { kind: "array", qname: ["urn:t", "EncArray"], item: { name: "item", type: "xs:string", max: "unbounded" }, encoded: true },
  Bag: {
    kind: "struct",
    qname: ["urn:t", "Bag"],
    attributes: [
      { name: "id", type: "xs:int", required: true },
      { name: "lang", ns: "http://www.w3.org/XML/1998/namespace", type: "xs:language" },
    ],
    fields: [
      { name: "tag", type: "xs:string", min: 0, max: "unbounded" },
      { name: "byName", type: "xs:string", choice: 1 },
      { name: "byId", type: "xs:int", choice: 1 },
      { name: "any", type: "xs:anyType", min: 0 },
      { name: "extra", type: "xs:anyType", wildcard: true, min: 0, max: "unbounded" },
    ],
  },
  Money: { kind: "struct", fields: [], attributes: [{ name: "currency", type: "xs:string" }], text: "xs:decimal", textProp: "amount" },
};

function rpcOp(encoded: boolean): { client: ClientDescriptor; op: OperationDescriptor } {
  const op: OperationDescriptor = {
    name: "Store",
    action: "urn:t#Store",
    style: "rpc",
    encoded,
    input: {
      body: {
        kind: "parts",
        wrapper: { name: "Store", ns: "urn:t" },
        parts: [
          { name: "ids", type: "ArrayOfint" },
          { name: "names", type: "ArrayOfstring", min: 0 },
          { name: "bag", type: "Bag", min: 0 },
          { name: "price", type: "Money", min: 0 },
          { name: "enc", type: "EncArray", min: 0 },
        ],
      },
    },
  };
  return { client: { port: "p", soap: "1.1", endpoint: "", types: rpcTypes, operations: { store: op } }, op };
}

test("arrays with one and many items; null items are nil when nillable; repeated fields", () => {
  const { client: c, op } = rpcOp(false);
  const one = encodeRequest(c, op, { ids: [5] }, undefined);
  assert.match(one, /<ids><ns1:int>5<\/ns1:int><\/ids>/);
  const many = encodeRequest(c, op, { ids: [1, 2, 3], names: ["a", null, ""], bag: { id: 1, tag: ["x", "y"], byId: 3 } }, undefined);
  assert.match(many, /<ids><ns1:int>1<\/ns1:int><ns1:int>2<\/ns1:int><ns1:int>3<\/ns1:int><\/ids>/);
  assert.match(many, /<names><ns1:string>a<\/ns1:string><ns1:string xsi:nil="true"\/><ns1:string\/><\/names>/);
  assert.match(many, /<bag id="1"><tag>x<\/tag><tag>y<\/tag><byId>3<\/byId><\/bag>/);
  assert.equal(encodeError(() => encodeRequest(c, op, { ids: [1, null] }, undefined)).path, "Store.ids[1]");
  assert.equal(encodeError(() => encodeRequest(c, op, { ids: 1 }, undefined)).path, "Store.ids");
});

test("rpc/literal: wrapper in the body namespace, unqualified parts, no encodingStyle", () => {
  const { client: c, op } = rpcOp(false);
  const xml = encodeRequest(c, op, { ids: [], price: { amount: 1e21, currency: "EUR" } }, undefined);
  assert.equal(
    canonical(xml),
    canonical(`<s:Envelope xmlns:s="${SOAP11}"><s:Body><t:Store xmlns:t="urn:t"><ids/><price currency="EUR">1000000000000000000000</price></t:Store></s:Body></s:Envelope>`),
  );
  assert.doesNotMatch(xml, /encodingStyle|xsi/);
});

test("rpc/encoded: encodingStyle on the wrapper, xsi:type on values, xsd declared once, arrayType", () => {
  const { client: c, op } = rpcOp(true);
  const xml = encodeRequest(c, op, { ids: [1, 2], enc: ["a", "b", "c"], bag: { id: 2, byName: "n" } }, undefined);
  assert.match(xml, /<ns1:Store soap:encodingStyle="http:\/\/schemas\.xmlsoap\.org\/soap\/encoding\/">/);
  assert.match(xml, /<ids xsi:type="ns1:ArrayOfint"><ns1:int xsi:type="xsd:int">1<\/ns1:int>/);
  assert.match(xml, /<enc xsi:type="soapenc:Array" soapenc:arrayType="xsd:string\[3\]"><item xsi:type="xsd:string">a<\/item>/);
  assert.match(xml, /<bag xsi:type="ns1:Bag" id="2"><byName xsi:type="xsd:string">n<\/byName><\/bag>/);
  assert.equal(xml.match(/xmlns:xsd=/g)?.length, 1);
  assert.match(xml, /^<\?xml[^>]*\?><soap:Envelope xmlns:soap="[^"]+" xmlns:xsi="[^"]+" xmlns:xsd="[^"]+" xmlns:soapenc="[^"]+" xmlns:ns1="urn:t">/);
});

test("choice members are exclusive; a required choice needs one member; attributes", () => {
  const { client: c, op } = rpcOp(false);
  const both = encodeError(() => encodeRequest(c, op, { ids: [], bag: { id: 1, byName: "a", byId: 2 } }, undefined));
  assert.match(both.message, /byName and byId are alternatives/);
  const none = encodeError(() => encodeRequest(c, op, { ids: [], bag: { id: 1 } }, undefined));
  assert.match(none.message, /one of byName \| byId is required/);
  const noId = encodeError(() => encodeRequest(c, op, { ids: [], bag: { byId: 1 } }, undefined));
  assert.equal(noId.path, "Store.bag.id");
  const lang = encodeRequest(c, op, { ids: [], bag: { id: 1, byId: 1, lang: "en" } }, undefined);
  assert.match(lang, /<bag id="1" xml:lang="en">/);
  assert.doesNotMatch(lang, /xmlns:xml/);
});

test("anyType from XmlElement or simple values; wildcard elements keep their own names", () => {
  const { client: c, op } = rpcOp(false);
  const el = {
    name: "payload",
    ns: "urn:other",
    attributes: [
      { name: "type", ns: XSI, value: "{urn:other}Thing" },
      { name: "k", ns: "", value: 'v"' },
    ],
    children: ["a&b", { name: "inner", ns: "", attributes: [], children: [] }],
  };
  const xml = encodeRequest(c, op, { ids: [], bag: { id: 1, byId: 1, any: el, extra: [el] } }, undefined);
  assert.match(xml, /<any xsi:type="ns2:Thing" k="v&quot;">a&amp;b<inner\/><\/any>/);
  assert.match(xml, /<ns2:payload xsi:type="ns2:Thing" k="v&quot;">a&amp;b<inner\/><\/ns2:payload>/);
  for (const [value, type, text] of [
    ["s", "string", "s"],
    [true, "boolean", "true"],
    [1.5, "double", "1.5"],
    [7, "int", "7"],
    [2 ** 40, "long", String(2 ** 40)],
  ] as const) {
    const out = encodeRequest(c, op, { ids: [], bag: { id: 1, byId: 1, any: value } }, undefined);
    assert.match(out, new RegExp(`<any xsi:type="xsd:${type}">${text}</any>`));
  }
  assert.equal(encodeError(() => encodeRequest(c, op, { ids: [], bag: { id: 1, byId: 1, extra: ["x"] } }, undefined)).path, "Store.bag.extra[0]");
});

test("empty body and canonical comparison of a whole envelope", () => {
  const op: OperationDescriptor = { name: "Ping", action: "", input: { body: { kind: "empty" } } };
  const c: ClientDescriptor = { port: "p", soap: "1.2", endpoint: "", types: {}, operations: { ping: op } };
  assert.equal(canonical(encodeRequest(c, op, undefined, undefined)), canonical(`<e:Envelope xmlns:e="${SOAP12}"><e:Body/></e:Envelope>`));
});

test("a parameterless operation called without input still sends its empty wrapper", () => {
  const types: TypeTable = { Ping: { kind: "struct", fields: [] }, Needs: { kind: "struct", fields: [{ name: "x", type: "xs:int" }] } };
  const op = (type: string): OperationDescriptor => ({ name: "Ping", action: "", input: { body: { kind: "element", field: { name: "Ping", ns: "urn:p", type } } } });
  const c: ClientDescriptor = { port: "p", soap: "1.1", endpoint: "", types, operations: {} };
  assert.match(encodeRequest(c, op("Ping"), undefined, undefined), /<soap:Body><ns1:Ping\/><\/soap:Body>/);
  assert.equal(encodeError(() => encodeRequest(c, op("Needs"), undefined, undefined)).path, "Ping.x");
});

test("choice alternatives: members of one alternative (a sequence) go together; two alternatives do not", () => {
  const c: ClientDescriptor = {
    port: "P",
    soap: "1.1",
    endpoint: "http://x/",
    types: {
      Where: {
        kind: "struct",
        fields: [
          { name: "ByName", type: "xs:string", min: 0, choice: 1, alternative: 1 },
          { name: "Lat", type: "xs:double", min: 0, choice: 1, alternative: 2 },
          { name: "Lon", type: "xs:double", min: 0, choice: 1, alternative: 2 },
        ],
      },
    },
    operations: {},
  };
  const op: OperationDescriptor = { name: "Find", action: "", input: { body: { kind: "element", field: { name: "Where", type: "Where" } } } };
  assert.match(encodeRequest(c, op, { Lat: 59.9, Lon: 10.7 }, undefined), /<Where><Lat>59\.9<\/Lat><Lon>10\.7<\/Lon><\/Where>/);
  assert.match(encodeRequest(c, op, { ByName: "Oslo" }, undefined), /<Where><ByName>Oslo<\/ByName><\/Where>/);
  const both = encodeError(() => encodeRequest(c, op, { ByName: "Oslo", Lon: 10.7 }, undefined));
  assert.match(both.message, /ByName and Lon are alternatives \(xs:choice\): set only one/);
});

/** A client of one document/literal operation `Op` whose request element (urn:n) has the type `root`. */
function oneOperation(types: TypeTable, root: string): { op: OperationDescriptor; client: ClientDescriptor } {
  const op: OperationDescriptor = { name: "Op", action: "urn:Op", input: { body: { kind: "element", field: { name: root, ns: "urn:n", type: root } } } };
  return { op, client: { port: "P", soap: "1.1", endpoint: "", types, operations: { Op: op } } };
}

test("a value that contains itself is an EncodeError naming where; nesting is bounded as the reader bounds it", () => {
  const types: TypeTable = {
    Node: {
      kind: "struct",
      qname: ["urn:n", "Node"],
      fields: [
        { name: "Name", ns: "urn:n", type: "xs:string", min: 0 },
        { name: "Kids", ns: "urn:n", type: "Node", min: 0, max: "unbounded" },
        { name: "Any", ns: "urn:n", type: "xs:anyType", min: 0 },
      ],
    },
  };
  const { op, client: tree } = oneOperation(types, "Node");
  // Was a RangeError (maximum call stack size exceeded) from deep inside the writer.
  const cyclic: Record<string, unknown> = { Name: "root" };
  cyclic["Kids"] = [{ Name: "a" }, { Kids: [cyclic] }];
  const e = encodeError(() => encodeRequest(tree, op, cyclic, {}));
  assert.equal(e.path, "Node.Kids[1].Kids[0]");
  assert.match(e.message, /^Op: cannot encode Node\.Kids\[1\]\.Kids\[0\]: is the value of Node again: a value that contains itself cannot be written$/);
  // The same object twice side by side is a tree written twice, not a cycle.
  const shared = { Name: "s" };
  assert.match(encodeRequest(tree, op, { Kids: [shared, shared] }, {}), /<ns1:Kids><ns1:Name>s<\/ns1:Name><\/ns1:Kids><ns1:Kids><ns1:Name>s<\/ns1:Name><\/ns1:Kids>/);
  let deep: Record<string, unknown> = { Name: "leaf" };
  for (let i = 0; i < 300; i++) deep = { Kids: [deep] };
  assert.match(encodeError(() => encodeRequest(tree, op, deep, {})).message, /: nested deeper than 256 levels$/);
  let el: { name: string; ns: string; attributes: never[]; children: unknown[] } = { name: "a", ns: "", attributes: [], children: [] };
  for (let i = 0; i < 100_000; i++) el = { name: "a", ns: "", attributes: [], children: [el] };
  assert.match(encodeError(() => encodeRequest(tree, op, { Any: el }, {})).message, /^Op: cannot encode Node\.Any\/a\/a.*: nested deeper than 256 levels$/);
  let ok: Record<string, unknown> = { Name: "leaf" };
  for (let i = 0; i < 200; i++) ok = { Kids: [ok] };
  assert.equal(encodeRequest(tree, op, ok, {}).split("<ns1:Kids>").length, 201);
});

test("a caller's XmlElement (xs:anyType, xs:any, soapHeaders) cannot add markup: names are checked, namespaces escaped", () => {
  // Before, child and attribute names were written as given (`x><Password` made an element, `x="1" y` an
  // attribute) and namespace URIs went into the Envelope's declarations unescaped (`urn:"x` ended the attribute).
  const types: TypeTable = {
    V: {
      kind: "struct",
      qname: ["urn:n", "V"],
      fields: [
        { name: "Any", ns: "urn:n", type: "xs:anyType", min: 0 },
        { name: "W", ns: "urn:n", type: "xs:anyType", wildcard: true, min: 0, max: "unbounded" },
      ],
    },
  };
  const { op, client: c } = oneOperation(types, "V");
  const el = (name: string, ns = "", attributes: { name: string; ns: string; value: string }[] = [], children: unknown[] = []) => ({ name, ns, attributes, children });
  const refused: [unknown, unknown, string, RegExp][] = [
    [{ Any: el("a", "", [], [el("x><Password")]) }, undefined, "V.Any/x><Password", /element name must be an NCName/],
    [{ Any: el("a", "", [{ name: 'x="1" y', ns: "", value: "v" }]) }, undefined, 'V.Any@x="1" y', /attribute name must be an NCName/],
    [
      {
        Any: el("a", "", [
          { name: "x", ns: "", value: "1" },
          { name: "x", ns: "", value: "2" },
        ]),
      },
      undefined,
      "V.Any@x",
      /duplicate attribute/,
    ],
    [{ W: [el("a b")] }, undefined, "V.W[0]", /element name must be an NCName/],
    [{ Any: el("a", "", [], [el("c", "urn:\u0000")]) }, undefined, "V.Any/c", /namespace contains a character not allowed/],
    [{}, [el("h", "urn:\u0001")], "soapHeaders[0]", /namespace contains a character not allowed/],
  ];
  for (const [input, soapHeaders, path, message] of refused) {
    const e = encodeError(() => encodeRequest(c, op, input, {}, soapHeaders === undefined ? {} : { soapHeaders: soapHeaders as never }));
    assert.equal(e.path, path);
    assert.match(e.message, message);
  }
  // An extra header that contains itself is bounded as values are (it overflowed the stack).
  const loop = el("h", "urn:h");
  loop.children.push(el("i", "urn:h", [], [loop]));
  const cyclic = encodeError(() => encodeRequest(c, op, {}, {}, { soapHeaders: [loop] as never }));
  assert.equal(cyclic.path, "soapHeaders[0]/i/h/i");
  assert.match(cyclic.message, /: is the value of soapHeaders\[0\]\/i again: a value that contains itself cannot be written$/);
  // Namespaces with markup characters are declared escaped: the envelope parses, and the namespace is as given.
  const odd = 'urn:"x<&>';
  const xml = encodeRequest(c, op, { Any: el("a", "", [{ name: "q", ns: odd, value: "v" }], [el("c", odd)]) }, {}, { soapHeaders: [el("h", `${odd}h`)] as never });
  const r = new XmlReader(xml);
  const seen: string[] = [];
  for (let k = r.next(); k !== 0; k = r.next()) if (k === 1) seen.push(`{${r.ns}}${r.local}${r.attributes.map((a) => ` {${a.ns}}${a.name}`).join("")}`);
  assert.ok(seen.includes(`{${odd}}c`), seen.join("\n"));
  assert.ok(seen.includes(`{${odd}h}h`), seen.join("\n"));
  assert.ok(seen.includes(`{urn:n}Any {${odd}}q`), seen.join("\n"));
});
