/**
 * Emit helpers shared by the file emitters: how a value type is written in TypeScript (output or input
 * shape), JSDoc text, and the import tracker that each file's finaliser turns into sorted imports.
 */
import { primitiveTs, type RuntimeTypeName, type TsType } from "../analyze/builtins.js";
import { propertyKey } from "../analyze/names.js";
import type { FieldModel, TypeModel, ValueType } from "../analyze/model.js";
import { type FunctionStructure, StructureKind, type VariableStatementStructure } from "./structures.js";

export type Mode = "out" | "in";

export const RUNTIME_MODULE = "./runtime/index.js";
export const TYPES_MODULE = "./types.js";
export const SCHEMA_MODULE = "./schema.js";
export const CLIENT_MODULE_PREFIX = "./";

/** Symbols one generated file imports, by module; written out sorted by one finaliser. */
export class Imports {
  private readonly modules = new Map<string, Map<string, boolean>>();

  /** Records `name` from `module`; `typeOnly` imports become `import type`. */
  use(module: string, name: string, typeOnly: boolean): void {
    let m = this.modules.get(module);
    if (!m) this.modules.set(module, (m = new Map()));
    m.set(name, (m.get(name) ?? true) && typeOnly);
  }

  /**
   * Import declarations, modules and names sorted; a module whose names are all types gets `import type`.
   * A long list is written one name per line, so that a changed import shows as a one-line diff.
   */
  text(): string[] {
    return [...this.modules.keys()].sort().map((module) => {
      const names = this.modules.get(module) ?? new Map<string, boolean>();
      const sorted = [...names.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      const allTypes = sorted.every(([, t]) => t);
      const items = sorted.map(([name, t]) => (!allTypes && t ? `type ${name}` : name));
      const head = allTypes ? "import type" : "import";
      const flat = `${head} { ${items.join(", ")} } from "${module}";`;
      if (flat.length <= 120) return flat;
      return `${head} {\n${items.map((i) => `  ${i},`).join("\n")}\n} from "${module}";`;
    });
  }
}

/** `const name: type = initializer;`, the initializer written as given (continuation lines relative to the statement). */
export function constStatement(name: string, type: string | undefined, initializer: string, exported: boolean, doc?: string): VariableStatementStructure {
  return { kind: StructureKind.VariableStatement, name, type, initializer, isExported: exported, ...(doc ? { docs: [doc] } : {}) };
}

/** `function name(): returnType { return value; }`; `value` is written as if it started in column 0. */
export function functionStatement(name: string, returnType: string, value: string): FunctionStructure {
  return { kind: StructureKind.Function, name, returnType, statements: [`return ${value};`] };
}

/** Renders value types for one file: names from elsewhere are recorded in its imports. */
export class TypeWriter {
  constructor(
    private readonly types: ReadonlyMap<string, TypeModel>,
    private readonly imports: Imports,
    /** Module the type declarations live in, or undefined when writing types.ts itself. */
    private readonly typesModule: string | undefined,
  ) {}

  model(t: ValueType): TypeModel | undefined {
    return t.kind === "type" ? this.types.get(t.id) : undefined;
  }

  private ref(name: string): string {
    if (this.typesModule) this.imports.use(this.typesModule, name, true);
    return name;
  }

  /** A built-in type's text, its runtime types recorded in the imports. */
  private runtime(t: TsType): string {
    for (const name of t.runtime) this.imports.use(RUNTIME_MODULE, name, true);
    return t.text;
  }

  private runtimeType(name: RuntimeTypeName): string {
    this.imports.use(RUNTIME_MODULE, name, true);
    return name;
  }

  /** The TypeScript type of a value of this type (without null/array wrapping of the element using it). */
  value(t: ValueType, mode: Mode): string {
    if (t.kind === "prim") return this.runtime(primitiveTs(t.prim)[mode]);
    const m = this.types.get(t.id);
    if (!m) return "unknown";
    // A choice list is declared once (its union is long); other arrays are written where they are used.
    if (m.kind === "array" && !m.item.alternatives) return this.arrayOf(m.item, mode);
    if (mode === "in" && m.polyName) return this.ref(m.polyName);
    if (mode === "out" && m.polyOutName) return this.ref(m.polyOutName);
    return this.ref(mode === "in" ? (m.inputName ?? m.tsName) : m.tsName);
  }

  /** The name to extend: a base type in this mode (never the `…OrSubtype` union). */
  base(t: ValueType, mode: Mode): string {
    const m = t.kind === "type" ? this.types.get(t.id) : undefined;
    if (!m) return this.value(t, mode);
    return this.ref(mode === "in" ? (m.inputName ?? m.tsName) : m.tsName);
  }

  /** `(Item | null)[]` for an array wrapper's item; `readonly` on input so callers may pass readonly arrays. */
  arrayOf(item: FieldModel, mode: Mode): string {
    if (item.alternatives) return this.choiceListType(item.alternatives, mode);
    const inner = this.value(item.type, mode);
    const elem = item.nillable ? `(${inner} | null)` : needsParens(inner) ? `(${inner})` : inner;
    return mode === "in" ? `readonly ${elem}[]` : `${elem}[]`;
  }

  /** The type of a property holding this field: arrays for repeated elements, `| null` for nillable. */
  field(f: FieldModel, mode: Mode): string {
    if (f.alternatives) return this.choiceListType(f.alternatives, mode);
    const base = this.value(f.type, mode);
    if (f.max > 1) {
      const elem = f.nillable ? `(${base} | null)` : needsParens(base) ? `(${base})` : base;
      return mode === "in" ? `readonly ${elem}[]` : `${elem}[]`;
    }
    return f.nillable ? `${base} | null` : base;
  }

  /**
   * The items of a repeated choice: one single-key object per element, keyed by the alternative's property
   * (`{ Folder: FolderType }`). Long unions are written one alternative per line (the printer indents the
   * continuation lines to where the type starts).
   */
  private choiceListType(alternatives: readonly FieldModel[], mode: Mode): string {
    // `OneOf` (runtime): each item holds exactly one of the properties, the others `?: never`.
    const items = alternatives.map((a) => `${propertyKey(a.prop)}: ${this.field({ ...a, max: 1 }, mode)}`);
    const prefix = mode === "in" ? "readonly " : "";
    const oneOf = this.runtimeType("OneOf");
    const flat = `${prefix}${oneOf}<{ ${items.join("; ")} }>[]`;
    if (flat.length <= 80) return flat;
    return `${prefix}${oneOf}<{\n${items.map((i) => `  ${i};`).join("\n")}\n}>[]`;
  }
}

function needsParens(t: string): boolean {
  return /[|&]/.test(t) || t.startsWith("readonly ");
}

/** JSDoc text: the documentation lines plus optional extra lines, or undefined when empty. */
export function jsdoc(...parts: (string | undefined)[]): string | undefined {
  const text = parts
    .filter((p): p is string => !!p && p.trim() !== "")
    .join("\n\n")
    .replace(/\*\//g, "*\\/");
  return text === "" ? undefined : text;
}
