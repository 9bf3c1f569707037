/**
 * Bad input never crashes the generator: seeded mutations of real WSDLs (broken references, impossible
 * occurrences, hostile names, truncation, removed declarations) each end in files or diagnostics, never in an
 * exception. The mutations are deterministic, so a failure reproduces.
 */
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { generate } from "../../generator/index.js";
import { memoryReader, ROOT, runtimeTemplates } from "../helpers/generate.js";
import { runCli } from "../helpers/cli.js";
import { CORPUS } from "../helpers/shared.js";
import { tempDir } from "../helpers/tmp.js";

const SOURCES = [
  join(ROOT, "test", "fixtures", "embedded", "Services75-User.wsdl"),
  join(CORPUS, "superoffice", "wsdl", "Services75-SoPrincipal.wsdl"),
  join(CORPUS, "real", "calculator-dneonline", "calculator.wsdl"),
  join(CORPUS, "real", "countryinfo", "countryInformation.wsdl"),
  join(CORPUS, "gowsdl", "test.wsdl"),
  join(CORPUS, "real", "noaa-ndfd", "ndfdXML.wsdl"),
].filter((p) => existsSync(p));

/** A small LCG: the same seed gives the same mutations on every machine. */
function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    return s / 0x7fffffff;
  };
}

type Mutation = (s: string, pick: <T>(a: readonly T[]) => T, rnd: () => number) => string;

function replaceOne(s: string, re: RegExp, pick: <T>(a: readonly T[]) => T, make: (m: RegExpMatchArray) => string): string {
  const all = [...s.matchAll(re)];
  if (all.length === 0) return s;
  const m = pick(all);
  const at = m.index ?? 0;
  return s.slice(0, at) + make(m) + s.slice(at + m[0].length);
}

const MUTATIONS: readonly Mutation[] = [
  // A reference to something else, missing, malformed or self-referring.
  (s, pick) =>
    replaceOne(
      s,
      / (type|base|ref|element|message|binding|itemType|substitutionGroup)="[^"]*"/g,
      pick,
      (m) => ` ${m[1] ?? "type"}="${pick(["tns:Nope", "xs:foo", "q9:Bar", "", "tns:", ":x", "xs:anyType", "tns:Carrier", "tns:User", "tns:Add"])}"`,
    ),
  // An empty element removed (a declaration, a part, a header binding…).
  (s, _pick, rnd) => {
    const lines = s.split("\n");
    const i = Math.floor(rnd() * lines.length);
    if (!/^\s*<[^/!?][^>]*\/>\s*$/.test(lines[i] ?? "")) return s;
    lines.splice(i, 1);
    return lines.join("\n");
  },
  // Impossible or odd facet and occurrence values.
  (s, pick) =>
    replaceOne(
      s,
      / (minOccurs|maxOccurs|nillable|abstract|use|style|mixed)="[^"]*"/g,
      pick,
      (m) => ` ${m[1] ?? "minOccurs"}="${pick(["-1", "unbounded", "0", "true", "x", "rpc", "encoded", "99999999999"])}"`,
    ),
  // Hostile names.
  (s, pick) => replaceOne(s, / name="[^"]*"/g, pick, () => ` name="${pick(["", "delete", "constructor", "__proto__", "a b", "1x", "toString", "Ü", "Carrier"])}"`),
  // Truncation.
  (s, _pick, rnd) => s.slice(0, Math.floor(rnd() * s.length)),
  // An attribute deleted.
  (s, pick) => replaceOne(s, / [A-Za-z:]+="[^"]*"/g, pick, () => ""),
  // An attribute duplicated under another name (or the same one: malformed XML).
  (s, pick) => replaceOne(s, / ([A-Za-z:]+)="([^"]*)"/g, pick, (m) => `${m[0]} ${pick([m[1] ?? "name", "name", "type", "ref", "base"])}="${m[2] ?? ""}"`),
  // A line duplicated (a declaration, an operation, a part twice).
  (s, _pick, rnd) => {
    const lines = s.split("\n");
    const i = Math.floor(rnd() * lines.length);
    lines.splice(i, 0, lines[i] ?? "");
    return lines.join("\n");
  },
  // Two type references swapped.
  (s, pick) => {
    const all = [...s.matchAll(/ type="([^"]*)"/g)];
    if (all.length < 2) return s;
    const a = pick(all);
    const b = pick(all);
    return s.replace(a[0], ` type="${b[1] ?? ""}"`);
  },
  // An element renamed to another construct.
  (s, pick) =>
    replaceOne(
      s,
      /<(xs|xsd|wsdl):(element|sequence|complexType|part|operation|attribute)\b/g,
      pick,
      (m) => `<${m[1] ?? "xs"}:${pick(["choice", "all", "simpleType", "group", "attributeGroup", "message", "element"])}`,
    ),
];

const CASES = 400;
/** Per case; the largest source takes well under a second on a loaded machine. */
const CASE_BOUND_MS = 15_000;

function mutated(count: number, seed: number): string[] {
  const texts = SOURCES.map((p) => readFileSync(p, "utf8"));
  const rnd = random(seed);
  const pick = <T>(a: readonly T[]): T => a[Math.floor(rnd() * a.length)] as T;
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    let text = pick(texts);
    const n = 1 + Math.floor(rnd() * 3);
    for (let j = 0; j < n; j++) text = pick(MUTATIONS)(text, pick, rnd);
    out.push(text);
  }
  return out;
}

test(`${CASES} seeded mutations of real WSDLs: each gives files or diagnostics with real positions, never an exception or a hang`, async () => {
  const failures: string[] = [];
  let withErrors = 0;
  const cases = mutated(CASES, 20261128);
  for (const [i, text] of cases.entries()) {
    const start = performance.now();
    try {
      const r = await generate(["mem:/x.wsdl"], { reader: memoryReader({ "mem:/x.wsdl": text }), runtime: runtimeTemplates() });
      if (r.diagnostics.some((d) => d.severity === "error")) {
        withErrors++;
        if (r.files.length !== 0) failures.push(`mutation ${i}: files despite errors`);
      }
      for (const d of r.diagnostics) {
        if (d.pos && !(d.pos.line >= 1 && d.pos.column >= 1)) failures.push(`mutation ${i}: ${d.code} at ${d.pos.line}:${d.pos.column}`);
      }
    } catch (e) {
      failures.push(`mutation ${i}: ${e instanceof Error ? e.message : String(e)}`);
    }
    const ms = performance.now() - start;
    if (ms > CASE_BOUND_MS) failures.push(`mutation ${i}: took ${ms.toFixed(0)} ms`);
  }
  process.stdout.write(`# ${cases.length} mutations, ${withErrors} with errors, ${failures.length} failures\n`);
  assert.deepEqual(failures, []);
});

test("a sample of the mutations through the CLI: exit 0 or 2, no stack trace, the out folder unchanged on errors", () => {
  const dir = tempDir("wsdlc-fuzz-cli-");
  const out = join(dir, "out");
  const keep = join(out, "keep.ts");
  const cases = mutated(12, 7);
  let ran = 0;
  for (const [i, text] of cases.entries()) {
    const input = join(dir, `m${i}.wsdl`);
    writeFileSync(input, text);
    const before = existsSync(out) ? snapshot(out) : undefined;
    const r = runCli(["generate", input, "--out", out, "-q"], dir);
    ran++;
    assert.ok(r.status === 0 || r.status === 2, `mutation ${i}: exit ${r.status}: ${r.stderr.slice(0, 400)}`);
    assert.doesNotMatch(r.stderr, /internal error|\n\s+at /, `mutation ${i}`);
    if (r.status === 2) assert.deepEqual(existsSync(out) ? snapshot(out) : undefined, before, `mutation ${i}: the out folder changed despite errors`);
    if (!existsSync(keep) && existsSync(out)) writeFileSync(keep, "// mine, not generated\n");
    assert.deepEqual(
      readdirSync(dir).filter((n) => n.startsWith("out.wsdlc-")),
      [],
    );
  }
  if (existsSync(keep)) assert.equal(readFileSync(keep, "utf8"), "// mine, not generated\n");
  process.stdout.write(`# ${ran} CLI runs\n`);
});

function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = Object.create(null) as Record<string, string>;
  const walk = (d: string, rel: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(join(d, e.name), r);
      else out[r] = readFileSync(join(d, e.name), "utf8");
    }
  };
  walk(dir, "");
  return out;
}
