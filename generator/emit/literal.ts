/**
 * Writes data as a TypeScript object literal: short objects on one line, longer ones broken over lines, keys
 * in the order given, strings JSON-quoted, properties whose value is undefined left out. `Code` values are
 * written verbatim (references to constants), and `replace` may turn any value into `Code` (descriptors.ts
 * uses it for namespace constants and shared values).
 */
import { propertyKey } from "../analyze/names.js";

export class Code {
  constructor(readonly text: string) {}
}

export type Literal = string | number | boolean | Code | readonly Literal[] | { readonly [key: string]: Literal | undefined };

export interface LiteralOptions {
  /**
   * Code to write instead of `value`, or undefined to write it as data. `key` is the value's property name
   * or array index, `parentKey` that of the object or array holding it.
   */
  readonly replace?: (value: unknown, key: string | number | undefined, parentKey: string | number | undefined) => Code | undefined;
}

const WIDTH = 120;

/**
 * Writes `value`: strings, finite numbers, booleans, arrays and plain objects of those (and `Code`). Anything
 * else (a function, a bigint, NaN, an array hole) is a generator bug and throws.
 */
export function literal(value: unknown, options: LiteralOptions = {}): string {
  return new Printer(options).write(value, "", undefined, undefined);
}

type Node = { kind: "code"; text: string } | { kind: "array"; items: unknown[] } | { kind: "object"; entries: [string, unknown][] };

class Printer {
  constructor(private readonly options: LiteralOptions) {}

  private node(value: unknown, key: string | number | undefined, parentKey: string | number | undefined): Node {
    const replaced = this.options.replace?.(value, key, parentKey);
    if (replaced) return { kind: "code", text: replaced.text };
    if (value instanceof Code) return { kind: "code", text: value.text };
    if (typeof value === "string") return { kind: "code", text: JSON.stringify(value) };
    if (typeof value === "number" && Number.isFinite(value)) return { kind: "code", text: String(value) };
    if (typeof value === "boolean") return { kind: "code", text: String(value) };
    if (Array.isArray(value)) {
      const items: unknown[] = [];
      for (let i = 0; i < value.length; i++) {
        if (!(i in value) || value[i] === undefined) throw new Error(`literal: undefined array item at ${String(key)}[${i}]`);
        items.push(value[i]);
      }
      return { kind: "array", items };
    }
    if (typeof value === "object" && value !== null) {
      const proto: unknown = Object.getPrototypeOf(value);
      if (proto !== Object.prototype && proto !== null) throw new Error(`literal: not plain data at ${String(key)}`);
      return { kind: "object", entries: Object.entries(value).filter(([, v]) => v !== undefined) };
    }
    throw new Error(`literal: cannot write ${typeof value} at ${String(key)}`);
  }

  write(value: unknown, indent: string, key: string | number | undefined, parentKey: string | number | undefined): string {
    // Only whether the one-line form fits matters, so building it stops once it is too long: the whole
    // literal is then written in time proportional to its size, not to size × depth.
    const node = this.node(value, key, parentKey);
    const flat = this.inline(node, WIDTH - indent.length, key);
    if (flat !== undefined) return flat;
    const inner = `${indent}  `;
    if (node.kind === "array") {
      const items = node.items.map((v, i) => `${inner}${this.write(v, inner, i, key)},`);
      return `[\n${items.join("\n")}\n${indent}]`;
    }
    if (node.kind === "object") {
      const entries = node.entries.map(([k, v]) => `${inner}${propertyKey(k)}: ${this.write(v, inner, k, key)},`);
      return `{\n${entries.join("\n")}\n${indent}}`;
    }
    return node.text;
  }

  /** The one-line form, or undefined as soon as it would be longer than `budget` characters. */
  private inline(node: Node, budget: number, key: string | number | undefined): string | undefined {
    let text: string;
    if (node.kind === "code") text = node.text;
    else if (node.kind === "array") {
      const parts: string[] = [];
      let used = 2;
      for (let i = 0; i < node.items.length; i++) {
        const t = this.inline(this.node(node.items[i], i, key), budget - used, i);
        if (t === undefined) return undefined;
        parts.push(t);
        used += t.length + 2;
      }
      text = `[${parts.join(", ")}]`;
    } else {
      const parts: string[] = [];
      let used = 4;
      for (const [k, v] of node.entries) {
        const head = `${propertyKey(k)}: `;
        const t = this.inline(this.node(v, k, key), budget - used - head.length, k);
        if (t === undefined) return undefined;
        parts.push(head + t);
        used += head.length + t.length + 2;
      }
      text = parts.length ? `{ ${parts.join(", ")} }` : "{}";
    }
    return text.length <= budget ? text : undefined;
  }
}
