/**
 * schema.ts declares each type descriptor as its own constant (`const t$Name: TypeDescriptor = {…};`, see
 * generator/emit/tables.ts). Tests that look for a descriptor as a table entry (`Name: {…}`, indented as
 * inside a table) read this view of the file: every such constant written back as the entry `  Name: {…},`.
 */
export function typeTableView(schema: string): string {
  const out: string[] = [];
  const lines = schema.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? "";
    const m = /^const t\$([^:]+): TypeDescriptor = (.*)$/.exec(line);
    if (m === null) {
      out.push(line);
      continue;
    }
    const value = [m[2] ?? ""];
    // A laid-out literal ends with `};` at the start of a line.
    if (!value[0]?.endsWith(";")) while (i + 1 < lines.length && !value[value.length - 1]?.startsWith("}")) value.push(lines[++i] ?? "");
    const text = value.join("\n").replace(/;$/, ",");
    out.push(`  ${m[1]}: ${text.replace(/\n/g, "\n  ")}`);
  }
  return out.join("\n");
}
