/**
 * <Client>.ts: the typed client of one port: its header types, the operation type map (for `$invoke`),
 * the descriptor the runtime runs, and the class with one async method per operation.
 */
import { StructureKind, type StatementStructures } from "ts-morph";
import type { ClientModel, MessageModel, OperationModel, TypeModel } from "../analyze/model.js";
import { propertyKey } from "../analyze/names.js";
import { constStatement, Imports, jsdoc, RUNTIME_MODULE, SCHEMA_MODULE, TYPES_MODULE, TypeWriter } from "./context.js";
import { Code, literal, type Literal } from "./literal.js";
import { DescriptorWriter, type NamespaceTable } from "./descriptors.js";
import { failureLiteral } from "./failure.js";
import { clientFeatures, clientTableName, clientTypeIds } from "./tables.js";

const NO_HEADERS = "Record<string, never>";

export function clientFile(
  c: ClientModel,
  types: ReadonlyMap<string, TypeModel>,
  ns: NamespaceTable,
): { statements: (StatementStructures | string)[]; imports: Imports } {
  const imports = new Imports();
  const w = new TypeWriter(types, imports, TYPES_MODULE);
  const d = new DescriptorWriter(types, ns);
  const body: (StatementStructures | string)[] = [];

  // Header types and shared header descriptor constants, each once.
  const declaredTypes = new Set<string>();
  const declaredConsts = new Set<string>();
  const headerConsts: string[] = [];
  for (const op of c.operations) {
    for (const [msg, dir] of [
      [op.input, "request"],
      [op.output, "response"],
    ] as const) {
      if (!msg?.headersType) continue;
      if (!declaredTypes.has(msg.headersType)) {
        declaredTypes.add(msg.headersType);
        body.push(headersInterface(msg, w, dir === "request" ? "in" : "out", c));
      }
      if (msg.headersConst && !declaredConsts.has(msg.headersConst)) {
        declaredConsts.add(msg.headersConst);
        imports.use(RUNTIME_MODULE, "FieldDescriptor", true);
        headerConsts.push(constStatement(msg.headersConst, "readonly FieldDescriptor[]", literal(msg.headers.map((h) => d.field(h))), false));
      }
    }
  }

  body.push(operationsInterface(c, w));

  // The descriptor.
  const operations: Record<string, Literal> = Object.create(null) as Record<string, Literal>;
  for (const op of c.operations) {
    const ref = (m: MessageModel | undefined): Literal | undefined =>
      !m || m.headers.length === 0 ? undefined : m.headersConst ? new Code(m.headersConst) : m.headers.map((h) => d.field(h));
    operations[op.method] = d.operation(op, { input: ref(op.input), output: ref(op.output) });
  }
  imports.use(RUNTIME_MODULE, "ClientDescriptor", true);
  imports.use(SCHEMA_MODULE, clientTableName(c), false);
  const descriptor: Literal = {
    port: c.port,
    soap: c.soap,
    endpoint: c.endpoint,
    types: new Code(clientTableName(c)),
    failure: failureLiteral(c, types),
    operations,
    features: featuresLiteral(c, types, imports),
  };
  const descriptorText = literal(descriptor);
  body.push(
    constStatement(c.descriptorName, "ClientDescriptor", descriptorText, true, `What the runtime needs to call the operations of \`${c.className}\` (generated; not meant to be edited).`),
  );

  body.push(clientClass(c, w, imports));
  if (c.faultsName) body.push(...faultDeclarations(c, w, imports));

  const nsConsts = ns.takeDeclarations().map(({ name, uri }) => constStatement(name, undefined, JSON.stringify(uri), false));
  return { statements: [...nsConsts, ...headerConsts, ...body], imports };
}

/** The runtime's optional parts this client needs, each imported by name (so a bundle leaves the others out). */
function featuresLiteral(c: ClientModel, types: ReadonlyMap<string, TypeModel>, imports: Imports): Literal | undefined {
  const needs = clientFeatures(c, types, clientTypeIds(c, types));
  const out: Record<string, Literal> = {};
  for (const [key, name] of [["facets", "facetChecks"], ["multiRef", "multiRef"], ["multipart", "multipart"]] as const) {
    if (!needs[key]) continue;
    imports.use(RUNTIME_MODULE, name, false);
    out[key] = new Code(name);
  }
  return Object.keys(out).length === 0 ? undefined : out;
}

function headersInterface(msg: MessageModel, w: TypeWriter, mode: "in" | "out", c: ClientModel): StatementStructures {
  const dir = mode === "in" ? "request" : "response";
  return {
    kind: StructureKind.Interface,
    isExported: true,
    name: msg.headersType ?? "",
    properties: msg.headers.map((h) => {
      const doc = jsdoc(h.doc, `SOAP header \`${h.name.local}\`.`);
      return { name: propertyKey(h.prop), type: w.field({ ...h, max: 1 }, mode), hasQuestionToken: true, ...(doc ? { docs: [doc] } : {}) };
    }),
    docs: [
      mode === "in"
        ? `SOAP headers sent with ${c.className} ${dir}s. Set defaults in the client options; override per call.`
        : `SOAP headers of ${c.className} ${dir}s, as decoded.`,
    ],
  };
}

/** Method input type, output type and header types of one operation. */
export function operationTypes(op: OperationModel, w: TypeWriter): { input: string | undefined; output: string; requestHeaders: string; responseHeaders: string } {
  return {
    input: inputType(op, w),
    output: outputType(op, w),
    requestHeaders: op.input.headersType ?? NO_HEADERS,
    responseHeaders: op.output?.headersType ?? NO_HEADERS,
  };
}

function inputType(op: OperationModel, w: TypeWriter): string | undefined {
  const b = op.input.body;
  if (b.kind === "empty") return undefined;
  if (b.kind === "parts") return w.value({ kind: "type", id: b.typeId }, "in");
  return w.field(b.field, "in");
}

function outputType(op: OperationModel, w: TypeWriter): string {
  const out = op.output;
  if (!out) return "void";
  if (out.unwrap) {
    const t = w.field(out.unwrap, "out");
    return out.unwrap.min === 0 && out.unwrap.max <= 1 ? `${t} | undefined` : t;
  }
  const b = out.body;
  if (out.void) return "void";
  if (b.kind === "parts") return w.value({ kind: "type", id: b.typeId }, "out");
  if (b.kind === "empty") return "void";
  return w.field(b.field, "out");
}

/** Written as text: ts-morph would indent a multi-line member type a second time. */
function operationsInterface(c: ClientModel, w: TypeWriter): string {
  const lines = [`/** The operations of \`${c.className}\` with their input, output and header types (used by \`$invoke\`). */`, `export interface ${c.operationsName} {`];
  for (const op of c.operations) {
    const t = operationTypes(op, w);
    lines.push(`  ${propertyKey(op.method)}: {`);
    lines.push(`    input: ${t.input ?? "void"};`, `    output: ${t.output};`, `    requestHeaders: ${t.requestHeaders};`, `    responseHeaders: ${t.responseHeaders};`);
    lines.push("  };");
  }
  lines.push("}");
  return lines.join("\n");
}

function clientClass(c: ClientModel, w: TypeWriter, imports: Imports): StatementStructures {
  imports.use(RUNTIME_MODULE, "SoapClient", false);
  imports.use(RUNTIME_MODULE, "ClientOptions", true);
  imports.use(RUNTIME_MODULE, "CallOptions", true);
  const reqHeaders = commonRequestHeaders(c);
  const classDoc = jsdoc(
    c.doc,
    `Client for the \`${c.port}\` port${c.service ? ` of service \`${c.service}\`` : ""} (SOAP ${c.soap}).`,
    c.endpoint ? `Default endpoint: ${c.endpoint}` : "The WSDL gives no endpoint: pass `endpoint` in the options.",
  );
  return {
    kind: StructureKind.Class,
    isExported: true,
    name: c.className,
    // The default-headers type is given explicitly: the runtime's default (every operation's headers
    // intersected) would be never-like when some operations have no headers.
    extends: `SoapClient<${c.operationsName}, ${reqHeaders}>`,
    ...(classDoc ? { docs: [classDoc] } : {}),
    properties: [
      {
        name: "descriptor",
        isStatic: true,
        isReadonly: true,
        type: "ClientDescriptor",
        initializer: c.descriptorName,
        docs: ["The descriptor this client runs (ports, operations, types), for tools and introspection."],
      },
    ],
    ctors: [
      {
        parameters: [{ name: "options", type: `ClientOptions<${reqHeaders}>`, initializer: "{}" }],
        statements: [`super(${c.descriptorName}, options);`],
      },
    ],
    methods: c.operations.map((op) => {
      const t = operationTypes(op, w);
      const params = [
        ...(t.input ? [{ name: "input", type: t.input, ...(emptyInput(op, w) ? { initializer: "{}" } : {}) }] : []),
        { name: "options", type: `CallOptions<${t.requestHeaders}>`, hasQuestionToken: true },
      ];
      const doc = jsdoc(op.doc, `SOAP operation \`${op.name}\`${op.action ? ` (action \`${op.action}\`)` : ""}.`);
      return {
        kind: StructureKind.Method,
        name: op.method,
        parameters: params,
        returnType: `Promise<${t.output}>`,
        statements: [`return this.$call(${JSON.stringify(op.method)}, ${t.input ? "input" : "undefined"}, options);`],
        ...(doc ? { docs: [doc] } : {}),
      };
    }),
  };
}

/**
 * Typed faults: `<Client>Faults` maps each wsdl:fault name to its detail type, and `is<Client>Fault(e, name?)`
 * narrows a caught error to a SoapFaultError whose detail matched that declared fault.
 */
function faultDeclarations(c: ClientModel, w: TypeWriter, imports: Imports): string[] {
  const byName = new Map<string, Set<string>>();
  for (const op of c.operations) {
    for (const f of op.faults) {
      const set = byName.get(f.name) ?? new Set<string>();
      set.add(w.field({ ...f.field, nillable: false, max: 1 }, "out"));
      byName.set(f.name, set);
    }
  }
  imports.use(RUNTIME_MODULE, "SoapFaultError", true);
  imports.use(RUNTIME_MODULE, "isSoapFaultError", false);
  const members = [...byName.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, types]) => `  ${propertyKey(name)}: ${[...types].sort().join(" | ")};`);
  return [
    [`/** The faults \`${c.className}\`'s operations declare (wsdl:fault name → detail), for \`${c.faultGuardName}\`. */`, `export interface ${c.faultsName} {`, ...members, "}"].join("\n"),
    [
      `/** Whether \`e\` is a SOAP fault whose detail is the declared fault \`name\` (any declared fault without a name). */`,
      `export function ${c.faultGuardName}<K extends keyof ${c.faultsName}>(`,
      "  e: unknown,",
      "  name?: K,",
      `): e is SoapFaultError & { readonly faultName: K; readonly detail: ${c.faultsName}[K] } {`,
      "  return isSoapFaultError(e) && e.faultName !== undefined && (name === undefined || e.faultName === name);",
      "}",
    ].join("\n"),
  ];
}

/** An input struct without any property: the argument may be left out. */
function emptyInput(op: OperationModel, w: TypeWriter): boolean {
  const b = op.input.body;
  if (b.kind !== "element" || b.field.nillable) return false;
  const m = w.model(b.field.type);
  return m?.kind === "struct" && !m.base && m.fields.length === 0 && m.attributes.length === 0 && !m.text;
}

/** The request headers type shared by all operations, for the client's default headers. */
function commonRequestHeaders(c: ClientModel): string {
  const names = new Set(c.operations.map((op) => op.input.headersType ?? NO_HEADERS));
  if (names.size === 1) return [...names][0] ?? NO_HEADERS;
  const named = [...names].filter((n) => n !== NO_HEADERS).sort();
  return named.length ? `Partial<${named.join(" & ")}>` : NO_HEADERS;
}
