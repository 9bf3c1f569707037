/**
 * Analysis, service half: SOAP ports → client models with one operation model per binding operation
 * (WSDL 1.1 §3: style, soap:body parts, soap:header, soapAction), the body shape (document with one element
 * part, several parts, or rpc), the headers each way, faults, and the output unwrapping rule.
 */
import type { DiagnosticSink, SourcePos } from "../diagnostics.js";
import type { Binding, BindingMessage, Definitions, Message, OperationMessageRef, Port, PortType, PortTypeOperation } from "../ir.js";
import { qkey, showQName, type QName } from "../ns.js";
import type { BodyModel, ClientModel, FailureRuleModel, FaultModel, FieldModel, MessageModel, OperationModel, StructModel } from "./model.js";
import { pascal } from "./names.js";
import type { TypeBuilder } from "./types.js";

export interface ServiceOptions {
  /** Failure rules to look for in response headers; the first whose flag header every operation has wins. */
  readonly failureRules: readonly FailureRuleModel[];
}

export function buildClients(defs: Definitions, types: TypeBuilder, sink: DiagnosticSink, options: ServiceOptions): ClientModel[] {
  const ports = soapPorts(defs, sink);
  if (ports.length === 0) return [];
  // A portType bound by exactly one SOAP port names the client after the portType (`User` → UserClient);
  // when several ports share it (SOAP 1.1 and 1.2 bindings), each client is named after its port.
  const portTypeUse = new Map<string, number>();
  for (const p of ports) portTypeUse.set(qkey(p.portType.name), (portTypeUse.get(qkey(p.portType.name)) ?? 0) + 1);

  const clients: ClientModel[] = [];
  const checkedPortTypes = new Set<string>();
  for (const { service, port, binding, portType } of ports) {
    const soap = binding.soap;
    if (!soap) continue;
    if (!checkedPortTypes.has(qkey(portType.name))) {
      checkedPortTypes.add(qkey(portType.name));
      // Overloads told apart by their input names are WSDL 1.1 (§2.4.5); the same name twice otherwise is not,
      // and the binding can reach only the first.
      const seen = new Set<string>();
      for (const o of portType.operations) {
        const key = `${o.name}\u0000${o.input?.name ?? ""}`;
        if (seen.has(key)) {
          sink.warn(
            "duplicate-operation",
            `operation ${o.name} is declared more than once in portType ${showQName(portType.name)}; the first declaration is used`,
            o.pos,
            `wsdl:portType[${portType.name.local}]/wsdl:operation[${o.name}]`,
          );
        }
        seen.add(key);
      }
    }
    const operations: OperationModel[] = [];
    for (const bop of binding.operations) {
      const construct = `wsdl:binding[${binding.name.local}]/wsdl:operation[${bop.name}]`;
      const pop =
        portType.operations.find((o) => o.name === bop.name && (!bop.input?.name || !o.input?.name || o.input.name === bop.input.name)) ??
        portType.operations.find((o) => o.name === bop.name);
      if (!pop) {
        // Nothing describes its messages, so there is nothing to generate; the rest of the binding still is.
        sink.warn("missing-operation", `operation ${bop.name} is not in portType ${showQName(portType.name)}; it is skipped`, bop.pos, construct);
        continue;
      }
      const style = bop.style ?? binding.style;
      const ctx = { defs, types, sink, construct, style, opName: bop.name };
      if (!pop.input) {
        sink.warn("wsdl-notification", `operation ${bop.name} has no input (a notification operation); it is skipped`, pop.pos, construct);
        continue;
      }
      const input = messageModel(ctx, pop.input, bop.input, "input");
      const output = pop.output ? messageModel(ctx, pop.output, bop.output, "output") : undefined;
      if (!input || (pop.output && !output)) continue;
      operations.push({
        name: bop.name,
        method: "",
        doc: pop.doc,
        action: bop.soapAction ?? "",
        style,
        encoded: bop.input?.body?.use === "encoded",
        input,
        output,
        faults: faultModels(ctx, pop),
        pos: bop.pos,
      });
    }
    const desiredBase = (portTypeUse.get(qkey(portType.name)) ?? 0) > 1 ? pascal(port.name) : pascal(portType.name.local);
    clients.push({
      className: "",
      descriptorName: "",
      operationsName: "",
      faultsName: "",
      faultGuardName: "",
      fileName: "",
      desiredBase,
      service: service?.name.local ?? "",
      port: port.name,
      soap,
      endpoint: port.address ?? "",
      doc: portType.doc ?? service?.doc,
      operations,
      failure: detectFailureRule(operations, types, options.failureRules),
      pos: port.pos,
    });
  }
  return clients;
}

interface PortInfo {
  readonly service: { name: QName; doc: string | undefined } | undefined;
  readonly port: Port;
  readonly binding: Binding;
  readonly portType: PortType;
}

/** Every SOAP port of every service; a WSDL without wsdl:service gets one client per SOAP binding. */
function soapPorts(defs: Definitions, sink: DiagnosticSink): PortInfo[] {
  const out: PortInfo[] = [];
  const usedBindings = new Set<string>();
  for (const service of defs.wsdl.services) {
    for (const port of service.ports) {
      const binding = defs.wsdl.bindings.get(qkey(port.binding));
      if (!binding) {
        sink.error("missing-binding", `binding ${showQName(port.binding)} is not defined`, port.pos, `wsdl:service[${service.name.local}]/wsdl:port[${port.name}]`);
        continue;
      }
      usedBindings.add(qkey(binding.name));
      if (!binding.soap) continue;
      const portType = lookupPortType(defs, binding, sink);
      if (portType) out.push({ service, port, binding, portType });
    }
  }
  const bindings = [...defs.wsdl.bindings.values()].sort((a, b) => (qkey(a.name) < qkey(b.name) ? -1 : 1));
  for (const binding of bindings) {
    if (usedBindings.has(qkey(binding.name)) || !binding.soap) continue;
    const portType = lookupPortType(defs, binding, sink);
    if (portType) out.push({ service: undefined, port: { name: binding.name.local, binding: binding.name, address: undefined, pos: binding.pos }, binding, portType });
  }
  return out;
}

function lookupPortType(defs: Definitions, binding: Binding, sink: DiagnosticSink): PortType | undefined {
  const pt = defs.wsdl.portTypes.get(qkey(binding.portType));
  if (!pt) sink.error("missing-port-type", `portType ${showQName(binding.portType)} is not defined`, binding.pos, `wsdl:binding[${binding.name.local}]`);
  return pt;
}

interface OpCtx {
  readonly defs: Definitions;
  readonly types: TypeBuilder;
  readonly sink: DiagnosticSink;
  readonly construct: string;
  readonly style: "document" | "rpc";
  readonly opName: string;
}

function lookupMessage(ctx: OpCtx, q: QName, pos: SourcePos): Message | undefined {
  const m = ctx.defs.wsdl.messages.get(qkey(q));
  if (!m) ctx.sink.error("missing-message", `message ${showQName(q)} is not defined`, pos, ctx.construct);
  return m;
}

function messageModel(ctx: OpCtx, ref: OperationMessageRef, bound: BindingMessage | undefined, dir: "input" | "output"): MessageModel | undefined {
  const msg = lookupMessage(ctx, ref.message, ref.pos);
  if (!msg) return undefined;
  if (bound?.unsupported) {
    ctx.sink.warn("wsdl-mime", `${bound.unsupported} is not supported; the SOAP part of the ${dir} message is used`, bound.pos, ctx.construct);
  }
  const headers: FieldModel[] = [];
  const headerParts = new Set<string>();
  const boundHeaders = new Set<string>();
  for (const h of bound?.headers ?? []) {
    // The same message part bound as a header twice (Exchange's GetUserAvailability binds RequestVersion
    // twice) is one header: WSDL 1.1 §3.7 binds a part, not an occurrence.
    const key = `${qkey(h.message)}#${h.part}`;
    if (boundHeaders.has(key)) {
      ctx.sink.warn("duplicate-header", `soap:header binds part ${h.part} of message ${showQName(h.message)} again; it is one header`, h.pos, ctx.construct);
      continue;
    }
    boundHeaders.add(key);
    const hm = lookupMessage(ctx, h.message, h.pos);
    const part = hm?.parts.find((p) => p.name === h.part);
    if (!hm) continue;
    if (!part) {
      ctx.sink.error("missing-part", `message ${showQName(h.message)} has no part ${h.part}`, h.pos, ctx.construct);
      continue;
    }
    if (qkey(hm.name) === qkey(msg.name)) headerParts.add(part.name);
    const f = partField(ctx, part, "document");
    if (f) headers.push({ ...f, prop: part.name, min: 0 });
  }
  const bodyNames = bound?.body?.parts;
  const parts = msg.parts.filter((p) => (bodyNames ? bodyNames.includes(p.name) : !headerParts.has(p.name)));
  for (const n of bodyNames ?? []) {
    if (!msg.parts.some((p) => p.name === n))
      ctx.sink.warn("missing-part", `soap:body parts names ${n}, which message ${showQName(msg.name)} does not have; it is ignored`, bound?.pos ?? ref.pos, ctx.construct);
  }

  let body: BodyModel;
  if (ctx.style === "rpc") {
    // WSDL 1.1 §3.5: rpc wraps the parts in an element named after the operation (+ "Response" for the
    // output), in the soap:body namespace; parts are unqualified accessors.
    const wrapper = { ns: bound?.body?.namespace ?? "", local: dir === "input" ? ctx.opName : `${ctx.opName}Response` };
    const fields = parts.map((p) => partField(ctx, p, "rpc")).filter((f): f is FieldModel => !!f);
    body = { kind: "parts", wrapper, parts: fields, typeId: registerPartsType(ctx, msg, fields) };
  } else if (parts.length === 0) {
    body = { kind: "empty" };
  } else if (parts.length === 1 && parts[0]?.element) {
    const f = partField(ctx, parts[0], "document");
    if (!f) return undefined;
    body = { kind: "element", field: f };
  } else {
    const fields = parts.map((p) => partField(ctx, p, "document")).filter((f): f is FieldModel => !!f);
    body = { kind: "parts", wrapper: undefined, parts: fields, typeId: registerPartsType(ctx, msg, fields) };
  }
  return {
    body,
    headers,
    headersType: undefined,
    headersConst: undefined,
    unwrap: dir === "output" ? unwrapField(body, ctx.types) : undefined,
    void: dir === "output" && isVoid(body, ctx.types),
  };
}

/** A message part as a field: an element part is that global element; a type part is an unqualified accessor. */
function partField(ctx: OpCtx, part: Message["parts"][number], style: "document" | "rpc"): FieldModel | undefined {
  const common = { prop: part.name, min: 1, max: 1, doc: undefined, wildcard: false, choice: undefined, pos: part.pos };
  if (part.element) {
    const el = ctx.types.globalElement(part.element, part.pos, `${ctx.construct} part ${part.name}`);
    // Allowed unresolved: the element is written and read by its name, its content as XML.
    if (!el) return ctx.sink.allowUnresolved ? { ...common, name: part.element, type: { kind: "prim", prim: "anyType" }, nillable: false } : undefined;
    return { ...common, name: el.name, type: ctx.types.elementType(el), nillable: el.nillable, doc: el.doc };
  }
  if (part.type) {
    if (style === "document") {
      ctx.sink.warn(
        "wsdl-part-type",
        `document-style part ${part.name} uses type= (WS-I BP R2204 requires element=); it is sent as an unqualified <${part.name}>`,
        part.pos,
        ctx.construct,
      );
    }
    return { ...common, name: { ns: "", local: part.name }, type: ctx.types.namedType(part.type, part.pos), nillable: true };
  }
  return undefined;
}

/** The object type of a several-part (or rpc) message, named after the wsdl:message. */
function registerPartsType(ctx: OpCtx, msg: Message, fields: FieldModel[]): string {
  const id = `m:${qkey(msg.name)}`;
  if (!ctx.types.models.has(id)) {
    const struct: StructModel = {
      id,
      qname: undefined,
      desiredName: msg.name.local,
      namePriority: 3,
      tsName: "",
      inputName: undefined,
      doc: undefined,
      pos: msg.pos,
      kind: "struct",
      base: undefined,
      abstract: false,
      fields,
      attributes: [],
      text: undefined,
      textProp: "value",
    };
    ctx.types.models.set(id, struct);
  }
  return id;
}

/**
 * The output is unwrapped when the response holds exactly one value: a document body element whose struct
 * has one element and nothing else (WCF's `<XResponse><XResult/></XResponse>`, SuperOffice's `Response`), or
 * an rpc response with one part.
 */
function unwrapField(body: BodyModel, types: TypeBuilder): FieldModel | undefined {
  if (body.kind === "parts") return body.parts.length === 1 ? body.parts[0] : undefined;
  if (body.kind !== "element" || body.field.type.kind !== "type") return undefined;
  const m = types.models.get(body.field.type.id);
  if (!m || m.kind !== "struct" || m.base || m.attributes.length > 0 || m.text || m.fields.length !== 1) return undefined;
  const only = m.fields[0];
  return only && !only.wildcard ? only : undefined;
}

/** A body element whose struct has no content at all: WCF's `<XResponse/>` for a void method. */
export function isVoid(body: BodyModel, types: TypeBuilder): boolean {
  if (body.kind === "empty") return true;
  if (body.kind !== "element" || body.field.type.kind !== "type") return false;
  const m = types.models.get(body.field.type.id);
  return m?.kind === "struct" && !m.base && m.fields.length === 0 && m.attributes.length === 0 && !m.text;
}

function faultModels(ctx: OpCtx, pop: PortTypeOperation): FaultModel[] {
  const out: FaultModel[] = [];
  for (const f of pop.faults) {
    const msg = ctx.defs.wsdl.messages.get(qkey(f.message));
    if (!msg) {
      // A fault whose message is missing is left out: its detail is then decoded as untyped XML.
      ctx.sink.warn("missing-message", `fault ${f.name}: message ${showQName(f.message)} is not defined; the fault is not typed`, f.pos, ctx.construct);
      continue;
    }
    const part = msg?.parts[0];
    if (!msg || !part) continue;
    const field = partField(ctx, part, "document");
    if (field) out.push({ name: f.name, field: { ...field, min: 0 } });
  }
  return out;
}

/** The first failure rule whose flag is a response header of every operation that has response headers. */
function detectFailureRule(ops: readonly OperationModel[], types: TypeBuilder, rules: readonly FailureRuleModel[]): FailureRuleModel | undefined {
  const withHeaders = ops.filter((o) => (o.output?.headers.length ?? 0) > 0);
  if (withHeaders.length === 0) return undefined;
  for (const rule of rules) {
    const ok = withHeaders.every((o) => {
      const flag = o.output?.headers.find((h) => h.prop === rule.flag);
      if (!flag) return false;
      const prim = types.primitiveOf(flag.type);
      return typeof rule.failureValue === "boolean" ? prim === "boolean" : true;
    });
    if (ok) {
      const detail = rule.detail && withHeaders.every((o) => o.output?.headers.some((h) => h.prop === rule.detail)) ? rule.detail : undefined;
      return { ...rule, detail };
    }
  }
  return undefined;
}
