/**
 * Type-checks generated TypeScript the way a consumer compiles it: a --noEmit program with --strict and
 * --exactOptionalPropertyTypes, plus the other strict flags careful projects turn on.
 *
 * It runs the compiler in-process (the TypeScript API) instead of spawning tsc, so that a test file pays for
 * loading the compiler and parsing the lib files once, not once per check. Packages whose runtime/ copies are
 * identical (the usual case: every package carries the same runtime) share one of them: the imports of the
 * others resolve to it, so a check over 45 packages checks the runtime once instead of 45 times. A package
 * whose runtime differs in any file keeps its own.
 *
 * With the default (consumer) options, a runtime copy that is exactly templates/runtime/ (plus the generator's
 * header line) is checked as the templates' declaration files instead: test/runtime/portability.test.ts checks
 * the templates themselves under these flags, and the generated code is checked against the same types a
 * consumer's compiler sees. The declarations are emitted once and kept in the temp folder, keyed by the
 * TypeScript version, the options and the templates' text; when they cannot be emitted, the copy is checked
 * from source as before.
 */
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve, sep } from "node:path";
import { createRequire } from "node:module";
import type * as TS from "typescript";
import { ROOT } from "./generate.js";

// Loaded with require, not import: importing the 9 MB CommonJS compiler from an ES module makes Node scan its
// source for export names first, which cost about 1.2 s of CPU in every test process that type-checks.
const ts = createRequire(import.meta.url)("typescript") as typeof TS;

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
const sourceCache = new Map<string, TS.SourceFile>();

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

const TEMPLATES = join(ROOT, "templates", "runtime");
const RUNTIME_HEADER = "// The wsdlc runtime, copied into the output by the generator. DO NOT EDIT.\n";

/** name → text of the runtime templates, as the generator copies them. */
function templateCopies(): Map<string, string> {
  return new Map(
    readdirSync(TEMPLATES)
      .filter((n) => n.endsWith(".ts") && !n.endsWith(".test.ts"))
      .sort()
      .map((n) => [n, `${RUNTIME_HEADER}${readFileSync(join(TEMPLATES, n), "utf8")}`]),
  );
}

const declarationCache = new Map<string, string | undefined>();

/** A folder with the templates' declaration files emitted under `options`, or undefined when they have errors. */
function templateDeclarations(options: TS.CompilerOptions, templates: ReadonlyMap<string, string>): string | undefined {
  const h = createHash("sha256").update(ts.version).update(JSON.stringify(options));
  for (const [n, t] of templates) h.update(`${n}\0${t}\0`);
  const key = h.digest("hex").slice(0, 24);
  if (declarationCache.has(key)) return declarationCache.get(key);
  const dir = join(tmpdir(), `wsdlc-runtime-dts-${key}`);
  let result: string | undefined;
  if (existsSync(join(dir, "ok"))) result = dir;
  else {
    const files = [...templates.keys()].map((n) => join(TEMPLATES, n));
    const work = `${dir}.${process.pid}`;
    const program = ts.createProgram(files, { ...options, noEmit: false, declaration: true, emitDeclarationOnly: true, outDir: work, rootDir: TEMPLATES });
    const emitted = program.emit();
    if (ts.getPreEmitDiagnostics(program).length === 0 && emitted.diagnostics.length === 0 && !emitted.emitSkipped) {
      writeFileSync(join(work, "ok"), "");
      try {
        renameSync(work, dir);
      } catch {
        // Another test process got there first: its declarations are the same.
        rmSync(work, { recursive: true, force: true });
      }
      result = existsSync(join(dir, "ok")) ? dir : undefined;
    } else rmSync(work, { recursive: true, force: true });
  }
  declarationCache.set(key, result);
  return result;
}

/**
 * For each package's runtime/ folder, where it is checked: the templates' declarations (`declarations`, when
 * given and the copy is exactly the templates), else the first runtime/ folder with exactly the same files
 * (names and texts), else itself (no entry).
 */
function runtimeAliases(dirs: readonly string[], declarations: (() => string | undefined) | undefined): Map<string, { to: string; dts: boolean }> {
  const canonicalByKey = new Map<string, string>();
  const alias = new Map<string, { to: string; dts: boolean }>();
  let templates: Map<string, string> | undefined;
  for (const d of dirs) {
    const rt = join(resolve(d), "runtime");
    if (!existsSync(rt) || !statSync(rt).isDirectory()) continue;
    const copies = new Map(tsFiles(rt).map((f) => [relative(rt, f), readFileSync(f, "utf8")]));
    if (declarations) {
      templates ??= templateCopies();
      const t = templates;
      if (copies.size === t.size && [...copies].every(([n, text]) => t.get(n) === text)) {
        const to = declarations();
        if (to !== undefined) {
          alias.set(rt, { to, dts: true });
          continue;
        }
      }
    }
    const h = createHash("sha256");
    for (const [n, text] of copies) h.update(`${n}\0${text}\0`);
    const key = h.digest("hex");
    const canonical = canonicalByKey.get(key);
    if (canonical === undefined) canonicalByKey.set(key, rt);
    else alias.set(rt, { to: canonical, dts: false });
  }
  return alias;
}

const GENERATED_HEADER = /^\/\/ Code generated by wsdlc for [^\n]*\n/;

/**
 * The packages to check: a package whose .ts files are the same as an earlier one's (same names, same texts but
 * for the generator's first comment line, which names the service) would give the same diagnostics, so it is
 * checked once (vSphere's vim.wsdl and vimService.wsdl generate such a pair).
 */
function distinctPackages(dirs: readonly string[]): string[] {
  const seen = new Set<string>();
  return dirs.filter((d) => {
    const root = resolve(d);
    const h = createHash("sha256");
    for (const f of tsFiles(root)) h.update(`${relative(root, f)}\0${readFileSync(f, "utf8").replace(GENERATED_HEADER, "")}\0`);
    const key = h.digest("hex");
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
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

  const useDeclarations = Object.keys(extra).length === 0;
  const packages = distinctPackages(dirs);
  const alias = runtimeAliases(packages, useDeclarations ? () => templateDeclarations(options, templateCopies()) : undefined);
  const aliased = (file: string): string => {
    const rt = dirname(file);
    const a = alias.get(rt);
    if (a === undefined) return file;
    const name = relative(rt, file);
    return join(a.to, a.dts ? name.replace(/\.ts$/, ".d.ts") : name);
  };
  const roots = packages.flatMap((d) => tsFiles(resolve(d))).filter((f) => !alias.has(dirname(f)));

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
      return to === resolve(m.resolvedFileName)
        ? r
        : { ...r, resolvedModule: { ...m, resolvedFileName: to.split(sep).join("/"), extension: to.endsWith(".d.ts") ? ts.Extension.Dts : m.extension } };
    });

  const program = ts.createProgram({ rootNames: roots, options, host });
  const diagnostics = ts.getPreEmitDiagnostics(program);
  if (diagnostics.length === 0) return { status: 0, output: "" };
  const output = format(diagnostics);
  // Keep assertion messages readable: the first errors say enough.
  const lines = output.split("\n");
  return { status: 2, output: lines.length > 40 ? [...lines.slice(0, 40), `… ${lines.length - 40} more lines`].join("\n") : output };
}

function format(diagnostics: readonly TS.Diagnostic[]): string {
  return ts
    .formatDiagnostics(diagnostics, {
      getCanonicalFileName: (f) => f,
      getCurrentDirectory: () => ROOT,
      getNewLine: () => "\n",
    })
    .trim();
}
