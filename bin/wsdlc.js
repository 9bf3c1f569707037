#!/usr/bin/env node
// The wsdlc command. The TypeScript sources are compiled to dist/ by `npm run build` (run by `npm ci`
// through the prepare script).
import { existsSync } from "node:fs";

const entry = new URL("../dist/bin/main.js", import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write("wsdlc: dist/ is missing; run `npm run build` (npm ci runs it for you)\n");
  process.exit(2);
}
await import(entry.href);
