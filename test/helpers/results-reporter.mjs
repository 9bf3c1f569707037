// A node:test reporter that writes one JSON line per finished test (file, name, nesting, outcome, duration).
// test/run.mjs uses it beside the spec reporter to check and render docs/hostile-cases.md from the same run.
export default async function* resultsReporter(source) {
  for await (const event of source) {
    if (event.type !== "test:pass" && event.type !== "test:fail") continue;
    const d = event.data;
    // Node 20 reports a whole file as a test of its own (nesting 0, named after the path): skip those.
    if (d.details?.type === undefined && d.file && d.name === d.file) continue;
    yield `${JSON.stringify({
      file: d.file ?? "",
      name: d.name,
      nesting: d.nesting,
      ok: event.type === "test:pass" && !d.skip,
      skip: Boolean(d.skip),
      ms: Math.round(d.details?.duration_ms ?? 0),
    })}\n`;
  }
}
