/**
 * The names the runtime's public module exports, read from the runtime's own source (the files the output
 * gets) with the TypeScript parser: generated names must not take them, since the output's index.ts
 * re-exports the runtime beside the generated declarations.
 */
import { createRequire } from "node:module";
import type { ts as TS } from "ts-morph";

// Loading the TypeScript compiler costs more than the rest of a small generation (about 0.45 s of 0.6 s for the
// User WSDL), so the runtime's export statements are read with a scanner of the few forms the runtime writes,
// and the compiler's parser is loaded only when a file has a form the scanner does not know.
const requireTs = (): typeof TS => (createRequire(import.meta.url)("ts-morph") as { ts: typeof TS }).ts;

const cache = new WeakMap<ReadonlyMap<string, string>, readonly string[]>();

const RUNTIME_ENTRIES = ["index.ts", "server.ts"] as const;

/** Every name the runtime's entry modules (`index.ts`, `server.ts`) export (values and types), following `export * from` into the files it re-exports. */
export function runtimeExports(runtime: ReadonlyMap<string, string>): readonly string[] {
  const hit = cache.get(runtime);
  if (hit) return hit;
  const out = scanExports(runtime) ?? parseExports(runtime);
  cache.set(runtime, out);
  return out;
}

/**
 * The same with the TypeScript parser (exact for every form). Exported for the test that checks the scanner
 * agrees with it on the runtime.
 */
export function parseExports(runtime: ReadonlyMap<string, string>): readonly string[] {
  const ts = requireTs();
  const names = new Set<string>();
  const seen = new Set<string>();
  const visit = (file: string): void => {
    const text = runtime.get(file);
    if (text === undefined || seen.has(file)) return;
    seen.add(file);
    const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
    for (const st of sf.statements) {
      if (ts.isExportDeclaration(st)) {
        const clause = st.exportClause;
        if (!clause) {
          if (st.moduleSpecifier && ts.isStringLiteral(st.moduleSpecifier)) visit(moduleFile(st.moduleSpecifier.text));
        } else if (ts.isNamedExports(clause)) for (const el of clause.elements) names.add(el.name.text);
        else names.add(clause.name.text);
        continue;
      }
      if (!ts.canHaveModifiers(st) || !ts.getModifiers(st)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) continue;
      if (ts.isVariableStatement(st)) for (const d of st.declarationList.declarations) bindingNames(ts, d.name, names);
      else if (
        (ts.isClassDeclaration(st) ||
          ts.isFunctionDeclaration(st) ||
          ts.isInterfaceDeclaration(st) ||
          ts.isTypeAliasDeclaration(st) ||
          ts.isEnumDeclaration(st) ||
          ts.isModuleDeclaration(st)) &&
        st.name &&
        ts.isIdentifier(st.name)
      ) {
        names.add(st.name.text);
      }
    }
  };
  // The entry modules the output imports: index.ts (clients, types) and server.ts (the <Port>Service.ts files).
  for (const entry of RUNTIME_ENTRIES) visit(entry);
  return [...names].sort();
}

const DECLARATION = /^export (?:declare )?(?:abstract )?(?:async )?(?:class|function\*?|interface|type|const|let|var|enum|namespace) ([A-Za-z_$][\w$]*)[\s<({=:]/;
const STAR = /^export (?:type )?\* from "([^"]+)";$/;
const CLAUSE = /^export (?:type )?\{([^}]*)\}(?: from "([^"]+)")?;$/;

/**
 * The export names of the forms the runtime uses, read statement by statement from lines that start with
 * `export` (top level: the runtime is formatted); undefined when a file has any other export form (then the
 * parser decides). Export clauses may span lines.
 */
export function scanExports(runtime: ReadonlyMap<string, string>): readonly string[] | undefined {
  const names = new Set<string>();
  const seen = new Set<string>();
  const visit = (file: string): boolean => {
    const text = runtime.get(file);
    if (text === undefined || seen.has(file)) return true;
    seen.add(file);
    const lines = text.split("\n");
    for (let i = 0; i < lines.length; i++) {
      let line = lines[i] ?? "";
      if (!line.startsWith("export")) continue;
      if (/^export (?:type )?\{[^}]*$/.test(line)) {
        while (i + 1 < lines.length && !line.includes("}")) line += ` ${(lines[++i] ?? "").trim()}`;
      }
      line = line.trimEnd();
      const star = STAR.exec(line);
      if (star) {
        if (!visit(moduleFile(star[1] ?? ""))) return false;
        continue;
      }
      const clause = CLAUSE.exec(line);
      if (clause) {
        for (const part of (clause[1] ?? "").split(",")) {
          const m = /^\s*(?:type\s+)?([A-Za-z_$][\w$]*)(?:\s+as\s+([A-Za-z_$][\w$]*))?\s*$/.exec(part);
          if (m) names.add(m[2] ?? m[1] ?? "");
          else if (part.trim() !== "") return false;
        }
        continue;
      }
      const decl = DECLARATION.exec(`${line} `);
      if (decl?.[1] && !/^export (?:const|let|var) [A-Za-z_$][\w$]*\s*,/.test(line)) {
        names.add(decl[1]);
        continue;
      }
      return false;
    }
    return true;
  };
  for (const entry of RUNTIME_ENTRIES) if (!visit(entry)) return undefined;
  return [...names].sort();
}

/** `./client.js` → `client.ts` (the runtime's files are side by side). */
function moduleFile(specifier: string): string {
  return `${specifier.replace(/^\.\//, "").replace(/\.js$/, "")}.ts`;
}

function bindingNames(ts: typeof TS, name: TS.BindingName, out: Set<string>): void {
  if (ts.isIdentifier(name)) out.add(name.text);
  else for (const el of name.elements) if (!ts.isOmittedExpression(el)) bindingNames(ts, el.name, out);
}
