/**
 * The package a team installs: `npm pack` of a copy of the built project (dist/ as `npm test`'s build left it;
 * that `prepare` builds dist/ from clean sources is package-git.test.ts's: npm's git install runs it), the
 * tarball's contents, then `npm i -D <tarball>` into fresh consumers (offline from the npm cache), `npx wsdlc
 * generate` from their wsdlc.config.json, a type-check with each consumer's own tsconfig (module nodenext,
 * moduleResolution bundler, and a CommonJS package), and a call from each against a loopback SOAP server.
 */
import { strict as assert } from "node:assert";
import { cpSync, existsSync, mkdirSync, readdirSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { DEMO_TICKET, startDemoServer, type DemoServer } from "../demo/server.js";
import { ROOT } from "../helpers/generate.js";
import { install, run, show } from "../helpers/npm.js";
import { tempDir } from "../helpers/tmp.js";

const USER_WSDL = join(ROOT, "test", "fixtures", "embedded", "Services75-User.wsdl");
const TSC = join(ROOT, "node_modules", "typescript", "bin", "tsc");

/** A source file of the build (bin/, generator/) newer than dist/bin/main.js, if any. */
function staleDist(): string | undefined {
  const built = join(ROOT, "dist", "bin", "main.js");
  if (!existsSync(built)) return "its sources (dist/ is missing)";
  const at = statSync(built).mtimeMs;
  const walk = (dir: string): string | undefined => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      const found = e.isDirectory() ? walk(p) : e.name.endsWith(".ts") && statSync(p).mtimeMs > at ? p : undefined;
      if (found !== undefined) return found;
    }
    return undefined;
  };
  return walk(join(ROOT, "bin")) ?? walk(join(ROOT, "generator"));
}

interface Consumer {
  readonly name: string;
  readonly packageJson: object;
  readonly tsconfig: object;
  /** src/main.ts; ENDPOINT, TICKET and PUBLIC are replaced. */
  readonly main: string;
  /** A package.json for the output folder. */
  readonly genPackageJson?: object;
}

const CALLS = `
  const client = new UserClient({ endpoint: ENDPOINT, headers: { Credentials: { Ticket: TICKET } } });
  await client.saveUntrustedCredentials({ Type: "imap", Credentials: { SecretValue: "s3cret", PublicValue: PUBLIC, IsActive: true } });
  const saved = await client.getUntrustedCredentials({ Type: "imap" });
  const types: (string | null)[] | null | undefined = await client.getCredentialTypes();
  console.log(JSON.stringify({ types, saved: saved?.map((c) => c?.PublicValue) }));
`;

const ESM_MAIN = `import { UserClient } from "./gen/index.js";
import type { WsdlcConfig } from "wsdlc";

const config: WsdlcConfig = { inputs: ["User.wsdl"], out: "src/gen", ignore: ["type-conflict"] };
void config;
${CALLS}`;

const CONSUMERS: readonly Consumer[] = [
  {
    name: "nodenext",
    packageJson: { name: "consumer-nodenext", version: "1.0.0", private: true, type: "module" },
    tsconfig: { compilerOptions: { target: "es2022", module: "nodenext", moduleResolution: "nodenext", strict: true, lib: ["es2022", "dom"], types: [] }, include: ["src"] },
    main: ESM_MAIN,
  },
  {
    name: "bundler",
    packageJson: { name: "consumer-bundler", version: "1.0.0", private: true, type: "module" },
    tsconfig: { compilerOptions: { target: "es2022", module: "esnext", moduleResolution: "bundler", strict: true, lib: ["es2022", "dom"], types: [] }, include: ["src"] },
    main: ESM_MAIN,
  },
  {
    // A CommonJS package: the generated code is ESM, so its folder gets {"type": "module"} and the CommonJS code
    // loads it with import() (kept as import() under module nodenext; module commonjs would turn it into require).
    name: "commonjs",
    packageJson: { name: "consumer-cjs", version: "1.0.0", private: true },
    tsconfig: { compilerOptions: { target: "es2022", module: "nodenext", moduleResolution: "nodenext", strict: true, lib: ["es2022", "dom"], types: [] }, include: ["src"] },
    main: `async function main(): Promise<void> {
  const { UserClient } = await import("./gen/index.js");
  ${CALLS}
}
main().catch((e: unknown) => {
  console.error(e);
  throw e;
});
export {};
`,
    genPackageJson: { type: "module" },
  },
];

describe("the npm package", () => {
  let server: DemoServer;
  let tarball = "";
  before(async () => {
    server = await startDemoServer(USER_WSDL);
  });
  after(() => server.close());

  test("npm pack ships the built CLI, runtime templates, schema and LICENSE, no tests", async () => {
    const stale = staleDist();
    assert.equal(stale, undefined, `dist/ is older than ${stale}: run \`npm run build\` (npm test does) first`);
    const copy = tempDir("wsdlc-pack-src-");
    for (const f of ["package.json", "package-lock.json", "bin", "generator", "templates", "schema", "LICENSE", "README.md", "tsconfig.json", "tsconfig.build.json", "dist"]) {
      cpSync(join(ROOT, f), join(copy, f), { recursive: true });
    }
    symlinkSync(join(ROOT, "node_modules"), join(copy, "node_modules"), "dir");
    const dest = tempDir("wsdlc-pack-");
    // Without `prepare`: it would build dist/ again (~16 s of CPU), which package-git.test.ts checks from a clean clone.
    const packed = await run("npm", ["pack", "--json", "--ignore-scripts", "--pack-destination", dest], copy);
    assert.equal(packed.status, 0, show(packed));
    const [info] = JSON.parse(packed.stdout.slice(packed.stdout.indexOf("["))) as { filename: string; files: { path: string }[] }[];
    assert.ok(info);
    const files = info.files.map((f) => f.path).sort();
    for (const must of [
      "LICENSE",
      "README.md",
      "package.json",
      "bin/wsdlc.js",
      "dist/bin/main.js",
      "dist/bin/config.js",
      "dist/bin/config.d.ts",
      "dist/generator/index.js",
      "schema/wsdlc.config.schema.json",
      "templates/package-readme.md",
      "templates/runtime/client.ts",
      "templates/runtime/index.ts",
    ]) {
      assert.ok(files.includes(must), `${must} is missing from the tarball`);
    }
    // Every runtime template the generator copies into outputs is in the tarball.
    for (const name of readdirSync(join(ROOT, "templates", "runtime"))) assert.ok(files.includes(`templates/runtime/${name}`), name);
    assert.deepEqual(
      files.filter((f) => /(^|\/)test\/|\.test\.|^generated\/|^docs\/|\.tsbuildinfo$/.test(f)),
      [],
    );
    // A bound against shipping stray files (the CLI, the generator and the compiled runtime it imports: ~170).
    assert.ok(files.length < 220, `${files.length} files`);
    tarball = join(dest, info.filename);
    assert.ok(existsSync(tarball));
  });

  // One `npm i -D` of the tarball, into the first consumer; the others are sibling projects with their own
  // package.json and tsconfig whose node_modules is a link to it (what the install puts there does not depend on
  // the consumer's module settings, and each further install cost ~15 s of CPU for the same files).
  let installed = "";
  for (const c of CONSUMERS) {
    test(`${c === CONSUMERS[0] ? "installed with npm i -D into" : "the same install used from"} a ${c.name} consumer: npx wsdlc generate, tsc with its tsconfig, a call`, async (t) => {
      assert.ok(tarball, "the pack test ran first");
      const dir = tempDir(`wsdlc-consumer-${c.name}-`);
      writeFileSync(join(dir, "package.json"), JSON.stringify(c.packageJson, null, 2));
      writeFileSync(join(dir, "tsconfig.json"), JSON.stringify(c.tsconfig, null, 2));
      cpSync(USER_WSDL, join(dir, "User.wsdl"));
      writeFileSync(
        join(dir, "wsdlc.config.json"),
        JSON.stringify({ $schema: "./node_modules/wsdlc/schema/wsdlc.config.schema.json", inputs: ["User.wsdl"], out: "src/gen" }, null, 2),
      );
      mkdirSync(join(dir, "src", "gen"), { recursive: true });
      if (c.genPackageJson) writeFileSync(join(dir, "src", "gen", "package.json"), JSON.stringify(c.genPackageJson));
      writeFileSync(
        join(dir, "src", "main.ts"),
        c.main
          .replace("ENDPOINT", JSON.stringify(server.url))
          .replace("TICKET", JSON.stringify(DEMO_TICKET))
          .replace("PUBLIC", JSON.stringify(`${c.name}@example.com`)),
      );

      if (c === CONSUMERS[0]) {
        const { mode, r } = await install(dir, tarball);
        t.diagnostic(`npm i ${mode}`);
        assert.equal(r.status, 0, show(r));
        installed = join(dir, "node_modules");
      } else {
        assert.ok(installed, `the ${CONSUMERS[0]?.name} consumer's install ran first`);
        symlinkSync(installed, join(dir, "node_modules"), "dir");
      }
      assert.ok(existsSync(join(dir, "node_modules", "wsdlc", "schema", "wsdlc.config.schema.json")));

      const help = await run("npx", ["--no", "--", "wsdlc", "--help"], dir);
      assert.equal(help.status, 0, show(help));
      assert.match(help.stdout, /Usage: wsdlc/);
      const gen = await run("npx", ["--no", "--", "wsdlc", "generate"], dir);
      assert.equal(gen.status, 0, show(gen));
      assert.match(gen.stdout, /^src\/gen: \d+ files, \d+ changed\n$/);
      // The folder's own package.json (not generated) is kept.
      if (c.genPackageJson) assert.ok(existsSync(join(dir, "src", "gen", "package.json")));
      const check = await run("npx", ["--no", "--", "wsdlc", "generate", "--check"], dir);
      assert.equal(check.status, 0, show(check));

      const tsc = await run(process.execPath, [TSC, "-p", "tsconfig.json"], dir);
      assert.equal(tsc.status, 0, show(tsc));
      const main = await run(process.execPath, [join(dir, "src", "main.js")], dir);
      assert.equal(main.status, 0, show(main));
      const printed = JSON.parse(main.stdout) as { types: unknown; saved: unknown[] };
      assert.deepEqual(printed.types, ["imap", "smtp"]);
      assert.equal(printed.saved.at(-1), `${c.name}@example.com`);
    });
  }
});
