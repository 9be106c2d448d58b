/**
 * The rules every saved table follows, checked when a file is written (a bug in the app) and
 * when it is read (a damaged or hostile file). Names follow the workspace definition's rules:
 * table names are plain names, column names any header text without control characters.
 */
import { COLUMN_TYPES, type Column } from '../dataset/types.ts';
import { columnName, plainName, type Check } from '../workspace/check-shape.ts';
import type { WorkspaceProblem } from '../workspace/workspace-definition.ts';
import { MAX_SAVED_COLUMNS, MAX_SAVED_ROWS, SAVED_TABLE_KINDS, type SavedTable } from './types.ts';

/** The file's own tables; a saved table may not be named like them (compared case-insensitively). */
export const META_TABLE = 'tagbook_meta';
export const COLUMNS_TABLE = 'tagbook_columns';

/** Returns why `name` cannot name a saved table, or null when it can. */
export function tableNameProblem(name: unknown): string | null {
  const problem = checkProblem(plainName(), name);
  if (problem) return `Table name ${quoted(name)}: ${problem}`;
  const lower = (name as string).toLowerCase();
  if (lower === META_TABLE || lower === COLUMNS_TABLE) return `The table name ${quoted(name)} is the file's own ${lower} table.`;
  return null;
}

/** Returns why `name` cannot name a saved column, or null when it can. */
export function columnNameProblem(name: unknown): string | null {
  if (name === '') return 'A column name cannot be empty.';
  return checkProblem(columnName, name);
}

/**
 * Returns why a table's description (as in `tagbook_meta.tables`) is wrong, or null. Names and
 * duplicates are checked by the callers, which know the other tables.
 */
export function tableEntryProblem(entry: { name: string; kind: unknown; rowCount: unknown; tagColumns: unknown }): string | null {
  const { name, kind, rowCount, tagColumns } = entry;
  if (typeof kind !== 'string' || !(SAVED_TABLE_KINDS as readonly string[]).includes(kind)) return `Table “${name}” has an unknown kind ${quoted(kind)}.`;
  if (typeof rowCount !== 'number' || !Number.isInteger(rowCount) || rowCount < 0 || rowCount > MAX_SAVED_ROWS) {
    return `Table “${name}” has a row count of ${quoted(rowCount)}; expected a whole number from 0 to ${MAX_SAVED_ROWS}.`;
  }
  if (!Array.isArray(tagColumns) || !tagColumns.every((c) => typeof c === 'string')) return `Table “${name}” has a tag column list that is not a list of names.`;
  return null;
}

/**
 * Returns the first problem of a whole saved table (names, kinds, column lengths, text codes, tag
 * columns), or null. `others` holds the lower-case names of the tables before it.
 */
export function savedTableProblem(table: SavedTable, others: ReadonlySet<string>): string | null {
  const nameProblem = tableNameProblem(table.name);
  if (nameProblem) return nameProblem;
  if (others.has(table.name.toLowerCase())) return `Two tables are named “${table.name}” (names are compared ignoring case).`;
  const entryProblem = tableEntryProblem(table);
  if (entryProblem) return entryProblem;
  if (table.columns.length > MAX_SAVED_COLUMNS) return `Table “${table.name}” has ${table.columns.length} columns; at most ${MAX_SAVED_COLUMNS} are allowed.`;
  const seen = new Set<string>();
  for (const column of table.columns) {
    const problem = columnProblem(column, table.rowCount);
    if (problem) return `Column ${quoted(column.name)} of table “${table.name}”: ${problem}`;
    const lower = column.name.toLowerCase();
    if (seen.has(lower)) return `Table “${table.name}” has two columns named “${column.name}” (names are compared ignoring case).`;
    seen.add(lower);
  }
  const tagged = new Set<string>();
  for (const tag of table.tagColumns) {
    const column = table.columns.find((c) => c.name === tag);
    if (!column) return `Table “${table.name}” lists a tag column “${tag}” it does not have.`;
    if (column.type !== 'text') return `The tag column “${tag}” of table “${table.name}” is not a text column.`;
    if (tagged.has(tag)) return `Table “${table.name}” lists the tag column “${tag}” twice.`;
    tagged.add(tag);
  }
  return null;
}

/** Returns what is wrong with one column of a table with `rowCount` rows, or null. */
function columnProblem(column: Column, rowCount: number): string | null {
  const nameProblem = columnNameProblem(column.name);
  if (nameProblem) return nameProblem;
  if (!COLUMN_TYPES.includes(column.type)) return `unknown type ${quoted(column.type)}.`;
  if (column.type !== 'text') {
    if (!(column.values instanceof Float64Array)) return 'the values are not a Float64Array.';
    if (column.values.length !== rowCount) return `${column.values.length} values for ${rowCount} rows.`;
    return null;
  }
  if (!(column.codes instanceof Int32Array)) return 'the codes are not an Int32Array.';
  if (column.codes.length !== rowCount) return `${column.codes.length} values for ${rowCount} rows.`;
  if (!Array.isArray(column.dictionary) || !column.dictionary.every((v) => typeof v === 'string')) return 'the dictionary is not a list of text values.';
  const size = column.dictionary.length;
  const codes = column.codes;
  for (let row = 0; row < codes.length; row++) {
    const code = codes[row];
    if (code < -1 || code >= size) return `row ${row + 1} has the code ${code}, outside the dictionary of ${size} values.`;
  }
  return null;
}

function checkProblem(check: Check, value: unknown): string | null {
  const problems: WorkspaceProblem[] = [];
  check(value, '', problems);
  return problems[0]?.message ?? null;
}

/** A value as a message quotes it, shortened. */
function quoted(value: unknown): string {
  // JSON.stringify, not String: a parsed object may carry a `toString` field, which String would call.
  const text = typeof value === 'string' ? JSON.stringify(value.slice(0, 80)) : (JSON.stringify(value) ?? String(value));
  return text.length > 100 ? `${text.slice(0, 100)}…` : text;
}
