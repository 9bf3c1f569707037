/**
 * WCF DataContract conventions recognised in schemas (Microsoft "Data Contract Schema Reference"):
 * collection wrappers named `ArrayOfX`, dictionaries marked with the `IsDictionary` appinfo annotation, and
 * enumeration members carrying their numeric value in `EnumerationValue`.
 */
import type { AppInfo, ComplexType, ElementDecl } from "../ir.js";
import { NS } from "../ns.js";

/**
 * `ArrayOfX`: a named complex type whose only content is one repeated element (WCF collection data
 * contracts, also ASMX `ArrayOfString`). Returns that element's declaration.
 */
export function arrayOfShape(ct: ComplexType): { decl: ElementDecl; min: number } | undefined {
  if (!ct.name || !ct.name.local.startsWith("ArrayOf")) return undefined;
  if (ct.attributes.length > 0 || ct.anyAttribute || ct.content.kind !== "complex" || ct.content.derivation) return undefined;
  const seq = ct.content.particle;
  if (!seq || seq.kind !== "sequence" || seq.occurs.max !== 1 || seq.particles.length !== 1) return undefined;
  const only = seq.particles[0];
  if (!only || only.kind !== "element" || only.occurs.max <= 1 || only.decl.kind !== "element") return undefined;
  return { decl: only.decl, min: only.occurs.min };
}

/**
 * A WCF dictionary: `<IsDictionary>true</IsDictionary>` in appinfo, content one repeated entry element whose
 * anonymous type is a sequence of a key element and a value element.
 */
export interface DictionaryShape {
  readonly entry: ElementDecl;
  readonly key: ElementDecl;
  readonly value: ElementDecl;
  readonly keyMin: number;
  readonly valueMin: number;
}

export function dictionaryShape(ct: ComplexType): DictionaryShape | undefined {
  if (!isDictionary(ct.appinfo)) return undefined;
  if (ct.content.kind !== "complex" || ct.content.derivation) return undefined;
  const seq = ct.content.particle;
  if (!seq || seq.kind !== "sequence" || seq.particles.length !== 1) return undefined;
  const entry = seq.particles[0];
  if (!entry || entry.kind !== "element" || entry.occurs.max <= 1 || entry.decl.kind !== "element") return undefined;
  const t = entry.decl.type;
  if (!t || t.kind !== "inline" || t.type.kind !== "complexType" || t.type.content.kind !== "complex") return undefined;
  const inner = t.type.content.particle;
  if (!inner || inner.kind !== "sequence" || inner.particles.length !== 2) return undefined;
  const [k, v] = inner.particles;
  if (k?.kind !== "element" || v?.kind !== "element" || k.decl.kind !== "element" || v.decl.kind !== "element") return undefined;
  return { entry: entry.decl, key: k.decl, value: v.decl, keyMin: k.occurs.min, valueMin: v.occurs.min };
}

function isDictionary(appinfo: readonly AppInfo[]): boolean {
  return appinfo.some((a) => a.name.ns === NS.msSer && a.name.local === "IsDictionary" && a.text.trim() === "true");
}

/** The numeric value WCF gives an enumeration member (`EnumerationValue` appinfo), if any. */
export function enumerationNumber(appinfo: readonly AppInfo[]): string | undefined {
  const a = appinfo.find((x) => x.name.ns === NS.msSer && x.name.local === "EnumerationValue");
  return a ? a.text.trim() : undefined;
}
