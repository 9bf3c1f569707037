/**
 * The runtime is copied verbatim into generated packages that run in browsers and edge runtimes: it must
 * type-check without Node's types under the strictest flags consumers use, and use no Node-only API.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { cpSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import type * as TS from "typescript";
import { tempDir } from "../helpers/tmp.js";

// Required, not imported: see test/helpers/typecheck.ts (importing the CommonJS compiler costs ~1.2 s more).
const ts = createRequire(import.meta.url)("typescript") as typeof TS;

const dir = fileURLToPath(new URL("../../templates/runtime/", import.meta.url));
const files = readdirSync(dir)
  .filter((f) => f.endsWith(".ts"))
  .map((f) => join(dir, f));

/** Parsed files shared by the programs below (the lib files, mostly), by path, language version and text. */
const parsed = new Map<string, TS.SourceFile>();

function diagnostics(options: TS.CompilerOptions, roots: readonly string[] = files): string[] {
  const all: TS.CompilerOptions = {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    lib: ["lib.es2022.d.ts", "lib.dom.d.ts"],
    types: [],
    noEmit: true,
    ...options,
  };
  const host = ts.createCompilerHost(all);
  const read = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, languageVersion, onError, shouldCreate) => {
    const text = host.readFile(fileName);
    if (text === undefined) return read(fileName, languageVersion, onError, shouldCreate);
    const key = `${fileName}\0${JSON.stringify(languageVersion)}\0${text}`;
    let sf = parsed.get(key);
    if (!sf) {
      sf = ts.createSourceFile(fileName, text, languageVersion, false);
      parsed.set(key, sf);
    }
    return sf;
  };
  const program = ts.createProgram({ rootNames: roots, options: all, host });
  return ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
}

test("type-checks without Node types (DOM + ES2022 only) under strict consumer flags", () => {
  assert.deepEqual(
    diagnostics({
      strict: true,
      exactOptionalPropertyTypes: true,
      noUncheckedIndexedAccess: true,
      noImplicitOverride: true,
      noImplicitReturns: true,
      noFallthroughCasesInSwitch: true,
      verbatimModuleSyntax: true,
      isolatedModules: true,
      erasableSyntaxOnly: true,
    }),
    [],
  );
});

test("type-checks under plain --strict (without noUncheckedIndexedAccess, where an index read is not `| undefined`)", () => {
  // The lib files are checked once, in the test above: the runtime's files are modules, they add nothing to the
  // global scope, so what the lib files' own check finds does not depend on them (and it took ~4 s per program).
  assert.deepEqual(diagnostics({ strict: true, exactOptionalPropertyTypes: true, skipLibCheck: true }), []);
});

test("type-checks in a non-strict consumer project too", () => {
  assert.deepEqual(diagnostics({ strict: false, skipLibCheck: true }), []);
});

test("a generated package type-checks in an older CommonJS project: module commonjs, moduleResolution node10, target ES2020", () => {
  // ES2020 is the oldest target (bigint literals); the libraries stay ES2022 and DOM (Object.hasOwn, Error causes).
  const user = fileURLToPath(new URL("../../generated/services75-user/", import.meta.url));
  const roots = readdirSync(user)
    .filter((f) => f.endsWith(".ts"))
    .map((f) => join(user, f));
  const cjs = { strict: true, skipLibCheck: true, module: ts.ModuleKind.CommonJS, moduleResolution: ts.ModuleResolutionKind.Node10 };
  assert.deepEqual(diagnostics({ ...cjs, target: ts.ScriptTarget.ES2020 }, roots), []);
  const older = diagnostics({ ...cjs, target: ts.ScriptTarget.ES2019 }, roots);
  assert.ok(older.length > 0 && older.every((m) => /BigInt literals are not available/.test(m)), older.join("\n"));
});

test("relative .js imports only, no `any`", () => {
  // Node-only globals (Buffer, process, require…) are already rejected by the type-check above (no Node types).
  const program = ts.createProgram(files, { noEmit: true, types: [] });
  for (const file of files) {
    const source = program.getSourceFile(file);
    assert.ok(source);
    const visit = (node: TS.Node): void => {
      if (node.kind === ts.SyntaxKind.AnyKeyword) {
        assert.fail(`${file}: \`any\` on line ${source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1}`);
      }
      if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
        assert.match(node.moduleSpecifier.text, /^\.\/[\w-]+\.js$/, `${file}: import "${node.moduleSpecifier.text}"`);
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
});

/** The oldest TypeScript the generated code is for (README): `export type *` and other 5.0 syntax rule out 4.9. */
const OLDEST_TYPESCRIPT = "5.0.4";

test(`a generated package type-checks with TypeScript ${OLDEST_TYPESCRIPT}, the oldest supported, under nodenext and bundler resolution`, (t) => {
  // Installed from the npm registry into a temp folder (not a devDependency: its tsc bin would shadow the project's).
  const dir = tempDir("wsdlc-oldest-ts-");
  const install = spawnSync("npm", ["install", "--no-save", "--no-audit", "--no-fund", "--ignore-scripts", "--prefix", dir, `typescript@${OLDEST_TYPESCRIPT}`], {
    encoding: "utf8",
  });
  if (install.status !== 0) {
    const why = `npm could not install typescript@${OLDEST_TYPESCRIPT}: ${(install.stderr || install.error?.message || "").trim().split("\n").at(-1) ?? ""}`;
    if (process.env["CI"] === "true") assert.fail(why);
    t.skip(why);
    return;
  }
  const tsc = join(dir, "node_modules", "typescript", "bin", "tsc");
  const version = spawnSync(process.execPath, [tsc, "--version"], { encoding: "utf8" }).stdout.trim();
  assert.equal(version, `Version ${OLDEST_TYPESCRIPT}`);
  const pkg = join(dir, "app");
  cpSync(fileURLToPath(new URL("../../generated/services75-user/", import.meta.url)), join(pkg, "gen"), { recursive: true });
  writeFileSync(join(pkg, "package.json"), '{ "type": "module" }\n');
  const strict = ["--noEmit", "--strict", "--exactOptionalPropertyTypes", "--noUncheckedIndexedAccess", "--target", "es2022", "--lib", "es2022,dom"];
  for (const resolution of [
    ["--module", "nodenext", "--moduleResolution", "nodenext"],
    ["--module", "esnext", "--moduleResolution", "bundler"],
  ]) {
    const r = spawnSync(process.execPath, [tsc, ...strict, ...resolution, "gen/index.ts", "gen/UserService.ts"], { cwd: pkg, encoding: "utf8" });
    assert.equal(r.status, 0, `${resolution.join(" ")}:\n${r.stdout}${r.stderr}`);
  }
});
