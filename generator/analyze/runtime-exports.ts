/**
 * The names the runtime's public module exports, read from the runtime's own source (the files the output
 * gets) with the TypeScript parser: generated names must not take them, since the output's index.ts
 * re-exports the runtime beside the generated declarations.
 */
import { ts } from "ts-morph";

const cache = new WeakMap<ReadonlyMap<string, string>, readonly string[]>();

const RUNTIME_ENTRIES = ["index.ts", "server.ts"] as const;

/** Every name the runtime's entry modules (`index.ts`, `server.ts`) export (values and types), following `export * from` into the files it re-exports. */
export function runtimeExports(runtime: ReadonlyMap<string, string>): readonly string[] {
  const hit = cache.get(runtime);
  if (hit) return hit;
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
      if (ts.isVariableStatement(st)) for (const d of st.declarationList.declarations) bindingNames(d.name, names);
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
  const out = [...names].sort();
  cache.set(runtime, out);
  return out;
}

/** `./client.js` → `client.ts` (the runtime's files are side by side). */
function moduleFile(specifier: string): string {
  return `${specifier.replace(/^\.\//, "").replace(/\.js$/, "")}.ts`;
}

function bindingNames(name: ts.BindingName, out: Set<string>): void {
  if (ts.isIdentifier(name)) out.add(name.text);
  else for (const el of name.elements) if (!ts.isOmittedExpression(el)) bindingNames(el.name, out);
}
