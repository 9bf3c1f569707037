// Preloaded into benchmarked CLI processes: writes the process's peak RSS (KiB) to WSDLC_BENCH_RSS on exit.
"use strict";
const { writeFileSync } = require("node:fs");
const target = process.env.WSDLC_BENCH_RSS;
if (target) process.on("exit", () => writeFileSync(target, String(process.resourceUsage().maxRSS)));
