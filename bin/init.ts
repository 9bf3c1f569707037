/** `wsdlc init`: writes a starter wsdlc.config.json for a WSDL (file, glob or URL) or a Services75 service root. */
import { existsSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { isAbsolute, relative, resolve, sep } from "node:path";
import { DEFAULT_CONFIG, parseConfig, type WsdlcConfig } from "./config.js";
import { expandInputs, isGlob, isUrl } from "./inputs.js";

export interface InitFlags {
  readonly out?: string | undefined;
  readonly force?: boolean | undefined;
}

export const SCHEMA_REF = "./node_modules/wsdlc/schema/wsdlc.config.schema.json";

/** Returns the exit code. */
export async function runInit(source: string, flags: InitFlags): Promise<number> {
  const cwd = process.cwd();
  const path = resolve(cwd, DEFAULT_CONFIG);
  if (existsSync(path) && !flags.force) {
    process.stderr.write(`wsdlc: ${DEFAULT_CONFIG} already exists; edit it, or pass --force to replace it\n`);
    return 2;
  }
  // An http(s) URL that names no WSDL (no "wsdl" in it) is a service root: <root>/<Agent>.svc?wsdl per agent.
  const serviceRoot = /^https?:/i.test(source) && !/wsdl/i.test(source);
  if (!isUrl(source)) {
    const missing = isGlob(source) ? (await expandInputs([source], cwd)).unmatched.length > 0 : !existsSync(resolve(cwd, source));
    if (missing) {
      process.stderr.write(`wsdlc: ${source}: no such file\n`);
      return 2;
    }
  }
  const input = serviceRoot ? source.replace(/\/+$/, "") : isUrl(source) ? source : portable(cwd, source);
  const config: WsdlcConfig = {
    $schema: SCHEMA_REF,
    ...(serviceRoot ? { serviceRoot: input } : { inputs: [input] }),
    out: portable(cwd, flags.out ?? "src/generated"),
    lock: true,
  };
  const text = `${JSON.stringify(config, null, 2)}\n`;
  const check = parseConfig(text, DEFAULT_CONFIG);
  if ("errors" in check) {
    for (const e of check.errors) process.stderr.write(`wsdlc: ${e}\n`);
    return 2;
  }
  await writeFile(path, text);
  process.stdout.write(`wrote ${DEFAULT_CONFIG} (${serviceRoot ? "serviceRoot" : "inputs"}: ${input}, out: ${config.out}); now run: npx wsdlc generate\n`);
  return 0;
}

/**
 * A local path as a committed config should hold it: an absolute path inside the config's folder becomes
 * relative to it (another checkout lives elsewhere), with forward slashes; a path outside the folder is kept.
 */
function portable(cwd: string, path: string): string {
  if (!isAbsolute(path)) return path;
  const rel = relative(cwd, path);
  return rel !== "" && rel !== ".." && !rel.startsWith(`..${sep}`) && !isAbsolute(rel) ? rel.split(sep).join("/") : path;
}
