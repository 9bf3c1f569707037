/**
 * Type-checks generated TypeScript the way a consumer compiles it: a --noEmit program with --strict and
 * --exactOptionalPropertyTypes, plus the other strict flags careful projects turn on.
 *
 * It runs the compiler in-process (the TypeScript API) instead of spawning tsc, so that a test file pays for
 * loading the compiler and parsing the lib files once, not once per check. Packages whose runtime/ copies are
 * identical (the usual case: every package carries the same runtime) share one of them: the imports of the
 * others resolve to it, so a check over 45 packages checks the runtime once instead of 45 times. A package
 * whose runtime differs in any file keeps its own.
 */
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import ts from "typescript";
import { ROOT } from "./generate.js";

export const CONSUMER_FLAGS = {
  strict: true,
  exactOptionalPropertyTypes: true,
  noUncheckedIndexedAccess: true,
  noImplicitOverride: true,
  verbatimModuleSyntax: true,
  isolatedModules: true,
  // No enums, namespaces or constructor parameter properties: the output also runs under Node's type stripping.
  erasableSyntaxOnly: true,
} as const;

/** Parsed files kept across checks in this process, by path, options and text (lib files, mostly). */
const sourceCache = new Map<string, ts.SourceFile>();

function tsFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const n of readdirSync(d).sort()) {
      const p = join(d, n);
      if (statSync(p).isDirectory()) {
        if (n !== "node_modules") walk(p);
      } else if (n.endsWith(".ts")) out.push(p);
    }
  };
  walk(dir);
  return out;
}

/**
 * For each package's runtime/ folder, the runtime/ folder it is checked as: the first one with exactly the same
 * files (names and texts), or itself.
 */
function runtimeAliases(dirs: readonly string[]): Map<string, string> {
  const canonicalByKey = new Map<string, string>();
  const alias = new Map<string, string>();
  for (const d of dirs) {
    const rt = join(resolve(d), "runtime");
    if (!existsSync(rt) || !statSync(rt).isDirectory()) continue;
    const h = createHash("sha256");
    for (const f of tsFiles(rt)) h.update(`${relative(rt, f)}\0${readFileSync(f, "utf8")}\0`);
    const key = h.digest("hex");
    const canonical = canonicalByKey.get(key);
    if (canonical === undefined) canonicalByKey.set(key, rt);
    else alias.set(rt, canonical);
  }
  return alias;
}

/** Returns the compiler's diagnostics as tsc prints them (empty when there are none) and tsc's exit status. */
export function typecheck(dirs: readonly string[], extra: Record<string, unknown> = {}): { status: number | null; output: string } {
  const json = {
    target: "ES2022",
    lib: ["ES2022", "DOM"],
    module: "NodeNext",
    moduleResolution: "NodeNext",
    noEmit: true,
    skipLibCheck: true,
    types: [],
    ...CONSUMER_FLAGS,
    ...extra,
  };
  const converted = ts.convertCompilerOptionsFromJson(json, ROOT);
  if (converted.errors.length) return { status: 1, output: format(converted.errors) };
  const options = converted.options;

  const alias = runtimeAliases(dirs);
  const aliased = (file: string): string => {
    const rt = dirname(file);
    const to = alias.get(rt);
    return to === undefined ? file : join(to, relative(rt, file));
  };
  const roots = dirs.flatMap((d) => tsFiles(resolve(d))).filter((f) => !alias.has(dirname(f)));

  const host = ts.createCompilerHost(options);
  const readSource = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, languageVersion, onError, shouldCreate) => {
    const text = host.readFile(fileName);
    if (text === undefined) return readSource(fileName, languageVersion, onError, shouldCreate);
    const key = `${fileName}\0${JSON.stringify(languageVersion)}\0${createHash("sha1").update(text).digest("hex")}`;
    let sf = sourceCache.get(key);
    if (!sf) {
      sf = ts.createSourceFile(fileName, text, languageVersion, false);
      sourceCache.set(key, sf);
    }
    return sf;
  };
  const moduleCache = ts.createModuleResolutionCache(host.getCurrentDirectory(), (f) => host.getCanonicalFileName(f), options);
  host.resolveModuleNameLiterals = (literals, containingFile, redirected, opts, containingSourceFile) =>
    literals.map((lit) => {
      const mode = ts.getModeForUsageLocation(containingSourceFile, lit, opts);
      const r = ts.resolveModuleName(lit.text, containingFile, opts, host, moduleCache, redirected, mode);
      const m = r.resolvedModule;
      if (!m || alias.size === 0) return r;
      const to = aliased(resolve(m.resolvedFileName));
      return to === resolve(m.resolvedFileName) ? r : { ...r, resolvedModule: { ...m, resolvedFileName: to.split(sep).join("/") } };
    });

  const program = ts.createProgram({ rootNames: roots, options, host });
  const diagnostics = ts.getPreEmitDiagnostics(program);
  if (diagnostics.length === 0) return { status: 0, output: "" };
  const output = format(diagnostics);
  // Keep assertion messages readable: the first errors say enough.
  const lines = output.split("\n");
  return { status: 2, output: lines.length > 40 ? [...lines.slice(0, 40), `… ${lines.length - 40} more lines`].join("\n") : output };
}

function format(diagnostics: readonly ts.Diagnostic[]): string {
  return ts
    .formatDiagnostics(diagnostics, {
      getCanonicalFileName: (f) => f,
      getCurrentDirectory: () => ROOT,
      getNewLine: () => "\n",
    })
    .trim();
}
