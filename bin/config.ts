/**
 * wsdlc.config.json: its JSON Schema (the one object both the shipped schema/wsdlc.config.schema.json and the
 * validator below are made from, so the two cannot drift), a small validator driven by it, and a JSON reader
 * that remembers where each value stands so that every problem names file:line:column and the key's path.
 */

/** The config file `wsdlc generate` reads when it is given no inputs, --service-root or --config. */
export const DEFAULT_CONFIG = "wsdlc.config.json";

/** The subset of JSON Schema (draft-07) the config schema uses, and that `validate` implements. */
export interface JsonSchema {
  readonly $schema?: string;
  readonly $id?: string;
  readonly title?: string;
  readonly description?: string;
  readonly type?: "object" | "array" | "string" | "boolean";
  readonly properties?: Readonly<Record<string, JsonSchema>>;
  readonly additionalProperties?: false;
  readonly items?: JsonSchema;
  readonly minItems?: number;
  readonly minLength?: number;
  readonly pattern?: string;
  readonly const?: string | boolean;
  readonly anyOf?: readonly JsonSchema[];
}

const stringArray = (description: string, extra: Partial<JsonSchema> = {}): JsonSchema => ({
  description,
  type: "array",
  items: { type: "string", minLength: 1, ...extra },
});

/** What one service (one output folder) takes; also allowed at the top level, as defaults for `services`. */
const serviceOptions = {
  lock: { description: "Also write wsdlc.lock.json: every input document with its SHA-256.", type: "boolean" },
  allowUnresolved: {
    description: "A reference to a type, element, group or attribute no loaded schema defines is a warning, not an error (the value is kept as XmlElement).",
    type: "boolean",
  },
  allowOutsideRoot: {
    description: "Local imports may reach files outside the folder of their input file (http(s) documents can never import local files).",
    type: "boolean",
  },
  failureHeaders: {
    description: 'How responses report failure in a header: "<header>=<value>[:<detail header>]" rules, or false for none. Default: ["Succeeded=false:ExceptionInfo"].',
    anyOf: [stringArray("Failure header rules.", { pattern: "^[^=:\\s]+=[^:]*(:\\S+)?$" }), { description: "Responses never report failure in headers.", const: false }],
  },
  ignore: stringArray('Warning codes not to print, e.g. "type-conflict" (errors are never silenced).'),
} satisfies Record<string, JsonSchema>;

const serviceInputs = {
  inputs: stringArray("WSDL files (globs allowed, relative to this file) or http(s) URLs; all go into one package."),
  serviceRoot: {
    description: "Read <serviceRoot>/<Agent>.svc?wsdl for each agent, e.g. https://host/Cust1/Remote/Services75.",
    type: "string",
    minLength: 1,
  },
  agents: stringArray("Agents for serviceRoot (default: all 45 Services75 agents)."),
  out: { description: "Output folder, relative to this file.", type: "string", minLength: 1 },
} satisfies Record<string, JsonSchema>;

const service: JsonSchema = {
  description: "One generated package: its inputs, its output folder and its options.",
  type: "object",
  properties: { ...serviceInputs, ...serviceOptions },
  additionalProperties: false,
};

export const CONFIG_SCHEMA: JsonSchema = {
  $schema: "http://json-schema.org/draft-07/schema#",
  title: "wsdlc.config.json",
  description: 'Configuration for `wsdlc generate`: one service (inputs, out, options) or several in "services".',
  type: "object",
  properties: {
    $schema: { description: "The JSON Schema of this file, for editor completion.", type: "string" },
    ...serviceInputs,
    ...serviceOptions,
    services: {
      description: 'Several packages in one file; options given beside "services" are defaults for each of them.',
      type: "array",
      minItems: 1,
      items: service,
    },
  },
  additionalProperties: false,
};

export type ServiceOptions = {
  readonly lock?: boolean;
  readonly allowUnresolved?: boolean;
  readonly allowOutsideRoot?: boolean;
  readonly failureHeaders?: readonly string[] | false;
  readonly ignore?: readonly string[];
};

export type ServiceConfig = ServiceOptions & {
  readonly inputs?: readonly string[];
  readonly serviceRoot?: string;
  readonly agents?: readonly string[];
  readonly out?: string;
};

/** The parsed file (type-checked against CONFIG_SCHEMA by `validate`). */
export type WsdlcConfig = ServiceConfig & {
  readonly $schema?: string;
  readonly services?: readonly ServiceConfig[];
};

// ---------------------------------------------------------------------------------------------------------
// JSON with positions

type Path = readonly (string | number)[];

export function formatPath(path: Path): string {
  let s = "";
  for (const p of path) s += typeof p === "number" ? `[${p}]` : s ? `.${p}` : p;
  return s || "(top level)";
}

interface Located {
  readonly value: unknown;
  /** Position of each value (and, under `key:` + path, of each property's key). */
  readonly positions: Map<string, { line: number; column: number }>;
}

class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

/** JSON.parse with the line and column of every value and key. */
function parseLocated(text: string): Located {
  const positions = new Map<string, { line: number; column: number }>();
  let i = 0;
  const at = (offset: number) => lineColumn(text, offset);
  const ws = () => {
    while (i < text.length && /[ \t\r\n]/.test(text[i]!)) i++;
  };
  const fail = (what: string): never => {
    throw new JsonSyntaxError(i >= text.length ? `unexpected end of file, expected ${what}` : `unexpected ${JSON.stringify(text[i])}, expected ${what}`, i);
  };
  const str = (): string => {
    const m = /^"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/.exec(text.slice(i));
    if (!m) return fail("a string");
    i += m[0].length;
    return JSON.parse(m[0]) as string;
  };
  const value = (path: Path): unknown => {
    ws();
    positions.set(formatPath(path), at(i));
    const c = text[i];
    if (c === "{") {
      i++;
      const obj: Record<string, unknown> = {};
      ws();
      if (text[i] === "}") {
        i++;
        return obj;
      }
      for (;;) {
        ws();
        const keyAt = i;
        const key = str();
        positions.set(`key:${formatPath([...path, key])}`, at(keyAt));
        ws();
        if (text[i] !== ":") fail('":"');
        i++;
        obj[key] = value([...path, key]);
        ws();
        if (text[i] === ",") i++;
        else if (text[i] === "}") {
          i++;
          return obj;
        } else fail('"," or "}"');
      }
    }
    if (c === "[") {
      i++;
      const arr: unknown[] = [];
      ws();
      if (text[i] === "]") {
        i++;
        return arr;
      }
      for (;;) {
        arr.push(value([...path, arr.length]));
        ws();
        if (text[i] === ",") i++;
        else if (text[i] === "]") {
          i++;
          return arr;
        } else fail('"," or "]"');
      }
    }
    if (c === '"') return str();
    const m = /^(?:true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(text.slice(i));
    if (!m) return fail("a value");
    i += m[0].length;
    return JSON.parse(m[0]) as unknown;
  };
  const v = value([]);
  ws();
  if (i < text.length) fail("end of file");
  return { value: v, positions };
}

function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let k = 0; k < offset && k < text.length; k++) {
    if (text[k] === "\n") {
      line++;
      start = k + 1;
    }
  }
  return { line, column: offset - start + 1 };
}

// ---------------------------------------------------------------------------------------------------------
// Validation

export interface ConfigProblem {
  readonly path: Path;
  readonly message: string;
  /** True when the problem is the key itself (unknown key), so the key's position is the one to show. */
  readonly atKey?: boolean;
}

function describe(s: JsonSchema): string {
  if (s.const !== undefined) return JSON.stringify(s.const);
  if (s.anyOf) return s.anyOf.map(describe).join(" or ");
  switch (s.type) {
    case "boolean":
      return "true or false";
    case "string":
      return "a string";
    case "object":
      return "an object";
    case "array":
      return s.items ? `an array of ${describe(s.items).replace(/^an? /, "")}s` : "an array";
    default:
      return "a value";
  }
}

function typeOf(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "an array";
  if (typeof v === "object") return "an object";
  if (typeof v === "string") return `the string ${JSON.stringify(v)}`;
  return JSON.stringify(v);
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, k) => k);
  for (let x = 1; x <= a.length; x++) {
    let prev = row[0]!;
    row[0] = x;
    for (let y = 1; y <= b.length; y++) {
      const tmp = row[y]!;
      row[y] = Math.min(row[y]! + 1, row[y - 1]! + 1, prev + (a[x - 1] === b[y - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length]!;
}

/** The closest of `candidates` to `word`, if it is close enough to be a likely typo. */
export function didYouMean(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  for (const c of candidates) {
    const d = c.toLowerCase() === word.toLowerCase() ? 0 : editDistance(word.toLowerCase(), c.toLowerCase());
    if (d < bestD) {
      bestD = d;
      best = c;
    }
  }
  return best !== undefined && bestD <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined;
}

/** Every way `value` breaks `schema`. */
export function validate(value: unknown, schema: JsonSchema, path: Path = []): ConfigProblem[] {
  if (schema.anyOf) {
    const each = schema.anyOf.map((s) => validate(value, s, path));
    if (each.some((p) => p.length === 0)) return [];
    // One branch of the right shape failed deeper down: report that branch, not "must be X or Y".
    const deeper = each.find((p) => p.every((q) => q.path.length > path.length));
    return deeper ?? [{ path, message: `must be ${describe(schema)}, not ${typeOf(value)}` }];
  }
  if (schema.const !== undefined) {
    return value === schema.const ? [] : [{ path, message: `must be ${JSON.stringify(schema.const)}, not ${typeOf(value)}` }];
  }
  const bad = (): ConfigProblem[] => [{ path, message: `must be ${describe(schema)}, not ${typeOf(value)}` }];
  switch (schema.type) {
    case "boolean":
      return typeof value === "boolean" ? [] : bad();
    case "string":
      if (typeof value !== "string") return bad();
      if (schema.minLength !== undefined && value.length < schema.minLength) return [{ path, message: "must not be empty" }];
      if (schema.pattern !== undefined && !new RegExp(schema.pattern).test(value)) {
        return [{ path, message: `${JSON.stringify(value)} does not have the form ${schema.pattern}` }];
      }
      return [];
    case "array": {
      if (!Array.isArray(value)) return bad();
      const out: ConfigProblem[] = [];
      if (schema.minItems !== undefined && value.length < schema.minItems)
        out.push({ path, message: `must have at least ${schema.minItems} item${schema.minItems === 1 ? "" : "s"}` });
      if (schema.items) value.forEach((v, k) => out.push(...validate(v, schema.items!, [...path, k])));
      return out;
    }
    case "object": {
      if (typeof value !== "object" || value === null || Array.isArray(value)) return bad();
      const props = schema.properties ?? {};
      const names = Object.keys(props);
      const out: ConfigProblem[] = [];
      for (const [k, v] of Object.entries(value)) {
        const sub = props[k];
        if (sub) out.push(...validate(v, sub, [...path, k]));
        else if (schema.additionalProperties === false) {
          const guess = didYouMean(
            k,
            names.filter((n) => n !== "$schema"),
          );
          out.push({ path: [...path, k], atKey: true, message: `unknown key${guess ? `; did you mean "${guess}"?` : ` (known keys: ${names.join(", ")})`}` });
        }
      }
      return out;
    }
    default:
      return [];
  }
}

/**
 * Reads a config file's text: the config, or messages `file:line:column: path: problem` (every problem, in
 * file order). `file` is the name to show.
 */
export function parseConfig(source: string, file: string): { config: WsdlcConfig } | { errors: string[] } {
  // A byte order mark, as some Windows editors write, is not part of the JSON.
  const text = source.startsWith("\uFEFF") ? source.slice(1) : source;
  let located: Located;
  try {
    located = parseLocated(text);
  } catch (e) {
    if (e instanceof JsonSyntaxError) {
      const { line, column } = lineColumn(text, e.offset);
      return { errors: [`${file}:${line}:${column}: invalid JSON: ${e.message}`] };
    }
    throw e;
  }
  const problems = validate(located.value, CONFIG_SCHEMA);
  const c = located.value as WsdlcConfig;
  if (problems.length === 0 && c.services) {
    for (const key of ["inputs", "serviceRoot", "agents", "out"] as const) {
      if (c[key] !== undefined) problems.push({ path: [key], atKey: true, message: `cannot stand beside "services": give it in each service` });
    }
    // Two services writing one folder would overwrite each other.
    const seen = new Map<string, number>();
    c.services.forEach((s, k) => {
      if (s.out === undefined) problems.push({ path: ["services", k], message: `has no "out"` });
      else if (seen.has(s.out)) problems.push({ path: ["services", k, "out"], message: `"${s.out}" is also the output of services[${seen.get(s.out)}]` });
      else seen.set(s.out, k);
      if (s.inputs === undefined && s.serviceRoot === undefined) problems.push({ path: ["services", k], message: `has no "inputs" or "serviceRoot"` });
    });
  }
  if (problems.length === 0) return { config: c };
  const placed = problems.map((p) => {
    const key = formatPath(p.path);
    const pos = (p.atKey ? located.positions.get(`key:${key}`) : undefined) ?? located.positions.get(key) ?? { line: 1, column: 1 };
    return { pos, text: `${file}:${pos.line}:${pos.column}: ${key}: ${p.message}` };
  });
  placed.sort((a, b) => a.pos.line - b.pos.line || a.pos.column - b.pos.column);
  return { errors: placed.map((p) => p.text) };
}

/** The shipped schema file's text (`npm run schema` writes it; a test checks the committed file equals this). */
export function schemaFileText(): string {
  return `${JSON.stringify(CONFIG_SCHEMA, null, 2)}\n`;
}
