/**
 * The wsdlc commands and their options: the one source of `--help` and of docs/cli.md (rendered by
 * bin/render-docs.ts, checked by test/cli/docs-drift.test.ts).
 */
import { Command } from "commander";
import type { CallFlags } from "./call.js";
import type { GenerateFlags } from "./generate.js";
import type { InitFlags } from "./init.js";
import type { InspectFlags } from "./inspect.js";
import type { ServeFlags } from "./serve.js";

export function buildProgram(version: string, root: string): Command {
  const program = new Command()
    .name("wsdlc")
    .description("Compile WSDL 1.1 services into strictly typed TypeScript clients with a small fetch-based runtime.")
    .version(version)
    .showHelpAfterError()
    .exitOverride();

  program
    .command("generate")
    .description("Read WSDLs (files or URLs, with everything they import) and write a TypeScript client package.")
    .argument("[inputs...]", "WSDL files (globs allowed, e.g. 'wsdl/*.wsdl') or http(s) URLs; all of them go into one package")
    .option("-o, --out <dir>", "output folder (written atomically; only files wsdlc generated are replaced or removed)")
    .option(
      "-c, --config <file>",
      'JSON config (default: ./wsdlc.config.json when no inputs are given): inputs, out, serviceRoot, agents, failureHeaders, lock, allowUnresolved, allowOutsideRoot, ignore, or several packages in "services" (paths relative to the config file; schema: node_modules/wsdlc/schema/wsdlc.config.schema.json)',
    )
    .option("--service-root <url>", "read <url>/<Agent>.svc?wsdl for each agent, e.g. https://host/Cust1/Remote/Services75")
    .option("--agents <list>", "comma-separated agents for --service-root (default: all 45 Services75 agents)")
    .option(
      "--failure-header <rule>",
      "how responses report failure in a header: <header>=<value>[:<detail header>]; repeatable (default: Succeeded=false:ExceptionInfo)",
      (v: string, prev: string[] | false | undefined) => [...(Array.isArray(prev) ? prev : []), v],
    )
    .option("--no-failure-header", "responses never report failure in headers")
    .option("--lock", 'also write wsdlc.lock.json: every input document with its SHA-256 (config: "lock": true)')
    .option("--frozen", "exit 1 when the input documents differ from the output folder's wsdlc.lock.json")
    .option(
      "--wsdl-header <header>",
      'HTTP header for fetching http(s) WSDLs and schemas from the inputs\' origins (never sent to other hosts), "Name: value"; repeatable',
      (v: string, prev: string[] | undefined) => [...(prev ?? []), v],
    )
    .option(
      "--allow-unresolved",
      "a reference to a type, element, group or attribute no loaded schema defines is a warning, not an error: such values are kept as XML (XmlElement)",
    )
    .option(
      "--ignore <code>",
      'do not print warnings with this code, e.g. type-conflict; repeatable (config: "ignore": [...]); errors always print',
      (v: string, prev: string[] | undefined) => [...(prev ?? []), v],
    )
    .option(
      "--allow-outside-root",
      'local imports may reach files outside the folder of the input file (config: "allowOutsideRoot": true); http(s) documents can never import local files',
    )
    .option("--max-document-bytes <n>", "largest document (WSDL or schema) read, in bytes (default 33554432 = 32 MiB)")
    .option("--document-timeout <ms>", "give up on a document not read whole within this many milliseconds (default 20000)")
    .option("--total-timeout <ms>", "give up when reading all documents takes longer than this many milliseconds (default 60000)")
    .option(
      "--check",
      "write nothing; list the files that would change (in every service of the config) and exit 1 if any would, saying whether the runtime is stale (written by another wsdlc version, see runtime/version.ts) or the inputs changed",
    )
    .option("-q, --quiet", "print only errors")
    .addHelpText(
      "after",
      [
        "",
        "Loading: http(s) documents may import only http(s) documents; local imports stay in the input file's folder",
        "(--allow-outside-root); redirects only within the same origin, at most 5; --wsdl-header only to the inputs' origins.",
        "",
        'More than 5 warnings of one code are summed up after the fifth ("... and 21 more type-conflict warnings").',
        "Errors show the offending line with carets and hints (nearest names, --allow-unresolved).",
        "Progress (several inputs or http(s) documents): a status line on a terminal; plain lines when stderr is not a",
        "terminal or CI is set; WSDLC_PROGRESS=tty|plain|off overrides, -q turns it off.",
        "Exit codes: 0 done (or up to date), 1 --check found changes or --frozen inputs changed, 2 invalid input or config (diagnostics name file:line:column).",
      ].join("\n"),
    )
    .action(async (inputs: string[], opts: GenerateFlags) => {
      // Loaded on use: the generator pulls in the TypeScript compiler (ts-morph), which --help does not need.
      const { runGenerate } = await import("./generate.js");
      process.exitCode = await runGenerate(inputs, opts, root);
    });

  program
    .command("init")
    .description("Write a starter wsdlc.config.json (with its $schema) for a WSDL file, glob or URL, or a Services75 service root URL.")
    .argument("<wsdl-or-service-root>", "e.g. wsdl/User.wsdl, 'wsdl/*.wsdl', https://host/User.svc?wsdl or https://host/Cust1/Remote/Services75")
    .option("-o, --out <dir>", "the config's output folder (default: src/generated)")
    .option("--force", "replace an existing wsdlc.config.json")
    .action(async (source: string, opts: InitFlags) => {
      const { runInit } = await import("./init.js");
      process.exitCode = await runInit(source, opts);
    });

  program
    .command("inspect")
    .description("List the clients, headers and operations (with their TypeScript signatures) a WSDL gives, like `python -m zeep`.")
    .argument("<inputs...>", "WSDL files (globs allowed) or http(s) URLs")
    .option("--json", "print a full machine-readable catalog (services, ports, operations, headers, faults, types with fields; see docs/inspect.md)")
    .option("-t, --type <name>", "print the TypeScript declarations of one type (with its request form and values)")
    .option(
      "--allow-unresolved",
      "a reference to a type, element, group or attribute no loaded schema defines is a warning, not an error: such values are kept as XML (XmlElement)",
    )
    .option("--allow-outside-root", "local imports may reach files outside the folder of the input file")
    .option(
      "--wsdl-header <header>",
      'HTTP header for fetching http(s) WSDLs and schemas from the inputs\' origins (never sent to other hosts), "Name: value"; repeatable',
      (v: string, prev: string[] | undefined) => [...(prev ?? []), v],
    )
    .action(async (inputs: string[], opts: InspectFlags) => {
      const { runInspect } = await import("./inspect.js");
      process.exitCode = await runInspect(inputs, opts, root);
    });

  program
    .command("call")
    .description("Call one operation through the generated client and print the result as JSON, like `python -m zeep` or SoapUI.")
    .argument("<wsdl>", "WSDL file or http(s) URL")
    .argument("<operation>", "operation name as in the WSDL (or the client's method name)")
    .option("-e, --endpoint <url>", "service URL (default: the WSDL's soap:address)")
    .option("-H, --headers <json>", "SOAP request headers as JSON, or @file.json")
    .option("-b, --body <json>", "the operation's input as JSON, or @file.json (base64Binary as base64 strings)")
    .option("-t, --timeout <ms>", "give up after this many milliseconds (default 60000)")
    .option("-p, --port <name>", "the WSDL port to use when several have the operation")
    .option(
      "--http-header <header>",
      'HTTP request header for the call, "Name: value", e.g. "Authorization: Bearer …"; repeatable; values are redacted in traces and errors',
      (v: string, prev: string[] | undefined) => [...(prev ?? []), v],
    )
    .option("--trace", "print the request and response envelopes (secrets redacted) on stderr")
    .option(
      "--unredacted",
      "with --trace: print the envelopes and HTTP headers exactly as sent and received, secrets included, after a warning line (also WSDLC_DEBUG_UNREDACTED=1); for debugging on your own machine only",
    )
    .option("--no-cache", "compile the WSDL afresh instead of using (and filling) the cache of compiled packages")
    .option(
      "--allow-unresolved",
      "a reference to a type, element, group or attribute no loaded schema defines is a warning, not an error: such values are kept as XML (XmlElement)",
    )
    .option("--allow-outside-root", "local imports may reach files outside the folder of the input file")
    .option(
      "--wsdl-header <header>",
      'HTTP header for fetching an http(s) WSDL and its schemas (only from its origin), "Name: value"; repeatable',
      (v: string, prev: string[] | undefined) => [...(prev ?? []), v],
    )
    .addHelpText(
      "after",
      [
        "",
        'Prints {"body": ..., "headers": ...}; bigints as strings, bytes as base64, INF/-INF/NaN as those strings. --body and',
        "--headers are checked against the schema: an unknown key is an error naming its path; base64Binary/hexBinary",
        "values are base64/hex strings.",
        "Numbers are read as written: one a double cannot hold exactly (9007199254740993) reaches an xs:long or xs:decimal",
        'as its digits; float and double also take "INF", "-INF" and "NaN" (strings, as JSON has no such numbers).',
        "",
        "Port: --port, else among the ports that have the operation a SOAP 1.1 port before a SOAP 1.2 one, then the",
        'first by port name; the port used is printed on stderr ("wsdlc: port X (SOAP 1.1) at <endpoint>").',
        "",
        "Cache: the compiled client is kept in $WSDLC_CACHE_DIR (default $XDG_CACHE_HOME/wsdlc/call or ~/.cache/wsdlc/call),",
        "keyed by the SHA-256 of every document read, the options and this wsdlc build; the 32 last used are kept.",
        "Exit codes: 0 success; 1 SOAP fault, service failure report (e.g. Succeeded=false) or HTTP/transport error,",
        "printed as a JSON error on stdout; 2 invalid WSDL, unknown operation, bad JSON or values.",
        "",
        "Example:",
        "  wsdlc call User.wsdl GetUntrustedCredentials --endpoint http://host/Remote/Services75/User.svc \\",
        '    --headers \'{"Credentials":{"Ticket":"7T:..."}}\' --body \'{"Type":"imap"}\'',
      ].join("\n"),
    )
    .action(async (wsdl: string, operation: string, opts: CallFlags) => {
      const { runCall } = await import("./call.js");
      process.exitCode = await runCall(wsdl, operation, opts, root);
    });
  program
    .command("serve")
    .description("Serve one port of a WSDL as a local SOAP service (its generated service), to try clients against it.")
    .argument("<wsdl>", "WSDL file or http(s) URL")
    .option("--handlers <file>", "module whose default export is { method: async (input, call) => output }; other operations answer with a fault")
    .option("--listen <[host:]port>", "address to listen on (default 127.0.0.1:8080)")
    .option("-p, --port <name>", "the WSDL port to serve when there are several")
    .option("--serve-wsdl", "answer GET ?wsdl with the WSDL file (off by default)")
    .option("--allow-unresolved", "a reference no loaded schema defines is a warning, not an error")
    .option("--allow-outside-root", "local imports may reach files outside the folder of the input file")
    .action(async (wsdl: string, opts: ServeFlags) => {
      const { runServe } = await import("./serve.js");
      process.exitCode = await runServe(wsdl, opts, root);
    });
  return program;
}
