/**
 * Type shapes beyond one interface per struct, kept apart from the printing of types.ts:
 * - the union responses use where a polymorphic type stands (`AnimalOrSubtype`): each derived member with a
 *   required, literal `$type` (the runtime sets it, enumerable, from xsi:type), so that narrowing on `$type`
 *   reaches the derived members and nothing else does.
 */
import type { FieldModel, StructModel, TypeModel } from "../analyze/model.js";

/** Every struct derived (directly or not) from `m`, in no particular order. */
export function derivedStructs(m: StructModel, types: ReadonlyMap<string, TypeModel>, subtypes: ReadonlyMap<string, string[]>): StructModel[] {
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
  return all;
}

/**
 * `XOrSubtype` (or `XOrSubtypeOutput` when requests have their own union): what a response holds where the
 * schema says X. A value of a derived type carries `$type` naming it; a value of X itself has none (`?: never`),
 * so `$type` discriminates. An abstract X is left out: a valid response names a derived type (strict decoding
 * refuses one that does not). One alias per base, referred to by name wherever X stands.
 */
export function outputUnion(m: StructModel, types: ReadonlyMap<string, TypeModel>, subtypes: ReadonlyMap<string, string[]>, compare: (a: string, b: string) => number): string {
  const derived = derivedStructs(m, types, subtypes)
    .filter((s) => !s.abstract)
    .sort((a, b) => compare(a.tsName, b.tsName))
    .map((s) => `(${s.tsName} & { $type: ${JSON.stringify(s.tsName)} })`);
  const members = [...(m.abstract ? [] : [`(${m.tsName} & { $type?: never })`]), ...derived];
  const note =
    `\`${m.tsName}\` or a type derived from it, as responses hold it: a derived value names its type in \`$type\` ` +
    `(from \`xsi:type\`), so \`if (v.$type === "…")\` narrows to that type${m.abstract ? "" : `; a plain \`${m.tsName}\` has no \`$type\``}.`;
  return `/** ${note} */\nexport type ${m.polyOutName ?? ""} =${members.length ? `\n  | ${members.join("\n  | ")}` : " never"};`;
}

/** A property as types.ts prints it (the shape ts-morph's property signatures take). */
export interface PropertyText {
  readonly name: string;
  readonly type: string;
  readonly hasQuestionToken: boolean;
  readonly docs?: readonly string[];
}

/** Whether `m` or a struct it derives from has an xs:choice of several alternatives or a binding optional sequence (typed as a union). */
export function hasChoiceShape(m: TypeModel, types: ReadonlyMap<string, TypeModel>): boolean {
  const seen = new Set<string>();
  for (let cur: TypeModel | undefined = m; cur?.kind === "struct" && !seen.has(cur.id); cur = cur.base?.kind === "type" ? types.get(cur.base.id) : undefined) {
    seen.add(cur.id);
    if (choiceGroups(cur).length > 0) return true;
  }
  return false;
}

/** One alternative of a group: indexes into `fields` of its own members, the groups inside it, and all its members. */
interface AltShape {
  readonly own: number[];
  readonly groups: GroupShape[];
  readonly all: number[];
}

/** An xs:choice (or an optional sequence: one alternative, 0) with the groups nested in its alternatives. */
interface GroupShape {
  optional: boolean;
  readonly alts: Map<number, AltShape>;
  readonly all: number[];
}

/**
 * The struct's own groups typed as unions, outermost first: choices of two or more alternatives and optional
 * sequences (alternative 0), with the groups nested in them. A top-level choice left with one alternative (the
 * others contribute no members) is not one: its members are printed as optional members.
 */
function choiceGroups(m: StructModel): GroupShape[] {
  const top = new Map<number, GroupShape>();
  const nodes = new Map<number, GroupShape>();
  m.fields.forEach((f, i) => {
    if (f.choice === undefined) return;
    const steps = [{ choice: f.choice, alternative: f.alternative ?? 1, optional: f.choiceOptional === true }, ...(f.nested ?? [])];
    let parent: AltShape | undefined;
    let alt: AltShape | undefined;
    for (const step of steps) {
      let g = nodes.get(step.choice);
      if (!g) {
        g = { optional: step.optional, alts: new Map(), all: [] };
        nodes.set(step.choice, g);
        if (parent) parent.groups.push(g);
        else top.set(step.choice, g);
      }
      if (step.optional) g.optional = true;
      g.all.push(i);
      alt = g.alts.get(step.alternative);
      if (!alt) g.alts.set(step.alternative, (alt = { own: [], groups: [], all: [] }));
      alt.all.push(i);
      parent = alt;
    }
    alt?.own.push(i);
  });
  return [...top.entries()]
    .filter(([, g]) => g.alts.size >= 2 || g.alts.has(0))
    .sort(([a], [b]) => a - b)
    .map(([, g]) => g);
}

/**
 * A struct with an xs:choice, as a type alias: its base, its other members, and for each choice a union with
 * one member per alternative, in which the members of the other alternatives are `?: never` (absent), so
 * that a value holding two alternatives does not compile and `if ("x" in v)` / `v.x !== undefined` narrows.
 * Responses always hold repeated members as arrays, so there a repeated member of another alternative is the
 * empty array (`[]`) instead of absent. `fieldProps[i]` is the printed property of `m.fields[i]`; `others`
 * the attributes and text. A choice nested in an alternative is a union within it (`{ … } & (… | …)`); an
 * optional sequence whose members go together is a union of its members (its required ones required) and of
 * none of them.
 */
export function choiceAlias(
  m: StructModel,
  name: string,
  base: string | undefined,
  others: readonly PropertyText[],
  fieldProps: readonly PropertyText[],
  mode: "in" | "out",
  docs: string | undefined,
): string {
  const groups = choiceGroups(m);
  const inGroup = new Set(groups.flatMap((g) => g.all));
  const plain = [...others.slice(0, m.attributes.length), ...fieldProps.filter((_, i) => !inGroup.has(i)), ...others.slice(m.attributes.length)];
  const parts: string[] = [];
  if (base) parts.push(base);
  if (plain.length > 0) parts.push(objectText(plain, "  "));
  const absent = (i: number): string => absentMember(m.fields[i], fieldProps[i] as PropertyText, mode);
  const union = (g: GroupShape, indent: string): string => {
    const lines = [...g.alts.keys()]
      .sort((a, b) => a - b)
      .map((k) => {
        const alt = g.alts.get(k) as AltShape;
        // Within its alternative a member is required as its own minOccurs says (unless the whole choice may be
        // left out); repeated members of a response are always arrays.
        const chosen = alt.own.map((i): PropertyText => {
          const f = m.fields[i];
          const p = fieldProps[i] as PropertyText;
          if (f === undefined) return p;
          const optional = (f.min === 0 || (f.fixed !== undefined && mode === "in")) && !(mode === "out" && f.max > 1);
          return { ...p, hasQuestionToken: optional };
        });
        const others = g.all.filter((i) => !alt.all.includes(i)).map(absent);
        const inner = alt.groups.map((ig) => `(\n${union(ig, `${indent}    `)}\n${indent}  )`);
        const object = chosen.length === 0 && others.length === 0 && inner.length > 0 ? [] : [objectText(chosen, `${indent}    `, others)];
        return `${indent}| ${[...object, ...inner].join(" & ")}`;
      });
    // A group that may be left out altogether: one more member, with every alternative absent.
    if (g.optional) lines.push(`${indent}| { ${g.all.map(absent).join(" ")} }`);
    return lines.join("\n");
  };
  const unions = groups.map((g) => union(g, "  "));
  const d = docs ? `/** ${docs.replace(/\n/g, "\n * ")} */\n` : "";
  // A lone union is written bare; beside other parts, each union is parenthesised.
  if (parts.length === 0 && unions.length === 1) return `${d}export type ${name} =\n${unions[0] ?? ""};`;
  return `${d}export type ${name} = ${[...parts, ...unions.map((u) => `(\n${u}\n)`)].join(" & ")};`;
}

/** A member of an alternative not taken: absent, or in a response the empty array a repeated member always is. */
function absentMember(f: FieldModel | undefined, p: PropertyText, mode: "in" | "out"): string {
  return mode === "out" && f !== undefined && f.max > 1 ? `${p.name}: [];` : `${p.name}?: never;`;
}

/** `{ … }` with one property per line (JSDoc above it), then the `?: never` members on one line. */
function objectText(props: readonly PropertyText[], indent: string, absent: readonly string[] = []): string {
  if (props.length === 0 && absent.length === 0) return "{}";
  const close = indent.slice(2);
  const lines: string[] = [];
  for (const p of props) {
    for (const d of p.docs ?? []) lines.push(`${indent}/** ${d.replace(/\n/g, `\n${indent} * `)} */`);
    lines.push(`${indent}${p.name}${p.hasQuestionToken ? "?" : ""}: ${p.type};`);
  }
  if (absent.length > 0) lines.push(`${indent}${absent.join(" ")}`);
  return `{\n${lines.join("\n")}\n${close}}`;
}
