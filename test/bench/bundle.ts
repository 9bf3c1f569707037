/**
 * Bundle sizes of generated code: what one client costs in an application bundle. esbuild (bundle, minify,
 * ESM, browser platform) from an entry that imports one client class from the package's index, as an
 * application would; sizes are the minified bytes and their gzip (level 9) size. Not a test: the figures are
 * recorded by `npm run bench` (run.ts) and shown in README.
 *
 *   node --import tsx test/bench/bundle.ts [--smoke]     prints the figures as JSON
 *   node --import tsx test/bench/bundle.ts --update      records them in test/bench/results.json (the timed
 *                                                        rows kept as they are) and renders README's table
 *
 * Rows: (a) the committed generated/services75-user package's UserClient; (b) one client from a package
 * generated from every Services75 agent; (c) that agent's own package; (d) the whole runtime (every export of
 * runtime/index.ts).
 */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import { ROOT } from "../helpers/generate.js";
import { CORPUS } from "../helpers/shared.js";
import { tempDir } from "../helpers/tmp.js";
import { README, RESULTS, renderTable, withBlock } from "./render.js";
import type { BenchResults, BundleSize } from "./results.js";

const WSDL_DIR = join(CORPUS, "superoffice", "wsdl");
const WSDLC = join(ROOT, "bin", "wsdlc.js");
/** The agent whose client is bundled out of the many-agent package (its own package is row c). */
export const BUNDLE_AGENT = "User";

/** Minified and gzip size of a bundle of `entry` (an ES module's text, resolved in `dir`). */
export async function bundleSize(dir: string, entry: string): Promise<{ minified: number; gzip: number }> {
  const r = await build({
    stdin: { contents: entry, resolveDir: dir, loader: "ts", sourcefile: "entry.ts" },
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    write: false,
    logLevel: "error",
  });
  const out = r.outputFiles[0];
  if (out === undefined) throw new Error("esbuild produced no output");
  return { minified: out.contents.byteLength, gzip: gzipSync(out.contents, { level: 9 }).byteLength };
}

function generate(inputs: readonly string[], out: string): void {
  const r = spawnSync(process.execPath, [WSDLC, "generate", ...inputs, "-o", out, "-q"], { cwd: ROOT, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`wsdlc generate failed: ${r.stderr}`);
}

/** Every row; `smoke` generates the many-agent package from a few agents only (the figures are then not (b)'s). */
export async function bundleSizes(smoke = false): Promise<BundleSize[]> {
  const work = tempDir("wsdlc-bundle-");
  const all = readdirSync(WSDL_DIR)
    .filter((n) => /^Services75-.*\.wsdl$/.test(n))
    .sort();
  const own = `Services75-${BUNDLE_AGENT}.wsdl`;
  if (!all.includes(own)) throw new Error(`${join(WSDL_DIR, own)} not found`);
  const many = smoke ? [...new Set([own, ...all.slice(0, 2)])] : all;
  const manyDir = join(work, "many");
  generate(
    many.map((n) => join(WSDL_DIR, n)),
    manyDir,
  );
  const ownDir = join(work, "own");
  generate([join(WSDL_DIR, own)], ownDir);
  const client = `${BUNDLE_AGENT}Client`;
  const pick = `export { ${client} } from "./index.js";\n`;
  const user = join(ROOT, "generated", "services75-user");
  const rows: [string, string, string, string][] = [
    ["user-client", "UserClient of generated/services75-user, runtime included", user, pick],
    ["agents-one-client", `${client} imported from the package of all ${many.length} Services75 agents`, manyDir, pick],
    ["agent-own-package", `${client} from a package generated from Services75-${BUNDLE_AGENT}.wsdl alone`, ownDir, pick],
    ["runtime", "the whole runtime (every export of runtime/index.ts)", user, `export * from "./runtime/index.js";\n`],
  ];
  const out: BundleSize[] = [];
  for (const [id, title, dir, entry] of rows) {
    if (!existsSync(join(dir, "index.ts"))) throw new Error(`${dir}/index.ts not found`);
    out.push({ id, title, ...(await bundleSize(dir, entry)) });
  }
  return out;
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  if (process.argv.includes("--update")) {
    const results = JSON.parse(readFileSync(RESULTS, "utf8")) as BenchResults;
    const updated: BenchResults = { ...results, bundles: await bundleSizes(false) };
    writeFileSync(RESULTS, `${JSON.stringify(updated, null, 2)}\n`);
    writeFileSync(README, withBlock(readFileSync(README, "utf8"), renderTable(updated)));
    process.stderr.write(`${RESULTS}: bundle sizes recorded; README.md rendered\n`);
  } else process.stdout.write(`${JSON.stringify(await bundleSizes(process.argv.includes("--smoke")), null, 2)}\n`);
}
