// The wsdlc runtime, copied into the output by the generator. DO NOT EDIT.
/**
 * SOAP Fault decoding.
 * - SOAP 1.1 §4.4: faultcode (a QName), faultstring, faultactor, detail.
 * - SOAP 1.2 Part 1 §5.4: Code/Value with a chain of Subcode/Value, Reason/Text (one per xml:lang), Node,
 *   Role, Detail.
 * Child names are matched by local name only: 1.1 fault children are unqualified, 1.2 ones are qualified, and
 * servers mix them up. A detail child matching a declared fault (`FaultDescriptor.field`) is decoded with its
 * type; every detail child is also kept as an XmlElement.
 */
import type { FaultDescriptor, OperationDescriptor } from "./descriptors.js";
import { SoapFaultError, type QNameValue } from "./errors.js";
import type { ValueReader } from "./reader.js";
import { SOAP12_ENV } from "./schema.js";
import { END, readElement, START, XML_NS, type XmlElement } from "./xml.js";

interface FaultParts {
  code: QNameValue;
  subcodes: QNameValue[];
  reasons: { lang: string; text: string }[];
  actor: string | undefined;
  node: string | undefined;
  detail: unknown;
  faultName: string | undefined;
  rawDetail: XmlElement[];
}

/** The reader is on the Fault's START; returns the error to throw (the reader ends on the Fault's END). */
export function readFault(v: ValueReader, op: OperationDescriptor, envNs: string, status: number): SoapFaultError {
  const r = v.r;
  const parts: FaultParts = { code: { ns: "", local: "" }, subcodes: [], reasons: [], actor: undefined, node: undefined, detail: undefined, faultName: undefined, rawDetail: [] };
  v.enter("Fault");
  for (let k = r.next(); k !== END; k = r.next()) {
    if (k !== START) continue;
    v.enter(r.local);
    switch (r.local) {
      case "faultcode":
        parts.code = qnameText(v);
        break;
      case "Code":
        readCode(v, parts);
        break;
      case "faultstring":
        parts.reasons.push({ lang: "", text: r.readText() });
        break;
      case "Reason":
        readReason(v, parts);
        break;
      case "faultactor":
      case "Role":
        parts.actor = r.readText().trim();
        break;
      case "Node":
        parts.node = r.readText().trim();
        break;
      case "detail":
      case "Detail":
        readDetail(v, op.faults ?? [], parts);
        break;
      default:
        r.skip();
    }
    v.leave();
  }
  v.leave();
  // Everything the service sent that reaches the error (message, enumerable fields, so JSON and inspect) is
  // redacted: a fault may echo a ticket or password in its reason, its (sub)codes, its actor/Role or its Node.
  const redactor = v.ctx.redactor;
  const text = (s: string | undefined): string | undefined => (s === undefined ? undefined : redactor.text(s));
  const qname = (q: QNameValue): QNameValue => ({ ns: redactor.text(q.ns), local: redactor.text(q.local) });
  const reason = redactor.text(pickReason(parts.reasons));
  const code = qname(parts.code);
  const subcodes = parts.subcodes.map(qname);
  const codes = [code, ...subcodes].map((c) => c.local).join("/");
  return new SoapFaultError(`${op.name}: SOAP fault ${codes}: ${reason}`, {
    operation: op.name,
    version: envNs === SOAP12_ENV ? "1.2" : "1.1",
    code,
    subcodes,
    reason,
    actor: text(parts.actor),
    node: text(parts.node),
    detail: parts.detail,
    faultName: parts.faultName,
    rawDetail: parts.rawDetail,
    status,
  });
}

/** A QName-valued element (faultcode, Value), resolved in that element's scope. */
function qnameText(v: ValueReader): QNameValue {
  const text = v.r.readText().trim();
  // On the element's END its namespace declarations are still in scope.
  return v.r.resolveQName(text) ?? { ns: "", local: text };
}

/** SOAP 1.2 Code: Value, then nested Subcode/Value to any depth (read iteratively). */
function readCode(v: ValueReader, parts: FaultParts): void {
  const r = v.r;
  let depth = 0;
  let isRoot = true;
  for (let k = r.next(); ; k = r.next()) {
    if (k === END) {
      if (depth === 0) return;
      depth--;
      continue;
    }
    if (k !== START) continue;
    if (r.local === "Value") {
      const q = qnameText(v);
      if (isRoot) parts.code = q;
      else parts.subcodes.push(q);
    } else if (r.local === "Subcode") {
      depth++;
      isRoot = false;
    } else r.skip();
  }
}

function readReason(v: ValueReader, parts: FaultParts): void {
  const r = v.r;
  for (let k = r.next(); k !== END; k = r.next()) {
    if (k !== START) continue;
    if (r.local !== "Text") {
      r.skip();
      continue;
    }
    const lang = r.attributes.find((a) => a.ns === XML_NS && a.name === "lang")?.value ?? "";
    parts.reasons.push({ lang, text: r.readText() });
  }
}

/** SOAP 1.2 Part 1 §5.4.2: one Text per language; prefer English, else the first. */
function pickReason(reasons: readonly { lang: string; text: string }[]): string {
  const en = reasons.find((t) => /^en(-|$)/i.test(t.lang));
  return (en ?? reasons[0])?.text.trim() ?? "";
}

function readDetail(v: ValueReader, faults: readonly FaultDescriptor[], parts: FaultParts): void {
  const r = v.r;
  for (let k = r.next(); k !== END; k = r.next()) {
    if (k !== START) continue;
    const fault = parts.faultName === undefined ? matchFault(faults, r.ns, r.local, v.strict) : undefined;
    const mark = r.mark();
    parts.rawDetail.push(readElement(r));
    if (fault === undefined) continue;
    // Read the same element again, now with its declared type.
    r.rewind(mark);
    r.next();
    parts.detail = v.field(fault.field);
    parts.faultName = fault.name;
  }
}

function matchFault(faults: readonly FaultDescriptor[], ns: string, local: string, strict: boolean): FaultDescriptor | undefined {
  const sameName = faults.filter((f) => f.field.name === local);
  return sameName.find((f) => (f.field.ns ?? "") === ns) ?? (strict ? undefined : sameName[0]);
}
