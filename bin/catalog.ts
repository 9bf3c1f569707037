/**
 * `wsdlc inspect --json`: a full machine-readable catalog of what a WSDL gives, built from the same service
 * model and the same type writer the generated code comes from. The shape (documented in docs/inspect.md,
 * `catalogVersion` 1):
 *
 *   { catalogVersion, services: [{ name, ports: [{ name, client, soap, endpoint, failure,
 *       operations: [{ name, method, signature, action, style, doc, input, output, faults }] }] }],
 *     types: [{ name, kind, qname, doc, … by kind }], typeCounts }
 *
 * and the text form of `inspect` prints each operation's parameters from it.
 */
import type { AnalyzedService } from "../generator/index.js";
import type { AttributeModel, ClientModel, FieldModel, MessageModel, OperationModel, TypeModel, ValueType } from "../generator/analyze/model.js";
import { operationTypes } from "../generator/emit/client-file.js";
import { Imports, TypeWriter } from "../generator/emit/context.js";

export const CATALOG_VERSION = 1;

/** One element (a field of a type, a parameter, a header, a fault's detail). */
export interface CatalogField {
  /** The TypeScript property name. */
  readonly name: string;
  /** The element's qualified name, `{namespace}local` (or `local` when unqualified). */
  readonly element: string;
  /** TypeScript type of the property in responses (`out`) and in requests (`in`). */
  readonly type: string;
  readonly inputType: string;
  /** The XSD type: `xs:int`, `{namespace}Name`, or null for an anonymous type. */
  readonly xsdType: string | null;
  /** The TypeScript type name the value has (a generated type), or null for a built-in. */
  readonly typeName: string | null;
  /** The property may be left out (minOccurs 0, or an optional header). */
  readonly optional: boolean;
  readonly nillable: boolean;
  readonly repeated: boolean;
  readonly min: number;
  readonly max: number | "unbounded";
  /** Members of one xs:choice share a number. */
  readonly choice: number | null;
  readonly doc: string | null;
}

export interface CatalogAttribute {
  readonly name: string;
  readonly attribute: string;
  readonly type: string;
  readonly xsdType: string | null;
  readonly required: boolean;
  readonly doc: string | null;
}

export interface CatalogMessage {
  /** TypeScript type of the method's argument (input) or result (output); null for none. */
  readonly type: string | null;
  /** The body element (document style) or rpc wrapper, `{namespace}local`; null for an empty body. */
  readonly element: string | null;
  /** The body's fields: the wrapper element's fields, or the parts; what a caller fills in or gets back. */
  readonly parameters: readonly CatalogField[];
  readonly headers: readonly CatalogField[];
  /** Output only: the property of the body the method returns (unwrapped), or null. */
  readonly returns?: string | null;
}

export interface CatalogOperation {
  readonly name: string;
  readonly method: string;
  readonly signature: string;
  readonly action: string;
  readonly style: "document" | "rpc";
  readonly doc: string | null;
  readonly input: CatalogMessage;
  /** null for a one-way operation. */
  readonly output: CatalogMessage | null;
  readonly faults: readonly { readonly name: string; readonly element: string; readonly type: string }[];
}

export interface CatalogPort {
  readonly name: string;
  readonly client: string;
  readonly soap: "1.1" | "1.2";
  readonly endpoint: string;
  readonly failure: { readonly flag: string; readonly failureValue: boolean | string; readonly detail: string | null } | null;
  readonly operations: readonly CatalogOperation[];
}

export interface CatalogType {
  readonly name: string;
  readonly kind: TypeModel["kind"];
  readonly qname: string | null;
  readonly doc: string | null;
  /** struct: base type name, abstract, fields (base fields first, with `inheritedFrom`), attributes, text. */
  readonly base?: string | null;
  readonly abstract?: boolean;
  readonly fields?: readonly (CatalogField & { readonly inheritedFrom: string | null })[];
  readonly attributes?: readonly CatalogAttribute[];
  readonly text?: string | null;
  /** enum: the wire values. */
  readonly values?: readonly string[];
  /** array: the item element; list: the item type. */
  readonly item?: CatalogField | string;
  /** union: member types. */
  readonly members?: readonly string[];
  /** dictionary: key and value. */
  readonly key?: CatalogField;
  readonly value?: CatalogField;
}

export interface Catalog {
  readonly catalogVersion: number;
  readonly services: readonly { readonly name: string; readonly ports: readonly CatalogPort[] }[];
  readonly types: readonly CatalogType[];
  readonly typeCounts: Readonly<Record<string, number>>;
}

function qn(q: { ns: string; local: string }): string {
  return q.ns ? `{${q.ns}}${q.local}` : q.local;
}

export function buildCatalog(model: AnalyzedService): Catalog {
  const w = new TypeWriter(model.types, new Imports(), undefined);
  const xsd = (t: ValueType): string | null => {
    if (t.kind === "prim") return `xs:${t.prim}`;
    const m = model.types.get(t.id);
    return m?.qname ? qn(m.qname) : null;
  };
  const typeName = (t: ValueType): string | null => (t.kind === "type" ? (model.types.get(t.id)?.tsName ?? null) : null);
  const field = (f: FieldModel, optional?: boolean): CatalogField => ({
    name: f.prop,
    element: qn(f.name),
    type: w.field(f, "out"),
    inputType: w.field(f, "in"),
    xsdType: f.alternatives ? null : xsd(f.type),
    typeName: f.alternatives ? null : typeName(f.type),
    optional: optional ?? (f.min === 0 || f.choiceOptional === true || (f.choice !== undefined && f.min === 0)),
    nillable: f.nillable,
    repeated: f.max > 1,
    min: f.min,
    max: Number.isFinite(f.max) ? f.max : "unbounded",
    choice: f.choice ?? null,
    doc: f.doc ?? null,
  });
  const attribute = (a: AttributeModel): CatalogAttribute => ({
    name: a.prop,
    attribute: qn(a.name),
    type: w.value(a.type, "out"),
    xsdType: xsd(a.type),
    required: a.required,
    doc: a.doc ?? null,
  });
  /** Fields of a struct, base first; each with the type it is declared in when inherited. */
  const structFields = (id: string, seen = new Set<string>()): (CatalogField & { inheritedFrom: string | null })[] => {
    const m = model.types.get(id);
    if (!m || m.kind !== "struct" || seen.has(id)) return [];
    seen.add(id);
    const inherited =
      m.base?.kind === "type"
        ? structFields(m.base.id, seen).map((f) => ({ ...f, inheritedFrom: f.inheritedFrom ?? model.types.get((m.base as { id: string }).id)?.tsName ?? null }))
        : [];
    return [...inherited, ...m.fields.map((f) => ({ ...field(f), inheritedFrom: null }))];
  };
  const parameters = (msg: MessageModel): CatalogField[] => {
    const b = msg.body;
    if (b.kind === "empty") return [];
    if (b.kind === "parts") return b.parts.map((p) => field(p));
    const t = b.field.type;
    const m = t.kind === "type" ? model.types.get(t.id) : undefined;
    if (m?.kind === "struct" && !b.field.alternatives && b.field.max <= 1) return structFields(m.id).map(({ inheritedFrom: _, ...f }) => f);
    return [field(b.field)];
  };
  const message = (msg: MessageModel, type: string | undefined, out: boolean): CatalogMessage => {
    const b = msg.body;
    const element = b.kind === "element" ? qn(b.field.name) : b.kind === "parts" && b.wrapper ? qn(b.wrapper) : null;
    return {
      type: type ?? null,
      element,
      parameters: parameters(msg),
      headers: msg.headers.map((h) => field(h, true)),
      ...(out ? { returns: msg.unwrap?.prop ?? null } : {}),
    };
  };
  const operation = (op: OperationModel): CatalogOperation => {
    const t = operationTypes(op, w);
    return {
      name: op.name,
      method: op.method,
      signature: `${op.method}(${t.input ? `input: ${t.input}` : ""}): Promise<${t.output}>`,
      action: op.action,
      style: op.style,
      doc: op.doc ?? null,
      input: message(op.input, t.input, false),
      output: op.output ? message(op.output, t.output, true) : null,
      faults: op.faults.map((f) => ({ name: f.name, element: qn(f.field.name), type: w.field(f.field, "out") })),
    };
  };
  const port = (c: ClientModel): CatalogPort => ({
    name: c.port,
    client: c.className,
    soap: c.soap,
    endpoint: c.endpoint,
    failure: c.failure ? { flag: c.failure.flag, failureValue: c.failure.failureValue, detail: c.failure.detail ?? null } : null,
    operations: c.operations.map(operation),
  });
  const byService = new Map<string, CatalogPort[]>();
  for (const c of [...model.clients].sort((a, b) => (a.service === b.service ? (a.port < b.port ? -1 : 1) : a.service < b.service ? -1 : 1))) {
    const list = byService.get(c.service) ?? [];
    list.push(port(c));
    byService.set(c.service, list);
  }
  const types: CatalogType[] = [...model.types.values()]
    .sort((a, b) => (a.tsName < b.tsName ? -1 : a.tsName > b.tsName ? 1 : 0))
    .map((m): CatalogType => {
      const common = { name: m.tsName, kind: m.kind, qname: m.qname ? qn(m.qname) : null, doc: m.doc ?? null };
      switch (m.kind) {
        case "struct":
          return {
            ...common,
            base: m.base ? (typeName(m.base) ?? xsd(m.base)) : null,
            abstract: m.abstract,
            fields: structFields(m.id),
            attributes: m.attributes.map(attribute),
            text: m.text ? w.value(m.text, "out") : null,
          };
        case "enum":
          return { ...common, values: m.values.map((v) => v.value) };
        case "list":
          return { ...common, item: w.value(m.item, "out") };
        case "alias":
          return { ...common, base: w.value(m.base, "out") };
        case "union":
          return { ...common, members: m.members.map((t) => w.value(t, "out")) };
        case "array":
          return { ...common, item: field(m.item) };
        case "dictionary":
          return { ...common, key: field(m.key), value: field(m.value) };
      }
    });
  const typeCounts: Record<string, number> = {};
  for (const m of model.types.values()) typeCounts[m.kind] = (typeCounts[m.kind] ?? 0) + 1;
  return {
    catalogVersion: CATALOG_VERSION,
    services: [...byService].map(([name, ports]) => ({ name, ports })),
    types,
    typeCounts: Object.fromEntries(Object.entries(typeCounts).sort(([a], [b]) => (a < b ? -1 : 1))),
  };
}

/** One line per parameter: `name?: type` with the XSD type and occurrence, for the text form of inspect. */
export function parameterLines(fields: readonly CatalogField[], indent: string): string[] {
  return fields.map((f) => {
    const occurs = f.repeated ? `${f.min}..${f.max === "unbounded" ? "*" : f.max}` : f.optional ? "optional" : "required";
    const extra = [f.xsdType?.replace(/^\{[^}]*\}/, "") ?? "anonymous type", occurs, f.choice !== null ? `choice ${f.choice}` : ""].filter(Boolean).join(", ");
    return `${indent}${f.name}${f.optional ? "?" : ""}: ${f.inputType.replace(/\s*\n\s*/g, " ")}   (${extra})`;
  });
}
