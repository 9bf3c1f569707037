/**
 * Names of the namespace constants in generated code (`const nsServices75 = "http://…/Services75"`), derived
 * from each URI alone so that they stay put when other namespaces come and go: the last meaningful word of
 * the URI (a path segment, else the most specific host label), more words from the right only while two
 * namespaces of the output would otherwise share a name, and a `_2`, `_3`… suffix (in URI order) only for
 * URIs that differ in nothing but case or punctuation.
 */
import { pascal } from "./names.js";

/** A name longer than this is cut (a collision that cutting causes is settled like any other). */
const MAX_WORDS_LENGTH = 60;

/**
 * The words of a URI, most general first: `http://www.superoffice.net/ws/crm/NetServer/Services75` →
 * superoffice, ws, crm, NetServer, Services75; `urn:core_2013_2.platform.webservices.netsuite.com` → netsuite,
 * webservices, platform, core_2013_2. Hosts (and dotted URN parts) read right to left without `www` and the
 * top-level label; path segments without a letter (dates, version numbers) are left out.
 */
export function namespaceWords(uri: string): string[] {
  const m = /^([A-Za-z][A-Za-z0-9+.-]*):(.*)$/s.exec(uri);
  const scheme = m?.[1]?.toLowerCase();
  const rest = m?.[2] ?? uri;
  const words: string[] = [];
  const addDomain = (d: string): void => {
    const labels = d.split(".").filter((l) => l !== "");
    if (labels.length > 1) labels.pop();
    if (labels[0]?.toLowerCase() === "www" && labels.length > 1) labels.shift();
    words.push(...labels.reverse().filter(hasLetter));
  };
  if (scheme === "urn") {
    for (const part of rest.split(":")) {
      if (/^[^./]+(\.[^./]+)+$/.test(part) && !/\.(xsd|wsdl|xml)$/i.test(part)) addDomain(part);
      else if (hasLetter(part)) words.push(part);
    }
    return words;
  }
  let path = rest.replace(/[?#].*$/s, "");
  if (path.startsWith("//")) {
    const end = path.indexOf("/", 2);
    const authority = end < 0 ? path.slice(2) : path.slice(2, end);
    path = end < 0 ? "" : path.slice(end);
    addDomain(authority.replace(/^.*@/, "").replace(/:\d*$/, ""));
  }
  words.push(...path.split(/[/:]/).filter(hasLetter));
  return words;
}

function isVersion(word: string): boolean {
  return /^(v|ver|version)?[\d._-]+$/i.test(word);
}

function hasLetter(s: string): boolean {
  return /\p{L}/u.test(s);
}

/** The candidate names of one URI, shortest first; the last uses every character of the URI. */
function candidates(uri: string): string[] {
  const words = namespaceWords(uri);
  const out: string[] = [];
  // A version alone (`v1`, `ver10`) says little: such a last word takes the one before it along.
  let first = 1;
  while (first < words.length && words.slice(-first).every(isVersion)) first++;
  for (let k = first; k <= words.length; k++) out.push(constName(words.slice(-k)));
  out.push(constName([uri.replace(/^[A-Za-z][A-Za-z0-9+.-]*:(\/\/)?/, "")]));
  return out.filter((n, i) => out.indexOf(n) === i);
}

function constName(words: readonly string[]): string {
  const p = words
    .map((w) => pascal(w))
    .join("")
    .replace(/^_+/, "");
  return `ns${(p || "Default").slice(0, MAX_WORDS_LENGTH)}`;
}

/**
 * URI → constant name for every namespace of one output (the empty namespace has none). Names are unique
 * ignoring case (as every generated name is) and avoid `reserved` (compared ignoring case).
 */
export function namespaceNames(uris: Iterable<string>, reserved: Iterable<string> = []): Map<string, string> {
  const sorted = [...new Set(uris)].filter((u) => u !== "").sort();
  const taken = new Set([...reserved].map((r) => r.toLowerCase()));
  const cands = new Map(sorted.map((u) => [u, candidates(u)]));
  const level = new Map(sorted.map((u) => [u, 0]));
  const nameAt = (u: string): string => {
    const c = cands.get(u) ?? [];
    return c[Math.min(level.get(u) ?? 0, c.length - 1)] ?? "ns";
  };
  const canGrow = (u: string): boolean => (level.get(u) ?? 0) < (cands.get(u)?.length ?? 1) - 1;
  // Every URI that shares its name with another (or with a reserved name) takes one more word; levels only
  // grow and are bounded, so this ends.
  for (let changed = true; changed; ) {
    changed = false;
    const groups = new Map<string, string[]>();
    for (const u of sorted) {
      const k = nameAt(u).toLowerCase();
      const g = groups.get(k);
      if (g) g.push(u);
      else groups.set(k, [u]);
    }
    for (const [k, group] of groups) {
      if (group.length < 2 && !taken.has(k)) continue;
      for (const u of group) {
        if (!canGrow(u)) continue;
        level.set(u, (level.get(u) ?? 0) + 1);
        changed = true;
      }
    }
  }
  const out = new Map<string, string>();
  for (const u of sorted) {
    const base = nameAt(u);
    let name = base;
    for (let i = 2; taken.has(name.toLowerCase()); i++) name = `${base}_${i}`;
    taken.add(name.toLowerCase());
    out.set(u, name);
  }
  return out;
}
