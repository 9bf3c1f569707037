/**
 * The README's other install: `npm i -D git+<url>` of a wsdlc repository. npm clones it, installs its dev
 * dependencies and runs `prepare` (the build), so the installed package has dist/ and `npx wsdlc` runs. Uses this
 * checkout's committed HEAD through a git+file: URL.
 */
import { strict as assert } from "node:assert";
import { spawnSync } from "node:child_process";
import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { pathToFileURL } from "node:url";
import { ROOT } from "../helpers/generate.js";
import { install, run, show } from "../helpers/npm.js";
import { tempDir } from "../helpers/tmp.js";

const head = spawnSync("git", ["rev-parse", "HEAD"], { cwd: ROOT, encoding: "utf8" });
const isRepo = head.status === 0 && /^[0-9a-f]{40}$/.test(head.stdout.trim());

test("npm i -D git+file:<repo> builds the package on install; npx wsdlc runs", { skip: isRepo ? false : "not a git checkout" }, async (t) => {
  const dir = tempDir("wsdlc-git-consumer-");
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "consumer-git", version: "1.0.0", private: true, type: "module" }));
  const { mode, r } = await install(dir, `git+${pathToFileURL(ROOT).href}#${head.stdout.trim()}`, 180_000);
  t.diagnostic(`npm i ${mode}`);
  assert.equal(r.status, 0, show(r));
  assert.ok(existsSync(join(dir, "node_modules", "wsdlc", "dist", "bin", "main.js")));
  assert.equal(existsSync(join(dir, "node_modules", "wsdlc", "test")), false);
  const version = await run("npx", ["--no", "--", "wsdlc", "--version"], dir);
  assert.equal(version.status, 0, show(version));
  assert.match(version.stdout, /^\d+\.\d+\.\d+\n$/);
});
