/** Running npm, npx and node as a user's shell would, for the packaging tests. */
import { spawn } from "node:child_process";

export interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** The environment a user's shell has: none of the npm_* variables of the `npm test` running this file. */
export function userEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (!/^npm_/i.test(k) || /^npm_config_(cache|registry|userconfig)$/i.test(k)) env[k] = v;
  }
  return { ...env, npm_config_update_notifier: "false", npm_config_fund: "false", npm_config_audit: "false" };
}

/** Runs a command; killed after `timeoutMs`. */
export function run(cmd: string, args: readonly string[], cwd: string, timeoutMs = 60_000): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, env: userEnv() });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.on("error", reject);
    child.on("close", (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
  });
}

export const show = (r: Run) => `exit ${r.status}\n${r.stdout}\n${r.stderr}`;

/** Offline from the npm cache; where the cache lacks a package document, --prefer-offline (the registry only for that). */
export async function install(consumer: string, spec: string, timeoutMs = 60_000): Promise<{ mode: string; r: Run }> {
  const offline = await run("npm", ["i", "-D", "--offline", "--no-audit", "--no-fund", spec], consumer, timeoutMs);
  if (offline.status === 0 || !/ENOTCACHED/.test(offline.stderr)) return { mode: "--offline", r: offline };
  return { mode: "--prefer-offline", r: await run("npm", ["i", "-D", "--prefer-offline", "--no-audit", "--no-fund", spec], consumer, timeoutMs) };
}
