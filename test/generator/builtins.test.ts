/** The generator's list of primitives is the runtime's `Primitive` type, name for name. */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { PRIMITIVE_NAMES } from "../../generator/analyze/builtins.js";
import { ROOT } from "../helpers/generate.js";

test("generator primitives equal the runtime's Primitive union", () => {
  const text = readFileSync(join(ROOT, "templates", "runtime", "descriptors.ts"), "utf8");
  const start = text.indexOf("export type Primitive =");
  // The union ends at the first `;` that closes a line (comments inside it contain semicolons).
  const end = text.indexOf(";\n", start);
  const union = text.slice(start, end).replace(/\/\*\*[\s\S]*?\*\//g, "");
  const names = [...union.matchAll(/"([A-Za-z0-9]+)"/g)].map((m) => m[1]);
  assert.deepEqual([...names].sort(), [...PRIMITIVE_NAMES].sort());
});
