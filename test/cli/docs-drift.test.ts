/**
 * docs/cli.md and docs/config.md are rendered from the sources of `--help` and of the config schema
 * (bin/docs-render.ts); they must equal a fresh rendering, and what they say must be what `--help` says.
 * Regenerate with `npm run docs`.
 */
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { test } from "node:test";
import { renderCliDoc, renderConfigDoc, withClientTables } from "../../bin/docs-render.js";
import { runCli } from "../helpers/cli.js";
import { ROOT } from "../helpers/generate.js";

const VERSION = (JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string }).version;

test("docs/cli.md is the rendering of the commands (npm run docs)", () => {
  assert.equal(readFileSync(join(ROOT, "docs", "cli.md"), "utf8"), renderCliDoc(VERSION, ROOT), "docs/cli.md is stale: run `npm run docs`");
});

test("docs/config.md is the rendering of the config schema (npm run docs)", () => {
  assert.equal(readFileSync(join(ROOT, "docs", "config.md"), "utf8"), renderConfigDoc(), "docs/config.md is stale: run `npm run docs`");
});

test("docs/client.md's reference tables are the rendering of the runtime's ClientOptions, CallOptions, hooks… (npm run docs)", () => {
  const doc = readFileSync(join(ROOT, "docs", "client.md"), "utf8");
  assert.equal(doc, withClientTables(doc, ROOT), "docs/client.md is stale: run `npm run docs`");
  for (const member of ["| `endpoint?` |", "| `retry?` |", "| `onError?` |", "| `signal?` |"]) assert.ok(doc.includes(member), member);
});

test("every option of every command's real --help is in docs/cli.md, and every config key in docs/config.md", () => {
  const cli = readFileSync(join(ROOT, "docs", "cli.md"), "utf8");
  for (const cmd of ["generate", "init", "inspect", "call"]) {
    const help = runCli([cmd, "--help"], ROOT, { COLUMNS: "110" });
    assert.equal(help.status, 0);
    const flags = [...help.stdout.matchAll(/^ {2}(-\w, )?(--[\w-]+)/gm)].map((m) => m[2] ?? "");
    assert.ok(flags.length > 2, help.stdout);
    for (const f of flags) assert.ok(cli.includes(`\`${f}`) || cli.includes(`, ${f}`), `${cmd} ${f} is not in docs/cli.md`);
    // The text after the options (rules, exit codes) is there too.
    for (const line of help.stdout.split("\n").filter((l) => /^(Exit codes|Port:|Cache:|Loading:)/.test(l))) assert.ok(cli.includes(line), `${cmd}: "${line}" missing`);
  }
  const schema = JSON.parse(readFileSync(join(ROOT, "schema", "wsdlc.config.schema.json"), "utf8")) as { properties: Record<string, unknown> };
  const config = readFileSync(join(ROOT, "docs", "config.md"), "utf8");
  for (const k of Object.keys(schema.properties)) assert.ok(config.includes(`| \`${k}\` |`), `config key ${k} is not in docs/config.md`);
});

test("every relative link and every test file named in README.md and docs/ exists", () => {
  const docs = [
    "README.md",
    ...readdirSync(join(ROOT, "docs"))
      .filter((f) => f.endsWith(".md"))
      .map((f) => `docs/${f}`),
  ];
  const decisions = readdirSync(join(ROOT, "docs", "decisions")).filter((f) => f.endsWith(".md"));
  docs.push(...decisions.map((f) => `docs/decisions/${f}`));
  const missing: string[] = [];
  for (const doc of docs) {
    const text = readFileSync(join(ROOT, doc), "utf8");
    for (const m of text.matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)) {
      const target = m[1] ?? "";
      if (/^[a-z]+:/.test(target)) continue;
      if (!existsSync(join(ROOT, dirname(doc), target))) missing.push(`${doc}: link ${target}`);
    }
    for (const m of text.matchAll(/\btest\/[\w/.-]+\.test\.ts\b/g)) if (!existsSync(join(ROOT, m[0]))) missing.push(`${doc}: ${m[0]}`);
  }
  assert.deepEqual(missing, []);
});
