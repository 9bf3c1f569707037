// The wsdlc runtime, copied into the output by the generator. DO NOT EDIT.
/**
 * JSON → the values a generated client takes, by the descriptors: JSON has no bytes, so `xs:base64Binary` and
 * `xs:hexBinary` values (and named simple types restricting them) given as base64 / hex strings become
 * `Uint8Array`s, and `xs:float` / `xs:double` given as their XSD text ("INF", "NaN", "1e400") become numbers;
 * everything else JSON can carry is already a valid input (dateTime, decimal and long accept strings). The walk
 * follows the same descriptors the encoder does: base types, `$type` (a derived type or a
 * substitution group member's type), repeated choices (`[{ Folder: … }]`), arrays, dictionaries, attributes and
 * simple content. With `rejectUnknownKeys`, a key that is not a property of its object's type is an error
 * naming its path (the encoder itself ignores extra keys). Used by `wsdlc call`; tree-shaken away elsewhere.
 */
import type { FieldDescriptor, MessageDescriptor, StructDescriptor, TypeDescriptor, TypeRef, TypeTable } from "./descriptors.js";
import { derivesFrom, isRecord, lookupType, propOf, structInfo } from "./schema.js";
import { decodePrimitive, primitiveOf } from "./values.js";

export interface ReviveOptions {
  /** A key that is not a property of its object's type is an error (ReviveError with the key's path). */
  readonly rejectUnknownKeys?: boolean;
}

/** A JSON value that does not fit its descriptor; `path` names the place (`body.User.Photo`), never the value. */
export class ReviveError extends Error {
  readonly path: string;
  constructor(path: string, message: string) {
    super(`${path}: ${message}`);
    this.name = "ReviveError";
    this.path = path;
  }
}

const MAX_DEPTH = 256;

function base64ToBytes(text: string, path: string): Uint8Array {
  const clean = text.replace(/[\t\n\r ]/g, "");
  if (!/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(clean)) throw new ReviveError(path, "is not base64 (xs:base64Binary)");
  const bin = atob(clean);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

function hexToBytes(text: string, path: string): Uint8Array {
  const clean = text.trim();
  if (!/^(?:[0-9A-Fa-f]{2})*$/.test(clean)) throw new ReviveError(path, "is not hex (xs:hexBinary)");
  const out = new Uint8Array(clean.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(clean.slice(2 * i, 2 * i + 2), 16);
  return out;
}

class Reviver {
  private readonly types: TypeTable;
  private readonly strict: boolean;
  constructor(types: TypeTable, options: ReviveOptions) {
    this.types = types;
    this.strict = options.rejectUnknownKeys === true;
  }

  /** A property holding field `f`: an array when repeated, each item by its type (or its alternative). */
  field(f: FieldDescriptor, value: unknown, path: string, depth: number): unknown {
    if (value === null || value === undefined || f.wildcard === true) return value;
    const repeated = f.alternatives !== undefined || f.max === "unbounded" || (f.max !== undefined && f.max > 1);
    if (repeated && Array.isArray(value)) return value.map((v, i) => this.one(f, v, `${path}[${i}]`, depth + 1));
    return this.one(f, value, path, depth);
  }

  private one(f: FieldDescriptor, value: unknown, path: string, depth: number): unknown {
    if (value === null || value === undefined) return value;
    if (f.alternatives !== undefined) {
      if (!isRecord(value)) return value;
      const keys = Object.keys(value);
      const alt = keys.length === 1 ? f.alternatives.find((a) => propOf(a) === keys[0]) : undefined;
      if (alt === undefined) {
        if (this.strict) throw new ReviveError(path, `must be an object with exactly one of ${f.alternatives.map(propOf).join(", ")} (an item of a repeated xs:choice)`);
        return value;
      }
      const key = propOf(alt);
      return { [key]: this.one(alt, value[key], `${path}.${key}`, depth + 1) };
    }
    // A substitution group member is chosen by `$type`: it has its own type.
    const derived = f.substitutes !== undefined && isRecord(value) ? value["$type"] : undefined;
    const member = derived === undefined ? undefined : f.substitutes?.find((s) => s.type === derived);
    return this.value(member?.type ?? f.type, value, path, depth);
  }

  value(type: TypeRef, value: unknown, path: string, depth: number): unknown {
    if (value === null || value === undefined) return value;
    if (depth > MAX_DEPTH) throw new ReviveError(path, `nested deeper than ${MAX_DEPTH} levels`);
    const prim = primitiveOf(type);
    if (prim !== undefined) {
      if (typeof value !== "string") return value;
      if (prim === "base64Binary") return base64ToBytes(value, path);
      if (prim === "hexBinary") return hexToBytes(value, path);
      // JSON has no INF, -INF or NaN, and no number beyond a double's range: float and double take their XSD text.
      if (prim === "float" || prim === "double") {
        try {
          return decodePrimitive(prim, value);
        } catch {
          throw new ReviveError(path, `is not a number or an xs:${prim} literal such as "INF", "-INF" or "NaN"`);
        }
      }
      return value;
    }
    const d: TypeDescriptor | undefined = lookupType(this.types, type);
    if (d === undefined) return value;
    switch (d.kind) {
      case "simple":
        return this.value(d.base, value, path, depth + 1);
      case "list":
        return Array.isArray(value) ? value.map((v, i) => this.value(d.item, v, `${path}[${i}]`, depth + 1)) : value;
      case "array":
        return Array.isArray(value) ? value.map((v, i) => this.one(d.item, v, `${path}[${i}]`, depth + 1)) : value;
      case "dictionary":
        if (!isRecord(value)) return value;
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, this.field(d.value, v, `${path}.${k}`, depth + 1)]));
      case "struct":
        return this.struct(type, d, value, path, depth);
      default:
        return value;
    }
  }

  private struct(key: string, d: StructDescriptor, value: unknown, path: string, depth: number): unknown {
    if (!isRecord(value)) return value;
    let actual = d;
    const derived = value["$type"];
    if (typeof derived === "string" && derived !== key) {
      const dd = lookupType(this.types, derived);
      if (dd?.kind === "struct" && derivesFrom(this.types, derived, key)) actual = dd;
      else if (this.strict) throw new ReviveError(`${path}.$type`, `must name ${key} or a named type derived from it`);
    }
    const info = structInfo(this.types, actual);
    const out: Record<string, unknown> = {};
    const known = new Set<string>(["$type"]);
    for (const f of info.fields) {
      const prop = propOf(f);
      known.add(prop);
      if (Object.hasOwn(value, prop)) out[prop] = this.field(f, value[prop], `${path}.${prop}`, depth + 1);
    }
    for (const a of info.attributes) {
      const prop = propOf(a);
      known.add(prop);
      if (Object.hasOwn(value, prop)) out[prop] = this.value(a.type, value[prop], `${path}.${prop}`, depth + 1);
    }
    if (info.text !== undefined) {
      known.add(info.textProp);
      if (Object.hasOwn(value, info.textProp)) out[info.textProp] = this.value(info.text, value[info.textProp], `${path}.${info.textProp}`, depth + 1);
    }
    for (const [k, v] of Object.entries(value)) {
      if (known.has(k)) {
        if (k === "$type") out[k] = v;
        continue;
      }
      if (this.strict && info.wildcard === undefined) {
        const names = [...known].filter((n) => n !== "$type");
        throw new ReviveError(`${path}.${k}`, `unknown key; ${names.length ? `the properties are ${names.join(", ")}` : "this type has no properties"}`);
      }
      out[k] = v;
    }
    return out;
  }
}

/** Revives `value` as a value of `type` (a TypeTable key or `xs:<builtin>`). */
export function reviveJson(types: TypeTable, type: TypeRef, value: unknown, options: ReviveOptions = {}, path = "$"): unknown {
  return new Reviver(types, options).value(type, value, path, 0);
}

/** Revives an operation's input (the method's argument) by its message descriptor. */
export function reviveInput(types: TypeTable, message: MessageDescriptor, value: unknown, options: ReviveOptions = {}, path = "body"): unknown {
  const r = new Reviver(types, options);
  const body = message.body;
  if (body.kind === "empty" || value === undefined) return value;
  if (body.kind === "element") return r.field(body.field, value, path, 0);
  return revivePartsLike(r, body.parts, value, options, path, "part");
}

/** Revives a headers object (keyed by each header's `prop`) by the message's header descriptors. */
export function reviveHeaders(types: TypeTable, message: MessageDescriptor, value: unknown, options: ReviveOptions = {}, path = "headers"): unknown {
  return revivePartsLike(new Reviver(types, options), message.headers ?? [], value, options, path, "header");
}

function revivePartsLike(r: Reviver, fields: readonly FieldDescriptor[], value: unknown, options: ReviveOptions, path: string, what: string): unknown {
  if (!isRecord(value)) return value;
  const out: Record<string, unknown> = {};
  const byProp = new Map(fields.map((f) => [propOf(f), f]));
  for (const [k, v] of Object.entries(value)) {
    const f = byProp.get(k);
    if (f === undefined) {
      if (options.rejectUnknownKeys === true) {
        throw new ReviveError(`${path}.${k}`, `unknown ${what}; ${byProp.size ? `the ${what}s are ${[...byProp.keys()].join(", ")}` : `this operation has no ${what}s`}`);
      }
      out[k] = v;
      continue;
    }
    out[k] = r.field(f, v, `${path}.${k}`, 0);
  }
  return out;
}
