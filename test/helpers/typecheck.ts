/**
 * Type-checks generated TypeScript the way a consumer compiles it: tsc --noEmit with --strict and
 * --exactOptionalPropertyTypes, plus the other strict flags careful projects turn on.
 */
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "./generate.js";
import { tempDir } from "./tmp.js";

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

/** Returns tsc's output (empty when there are no errors) and its exit status. */
export function typecheck(dirs: readonly string[], extra: Record<string, unknown> = {}): { status: number | null; output: string } {
  const tmp = tempDir("wsdlc-tsc-");
  const config = {
    compilerOptions: {
      target: "ES2022",
      lib: ["ES2022", "DOM"],
      module: "NodeNext",
      moduleResolution: "NodeNext",
      noEmit: true,
      skipLibCheck: true,
      types: [],
      ...CONSUMER_FLAGS,
      ...extra,
    },
    include: dirs.map((d) => join(d, "**", "*.ts")),
  };
  const path = join(tmp, "tsconfig.json");
  writeFileSync(path, JSON.stringify(config, null, 2));
  const r = spawnSync(process.execPath, [join(ROOT, "node_modules", "typescript", "bin", "tsc"), "-p", path], {
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  const output = `${r.stdout}${r.stderr}`.trim();
  // Keep assertion messages readable: the first errors say enough.
  const lines = output.split("\n");
  return { status: r.status, output: lines.length > 40 ? [...lines.slice(0, 40), `… ${lines.length - 40} more lines`].join("\n") : output };
}
