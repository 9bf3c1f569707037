/**
 * The wsdlc command line. Only this folder touches the file system, the network, the terminal and exit
 * codes: 0 success, 1 `--check` found differences (or a call failed), 2 bad input or usage.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { CommanderError } from "commander";
import { packageRoot } from "./io.js";
import { buildProgram } from "./program.js";

// A reader that stops early (`wsdlc inspect … | head`) closes the pipe: what is written after that is dropped
// quietly and the command finishes as it would have (files written, exit status kept). Without this, the first
// write after the close ends the process with an unhandled EPIPE and its stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (e: NodeJS.ErrnoException) => {
    if (e.code !== "EPIPE" && e.code !== "ERR_STREAM_DESTROYED") throw e;
  });
}

const root = packageRoot();
const version = (JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { version: string }).version;

const program = buildProgram(version, root);

try {
  await program.parseAsync(process.argv);
} catch (e) {
  if (e instanceof CommanderError) {
    process.exitCode = e.exitCode === 0 ? 0 : 2;
  } else if (isFileSystemError(e)) {
    // A path of the user's that cannot be read or written as asked (a folder where a file goes, no permission):
    // the platform's words name the path and the operation; that is not a bug in wsdlc.
    const detail = process.env["WSDLC_DEBUG"] === "1" ? `\n${e.stack ?? ""}` : "";
    process.stderr.write(`wsdlc: ${e.message}${detail}\n`);
    process.exitCode = 2;
  } else {
    // A mistake in the input is a diagnostic, never an exception; reaching here is a bug in wsdlc. Say so in one
    // line (the stack only with WSDLC_DEBUG=1) and exit 70 (EX_SOFTWARE), distinct from "invalid input".
    const detail = process.env["WSDLC_DEBUG"] === "1" && e instanceof Error ? `\n${e.stack ?? ""}` : "";
    process.stderr.write(`wsdlc: internal error: ${e instanceof Error ? e.message : String(e)} — this is a bug in wsdlc; please report it with the input${detail}\n`);
    process.exitCode = 70;
  }
}

/** A Node file-system error about a path (`EISDIR: illegal operation on a directory, open '…'`). */
function isFileSystemError(e: unknown): e is NodeJS.ErrnoException {
  if (!(e instanceof Error)) return false;
  const { code, syscall, path } = e as NodeJS.ErrnoException;
  return typeof code === "string" && /^E[A-Z]+$/.test(code) && typeof syscall === "string" && typeof path === "string";
}
