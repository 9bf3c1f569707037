/**
 * The SuperOffice documentation's example envelopes for the 66 User operations
 * (../shared/corpus/superoffice/examples/User/<Op>.request.xml / .response.xml) against our generated
 * descriptors and runtime.
 *
 * The examples are documentation, not wire truth (see the corpus README): they use the SOAP 1.2 envelope
 * namespace although the binding is SOAP 1.1, put the ApplicationToken and Credentials headers directly under
 * the Envelope with no Header element, omit TimeZone and every response header, put xsi:type on every element,
 * leave out inherited Carrier members (TableRight, FieldProperties) and show one item per array (a recursive
 * array ends in an xsi:nil item).
 *
 * Responses: each decodes with `decodeResponse` for its operation (looked up by file name), leniently and in
 * strict mode, to exactly the value the example holds. That value is built from the example alone, from its
 * xsi:type annotations (xsd:int/short → number, xsd:boolean → boolean, xsd:string/dateTime → the text
 * verbatim, ArrayOf* → array, other named types → object or enumeration text, xsi:nil → null), not from our
 * descriptors; the output descriptor only says which member the method returns (`unwrap`).
 *
 * Requests: each element the example uses under the operation element (and each header entry) must exist in
 * our descriptors for that operation's input, with the same nesting and namespace, in our sequence order, with
 * the example's xsi:type equal to the descriptor's declared type, and every own (non-inherited) member of each
 * struct the example shows must be in the example. Then the example's request goes through our runtime both
 * ways: decoded with the input descriptors, re-encoded with `encodeRequest`, it must be canonically the
 * example's envelope, after four documented normalizations of the example: its header entries wrapped in a
 * Header, the SOAP 1.2 envelope namespace replaced by the binding's SOAP 1.1 one, the xsi:type attributes
 * removed (document/literal writes no type annotation when the value's type is the declared one, WSDL 1.1 §3.5
 * and XSD Part 1 §2.6.1; that each removed xsi:type is the declared type is checked first), and indentation
 * between tags dropped (see normalizedRequest).
 */
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, test } from "node:test";
import type { ClientDescriptor, FieldDescriptor, OperationDescriptor, TypeTable } from "../../templates/runtime/descriptors.js";
import type { DecodedResponse, DecodeOptions } from "../../templates/runtime/decode.js";
import type { DecodeError } from "../../templates/runtime/errors.js";
import { lookupType, structInfo, XSD_NS, XSI_NS, SER_NS } from "../../templates/runtime/schema.js";
import { primitiveOf } from "../../templates/runtime/values.js";
import { readElement, START, XmlReader, type XmlElement } from "../../templates/runtime/xml.js";
import { loadGenerated } from "../helpers/client.js";
import { CORPUS, corpusSkip } from "../helpers/shared.js";
import { canonical } from "../runtime/canonical.js";

const skip = corpusSkip();
const WSDL = join(CORPUS, "superoffice", "wsdl", "Services75-User.wsdl");
const DIR = join(CORPUS, "superoffice", "examples", "User");
const SOAP11 = "http://schemas.xmlsoap.org/soap/envelope/";
const SOAP12 = "http://www.w3.org/2003/05/soap-envelope";

type Decode = (client: ClientDescriptor, op: OperationDescriptor, xml: string, options?: DecodeOptions) => DecodedResponse;
type Encode = (client: ClientDescriptor, op: OperationDescriptor, input: unknown, headers: Record<string, unknown>) => string;

function parse(xml: string): XmlElement {
  const r = new XmlReader(xml);
  while (r.next() !== START) {
    /* prolog */
  }
  return readElement(r);
}

function elements(el: XmlElement): XmlElement[] {
  return el.children.filter((c): c is XmlElement => typeof c !== "string");
}

function text(el: XmlElement): string {
  return el.children.filter((c): c is string => typeof c === "string").join("");
}

function attr(el: XmlElement, ns: string, name: string): string | undefined {
  return el.attributes.find((a) => a.ns === ns && a.name === name)?.value;
}

const isNil = (el: XmlElement): boolean => attr(el, XSI_NS, "nil") === "true";

/** The value an example element holds, from its own xsi:type annotations (independent of our descriptors). */
function exampleValue(el: XmlElement): unknown {
  if (isNil(el)) return null;
  const type = attr(el, XSI_NS, "type");
  const kids = elements(el);
  if (type?.startsWith(`{${XSD_NS}}`)) {
    assert.equal(kids.length, 0, `${el.name}: a ${type} element with child elements`);
    const t = text(el);
    switch (type.slice(XSD_NS.length + 2)) {
      case "int":
      case "short":
        return Number(t);
      case "boolean":
        return t === "true" || t === "1";
      case "string":
      case "dateTime":
        return t;
      default:
        throw new Error(`${el.name}: no expectation for ${type}`);
    }
  }
  const local = type === undefined ? "" : type.slice(type.indexOf("}") + 1);
  if (local.startsWith("ArrayOf")) return kids.map(exampleValue);
  if (kids.length > 0 || (type !== undefined && text(el).trim() === "")) {
    // A struct (an empty one has only whitespace: enumeration values are never blank).
    const obj: Record<string, unknown> = {};
    for (const k of kids) {
      assert.ok(!Object.hasOwn(obj, k.name), `${el.name}/${k.name} repeats outside an ArrayOf`);
      obj[k.name] = exampleValue(k);
    }
    return obj;
  }
  return text(el);
}

/** `{ns}local` of a TypeRef, as an xsi:type would name it; undefined for an anonymous type. */
function typeQName(types: TypeTable, ref: string): string | undefined {
  const prim = primitiveOf(ref);
  if (prim !== undefined) return `{${prim === "guid" || prim === "char" ? SER_NS : XSD_NS}}${prim}`;
  const q = lookupType(types, ref)?.qname;
  return q === undefined ? undefined : `{${q[0]}}${q[1]}`;
}

interface Check {
  readonly issues: string[];
  elements: number;
  typed: number;
}

/**
 * Compares an example element with the descriptor field it should match: xsi:type, then its content (struct
 * members by namespace and name, in sequence order, own members all shown; array items; no child elements
 * in simple content).
 */
function checkElement(types: TypeTable, el: XmlElement, f: FieldDescriptor, path: string, c: Check): void {
  c.elements++;
  if (isNil(el)) {
    if (f.nillable !== true) c.issues.push(`${path}: xsi:nil on a non-nillable element`);
    return;
  }
  const xsiType = attr(el, XSI_NS, "type");
  if (xsiType !== undefined) {
    c.typed++;
    const declared = typeQName(types, f.type);
    if (xsiType !== declared) c.issues.push(`${path}: xsi:type ${xsiType}, our declared type ${f.type} (${declared ?? "anonymous"})`);
  }
  const d = lookupType(types, f.type);
  const kids = elements(el);
  switch (d?.kind) {
    case "struct": {
      const info = structInfo(types, d);
      let last = -1;
      for (const k of kids) {
        const i = info.fields.findIndex((g) => g.name === k.name && (g.ns ?? "") === k.ns);
        const p = `${path}/${k.name}`;
        const field = info.fields[i];
        if (field === undefined) {
          c.issues.push(`${p}: {${k.ns}}${k.name} is not a member of ${f.type}`);
          continue;
        }
        if (i < last) c.issues.push(`${p}: out of our sequence order for ${f.type}`);
        last = i;
        checkElement(types, k, field, p, c);
      }
      for (const g of d.fields) {
        if (!kids.some((k) => k.name === g.name && k.ns === (g.ns ?? ""))) c.issues.push(`${path}: our member ${g.name} of ${f.type} is not in the example`);
      }
      return;
    }
    case "array":
      for (const k of kids) {
        if (k.name !== d.item.name || k.ns !== (d.item.ns ?? "")) c.issues.push(`${path}/${k.name}: not an item <${d.item.name}> of ${f.type}`);
        else checkElement(types, k, d.item, `${path}/${k.name}`, c);
      }
      return;
    case "dictionary":
      for (const k of kids) {
        if (k.name !== d.entry.name) {
          c.issues.push(`${path}/${k.name}: not an entry <${d.entry.name}> of ${f.type}`);
          continue;
        }
        for (const kv of elements(k)) {
          const g = kv.name === d.key.name ? d.key : kv.name === d.value.name ? d.value : undefined;
          if (g === undefined) c.issues.push(`${path}/${k.name}/${kv.name}: not Key or Value of ${f.type}`);
          else checkElement(types, kv, g, `${path}/${k.name}/${kv.name}`, c);
        }
      }
      return;
    default:
      if (kids.length > 0) c.issues.push(`${path}: child elements in ${f.type}, a simple type`);
  }
}

/** The example request with the documented normalizations (see the module comment). */
function normalizedRequest(xml: string): { withHeader: string; expected: string } {
  const m = /(<SOAP-ENV:Envelope\b[^>]*>)([\s\S]*?)(<SOAP-ENV:Body>)/.exec(xml);
  assert.ok(m !== null, "the example has a SOAP-ENV:Envelope and a SOAP-ENV:Body");
  const headerless = (m[2] ?? "").trim();
  assert.doesNotMatch(headerless, /SOAP-ENV:Header/, "the examples have no Header element");
  const withHeader = xml.replace(m[0], `${m[1]}<SOAP-ENV:Header>${m[2]}</SOAP-ENV:Header>${m[3]}`);
  // Indentation inside an element with no child elements is kept by canonical(); here it only ever stands in
  // element-only content (an empty wrapper such as <User:CreateDefaultUser>\n   </User:CreateDefaultUser>), where
  // it is not data (XSD Part 1 §3.4.4: white space in element-only content is not character information). No
  // simple-typed example element holds white space alone, which the first assertion guards.
  assert.doesNotMatch(xml, /xsi:type="xsd:[^"]*">[ \t\r\n]+</, "a simple value made of white space only");
  const expected = withHeader
    .replace(`xmlns:SOAP-ENV="${SOAP12}"`, `xmlns:SOAP-ENV="${SOAP11}"`)
    .replace(/\s+xsi:type="[^"]*"/g, "")
    .replace(/>[ \t\r\n]+</g, "><");
  return { withHeader, expected: canonical(expected) };
}

describe("SuperOffice User documentation examples", { skip }, async () => {
  if (skip !== false) return;
  const { module } = await loadGenerated([WSDL]);
  const client = module["userDescriptor"] as ClientDescriptor;
  const decodeResponse = module["decodeResponse"] as Decode;
  const encodeRequest = module["encodeRequest"] as Encode;
  const isDecodeError = module["isDecodeError"] as (e: unknown) => e is DecodeError;
  const types = client.types;
  const byName = new Map(Object.values(client.operations).map((o) => [o.name, o]));
  const files = readdirSync(DIR).sort();
  const responses = files.filter((f) => f.endsWith(".response.xml"));
  const requests = files.filter((f) => f.endsWith(".request.xml"));
  const read = (f: string): string => readFileSync(join(DIR, f), "utf8");
  const opOf = (f: string): OperationDescriptor => {
    const op = byName.get(f.replace(/\.(request|response)\.xml$/, ""));
    assert.ok(op !== undefined, `${f}: no operation of that name in our descriptors`);
    return op;
  };
  const decoded = new Map<string, unknown>();

  test("one request and one response example per operation, for all 66", () => {
    const names = [...byName.keys()].sort();
    assert.equal(names.length, 66);
    assert.deepEqual(
      responses.map((f) => f.replace(".response.xml", "")),
      names,
    );
    assert.deepEqual(
      requests.map((f) => f.replace(".request.xml", "")),
      names,
    );
  });

  for (const file of responses) {
    const name = file.replace(".response.xml", "");
    test(`${name}: the response example decodes, lenient and strict, to the value it holds`, () => {
      const op = opOf(file);
      const xml = read(file);
      const env = parse(xml);
      assert.equal(env.ns, SOAP12, "documentation examples use the SOAP 1.2 envelope namespace");
      const body = elements(env).find((e) => e.name === "Body");
      const wrapper = body === undefined ? undefined : elements(body)[0];
      assert.ok(wrapper !== undefined && op.output?.body.kind === "element");
      assert.equal(wrapper.name, op.output.body.field.name);
      // The wrapper's members as the example shows them; the method's value is the `unwrap` member, if any, and
      // nothing for an empty (`void`) wrapper.
      const members = Object.fromEntries(elements(wrapper).map((k) => [k.name, exampleValue(k)]));
      const unwrap = op.output.unwrap;
      const expected = op.output.void === true ? undefined : unwrap === undefined ? members : members[unwrap];
      if (op.output.void === true) assert.deepEqual(members, {}, "a void operation's example wrapper is empty");

      const results: DecodedResponse[] = [];
      for (const strict of [false, true]) {
        try {
          results.push(decodeResponse(client, op, xml, { strict }));
        } catch (e) {
          // No example is expected to fail; a failure must at least be our typed DecodeError, with its path.
          assert.ok(isDecodeError(e), `${file}: decoding threw something other than a DecodeError: ${String(e)}`);
          assert.fail(`${file} (strict: ${strict}): DecodeError at ${e.path} (line ${e.line}): ${e.message}`);
        }
      }
      for (const r of results) {
        assert.deepEqual(r.headers, {}, "the examples carry no response headers");
        assert.deepStrictEqual(r.body, expected);
      }
      decoded.set(name, results[1]?.body);

      const c: Check = { issues: [], elements: 0, typed: 0 };
      checkElement(types, wrapper, op.output.body.field, name, c);
      assert.deepEqual(c.issues, []);
    });
  }

  test("spot checks of decoded examples: values, one-item arrays stay arrays, dateTimes verbatim, nil items", () => {
    const user = decoded.get("GetUser") as Record<string, unknown> & { LicenseOwners: Record<string, unknown>[] };
    assert.equal(user["AssociateId"], 0);
    assert.equal(user["Name"], "");
    assert.equal(user["Rank"], 0);
    assert.equal(user["Deleted"], false);
    assert.equal(user["Lastlogin"], "2021-03-25T21:34:02Z");
    assert.equal(user["Type"], "Unknown");
    assert.ok(Array.isArray(user.LicenseOwners) && user.LicenseOwners.length === 1);
    const links = user.LicenseOwners[0]?.["RestrictedModuleLicenses"];
    assert.ok(Array.isArray(links) && links.length === 1);
    assert.deepEqual(Object.keys(links[0] as object), [
      "Unrestricted",
      "Total",
      "Tooltip",
      "CanAssign",
      "Free",
      "InUse",
      "Assigned",
      "ModuleLicenseId",
      "Name",
      "Description",
      "PrerequisiteModuleName",
      "SortOrder",
    ]);
    assert.deepEqual((user["Credentials"] as { Type: unknown }[])[0]?.Type, {
      DisplayType: "",
      Type: "",
      Description: "",
      ValueControl: "Static",
      CanCreatePerson: false,
    });
    assert.equal("TableRight" in user, false, "inherited Carrier members are absent from the examples");

    // A recursive array, three levels down, ends in a nil item.
    const roles = decoded.get("GetAllRoles") as { ChildItems: { ChildItems: { ChildItems: unknown[] }[] }[] }[];
    assert.equal(roles.length, 1);
    assert.deepEqual(roles[0]?.ChildItems[0]?.ChildItems[0]?.ChildItems, [null]);
    assert.equal((roles[0] as unknown as Record<string, unknown>)["LastChanged"], "2021-03-25T21:34:02Z");

    const entity = decoded.get("GetRoleEntity") as { RoleType: unknown; DataRights: { Rights: unknown[][] } };
    assert.equal(entity.RoleType, "Employee");
    assert.ok(Array.isArray(entity.DataRights.Rights) && Array.isArray(entity.DataRights.Rights[0]), "ArrayOfArrayOfDataRight: an array of arrays");
    assert.equal(entity.DataRights.Rights[0]?.length, 1);

    assert.deepEqual(decoded.get("FindRolesWithFunctionalRights"), [0]);
    assert.equal(decoded.get("IsPasswordValid"), false);
    assert.equal(decoded.get("GetValidUserName"), "");
    assert.ok(decoded.has("DeleteUser"));
    assert.equal(decoded.get("DeleteUser"), undefined, "an empty response wrapper: the method returns void");
    const creds = decoded.get("GetUntrustedCredentials") as Record<string, unknown>[];
    assert.equal(creds[0]?.["ValidTo"], "2021-03-25T21:34:02Z");
  });

  test("a damaged example fails with our typed DecodeError, naming operation, path and position", () => {
    const op = opOf("GetUser.response.xml");
    const xml = read("GetUser.response.xml");
    const cut = xml.slice(0, xml.indexOf("<User:Lastlogout"));
    assert.throws(
      () => decodeResponse(client, op, cut),
      (e: unknown) => isDecodeError(e) && e.operation === "GetUser" && /GetUserResponse\/Response/.test(e.path) && e.line > 1,
    );
    const badInt = xml.replace(`<User:EjUserId xsi:type="xsd:int">0</User:EjUserId>`, `<User:EjUserId xsi:type="xsd:int">zero</User:EjUserId>`);
    assert.notEqual(badInt, xml);
    assert.throws(
      () => decodeResponse(client, op, badInt),
      (e: unknown) => isDecodeError(e) && e.path.endsWith("Response/EjUserId") && /not a valid integer/.test(e.message),
    );
  });

  for (const file of requests) {
    const name = file.replace(".request.xml", "");
    test(`${name}: the request example's elements exist in our input descriptors and round-trip through our runtime`, () => {
      const op = opOf(file);
      const xml = read(file);
      const env = parse(xml);
      const body = op.input.body;
      assert.ok(body.kind === "element");
      const c: Check = { issues: [], elements: 0, typed: 0 };
      let wrappers = 0;
      for (const child of elements(env)) {
        if (child.name === "Body" && child.ns === SOAP12) {
          for (const w of elements(child)) {
            wrappers++;
            if (w.name !== body.field.name || w.ns !== (body.field.ns ?? "")) c.issues.push(`Body/${w.name}: our body element is ${body.field.name}`);
            else checkElement(types, w, body.field, name, c);
          }
        } else {
          // Header entries, shown directly under the Envelope.
          const h = op.input.headers?.find((g) => g.name === child.name && (g.ns ?? "") === child.ns);
          if (h === undefined) c.issues.push(`{${child.ns}}${child.name}: not one of our request headers`);
          else checkElement(types, child, h, `Header/${child.name}`, c);
        }
      }
      assert.equal(wrappers, 1);
      assert.deepEqual(c.issues, []);
      assert.ok(c.elements >= 4, "the wrapper and the ApplicationToken, Credentials and Ticket headers at least");
      assert.equal(c.typed, c.elements - 4, "every body element but the wrapper carries xsi:type (headers none)");

      // Round trip: the example decoded with our input descriptors and re-encoded is the example.
      const { withHeader, expected } = normalizedRequest(xml);
      const asResponse: OperationDescriptor = { ...op, output: { body, ...(op.input.headers ? { headers: op.input.headers } : {}) } };
      const value = decodeResponse(client, asResponse, withHeader, { strict: true });
      assert.deepEqual(Object.keys(value.headers), ["ApplicationToken", "Credentials"]);
      const ours = canonical(encodeRequest(client, op, value.body, value.headers));
      assert.equal(ours, expected);
    });
  }
});
