/**
 * Parse stage, WSDL half: wsdl:definitions → messages, portTypes, bindings and services (WSDL 1.1 §2, with
 * the SOAP 1.1 binding of §3 and the SOAP 1.2 binding note's soap12 namespace).
 */
import type { DiagnosticSink, SourcePos } from "../diagnostics.js";
import type {
  Binding,
  BindingMessage,
  BindingOperation,
  Message,
  MessagePart,
  OperationMessageRef,
  Port,
  PortType,
  PortTypeOperation,
  Service,
  SoapHeaderBinding,
  SoapUse,
  SoapVersion,
} from "../ir.js";
import { NS, type QName } from "../ns.js";
import { attr, attrNS, deepText, resolveQName, type XElement } from "../load/xml.js";
import { normalizeDoc } from "./xsd.js";

export interface WsdlComponents {
  readonly messages: Message[];
  readonly portTypes: PortType[];
  readonly bindings: Binding[];
  readonly services: Service[];
}

const SOAP_NS: Record<string, SoapVersion> = { [NS.soap11]: "1.1", [NS.soap12]: "1.2" };

export function parseWsdl(root: XElement, sink: DiagnosticSink): WsdlComponents {
  const tns = attr(root, "targetNamespace") ?? "";
  const out: WsdlComponents = { messages: [], portTypes: [], bindings: [], services: [] };
  const q = (el: XElement, name: string, construct: string): QName | undefined => {
    const v = attr(el, name);
    if (v === undefined) {
      sink.error("wsdl-attribute", `${name}= is required here`, el.pos, construct);
      return undefined;
    }
    const r = resolveQName(el, v);
    if (!r) sink.error("prefix-undeclared", `${name}="${v}": the prefix is not declared`, el.pos, construct);
    return r;
  };

  for (const c of root.children) {
    if (c.ns !== NS.wsdl) continue;
    const name = attr(c, "name") ?? "";
    const construct = `wsdl:${c.local}[${name}]`;
    switch (c.local) {
      case "message": {
        const parts: MessagePart[] = [];
        for (const p of c.children) {
          if (p.ns !== NS.wsdl || p.local !== "part") continue;
          const pc = `${construct}/wsdl:part[${attr(p, "name") ?? ""}]`;
          const element = attr(p, "element") !== undefined ? q(p, "element", pc) : undefined;
          const type = attr(p, "type") !== undefined ? q(p, "type", pc) : undefined;
          if (!element && !type) sink.error("wsdl-part", "a message part needs element= or type=", p.pos, pc);
          parts.push({ name: attr(p, "name") ?? "", element, type, pos: p.pos });
        }
        out.messages.push({ kind: "message", name: { ns: tns, local: name }, parts, pos: c.pos });
        break;
      }
      case "portType":
        out.portTypes.push(parsePortType(c, tns, construct, q));
        break;
      case "binding": {
        const b = parseBinding(c, tns, construct, q);
        if (b) out.bindings.push(b);
        break;
      }
      case "service": {
        const ports: Port[] = [];
        for (const p of c.children) {
          if (p.ns !== NS.wsdl || p.local !== "port") continue;
          const pc = `${construct}/wsdl:port[${attr(p, "name") ?? ""}]`;
          const binding = q(p, "binding", pc);
          if (!binding) continue;
          const addr = p.children.find((a) => a.local === "address" && (a.ns === NS.soap11 || a.ns === NS.soap12 || a.ns === NS.http));
          const location = addr ? attr(addr, "location") : undefined;
          if (addr && location !== undefined) checkAddress(location, addr.pos, `${pc}/soap:address`, sink);
          ports.push({ name: attr(p, "name") ?? "", binding, address: location, pos: p.pos });
        }
        out.services.push({ kind: "service", name: { ns: tns, local: name }, doc: documentation(c), ports, pos: c.pos });
        break;
      }
      default:
        break;
    }
  }
  return out;
}

type QResolver = (el: XElement, name: string, construct: string) => QName | undefined;

/** Template syntax left in a published WSDL: `{{var wsdl.url}}`, `${host}`, `<%= url %>`, `%HOST%`. */
const PLACEHOLDER = /\{\{[^}]*\}\}|\$\{[^}]*\}|<%[\s\S]*?%>|%[A-Za-z_][A-Za-z0-9_]*%/;

/**
 * A port's address becomes the client's default endpoint: warn when it is an unfilled template placeholder or
 * not an absolute http(s) URL, so that the user knows to pass `endpoint` (the WSDL is still usable).
 */
function checkAddress(location: string, pos: SourcePos, construct: string, sink: DiagnosticSink): void {
  const hint = "pass `endpoint` to the client (or --endpoint to `wsdlc call`)";
  if (PLACEHOLDER.test(location)) {
    sink.warn("wsdl-placeholder", `the address ${JSON.stringify(location)} is an unfilled template placeholder; ${hint}`, pos, construct);
    return;
  }
  let url: URL | undefined;
  try {
    url = new URL(location);
  } catch {
    url = undefined;
  }
  if (url === undefined || (url.protocol !== "http:" && url.protocol !== "https:")) {
    sink.warn("wsdl-address", `the address ${JSON.stringify(location)} is not an absolute http(s) URL; ${hint}`, pos, construct);
  }
}

function documentation(el: XElement): string | undefined {
  const d = el.children.find((c) => c.ns === NS.wsdl && c.local === "documentation");
  if (!d) return undefined;
  const t = normalizeDoc(deepText(d));
  return t || undefined;
}

function parsePortType(el: XElement, tns: string, construct: string, q: QResolver): PortType {
  const operations: PortTypeOperation[] = [];
  for (const op of el.children) {
    if (op.ns !== NS.wsdl || op.local !== "operation") continue;
    const opName = attr(op, "name") ?? "";
    const oc = `${construct}/wsdl:operation[${opName}]`;
    const ref = (m: XElement): OperationMessageRef | undefined => {
      const message = q(m, "message", `${oc}/wsdl:${m.local}`);
      if (!message) return undefined;
      const action = attrNS(m, NS.wsaw, "Action") ?? attrNS(m, NS.wsam, "Action");
      return { name: attr(m, "name"), message, action, pos: m.pos };
    };
    let input: OperationMessageRef | undefined;
    let output: OperationMessageRef | undefined;
    const faults: (OperationMessageRef & { name: string })[] = [];
    for (const m of op.children) {
      if (m.ns !== NS.wsdl) continue;
      if (m.local === "input") input = ref(m);
      else if (m.local === "output") output = ref(m);
      else if (m.local === "fault") {
        const r = ref(m);
        if (r) faults.push({ ...r, name: attr(m, "name") ?? "" });
      }
    }
    operations.push({ name: opName, doc: documentation(op), input, output, faults, pos: op.pos });
  }
  return { kind: "portType", name: { ns: tns, local: attr(el, "name") ?? "" }, doc: documentation(el), operations, pos: el.pos };
}

function soapUse(el: XElement): SoapUse {
  return attr(el, "use") === "encoded" ? "encoded" : "literal";
}

function parseBinding(el: XElement, tns: string, construct: string, q: QResolver): Binding | undefined {
  const portType = q(el, "type", construct);
  if (!portType) return undefined;
  let soap: SoapVersion | undefined;
  let style: "document" | "rpc" = "document";
  let transport: string | undefined;
  for (const c of el.children) {
    const v = SOAP_NS[c.ns];
    if (v && c.local === "binding") {
      soap = v;
      style = attr(c, "style") === "rpc" ? "rpc" : "document";
      transport = attr(c, "transport");
    }
  }
  const operations: BindingOperation[] = [];
  for (const op of el.children) {
    if (op.ns !== NS.wsdl || op.local !== "operation") continue;
    const opName = attr(op, "name") ?? "";
    const oc = `${construct}/wsdl:operation[${opName}]`;
    let soapAction: string | undefined;
    let opStyle: "document" | "rpc" | undefined;
    let input: BindingMessage | undefined;
    let output: BindingMessage | undefined;
    const faults: { name: string; use: SoapUse; pos: BindingOperation["pos"] }[] = [];
    for (const c of op.children) {
      if (SOAP_NS[c.ns] && c.local === "operation") {
        soapAction = attr(c, "soapAction");
        const s = attr(c, "style");
        opStyle = s === "rpc" || s === "document" ? s : undefined;
      } else if (c.ns === NS.wsdl && (c.local === "input" || c.local === "output")) {
        const m = parseBindingMessage(c, `${oc}/wsdl:${c.local}`, q);
        if (c.local === "input") input = m;
        else output = m;
      } else if (c.ns === NS.wsdl && c.local === "fault") {
        const sf = c.children.find((f) => SOAP_NS[f.ns] && f.local === "fault");
        faults.push({ name: attr(c, "name") ?? (sf ? attr(sf, "name") : undefined) ?? "", use: sf ? soapUse(sf) : "literal", pos: c.pos });
      }
    }
    operations.push({ name: opName, soapAction, style: opStyle, input, output, faults, pos: op.pos });
  }
  return { kind: "binding", name: { ns: tns, local: attr(el, "name") ?? "" }, portType, soap, style, transport, operations, pos: el.pos };
}

function parseBindingMessage(el: XElement, construct: string, q: QResolver): BindingMessage {
  let body: BindingMessage["body"];
  const headers: SoapHeaderBinding[] = [];
  let unsupported: string | undefined;
  for (const c of el.children) {
    if (SOAP_NS[c.ns]) {
      if (c.local === "body") {
        const parts = attr(c, "parts");
        body = {
          use: soapUse(c),
          parts: parts === undefined ? undefined : parts.split(/\s+/).filter(Boolean),
          namespace: attr(c, "namespace"),
          encodingStyle: attr(c, "encodingStyle"),
        };
      } else if (c.local === "header") {
        const message = q(c, "message", `${construct}/soap:header`);
        const part = attr(c, "part");
        if (message && part) headers.push({ message, part, use: soapUse(c), namespace: attr(c, "namespace"), pos: c.pos });
      }
    } else if (c.local === "multipartRelated") {
      // MIME binding (WSDL 1.1 §5): the SOAP part inside still describes body and headers.
      unsupported = "mime:multipartRelated (attachments)";
      for (const part of c.children) {
        for (const s of part.children) {
          if (SOAP_NS[s.ns] && s.local === "body") {
            const parts = attr(s, "parts");
            body = {
              use: soapUse(s),
              parts: parts === undefined ? undefined : parts.split(/\s+/).filter(Boolean),
              namespace: attr(s, "namespace"),
              encodingStyle: attr(s, "encodingStyle"),
            };
          }
        }
      }
    }
  }
  return { name: attr(el, "name"), body, headers, unsupported, pos: el.pos };
}
