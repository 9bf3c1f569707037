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
  const flat = inline(value);
  if (flat.length + indent.length <= WIDTH) return flat;
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
  return flat;
}

function isObject(v: Literal): v is { readonly [key: string]: Literal | undefined } {
  return typeof v === "object" && !(v instanceof Code) && !Array.isArray(v);
}

function inline(value: Literal): string {
  if (value instanceof Code) return value.text;
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : '"unbounded"';
  if (typeof value === "boolean") return String(value);
  if (Array.isArray(value)) return `[${(value as readonly Literal[]).map(inline).join(", ")}]`;
  if (isObject(value)) {
    const entries = Object.entries(value)
      .filter((e): e is [string, Literal] => e[1] !== undefined)
      .map(([k, v]) => `${propertyKey(k)}: ${inline(v)}`);
    return entries.length ? `{ ${entries.join(", ")} }` : "{}";
  }
  return "undefined";
}
