/**
 * <Client>.ts: the typed client of one port: its header types, the operation type map (for `$invoke`),
 * the descriptor the runtime runs, and the class with one async method per operation.
 */
import type { ClientModel, MessageModel, OperationModel, TypeModel } from "../analyze/model.js";
import { propertyKey } from "../analyze/names.js";
import { constStatement, Imports, jsdoc, RUNTIME_MODULE, SCHEMA_MODULE, TYPES_MODULE, TypeWriter } from "./context.js";
import type { TypeTable } from "../../templates/runtime/descriptors.js";
import type { FacetFeature, Features, MultipartFeature, MultiRefFeature, StreamFeature } from "../../templates/runtime/features.js";
import { DescriptorWriter, placeholder, printDescriptor, type NamespaceTable } from "./descriptors.js";
import { failureRule } from "./failure.js";
import { group, StructureKind, type InterfaceStructure, type StatementStructures, type VariableStatementStructure } from "./structures.js";
import { clientFeatures, clientTableName } from "./tables.js";

const NO_HEADERS = "Record<string, never>";

/** `typeIds`: the types the client's descriptors reach (tables.ts `clientTypeIds`). */
export function clientFile(
  c: ClientModel,
  types: ReadonlyMap<string, TypeModel>,
  ns: NamespaceTable,
  typeIds: ReadonlySet<string>,
): { statements: (StatementStructures | string)[]; imports: Imports } {
  const imports = new Imports();
  const w = new TypeWriter(types, imports, TYPES_MODULE);
  const d = new DescriptorWriter(types, ns);
  const body: (StatementStructures | string)[] = [];

  // Header types, each once.
  const declaredTypes = new Set<string>();
  for (const op of c.operations) {
    for (const [msg, dir] of [
      [op.input, "request"],
      [op.output, "response"],
    ] as const) {
      if (!msg?.headersType || declaredTypes.has(msg.headersType)) continue;
      declaredTypes.add(msg.headersType);
      body.push(headersInterface(msg, w, dir === "request" ? "in" : "out", c));
    }
  }

  body.push(operationsInterface(c, w));

  // The descriptor, and the header field lists several operations share. The client's type table and the
  // runtime features it needs are constants (schema.ts, the runtime's exports), printed by name.
  const table = placeholder<TypeTable>();
  const features = featureValues(c, types, typeIds, imports, streamedOperations(c, w).size > 0);
  const { descriptor, headerConsts: shared, shared: sharedValues } = d.client(c, { types: table, failure: failureRule(c, types), features: features.value });
  const refs = new Map(sharedValues);
  refs.set(table, clientTableName(c));
  for (const [value, name] of features.names) refs.set(value, name);
  if (shared.length) imports.use(RUNTIME_MODULE, "FieldDescriptor", true);
  const headerConsts = shared.map((h) => constStatement(h.name, "readonly FieldDescriptor[]", printDescriptor(h.fields, ns), false));
  imports.use(RUNTIME_MODULE, "ClientDescriptor", true);
  imports.use(SCHEMA_MODULE, clientTableName(c), false);
  body.push(
    constStatement(
      c.descriptorName,
      "ClientDescriptor",
      printDescriptor(descriptor, ns, refs),
      true,
      `What the runtime needs to call the operations of \`${c.className}\` (generated; not meant to be edited).`,
    ),
  );

  body.push(clientClass(c, w, imports));
  if (c.faultsName) body.push(...faultDeclarations(c, w, imports));

  const nsConsts = group(ns.takeDeclarations().map(({ name, uri }) => constStatement(name, undefined, JSON.stringify(uri), false)));
  return { statements: [nsConsts, ...headerConsts, ...body], imports };
}

/**
 * The runtime's optional parts this client needs, each imported by name (so a bundle leaves the others out):
 * placeholders in the descriptor, and the runtime export each stands for.
 */
function featureValues(
  c: ClientModel,
  types: ReadonlyMap<string, TypeModel>,
  typeIds: ReadonlySet<string>,
  imports: Imports,
  streams: boolean,
): { value: Features | undefined; names: [object, string][] } {
  const needs = clientFeatures(c, types, typeIds);
  const names: [object, string][] = [];
  const use = <T extends object>(name: string): T => {
    imports.use(RUNTIME_MODULE, name, false);
    const value = placeholder<T>();
    names.push([value, name]);
    return value;
  };
  const value: Features = {
    ...(needs.facets ? { facets: use<FacetFeature>("facetChecks") } : {}),
    ...(needs.multiRef ? { multiRef: use<MultiRefFeature>("multiRef") } : {}),
    ...(needs.multipart ? { multipart: use<MultipartFeature>("multipart") } : {}),
    ...(streams ? { streaming: use<StreamFeature>("streaming") } : {}),
  };
  return { value: names.length === 0 ? undefined : value, names };
}

function headersInterface(msg: MessageModel, w: TypeWriter, mode: "in" | "out", c: ClientModel): StatementStructures {
  const dir = mode === "in" ? "request" : "response";
  return {
    kind: StructureKind.Interface,
    isExported: true,
    name: msg.headersType ?? "",
    properties: msg.headers.map((h) => {
      const doc = jsdoc(h.doc, `SOAP header \`${h.name.local}\`.`);
      // Request headers take `undefined` too: a per-call `{ Header: undefined }` removes a default header.
      const type = `${w.field({ ...h, max: 1 }, mode)}${mode === "in" ? " | undefined" : ""}`;
      return { name: propertyKey(h.prop), type, hasQuestionToken: true, ...(doc ? { docs: [doc] } : {}) };
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

function operationsInterface(c: ClientModel, w: TypeWriter): InterfaceStructure {
  return {
    kind: StructureKind.Interface,
    isExported: true,
    name: c.operationsName,
    docs: [`The operations of \`${c.className}\` with their input, output and header types (used by \`$invoke\`).`],
    properties: c.operations.map((op) => {
      const t = operationTypes(op, w);
      const members = [`input: ${t.input ?? "void"};`, `output: ${t.output};`, `requestHeaders: ${t.requestHeaders};`, `responseHeaders: ${t.responseHeaders};`];
      return { name: propertyKey(op.method), type: `{\n${members.map((m) => `  ${m.replace(/\n/g, "\n  ")}`).join("\n")}\n}` };
    }),
  };
}

function clientClass(c: ClientModel, w: TypeWriter, imports: Imports): StatementStructures {
  const streamed = streamedOperations(c, w);
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
    methods: c.operations.flatMap((op) => {
      const t = operationTypes(op, w);
      const params = [
        ...(t.input ? [{ name: "input", type: t.input, ...(emptyInput(op, w) ? { initializer: "{}" } : {}) }] : []),
        { name: "options", type: `CallOptions<${t.requestHeaders}>`, hasQuestionToken: true },
      ];
      const doc = jsdoc(op.doc, `SOAP operation \`${op.name}\`${op.action ? ` (action \`${op.action}\`)` : ""}.`);
      const call = {
        kind: StructureKind.Method,
        name: op.method,
        parameters: params,
        returnType: `Promise<${t.output}>`,
        statements: [`return this.$call(${JSON.stringify(op.method)}, ${t.input ? "input" : "undefined"}, options);`],
        ...(doc ? { docs: [doc] } : {}),
      };
      const streamName = `${op.method}Stream`;
      if (!streamed.has(op)) return [call];
      imports.use(RUNTIME_MODULE, "StreamItem", true);
      const stream = {
        kind: StructureKind.Method,
        name: streamName,
        parameters: params,
        returnType: `AsyncIterable<StreamItem<${t.output}>>`,
        statements: [`return this.$stream(${JSON.stringify(op.method)}, ${t.input ? "input" : "undefined"}, options);`],
        docs: [
          `The items of \`${op.method}\`'s result, each decoded as soon as it has arrived: memory does not grow with the response (\`for await (const item of client.${streamName}(…))\`). Headers, the failure rule, faults, limits and the timeout apply as for \`${op.method}\`; breaking out of the loop releases the connection.`,
        ],
      };
      return [call, stream];
    }),
  };
}

/**
 * Typed faults: `<Client>Faults` maps each wsdl:fault name to its detail type, and `is<Client>Fault(e, name?)`
 * narrows a caught error to a SoapFaultError whose detail matched that declared fault.
 */
function faultDeclarations(c: ClientModel, w: TypeWriter, imports: Imports): (InterfaceStructure | string)[] {
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
  const properties = [...byName.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, types]) => ({ name: propertyKey(name), type: [...types].sort().join(" | ") }));
  return [
    {
      kind: StructureKind.Interface,
      isExported: true,
      name: c.faultsName ?? "",
      docs: [`The faults \`${c.className}\`'s operations declare (wsdl:fault name → detail), for \`${c.faultGuardName}\`.`],
      properties,
    },
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

/**
 * The operations that get a `<method>Stream` method: those whose result the runtime can stream, unless the
 * name is another operation's method. A client with any names the runtime's `streaming` feature.
 */
function streamedOperations(c: ClientModel, w: TypeWriter): ReadonlySet<OperationModel> {
  const methodNames = new Set(c.operations.map((op) => op.method));
  return new Set(c.operations.filter((op) => streamable(op, w) && !methodNames.has(`${op.method}Stream`)));
}

/**
 * Whether the runtime can stream the operation's result (the same rule as `streamPath` in
 * templates/runtime/stream.ts): an unwrapped result that is a repeated element, or an array type.
 */
function streamable(op: OperationModel, w: TypeWriter): boolean {
  const out = op.output;
  const u = out?.unwrap;
  if (!out || !u || out.void || out.body.kind !== "element" || u.wildcard || u.alternatives || (u.substitutes?.length ?? 0) > 0) return false;
  if (u.max > 1) return true;
  const m = w.model(u.type);
  return m?.kind === "array" && !m.encoded && !m.item.alternatives && (m.item.substitutes?.length ?? 0) === 0;
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
