/** Constraining-facet sets of the model (XSD Part 2 §4.3): from the IR's facets, merged, described. */
import type { Facets } from "../ir.js";
import type { FacetSet } from "./model.js";

const FACET_KEYS = ["length", "minLength", "maxLength", "minInclusive", "maxInclusive", "minExclusive", "maxExclusive", "totalDigits", "fractionDigits"] as const;

/** The constraining facets of a restriction, or undefined when it has none besides enumerations. */
export function facetSet(f: Facets): FacetSet | undefined {
  const out: Record<string, unknown> = {};
  for (const k of FACET_KEYS) if (f[k] !== undefined) out[k] = f[k];
  if (f.pattern.length) out["patterns"] = [...f.pattern];
  return Object.keys(out).length ? (out as FacetSet) : undefined;
}

/**
 * An anonymous restriction of an anonymous restriction (rare): the inner bounds are kept unless restated;
 * patterns of the two steps would need AND-ing, so the outer step's patterns replace them (never stricter).
 */
export function mergeFacets(inner: FacetSet | undefined, outer: FacetSet): FacetSet {
  return inner ? { ...inner, ...outer } : outer;
}

/** For documentation: `maxLength 35; pattern [A-Z]{2}`. */
export function describeFacets(f: FacetSet | undefined): string[] {
  if (!f) return [];
  const out: string[] = [];
  for (const k of FACET_KEYS) if (f[k] !== undefined) out.push(`${k} ${String(f[k])}`);
  for (const p of f.patterns ?? []) out.push(`pattern ${p}`);
  return out;
}
