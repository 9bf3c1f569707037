/**
 * Declaration structures for the generated files and the printer that writes them (see
 * docs/decisions/0004-own-printer-for-generated-code.md). The structures mirror the subset of ts-morph's
 * structures the emitters use (same names and fields), so the per-declaration builders read as before; the
 * printer writes them straight to text in one pass, without a TypeScript project, a re-parse or a layout pass.
 *
 * Layout: two-space indentation; a blank line between top-level statements and between class members; the
 * statements of a `group` (namespace constants) stay together; `{}` for an empty body; no trailing spaces.
 * Text given for a type, initializer or statement may span lines: its continuation lines are indented
 * relative to the line it starts on (write it as if it started in column 0).
 */

export const StructureKind = {
  TypeAlias: "typeAlias",
  Interface: "interface",
  Class: "class",
  Method: "method",
  VariableStatement: "variableStatement",
  Function: "function",
  Group: "group",
} as const;

export interface TypeAliasStructure {
  readonly kind: typeof StructureKind.TypeAlias;
  readonly name: string;
  readonly type: string;
  readonly typeParameters?: readonly string[];
  readonly isExported?: boolean;
  readonly docs?: readonly string[];
}

export interface PropertySignatureStructure {
  readonly name: string;
  readonly type: string;
  readonly hasQuestionToken?: boolean;
  readonly isReadonly?: boolean;
  readonly docs?: readonly string[];
}

export interface InterfaceStructure {
  readonly kind: typeof StructureKind.Interface;
  readonly name: string;
  readonly typeParameters?: readonly string[];
  readonly extends?: readonly string[];
  readonly properties?: readonly PropertySignatureStructure[];
  readonly isExported?: boolean;
  readonly docs?: readonly string[];
}

export interface ParameterStructure {
  readonly name: string;
  readonly type?: string;
  readonly hasQuestionToken?: boolean;
  readonly initializer?: string;
}

export interface PropertyStructure {
  readonly name: string;
  readonly type?: string;
  readonly isStatic?: boolean;
  readonly isReadonly?: boolean;
  readonly hasQuestionToken?: boolean;
  readonly initializer?: string;
  readonly docs?: readonly string[];
}

export interface ConstructorStructure {
  readonly parameters?: readonly ParameterStructure[];
  readonly statements?: readonly string[];
  readonly docs?: readonly string[];
}

export interface MethodStructure {
  readonly kind?: typeof StructureKind.Method;
  readonly name: string;
  readonly isStatic?: boolean;
  readonly parameters?: readonly ParameterStructure[];
  readonly returnType?: string;
  readonly statements?: readonly string[];
  readonly docs?: readonly string[];
}

export interface ClassStructure {
  readonly kind: typeof StructureKind.Class;
  readonly name: string;
  readonly extends?: string;
  readonly isExported?: boolean;
  readonly docs?: readonly string[];
  readonly properties?: readonly PropertyStructure[];
  readonly ctors?: readonly ConstructorStructure[];
  readonly methods?: readonly MethodStructure[];
}

/** `const name: type = initializer;` */
export interface VariableStatementStructure {
  readonly kind: typeof StructureKind.VariableStatement;
  readonly name: string;
  readonly type?: string | undefined;
  readonly initializer: string;
  readonly isExported?: boolean;
  readonly docs?: readonly string[];
}

/** `function name(): returnType { statements }` */
export interface FunctionStructure {
  readonly kind: typeof StructureKind.Function;
  readonly name: string;
  readonly returnType?: string;
  readonly statements: readonly string[];
  readonly isExported?: boolean;
  readonly docs?: readonly string[];
}

/** Statements printed together, without blank lines between them (a file's namespace constants). */
export interface GroupStructure {
  readonly kind: typeof StructureKind.Group;
  readonly statements: readonly Statement[];
}

export type StatementStructures = TypeAliasStructure | InterfaceStructure | ClassStructure | VariableStatementStructure | FunctionStructure | GroupStructure;

/** A structure, or statement text printed as given. */
export type Statement = StatementStructures | string;

export function group(statements: readonly Statement[]): GroupStructure {
  return { kind: StructureKind.Group, statements };
}

/**
 * The text of one file: `header` lines, then the import declarations (together), then the statements.
 * Ends with one newline.
 */
export function printFile(header: string, imports: readonly string[], statements: readonly Statement[]): string {
  const w = new Writer();
  w.lines(header, "");
  for (const i of imports) w.lines(i, "");
  let first = imports.length === 0;
  for (const s of statements) {
    if (typeof s !== "string" && s.kind === StructureKind.Group && s.statements.length === 0) continue;
    if (!first) w.blank();
    first = false;
    statement(w, s);
  }
  return w.text();
}

/** Lines of output; every line is written without trailing whitespace. */
class Writer {
  private readonly out: string[] = [];

  /** `text` on its own line(s) at `indent`: each of its lines gets the indentation. */
  lines(text: string, indent: string): void {
    let start = 0;
    for (;;) {
      const end = text.indexOf("\n", start);
      const line = end < 0 ? text.slice(start) : text.slice(start, end);
      this.push(line === "" ? "" : indent + line);
      if (end < 0) return;
      start = end + 1;
    }
  }

  blank(): void {
    this.out.push("");
  }

  private push(line: string): void {
    const last = line.length - 1;
    if (last >= 0 && (line.charCodeAt(last) === 32 || line.charCodeAt(last) === 9)) this.out.push(line.trimEnd());
    else this.out.push(line);
  }

  text(): string {
    return `${this.out.join("\n")}\n`;
  }
}

function statement(w: Writer, s: Statement): void {
  if (typeof s === "string") {
    w.lines(s, "");
    return;
  }
  switch (s.kind) {
    case StructureKind.TypeAlias:
      docs(w, s.docs, "");
      w.lines(`${exported(s.isExported)}type ${s.name}${typeParams(s.typeParameters)} = ${s.type};`, "");
      break;
    case StructureKind.Interface:
      interfaceDecl(w, s);
      break;
    case StructureKind.Class:
      classDecl(w, s);
      break;
    case StructureKind.VariableStatement:
      docs(w, s.docs, "");
      w.lines(`${exported(s.isExported)}const ${s.name}${s.type ? `: ${s.type}` : ""} = ${s.initializer};`, "");
      break;
    case StructureKind.Function:
      docs(w, s.docs, "");
      body(w, `${exported(s.isExported)}function ${s.name}()${s.returnType ? `: ${s.returnType}` : ""}`, s.statements, "");
      break;
    case StructureKind.Group:
      for (const g of s.statements) statement(w, g);
      break;
  }
}

function exported(flag: boolean | undefined): string {
  return flag ? "export " : "";
}

function typeParams(p: readonly string[] | undefined): string {
  return p?.length ? `<${p.join(", ")}>` : "";
}

/** JSDoc: one line when the text is one line, else a block with ` * ` before each line. */
function docs(w: Writer, list: readonly string[] | undefined, indent: string): void {
  for (const d of list ?? []) {
    if (!d.includes("\n")) w.lines(`/** ${d} */`, indent);
    else w.lines(`/**\n * ${d.replace(/\n/g, "\n * ")}\n */`, indent);
  }
}

function interfaceDecl(w: Writer, s: InterfaceStructure): void {
  docs(w, s.docs, "");
  const head = `${exported(s.isExported)}interface ${s.name}${typeParams(s.typeParameters)}${s.extends?.length ? ` extends ${s.extends.join(", ")}` : ""} {`;
  const props = s.properties ?? [];
  if (props.length === 0) {
    w.lines(`${head}}`, "");
    return;
  }
  w.lines(head, "");
  for (const p of props) {
    docs(w, p.docs, "  ");
    w.lines(`${p.isReadonly ? "readonly " : ""}${p.name}${p.hasQuestionToken ? "?" : ""}: ${p.type};`, "  ");
  }
  w.lines("}", "");
}

function parameters(list: readonly ParameterStructure[] | undefined): string {
  return (list ?? [])
    .map((p) => `${p.name}${p.hasQuestionToken ? "?" : ""}${p.type !== undefined ? `: ${p.type}` : ""}${p.initializer !== undefined ? ` = ${p.initializer}` : ""}`)
    .join(", ");
}

function body(w: Writer, head: string, statements: readonly string[] | undefined, indent: string): void {
  if (!statements?.length) {
    w.lines(`${head} {}`, indent);
    return;
  }
  w.lines(`${head} {`, indent);
  for (const st of statements) w.lines(st, `${indent}  `);
  w.lines("}", indent);
}

function classDecl(w: Writer, s: ClassStructure): void {
  docs(w, s.docs, "");
  const head = `${exported(s.isExported)}class ${s.name}${s.extends ? ` extends ${s.extends}` : ""} {`;
  const members: ((w: Writer) => void)[] = [];
  const props = s.properties ?? [];
  if (props.length) {
    members.push((w) => {
      for (const p of props) {
        docs(w, p.docs, "  ");
        const mods = `${p.isStatic ? "static " : ""}${p.isReadonly ? "readonly " : ""}`;
        const type = p.type !== undefined ? `: ${p.type}` : "";
        w.lines(`${mods}${p.name}${p.hasQuestionToken ? "?" : ""}${type}${p.initializer !== undefined ? ` = ${p.initializer}` : ""};`, "  ");
      }
    });
  }
  for (const c of s.ctors ?? []) {
    members.push((w) => {
      docs(w, c.docs, "  ");
      body(w, `constructor(${parameters(c.parameters)})`, c.statements, "  ");
    });
  }
  for (const m of s.methods ?? []) {
    members.push((w) => {
      docs(w, m.docs, "  ");
      body(w, `${m.isStatic ? "static " : ""}${m.name}(${parameters(m.parameters)})${m.returnType ? `: ${m.returnType}` : ""}`, m.statements, "  ");
    });
  }
  if (members.length === 0) {
    w.lines(`${head}}`, "");
    return;
  }
  w.lines(head, "");
  members.forEach((m, i) => {
    if (i > 0) w.blank();
    m(w);
  });
  w.lines("}", "");
}
