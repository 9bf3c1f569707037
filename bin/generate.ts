/** `wsdlc generate`: read the inputs, run the generator core, then write or check the output folder. */
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { dirname, join, relative, resolve } from "node:path";
import type { FailureRuleModel } from "../generator/analyze/model.js";
import { generate } from "../generator/index.js";
import { DEFAULT_CONFIG, parseConfig, type ServiceConfig, type WsdlcConfig } from "./config.js";
import { agentUrls, expandInputs, SERVICES75_AGENTS } from "./inputs.js";
import { printDiagnostics, SourceRecorder } from "./report.js";
import { Progress, progressMode, wantsProgress } from "./progress.js";
import type { ResourceReader } from "../generator/index.js";
import { explainChanges, recordedVersion } from "./provenance.js";
import { compareLock, LOCK_FILE, lockFile } from "./lock.js";
import { httpOrigins, makeSecureReader, parseLimitFlags, type LimitFlags } from "./reader.js";
import { diffOutput, OutputConflict, OutputError, parseHeaderFlags, readReadmeTemplate, readRuntimeTemplates, writeOutput } from "./io.js";

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
  /** `--ignore <code>` (repeatable): warning codes not to print. */
  readonly ignore?: string[] | undefined;
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
  /** Warning codes not to print. */
  readonly ignore: ReadonlySet<string>;
  readonly allowOutsideRoot: boolean;
}

/** Returns the exit code. With several services, nothing is written unless every one of them generates. */
export async function runGenerate(args: readonly string[], flags: GenerateFlags, root: string): Promise<number> {
  const cwd = process.cwd();
  const jobs = await resolveJobs(args, flags, cwd);
  if (!Array.isArray(jobs)) {
    for (const e of jobs.errors) process.stderr.write(`wsdlc: ${e}\n`);
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
  const runtime = await readRuntimeTemplates(root);
  const version = (JSON.parse(await readFile(join(root, "package.json"), "utf8")) as { version: string }).version;
  const readme = await readReadmeTemplate(root);
  const done: { job: Job; result: Awaited<ReturnType<typeof generate>>; progress: Progress }[] = [];
  let errors = 0;
  for (const job of jobs) {
    const progress = new Progress(wantsProgress(job.inputs) ? progressMode(flags.quiet === true) : "off");
    const sources = new SourceRecorder(countingReader(makeSecureReader(cwd, { ...limits, headers, headerOrigins: httpOrigins(job.inputs) }), progress));
    const result = await generate(job.inputs, {
      reader: sources,
      onProgress: progress.onEvent,
      allowOutsideRoot: job.allowOutsideRoot,
      runtime,
      readme,
      ...(job.failureRules ? { failureRules: job.failureRules } : {}),
      allowUnresolved: job.allowUnresolved,
    });
    progress.done();
    await printDiagnostics(result.diagnostics, {
      quiet: flags.quiet,
      ignore: job.ignore,
      sources,
      inputs: job.inputs,
      allowUnresolvedFlag: !job.allowUnresolved,
      allowOutsideRoot: job.allowOutsideRoot,
    });
    errors += result.diagnostics.filter((d) => d.severity === "error").length;
    done.push({ job, result, progress });
  }
  if (errors > 0) {
    process.stderr.write(`wsdlc: ${errors} error${errors === 1 ? "" : "s"}; nothing was written\n`);
    return 2;
  }
  const display = (job: Job) => relative(cwd, job.out) || ".";
  if (flags.frozen) {
    let code = 0;
    for (const { job, result } of done) {
      const outDisplay = display(job);
      const diff = await compareLock(job.out, result.documents);
      if (diff === undefined) {
        process.stderr.write(`wsdlc: --frozen: ${outDisplay}/${LOCK_FILE} does not exist; generate once with --lock\n`);
        code = 2;
      } else if (diff.length > 0) {
        process.stdout.write(`${outDisplay}/${LOCK_FILE}: ${diff.length} input document${diff.length === 1 ? " differs" : "s differ"} from the lock:\n`);
        for (const d of diff) process.stdout.write(`  ${d.change.padEnd(8)} ${d.source}\n`);
        code = Math.max(code, 1);
      }
    }
    if (code !== 0) return code;
  }
  let code = 0;
  for (const { job, result, progress } of done) {
    const outDisplay = display(job);
    const files = job.lock ? [...result.files, lockFile(result.documents, job.out)] : result.files;
    if (flags.check) {
      let changes;
      try {
        changes = await diffOutput(job.out, files);
      } catch (e) {
        if (!(e instanceof OutputError)) throw e;
        process.stderr.write(`wsdlc: ${outDisplay}: ${e.message}\n`);
        code = 2;
        continue;
      }
      if (changes.length === 0) {
        if (!flags.quiet) process.stdout.write(`${outDisplay}: up to date (${files.length} files)\n`);
        continue;
      }
      process.stdout.write(
        `${outDisplay}: ${changes.length} file${changes.length === 1 ? "" : "s"} would change: ${explainChanges(changes, await recordedVersion(job.out), version)}\n`,
      );
      for (const c of changes) process.stdout.write(`  ${c.change.padEnd(8)} ${c.path}\n`);
      code = 1;
      continue;
    }
    let changes;
    try {
      progress.writing(outDisplay, files.length);
      changes = await writeOutput(job.out, files);
      progress.done();
    } catch (e) {
      progress.done();
      if (e instanceof OutputConflict || e instanceof OutputError) {
        process.stderr.write(`wsdlc: ${outDisplay}: ${e.message}; nothing was written\n`);
        code = 2;
        continue;
      }
      throw e;
    }
    if (!flags.quiet) {
      process.stdout.write(`${outDisplay}: ${files.length} files, ${changes.length} changed\n`);
    }
  }
  return code;
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

/** Normalises command-line flags and the config file (flags win) into jobs, one per service, or error messages. */
async function resolveJobs(args: readonly string[], flags: GenerateFlags, cwd: string): Promise<Job[] | { errors: string[] }> {
  const fail = (e: string) => ({ errors: [e] });
  let configFile = flags.config;
  if (configFile === undefined && args.length === 0 && flags.serviceRoot === undefined && existsSync(resolve(cwd, DEFAULT_CONFIG))) {
    configFile = DEFAULT_CONFIG;
  }
  let config: WsdlcConfig = {};
  let configDir = cwd;
  if (configFile !== undefined) {
    const path = resolve(cwd, configFile);
    let text: string;
    try {
      text = await readFile(path, "utf8");
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      return fail(`cannot read config ${configFile}: ${code === "ENOENT" ? "no such file" : e instanceof Error ? e.message : String(e)}`);
    }
    const parsed = parseConfig(text, relative(cwd, path) || configFile);
    if ("errors" in parsed) return parsed;
    config = parsed.config;
    configDir = dirname(path);
  }
  const { services: many, ...top } = config;
  if (many) {
    const clash = [args.length > 0 && "inputs", flags.out && "--out", flags.serviceRoot && "--service-root", flags.agents && "--agents"].filter(Boolean);
    if (clash.length) return fail(`${configFile} has several "services": ${clash.join(", ")} cannot be given on the command line as well`);
    const jobs: Job[] = [];
    for (const [k, s] of many.entries()) {
      const job = await makeJob([], { ...top, ...s }, flags, cwd, configDir);
      if (typeof job === "string") return fail(`${configFile}: services[${k}]: ${job}`);
      jobs.push(job);
    }
    return jobs;
  }
  const job = await makeJob(args, top, flags, cwd, configDir);
  return typeof job === "string" ? fail(job) : [job];
}

/** One service's job: `args` and `flags` win over the config entry `c` (whose paths are relative to `configDir`). */
async function makeJob(args: readonly string[], c: ServiceConfig, flags: GenerateFlags, cwd: string, configDir: string): Promise<Job | string> {
  let inputs = [...args];
  let base = cwd;
  if (inputs.length === 0 && c.inputs) {
    inputs = [...c.inputs];
    base = configDir;
  }
  const out = flags.out ? resolve(cwd, flags.out) : c.out ? resolve(configDir, c.out) : undefined;
  const serviceRoot = flags.serviceRoot ?? c.serviceRoot;
  const agents =
    flags.agents
      ?.split(",")
      .map((a) => a.trim())
      .filter(Boolean) ?? c.agents;
  const failure: readonly string[] | false | undefined = flags.failureHeader ?? c.failureHeaders;
  if (agents && !serviceRoot) return "--agents needs --service-root";
  const { urls, unmatched } = await expandInputs(inputs, base);
  if (unmatched.length) return `no file matches ${unmatched.map((u) => `"${u}"`).join(", ")}`;
  if (serviceRoot) urls.push(...agentUrls(serviceRoot, agents ?? SERVICES75_AGENTS));
  if (urls.length === 0) return `no input: give WSDL files or URLs, --service-root, or --config (or write ${DEFAULT_CONFIG})`;
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
    lock: flags.lock ?? c.lock === true,
    allowUnresolved: flags.allowUnresolved ?? c.allowUnresolved === true,
    ignore: new Set([...(flags.ignore ?? []), ...(c.ignore ?? [])]),
    allowOutsideRoot: flags.allowOutsideRoot ?? c.allowOutsideRoot === true,
  };
}

/** A reader that tells `progress` about each document it reads. */
function countingReader(inner: ResourceReader, progress: Progress): ResourceReader {
  return {
    read: (url) => {
      progress.reading(inner.display(url));
      return inner.read(url);
    },
    display: (url) => inner.display(url),
    ...(inner.realUrl ? { realUrl: inner.realUrl.bind(inner) } : {}),
  };
}
