// Preloaded into every test file's process by test/run.mjs (`--import`): when the process exits it appends one
// JSON line to $WSDLC_TEST_TIMES with the file, its wall time and its CPU time, the CPU time of the processes it
// spawned and waited for (tsc, the CLI) included. run.mjs prints the slowest files from these lines.
import { appendFileSync, readFileSync } from "node:fs";

const out = process.env["WSDLC_TEST_TIMES"];
const file = process.argv[1] ?? "";
if (out && file.endsWith(".test.ts")) {
  const t0 = performance.timeOrigin;
  process.on("exit", (code) => {
    const own = process.cpuUsage();
    let children = 0;
    try {
      // /proc/self/stat fields 16 and 17: CPU ticks of waited-for children (user, system); Linux only.
      const f = readFileSync("/proc/self/stat", "utf8").split(") ")[1]?.split(" ") ?? [];
      children = ((Number(f[13]) + Number(f[14])) * 1000) / 100;
    } catch {}
    const cpu = (own.user + own.system) / 1000 + (Number.isFinite(children) ? children : 0);
    appendFileSync(out, `${JSON.stringify({ file, ok: code === 0, ms: Math.round(Date.now() - t0), cpuMs: Math.round(cpu) })}\n`);
  });
}
