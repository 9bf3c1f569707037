/**
 * Request encoding: builds the SOAP envelope text from an operation's descriptors, the input value and the
 * request headers.
 *
 * Namespaces: every namespace gets one prefix, declared once on the Envelope (`soap`, then `xsi`, `xsd`,
 * `soapenc` when used, then `ns1`, `ns2`… in order of first use). Unqualified elements are written without a
 * prefix and no default namespace is ever declared, so an unprefixed name always means "no namespace".
 *
 * Values follow the three states of an optional property: absent/undefined → element omitted; null →
 * `xsi:nil="true"` (nillable fields only); a value → the element. Errors name the property path, never the value.
 *
 * Extra SOAP headers (`EncodeOptions.soapHeaders`: WS-Security, WS-Addressing, vendor tokens the WSDL does not
 * declare) are XmlElements written inside soap:Header after the declared headers. Their namespaces get prefixes
 * on the Envelope like every other (the WS-Security and WS-Addressing ones their customary `wsse`, `wsu`,
 * `wsse11`, `wsa`); `SOAP_ENVELOPE_NS` stands for the envelope's own namespace (SOAP 1.1 or 1.2).
 */
import type { ClientDescriptor, MessageDescriptor, OperationDescriptor, TypeTable } from "./descriptors.js";
import { SecretPolicy } from "./redact.js";
import { isRecord, lookupType, minOf, propOf, SOAP11_ENC, SOAP11_ENV, SOAP12_ENC, SOAP12_ENV, XSD_NS, XSI_NS } from "./schema.js";
import { ValueWriter } from "./writer.js";
import { escapeAttribute, escapeText, firstInvalidChar, XMLNS_NS, type XmlElement } from "./xml.js";

export interface EncodeOptions {
  /** Which names are secret (default: the built-in names). */
  readonly policy?: SecretPolicy;
  /** Receives every string value written under a secret-looking name, for redaction. */
  readonly secrets?: Set<string>;
  /**
   * Extra SOAP headers, written in order inside soap:Header after the operation's declared headers. Text and
   * attribute values are escaped; namespace declarations among the attributes are ignored (the encoder declares
   * every namespace itself); an `xsi:type` value is read in Clark notation (`{namespace}local`), as in XmlElement.
   * The text of an element with a secret-looking name (and the value of a secret-looking attribute) joins
   * `secrets`; names are judged by their own, so `UsernameToken` does not make its Username secret.
   */
  readonly soapHeaders?: readonly XmlElement[];
  /**
   * Check every simple value against the XSD facets that apply to it (length, minLength, maxLength, pattern,
   * min/max Inclusive/Exclusive, totalDigits, fractionDigits; XSD Part 2 §4.3) before writing it: a violation
   * is an EncodeError naming the path and the facet; and refuse a property (or rpc part) the type does not have,
   * e.g. a misspelt name, instead of leaving it out unseen. Default true. Enumerations are always checked.
   */
  readonly validate?: boolean;
}

/**
 * A namespace URI that stands, in `soapHeaders`, for the namespace of the envelope being written
 * (`http://schemas.xmlsoap.org/soap/envelope/` for SOAP 1.1, `http://www.w3.org/2003/05/soap-envelope` for
 * 1.2): `{ name: "mustUnderstand", ns: SOAP_ENVELOPE_NS, value: "1" }` is `soap:mustUnderstand="1"` in either.
 * Only the namespace is mapped, not names or values (SOAP 1.1 `actor` is SOAP 1.2 `role`).
 */
export const SOAP_ENVELOPE_NS = "urn:wsdlc:soap-envelope";

const DEFAULT_POLICY = new SecretPolicy();

/**
 * Encodes a request envelope. `headers` may hold more properties than the operation declares (a client's
 * defaults for all operations): only the operation's own header fields are written, in descriptor order.
 */
export function encodeRequest(
  client: ClientDescriptor,
  op: OperationDescriptor,
  input: unknown,
  headers: Readonly<Record<string, unknown>> | undefined,
  options: EncodeOptions = {},
): string {
  const envNs = client.soap === "1.2" ? SOAP12_ENV : SOAP11_ENV;
  const w = new ValueWriter({
    types: client.types,
    operation: op.name,
    encoded: op.encoded === true,
    encodingNs: client.soap === "1.2" ? SOAP12_ENC : SOAP11_ENC,
    policy: options.policy ?? DEFAULT_POLICY,
    secrets: options.secrets,
    validate: options.validate ?? true,
    facets: client.features?.facets,
  });
  w.prefixes.set(envNs, "soap");
  let header = encodeHeaders(w, op.input, headers);
  const policy = options.policy ?? DEFAULT_POLICY;
  const extra = options.soapHeaders ?? [];
  for (let i = 0; i < extra.length; i++) header += extraHeader(w, extra[i], `soapHeaders[${i}]`, envNs, policy, options.secrets);
  const body = encodeBody(w, client.types, op, input);
  let decls = ` xmlns:soap="${envNs}"`;
  // Fixed prefixes first, then the others (ns1, ns2…, wsse…) in order of first use (Map iteration order is
  // insertion order). `xml` is bound by definition and never declared (Namespaces in XML 1.0 §3).
  const fixed = [XSI_NS, XSD_NS, SOAP11_ENC, SOAP12_ENC];
  for (const uri of fixed) {
    const p = w.prefixes.get(uri);
    if (p !== undefined && p !== "soap") decls += ` xmlns:${p}="${uri}"`;
  }
  // Escaped: a namespace can come from a caller's XmlElement or extra header (a `"` would end the attribute).
  for (const [uri, p] of w.prefixes) if (p !== "soap" && p !== "xml" && !fixed.includes(uri)) decls += ` xmlns:${p}="${escapeAttribute(uri)}"`;
  return (
    `<?xml version="1.0" encoding="utf-8"?><soap:Envelope${decls}>` +
    (header === "" ? "" : `<soap:Header>${header}</soap:Header>`) +
    `<soap:Body>${body}</soap:Body></soap:Envelope>`
  );
}

function encodeHeaders(w: ValueWriter, msg: MessageDescriptor, headers: Readonly<Record<string, unknown>> | undefined): string {
  let out = "";
  for (const f of msg.headers ?? []) {
    const prop = propOf(f);
    const value = headers === undefined || !Object.hasOwn(headers, prop) ? undefined : headers[prop];
    // A SOAP header is optional unless its descriptor says `min` explicitly: header parts carry no occurrence
    // constraints in WSDL, so the `min` default of 1 would make every header mandatory.
    if (value === undefined) {
      if (f.min !== undefined && f.min >= 1) throw w.error(prop, "required header is missing");
      continue;
    }
    out += w.field(f, value, prop, false);
  }
  return out;
}

function encodeBody(w: ValueWriter, types: TypeTable, op: OperationDescriptor, input: unknown): string {
  const body = op.input.body;
  switch (body.kind) {
    case "empty":
      return "";
    case "element": {
      // `client.op()` for an operation whose wrapper has no required content still sends the (empty) wrapper.
      const isStruct = lookupType(types, body.field.type)?.kind === "struct";
      const value = input === undefined && isStruct && minOf(body.field) >= 1 ? {} : input;
      return w.field(body.field, value, body.field.name, false);
    }
    case "parts": {
      const root = body.wrapper?.name ?? op.name;
      if (body.parts.length > 0 && !isRecord(input)) throw w.error(root, "must be an object keyed by part name");
      const record: Readonly<Record<string, unknown>> = isRecord(input) ? input : {};
      if (w.validating) {
        // A misspelt part name is refused, as a struct's unknown property is (ValueWriter).
        for (const k of Object.keys(record)) {
          if (record[k] !== undefined && !body.parts.some((p) => propOf(p) === k))
            throw w.error(`${root}.${k}`, `unknown part; the parts are ${body.parts.map(propOf).join(", ")}`);
        }
      }
      // The wrapper's prefix is taken first, so that ns1, ns2… follow document order.
      const tag = body.wrapper === undefined ? "" : w.qn(body.wrapper.name, body.wrapper.ns ?? "");
      let inner = "";
      for (const part of body.parts) {
        const prop = propOf(part);
        inner += w.field(part, Object.hasOwn(record, prop) ? record[prop] : undefined, `${root}.${prop}`, false);
      }
      if (body.wrapper === undefined) return inner;
      // SOAP 1.1 §4.1.1 / SOAP 1.2 Part 1 §5.1.1: encodingStyle on the element that starts encoded content.
      const style = op.encoded === true ? ` soap:encodingStyle="${w.encodingNs}"` : "";
      return `<${tag}${style}>${inner}</${tag}>`;
    }
  }
}

// Customary prefixes of namespaces met in extra headers: some services match prefixes textually.
const HEADER_PREFIXES: Readonly<Record<string, string>> = {
  "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd": "wsse",
  "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd": "wsu",
  "http://docs.oasis-open.org/wss/oasis-wss-wssecurity-secext-1.1.xsd": "wsse11",
  "http://www.w3.org/2005/08/addressing": "wsa",
};

function headerQn(w: ValueWriter, local: string, ns: string): string {
  if (ns === "") return local;
  if (!w.prefixes.has(ns) && Object.hasOwn(HEADER_PREFIXES, ns)) {
    const p = HEADER_PREFIXES[ns] ?? "";
    if (![...w.prefixes.values()].includes(p)) w.prefixes.set(ns, p);
  }
  return w.qn(local, ns);
}

/** An extra SOAP header (see EncodeOptions.soapHeaders). Errors name the path (element names), never a value. */
function extraHeader(w: ValueWriter, el: unknown, path: string, envNs: string, policy: SecretPolicy, secrets: Set<string> | undefined): string {
  if (!isXmlElement(el)) throw w.error(path, "must be an XmlElement ({ name, ns, attributes, children })");
  const ns = el.ns === SOAP_ENVELOPE_NS ? envNs : el.ns;
  w.checkElementName(el.name, ns, path);
  const tag = headerQn(w, el.name, ns);
  const seen = new Set<string>();
  let attrs = "";
  for (const a of el.attributes as readonly unknown[]) {
    if (!isRecord(a) || typeof a["name"] !== "string" || typeof a["ns"] !== "string" || typeof a["value"] !== "string") {
      throw w.error(path, "attributes must be { name, ns, value } with string members");
    }
    const name = a["name"];
    const ans = a["ns"] === SOAP_ENVELOPE_NS ? envNs : a["ns"];
    // Namespace declarations are the encoder's to write.
    if (ans === XMLNS_NS || (ans === "" && name === "xmlns")) continue;
    const apath = `${path}@${name}`;
    w.checkAttributeName(name, ans, apath, seen);
    const clark = ans === XSI_NS && name === "type" ? /^\{([^}]*)\}(.+)$/.exec(a["value"]) : null;
    const value = clark === null ? checkedText(w, a["value"], apath, policy.isSecretName(name), secrets) : headerQn(w, clark[2] ?? "", clark[1] ?? "");
    attrs += ` ${headerQn(w, name, ans)}="${escapeAttribute(value)}"`;
  }
  let content = "";
  let text = "";
  for (const c of el.children as readonly unknown[]) {
    if (typeof c === "string") {
      text += c;
      content += escapeText(c);
    } else {
      // Bounded as values are (a header element that contains itself is an EncodeError, not a stack overflow).
      const p = `${path}/${isXmlElement(c) ? c.name : "?"}`;
      w.enter(c, p);
      content += extraHeader(w, c, p, envNs, policy, secrets);
      w.leave();
    }
  }
  checkedText(w, text, path, policy.isSecretName(el.name), secrets);
  return content === "" ? `<${tag}${attrs}/>` : `<${tag}${attrs}>${content}</${tag}>`;
}

/** XML 1.0 §2.2 check, and secret collection. */
function checkedText(w: ValueWriter, text: string, path: string, secret: boolean, secrets: Set<string> | undefined): string {
  const bad = firstInvalidChar(text);
  if (bad >= 0) throw w.error(path, `contains a character not allowed in XML 1.0 (§2.2) at index ${bad}`);
  if (secret && text !== "") secrets?.add(text);
  return text;
}

function isXmlElement(v: unknown): v is XmlElement {
  return isRecord(v) && typeof v["name"] === "string" && typeof v["ns"] === "string" && Array.isArray(v["attributes"]) && Array.isArray(v["children"]);
}
