/**
 * schema.ts makes each type descriptor in a function of its own (`function t$Name(): TypeDescriptor { return
 * {…}; }`, see generator/emit/tables.ts). Tests that look for a descriptor as a table entry (`Name: {…}`, indented
 * as inside a table) read this view of the file: every such function written back as the entry `  Name: {…},`.
 */
export function typeTableView(schema: string): string {
  const out: string[] = [];
  const lines = schema.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? "";
    const m = /^function t\$([^(]+)\(\): TypeDescriptor \{$/.exec(line);
    const first = m === null ? undefined : /^ {2}return (.*)$/.exec(lines[i + 1] ?? "");
    if (m === null || first === undefined || first === null) {
      out.push(line);
      continue;
    }
    i++;
    const value = [first[1] ?? ""];
    // A laid-out literal ends with `};` at the function body's indentation; the function with `}`.
    if (!value[0]?.endsWith(";")) while (i + 1 < lines.length && value[value.length - 1] !== "  };") value.push(lines[++i] ?? "");
    if (lines[i + 1] === "}") i++;
    const text = value
      .map((l, k) => (k === 0 ? l : l.replace(/^ {2}/, "")))
      .join("\n")
      .replace(/;$/, ",");
    out.push(`  ${m[1]}: ${text.replace(/\n/g, "\n  ")}`);
  }
  return out.join("\n");
}
