/**
 * node-soap's request/response sample folders (../shared/corpus/node-soap/request-response-samples), response
 * side: each folder's soap.wsdl is compiled, and the response.xml its mock server sends is decoded with our
 * runtime for the operation the folder names (its name before `__`), through the same path a call takes (the
 * body unpacked by Content-Type, MTOM included; lenient decoding). Nothing the response carries may be lost:
 * every text and attribute value in the Body and the Header (SOAP's own attributes, xsi:* and namespace
 * declarations aside) must be somewhere in the decoded body and headers, declared members or `extras`.
 *
 * Request side: node-soap's argument object (request.json) becomes the client's input by the operation's
 * descriptors (test/helpers/nodesoap-args.ts), the generated client is called with a capturing fetch (no network),
 * and the envelope it sends is compared with the folder's request.xml in canonical form (namespaces resolved,
 * attribute order and indentation ignored; text kept as it is). A request that differs is pinned in REQUESTS with
 * its exact difference (or the error that stops it) and the reason, verified in the sample's files: node-soap's
 * expectations often do not follow their own WSDL (sequence order, namespaces, SOAP 1.2 envelopes).
 *
 * Response side, pinned, each for a reason in the sample itself: WSDLs that are not namespace-well-formed or have no SOAP
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
import { nodeSoapArgs, nodeSoapKeys } from "../helpers/nodesoap-args.js";
import { canonical } from "../runtime/canonical.js";
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

interface Sample {
  readonly module: Record<string, unknown>;
  /** The first client descriptor with the operation (the response side decodes with it). */
  readonly client: ClientDescriptor;
  readonly op: OperationDescriptor;
}

const samples = new Map<string, Promise<Sample | undefined>>();

/**
 * A folder's WSDL compiled and imported once for both sides: undefined when it is REJECTED (checked here: the
 * first error code, also with allowUnresolved); otherwise its errors must be the UNRESOLVED ones.
 */
function sample(name: string): Promise<Sample | undefined> {
  let p = samples.get(name);
  if (p === undefined) {
    p = load(name);
    samples.set(name, p);
  }
  return p;
}

async function load(name: string): Promise<Sample | undefined> {
  const wsdl = join(DIR, name, "soap.wsdl");
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
    return undefined;
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
  return { module, client, op };
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
      const loaded = await sample(name);
      if (loaded === undefined) return; // REJECTED, checked by sample()
      const { module, client, op } = loaded;
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

/**
 * Why a folder's request differs from node-soap's request.xml: `error` (a pattern) when wsdlc cannot make the
 * request from node-soap's args (a NodeSoapArgsError, a ReviveError naming a key the schema lacks, an
 * EncodeError), else `diff`: the exact lines of the canonical forms that differ (`-` node-soap's, `+` ours).
 * `kind`: "args" (node-soap's args do not fit the schema), "nodesoap" (node-soap's expected XML is wrong for its
 * WSDL), "form" (the same request in another form that node-soap's textual comparison tells apart).
 */
interface RequestPin {
  readonly kind: "args" | "nodesoap" | "form" | "rejected";
  readonly why: string;
  readonly error?: RegExp;
  readonly diff?: readonly string[];
  /**
   * request.xml is not namespace-well-formed: reading it fails with `broken`; `from` → `to` is the one repair
   * that makes it what node-soap meant, and the repaired text is compared.
   */
  readonly repair?: { readonly broken: RegExp; readonly from: RegExp; readonly to: string };
  /**
   * With `error`: the args changed (a copy) only as far as the schema requires; the request then made is compared,
   * and `diff` is what remains (the misfit itself, as node-soap writes it, and nothing else).
   */
  readonly fit?: (args: unknown) => unknown;
}

const WSU = "{http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd}";
const WSSE = "{http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd}";
const XSI_TYPE = "{http://www.w3.org/2001/XMLSchema-instance}type";
const NS_CORE = "{urn:core_2013_2.platform.webservices.netsuite.com}";
const NS_REL = "{urn:relationships_2013_2.lists.webservices.netsuite.com}";
const NS_NAME = "{http://www.bigdatacollect.or/Name/Types}";
const NS_COMMON = "{http://www.bigdatacollect.or/Common/Types}";
/** node-soap's wsu:Id on the Timestamp and the UsernameToken (the rest of the WS-Security header is the same). */
const WSU_IDS = [
  `+${WSU}Timestamp`,
  `-${WSU}Timestamp [${WSU}Id="Timestamp-2014-10-12T01:02:03Z"]`,
  `+${WSSE}UsernameToken`,
  `-${WSSE}UsernameToken [${WSU}Id="SecurityToken-2014-10-12T01:02:03Z"]`,
];
const WSU_ID_WHY =
  "form only: node-soap gives the Timestamp and the UsernameToken a wsu:Id (Timestamp-…, SecurityToken-…) that nothing in the message refers to (there is no signature); wsu:Id is optional (WSS SOAP Message Security 1.1 §4) and wsdlc's usernameToken writes none";

const REQUESTS: Readonly<Record<string, RequestPin>> = {
  // --- node-soap's args do not fit the schema (and its request.xml, made from them, does not either) ---
  Dummy__should_ignore_defined_namespaces: {
    kind: "args",
    why: "the args' DummyAccount is not an element of DummyRequest: name.xsd:11 names it Account (of type DummyAccount); node-soap writes <DummyAccount> all the same; with the key renamed Account, that element's name is the only difference",
    error: /ReviveError: body\.DummyAccount: unknown key; the properties are DummyField1, DummyFilter, Account$/,
    fit: (a) => renameKeys(a, { DummyAccount: "Account" }),
    diff: ["+{http://www.Dummy.com/Name/Types}Account", "-{http://www.Dummy.com/Name/Types}DummyAccount"],
  },
  Dummy__should_use_defined_value_key: {
    kind: "args",
    why: "the args' DummyAccount is not an element of DummyRequest: name.xsd:11 names it Account (of type DummyAccount); node-soap writes <DummyAccount> all the same; with the key renamed Account, that element's name is the only difference",
    error: /ReviveError: body\.DummyAccount: unknown key; the properties are DummyField1, DummyFilter, Account$/,
    fit: (a) => renameKeys(a, { DummyAccount: "Account" }),
    diff: ["+{http://www.Dummy.com/Name/Types}Account", "-{http://www.Dummy.com/Name/Types}DummyAccount"],
  },
  GetItemInformation__should_ignore_default_namespace_from_schema: {
    kind: "args",
    why: "the args' Item has no SupplierId, which soap.wsdl:45 requires (minOccurs=1, xs:short); node-soap sends the Item without it; with a SupplierId added, that element is the only difference",
    error: /EncodeError: GetItemInformation: cannot encode GetItemInformation\.Items\[0\]\.SupplierId: required value is missing$/,
    fit: (a) =>
      edit(
        a,
        (o) => at(o, "Items", "Item", 0),
        (item) => ({ ...item, SupplierId: 1 }),
      ),
    diff: ["+{SAMPLE}SupplierId", '+"1"'],
  },
  Login__unsupported_response_name_returned_and_local_xs_schema_missed: {
    kind: "args",
    why: "the input message Login1Request has 7 parts (soap.wsdl:45-52) and WSDL 1.1 has no optional parts; the args give 2 (UserAlias, Password). node-soap also puts the rpc wrapper in the WSDL's targetNamespace (urn:webservice-electrasoft-ru) instead of soap:body's namespace (soap.wsdl:69, WSDL 1.1 §3.5). With the 5 parts sent as nil (they are nillable), the rest is that wrapper namespace and form: soap:encodingStyle and xsi:type on rpc/encoded (see getAttachments)",
    error: /EncodeError: Login: cannot encode Login\.ConnectionID: required value is missing$/,
    fit: (a) => ({ ConnectionID: null, ...(a as object), Language: null, ProfileID: null, ContextXML: null, Timeout: null }),
    diff: [
      '+{urn:webservice-electrasoft-ru:types-ewsServerIntf-IewsServer}Login [{http://schemas.xmlsoap.org/soap/envelope/}encodingStyle="http://schemas.xmlsoap.org/soap/encoding/"]',
      '+ConnectionID [{http://www.w3.org/2001/XMLSchema-instance}nil="true"]',
      '+UserAlias [{http://www.w3.org/2001/XMLSchema-instance}type="{http://www.w3.org/2001/XMLSchema}string"]',
      "-{urn:webservice-electrasoft-ru}Login",
      "-UserAlias",
      '+Password [{http://www.w3.org/2001/XMLSchema-instance}type="{http://www.w3.org/2001/XMLSchema}string"]',
      "-Password",
      '+Language [{http://www.w3.org/2001/XMLSchema-instance}nil="true"]',
      '+ProfileID [{http://www.w3.org/2001/XMLSchema-instance}nil="true"]',
      '+ContextXML [{http://www.w3.org/2001/XMLSchema-instance}nil="true"]',
      '+Timeout [{http://www.w3.org/2001/XMLSchema-instance}nil="true"]',
    ],
  },
  Message__Messages_suffixed_with_Input_Output: {
    kind: "args",
    why: "the args' key bstrResourceId is not a part: the part is bstrResourceID (soap.wsdl:21; XML names are case-sensitive); node-soap writes <bstrResourceId>. With the key renamed, the rest is the part's name and form: soap:encodingStyle on the wrapper and xsi:type on the encoded part (see getAttachments)",
    error: /ReviveError: body\.bstrResourceId: unknown part; the parts are bstrResourceID$/,
    fit: (a) => renameKeys(a, { bstrResourceId: "bstrResourceID" }),
    diff: [
      '+{urn:MessageService}Message [{http://schemas.xmlsoap.org/soap/envelope/}encodingStyle="http://schemas.xmlsoap.org/soap/encoding/"]',
      '+bstrResourceID [{http://www.w3.org/2001/XMLSchema-instance}type="{http://www.w3.org/2001/XMLSchema}string"]',
      "-{urn:MessageService}Message",
      "-bstrResourceId",
    ],
  },
  Message__overriding_namespace_prefix: {
    kind: "args",
    why: "the args' key s1:bstrResourceId is not a part: the part is bstrResourceID (soap.wsdl:22), unqualified, where node-soap writes <s1:bstrResourceId> in urn:MessageService2. With the key renamed, the rest is the part's name and namespace and form: soap:encodingStyle on the wrapper and xsi:type on the encoded part (see getAttachments)",
    error: /ReviveError: body\.s1:bstrResourceId: unknown part; the parts are bstrResourceID$/,
    fit: (a) => renameKeys(a, { "s1:bstrResourceId": "bstrResourceID" }),
    diff: [
      '+{urn:MessageService}Message [{http://schemas.xmlsoap.org/soap/envelope/}encodingStyle="http://schemas.xmlsoap.org/soap/encoding/"]',
      '+bstrResourceID [{http://www.w3.org/2001/XMLSchema-instance}type="{http://www.w3.org/2001/XMLSchema}string"]',
      "-{urn:MessageService}Message",
      "-{urn:MessageService2}bstrResourceId",
    ],
  },
  RetrieveFareQuoteDateRange__should_handle_child_namespaces: {
    kind: "args",
    why: "DateOfDepartureStart is xs:dateTime (childs/childxs7.wsdl:98); the args' 2017-10-27 is a date without a time, not an xs:dateTime (XSD Part 2 §3.2.7.1), and node-soap sends it as it is; with 2017-10-27T00:00:00, those two texts are the only difference (the child namespaces all match)",
    error: /EncodeError: .*FareQuoteDetails\[0\]\.DateOfDepartureStart: expected a Date or an xs:dateTime string \(got "2017-10-27"\)$/,
    fit: (a) => JSON.parse(JSON.stringify(a).replaceAll('"2017-10-27"', '"2017-10-27T00:00:00"')) as unknown,
    diff: ['+"2017-10-27T00:00:00"', '-"2017-10-27"', '+"2017-10-27T00:00:00"', '-"2017-10-27"'],
  },
  UpdateProfile__correct_namespaces_other_prefixes: {
    kind: "args",
    why: "the args' NamePhone items have no PhoneData, which their base type c:Phone requires (Common.xsd:7, no minOccurs); node-soap sends them without it; with a PhoneData added to each, those elements are the only difference",
    error: /EncodeError: UpdateProfile: cannot encode UpdateProfileRequest\.Profile\.Phones\.NamePhone\[0\]\.PhoneData: required value is missing$/,
    fit: (a) =>
      edit(
        a,
        (o) => at(o, "Profile", "Phones"),
        (phones) => ({ NamePhone: (phones["NamePhone"] as object[]).map((p) => ({ ...p, PhoneData: { PhoneNumber: "?" } })) }),
      ),
    diff: [
      "+{http://www.bigdatacollect.or/Common/Types}PhoneData",
      "+{http://www.bigdatacollect.or/Common/Types}PhoneNumber",
      '+"?"',
      "+{http://www.bigdatacollect.or/Common/Types}PhoneData",
      "+{http://www.bigdatacollect.or/Common/Types}PhoneNumber",
      '+"?"',
    ],
  },
  fooOp__should_return_back_good_response_object: {
    kind: "args",
    why: 'requestId is a bar1:UUID, whose pattern (bar1.xsd:6) has four groups (8-4-4-12); the args\' 79d9372c-d2fe-4f86-a637-d1f5710bb439 has five. node-soap does not check facets; its request.xml also leaves Request1 and its members unqualified, where Request1 is a global element of http://example.com/bar/xsd (bar.xsd:11) and bar.xsd:1 and bar1.xsd:1 say elementFormDefault="qualified": with a requestId that fits the pattern, that namespace and the value are the only differences',
    error:
      /EncodeError: fooOp: cannot encode Request1\.requestHeader\.requestId: does not match the pattern "\[A-Fa-f0-9\]\{8\}-\[A-Fa-f0-9\]\{4\}-\[A-Fa-f0-9\]\{4\}-\[A-Fa-f0-9\]\{12\}"$/,
    fit: () => ({ requestHeader: { requestId: "79d9372c-d2fe-4f86-d1f5710bb439" } }),
    diff: [
      "+{http://example.com/bar/xsd}Request1",
      "+{http://example.com/bar/xsd}requestHeader",
      "+{http://example.com/bar1/xsd}requestId",
      '+"79d9372c-d2fe-4f86-d1f5710bb439"',
      "-Request1",
      "-requestHeader",
      "-requestId",
      '-"79d9372c-d2fe-4f86-a637-d1f5710bb439"',
    ],
  },
  getMessage__force_use_schema_xmlns: {
    kind: "args",
    why: "getMessageRequest holds sessionId and markAsExport (types10.xsd:7-13); the args wrap them in Body/getMessageRequest/message, which node-soap writes as elements the schema does not have; with the content unwrapped, node-soap's three extra elements are the only difference",
    error: /ReviveError: body\.Body: unknown key; the properties are sessionId, markAsExport$/,
    fit: (a) => at(a, "Body", "getMessageRequest", "message"),
    diff: [
      "+{urn:de:brak:bea:application:dto:soap:types10}sessionId",
      '+"123"',
      "+{urn:de:brak:bea:application:dto:soap:types10}markAsExport",
      '+"false"',
      "-{urn:de:brak:bea:application:dto:soap:types10}Body",
      "-{urn:de:brak:bea:application:dto:soap:types10}getMessageRequest",
      "-{urn:de:brak:bea:application:dto:soap:types10}message",
      "-{urn:de:brak:bea:application:dto:soap:types10}sessionId",
      '-"123"',
      "-{urn:de:brak:bea:application:dto:soap:types10}markAsExport",
      '-"false"',
    ],
  },
  get__complex_extension_without_explicit_namespace: {
    kind: "args",
    why: "the args' attribute type is not an attribute of RecordRef, which has internalId and externalId only (soap.platform.core.xsd:41-47); without it, that attribute is the only difference",
    error: /ReviveError: body\.baseRef\.@type: unknown key; the properties are name, internalId, externalId$/,
    fit: (a) =>
      edit(
        a,
        (o) => at(o, "baseRef", "attributes"),
        ({ type: _dropped, ...rest }) => rest,
      ),
    diff: [
      '+{urn:messages_2013_2.platform.webservices.netsuite.com}baseRef [internalId="42" {http://www.w3.org/2001/XMLSchema-instance}type="{urn:core_2013_2.platform.webservices.netsuite.com}RecordRef"]',
      '-{urn:messages_2013_2.platform.webservices.netsuite.com}baseRef [internalId="42" type="contact" {http://www.w3.org/2001/XMLSchema-instance}type="{urn:core_2013_2.platform.webservices.netsuite.com}RecordRef"]',
    ],
  },
  multiCall__rpc_stype_request_xsi_attributes: {
    kind: "args",
    why: "the input message multiCall has 3 parts (soap.wsdl:14-17) and WSDL 1.1 has no optional parts; the args leave out options. With options sent as nil (it is nillable), the rest: node-soap puts the nested item, key and value accessors in the SOAP encoding namespace (that of the xsi:type it writes), where SOAP 1.1 §5.1 makes locally scoped accessors unqualified; and form: wsdlc marks the FixedArray calls with xsi:type soapenc:Array and soapenc:arrayType (SOAP 1.1 §5.4.2), soap:encodingStyle on the wrapper and xsi:type on sessionId, node-soap writes none of them",
    error: /EncodeError: multiCall: cannot encode multiCall\.options: required value is missing$/,
    fit: (a) => ({ ...(a as object), options: null }),
    diff: [
      '+{urn:Magento}multiCall [{http://schemas.xmlsoap.org/soap/envelope/}encodingStyle="http://schemas.xmlsoap.org/soap/encoding/"]',
      '+sessionId [{http://www.w3.org/2001/XMLSchema-instance}type="{http://www.w3.org/2001/XMLSchema}string"]',
      "-{urn:Magento}multiCall",
      "-sessionId",
      '+calls [{http://schemas.xmlsoap.org/soap/encoding/}arrayType="xsd:anyType[1]" {http://www.w3.org/2001/XMLSchema-instance}type="{http://schemas.xmlsoap.org/soap/encoding/}Array"]',
      "-calls",
      "+item",
      "-{http://schemas.xmlsoap.org/soap/encoding/}item",
      '+item [{http://www.w3.org/2001/XMLSchema-instance}type="{http://schemas.xmlsoap.org/soap/encoding/}Array"]',
      "+item",
      '-{http://schemas.xmlsoap.org/soap/encoding/}item [{http://www.w3.org/2001/XMLSchema-instance}type="{http://schemas.xmlsoap.org/soap/encoding/}Array"]',
      "-{http://schemas.xmlsoap.org/soap/encoding/}item",
      '+item [{http://www.w3.org/2001/XMLSchema-instance}type="{http://xml.apache.org/xml-soap}Map"]',
      "+item",
      "+key",
      '-{http://schemas.xmlsoap.org/soap/encoding/}item [{http://www.w3.org/2001/XMLSchema-instance}type="{http://xml.apache.org/xml-soap}Map"]',
      "-{http://schemas.xmlsoap.org/soap/encoding/}item",
      "-{http://schemas.xmlsoap.org/soap/encoding/}key",
      "+value",
      "-{http://schemas.xmlsoap.org/soap/encoding/}value",
      "+item",
      "+key",
      "-{http://schemas.xmlsoap.org/soap/encoding/}item",
      "-{http://schemas.xmlsoap.org/soap/encoding/}key",
      "+value",
      "-{http://schemas.xmlsoap.org/soap/encoding/}value",
      '+options [{http://www.w3.org/2001/XMLSchema-instance}nil="true"]',
    ],
  },
  // --- node-soap's request.xml is wrong for its WSDL ---
  GET_DATA__should_work_with_more_deeply_nested_XML_messages_and_without_security: {
    kind: "nodesoap",
    why: 'request.xml:9 names the body element xmlns:ns0:Z_STORE_TEMPLATE_GET_DATA (node-soap\'s overrideRootElement.namespace "xmlns:ns0" pasted as a prefix): not a QName (Namespaces in XML 1.0 §4); read as ns0:Z_STORE_TEMPLATE_GET_DATA, it is our request exactly',
    repair: { broken: /invalid qualified name 'xmlns:ns0:Z_STORE_TEMPLATE_GET_DATA'/, from: /xmlns:ns0:Z_STORE_TEMPLATE_GET_DATA/g, to: "ns0:Z_STORE_TEMPLATE_GET_DATA" },
    diff: [],
  },
  ResponseHeaders__return_soap_headers: {
    kind: "nodesoap",
    why: "header.json's string is pasted into soap:Header as bare text (node-soap's addSoapHeader takes a string as raw XML); a Header holds header entries, which are elements (SOAP 1.1 §4.2), so wsdlc, whose extra headers are XmlElements, sends no Header",
    diff: ["-{http://schemas.xmlsoap.org/soap/envelope/}Header", '-"headerContent"'],
  },
  UpdateProfile__correct_namespaces_for_elements_with_base_ignorednamespaces: {
    kind: "nodesoap",
    why: "node-soap writes Profile's members in the args' order, Addresses before Phones, against the sequence IDs, Phones, Addresses of Name.xsd:45-47; and with ignoreBaseNameSpaces it puts UniqueID, AddressLine, PhoneData and PhoneNumber in the Name namespace, though Common.xsd (elementFormDefault=\"qualified\") declares them in the Common one (Common.xsd:7, :12, :36)",
    diff: [
      `+${NS_COMMON}UniqueID [source="TESTSOURCE"]`,
      `-${NS_NAME}UniqueID [source="TESTSOURCE"]`,
      `+${NS_NAME}Phones`,
      `+${NS_NAME}NamePhone [primary="true"]`,
      `+${NS_COMMON}PhoneData`,
      `+${NS_COMMON}PhoneNumber`,
      '+"123"',
      `+${NS_NAME}NamePhone [primary="false"]`,
      `+${NS_COMMON}PhoneData`,
      `+${NS_COMMON}PhoneNumber`,
      '+"456"',
      `+${NS_COMMON}AddressLine`,
      `-${NS_NAME}AddressLine`,
      `+${NS_COMMON}AddressLine`,
      `-${NS_NAME}AddressLine`,
      `-${NS_NAME}Phones`,
      `-${NS_NAME}NamePhone [primary="true"]`,
      `-${NS_NAME}PhoneData`,
      `-${NS_NAME}PhoneNumber`,
      '-"123"',
      `-${NS_NAME}NamePhone [primary="false"]`,
      `-${NS_NAME}PhoneData`,
      `-${NS_NAME}PhoneNumber`,
      '-"456"',
    ],
  },
  execFile__valid_xml_generated_on_request_with_complex_type_element_form_default_qualified: {
    kind: "nodesoap",
    why: "the WSDL's only binding is SOAP 1.2 (soap.wsdl:6 binds the prefix SOAP to …/wsdl/soap12/, soap.wsdl:47), so the envelope is SOAP 1.2's; node-soap sends a SOAP 1.1 envelope",
    diff: [
      "+{http://www.w3.org/2003/05/soap-envelope}Envelope",
      "+{http://www.w3.org/2003/05/soap-envelope}Body",
      "-{http://schemas.xmlsoap.org/soap/envelope/}Envelope",
      "-{http://schemas.xmlsoap.org/soap/envelope/}Body",
    ],
  },
  getAttachments__should_handle_MTOM_response: {
    kind: "nodesoap",
    why: "the rpc wrapper belongs in soap:body's namespace, urn:examples:MTOMService (soap.wsdl:32; WSDL 1.1 §3.5); node-soap uses the WSDL's targetNamespace. The rest is form: on rpc/encoded wsdlc writes soap:encodingStyle on the wrapper (SOAP 1.1 §4.1.1) and xsi:type on the part (§5.1 lets it be left out when the schema fixes the type); node-soap writes neither",
    diff: [
      '+{urn:examples:MTOMService}getAttachments [{http://schemas.xmlsoap.org/soap/envelope/}encodingStyle="http://schemas.xmlsoap.org/soap/encoding/"]',
      `+param [${XSI_TYPE}="{http://www.w3.org/2001/XMLSchema}string"]`,
      "-{http://www.examples.com/wsdl/MTOMService.wsdl}getAttachments",
      "-param",
    ],
  },
  update__complex_extension_with_array_attributes: {
    kind: "nodesoap",
    why: "Contact extends Record, so Record's nullFieldList (soap.platform.core.xsd:24) comes before Contact's own firstName and lastName (XSD Part 1 §3.4.2: the base's particle first); node-soap keeps the args' order. replaceAll is an attribute of SubscriptionsList (soap.lists.relationships.xsd:20), which node-soap writes as an element. Form only: node-soap's xsi:type on subscription names its declared type RecordRef (redundant, XSD Part 1 §3.3.4), which wsdlc writes only for a derived type",
    diff: [
      `-${NS_REL}firstName`,
      '-"Allister"',
      `-${NS_REL}lastName`,
      '-"Sullivan"',
      `+${NS_REL}firstName`,
      '+"Allister"',
      `+${NS_REL}lastName`,
      '+"Sullivan"',
      `+${NS_REL}subscriptionsList [replaceAll="false"]`,
      `-${NS_REL}subscriptionsList`,
      `-${NS_REL}replaceAll`,
      '-"false"',
      `+${NS_REL}subscription [internalId="2"]`,
      `-${NS_REL}subscription [internalId="2" ${XSI_TYPE}="${NS_CORE}RecordRef"]`,
      `+${NS_REL}subscription [internalId="1"]`,
      `-${NS_REL}subscription [internalId="1" ${XSI_TYPE}="${NS_CORE}RecordRef"]`,
    ],
  },
  // --- the same request in another form ---
  "RequestHeaders__propogate_basic_security backward compatible check": { kind: "form", why: WSU_ID_WHY, diff: WSU_IDS },
  RequestHeaders__propogate_basic_security_invalid_options: { kind: "form", why: WSU_ID_WHY, diff: WSU_IDS },
  RequestHeaders__propogate_basic_security_no_token_created: {
    kind: "form",
    why: `${WSU_ID_WHY}; and without a token Created, wsdlc writes the Timestamp's times with milliseconds (…03.000Z), node-soap without (…03Z): the same xs:dateTime values`,
    diff: [
      `+${WSU}Timestamp`,
      `-${WSU}Timestamp [${WSU}Id="Timestamp-2014-10-12T01:02:03Z"]`,
      '+"2014-10-12T01:02:03.000Z"',
      '-"2014-10-12T01:02:03Z"',
      '+"2014-10-12T01:12:03.000Z"',
      `+${WSSE}UsernameToken`,
      '-"2014-10-12T01:12:03Z"',
      `-${WSSE}UsernameToken [${WSU}Id="SecurityToken-2014-10-12T01:02:03Z"]`,
    ],
  },
  addList__complex_extension_namespace_for_arrays: {
    kind: "form",
    why: "node-soap's xsi:type on subsidiary names its declared type RecordRef (the args' xsi_type), which changes nothing (XSD Part 1 §3.3.4); wsdlc writes xsi:type only for a derived type (the records' Contact is written by both)",
    diff: [
      `+${NS_REL}subsidiary [internalId="1"]`,
      `-${NS_REL}subsidiary [internalId="1" ${XSI_TYPE}="${NS_CORE}RecordRef"]`,
      `+${NS_REL}subsidiary [internalId="1"]`,
      `-${NS_REL}subsidiary [internalId="1" ${XSI_TYPE}="${NS_CORE}RecordRef"]`,
    ],
  },
  // --- the WSDL is rejected (see REJECTED): no request to make ---
  Dummy__should_use_defined_xml_key_in_first_level_for_rpc: { kind: "rejected", why: "soap.wsdl uses the prefix soap12 without declaring it" },
  addPrefix__should_add_namespace_on_output_message: { kind: "rejected", why: "soap.wsdl has an HTTP binding only" },
  attachments__should_send_binary_data: { kind: "rejected", why: "soap.wsdl uses the prefix xmime without declaring it (and the folder has no request.xml)" },
  getAvailability__should_not_fail_without_children: { kind: "rejected", why: 'soap.wsdl\'s binding="auth:doItSOAP" uses an undeclared prefix' },
  login__complex_schema_xmlns_with_array_and_any_type_and_other_types: { kind: "rejected", why: "soap.wsdl uses the prefix xs without declaring it" },
};

/** node-soap's overrideElementKey renames the keys of the args (and the harness rewrites request.xml to match). */
function renameKeys(v: unknown, map: Readonly<Record<string, string>>): unknown {
  if (Array.isArray(v)) return v.map((x) => renameKeys(x, map));
  if (typeof v !== "object" || v === null) return v;
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [map[k] ?? k, renameKeys(x, map)]));
}

/** The value at a path of keys and indexes in parsed JSON (a test failure when it is not there). */
function at(v: unknown, ...path: (string | number)[]): Record<string, unknown> {
  let cur = v;
  for (const k of path) cur = (cur as Record<string | number, unknown> | undefined)?.[k];
  assert.ok(typeof cur === "object" && cur !== null, `no object at ${path.join(".")}`);
  return cur as Record<string, unknown>;
}

/** A copy of `v` in which the object `find` picks is replaced by `change` of it. */
function edit(v: unknown, find: (o: unknown) => Record<string, unknown>, change: (o: Record<string, unknown>) => unknown): unknown {
  const copy = JSON.parse(JSON.stringify(v)) as unknown;
  const target = find(copy);
  const next = change(target) as Record<string, unknown>;
  for (const k of Object.keys(target)) delete target[k];
  Object.assign(target, next);
  return copy;
}

/** A line diff of two texts (longest common subsequence): `-` lines only in `a`, `+` lines only in `b`. */
function lineDiff(a: string, b: string): string[] {
  const x = a.split("\n");
  const y = b.split("\n");
  const m = x.length;
  const n = y.length;
  const lcs: number[][] = Array.from({ length: m + 1 }, () => new Array<number>(n + 1).fill(0));
  for (let i = m - 1; i >= 0; i--)
    for (let j = n - 1; j >= 0; j--) lcs[i]![j] = x[i] === y[j] ? (lcs[i + 1]?.[j + 1] ?? 0) + 1 : Math.max(lcs[i + 1]?.[j] ?? 0, lcs[i]?.[j + 1] ?? 0);
  const out: string[] = [];
  let i = 0;
  let j = 0;
  while (i < m || j < n) {
    if (i < m && j < n && x[i] === y[j]) {
      i++;
      j++;
    } else if (j < n && (i >= m || (lcs[i]?.[j + 1] ?? 0) >= (lcs[i + 1]?.[j] ?? 0))) out.push(`+${(y[j++] ?? "").trim()}`);
    else out.push(`-${(x[i++] ?? "").trim()}`);
  }
  return out;
}

function readJson(path: string): unknown {
  return existsSync(path) ? (JSON.parse(readFileSync(path, "utf8")) as unknown) : undefined;
}

type ClientClass = (new (options: {
  endpoint?: string;
  fetch?: typeof fetch;
}) => {
  $invoke(method: string, input: unknown, options: { soapHeaders?: readonly XmlElement[] }): Promise<unknown>;
}) & { readonly descriptor?: ClientDescriptor };

/** node-soap's WSSecurity (security.json) as wsdlc's usernameToken, at the harness's frozen clock. */
async function security(module: Record<string, unknown>, spec: unknown): Promise<XmlElement[]> {
  if (!isRecord(spec) || spec["type"] !== "ws") return [];
  const o = isRecord(spec["options"]) ? spec["options"] : {};
  const usernameToken = module["usernameToken"] as (o: Record<string, unknown>) => Promise<XmlElement>;
  return [
    await usernameToken({
      username: spec["username"],
      password: spec["password"],
      // node-soap: PasswordDigest only when asked for; anything else (the legacy "PasswordText", "invalid") is text.
      passwordType: o["passwordType"] === "PasswordDigest" ? "PasswordDigest" : "PasswordText",
      // node-soap writes its times without milliseconds; the harness freezes Date at 2014-10-12T01:02:03Z.
      created: o["hasTokenCreated"] === false ? false : "2014-10-12T01:02:03Z",
      ...(o["hasTimeStamp"] === false ? {} : { timestamp: { ttlSeconds: 600 } }),
    }),
  ];
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

const equalRequests: string[] = [];

describe("node-soap's request/response samples: requests", { skip: corpusSkip() }, async () => {
  if (corpusSkip() !== false) return;
  const folders = readdirSync(DIR)
    .filter((n) => existsSync(join(DIR, n, "soap.wsdl")))
    .sort();

  for (const name of folders) {
    const d = join(DIR, name);
    test(name, async (t) => {
      const pin = REQUESTS[name];
      const loaded = await sample(name);
      if (loaded === undefined) {
        assert.equal(pin?.kind, "rejected", "the WSDL is rejected: pin the request as rejected");
        return;
      }
      assert.notEqual(pin?.kind, "rejected", "the WSDL compiles now: unpin its request");
      const { module } = loaded;
      const opName = name.split("__")[0] ?? "";
      // The client: the port with the operation, SOAP 1.1 first (node-soap picks the first SOAP 1.1 port).
      const candidates = Object.values(module)
        .filter((v): v is ClientClass => typeof v === "function" && isClient((v as ClientClass).descriptor))
        .flatMap((C) =>
          Object.entries(C.descriptor?.operations ?? {})
            .filter(([, o]) => o.name === opName)
            .map(([method, o]) => ({ C, method, o, soap: C.descriptor?.soap ?? "1.1" })),
        )
        .sort((a, b) => (a.soap === b.soap ? 0 : a.soap === "1.1" ? -1 : 1));
      const chosen = candidates[0] ?? assert.fail(`no client class with ${opName}`);
      const descriptor = chosen.C.descriptor ?? assert.fail();
      const options = readJson(join(d, "wsdl_options.json")) ?? readJson(join(d, "wsdl_options.from-js.json"));
      let args = readJson(join(d, "request.json"));
      let expected = readFileSync(join(d, "request.xml"), "utf8");
      const override = isRecord(options) && isRecord(options["overrideElementKey"]) ? (options["overrideElementKey"] as Record<string, string>) : undefined;
      if (override !== undefined) {
        // The harness's own rewrite (see the corpus README): the args' keys and request.xml's names are mapped.
        args = renameKeys(args, override);
        expected = expected.replace(/:Commande/g, ":Order").replace(/:Nom/g, ":Name");
      }
      t.mock.timers.enable({ apis: ["Date"], now: Date.parse("2014-10-12T01:02:03Z") });
      /** The envelope the client sends for these args, or why none is sent. */
      const call = async (a: unknown): Promise<{ sent?: string; failure?: string }> => {
        let sent: string | undefined;
        const capture: typeof fetch = async (_url, init) => {
          const body = init?.body;
          sent = typeof body === "string" ? body : body instanceof Uint8Array ? new TextDecoder().decode(body) : String(body);
          throw new Error("captured (no network)");
        };
        try {
          const input = nodeSoapArgs(descriptor.types, chosen.o.input, a, nodeSoapKeys(options));
          const soapHeaders = await security(module, readJson(join(d, "security.json")));
          const client = new chosen.C({ endpoint: "http://localhost/Message/Message.dll?Handler=Default", fetch: capture });
          await client.$invoke(chosen.method, input, soapHeaders.length ? { soapHeaders } : {}).catch((e: unknown) => {
            if (sent === undefined) throw e;
          });
          return { sent: sent ?? "" };
        } catch (e) {
          return { failure: `${e instanceof Error ? e.name : "Error"}: ${e instanceof Error ? e.message : String(e)}` };
        }
      };
      let { sent, failure } = await call(args);
      if (failure !== undefined) {
        assert.ok(pin?.error !== undefined, `no request made: ${failure}`);
        assert.match(failure, pin.error, pin.why);
        if (pin.fit === undefined) return;
        // The args made to fit the schema: the rest of the request is compared.
        ({ sent, failure } = await call(pin.fit(args)));
        assert.equal(failure, undefined, "the fitted args make a request");
      } else {
        assert.equal(pin?.error, undefined, `pinned as failing (${pin?.why ?? ""}), but the request is made now: unpin it`);
      }
      if (pin?.repair !== undefined) {
        assert.throws(() => canonical(expected), pin.repair.broken, "request.xml is pinned as not well-formed");
        expected = expected.replace(pin.repair.from, pin.repair.to);
      }
      const diff = lineDiff(canonical(expected, { indentation: true }), canonical(sent ?? "", { indentation: true }));
      assert.deepEqual(diff, [...(pin?.diff ?? [])], pin?.why ?? "the request differs from node-soap's request.xml");
      if (pin === undefined) equalRequests.push(name);
    });
  }

  test("every request is equal to node-soap's or pinned with its reason", (t) => {
    const kinds = folders.map((n) => REQUESTS[n]?.kind ?? "equal");
    const count = (k: string): number => kinds.filter((x) => x === k).length;
    const counts = { equal: count("equal"), form: count("form"), nodesoap: count("nodesoap"), args: count("args"), rejected: count("rejected") };
    t.diagnostic(`requests of ${folders.length} folders: ${JSON.stringify(counts)}`);
    assert.deepEqual(
      [...equalRequests].sort(),
      folders.filter((n) => REQUESTS[n] === undefined),
    );
    assert.deepEqual(
      Object.keys(REQUESTS).filter((n) => !folders.includes(n)),
      [],
      "pins of folders that are not there",
    );
    assert.deepEqual(counts, { equal: 20, form: 4, nodesoap: 6, args: 12, rejected: 5 });
    // README.md states these figures.
    const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8").replace(/\s+/g, " ");
    const pinned = folders.length - counts.equal;
    for (const phrase of [
      `sample folders (${folders.length},`,
      `${counts.equal} are equal; the other ${pinned} are pinned`,
      `rejected (${counts.rejected})`,
      `schema (${counts.args}:`,
      `WSDL (${counts.nodesoap}:`,
      `another form (${counts.form}:`,
    ]) {
      assert.ok(readme.includes(phrase), `README.md does not say "${phrase}"`);
    }
  });
});
