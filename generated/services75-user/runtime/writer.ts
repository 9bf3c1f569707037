// The wsdlc runtime, copied into the output by the generator. DO NOT EDIT.
/**
 * Writes values as XML elements, driven by descriptors (the body and headers of a request). See encode.ts for
 * the envelope and the conventions (prefixes, three states, error paths).
 */
import type { ArrayDescriptor, DictionaryDescriptor, FacetsDescriptor, FieldDescriptor, Primitive, StructDescriptor, TypeRef, TypeTable } from "./descriptors.js";
import { EncodeError } from "./errors.js";
import type { FacetFeature } from "./features.js";
import type { SecretPolicy } from "./redact.js";
import {
  derivesFrom,
  type GroupProblem,
  groupProblem,
  groupsOf,
  isRecord,
  isRepeated,
  listedNames,
  lookupType,
  minOf,
  propOf,
  SER_NS,
  type StructInfo,
  structInfo,
  XSD_NS,
  XSI_NS,
} from "./schema.js";
import { collapse, decodePrimitive, encodePrimitive, enumeratedNumber, isNumericPrimitive, isStringPrimitive, lexicallyValid, primitiveOf, ValueError } from "./values.js";
import { escapeAttribute, escapeText, firstInvalidChar, isNCName, MAX_DEPTH, XML_NS, XMLNS_NS, type XmlElement } from "./xml.js";

export interface WriterContext {
  readonly types: TypeTable;
  readonly operation: string;
  /** rpc/encoded: values carry xsi:type. */
  readonly encoded: boolean;
  readonly encodingNs: string;
  readonly policy: SecretPolicy;
  readonly secrets: Set<string> | undefined;
  /** Check simple values against their XSD facets (length, pattern, bounds, digits) before writing them. */
  readonly validate: boolean;
  /** The facet checks (features.ts); without them `validate` checks enumerations and fixed values only. */
  readonly facets?: FacetFeature | undefined;
}

// `xml` is bound by definition and must never be declared (Namespaces in XML 1.0 §3); the others are declared
// on the Envelope with these names.
const FIXED_PREFIXES: Readonly<Record<string, string>> = {
  [XML_NS]: "xml",
  [XSI_NS]: "xsi",
  [XSD_NS]: "xsd",
  "http://schemas.xmlsoap.org/soap/encoding/": "soapenc",
  // A different prefix: one message may use both encodings (their prefixes must not collide).
  "http://www.w3.org/2003/05/soap-encoding": "soapenc12",
};

export class ValueWriter {
  /** Namespace URI → prefix, in order of first use; all are declared on the Envelope. */
  readonly prefixes = new Map<string, string>();
  readonly encodingNs: string;
  #count = 0;
  readonly #ctx: WriterContext;
  // The objects and arrays being written, outermost first, with their paths (see #enter).
  readonly #open: unknown[] = [];
  readonly #openPaths: string[] = [];

  constructor(ctx: WriterContext) {
    this.#ctx = ctx;
    this.encodingNs = ctx.encodingNs;
  }

  /** Whether values are checked against the schema (EncodeOptions.validate). */
  get validating(): boolean {
    return this.#ctx.validate;
  }

  prefix(uri: string): string {
    let p = this.prefixes.get(uri);
    if (p === undefined) {
      p = Object.hasOwn(FIXED_PREFIXES, uri) ? (FIXED_PREFIXES[uri] ?? "") : `ns${++this.#count}`;
      this.prefixes.set(uri, p);
    }
    return p;
  }

  /** Qualified name for output: no prefix for unqualified names (no default namespace is ever declared). */
  qn(local: string, ns: string): string {
    return ns === "" ? local : `${this.prefix(ns)}:${local}`;
  }

  error(path: string, message: string): EncodeError {
    return new EncodeError(`${this.#ctx.operation}: cannot encode ${path}: ${message}`, { operation: this.#ctx.operation, path });
  }

  /**
   * A field's element(s) for a property value; "" when the value is undefined (and allowed to be).
   * `inSecret`: the value belongs to a secret field (array items of one); otherwise the field's own name decides.
   */
  field(f: FieldDescriptor, value: unknown, path: string, inSecret: boolean): string {
    if (f.fixed !== undefined && f.alternatives === undefined && f.wildcard !== true && !isRepeated(f)) {
      // XSD `fixed`: the schema's value is sent when the caller leaves it out; another one is refused.
      if (value === undefined) {
        const prim = primitiveOf(f.type);
        const typeAttr = this.#ctx.encoded && prim !== undefined ? this.#xsiType(primitiveNs(prim), prim) : "";
        return leaf(this.qn(f.name, f.ns ?? ""), typeAttr, escapeText(f.fixed));
      }
      if (value !== null) this.#checkFixed(f.type, f.fixed, value, path, inSecret || this.#ctx.policy.isSecretField(f), f.facets);
    }
    if (value === undefined) {
      if (minOf(f) >= 1 && f.choice === undefined) throw this.error(path, "required value is missing");
      return "";
    }
    const secret = inSecret || this.#ctx.policy.isSecretField(f);
    if (f.wildcard === true) return this.#wildcard(f, value, path, secret);
    if (!isRepeated(f)) return this.one(f, value, path, secret);
    if (!Array.isArray(value)) throw this.error(path, "must be an array (the element repeats)");
    // No items of a group member: its group's check (fields) has said whether it may be left out.
    if (value.length < minOf(f) && !(value.length === 0 && f.choice !== undefined)) throw this.error(path, `needs at least ${minOf(f)} item(s)`);
    if (typeof f.max === "number" && value.length > f.max) throw this.error(path, `allows at most ${f.max} item(s)`);
    let out = "";
    for (let i = 0; i < value.length; i++) out += this.one(f, value[i], `${path}[${i}]`, secret);
    return out;
  }

  /** With validation on, a value other than the schema's `fixed` one is refused (compared as values). */
  #checkFixed(type: TypeRef, fixed: string, value: unknown, path: string, secret: boolean, facets: FacetsDescriptor | undefined): void {
    if (!this.#ctx.validate) return;
    const text = this.simple(type, value, path, secret, facets);
    if (!sameAsFixed(this.#ctx.types, type, text, fixed)) throw this.error(path, `must be the fixed value ${JSON.stringify(fixed)} (XSD fixed)`);
  }

  /** One occurrence of a field: null → nil (nillable only). */
  one(f: FieldDescriptor, value: unknown, path: string, secret: boolean): string {
    if (f.alternatives !== undefined) return this.#choiceItem(f.alternatives, value, path, secret);
    if (value === null) {
      if (f.nillable !== true) throw this.error(path, "is not nillable (null is not allowed)");
      return `<${this.qn(f.name, f.ns ?? "")} ${this.prefix(XSI_NS)}:nil="true"/>`;
    }
    if (value === undefined) throw this.error(path, "undefined is not allowed here");
    // A value whose `$type` is a substitution group member's type is written as that member's element.
    const derived = f.substitutes !== undefined && isRecord(value) ? value["$type"] : undefined;
    const member = derived === undefined ? undefined : f.substitutes?.find((s) => s.type === derived);
    // A member's element declaration has its own type: the head's anonymous facets are not its own.
    if (member !== undefined) return this.#element(this.qn(member.name, member.ns ?? ""), member.type, value, path, secret, undefined);
    return this.#element(this.qn(f.name, f.ns ?? ""), f.type, value, path, secret, f.facets);
  }

  /** One item of a choice list: an object with exactly one property, the alternative to write. */
  #choiceItem(alternatives: readonly FieldDescriptor[], value: unknown, path: string, inSecret: boolean): string {
    const keys = isRecord(value) ? Object.keys(value) : [];
    const key = keys.length === 1 ? keys[0] : undefined;
    const alt = key === undefined ? undefined : alternatives.find((a) => propOf(a) === key);
    if (alt === undefined || key === undefined || !isRecord(value)) {
      const names = alternatives.map(propOf).join(", ");
      throw this.error(path, `must be an object with exactly one of ${names} (an item of a repeated xs:choice)`);
    }
    return this.one(alt, value[key], `${path}.${key}`, inSecret || this.#ctx.policy.isSecretField(alt));
  }

  /** `facets`: the field's anonymous restriction of a simple type, if any. */
  #element(tag: string, type: TypeRef, value: unknown, path: string, secret: boolean, facets: FacetsDescriptor | undefined): string {
    const prim = primitiveOf(type);
    if (prim === "anyType") return this.#anyType(tag, value, path, secret);
    if (prim !== undefined) {
      return leaf(tag, this.#ctx.encoded ? this.#xsiType(primitiveNs(prim), prim) : "", this.simple(type, value, path, secret, facets));
    }
    const d = lookupType(this.#ctx.types, type);
    if (d === undefined) throw this.error(path, `descriptor error: unknown type "${type}"`);
    if (d.kind !== "struct" && d.kind !== "array" && d.kind !== "dictionary") {
      const typeAttr = this.#ctx.encoded && d.qname !== undefined ? this.#xsiType(d.qname[0], d.qname[1]) : "";
      return leaf(tag, typeAttr, this.simple(type, value, path, secret, facets));
    }
    this.enter(value, path);
    const out =
      d.kind === "struct"
        ? this.#struct(tag, type, d, value, path, secret)
        : d.kind === "array"
          ? this.#array(tag, d, value, path, secret)
          : this.#dictionary(tag, d, value, path, secret);
    this.leave();
    return out;
  }

  /**
   * Before a value's content is written: nesting is bounded as the reader bounds it (MAX_DEPTH), so a value
   * that holds itself is an EncodeError naming where, not a stack overflow. Also used for extra SOAP headers
   * (encode.ts); `leave` after the content.
   */
  enter(value: unknown, path: string): void {
    const open = this.#open;
    open.push(value);
    this.#openPaths.push(path);
    if (open.length <= MAX_DEPTH) return;
    const first = new Map<unknown, number>();
    for (let i = 0; i < open.length; i++) {
      const at = first.get(open[i]);
      if (at !== undefined) throw this.error(this.#openPaths[i] ?? path, `is the value of ${this.#openPaths[at] ?? ""} again: a value that contains itself cannot be written`);
      first.set(open[i], i);
    }
    throw this.error(path, `nested deeper than ${MAX_DEPTH} levels`);
  }

  leave(): void {
    this.#open.pop();
    this.#openPaths.pop();
  }

  #xsiType(ns: string, local: string): string {
    return ` ${this.prefix(XSI_NS)}:type="${this.qn(local, ns)}"`;
  }

  /**
   * Lexical form of a simple-typed value (primitive, enum, simple restriction, list, union), checked against the
   * facets of `type` and of every type it restricts, and against `facets` (an element's or attribute's
   * anonymous restriction) when given (XSD Part 2 §4.3).
   */
  simple(type: TypeRef, value: unknown, path: string, secret: boolean, facets?: FacetsDescriptor): string {
    const text = this.#lexical(type, value, path, secret);
    const checks = this.#ctx.facets;
    if (this.#ctx.validate && checks !== undefined) {
      const chain = checks.chain(this.#ctx.types, type);
      if (chain.base !== undefined && (facets !== undefined || chain.steps.length > 0)) {
        const problem = checks.violation(facets, chain.steps, chain.base, text, secret);
        if (problem !== undefined) throw this.error(path, problem);
      }
    }
    return text;
  }

  /** Lexical form of a simple-typed value, without facet checks (the caller checks the whole chain). */
  #lexical(type: TypeRef, value: unknown, path: string, secret: boolean): string {
    const prim = primitiveOf(type);
    if (prim !== undefined) {
      if (prim === "anyType") throw this.error(path, "descriptor error: xs:anyType is not a simple type");
      return this.#primitive(prim, value, path, secret);
    }
    const d = lookupType(this.#ctx.types, type);
    switch (d?.kind) {
      case "enum":
        if (isNumericPrimitive(primitiveOf(d.base))) {
          // Typed as number literals: 12 (or 12n, or "12") is the enumerated value "12", written as listed.
          const listed = enumeratedNumber(d.values, value);
          if (listed === undefined) {
            const shown = d.values.slice(0, 10).map(collapse).join(", ");
            throw this.error(path, `must be one of ${shown}${d.values.length > 10 ? ", …" : ""}`);
          }
          return this.#checked(collapse(listed), path, secret, false);
        }
        if (typeof value !== "string" || !d.values.includes(value)) {
          const shown = d.values
            .slice(0, 10)
            .map((v) => JSON.stringify(v))
            .join(", ");
          throw this.error(path, `must be one of ${shown}${d.values.length > 10 ? ", …" : ""}`);
        }
        return this.#lexical(d.base, value, path, secret);
      case "simple":
        return this.#lexical(d.base, value, path, secret);
      case "list": {
        if (!Array.isArray(value)) throw this.error(path, "must be an array (xs:list)");
        // XSD Part 2 §2.5.1.2: list items are separated by whitespace, so an item cannot contain any.
        const items = value.map((v, i) => this.simple(d.item, v, `${path}[${i}]`, secret));
        if (items.some((s) => s === "" || /[ \t\n\r]/.test(s))) throw this.error(path, "list items cannot be empty or contain whitespace");
        return items.join(" ");
      }
      case "union":
        return this.#union(d.members, value, path, secret);
      default:
        throw this.error(path, `descriptor error: "${type}" is not a simple type`);
    }
  }

  #union(members: readonly TypeRef[], value: unknown, path: string, secret: boolean): string {
    if (typeof value === "string") return this.#checked(value, path, secret, true);
    for (const m of members) {
      try {
        return this.simple(m, value, path, secret);
      } catch (e) {
        if (!(e instanceof EncodeError)) throw e;
      }
    }
    throw this.error(path, "does not match any member type of the union");
  }

  #primitive(prim: Exclude<Primitive, "anyType">, value: unknown, path: string, secret: boolean): string {
    if (prim === "QName") return this.#qnameValue(value, path);
    let text: string;
    try {
      text = encodePrimitive(prim, value);
    } catch (e) {
      if (e instanceof ValueError) throw this.error(path, `${e.message} (got ${shown(value, secret)})`);
      throw e;
    }
    // xs:date, time, duration and the g* types are sent as given: with validation on, they must be such values.
    if (this.#ctx.validate && !lexicallyValid(prim, text)) throw this.error(path, `expected an xs:${prim} value (got ${shown(value, secret)})`);
    return this.#checked(text, path, secret, isStringPrimitive(prim));
  }

  /** An xs:QName from Clark notation: the namespace gets a declared prefix (a prefix of the caller's means nothing here). */
  #qnameValue(value: unknown, path: string): string {
    if (typeof value !== "string") throw this.error(path, "must be a string (xs:QName, {namespace}local)");
    // The local part is an NCName (Namespaces in XML §4): `a&b` or `a"b` is no QName, even escaped.
    const clark = /^\{([^{}]*)\}([^{}]+)$/.exec(value);
    if (clark !== null && isNCName(clark[2] ?? "") && firstInvalidChar(clark[1] ?? "") < 0) return this.qn(clark[2] ?? "", clark[1] ?? "");
    if (isNCName(value)) return value;
    throw this.error(path, `xs:QName "${value}" must be written {namespace}local (or a bare local name for no namespace)`);
  }

  /** XML 1.0 §2.2 check, and secret collection for string values. */
  #checked(text: string, path: string, secret: boolean, isString: boolean): string {
    const bad = firstInvalidChar(text);
    if (bad >= 0) throw this.error(path, `contains a character not allowed in XML 1.0 (§2.2) at index ${bad}`);
    if (secret && isString && text !== "") this.#ctx.secrets?.add(text);
    return text;
  }

  #struct(tag: string, key: string, d: StructDescriptor, value: unknown, path: string, secret: boolean): string {
    if (!isRecord(value)) throw this.error(path, "must be an object");
    let actual = d;
    let typeAttr = "";
    const derived = value["$type"];
    if (derived !== undefined && derived !== key) {
      // `$type` selects a derived type; xsi:type tells the receiver (XSD Part 1 §2.6.1).
      const dd = typeof derived === "string" ? lookupType(this.#ctx.types, derived) : undefined;
      if (dd?.kind !== "struct" || !derivesFrom(this.#ctx.types, derived as string, key) || dd.qname === undefined) {
        throw this.error(`${path}.$type`, `must name ${key} or a named type derived from it`);
      }
      actual = dd;
      typeAttr = this.#xsiType(dd.qname[0], dd.qname[1]);
    } else if (this.#ctx.encoded && d.qname !== undefined) typeAttr = this.#xsiType(d.qname[0], d.qname[1]);
    const info = structInfo(this.#ctx.types, actual);
    if (this.#ctx.validate) this.#unknownProperties(info, value, path);
    let attrs = typeAttr;
    for (const a of info.attributes) {
      const prop = propOf(a);
      const v = value[prop];
      if (a.fixed !== undefined && (v === undefined || v === null)) {
        // XSD `fixed`: the schema's value is sent when the caller leaves it out.
        attrs += ` ${this.qn(a.name, a.ns ?? "")}="${escapeAttribute(a.fixed)}"`;
        continue;
      }
      if (v === undefined || v === null) {
        if (a.required === true) throw this.error(`${path}.${prop}`, "required attribute is missing");
        continue;
      }
      if (a.fixed !== undefined) this.#checkFixed(a.type, a.fixed, v, `${path}.${prop}`, this.#ctx.policy.isSecretName(a.name), a.facets);
      const text = this.simple(a.type, v, `${path}.${prop}`, this.#ctx.policy.isSecretName(a.name), a.facets);
      attrs += ` ${this.qn(a.name, a.ns ?? "")}="${escapeAttribute(text)}"`;
    }
    // Members are judged by their own names: a secret-looking struct name ("GetUntrustedCredentials") does not
    // make every member secret.
    let content = this.#fields(info.fields, value, path);
    if (info.text !== undefined) {
      const v = value[info.textProp];
      if (v !== undefined && v !== null) content += escapeText(this.simple(info.text, v, `${path}.${info.textProp}`, secret));
    }
    return content === "" ? `<${tag}${attrs}/>` : `<${tag}${attrs}>${content}</${tag}>`;
  }

  /**
   * With validation on, a property the type does not have (a misspelt name) is refused instead of being left out
   * of the request unseen. `$type`, and a property whose value is undefined, carry nothing and are let through.
   */
  #unknownProperties(info: StructInfo, value: Readonly<Record<string, unknown>>, path: string): void {
    let known: Set<string> | undefined;
    for (const k of Object.keys(value)) {
      if (k === "$type" || value[k] === undefined) continue;
      known ??= propsOf(info);
      if (!known.has(k)) {
        throw this.error(`${path}.${k}`, `unknown property; the properties are ${listedNames([...known])}`);
      }
    }
  }

  /**
   * Element fields in order. Members of one xs:choice are mutually exclusive, and the alternative sent (or an
   * optional xs:sequence whose members go together) needs its required members (see groupProblem).
   */
  #fields(fields: readonly FieldDescriptor[], value: Readonly<Record<string, unknown>>, path: string): string {
    const groups = groupsOf(fields);
    if (groups.length > 0) {
      // An empty array of a repeated member is as absent as decoding reads it (a decoded response holds `[]`
      // for the members of the alternatives not taken).
      const present = (f: FieldDescriptor): boolean => {
        const v = value[propOf(f)];
        return v !== undefined && !(Array.isArray(v) && v.length === 0 && isRepeated(f));
      };
      const problem = groupProblem(groups, present, (f) => minOf(f) >= 1 && !present(f));
      if (problem !== undefined) throw this.error(path, groupMessage(problem));
    }
    let out = "";
    for (const f of fields) {
      const prop = propOf(f);
      out += this.field(f, value[prop], `${path}.${prop}`, false);
    }
    return out;
  }

  #array(tag: string, d: ArrayDescriptor, value: unknown, path: string, secret: boolean): string {
    if (!Array.isArray(value)) throw this.error(path, "must be an array");
    if (d.encoded !== true && value.length < minOf(d.item)) throw this.error(path, `needs at least ${minOf(d.item)} item(s)`);
    if (typeof d.item.max === "number" && value.length > d.item.max) throw this.error(path, `allows at most ${d.item.max} item(s)`);
    let attrs = this.#ctx.encoded && d.qname !== undefined ? this.#xsiType(d.qname[0], d.qname[1]) : "";
    if (d.encoded === true) {
      // SOAP 1.1 §5.4.2: soapenc:arrayType="itemType[n]".
      const enc = this.prefix(this.#ctx.encodingNs);
      attrs = `${this.#xsiType(this.#ctx.encodingNs, "Array")} ${enc}:arrayType="${this.#typeName(d.item.type)}[${value.length}]"`;
    }
    const itemSecret = secret || this.#ctx.policy.isSecretField(d.item);
    let content = "";
    for (let i = 0; i < value.length; i++) content += this.one(d.item, value[i], `${path}[${i}]`, itemSecret);
    return content === "" ? `<${tag}${attrs}/>` : `<${tag}${attrs}>${content}</${tag}>`;
  }

  #typeName(type: TypeRef): string {
    const prim = primitiveOf(type);
    if (prim !== undefined) return this.qn(prim, primitiveNs(prim));
    const q = lookupType(this.#ctx.types, type)?.qname;
    return q === undefined ? this.qn("anyType", XSD_NS) : this.qn(q[1], q[0]);
  }

  #dictionary(tag: string, d: DictionaryDescriptor, value: unknown, path: string, secret: boolean): string {
    if (!isRecord(value)) throw this.error(path, "must be an object (dictionary)");
    const entry = this.qn(d.entry.name, d.entry.ns ?? "");
    const attrs = this.#ctx.encoded && d.qname !== undefined ? this.#xsiType(d.qname[0], d.qname[1]) : "";
    let content = "";
    for (const key of Object.keys(value)) {
      const v = value[key];
      if (v === undefined) continue;
      const p = `${path}[${JSON.stringify(key)}]`;
      const k = this.one(d.key, dictionaryKey(d.key.type, key), p, false);
      // An entry keyed "Password" holds a secret as surely as a <Password> element does.
      const valueSecret = secret || this.#ctx.policy.isSecretField(d.value) || this.#ctx.policy.isSecretName(key);
      content += `<${entry}>${k}${this.one(d.value, v, p, valueSecret)}</${entry}>`;
    }
    return content === "" ? `<${tag}${attrs}/>` : `<${tag}${attrs}>${content}</${tag}>`;
  }

  #wildcard(f: FieldDescriptor, value: unknown, path: string, secret: boolean): string {
    const items = Array.isArray(value) ? value : [value];
    if (items.length < minOf(f) && !(items.length === 0 && f.choice !== undefined)) throw this.error(path, `needs at least ${minOf(f)} element(s) (xs:any)`);
    const max = f.max === undefined ? 1 : f.max === "unbounded" ? Number.POSITIVE_INFINITY : f.max;
    if (items.length > max) throw this.error(path, `allows at most ${max} element(s) (xs:any)`);
    let out = "";
    for (let i = 0; i < items.length; i++) {
      const el: unknown = items[i];
      const p = `${path}[${i}]`;
      if (!isXmlElement(el)) throw this.error(p, "must be an XmlElement (xs:any)");
      out += this.#xmlElement(this.#elementQn(el, p), el, p, secret);
    }
    return out;
  }

  /** xs:anyType: an XmlElement's attributes and content under this tag, or a simple value with its xsi:type. */
  #anyType(tag: string, value: unknown, path: string, secret: boolean): string {
    if (isXmlElement(value)) return this.#xmlElement(tag, value, path, secret);
    let type: string;
    if (typeof value === "string") type = "string";
    else if (typeof value === "boolean") type = "boolean";
    else if (typeof value === "number") type = !Number.isInteger(value) ? "double" : Math.abs(value) <= 0x7fffffff ? "int" : "long";
    else throw this.error(path, "must be an XmlElement, a string, a number or a boolean (xs:anyType)");
    const text = type === "long" ? this.#primitive("long", value, path, secret) : this.#primitive(type as "string", value, path, secret);
    return leaf(tag, this.#xsiType(XSD_NS, type), text);
  }

  /**
   * Checks the name and namespace of a caller's XmlElement (here and in extra SOAP headers, encode.ts): names are
   * checked, not escaped, so that a value built from untrusted text cannot add markup (`x><Password`) or
   * elements of its own to the message.
   */
  checkElementName(name: string, ns: string, path: string): void {
    if (!isNCName(name)) throw this.error(path, "the element name must be an NCName (no prefix, no spaces)");
    if (ns === XMLNS_NS) throw this.error(path, "an element cannot be in the xmlns namespace");
    if (firstInvalidChar(ns) >= 0) throw this.error(path, "the namespace contains a character not allowed in XML 1.0 (§2.2)");
  }

  /** Checks an attribute's name and namespace as checkElementName does; `seen` (when given) finds a duplicate. */
  checkAttributeName(name: string, ns: string, path: string, seen: Set<string> | undefined): void {
    if (!isNCName(name) || firstInvalidChar(ns) >= 0) throw this.error(path, "the attribute name must be an NCName (no prefix, no spaces) in a namespace of XML characters");
    if (seen === undefined) return;
    const key = `{${ns}}${name}`;
    if (seen.has(key)) throw this.error(path, "duplicate attribute");
    seen.add(key);
  }

  /** The written name of a caller's XmlElement, checked (checkElementName). */
  #elementQn(el: XmlElement, path: string): string {
    this.checkElementName(el.name, el.ns, path);
    return this.qn(el.name, el.ns);
  }

  #xmlElement(tag: string, el: XmlElement, path: string, inSecret: boolean): string {
    const secret = inSecret || this.#ctx.policy.isSecretName(el.name);
    let attrs = "";
    const seen = el.attributes.length > 1 ? new Set<string>() : undefined;
    for (const a of el.attributes) {
      // Namespace declarations are ours to write; QName-valued xsi:type comes in Clark notation.
      if (a.ns === XMLNS_NS || (a.ns === "" && a.name === "xmlns")) continue;
      this.checkAttributeName(a.name, a.ns, `${path}@${a.name}`, seen);
      const clark = a.ns === XSI_NS && a.name === "type" ? /^\{([^}]*)\}(.+)$/.exec(a.value) : null;
      const value = clark === null ? this.#checked(a.value, path, secret, true) : this.qn(clark[2] ?? "", clark[1] ?? "");
      attrs += ` ${this.qn(a.name, a.ns)}="${escapeAttribute(value)}"`;
    }
    let content = "";
    for (const c of el.children) {
      if (typeof c === "string") content += escapeText(this.#checked(c, path, secret, true));
      else if (isXmlElement(c)) {
        const p = `${path}/${c.name}`;
        this.enter(c, p);
        content += this.#xmlElement(this.#elementQn(c, p), c, p, secret);
        this.leave();
      } else throw this.error(path, "children must be strings or XmlElements");
    }
    return content === "" ? `<${tag}${attrs}/>` : `<${tag}${attrs}>${content}</${tag}>`;
  }
}

/** The built-in type a simple type ends in (through restrictions and enumerations); undefined for lists and unions. */
function simpleBase(types: TypeTable, type: TypeRef): Primitive | undefined {
  let t: TypeRef = type;
  for (let i = 0; i < 64; i++) {
    const prim = primitiveOf(t);
    if (prim !== undefined) return prim;
    const d = lookupType(types, t);
    if (d?.kind !== "simple" && d?.kind !== "enum") return undefined;
    t = d.base;
  }
  return undefined;
}

/**
 * Whether lexical `text` is the fixed value `fixed` of `type`: equal as values of its built-in base ("03" is 3
 * for xs:int, whitespace as the type's whiteSpace facet says), else equal after whitespace collapsing.
 */
export function sameAsFixed(types: TypeTable, type: TypeRef, text: string, fixed: string): boolean {
  const prim = simpleBase(types, type);
  if (prim !== undefined && prim !== "anyType" && prim !== "QName") {
    try {
      const a = decodePrimitive(prim, text);
      const b = decodePrimitive(prim, fixed);
      if (a instanceof Uint8Array && b instanceof Uint8Array) return a.length === b.length && a.every((x, i) => x === b[i]);
      if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
      return a === b || (typeof a === "number" && typeof b === "number" && Number.isNaN(a) && Number.isNaN(b));
    } catch (e) {
      if (!(e instanceof ValueError)) throw e;
    }
  }
  return collapse(text) === collapse(fixed);
}

function leaf(tag: string, attrs: string, text: string): string {
  return text === "" ? `<${tag}${attrs}/>` : `<${tag}${attrs}>${escapeText(text)}</${tag}>`;
}

function primitiveNs(prim: Primitive): string {
  return prim === "guid" || prim === "char" ? SER_NS : XSD_NS;
}

function isXmlElement(v: unknown): v is XmlElement {
  return isRecord(v) && typeof v["name"] === "string" && typeof v["ns"] === "string" && Array.isArray(v["attributes"]) && Array.isArray(v["children"]);
}

/** Dictionary keys are object keys (strings); give the key's codec the input type it expects. */
function dictionaryKey(type: TypeRef, key: string): unknown {
  const prim = primitiveOf(type);
  switch (prim) {
    case "int":
    case "short":
    case "byte":
    case "unsignedInt":
    case "unsignedShort":
    case "unsignedByte":
    case "float":
    case "double":
    case "char":
      return /^[+-]?[0-9.eE+-]+$/.test(key) ? Number(key) : key;
    case "boolean":
      return key === "true" ? true : key === "false" ? false : key;
    default:
      return key;
  }
}

/** An encoding problem with a struct's groups, naming the properties. */
function groupMessage(p: GroupProblem): string {
  switch (p.kind) {
    case "two":
      return `${propOf(p.first)} and ${propOf(p.other)} are alternatives (xs:choice): set only one`;
    case "none":
      return `one of ${p.group.members.map(propOf).join(" | ")} is required (xs:choice)`;
    case "missing":
      return p.sequence
        ? `${propOf(p.field)} is required with ${propOf(p.with)} (one optional xs:sequence: all of its required members, or none)`
        : `${propOf(p.field)} is required with ${propOf(p.with)} (the same xs:choice alternative)`;
  }
}

/**
 * What a refused simple value was, for its message: a short scalar of a field that is not secret as itself
 * (`3.5`, `"12:00"`), anything else by its kind only (`an object`, `a string` for a secret field).
 */
function shown(value: unknown, secret: boolean): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? "an invalid Date" : "a Date";
  if (value instanceof Uint8Array) return "a Uint8Array";
  if (typeof value === "object") return "an object";
  if (typeof value === "undefined") return "undefined";
  if (!secret && typeof value === "string") return value.length <= 40 ? JSON.stringify(value) : `a string of ${value.length} characters`;
  if (!secret && (typeof value === "number" || typeof value === "boolean")) return String(value);
  if (!secret && typeof value === "bigint") return `${value}n`;
  return `a ${typeof value}`;
}

const knownProps = new WeakMap<StructInfo, Set<string>>();

/** The properties a struct's values may have: its fields', its attributes' and its simple content's. */
function propsOf(info: StructInfo): Set<string> {
  let known = knownProps.get(info);
  if (known === undefined) {
    known = new Set([...info.fields.map(propOf), ...info.attributes.map(propOf)]);
    if (info.text !== undefined) known.add(info.textProp);
    knownProps.set(info, known);
  }
  return known;
}
