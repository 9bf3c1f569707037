/**
 * Writes descriptor data as a TypeScript object literal: short objects on one line, longer ones broken
 * over lines, keys in the order given, strings JSON-quoted. `Code` values are written verbatim (references
 * to constants such as namespace URIs).
 */
import { propertyKey } from "../analyze/names.js";

export class Code {
  constructor(readonly text: string) {}
}

export type Literal = string | number | boolean | Code | readonly Literal[] | { readonly [key: string]: Literal | undefined };

const WIDTH = 120;

export function literal(value: Literal, indent = ""): string {
  // Only whether the one-line form fits matters, so building it stops once it is too long: the whole
  // literal is then written in time proportional to its size, not to size × depth.
  const flat = inline(value, WIDTH - indent.length);
  if (flat !== undefined) return flat;
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    const items = (value as readonly Literal[]).map((v) => `${inner}${literal(v, inner)},`);
    return `[\n${items.join("\n")}\n${indent}]`;
  }
  if (isObject(value)) {
    const entries = Object.entries(value)
      .filter((e): e is [string, Literal] => e[1] !== undefined)
      .map(([k, v]) => `${inner}${propertyKey(k)}: ${literal(v, inner)},`);
    return `{\n${entries.join("\n")}\n${indent}}`;
  }
  return inline(value, Number.POSITIVE_INFINITY) ?? "";
}

function isObject(v: Literal): v is { readonly [key: string]: Literal | undefined } {
  return typeof v === "object" && !(v instanceof Code) && !Array.isArray(v);
}

/** The one-line form, or undefined as soon as it would be longer than `budget` characters. */
function inline(value: Literal, budget: number): string | undefined {
  let text: string;
  if (value instanceof Code) text = value.text;
  else if (typeof value === "string") text = JSON.stringify(value);
  else if (typeof value === "number") text = Number.isFinite(value) ? String(value) : '"unbounded"';
  else if (typeof value === "boolean") text = String(value);
  else if (Array.isArray(value)) {
    const parts: string[] = [];
    let used = 2;
    for (const v of value as readonly Literal[]) {
      const t = inline(v, budget - used);
      if (t === undefined) return undefined;
      parts.push(t);
      used += t.length + 2;
    }
    text = `[${parts.join(", ")}]`;
  } else if (isObject(value)) {
    const parts: string[] = [];
    let used = 4;
    for (const [k, v] of Object.entries(value)) {
      if (v === undefined) continue;
      const key = `${propertyKey(k)}: `;
      const t = inline(v, budget - used - key.length);
      if (t === undefined) return undefined;
      parts.push(key + t);
      used += key.length + t.length + 2;
    }
    text = parts.length ? `{ ${parts.join(", ")} }` : "{}";
  } else text = "undefined";
  return text.length <= budget ? text : undefined;
}
