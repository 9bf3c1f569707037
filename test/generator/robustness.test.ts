/**
 * Bad input never crashes the generator: seeded mutations of real WSDLs (broken references, impossible
 * occurrences, hostile names, truncation, removed declarations) each end in files or diagnostics, never in an
 * exception. The mutations are deterministic, so a failure reproduces.
 */
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { generate } from "../../generator/index.js";
import { memoryReader, ROOT, runtimeTemplates } from "../helpers/generate.js";
import { CORPUS } from "../helpers/shared.js";

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
    replaceOne(s, / (type|base|ref|element|message|binding|itemType|substitutionGroup)="[^"]*"/g, pick, (m) =>
      ` ${m[1] ?? "type"}="${pick(["tns:Nope", "xs:foo", "q9:Bar", "", "tns:", ":x", "xs:anyType", "tns:Carrier", "tns:User", "tns:Add"])}"`,
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
    replaceOne(s, / (minOccurs|maxOccurs|nillable|abstract|use|style|mixed)="[^"]*"/g, pick, (m) =>
      ` ${m[1] ?? "minOccurs"}="${pick(["-1", "unbounded", "0", "true", "x", "rpc", "encoded", "99999999999"])}"`,
    ),
  // Hostile names.
  (s, pick) => replaceOne(s, / name="[^"]*"/g, pick, () => ` name="${pick(["", "delete", "constructor", "__proto__", "a b", "1x", "toString", "Ü", "Carrier"])}"`),
  // Truncation.
  (s, _pick, rnd) => s.slice(0, Math.floor(rnd() * s.length)),
];

test("300 seeded mutations of real WSDLs: each gives files or diagnostics, never an exception", async () => {
  const texts = SOURCES.map((p) => readFileSync(p, "utf8"));
  const rnd = random(20261128);
  const pick = <T>(a: readonly T[]): T => a[Math.floor(rnd() * a.length)] as T;
  const crashes: string[] = [];
  for (let i = 0; i < 300; i++) {
    let text = pick(texts);
    const n = 1 + Math.floor(rnd() * 3);
    for (let j = 0; j < n; j++) text = pick(MUTATIONS)(text, pick, rnd);
    try {
      const r = await generate(["mem:/x.wsdl"], { reader: memoryReader({ "mem:/x.wsdl": text }), runtime: runtimeTemplates() });
      if (r.diagnostics.some((d) => d.severity === "error")) assert.equal(r.files.length, 0, "files despite errors");
    } catch (e) {
      crashes.push(`mutation ${i}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  assert.deepEqual(crashes, []);
});
