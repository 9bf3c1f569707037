// The wsdlc runtime, copied into the output by the generator. DO NOT EDIT.
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
 */
import type { ClientDescriptor, MessageDescriptor, OperationDescriptor, TypeTable } from "./descriptors.js";
import { SecretPolicy } from "./redact.js";
import { isRecord, lookupType, minOf, propOf, SOAP11_ENC, SOAP11_ENV, SOAP12_ENC, SOAP12_ENV, XSD_NS, XSI_NS } from "./schema.js";
import { ValueWriter } from "./writer.js";

export interface EncodeOptions {
  /** Which names are secret (default: the built-in names). */
  readonly policy?: SecretPolicy;
  /** Receives every string value written under a secret-looking name, for redaction. */
  readonly secrets?: Set<string>;
}

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
  });
  w.prefixes.set(envNs, "soap");
  const header = encodeHeaders(w, op.input, headers);
  const body = encodeBody(w, client.types, op, input);
  let decls = ` xmlns:soap="${envNs}"`;
  // Fixed prefixes first, then ns1, ns2… in order of first use (Map iteration order is insertion order).
  for (const uri of [XSI_NS, XSD_NS, SOAP11_ENC, SOAP12_ENC]) {
    const p = w.prefixes.get(uri);
    if (p !== undefined && p !== "soap") decls += ` xmlns:${p}="${uri}"`;
  }
  for (const [uri, p] of w.prefixes) if (/^ns[0-9]+$/.test(p)) decls += ` xmlns:${p}="${uri}"`;
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
