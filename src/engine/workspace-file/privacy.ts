import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import type { Column, NumericColumn, TextColumn } from '../dataset/types.ts';
import { formatDay, formatWallClock } from '../sqlite/format-sql-value.ts';
import type { SavedTable } from './types.ts';

/** A column of a saved table. */
export interface ColumnRef {
  table: string;
  column: string;
}

/** Hex characters kept of each HMAC (128 bits: collisions are out of reach for any table). */
const HASH_HEX_LENGTH = 32;

/**
 * Returns new SavedTable objects with the chosen columns dropped or hashed (the inputs are never
 * changed; untouched columns are shared). A dropped column is gone from the table (and from its
 * tag columns); a hashed column becomes a text column of HMAC-SHA-256 digests keyed with `key`
 * (hex, the first 32 characters) of each value's text: numbers as `String(value)`, booleans as
 * true/false, dates as YYYY-MM-DD, datetimes as YYYY-MM-DD HH:MM:SS; NULL stays NULL.
 *
 * Equal values get equal hashes with one key, so joins and counts still work within one file.
 * The key is random per save and never stored: without it nobody can hash every phone number and
 * look the results up, as they could with a plain SHA-256.
 *
 * Throws an Error when a choice names a table or column the tables do not have, or hashes a tag
 * column (a tag's labels are not personal data; hashing them would only break the file's charts).
 * A column both dropped and hashed is dropped.
 */
export function applyPrivacy(tables: SavedTable[], choice: { drop: ColumnRef[]; hash: ColumnRef[] }, key: Uint8Array): SavedTable[] {
  const drop = refsByTable(tables, choice.drop);
  const hash = refsByTable(tables, choice.hash);
  return tables.map((table) => {
    const dropped = drop.get(table.name) ?? new Set<string>();
    const hashed = hash.get(table.name) ?? new Set<string>();
    for (const name of hashed) {
      if (!dropped.has(name) && table.tagColumns.includes(name)) throw new Error(`The tag column “${name}” of table “${table.name}” cannot be hashed.`);
    }
    if (dropped.size === 0 && hashed.size === 0) return { ...table, columns: [...table.columns], tagColumns: [...table.tagColumns] };
    const columns = table.columns
      .filter((c) => !dropped.has(c.name))
      .map((c) => (hashed.has(c.name) ? hashColumn(c, key) : c));
    return { ...table, columns, tagColumns: table.tagColumns.filter((name) => !dropped.has(name)) };
  });
}

/** The chosen column names by table name; throws on a table or column that does not exist. */
function refsByTable(tables: readonly SavedTable[], refs: readonly ColumnRef[]): Map<string, Set<string>> {
  const byTable = new Map<string, Set<string>>();
  for (const { table, column } of refs) {
    const found = tables.find((t) => t.name === table);
    if (!found) throw new Error(`There is no table “${table}” to drop or hash a column of.`);
    if (!found.columns.some((c) => c.name === column)) throw new Error(`The table “${table}” has no column “${column}”.`);
    let names = byTable.get(table);
    if (!names) byTable.set(table, (names = new Set()));
    names.add(column);
  }
  return byTable;
}

/** Returns the column as text hashes; each distinct value is hashed once, not once per row. */
function hashColumn(column: Column, key: Uint8Array): TextColumn {
  const digest = (text: string) => bytesToHex(hmac(sha256, key, utf8ToBytes(text))).slice(0, HASH_HEX_LENGTH);
  if (column.type === 'text') {
    return { name: column.name, type: 'text', codes: column.codes.slice(), dictionary: column.dictionary.map(digest) };
  }
  const toText = valueText(column);
  const codes = new Int32Array(column.values.length);
  const dictionary: string[] = [];
  const codeOf = new Map<number, number>();
  column.values.forEach((value, row) => {
    if (Number.isNaN(value)) {
      codes[row] = -1;
      return;
    }
    let code = codeOf.get(value);
    if (code === undefined) {
      code = dictionary.push(digest(toText(value))) - 1;
      codeOf.set(value, code);
    }
    codes[row] = code;
  });
  return { name: column.name, type: 'text', codes, dictionary };
}

/** How a numeric column's value is written before hashing (as the grid and SQLite show it). */
function valueText(column: NumericColumn): (value: number) => string {
  switch (column.type) {
    case 'date':
      return formatDay;
    case 'datetime':
      return formatWallClock;
    case 'boolean':
      return (value) => (value ? 'true' : 'false');
    default:
      return String;
  }
}
