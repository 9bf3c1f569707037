/**
 * node-soap's request/response sample folders (../shared/corpus/node-soap/request-response-samples), response
 * side: each folder's soap.wsdl is compiled, and the response.xml its mock server sends is decoded with our
 * runtime for the operation the folder names (its name before `__`), through the same path a call takes (the
 * body unpacked by Content-Type, MTOM included; lenient decoding). Nothing the response carries may be lost:
 * every text and attribute value in the Body and the Header (SOAP's own attributes, xsi:* and namespace
 * declarations aside) must be somewhere in the decoded body and headers, declared members or `extras`.
 *
 * The request side is not compared: node-soap's expected request.xml files follow node-soap's conventions, not
 * the schemas (fooOp's expects unqualified elements where bar.xsd says elementFormDefault="qualified").
 *
 * Pinned, each for a reason in the sample itself: WSDLs that are not namespace-well-formed or have no SOAP
 * binding (REJECTED), WSDLs with references to nothing that compile with `allowUnresolved` (UNRESOLVED), and
 * responses that are broken or do not match their WSDL (RESPONSES).
 */
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, test } from "node:test";
import { generate } from "../../generator/index.js";
import { makeReader } from "../../bin/io.js";
import type { ClientDescriptor, OperationDescriptor } from "../../templates/runtime/descriptors.js";
import { unpackBody } from "../../templates/runtime/multipart.js";
import { extras } from "../../templates/runtime/reader.js";
import { readElement, START, XmlReader, type XmlElement } from "../../templates/runtime/xml.js";
import { loadGenerated } from "../helpers/client.js";
import { runtimeTemplates } from "../helpers/generate.js";
import { CORPUS, corpusSkip } from "../helpers/shared.js";

const DIR = join(CORPUS, "node-soap", "request-response-samples");

/** Folder → the first error code of its WSDL (generation refused, also with allowUnresolved). */
const REJECTED: Readonly<Record<string, string>> = {
  Dummy__should_use_defined_xml_key_in_first_level_for_rpc: "xml-malformed", // prefix soap12 used, never declared
  addPrefix__should_add_namespace_on_output_message: "no-soap-binding", // an HTTP binding only
  attachments__should_send_binary_data: "xml-malformed", // prefix xmime used, never declared
  getAvailability__should_not_fail_without_children: "prefix-undeclared", // binding="auth:doItSOAP", auth undeclared
  login__complex_schema_xmlns_with_array_and_any_type_and_other_types: "xml-malformed", // prefix xs used, never declared
};

/** Folder → the codes of its references to nothing: refused by default, compiled with allowUnresolved. */
const UNRESOLVED: Readonly<Record<string, readonly string[]>> = {
  // `xs:simpletype` (lower case) declares nothing, so RestrictedStringType is missing.
  Dummy__ref_element_should_have_correct_namespace_with_overrideElementKey: ["missing-type"],
  // EventService.xsd lacks the SubscribeResponse element the messages name.
  GetSubscription__should_handle_ref_minOccurs_and_maxOccurs: ["missing-element"],
  // The child schemas do not define the ViewFareQuote type the response uses.
  RetrieveFareQuoteDateRange__should_handle_child_namespaces: ["missing-type"],
  // Name.xsd spells the element SetResourceRespone.
  "SetResource__should_correctly_set_element_if_complex-type_has_same_name": ["missing-element"],
  // NetSuite 2013_2 schemas import ../../platform/*.xsd, which are the 2011_1 versions (other namespaces).
  addList__complex_extension_namespace_for_arrays: ["missing-type"],
  get__complex_extension_without_explicit_namespace: ["missing-type"],
  login__attributes_namespace_should_be_configurable: ["missing-type"],
  update__complex_extension_with_array_attributes: ["missing-type"],
  // The CallOptions header element is not in the (trimmed) Salesforce schema.
  readMetadata__should_support_XMLSchema_Instance_override: ["missing-element"],
};

/** Folder → what is wrong with its response (a pattern of the error, or `lost` for values not decoded). */
const RESPONSES: Readonly<Record<string, { readonly error?: RegExp; readonly lost?: readonly string[]; readonly warnings?: readonly string[]; readonly why: string }>> = {
  // `warnings`: what breaks the generated types (a DecodeError by default; decoded here with onDecodeWarning).
  Dummy__should_deserialize_basic_types: {
    warnings: ["Envelope/Body/DummyResponse: missing required element <byte>", "Envelope/Body/DummyResponse: missing required element <dateTime>"],
    why: "the response has no <byte> and no <dateTime>, which the schema requires (node-soap does not check)",
  },
  Dummy__should_handle_nil: {
    warnings: ["Envelope/Body/DummyResponse/DummyResult/DummyList/DummyElement[1]: <DummyElement> is xsi:nil but not nillable"],
    why: "xsi:nil on DummyElement, which is not declared nillable (XSD Part 1 §3.3.4 forbids it); it decodes to null",
  },
  "SetResource__should_correctly_set_element_if_complex-type_has_same_name": {
    error: /undeclared namespace prefix 'ns'/,
    why: "the response uses the prefix ns: without declaring it (not namespace-well-formed XML)",
  },
  execFile__valid_xml_generated_on_request_with_complex_type_element_form_default_qualified: {
    error: /the Body has no <execFileResult> element/,
    why: "the response holds execFileResponse; the WSDL's output part is the execFileResult element",
  },
  fooOp__should_return_back_good_response_object: {
    error: /not a SOAP envelope/,
    why: "the envelope namespace lacks its final slash (…/soap/envelope) and the end tags do not match the start tags",
  },
  getAttachments__should_handle_MTOM_response: {
    error: /attachment cid:1186818862128 not found/,
    why: "its cid: references name no part of the package (see test/runtime/mtom.test.ts)",
  },
  GetItemInformation__should_ignore_default_namespace_from_schema: {
    lost: ["1234", "1.00"],
    why: "the response puts Items directly in GetItemInformationResponse, which declares only GetItemInformationResult; the unwrapped result is that (absent) member, and the wrapper's extras are not part of it",
  },
  GetSubscription__should_handle_ref_minOccurs_and_maxOccurs: {
    lost: ["OK"],
    why: "the response wrapper has a Status element its schema lacks; the unwrapped result is the Subscriptions member",
  },
};

const isClient = (v: unknown): v is ClientDescriptor => typeof v === "object" && v !== null && "operations" in v && "port" in v && "types" in v;
const XSI = "http://www.w3.org/2001/XMLSchema-instance";

/** Non-blank texts and attribute values of an element's content (SOAP's own attributes and xsi:* aside). */
function texts(el: XmlElement, out: string[]): void {
  for (const a of el.attributes) {
    if (a.ns === XSI || a.ns === "http://www.w3.org/2000/xmlns/" || (a.ns === "" && a.name === "xmlns") || a.ns.startsWith("http://schemas.xmlsoap.org/soap/")) continue;
    out.push(a.value.trim());
  }
  for (const c of el.children) {
    if (typeof c !== "string") texts(c, out);
    else if (c.trim() !== "") out.push(c.trim());
  }
}

/** Every scalar a decoded value holds, as text, extras included. */
function leaves(v: unknown, out: Set<string>): void {
  if (v === null || v === undefined) return;
  if (typeof v === "string") out.add(v.trim());
  else if (typeof v === "number" || typeof v === "bigint" || typeof v === "boolean") out.add(String(v));
  else if (v instanceof Uint8Array) out.add(Buffer.from(v).toString("base64"));
  else if (Array.isArray(v)) v.forEach((x) => leaves(x, out));
  else if (typeof v === "object") {
    const o = v as Record<string, unknown>;
    if (typeof o["name"] === "string" && Array.isArray(o["attributes"]) && Array.isArray(o["children"])) {
      const t: string[] = [];
      texts(o as unknown as XmlElement, t);
      t.forEach((x) => out.add(x));
      return;
    }
    Object.values(o).forEach((x) => leaves(x, out));
    const e = extras(o);
    for (const el of e?.elements ?? []) leaves(el, out);
    for (const a of e?.attributes ?? []) out.add(a.value.trim());
  }
}

/** A response text is decoded when its text, its number, or its base64 (without line breaks) is among the leaves. */
function decoded(text: string, got: ReadonlySet<string>): boolean {
  if (got.has(text) || got.has(text.replace(/\s+/g, ""))) return true;
  const n = Number(text);
  return text !== "" && !Number.isNaN(n) && [...got].some((g) => g !== "" && Number(g) === n);
}

function child(el: XmlElement, name: string): XmlElement | undefined {
  return el.children.find((c): c is XmlElement => typeof c !== "string" && c.name === name);
}

describe("node-soap's request/response samples: responses", { skip: corpusSkip() }, async () => {
  if (corpusSkip() !== false) return;
  const folders = readdirSync(DIR)
    .filter((n) => existsSync(join(DIR, n, "soap.wsdl")))
    .sort();

  test("the sample folders are there", () => {
    assert.ok(folders.length >= 45, `${folders.length} folders`);
  });

  for (const name of folders) {
    const d = join(DIR, name);
    test(name, async () => {
      const wsdl = join(d, "soap.wsdl");
      // The NetSuite samples share ../../platform/*.xsd with other folders, so imports may leave the input's folder.
      const strict = await generate([pathToFileURL(wsdl).href], { reader: makeReader(process.cwd()), runtime: runtimeTemplates(), allowOutsideRoot: true });
      const codes = [...new Set(strict.diagnostics.filter((x) => x.severity === "error").map((x) => x.code))].sort();
      if (REJECTED[name] !== undefined) {
        const first = strict.diagnostics.find((x) => x.severity === "error");
        assert.equal(first?.code, REJECTED[name], `expected rejection; got ${first?.message ?? "none"}`);
        const lenient = await generate([pathToFileURL(wsdl).href], {
          reader: makeReader(process.cwd()),
          runtime: runtimeTemplates(),
          allowUnresolved: true,
          allowOutsideRoot: true,
        });
        assert.ok(
          lenient.diagnostics.some((x) => x.severity === "error"),
          "rejected with allowUnresolved too",
        );
        return;
      }
      assert.deepEqual(codes, [...(UNRESOLVED[name] ?? [])].sort(), `errors of ${relative(CORPUS, wsdl)}: ${strict.diagnostics.map((x) => x.message).join("; ")}`);
      const { module } = await loadGenerated([wsdl], { allowUnresolved: true, allowOutsideRoot: true });
      const opName = name.split("__")[0] ?? "";
      const found = Object.values(module)
        .filter(isClient)
        .flatMap((c) =>
          Object.values(c.operations)
            .filter((o) => o.name === opName)
            .map((o) => [c, o] as const),
        );
      assert.ok(found.length > 0, `no operation ${opName}`);
      const [client, op] = found[0] ?? assert.fail();
      if (!existsSync(join(d, "response.xml"))) return; // the sample checks a request only
      const decode = module["decodeResponse"] as (c: ClientDescriptor, o: OperationDescriptor, x: string, opt?: unknown) => { body: unknown; headers: Record<string, unknown> };
      const httpHeaders = existsSync(join(d, "responseHttpHeader.json")) ? (JSON.parse(readFileSync(join(d, "responseHttpHeader.json"), "utf8")) as Record<string, string>) : {};
      const contentType = Object.entries(httpHeaders).find(([k]) => k.toLowerCase() === "content-type")?.[1] ?? "text/xml; charset=utf-8";
      let raw = readFileSync(join(d, "response.xml"));
      // The harness's own rewrite for this sample (see the corpus README): the server's element name is mapped.
      if (name.includes("overrideElementKey")) raw = Buffer.from(raw.toString("utf8").replace(/SillyResponse/g, "DummyResponse"));
      const pin = RESPONSES[name];
      const warnings: string[] = [];
      const onDecodeWarning = (w: { path: string; message: string }): void => void warnings.push(`${w.path}: ${w.message.replace(/^.*?\(line \d+, column \d+\): /, "")}`);
      let result: { body: unknown; headers: Record<string, unknown> };
      let text: string;
      try {
        const unpacked = unpackBody(raw, contentType);
        text = unpacked.text;
        const attachments = unpacked.attachments ? new Map(unpacked.attachments.map((a) => [a.id, a.bytes])) : undefined;
        result = decode(client, op, text, { ...(attachments ? { attachments } : {}), onDecodeWarning });
      } catch (e) {
        if (pin?.error !== undefined) {
          assert.match(e instanceof Error ? e.message : String(e), pin.error, pin.why);
          return;
        }
        throw e;
      }
      assert.equal(pin?.error, undefined, `pinned as failing (${pin?.why ?? ""}), but decodes now: unpin it`);
      assert.deepEqual(warnings, [...(pin?.warnings ?? [])], pin?.why ?? "the response breaks the generated types");
      const r = new XmlReader(text);
      while (r.next() !== START) {
        /* prolog */
      }
      const envelope = readElement(r);
      const lost: string[] = [];
      for (const [part, value] of [
        ["Body", result.body],
        ["Header", result.headers],
      ] as const) {
        const el = child(envelope, part);
        if (el === undefined) continue;
        const want: string[] = [];
        texts(el, want);
        const got = new Set<string>();
        leaves(value, got);
        lost.push(...want.filter((t) => !decoded(t, got)));
      }
      assert.deepEqual(lost, [...(pin?.lost ?? [])], pin?.why ?? "values of the response that were not decoded");
    });
  }
});
