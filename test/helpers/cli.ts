/** Runs the built `wsdlc` command (bin/wsdlc.js → dist/) as a user would. */
import { spawn, spawnSync } from "node:child_process";
import { join } from "node:path";
import { ROOT } from "./generate.js";
import { tempDir } from "./tmp.js";

let cacheDir: string | undefined;
/** `wsdlc call` caches compiled packages: tests keep that cache in a temporary folder of their own. */
function cliEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  cacheDir ??= tempDir("wsdlc-callcache-");
  return { WSDLC_CACHE_DIR: cacheDir, ...process.env, ...env };
}

export interface CliResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export function runCli(args: readonly string[], cwd: string, env: Record<string, string> = {}): CliResult {
  const r = spawnSync(process.execPath, [join(ROOT, "bin", "wsdlc.js"), ...args], {
    cwd,
    encoding: "utf8",
    env: cliEnv(env),
    timeout: 120_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Like runCli, without blocking the event loop (for tests whose server runs in this process). */
export function runCliAsync(args: readonly string[], cwd: string, env: Record<string, string> = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(ROOT, "bin", "wsdlc.js"), ...args], { cwd, env: cliEnv(env) });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    child.on("error", reject);
    child.on("close", (status) => resolve({ status, stdout, stderr }));
  });
}
