// The wsdlc runtime, copied into the output by the generator. DO NOT EDIT.
/**
 * Reads values from the XML token stream in one pass, driven by descriptors (no intermediate DOM, except for
 * xs:anyType and xs:any content, which are data). See decode.ts for the envelope.
 *
 * Leniency (default): elements are matched by namespace and local name, falling back to the local name alone;
 * unknown elements and stray text are skipped; missing required elements are left absent. `strict` turns each of
 * these into a DecodeError.
 *
 * Binary values (base64Binary, hexBinary, and simple content derived from them such as xmime:base64Binary) may
 * refer to an attachment of a multipart response instead of holding their bytes: that is read by the multipart
 * feature (multipart.ts `binary`), which generated clients with binary values name.
 */
import type { ArrayDescriptor, DictionaryDescriptor, FieldDescriptor, Primitive, StructDescriptor, TypeRef, TypeTable } from "./descriptors.js";
import { DecodeError } from "./errors.js";
import type { AttachmentLookup, MultipartFeature } from "./features.js";
import { redactCause, type Redactor } from "./redact.js";
import {
  byLocalName,
  choiceListOf,
  derivesFrom,
  elementFields,
  isRecord,
  isRepeated,
  lookupType,
  matchField,
  matchPlan,
  groupProblem,
  groupsOf,
  minOf,
  planOf,
  propOf,
  structInfo,
  typePlan,
  type FieldPlan,
  type TypePlan,
  substituteHead,
  typeByQName,
  XSI_NS,
} from "./schema.js";
import { collapse, decodePrimitive, enumeratedNumber, isNumericPrimitive, lexicallyValid, primitiveOf, ValueError } from "./values.js";
import { END, readElement, START, TEXT, XMLNS_NS, type XmlAttribute, type XmlElement, XmlError, type XmlReader } from "./xml.js";
import { sameAsFixed } from "./writer.js";

export interface ReaderContext {
  readonly types: TypeTable;
  readonly strict: boolean;
  readonly operation: string;
  readonly redactor: Redactor;
  /**
   * Binary values that refer to attachments (MTOM/XOP, SwA, swaRef: the descriptor's `features.multipart`);
   * without it a binary value is read as its text.
   */
  readonly multipart?: MultipartFeature | undefined;
  /** The attachments of a multipart response, for references from binary values. */
  readonly attachments?: AttachmentLookup | undefined;
  /** SOAP encoding (rpc/encoded): any accessor may be xsi:nil (SOAP 1.1 §5.1), whatever the schema says. */
  readonly encoded?: boolean | undefined;
  /**
   * Lenient decoding: receives each departure from the generated types (see `ValueReader.mismatch`) instead of
   * it being thrown; the value then breaks its type as the error says.
   */
  readonly onMismatch?: ((e: DecodeError) => void) | undefined;
}

/**
 * What a lenient decode found that the schema does not declare: child elements (in document order) and
 * attributes (namespace declarations and xsi:* excepted). Kept, not dropped, so that a server newer than its
 * WSDL loses no data; reachable with `extras(value)`. Not re-sent when the value is encoded again.
 */
export interface Extras {
  readonly elements: readonly XmlElement[];
  readonly attributes: readonly XmlAttribute[];
}

/** The undeclared elements and attributes decoding kept on a decoded object (a struct or the headers), if any. */
export function extras(value: unknown): Extras | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const e = (value as { readonly $extras?: unknown }).$extras;
  return typeof e === "object" && e !== null ? (e as Extras) : undefined;
}

/** The object's extras, created (as a non-enumerable `$extras`: invisible to JSON and deep equality) on first use. */
export function extrasOf(obj: Record<string, unknown>): { elements: XmlElement[]; attributes: XmlAttribute[] } {
  const found = extras(obj);
  if (found !== undefined) return found as { elements: XmlElement[]; attributes: XmlAttribute[] };
  const created = { elements: [] as XmlElement[], attributes: [] as XmlAttribute[] };
  Object.defineProperty(obj, "$extras", { value: created, enumerable: false });
  return created;
}

/** Assigns a property; `__proto__` becomes an own property instead of changing the prototype. */
export function setProp(obj: Record<string, unknown>, prop: string, value: unknown): void {
  if (prop === "__proto__") Object.defineProperty(obj, prop, { value, enumerable: true, writable: true, configurable: true });
  else obj[prop] = value;
}

export class ValueReader {
  readonly #names: string[] = [];
  readonly #indexes: number[] = [];
  readonly #starts: number[] = [];
  readonly #secretFlags: boolean[] = [];
  readonly strict: boolean;
  readonly r: XmlReader;
  readonly ctx: ReaderContext;

  constructor(r: XmlReader, ctx: ReaderContext) {
    this.r = r;
    this.ctx = ctx;
    this.strict = ctx.strict;
  }

  /**
   * Enters an element for error paths; `index` > 0 is shown as `[index]` (1-based, XPath-like). `secret`: the
   * element's own text must not appear in messages.
   */
  enter(name: string, index = 0, secret = false): void {
    this.#names.push(name);
    this.#indexes.push(index);
    this.#starts.push(this.r.tokenStart);
    this.#secretFlags.push(secret);
  }

  /** Whether the current element is secret (array items inherit this from their array's field). */
  get #secret(): boolean {
    return this.#secretFlags[this.#secretFlags.length - 1] === true;
  }

  leave(): void {
    this.#names.pop();
    this.#indexes.pop();
    this.#starts.pop();
    this.#secretFlags.pop();
  }

  path(): string {
    return this.#names.map((n, i) => ((this.#indexes[i] ?? 0) > 0 ? `${n}[${this.#indexes[i]}]` : n)).join("/");
  }

  error(message: string, offset: number = this.r.tokenStart, cause?: unknown): DecodeError {
    const { line, column } = this.r.position(offset);
    const path = this.path();
    const where = path === "" ? "" : ` at ${path}`;
    const text = `${this.ctx.operation}: cannot decode the response${where} (line ${line}, column ${column}): ${message}`;
    // A cause (the tokenizer's XmlError) quotes the response too: it is kept redacted like the message.
    const r = this.ctx.redactor;
    const safe = cause === undefined ? undefined : cause instanceof XmlError ? new XmlError(r.text(cause.reason), cause.offset, cause.line, cause.column) : redactCause(cause, r);
    return new DecodeError(r.text(text), { operation: this.ctx.operation, path: r.text(path), line, column, cause: safe });
  }

  /**
   * A response that breaks the generated types (a required element or attribute missing, xsi:nil where the
   * schema does not allow it, two alternatives of a choice or none of a required one, an abstract type without
   * xsi:type): a DecodeError, unless lenient decoding has an `onMismatch` hook, which is told and decoding goes on.
   */
  mismatch(message: string, offset: number = this.r.tokenStart): void {
    const e = this.error(message, offset);
    const hook = this.strict ? undefined : this.ctx.onMismatch;
    if (hook === undefined) throw e;
    hook(e);
  }

  /** A malformed-XML error from the tokenizer, with the current element path. */
  syntax(e: XmlError): DecodeError {
    return this.error(`malformed XML: ${e.reason}`, e.offset, e);
  }

  /** An invalid lexical value; the text is shown unless the element is secret-looking. */
  #invalid(message: string, text: string): DecodeError {
    // Redacted before it is cut: a long secret cut short would no longer match, and its start would show.
    const safe = this.ctx.redactor.text(text);
    const shown = this.#secret ? "" : `: ${JSON.stringify(safe.length > 60 ? `${safe.slice(0, 60)}…` : safe)}`;
    return this.error(`${message}${shown}`, this.#starts[this.#starts.length - 1]);
  }

  /**
   * The reader is on a START of field `f`; returns its value and leaves the reader on the matching END.
   * `inSecret`: the value belongs to a secret field (the items of a secret array).
   */
  field(f: FieldDescriptor, index = 0, inSecret = false): unknown {
    return this.planned(planOf(f), index, inSecret);
  }

  /** `field` by its plan. */
  planned(p: FieldPlan, index = 0, inSecret = false): unknown {
    const policy = this.ctx.redactor.policy;
    if (p.secretFor !== policy) {
      p.secret = policy.isSecretField(p.f);
      p.secretFor = policy;
    }
    this.enter(p.name, index, inSecret || p.secret);
    let v: unknown;
    if (p.wildcard) v = readElement(this.r);
    else {
      const types = this.ctx.types;
      if (p.typesFor !== types) {
        p.typePlan = typePlan(types, p.type, primitiveOf);
        p.typesFor = types;
      }
      v = this.value(p.type, p.typePlan);
    }
    if (v === null && p.f.nillable !== true && this.ctx.encoded !== true) this.mismatch(`<${p.name}> is xsi:nil but not nillable`, this.elementStart);
    if (p.special) this.#special(p.f, v);
    this.leave();
    return v;
  }

  /** The checks of a fixed-valued field or a substitution group member, after its value is read. */
  #special(f: FieldDescriptor, v: unknown): void {
    if (f.fixed !== undefined && this.strict && v !== null && !this.#isFixed(f.type, v, f.fixed)) throw this.error(`element <${f.name}> is not its fixed value`, this.elementStart);
    // A substitution group member with a type of its own: say which, as xsi:type would.
    const head = substituteHead(f);
    if (head !== undefined && head.type !== f.type && isRecord(v) && !Object.hasOwn(v, "$type")) setProp(v, "$type", f.type);
  }

  /** Whether a decoded simple value is the fixed value (decoded the same way); other values are not judged. */
  #isFixed(type: TypeRef, v: unknown, fixed: string): boolean {
    if (typeof v !== "string" && typeof v !== "number" && typeof v !== "bigint" && typeof v !== "boolean") return true;
    let expected: unknown;
    try {
      expected = this.simple(type, fixed);
    } catch {
      return true;
    }
    return v === expected || (typeof v === "string" && sameAsFixed(this.ctx.types, type, v, fixed));
  }

  /** Value of the current element as `type`, honouring xsi:nil and xsi:type (XSD Part 1 §2.6). */
  value(type: TypeRef, plan?: TypePlan): unknown {
    const r = this.r;
    let actual = type;
    const attrs = r.attributes;
    for (let i = 0; i < attrs.length; i++) {
      const a = attrs[i] as XmlAttribute;
      if (a.ns !== XSI_NS) continue;
      if (a.name === "nil" && (collapse(a.value) === "true" || collapse(a.value) === "1")) {
        r.skip();
        return null;
      }
      if (a.name === "type") actual = this.#xsiType(a.value, type);
    }
    const { prim, d } = plan !== undefined && actual === type ? plan : typePlan(this.ctx.types, actual, primitiveOf);
    if (prim === "anyType") return readElement(r);
    const mp = this.ctx.multipart;
    if (prim === "base64Binary" || prim === "hexBinary") return mp === undefined ? this.primitive(prim, this.text()) : mp.binary(this, prim);
    if (prim !== undefined) return this.primitive(prim, this.text());
    switch (d?.kind) {
      case undefined:
        throw this.error(`descriptor error: unknown type "${actual}"`);
      case "struct":
        return this.struct(d, actual !== type ? actual : undefined);
      case "array":
        return this.#array(d);
      case "dictionary":
        return this.#dictionary(d);
      case "simple": {
        const bin = mp?.binaryBase(this.ctx.types, d.base);
        return bin === undefined || mp === undefined ? this.simple(actual, this.text()) : mp.binary(this, bin);
      }
      default:
        return this.simple(actual, this.text());
    }
  }

  /** The type to decode with: a struct named by xsi:type when it derives from the declared type. */
  #xsiType(value: string, declared: TypeRef): TypeRef {
    const q = this.r.resolveQName(value);
    if (q === undefined) {
      if (this.strict) throw this.error(`xsi:type "${value}" uses an undeclared prefix`);
      return declared;
    }
    const key = typeByQName(this.ctx.types, q.ns, q.local);
    if (key === undefined || key === declared || lookupType(this.ctx.types, key)?.kind !== "struct") return declared;
    if (derivesFrom(this.ctx.types, key, declared)) return key;
    if (this.strict && primitiveOf(declared) !== "anyType") throw this.error(`xsi:type ${q.local} does not derive from the declared type`);
    return declared;
  }

  /** Character content of a simple-typed element; the reader ends on its END. */
  text(): string {
    const r = this.r;
    let k = r.next();
    if (k === END) return "";
    let out = "";
    if (k === TEXT) {
      out = r.text;
      k = r.next();
      if (k === END) return out;
    }
    for (; ; k = r.next()) {
      const k = r.next();
      if (k === TEXT) out += r.text;
      else if (k === START) {
        if (this.strict) throw this.error(`unexpected element <${r.qname}> in simple content`);
        r.skip();
      } else return out;
    }
  }

  /** Offset of the current element's start tag. */
  get elementStart(): number {
    return this.#starts[this.#starts.length - 1] ?? this.r.tokenStart;
  }

  /**
   * Decodes a lexical value of a primitive type; an invalid one is a DecodeError that shows it (unless secret).
   * xs:QName resolves its prefix in the current element's scope.
   */
  primitive(prim: Exclude<Primitive, "anyType">, text: string): unknown {
    if (prim === "QName") return this.#qname(text);
    try {
      const value = decodePrimitive(prim, text);
      // Kept as text (xs:date, time, duration, g*): strict decoding also wants it to be such a value.
      if (this.strict && typeof value === "string" && !lexicallyValid(prim, value)) throw this.#invalid(`not a valid ${prim}`, text);
      return value;
    } catch (e) {
      if (e instanceof ValueError) throw this.#invalid(e.message, text);
      throw e;
    }
  }

  /** An xs:QName in Clark notation, its prefix resolved in the scope of the element it was read from. */
  #qname(text: string): string {
    const q = this.r.resolveQName(text);
    if (q === undefined) {
      if (this.strict) throw this.#invalid("xs:QName with an undeclared prefix", text);
      return collapse(text);
    }
    return q.ns === "" ? q.local : `{${q.ns}}${q.local}`;
  }

  /** A simple type's value from text (attributes, simple content, list items). */
  simple(type: TypeRef, text: string): unknown {
    const { prim, d } = typePlan(this.ctx.types, type, primitiveOf);
    if (prim !== undefined) {
      if (prim === "anyType") return text;
      return this.primitive(prim, text);
    }
    switch (d?.kind) {
      case "enum": {
        const v = this.simple(d.base, text);
        if (isNumericPrimitive(primitiveOf(d.base))) {
          // Typed as number literals: an enumerated value is that number (not a bigint or a DecimalString);
          // one the schema does not list keeps its base type's value (lenient) or is an error (strict).
          const listed = enumeratedNumber(d.values, v);
          if (listed !== undefined) return Number(collapse(listed));
          if (this.strict) throw this.#invalid("not one of the enumerated values", text);
          return v;
        }
        if (this.strict && !d.values.includes(String(v))) throw this.#invalid("not one of the enumerated values", text);
        return v;
      }
      case "simple":
        return this.simple(d.base, text);
      case "list": {
        const items = collapse(text);
        return items === "" ? [] : items.split(" ").map((item) => this.simple(d.item, item));
      }
      case "union":
        return collapse(text);
      default:
        throw this.error(`descriptor error: "${type}" is not a simple type`);
    }
  }

  /** A struct: attributes, then child elements in any order; `derived` names the xsi:type-selected type. */
  struct(d: StructDescriptor, derived?: string, onUnknown?: () => boolean): Record<string, unknown> {
    const r = this.r;
    const info = structInfo(this.ctx.types, d);
    // `$type` names the derived type xsi:type selected: an ordinary (enumerable) property, as the generated
    // response types declare it, so JSON keeps it and the value re-encodes with its xsi:type.
    const obj: Record<string, unknown> = derived === undefined ? {} : { $type: derived };
    if (derived === undefined && d.abstract === true) this.mismatch("an abstract type without an xsi:type naming a derived type", this.elementStart);
    if (this.r.attributes.length > 0) this.#attributes(info.attributes, obj);
    for (const prop of info.repeatedProps) setProp(obj, prop, []);
    const order = info.order;
    let at = 0;
    let text = "";
    let include: string | undefined;
    const mp = this.ctx.multipart;
    // Binary simple content (xmime:base64Binary…) may refer to an attachment (multipart feature).
    const binary = info.text !== undefined && mp?.binaryBase(this.ctx.types, info.text) !== undefined;
    for (let k = r.next(); k !== END; k = r.next()) {
      if (k === TEXT) {
        if (info.text !== undefined) text += r.text;
        else if (this.strict && !r.isWhitespace()) throw this.error("unexpected text in element-only content");
        continue;
      }
      // Schema order first (the element expected now, or the next one), then the index by name.
      const local = r.local;
      const ns = r.ns;
      let p: FieldPlan | undefined = order[at];
      if (p === undefined || p.name !== local || p.ns !== ns) {
        p = order[at + 1];
        if (p !== undefined && p.name === local && p.ns === ns) at++;
        else {
          p = matchPlan(info.plans, ns, local, this.strict) ?? info.wildcardPlan;
          if (p !== undefined && !p.wildcard) at = order.indexOf(p);
        }
      }
      if (p === undefined) {
        // Binary simple content optimized by XOP.
        if (binary && include === undefined && mp?.isInclude(r)) {
          include = mp.include(this);
          continue;
        }
        if (onUnknown?.() === true) continue;
        if (this.strict) throw this.error(`unexpected element <${r.qname}>`);
        extrasOf(obj).elements.push(readElement(r));
      } else if (p.listProp !== undefined) {
        const list = obj[p.listProp] as unknown[];
        list.push(this.#choiceItem(p.f, list.length + 1));
      } else if (p.repeated) {
        const list = obj[p.prop] as unknown[];
        list.push(this.planned(p, list.length + 1));
      } else {
        if (this.strict && Object.hasOwn(obj, p.prop)) throw this.error(`element <${r.qname}> occurs more than once`);
        const v = this.planned(p);
        if (p.unsafeProp) setProp(obj, p.prop, v);
        else obj[p.prop] = v;
      }
    }
    if (info.text !== undefined) {
      const bytes = binary && mp !== undefined ? mp.content(this, include, text) : undefined;
      if (bytes !== undefined) setProp(obj, info.textProp, bytes);
      // Empty text is a value too ("" for a string-based type; an error for one that cannot be empty).
      else setProp(obj, info.textProp, this.simple(info.text, text));
    }
    this.#checkRequired(info.fields, obj);
    return obj;
  }

  /** One item of a choice list: `{ <alternative prop>: value }` for the element `f` reads. */
  #choiceItem(f: FieldDescriptor, index: number): Record<string, unknown> {
    const item: Record<string, unknown> = {};
    setProp(item, propOf(f), this.field(f, index));
    return item;
  }

  #attributes(list: NonNullable<StructDescriptor["attributes"]>, obj: Record<string, unknown>): void {
    const attrs = this.r.attributes;
    for (const a of attrs) {
      if (a.ns === XSI_NS || a.ns === XMLNS_NS || (a.ns === "" && a.name === "xmlns")) continue;
      if (!list.some((ad) => ad.name === a.name && ((ad.ns ?? "") === a.ns || !this.strict))) extrasOf(obj).attributes.push(a);
    }
    for (const ad of list) {
      const ns = ad.ns ?? "";
      const a = attrs.find((x) => x.name === ad.name && x.ns === ns) ?? (this.strict ? undefined : attrs.find((x) => x.name === ad.name && x.ns !== XSI_NS));
      if (a === undefined) {
        if (ad.required === true) this.mismatch(`missing required attribute ${ad.name}`);
        continue;
      }
      this.enter(`@${ad.name}`, 0, this.ctx.redactor.policy.isSecretName(ad.name));
      // Strict: an attribute the schema fixes must hold that value; lenient decoding keeps what was sent.
      if (ad.fixed !== undefined && this.strict && !sameAsFixed(this.ctx.types, ad.type, a.value, ad.fixed)) throw this.error(`attribute ${ad.name} is not its fixed value`);
      setProp(obj, propOf(ad), this.simple(ad.type, a.value));
      this.leave();
    }
  }

  #checkRequired(fields: readonly FieldDescriptor[], obj: Record<string, unknown>): void {
    // SOAP encoding leaves accessors out freely (a null member, a multi-reference cycle cut short) and its
    // schemas rarely say minOccurs: rpc/encoded values are checked by strict mode only.
    if (this.ctx.encoded === true && !this.strict) return;
    // A non-repeated element whose value is a list (an array wrapper, an xs:list) is present even when empty.
    const count = (f: FieldDescriptor): number => {
      const v = obj[propOf(f)];
      return isRepeated(f) && Array.isArray(v) ? v.length : v === undefined ? 0 : 1;
    };
    for (const f of fields) {
      if (f.choice !== undefined || f.wildcard === true) continue;
      if (count(f) < minOf(f)) this.mismatch(`missing required element <${f.name}>`);
    }
    // xs:choice: the members of one alternative at most (exactly one unless the choice may be left out), and
    // of an optional xs:sequence all of its required members or none, as the generated union types say.
    const groups = groupsOf(fields);
    if (groups.length === 0) return;
    const problem = groupProblem(
      groups,
      (f) => count(f) > 0,
      (f) => f.wildcard !== true && count(f) < minOf(f),
    );
    if (problem === undefined) return;
    switch (problem.kind) {
      case "two":
        this.mismatch(`<${problem.first.name}> and <${problem.other.name}> are alternatives of one xs:choice: only one may be present`);
        break;
      case "none":
        this.mismatch(`missing one of ${problem.group.members.map((f) => `<${f.name}>`).join(", ")} (xs:choice)`);
        break;
      case "missing":
        this.mismatch(
          problem.sequence
            ? `missing required element <${problem.field.name}> (with <${problem.with.name}>: one optional xs:sequence, all of its required elements or none)`
            : `missing required element <${problem.field.name}>`,
        );
        break;
    }
  }

  #array(d: ArrayDescriptor): unknown[] {
    const r = this.r;
    const out: unknown[] = [];
    const ns = d.item.ns ?? "";
    const alternatives = d.item.alternatives === undefined ? undefined : byLocalName(elementFields(d.item));
    const item = planOf(d.item);
    const secret = this.#secret;
    for (let k = r.next(); k !== END; k = r.next()) {
      if (k === TEXT) {
        if (this.strict && !r.isWhitespace()) throw this.error("unexpected text in an array");
      } else if (alternatives !== undefined) {
        const f = matchField(alternatives, r.ns, r.local, this.strict);
        if (f !== undefined) out.push(this.#choiceItem(f, out.length + 1));
        else if (this.strict) throw this.error(`unexpected element <${r.qname}> in a list of ${d.item.alternatives?.map((a) => a.name).join(" | ") ?? ""}`);
        else r.skip();
      } else if (d.encoded === true || (r.local === item.name && (r.ns === ns || !this.strict))) {
        // SOAP-encoded arrays may name their items anything (SOAP 1.1 §5.4.2).
        out.push(this.planned(item, out.length + 1, secret));
      } else if (this.strict) throw this.error(`unexpected element <${r.qname}> in an array of ${d.item.name}`);
      else r.skip();
    }
    return out;
  }

  /** Entries become own properties of a null-prototype object, so a key `__proto__` cannot pollute anything. */
  #dictionary(d: DictionaryDescriptor): Record<string, unknown> {
    const r = this.r;
    const out = Object.create(null) as Record<string, unknown>;
    let n = 0;
    for (let k = r.next(); k !== END; k = r.next()) {
      if (k === TEXT) continue;
      if (r.local !== d.entry.name || (this.strict && r.ns !== (d.entry.ns ?? ""))) {
        if (this.strict) throw this.error(`unexpected element <${r.qname}> in a dictionary`);
        r.skip();
        continue;
      }
      this.enter(d.entry.name, ++n);
      this.#entry(d, out);
      this.leave();
    }
    return out;
  }

  #entry(d: DictionaryDescriptor, out: Record<string, unknown>): void {
    const r = this.r;
    let key: string | undefined;
    let value: unknown = null;
    for (let k = r.next(); k !== END; k = r.next()) {
      if (k === TEXT) continue;
      if (r.local === d.key.name && (r.ns === (d.key.ns ?? "") || !this.strict)) key = String(this.field(d.key));
      else if (r.local === d.value.name && (r.ns === (d.value.ns ?? "") || !this.strict)) {
        // A value under a secret-looking key ("Password") is as secret as a secret-named element.
        const policy = this.ctx.redactor.policy;
        this.enter(d.value.name, 0, policy.isSecretField(d.value) || (key !== undefined && policy.isSecretName(key)));
        value = this.value(d.value.type);
        this.leave();
      } else if (this.strict) throw this.error(`unexpected element <${r.qname}> in a dictionary entry`);
      else r.skip();
    }
    if (key === undefined) {
      if (this.strict) throw this.error(`dictionary entry without <${d.key.name}>`);
      return;
    }
    out[key] = value;
  }
}
