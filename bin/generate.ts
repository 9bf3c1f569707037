/** `wsdlc generate`: read the inputs, run the generator core, then write or check the output folder. */
import { readFile } from "node:fs/promises";
import { dirname, relative, resolve } from "node:path";
import { formatDiagnostic, type Diagnostic } from "../generator/diagnostics.js";
import type { FailureRuleModel } from "../generator/analyze/model.js";
import { generate } from "../generator/index.js";
import { agentUrls, expandInputs, SERVICES75_AGENTS } from "./inputs.js";
import { compareLock, LOCK_FILE, lockFile } from "./lock.js";
import { httpOrigins, makeSecureReader, parseLimitFlags, type LimitFlags } from "./reader.js";
import { diffOutput, OutputConflict, parseHeaderFlags, readReadmeTemplate, readRuntimeTemplates, writeOutput } from "./io.js";

export interface GenerateFlags extends LimitFlags {
  readonly out?: string | undefined;
  readonly config?: string | undefined;
  readonly check?: boolean | undefined;
  readonly quiet?: boolean | undefined;
  readonly serviceRoot?: string | undefined;
  readonly agents?: string | undefined;
  /** `--failure-header <flag>=<value>[:<detail>]` (repeatable), or false for `--no-failure-header`. */
  readonly failureHeader?: string[] | false | undefined;
  /** Write wsdlc.lock.json (the input documents and their SHA-256) into the output folder. */
  readonly lock?: boolean | undefined;
  /** Fail when the input documents differ from the output folder's wsdlc.lock.json. */
  readonly frozen?: boolean | undefined;
  /** `Name: value` headers for fetching http(s) documents. */
  readonly wsdlHeader?: string[] | undefined;
  /** References no loaded schema defines are warnings (values kept as XmlElement) instead of errors. */
  readonly allowUnresolved?: boolean | undefined;
  /** Local imports may leave the folder of their input file. */
  readonly allowOutsideRoot?: boolean | undefined;
}

interface Job {
  /** Input URLs (globs expanded). */
  readonly inputs: string[];
  readonly out: string;
  /** Undefined: the default rule (SuperOffice's Succeeded/ExceptionInfo). */
  readonly failureRules: FailureRuleModel[] | undefined;
  readonly lock: boolean;
  readonly allowUnresolved: boolean;
  readonly allowOutsideRoot: boolean;
}

/** Returns the exit code. */
export async function runGenerate(args: readonly string[], flags: GenerateFlags, root: string): Promise<number> {
  const cwd = process.cwd();
  const job = await resolveJob(args, flags, cwd);
  if (typeof job === "string") {
    process.stderr.write(`wsdlc: ${job}\n`);
    return 2;
  }
  const headers = parseHeaderFlags(flags.wsdlHeader);
  if (typeof headers === "string") {
    process.stderr.write(`wsdlc: ${headers}\n`);
    return 2;
  }
  const limits = parseLimitFlags(flags);
  if (typeof limits === "string") {
    process.stderr.write(`wsdlc: ${limits}\n`);
    return 2;
  }
  const result = await generate(job.inputs, {
    reader: makeSecureReader(cwd, { ...limits, headers, headerOrigins: httpOrigins(job.inputs) }),
    allowOutsideRoot: job.allowOutsideRoot,
    runtime: await readRuntimeTemplates(root),
    readme: await readReadmeTemplate(root),
    ...(job.failureRules ? { failureRules: job.failureRules } : {}),
    allowUnresolved: job.allowUnresolved,
  });
  printDiagnostics(result.diagnostics, flags.quiet ?? false);
  const errors = result.diagnostics.filter((d) => d.severity === "error").length;
  if (errors > 0) {
    process.stderr.write(`wsdlc: ${errors} error${errors === 1 ? "" : "s"}; nothing was written\n`);
    return 2;
  }
  const outDisplay = relative(cwd, job.out) || ".";
  if (flags.frozen) {
    const diff = await compareLock(job.out, result.documents);
    if (diff === undefined) {
      process.stderr.write(`wsdlc: --frozen: ${outDisplay}/${LOCK_FILE} does not exist; generate once with --lock\n`);
      return 2;
    }
    if (diff.length > 0) {
      process.stdout.write(`${outDisplay}/${LOCK_FILE}: ${diff.length} input document${diff.length === 1 ? " differs" : "s differ"} from the lock:\n`);
      for (const d of diff) process.stdout.write(`  ${d.change.padEnd(8)} ${d.source}\n`);
      return 1;
    }
  }
  const files = job.lock ? [...result.files, lockFile(result.documents, job.out)] : result.files;
  if (flags.check) {
    const changes = await diffOutput(job.out, files);
    if (changes.length === 0) {
      if (!flags.quiet) process.stdout.write(`${outDisplay}: up to date (${files.length} files)\n`);
      return 0;
    }
    process.stdout.write(`${outDisplay}: ${changes.length} file${changes.length === 1 ? "" : "s"} would change:\n`);
    for (const c of changes) process.stdout.write(`  ${c.change.padEnd(8)} ${c.path}\n`);
    return 1;
  }
  let changes;
  try {
    changes = await writeOutput(job.out, files);
  } catch (e) {
    if (e instanceof OutputConflict) {
      process.stderr.write(`wsdlc: ${outDisplay}: ${e.message}; nothing was written\n`);
      return 2;
    }
    throw e;
  }
  if (!flags.quiet) {
    process.stdout.write(`${outDisplay}: ${files.length} files, ${changes.length} changed\n`);
  }
  return 0;
}

interface ConfigFile {
  readonly inputs?: unknown;
  readonly out?: unknown;
  readonly serviceRoot?: unknown;
  readonly agents?: unknown;
  readonly failureHeaders?: unknown;
  readonly lock?: unknown;
  readonly allowUnresolved?: unknown;
  readonly allowOutsideRoot?: unknown;
}

/**
 * `Succeeded=false:ExceptionInfo` → the response header `Succeeded` equal to false means failure, and
 * `ExceptionInfo` holds why. The value is a boolean when it is `true` or `false`, a string otherwise.
 */
export function parseFailureRule(text: string): FailureRuleModel | string {
  const m = /^([^=:\s]+)=([^:]*)(?::(\S+))?$/.exec(text.trim());
  if (!m || !m[1]) return `--failure-header "${text}": expected <header>=<value>[:<detail header>], e.g. Succeeded=false:ExceptionInfo`;
  const raw = m[2] ?? "";
  const failureValue = raw === "true" ? true : raw === "false" ? false : raw;
  return { flag: m[1], failureValue, detail: m[3] };
}

function stringList(v: unknown): v is string[] {
  return Array.isArray(v) && v.every((x) => typeof x === "string");
}

/** Normalises command-line flags and the config file (flags win) into one job, or an error message. */
async function resolveJob(args: readonly string[], flags: GenerateFlags, cwd: string): Promise<Job | string> {
  let inputs = [...args];
  let base = cwd;
  let out = flags.out ? resolve(cwd, flags.out) : undefined;
  let serviceRoot = flags.serviceRoot;
  let agents = flags.agents?.split(",").map((a) => a.trim()).filter(Boolean);
  let failure: string[] | false | undefined = flags.failureHeader;
  let config: ConfigFile | undefined;
  if (flags.config) {
    const path = resolve(cwd, flags.config);
    let c: ConfigFile;
    try {
      c = JSON.parse(await readFile(path, "utf8")) as ConfigFile;
      config = c;
    } catch (e) {
      return `cannot read config ${flags.config}: ${e instanceof Error ? e.message : String(e)}`;
    }
    if (c.inputs !== undefined && !stringList(c.inputs)) return `config ${flags.config}: "inputs" must be an array of strings`;
    if (c.agents !== undefined && !stringList(c.agents)) return `config ${flags.config}: "agents" must be an array of strings`;
    if (c.serviceRoot !== undefined && typeof c.serviceRoot !== "string") return `config ${flags.config}: "serviceRoot" must be a string`;
    if (c.out !== undefined && typeof c.out !== "string") return `config ${flags.config}: "out" must be a string`;
    if (c.failureHeaders !== undefined && c.failureHeaders !== false && !stringList(c.failureHeaders)) {
      return `config ${flags.config}: "failureHeaders" must be an array of "<header>=<value>[:<detail>]" strings, or false`;
    }
    if (c.allowUnresolved !== undefined && typeof c.allowUnresolved !== "boolean") return `config ${flags.config}: "allowUnresolved" must be true or false`;
    if (c.allowOutsideRoot !== undefined && typeof c.allowOutsideRoot !== "boolean") return `config ${flags.config}: "allowOutsideRoot" must be true or false`;
    if (failure === undefined && c.failureHeaders !== undefined) failure = c.failureHeaders as string[] | false;
    const configDir = dirname(path);
    if (inputs.length === 0 && c.inputs) {
      inputs = c.inputs;
      base = configDir;
    }
    serviceRoot ??= c.serviceRoot;
    agents ??= c.agents;
    if (!out && c.out) out = resolve(configDir, c.out);
  }
  if (agents && !serviceRoot) return "--agents needs --service-root";
  const { urls, unmatched } = await expandInputs(inputs, base);
  if (unmatched.length) return `no file matches ${unmatched.map((u) => `"${u}"`).join(", ")}`;
  if (serviceRoot) urls.push(...agentUrls(serviceRoot, agents ?? SERVICES75_AGENTS));
  if (urls.length === 0) return "no input: give WSDL files or URLs, --service-root, or --config";
  if (!out) return "no output folder: give --out <dir> (or --config)";
  let failureRules: FailureRuleModel[] | undefined;
  if (failure === false) failureRules = [];
  else if (failure !== undefined) {
    failureRules = [];
    for (const f of failure) {
      const rule = parseFailureRule(f);
      if (typeof rule === "string") return rule;
      failureRules.push(rule);
    }
  }
  return {
    inputs: urls,
    out,
    failureRules,
    lock: flags.lock ?? config?.lock === true,
    allowUnresolved: flags.allowUnresolved ?? config?.allowUnresolved === true,
    allowOutsideRoot: flags.allowOutsideRoot ?? config?.allowOutsideRoot === true,
  };
}

function printDiagnostics(diags: readonly Diagnostic[], quiet: boolean): void {
  for (const d of diags) {
    if (quiet && d.severity !== "error") continue;
    process.stderr.write(`${formatDiagnostic(d)}\n`);
  }
}
