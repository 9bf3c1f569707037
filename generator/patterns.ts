/**
 * XSD regular expressions (XML Schema Part 2, Appendix F) translated to JavaScript RegExp sources at generation
 * time: the runtime only compiles the source (`new RegExp(source, "u")`). A pattern that cannot be translated
 * faithfully is reported where it is written (`xsd-pattern-unsupported`) and not checked.
 */

class Untranslatable extends Error {}

/**
 * The JavaScript RegExp source (anchored; for the `u` flag) that matches what the XSD regular expression
 * `pattern` matches; undefined when the pattern uses something that cannot be translated faithfully
 * (character class subtraction, \p{IsBlock}, or anything outside Appendix F's grammar) or the engine rejects
 * the translation (a quantifier too large).
 *
 * `^` and `$` are ordinary characters in XSD, but .NET's validator (System.Xml.Schema, behind WCF services)
 * hands patterns to its own regex engine, where they are anchors, and schemas written for it say
 * `^[A-Z]+$` meaning `[A-Z]+`. A pattern with an unescaped `^` or `$` outside a class therefore accepts a
 * value that matches either reading: the literal one (XSD) or the anchor one, never rejecting what a
 * validator of either kind accepts.
 */
export function patternSource(pattern: string): string | undefined {
  try {
    const literal = translatePattern(pattern);
    const anchors = translatePattern(pattern, true);
    const source = anchors === literal ? `^(?:${literal})$` : `^(?:${literal})$|^(?:${anchors})$`;
    new RegExp(source, "u");
    return source;
  } catch {
    return undefined;
  }
}

/** `patternSource` as a RegExp (what the runtime compiles), for tests and tools. */
export function xsdPattern(pattern: string): RegExp | undefined {
  const source = patternSource(pattern);
  return source === undefined ? undefined : new RegExp(source, "u");
}

/**
 * Pattern facets as descriptor data: each derivation step's XSD patterns (`patterns`, for messages) and their
 * translations (`regexes`). A step with a pattern that cannot be translated is left out whole: its patterns
 * are alternatives, so without one of them the step cannot be decided.
 */
export function patternFacets(steps: readonly (readonly string[])[]): { patterns?: string[][]; regexes?: string[][] } {
  const patterns: string[][] = [];
  const regexes: string[][] = [];
  for (const step of steps) {
    const sources = step.map(patternSource);
    if (sources.some((s) => s === undefined)) continue;
    patterns.push([...step]);
    regexes.push(sources as string[]);
  }
  return patterns.length === 0 ? {} : { patterns, regexes };
}

// \i and \c: XML 1.0 (Fifth Edition) NameStartChar and NameChar (§2.3), as XSD 1.1 defines them.
/** A set of characters: `atoms` is the inside of a JavaScript character class; `negated` complements it. */
interface CharSet {
  readonly atoms: string;
  readonly negated: boolean;
}

const MULTI_CHAR: Readonly<Record<string, CharSet>> = /* @__PURE__ */ multiCharSets();

function multiCharSets(): Readonly<Record<string, CharSet>> {
  // \i and \c: XML 1.0 (Fifth Edition) NameStartChar and NameChar (§2.3), as XSD 1.1 defines them.
  const NAME_START = String.raw`\u{3A}A-Z\u{5F}a-z\u{C0}-\u{D6}\u{D8}-\u{F6}\u{F8}-\u{2FF}\u{370}-\u{37D}\u{37F}-\u{1FFF}\u{200C}-\u{200D}\u{2070}-\u{218F}\u{2C00}-\u{2FEF}\u{3001}-\u{D7FF}\u{F900}-\u{FDCF}\u{FDF0}-\u{FFFD}\u{10000}-\u{EFFFF}`;
  const NAME_CHAR = String.raw`${NAME_START}\u{2D}\u{2E}0-9\u{B7}\u{300}-\u{36F}\u{203F}-\u{2040}`;
  return {
    s: { atoms: String.raw`\u{20}\t\n\r`, negated: false },
    S: { atoms: String.raw`\u{20}\t\n\r`, negated: true },
    i: { atoms: NAME_START, negated: false },
    I: { atoms: NAME_START, negated: true },
    c: { atoms: NAME_CHAR, negated: false },
    C: { atoms: NAME_CHAR, negated: true },
    d: { atoms: String.raw`\p{Nd}`, negated: false },
    D: { atoms: String.raw`\P{Nd}`, negated: false },
    // \w is [#x0000-#x10FFFF]-[\p{P}\p{Z}\p{C}].
    w: { atoms: String.raw`\p{P}\p{Z}\p{C}`, negated: true },
    W: { atoms: String.raw`\p{P}\p{Z}\p{C}`, negated: false },
  };
}

// §F.1.1 IsCategory (no IsBlock: block names are not in JavaScript's \p{…}).
const CATEGORIES: ReadonlySet<string> = new Set([
  "L",
  "Lu",
  "Ll",
  "Lt",
  "Lm",
  "Lo",
  "M",
  "Mn",
  "Mc",
  "Me",
  "N",
  "Nd",
  "Nl",
  "No",
  "P",
  "Pc",
  "Pd",
  "Ps",
  "Pe",
  "Pi",
  "Pf",
  "Po",
  "Z",
  "Zs",
  "Zl",
  "Zp",
  "S",
  "Sm",
  "Sc",
  "Sk",
  "So",
  "C",
  "Cc",
  "Cf",
  "Co",
  "Cn",
]);

// SingleCharEsc ::= '\' [nrt\|.?*+(){}#x2D#x5B#x5D#x5E]
const SINGLE_CHAR: Readonly<Record<string, string>> = {
  n: "\n",
  r: "\r",
  t: "\t",
  "\\": "\\",
  "|": "|",
  ".": ".",
  "?": "?",
  "*": "*",
  "+": "+",
  "(": "(",
  ")": ")",
  "{": "{",
  "}": "}",
  "-": "-",
  "[": "[",
  "]": "]",
  "^": "^",
};

/** A literal character, written so that it means itself anywhere in a u-mode pattern, in a class or not. */
function literal(ch: string): string {
  return /^[A-Za-z0-9]$/.test(ch) ? ch : `\\u{${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase()}}`;
}

function setOutside(set: CharSet): string {
  return `[${set.negated ? "^" : ""}${set.atoms}]`;
}

/**
 * The translation (unanchored) of an XSD regular expression; throws Untranslatable. A recursive-descent
 * parser of Appendix F's grammar over code points: regExp ::= branch ('|' branch)*, branch ::= piece*,
 * piece ::= atom quantifier?, atom ::= Char | charClass | '(' regExp ')'. `anchors`: read `^` and `$` outside
 * classes as .NET does (start and end of the value) instead of as characters (see patternSource).
 */
export function translatePattern(pattern: string, anchors = false): string {
  const cps = Array.from(pattern);
  let i = 0;

  const fail = (): never => {
    throw new Untranslatable();
  };

  /** After a backslash: a single character or a set. */
  const escape = (): string | CharSet => {
    const c = cps[i++] ?? fail();
    if (Object.hasOwn(SINGLE_CHAR, c)) return SINGLE_CHAR[c] ?? fail();
    if (Object.hasOwn(MULTI_CHAR, c)) return MULTI_CHAR[c] ?? fail();
    if (c === "p" || c === "P") {
      if (cps[i] !== "{") fail();
      const close = cps.indexOf("}", i);
      if (close < 0) fail();
      const name = cps.slice(i + 1, close).join("");
      i = close + 1;
      // IsBlock names (\p{IsBasicLatin}) have no JavaScript equivalent.
      if (!CATEGORIES.has(name)) fail();
      return { atoms: `\\${c}{${name}}`, negated: false };
    }
    // Back-references, \b, \x41, \u0041, \$ … are not XSD escapes.
    return fail();
  };

  const regExp = (): string => {
    let out = branch();
    while (cps[i] === "|") {
      i++;
      out += `|${branch()}`;
    }
    return out;
  };

  const branch = (): string => {
    let out = "";
    while (i < cps.length && cps[i] !== "|" && cps[i] !== ")") out += piece();
    return out;
  };

  const isQuantifier = (c: string | undefined): boolean => c === "?" || c === "*" || c === "+" || c === "{";

  const piece = (): string => {
    const a = atom();
    const q = quantifier();
    // piece ::= atom quantifier?: `a**`, `a{2}{3}` are not XSD, and `a*?` would be lazy in JavaScript.
    if (q !== "" && isQuantifier(cps[i])) fail();
    return a + q;
  };

  const quantifier = (): string => {
    const c = cps[i];
    if (c === "?" || c === "*" || c === "+") {
      i++;
      return c;
    }
    if (c !== "{") return "";
    const m = /^\{([0-9]+)(,([0-9]*))?\}/.exec(cps.slice(i, i + 40).join(""));
    if (m === null) return fail();
    const [whole, min = "", comma, max = ""] = m;
    if (max !== "" && Number(max) < Number(min)) fail();
    i += whole.length;
    return comma === undefined ? `{${min}}` : `{${min},${max}}`;
  };

  const atom = (): string => {
    const c = cps[i] ?? fail();
    switch (c) {
      case "(": {
        i++;
        const inner = regExp();
        if (cps[i] !== ")") fail();
        i++;
        return `(?:${inner})`;
      }
      case "[":
        return charClass();
      case ".":
        // WildcardEsc: any character but newline and carriage return (JavaScript's `.` also excludes U+2028/9).
        i++;
        return String.raw`[^\n\r]`;
      case "\\": {
        i++;
        const e = escape();
        return typeof e === "string" ? literal(e) : setOutside(e);
      }
      // A quantifier with nothing to repeat, and characters that are not Char (§F.1 Char excludes them).
      case "?":
      case "*":
      case "+":
      case "{":
      case "}":
      case "]":
      case ")":
        return fail();
      default:
        // `^` and `$` are ordinary characters in XSD.
        i++;
        return anchors && (c === "^" || c === "$") ? c : literal(c);
    }
  };

  /** charClassExpr ::= '[' charGroup ']' (no subtraction). */
  const charClass = (): string => {
    i++;
    let negated = false;
    if (cps[i] === "^") {
      negated = true;
      i++;
    }
    let atoms = "";
    const complements: string[] = [];
    let count = 0;
    for (;;) {
      const c = cps[i] ?? fail();
      if (c === "]") {
        if (count === 0) fail();
        i++;
        break;
      }
      // Nested classes exist only in subtraction (`[a-z-[aeiou]]`), which u-mode cannot express.
      if (c === "[") fail();
      if (c === "-") {
        if (cps[i + 1] === "[") fail();
        // A hyphen is a character only at the start or the end of a group; elsewhere it is ambiguous.
        if (count === 0 || cps[i + 1] === "]") {
          atoms += literal("-");
          i++;
          count++;
          continue;
        }
        fail();
      }
      i++;
      const start = c === "\\" ? escape() : c;
      count++;
      if (typeof start !== "string") {
        if (start.negated) complements.push(setOutside(start));
        else atoms += start.atoms;
        continue;
      }
      // seRange ::= charOrEsc '-' charOrEsc
      if (cps[i] === "-" && cps[i + 1] !== "]" && cps[i + 1] !== "[" && cps[i + 1] !== undefined) {
        i++;
        const e = cps[i++] ?? fail();
        if (e === "[" || e === "]" || e === "-") fail();
        const end = e === "\\" ? escape() : e;
        if (typeof end !== "string") return fail();
        if ((end.codePointAt(0) ?? 0) < (start.codePointAt(0) ?? 0)) fail();
        atoms += `${literal(start)}-${literal(end)}`;
      } else atoms += literal(start);
    }
    if (complements.length === 0) return `[${negated ? "^" : ""}${atoms}]`;
    // A group holding a complemented escape (\S, \W, \I, \C, \w): the union as alternatives of single characters;
    // its complement as "any character that is none of them".
    const union = [...(atoms === "" ? [] : [`[${atoms}]`]), ...complements].join("|");
    return negated ? `(?:(?!${union})[^])` : `(?:${union})`;
  };

  const out = regExp();
  if (i !== cps.length) fail();
  return out;
}
