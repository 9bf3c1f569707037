/** The TypeScript examples of README.md, so that tests can compile them against real generated code. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "./generate.js";

/** Every ```ts block of the README (indentation of blocks inside list items removed), in order. */
export function readmeExamples(): string[] {
  const text = readFileSync(join(ROOT, "README.md"), "utf8");
  const out: string[] = [];
  for (const m of text.matchAll(/^( *)```ts\n([\s\S]*?)^\1```$/gm)) {
    const indent = m[1] ?? "";
    out.push(
      (m[2] ?? "")
        .split("\n")
        .map((l) => (l.startsWith(indent) ? l.slice(indent.length) : l))
        .join("\n"),
    );
  }
  return out;
}
