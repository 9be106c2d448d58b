/**
 * Returns a name for the rowid of a table with these columns: `rowid`, or `_rowid_` or `oid` when
 * a column is called `rowid` (a column shadows the alias: https://sqlite.org/lang_createtable.html#rowid).
 * Returns null when all three are taken.
 */
export function pickRowidName(columnNames: readonly string[]): string | null {
  const taken = new Set(columnNames.map((name) => name.toLowerCase()));
  return ['rowid', '_rowid_', 'oid'].find((alias) => !taken.has(alias)) ?? null;
}
