/**
 * xs:choice in the runtime. A repeated choice of elements (Exchange's `NonEmptyArrayOfFoldersType`: any number of
 * Folder | CalendarFolder | … in any order) is one list of single-key items, so alternatives mix and keep their
 * document order both ways. A single choice: one alternative is sent, all the members that alternative requires
 * are there, and a choice that may not be left out is not.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { decodeResponse } from "../../templates/runtime/decode.js";
import type { ClientDescriptor, OperationDescriptor, TypeTable } from "../../templates/runtime/descriptors.js";
import { encodeRequest } from "../../templates/runtime/encode.js";
import { isDecodeError, isEncodeError } from "../../templates/runtime/errors.js";

const NS = "urn:test:choice";
const SOAP11 = "http://schemas.xmlsoap.org/soap/envelope/";

const types: TypeTable = {
  Folder: { kind: "struct", qname: [NS, "Folder"], fields: [{ name: "Name", ns: NS, type: "xs:string" }] },
  // The whole content is a repeated choice: unwrapped to an array of items.
  Folders: {
    kind: "array",
    qname: [NS, "Folders"],
    item: {
      name: "Items",
      type: "xs:anyType",
      max: "unbounded",
      alternatives: [
        { name: "Folder", ns: NS, type: "Folder" },
        { name: "CalendarFolder", ns: NS, type: "Folder" },
        { name: "Note", ns: NS, type: "xs:string", nillable: true },
      ],
    },
  },
  // A repeated choice among other members, and two single choices: one required, one optional.
  Request: {
    kind: "struct",
    qname: [NS, "Request"],
    fields: [
      { name: "Title", ns: NS, type: "xs:string" },
      {
        name: "Items",
        type: "xs:anyType",
        min: 0,
        max: 3,
        alternatives: [
          { name: "Line", ns: NS, type: "xs:string" },
          { name: "Dot", ns: NS, type: "xs:int" },
        ],
      },
      { name: "ById", ns: NS, type: "xs:int", choice: 1, alternative: 1 },
      { name: "Lat", ns: NS, type: "xs:double", choice: 1, alternative: 2 },
      { name: "Lon", ns: NS, type: "xs:double", choice: 1, alternative: 2 },
      { name: "Radius", ns: NS, type: "xs:int", min: 0, choice: 1, alternative: 2 },
      { name: "Asc", ns: NS, type: "xs:boolean", choice: 2, alternative: 1, choiceOptional: true },
      { name: "Desc", ns: NS, type: "xs:boolean", choice: 2, alternative: 2, choiceOptional: true },
      { name: "Folders", ns: NS, type: "Folders", min: 0 },
    ],
  },
};
const op: OperationDescriptor = {
  name: "Find",
  action: "urn:Find",
  input: { body: { kind: "element", field: { name: "Request", ns: NS, type: "Request" } } },
  output: { body: { kind: "element", field: { name: "Request", ns: NS, type: "Request" } } },
};
const client: ClientDescriptor = { port: "P", soap: "1.1", endpoint: "", types, operations: { Find: op } };

const body = (xml: string): string => /<soap:Body>(.*)<\/soap:Body>/.exec(xml)?.[1] ?? "";
const encode = (input: unknown): string => body(encodeRequest(client, op, input, {}));
const encodeFails = (input: unknown, path: string, message: RegExp): void => {
  assert.throws(
    () => encodeRequest(client, op, input, {}),
    (e: unknown) => isEncodeError(e) && e.path === path && message.test(e.message),
    `${path}: ${message}`,
  );
};

test("a repeated choice is written in the items' order, alternatives mixed; a nil item where the alternative is nillable", () => {
  const xml = encode({
    Title: "t",
    Items: [{ Dot: 1 }, { Line: "a" }, { Dot: 2 }],
    ById: 7,
    Folders: [{ CalendarFolder: { Name: "c" } }, { Folder: { Name: "f" } }, { Note: null }, { Folder: { Name: "g" } }],
  });
  assert.equal(
    xml,
    `<ns1:Request><ns1:Title>t</ns1:Title><ns1:Dot>1</ns1:Dot><ns1:Line>a</ns1:Line><ns1:Dot>2</ns1:Dot><ns1:ById>7</ns1:ById>` +
      `<ns1:Folders><ns1:CalendarFolder><ns1:Name>c</ns1:Name></ns1:CalendarFolder><ns1:Folder><ns1:Name>f</ns1:Name></ns1:Folder>` +
      `<ns1:Note xsi:nil="true"/><ns1:Folder><ns1:Name>g</ns1:Name></ns1:Folder></ns1:Folders></ns1:Request>`,
  );
});

test("decoding keeps the document order of mixed alternatives, in a struct and in an unwrapped collection", () => {
  const response =
    `<s:Envelope xmlns:s="${SOAP11}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><s:Body><c:Request xmlns:c="${NS}">` +
    `<c:Title>t</c:Title><c:Line>x</c:Line><c:Dot>3</c:Dot><c:Line>y</c:Line><c:Lat>1.5</c:Lat><c:Lon>2</c:Lon>` +
    `<c:Folders><c:Folder><c:Name>f</c:Name></c:Folder><c:Note xsi:nil="true"/><c:CalendarFolder><c:Name>c</c:Name></c:CalendarFolder></c:Folders>` +
    `</c:Request></s:Body></s:Envelope>`;
  for (const strict of [false, true]) {
    assert.deepEqual(decodeResponse(client, op, response, { strict }).body, {
      Title: "t",
      Items: [{ Line: "x" }, { Dot: 3 }, { Line: "y" }],
      Lat: 1.5,
      Lon: 2,
      Folders: [{ Folder: { Name: "f" } }, { Note: null }, { CalendarFolder: { Name: "c" } }],
    });
  }
  const none = `<s:Envelope xmlns:s="${SOAP11}"><s:Body><c:Request xmlns:c="${NS}"><c:Title>t</c:Title><c:ById>1</c:ById></c:Request></s:Body></s:Envelope>`;
  assert.deepEqual(decodeResponse(client, op, none).body, { Title: "t", Items: [], ById: 1 });
});

test("an element that is no alternative: skipped when lenient, a DecodeError when strict", () => {
  const response = `<s:Envelope xmlns:s="${SOAP11}"><s:Body><c:Request xmlns:c="${NS}"><c:Title>t</c:Title><c:ById>1</c:ById><c:Folders><c:Folder><c:Name>f</c:Name></c:Folder><c:Other/></c:Folders></c:Request></s:Body></s:Envelope>`;
  assert.deepEqual(decodeResponse(client, op, response).body, { Title: "t", Items: [], ById: 1, Folders: [{ Folder: { Name: "f" } }] });
  assert.throws(
    () => decodeResponse(client, op, response, { strict: true }),
    (e: unknown) => isDecodeError(e) && /Other/.test(e.message),
  );
});

test("an item must hold exactly one alternative; item counts are checked", () => {
  const base = { Title: "t", ById: 1 };
  for (const item of [{}, { Line: "a", Dot: 1 }, { Circle: 1 }, "Line", null]) {
    encodeFails({ ...base, Items: [item] }, "Request.Items[0]", /exactly one of Line, Dot/);
  }
  encodeFails({ ...base, Items: [{ Line: "1" }, { Line: "2" }, { Line: "3" }, { Line: "4" }] }, "Request.Items", /at most 3/);
  encodeFails({ ...base, Items: { Line: "a" } }, "Request.Items", /must be an array/);
  encodeFails({ ...base, Folders: [{ Note: 5 }] }, "Request.Folders[0].Note", /string/);
});

test("single choices: one alternative, with every member it requires; a required choice cannot be left out", () => {
  assert.match(encode({ Title: "t", Lat: 1, Lon: 2 }), /<ns1:Lat>1<\/ns1:Lat><ns1:Lon>2<\/ns1:Lon>/);
  assert.match(encode({ Title: "t", Lat: 1, Lon: 2, Radius: 3, Desc: true }), /<ns1:Radius>3<\/ns1:Radius><ns1:Desc>true<\/ns1:Desc>/);
  encodeFails({ Title: "t", ById: 1, Lat: 1 }, "Request", /ById and Lat are alternatives/);
  encodeFails({ Title: "t", Lat: 1 }, "Request", /Lon is required with Lat \(the same xs:choice alternative\)/);
  encodeFails({ Title: "t" }, "Request", /one of ById \| Lat \| Lon \| Radius is required/);
  encodeFails({ Title: "t", ById: 1, Asc: true, Desc: false }, "Request", /Asc and Desc are alternatives/);
});

test("choices of a base type and of a type derived from it are separate groups", () => {
  const derivedTypes: TypeTable = {
    Base: {
      kind: "struct",
      qname: [NS, "Base"],
      fields: [
        { name: "A", ns: NS, type: "xs:int", choice: 1, alternative: 1 },
        { name: "B", ns: NS, type: "xs:int", choice: 1, alternative: 2 },
      ],
    },
    Derived: {
      kind: "struct",
      qname: [NS, "Derived"],
      base: "Base",
      fields: [
        { name: "C", ns: NS, type: "xs:int", choice: 2, alternative: 1 },
        { name: "D", ns: NS, type: "xs:int", choice: 2, alternative: 2 },
      ],
    },
  };
  const o: OperationDescriptor = { name: "Op", action: "", input: { body: { kind: "element", field: { name: "X", ns: NS, type: "Derived" } } } };
  const c: ClientDescriptor = { port: "P", soap: "1.1", endpoint: "", types: derivedTypes, operations: { Op: o } };
  assert.match(encodeRequest(c, o, { A: 1, C: 2 }, {}), /<ns1:X><ns1:A>1<\/ns1:A><ns1:C>2<\/ns1:C><\/ns1:X>/);
  assert.throws(
    () => encodeRequest(c, o, { A: 1, B: 2, C: 3 }, {}),
    (e: unknown) => isEncodeError(e) && /A and B are alternatives/.test(e.message),
  );
});

test("a decoded value with repeated choice members re-encodes: the alternatives not taken hold [], which is absent", () => {
  const repeated: TypeTable = {
    Events: {
      kind: "struct",
      qname: [NS, "Events"],
      fields: [
        { name: "Obj", ns: NS, type: "xs:string", min: 0, max: "unbounded", choice: 1, alternative: 1, choiceOptional: true },
        { name: "Agg", ns: NS, type: "xs:string", min: 0, max: "unbounded", choice: 1, alternative: 2, choiceOptional: true },
        { name: "Ext", ns: NS, type: "xs:string", max: "unbounded", choice: 1, alternative: 3, choiceOptional: true },
        { name: "any", type: "xs:anyType", max: "unbounded", wildcard: true, choice: 1, alternative: 4, choiceOptional: true },
      ],
    },
  };
  const o: OperationDescriptor = {
    name: "Op",
    action: "",
    input: { body: { kind: "element", field: { name: "X", ns: NS, type: "Events" } } },
    output: { body: { kind: "element", field: { name: "X", ns: NS, type: "Events" } } },
  };
  const c: ClientDescriptor = { port: "P", soap: "1.1", endpoint: "", types: repeated, operations: { Op: o } };
  const decoded = decodeResponse(c, o, `<s:Envelope xmlns:s="${SOAP11}"><s:Body><c:X xmlns:c="${NS}"><c:Agg>a</c:Agg><c:Agg>b</c:Agg></c:X></s:Body></s:Envelope>`).body;
  assert.deepEqual(decoded, { Obj: [], Agg: ["a", "b"], Ext: [], any: [] });
  assert.match(encodeRequest(c, o, decoded, {}), /<ns1:X><ns1:Agg>a<\/ns1:Agg><ns1:Agg>b<\/ns1:Agg><\/ns1:X>/);
  // Items of two alternatives are still two alternatives; the one taken still needs its required items.
  assert.throws(
    () => encodeRequest(c, o, { Obj: ["o"], Agg: ["a"] }, {}),
    (e: unknown) => isEncodeError(e) && /Obj and Agg are alternatives/.test(e.message),
  );
  assert.match(encodeRequest(c, o, { Obj: [], Agg: [], Ext: [], any: [] }, {}), /<ns1:X\/>/);
});
