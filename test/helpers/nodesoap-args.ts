/**
 * node-soap's argument object (a request-response sample's request.json) → the input a wsdlc client takes for
 * the same operation, by the operation's descriptors (the generated schema). node-soap's conventions:
 *
 * - `attributes` (or `wsdl_options.attributesKey`) holds an element's XML attributes, `$value` (or
 *   `valueKey`) its text; `attributes.xsi_type = { type, xmlns }` forces `xsi:type`, which is wsdlc's `$type`
 *   (the TypeTable key of the type with that qualified name).
 * - A repeated element takes one value or an array; keys may carry a namespace prefix (`s1:bstrResourceId`);
 *   a string may be a CDATA section (`<![CDATA[ … ]]>`), whose text is the value.
 * - Values are not typed: numbers and booleans arrive as strings ("true", "1.00") or strings as numbers, so a
 *   value is converted to what the wsdlc codec of its XSD type takes (numbers for xs:int/float/double,
 *   booleans for xs:boolean, strings for string types; xs:long/decimal/dateTime take strings as they are).
 * - An object where xs:anyType is declared is an element's content: its keys become child elements; a scalar
 *   there is the element's text (untyped, as node-soap sends it: no xsi:type).
 *
 * The result then goes through the runtime's own reviver (templates/runtime/revive.ts, as `wsdlc call` uses it)
 * with `rejectUnknownKeys`, which turns base64/hex strings into bytes and names, with its path, any key that is
 * not in the schema: args that do not fit the schema are a ReviveError, not silently dropped.
 */
import type { FieldDescriptor, MessageDescriptor, StructDescriptor, TypeRef, TypeTable } from "../../templates/runtime/descriptors.js";
import { reviveInput } from "../../templates/runtime/revive.js";
import { isRecord, isRepeated, lookupType, propOf, structInfo, typeByQName } from "../../templates/runtime/schema.js";
import { primitiveOf } from "../../templates/runtime/values.js";
import type { XmlElement } from "../../templates/runtime/xml.js";

export interface NodeSoapKeys {
  /** node-soap's `attributesKey` (default `attributes`). */
  readonly attributesKey?: string;
  /** node-soap's `valueKey` (default `$value`). */
  readonly valueKey?: string;
}

/** An args value node-soap accepts that has no wsdlc equivalent (a raw `$xml` fragment, an unknown xsi_type). */
export class NodeSoapArgsError extends Error {
  readonly path: string;
  constructor(path: string, message: string) {
    super(`${path}: ${message}`);
    this.name = "NodeSoapArgsError";
    this.path = path;
  }
}

const XSI = "http://www.w3.org/2001/XMLSchema-instance";
const CDATA = /^<!\[CDATA\[([\s\S]*)\]\]>$/;
/** Codecs that take only a JavaScript number (values.ts: intCodec, floatCodec). */
const NUMBER_ONLY = new Set(["int", "short", "byte", "unsignedInt", "unsignedShort", "unsignedByte", "float", "double"]);
/** Codecs that take only a string. */
const STRING_ONLY = new Set([
  "string",
  "normalizedString",
  "token",
  "language",
  "Name",
  "NCName",
  "NMTOKEN",
  "NMTOKENS",
  "ID",
  "IDREF",
  "IDREFS",
  "ENTITY",
  "ENTITIES",
  "anyURI",
  "date",
  "time",
  "duration",
  "gYear",
  "gYearMonth",
  "gMonth",
  "gMonthDay",
  "gDay",
  "guid",
]);

/** The wsdl_options keys of a sample folder (its wsdl_options.json or wsdl_options.from-js.json), if any. */
export function nodeSoapKeys(options: unknown): NodeSoapKeys {
  if (!isRecord(options)) return {};
  const a = options["attributesKey"];
  const v = options["valueKey"];
  return { ...(typeof a === "string" ? { attributesKey: a } : {}), ...(typeof v === "string" ? { valueKey: v } : {}) };
}

class Converter {
  readonly attributesKey: string;
  readonly valueKey: string;
  constructor(
    readonly types: TypeTable,
    keys: NodeSoapKeys,
  ) {
    this.attributesKey = keys.attributesKey ?? "attributes";
    this.valueKey = keys.valueKey ?? "$value";
  }

  /** A field's value: an array when the element repeats (one value becomes a one-item array). */
  field(f: FieldDescriptor, value: unknown, path: string): unknown {
    if (value === null || value === undefined || f.wildcard === true) return value;
    if (f.alternatives !== undefined) return this.choiceList(f, value, path);
    if (isRepeated(f)) return (Array.isArray(value) ? value : [value]).map((v, i) => this.value(f.type, v, `${path}[${i}]`));
    return this.value(f.type, value, path);
  }

  /** A repeated xs:choice: node-soap keys the alternatives by element name; wsdlc takes `[{ Alt: value }, …]`. */
  private choiceList(f: FieldDescriptor, value: unknown, path: string): unknown {
    if (!isRecord(value)) return value;
    const out: Record<string, unknown>[] = [];
    for (const [k, v] of Object.entries(value)) {
      const alt = f.alternatives?.find((a) => propOf(a) === localOf(k) || a.name === localOf(k));
      if (alt === undefined) return value;
      for (const item of Array.isArray(v) ? v : [v]) out.push({ [propOf(alt)]: this.value(alt.type, item, `${path}.${k}`) });
    }
    return out;
  }

  value(type: TypeRef, value: unknown, path: string): unknown {
    if (value === null || value === undefined) return value;
    const prim = primitiveOf(type);
    if (prim === "anyType") return this.anyType(value, path);
    if (prim !== undefined) return this.primitive(prim, this.text(value), path);
    const d = lookupType(this.types, type);
    switch (d?.kind) {
      case undefined:
        return value;
      case "struct":
        return this.struct(type, d, value, path);
      case "simple":
        return this.value(d.base, this.text(value), path);
      case "enum": {
        const t = this.text(value);
        // Numeric enumerations take numbers or their strings; string enumerations strings.
        return typeof t === "number" || typeof t === "boolean" ? (primitiveOf(d.base) === "string" ? String(t) : t) : t;
      }
      case "list":
        return typeof value === "string" ? value.split(/[ \t\n\r]+/).filter((s) => s !== "") : value;
      case "union":
        return typeof value === "number" || typeof value === "boolean" ? String(value) : value;
      case "array": {
        // node-soap gives the wrapper's content: `{ item: [...] }`; wsdlc takes the array itself.
        const items = isRecord(value) && !Array.isArray(value) ? itemsOf(value, d.item) : value;
        return (Array.isArray(items) ? items : [items]).map((v, i) => this.field({ ...d.item, max: 1 }, v, `${path}[${i}]`));
      }
      case "dictionary":
        return value;
    }
  }

  /** `{ $value: … }` (an element with attributes and text, given to a simple type) is its text. */
  private text(value: unknown): unknown {
    if (isRecord(value) && Object.hasOwn(value, this.valueKey)) return value[this.valueKey];
    return value;
  }

  private primitive(prim: string, value: unknown, path: string): unknown {
    let v = value;
    if (typeof v === "string") {
      const cdata = CDATA.exec(v);
      if (cdata !== null) v = cdata[1] ?? "";
    }
    if (prim === "boolean" && typeof v === "string" && /^\s*(true|false|1|0)\s*$/.test(v)) return /^\s*(true|1)\s*$/.test(v);
    if (NUMBER_ONLY.has(prim) && typeof v === "string" && v.trim() !== "" && !Number.isNaN(Number(v))) return Number(v);
    if ((STRING_ONLY.has(prim) || prim === "dateTime") && (typeof v === "number" || typeof v === "boolean")) return String(v);
    if (isRecord(v)) throw new NodeSoapArgsError(path, `an object where the schema has the simple type xs:${prim}`);
    return v;
  }

  private struct(key: string, d: StructDescriptor, value: unknown, path: string): unknown {
    if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") {
      // A bare value for a simple-content type is its text.
      const info = structInfo(this.types, d);
      return info.text === undefined ? value : { [info.textProp]: this.value(info.text, value, path) };
    }
    if (!isRecord(value)) return value;
    if (Object.hasOwn(value, "$xml")) throw new NodeSoapArgsError(`${path}.$xml`, "a raw XML fragment (node-soap's $xml) has no counterpart in a typed input");
    const attrs = value[this.attributesKey];
    let actual = d;
    const out: Record<string, unknown> = {};
    const xsiType = isRecord(attrs) ? attrs["xsi_type"] : undefined;
    if (xsiType !== undefined) {
      const t = isRecord(xsiType) ? typeByQName(this.types, typeof xsiType["xmlns"] === "string" ? xsiType["xmlns"] : "", String(xsiType["type"])) : undefined;
      const td = t === undefined ? undefined : lookupType(this.types, t);
      if (t === undefined || td?.kind !== "struct")
        throw new NodeSoapArgsError(`${path}.${this.attributesKey}.xsi_type`, `names no complex type of the schema (${JSON.stringify(xsiType)})`);
      actual = td;
      if (t !== key) out["$type"] = t;
    }
    const info = structInfo(this.types, actual);
    const fieldOf = (k: string): FieldDescriptor | undefined => info.fields.find((f) => propOf(f) === k) ?? info.fields.find((f) => f.name === localOf(k));
    if (isRecord(attrs)) {
      for (const [k, v] of Object.entries(attrs)) {
        if (k === "xsi_type") continue;
        const a = info.attributes.find((x) => propOf(x) === k) ?? info.attributes.find((x) => x.name === localOf(k));
        // An attribute the schema lacks stays under its own name, for the reviver to report.
        out[a === undefined ? `@${k}` : propOf(a)] = a === undefined ? v : this.value(a.type, v, `${path}.${this.attributesKey}.${k}`);
      }
    }
    for (const [k, v] of Object.entries(value)) {
      if (k === this.attributesKey) continue;
      if (k === this.valueKey) {
        if (info.text === undefined) out[k] = v;
        else out[info.textProp] = this.value(info.text, v, `${path}.${k}`);
        continue;
      }
      const f = fieldOf(k);
      if (f === undefined) out[k] = v;
      else out[propOf(f)] = this.field(f, v, `${path}.${k}`);
    }
    return out;
  }

  /**
   * xs:anyType: an object is an element's content (keys → unqualified children), a scalar its text. node-soap's
   * values are untyped, so a scalar is text, not a typed value (which wsdlc would send with an xsi:type).
   */
  private anyType(value: unknown, path: string): unknown {
    if (isRecord(value)) return this.element("", "", value, path);
    if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return { name: "", ns: "", attributes: [], children: [String(value)] };
    return value;
  }

  private element(name: string, ns: string, value: Readonly<Record<string, unknown>>, path: string): XmlElement {
    const attributes: { name: string; ns: string; value: string }[] = [];
    const children: (XmlElement | string)[] = [];
    for (const [k, v] of Object.entries(value)) {
      if (k === this.attributesKey && isRecord(v)) {
        for (const [an, av] of Object.entries(v)) {
          // xsi_type: { type, xmlns } is xsi:type, whose QName value an XmlElement carries in Clark notation.
          if (an === "xsi_type" && isRecord(av)) attributes.push({ name: "type", ns: XSI, value: `{${String(av["xmlns"] ?? "")}}${String(av["type"])}` });
          else attributes.push({ name: an, ns: "", value: String(av) });
        }
      } else if (k === this.valueKey) children.push(String(v));
      else {
        for (const item of Array.isArray(v) ? v : [v]) {
          if (isRecord(item)) children.push(this.element(localOf(k), "", item, `${path}.${k}`));
          else children.push({ name: localOf(k), ns: "", attributes: [], children: item === null || item === undefined ? [] : [String(item)] });
        }
      }
    }
    return { name, ns, attributes, children };
  }
}

function localOf(key: string): string {
  const i = key.indexOf(":");
  return i < 0 ? key : key.slice(i + 1);
}

function itemsOf(value: Readonly<Record<string, unknown>>, item: FieldDescriptor): unknown {
  const keys = Object.keys(value);
  const key = keys.find((k) => k === propOf(item) || localOf(k) === item.name);
  return key !== undefined && keys.length === 1 ? value[key] : value;
}

/**
 * The wsdlc input for an operation's request message from node-soap's args. Throws NodeSoapArgsError for what
 * node-soap has and wsdlc cannot express, and the reviver's ReviveError for args that do not fit the schema.
 */
export function nodeSoapArgs(types: TypeTable, message: MessageDescriptor, args: unknown, keys: NodeSoapKeys = {}): unknown {
  const c = new Converter(types, keys);
  const body = message.body;
  let input: unknown;
  if (body.kind === "empty") input = undefined;
  else if (body.kind === "element") input = c.field(body.field, args, "body");
  else if (!isRecord(args)) input = args;
  else {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(args)) {
      if (k === "$xml") throw new NodeSoapArgsError("body.$xml", "a raw XML fragment (node-soap's $xml) has no counterpart in a typed input");
      const part = body.parts.find((p) => propOf(p) === k) ?? body.parts.find((p) => p.name === localOf(k));
      if (part === undefined) out[k] = v;
      else out[propOf(part)] = c.field(part, v, `body.${k}`);
    }
    input = out;
  }
  return reviveInput(types, message, input, { rejectUnknownKeys: true }, "body");
}
