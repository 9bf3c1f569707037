/**
 * types.ts: one declaration per schema type, named after it, in name order. Structs are interfaces
 * (extending their base), enumerations a literal union plus a `const` object, WCF collections and
 * dictionaries arrays and keyed objects. Types used both in requests and responses whose request shape
 * accepts friendlier values get a second, `…Input` declaration.
 */
import type { EnumModel, FieldModel, StructModel, TypeModel } from "../analyze/model.js";
import { propertyKey } from "../analyze/names.js";
import { describeFacets } from "../analyze/types.js";
import { fixedOf, hasFixed, hasRepeatedGroupMember, subtypeIndex, type Usage } from "../analyze/usage.js";
import { showQName } from "../ns.js";
import { constStatement, Imports, jsdoc, TypeWriter, type Mode } from "./context.js";
import { StructureKind, type InterfaceStructure, type StatementStructures, type TypeAliasStructure } from "./structures.js";
import { choiceAlias, hasChoiceShape, outputUnion, type PropertyText } from "./shapes.js";

export function typesFile(types: ReadonlyMap<string, TypeModel>, usage: ReadonlyMap<string, Usage>): { statements: (StatementStructures | string)[]; imports: Imports } {
  const imports = new Imports();
  const w = new TypeWriter(types, imports, undefined);
  const statements: (StatementStructures | string)[] = [];
  const subtypes = subtypeIndex(types);
  const sorted = [...types.values()].sort((a, b) => compareNames(a.tsName, b.tsName));
  for (const m of sorted) {
    const u = usage.get(m.id) ?? { input: false, output: true, differs: false };
    // A type used only in requests is declared once, in its input shape.
    const mainMode: Mode = u.output || !u.input ? "out" : "in";
    const empty = m.kind === "struct" && isEmptyStruct(m, subtypes);
    statements.push(...declare(m, w, mainMode, m.tsName, types, empty));
    if (m.inputName && m.inputName !== m.tsName) statements.push(...declare(m, w, "in", m.inputName, types, empty));
    if (m.polyName && m.kind === "struct") statements.push(polymorphicUnion(m, types, subtypes));
    if (m.polyOutName && m.kind === "struct") statements.push(outputUnion(m, types, subtypes, compareNames));
  }
  return { statements, imports };
}

/**
 * `XOrSubtype`: what a request accepts where the schema says X. A value of a derived type names it in
 * `$type` (the runtime then writes xsi:type, XSD Part 1 §2.6.1); an abstract X itself cannot be sent.
 */
function polymorphicUnion(m: StructModel, types: ReadonlyMap<string, TypeModel>, subtypes: ReadonlyMap<string, string[]>): TypeAliasStructure {
  const all: StructModel[] = [];
  const visit = (id: string): void => {
    for (const sub of subtypes.get(id) ?? []) {
      const s = types.get(sub);
      if (s?.kind !== "struct" || all.includes(s)) continue;
      all.push(s);
      visit(sub);
    }
  };
  visit(m.id);
  const alt = (s: StructModel, required: boolean): string => `(${s.inputName ?? s.tsName} & { $type${required ? "" : "?"}: ${JSON.stringify(s.tsName)} })`;
  const members = [
    ...(m.abstract ? [] : [alt(m, false)]),
    ...all
      .filter((s) => !s.abstract)
      .sort((a, b) => compareNames(a.tsName, b.tsName))
      .map((s) => alt(s, true)),
  ];
  const note = `\`${m.tsName}\` or a type derived from it, as requests take it: a derived value names its type in \`$type\`, sent as \`xsi:type\`.`;
  return { kind: StructureKind.TypeAlias, isExported: true, name: m.polyName ?? "", type: members.length ? `\n  | ${members.join("\n  | ")}` : "never", docs: [note] };
}

/** What a repeated xs:choice holds (`owner`: the collection type it is the whole content of). */
function choiceListNote(alternatives: readonly FieldModel[], owner?: string): string {
  const names = alternatives.map((a) => `\`${a.name.local}\``).join(", ");
  const what = owner ? `A collection (\`${owner}\`) of` : "A repeated choice of";
  return `${what} ${names} elements, mixed in document order: each item is an object with one of these properties.`;
}

export function compareNames(a: string, b: string): number {
  const la = a.toLowerCase();
  const lb = b.toLowerCase();
  if (la !== lb) return la < lb ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Names the schema type when the TypeScript name differs from it (after a clash or sanitising). */
function schemaNote(m: TypeModel): string | undefined {
  return m.qname && m.qname.local !== m.tsName ? `Schema type \`${showQName(m.qname)}\`.` : undefined;
}

/**
 * A struct with no content at all (no base, members, attributes or text) that nothing derives from. As an
 * interface (`interface X {}`) it would accept any non-null value; it is declared as a type that only an
 * empty object satisfies.
 */
function isEmptyStruct(m: StructModel, subtypes: ReadonlyMap<string, string[]>): boolean {
  return m.base === undefined && m.fields.length === 0 && m.attributes.length === 0 && m.text === undefined && (subtypes.get(m.id)?.length ?? 0) === 0;
}

function declare(m: TypeModel, w: TypeWriter, mode: Mode, name: string, types: ReadonlyMap<string, TypeModel>, empty = false): (StatementStructures | string)[] {
  const docs = (...extra: (string | undefined)[]): { docs?: string[] } => {
    const d = jsdoc(m.doc, ...extra);
    return d ? { docs: [d] } : {};
  };
  switch (m.kind) {
    case "struct":
      if (empty) {
        const note = "An empty type: its element has no content, and only an empty object (`{}`) is accepted.";
        return [{ kind: StructureKind.TypeAlias, isExported: true, name, type: "Record<string, never>", ...docs(note, schemaNote(m)) }];
      }
      return [choiceShaped(m, structDecl(m, w, mode, name, types), mode, types)];
    case "enum":
      return enumDecls(m, types);
    case "list": {
      const item = w.model(m.item);
      const flags = item?.kind === "enum" && item.constName === m.tsName;
      const note = flags ? "A list of flags (`xs:list` of an enumeration), sent space-separated." : "An `xs:list`, sent space-separated.";
      const arr = w.value(m.item, mode);
      const text = `${/[|&]/.test(arr) ? `(${arr})` : arr}[]`;
      return [{ kind: StructureKind.TypeAlias, isExported: true, name, type: mode === "in" ? `readonly ${text}` : text, ...docs(note, schemaNote(m)) }];
    }
    case "alias":
      return [
        {
          kind: StructureKind.TypeAlias,
          isExported: true,
          name,
          type: w.value(m.base, mode),
          ...docs(m.facets ? `Restricted by: ${describeFacets(m.facets).join("; ")}.` : undefined, schemaNote(m)),
        },
      ];
    case "union": {
      const members = m.members.map((x) => (x.kind === "prim" ? `xs:${x.prim}` : (types.get(x.id)?.tsName ?? "?"))).join(", ");
      return [{ kind: StructureKind.TypeAlias, isExported: true, name, type: "string", ...docs(`An \`xs:union\` of ${members}, held as its text.`, schemaNote(m)) }];
    }
    case "array":
      if (m.item.alternatives) {
        return [
          {
            kind: StructureKind.TypeAlias,
            isExported: true,
            name,
            type: w.arrayOf(m.item, mode),
            ...docs(choiceListNote(m.item.alternatives, m.qname?.local ?? name), schemaNote(m)),
          },
        ];
      }
      return [
        {
          kind: StructureKind.TypeAlias,
          isExported: true,
          name,
          type: w.arrayOf(m.item, mode),
          ...docs(m.encoded ? "A SOAP-encoded array." : `A collection (\`${m.qname?.local ?? name}\`), unwrapped to an array.`, schemaNote(m)),
        },
      ];
    case "dictionary": {
      const value = w.field({ ...m.value, max: 1 }, mode);
      return [
        {
          kind: StructureKind.TypeAlias,
          isExported: true,
          name,
          type: `Record<string, ${value}>`,
          ...docs(`A dictionary (WCF \`IsDictionary\`): each \`${m.entry.local}\` entry's \`${m.key.name.local}\` is a key.`, schemaNote(m)),
        },
      ];
    }
  }
}

function structDecl(m: StructModel, w: TypeWriter, mode: Mode, name: string, types: ReadonlyMap<string, TypeModel>): InterfaceStructure {
  const base = m.base ? w.base(m.base, mode) : undefined;
  const properties = [];
  for (const a of m.attributes) {
    const d = jsdoc(a.doc, "XML attribute.", a.type.facets ? `Restricted by: ${describeFacets(a.type.facets).join("; ")}.` : undefined);
    const fixed = fixedNote(a.fixed, mode);
    const ad = fixed ? jsdoc(a.doc, "XML attribute.", fixed, a.type.facets ? `Restricted by: ${describeFacets(a.type.facets).join("; ")}.` : undefined) : d;
    // A fixed attribute is optional in requests: the runtime sends the fixed value when it is left out.
    properties.push({
      name: propertyKey(a.prop),
      type: fixedLiteral(a.type, a.fixed) ?? w.value(a.type, mode),
      hasQuestionToken: !a.required || (a.fixed !== undefined && mode === "in"),
      ...(ad ? { docs: [ad] } : {}),
    });
  }
  // With a choice typed as a union (shapes.ts) the type says which members go together.
  const choiceTyped = hasChoiceShape(m, types);
  for (const f of m.fields) {
    const choice = f.choice === undefined || choiceTyped ? undefined : `Choice group ${f.choice}, alternative ${f.alternative ?? 1}: send the members of one alternative only.`;
    const subs = f.substitutes?.length
      ? `Its substitution group may stand in its place: ${f.substitutes.map((x) => `\`${x.name.local}\``).join(", ")} (set \`$type\` to the member's type to send one).`
      : undefined;
    const restricted = f.type.facets ? `Restricted by: ${describeFacets(f.type.facets).join("; ")}.` : undefined;
    const list = f.alternatives ? choiceListNote(f.alternatives) : undefined;
    const wildcardNote = f.wildcard ? (f.max > 1 ? "Any elements (`xs:any`), in document order." : "Any one element (`xs:any`).") : undefined;
    const fixed = fixedOf(f, types);
    const d = jsdoc(f.doc, wildcardNote, list, choice, subs, restricted, fixedNote(fixed, mode));
    const fixedType = fixedLiteral(f.type, fixed);
    properties.push({
      name: propertyKey(f.prop),
      // Wildcard content is elements, in both directions: an array when the wildcard repeats, else one element.
      type: f.wildcard
        ? f.max > 1
          ? `${mode === "in" ? "readonly " : ""}${w.value(f.type, "out")}[]`
          : w.value(f.type, "out")
        : fixedType !== undefined
          ? f.nillable
            ? `${fixedType} | null`
            : fixedType
          : w.field(f, mode),
      // Decoding always gives repeated elements an array (empty when there are none).
      // A choice member is optional in either direction: another alternative may be the one present.
      // A fixed element is optional in requests: the runtime sends the fixed value when it is left out.
      hasQuestionToken: ((f.min === 0 || f.choice !== undefined) && !(mode === "out" && f.max > 1)) || (fixed !== undefined && mode === "in"),
      ...(d ? { docs: [d] } : {}),
    });
  }
  const baseModel = m.base?.kind === "type" ? types.get(m.base.id) : undefined;
  if (m.text && !(baseModel?.kind === "struct" && baseModel.text)) {
    properties.push({ name: propertyKey(m.textProp), type: w.value(m.text, mode), docs: ["The element's text content."] });
  }
  const requestForm =
    mode === "in" && name !== m.tsName
      ? hasFixed(m, types)
        ? `The request form of \`${m.tsName}\`: fixed values may be left out (the schema's value is sent).`
        : hasRepeatedGroupMember(m)
          ? `The request form of \`${m.tsName}\`: repeated members of an alternative not taken are left out (a response holds \`[]\` for them).`
          : `The request form of \`${m.tsName}\`: it also takes a \`Date\` for a dateTime and a \`number\` or \`bigint\` for a decimal or 64-bit integer.`
      : undefined;
  const d = jsdoc(m.doc, requestForm, m.abstract ? "Abstract: responses carry one of its derived types." : undefined, schemaNote(m));
  return {
    kind: StructureKind.Interface,
    isExported: true,
    name,
    ...(base ? { extends: [base] } : {}),
    properties,
    ...(d ? { docs: [d] } : {}),
  };
}

/** A struct with an xs:choice (its own or a base's) becomes a type alias with a union per choice (see shapes.ts). */
function choiceShaped(m: StructModel, decl: InterfaceStructure, mode: Mode, types: ReadonlyMap<string, TypeModel>): StatementStructures | string {
  if (!hasChoiceShape(m, types)) return decl;
  const props = (decl.properties ?? []).map(
    (p): PropertyText => ({
      name: p.name,
      type: p.type,
      hasQuestionToken: p.hasQuestionToken === true,
      ...(p.docs ? { docs: p.docs } : {}),
    }),
  );
  const n = m.attributes.length;
  const fieldProps = props.slice(n, n + m.fields.length);
  const others = [...props.slice(0, n), ...props.slice(n + m.fields.length)];
  const base = decl.extends?.join(" & ") || undefined;
  const docs = decl.docs?.join("\n");
  return choiceAlias(m, decl.name, base, others, fieldProps, mode, docs || undefined);
}

/** Doc line for a fixed value (XSD `fixed`). */
function fixedNote(fixed: string | undefined, mode: Mode): string | undefined {
  if (fixed === undefined) return undefined;
  return `Fixed to \`${fixed}\` by the schema${mode === "in" ? ": sent when left out; another value is refused" : ""}.`;
}

const COLLAPSED_STRINGS = new Set(["token", "language", "Name", "NCName", "NMTOKEN", "ID", "IDREF", "ENTITY", "anyURI"]);
const NUMBER_PRIMS = new Set(["float", "double", "int", "short", "byte", "unsignedInt", "unsignedShort", "unsignedByte"]);

/**
 * The literal type of a fixed value of a built-in type, in the value space the runtime decodes to: a string
 * literal for string types (whitespace-collapsed for token-like ones, XSD Part 2 §4.3.6), a number literal for
 * the number types, `true`/`false` for xs:boolean. Undefined for other types (they keep their ordinary type).
 */
export function fixedLiteral(t: FieldModel["type"], fixed: string | undefined): string | undefined {
  if (fixed === undefined || t.kind !== "prim") return undefined;
  if (t.prim === "string") return JSON.stringify(fixed);
  if (t.prim === "normalizedString") return JSON.stringify(fixed.replace(/[\t\n\r]/g, " "));
  const c = fixed.replace(/[ \t\n\r]+/g, " ").trim();
  if (COLLAPSED_STRINGS.has(t.prim)) return JSON.stringify(c);
  if (t.prim === "boolean") return c === "true" || c === "1" ? "true" : c === "false" || c === "0" ? "false" : undefined;
  if (NUMBER_PRIMS.has(t.prim)) {
    const n = Number(c);
    // NaN and the infinities have no literal type; -0 is written 0.
    return c !== "" && Number.isFinite(n) ? String(n === 0 ? 0 : n) : undefined;
  }
  return undefined;
}

function enumDecls(m: EnumModel, types: ReadonlyMap<string, TypeModel>): (StatementStructures | string)[] {
  const numeric = m.base !== "string" && /^(float|double|int|short|byte|unsigned\w+|long|integer|\w*Integer|decimal)$/.test(m.base);
  const literal = (v: string): string => (numeric ? v.trim() : JSON.stringify(v));
  const union = m.values.length ? m.values.map((v) => literal(v.value)).join(" | ") : "never";
  const isFlagsItem = m.constName !== m.tsName;
  const owner = isFlagsItem ? [...types.values()].find((t) => t.tsName === m.constName) : undefined;
  const d = jsdoc(m.doc, isFlagsItem ? `One flag of \`${m.constName}\`.` : undefined, isFlagsItem ? undefined : schemaNote(m));
  const valueDocs = (v: EnumModel["values"][number]): string[] | undefined => {
    const text = jsdoc(v.doc, v.number !== undefined ? `Numeric value ${v.number}.` : undefined);
    return text ? [text] : undefined;
  };
  const members = m.values.map((v) => {
    const docs = valueDocs(v);
    const prefix = docs ? `  /** ${docs[0]?.replace(/\n/g, " ")} */\n` : "";
    return `${prefix}  ${propertyKey(v.key)}: ${literal(v.value)},`;
  });
  const constDocs = jsdoc(isFlagsItem ? owner?.doc : undefined, isFlagsItem ? `The flags of \`${m.constName}\`.` : `The values of \`${m.tsName}\`.`);
  const initializer = members.length ? `{\n${members.join("\n")}\n} as const` : "{} as const";
  return [
    { kind: StructureKind.TypeAlias, isExported: true, name: m.tsName, type: union, ...(d ? { docs: [d] } : {}) },
    constStatement(m.constName, undefined, initializer, true, constDocs),
  ];
}
