/**
 * Returns `name` as a SQLite identifier in double quotes, with embedded quotes doubled
 * (https://sqlite.org/lang_keywords.html). Any text is a valid identifier this way, including
 * Chinese names, `__proto__` and names with spaces, quotes or semicolons.
 * NUL cannot appear in a SQLite identifier, so it is refused.
 */
export function quoteIdentifier(name: string): string {
  if (name.includes('\u0000')) throw new Error(`A name cannot contain a NUL character: ${JSON.stringify(name)}`);
  return `"${name.replaceAll('"', '""')}"`;
}
