/**
 * Reads a `.tagbook` file (layout in write-workspace-file.ts) without trusting it: everything is
 * checked before anything is returned, and nothing the file defines is executed. Only two fixed
 * SELECTs touch its content, on `tagbook_meta` and `tagbook_columns` when both are ordinary
 * tables; its views and triggers are never queried (a trigger only fires on writes, and the
 * reader never writes), and `trusted_schema = OFF` keeps functions out of whatever the schema holds.
 */
import { COLUMN_TYPES, type Column, type ColumnType } from '../dataset/types.ts';
import type { Database, SqlModule, SqlValue } from '../sqlite/sql-types.ts';
import { COLUMNS_TABLE, META_TABLE, savedTableProblem, tableEntryProblem, tableNameProblem } from './check-saved-table.ts';
import { float64FromBytes, int32FromBytes } from './column-bytes.ts';
import {
  FILE_CONTENTS,
  MAX_SAVED_COLUMNS,
  MAX_WORKSPACE_FILE_BYTES,
  WORKSPACE_FILE_FORMAT,
  WORKSPACE_FILE_VERSION,
  type FileContents,
  type SavedTable,
  type SavedTableKind,
  type WorkspaceFile,
} from './types.ts';
import { WorkspaceFileError } from './workspace-file-error.ts';

// https://sqlite.org/fileformat.html#the_database_header: every database starts with these 16 bytes.
const SQLITE_HEADER = 'SQLite format 3\u0000';
// The smallest page size; a database file is at least one page.
const MIN_FILE_BYTES = 512;

const META_KEYS = ['format', 'file_version', 'definition', 'saved_at', 'app', 'contents', 'dropped', 'hashed', 'tables'] as const;
type MetaKey = (typeof META_KEYS)[number];

/** A table as `tagbook_meta.tables` describes it, before its columns are read. */
interface TableEntry {
  name: string;
  kind: SavedTableKind;
  rowCount: number;
  tagColumns: string[];
  columns: Column[];
}

/**
 * Returns the workspace in a `.tagbook` file's bytes, checked through. Throws a
 * WorkspaceFileError (and nothing else): `not-sqlite`, `too-large`, `corrupt`, `not-tagbook`,
 * `newer-version` (params.version) or `bad-data` (naming the table and column).
 */
export function readWorkspaceFile(sql: SqlModule, bytes: Uint8Array): WorkspaceFile {
  if (!(bytes instanceof Uint8Array) || bytes.byteLength < MIN_FILE_BYTES || !hasSqliteHeader(bytes)) {
    throw new WorkspaceFileError('not-sqlite', 'This is not a workspace file: it is not a SQLite database.');
  }
  if (bytes.byteLength > MAX_WORKSPACE_FILE_BYTES) {
    throw new WorkspaceFileError('too-large', 'The workspace file is larger than 2 GiB.', { bytes: bytes.byteLength });
  }
  let db: Database;
  try {
    db = new sql.Database(bytes);
  } catch (error) {
    throw corrupt(error);
  }
  try {
    checkIntegrity(db);
    const meta = readMeta(db);
    const tables = readColumns(db, meta.tables);
    return { ...meta, tables };
  } catch (error) {
    if (error instanceof WorkspaceFileError) throw error;
    throw corrupt(error);
  } finally {
    db.close();
  }
}

function hasSqliteHeader(bytes: Uint8Array): boolean {
  for (let i = 0; i < SQLITE_HEADER.length; i++) if (bytes[i] !== SQLITE_HEADER.charCodeAt(i)) return false;
  return true;
}

function corrupt(error: unknown): WorkspaceFileError {
  const reason = error instanceof Error ? error.message : String(error);
  return new WorkspaceFileError('corrupt', `The workspace file is damaged: ${reason}`);
}

function notTagbook(message: string): WorkspaceFileError {
  return new WorkspaceFileError('not-tagbook', `This is not a Tagbook workspace file: ${message}`);
}

function badData(message: string): WorkspaceFileError {
  return new WorkspaceFileError('bad-data', `The workspace file holds bad data. ${message}`);
}

/** Checks the file's structure, then that the two Tagbook tables exist as ordinary tables. */
function checkIntegrity(db: Database): void {
  db.run('PRAGMA trusted_schema = OFF');
  db.run('PRAGMA query_only = ON');
  const check = db.exec('PRAGMA quick_check');
  const rows = check[0]?.values ?? [];
  if (rows.length !== 1 || rows[0][0] !== 'ok') {
    const first = rows.map((r) => String(r[0])).find((r) => r !== 'ok') ?? 'the integrity check failed';
    throw new WorkspaceFileError('corrupt', `The workspace file is damaged: ${first.slice(0, 200)}`);
  }
  const found = db.exec(
    `SELECT type, lower(name), sql FROM sqlite_master WHERE lower(name) IN ('${META_TABLE}', '${COLUMNS_TABLE}')`,
  );
  const objects = found[0]?.values ?? [];
  for (const name of [META_TABLE, COLUMNS_TABLE]) {
    const matches = objects.filter((o) => o[1] === name);
    // An ordinary table only: reading a view or a virtual table would run code the file chose.
    const ordinary = matches.length === 1 && matches[0][0] === 'table' && /^\s*CREATE\s+TABLE\b/i.test(String(matches[0][2]));
    if (!ordinary) throw notTagbook(`it has no ${name} table.`);
  }
}

/** Reads and checks `tagbook_meta`; returns everything but the tables' columns. */
function readMeta(db: Database): Omit<WorkspaceFile, 'tables'> & { tables: TableEntry[] } {
  const meta = new Map<MetaKey, string>();
  for (const [key, value] of selectRows(db, `SELECT key, value FROM ${META_TABLE}`)) {
    if (typeof key !== 'string' || !(META_KEYS as readonly string[]).includes(key)) continue;
    if (typeof value !== 'string') throw notTagbook(`the metadata value “${key}” is not text.`);
    if (meta.has(key as MetaKey)) throw notTagbook(`the metadata key “${key}” appears twice.`);
    meta.set(key as MetaKey, value);
  }
  if (meta.get('format') !== WORKSPACE_FILE_FORMAT) throw notTagbook('its metadata does not name the Tagbook file format.');
  const versionText = meta.get('file_version') ?? '';
  if (!/^[0-9]{1,9}$/.test(versionText) || Number(versionText) < 1) throw notTagbook('its file version is missing or not a whole number.');
  const fileVersion = Number(versionText);
  if (fileVersion > WORKSPACE_FILE_VERSION) {
    throw new WorkspaceFileError(
      'newer-version',
      `The workspace file was saved by a newer Tagbook (file version ${fileVersion}); this one reads up to version ${WORKSPACE_FILE_VERSION}.`,
      { version: fileVersion },
    );
  }
  const required = (key: MetaKey): string => {
    const value = meta.get(key);
    if (value === undefined) throw notTagbook(`its metadata has no “${key}”.`);
    return value;
  };
  const contents = required('contents');
  if (!(FILE_CONTENTS as readonly string[]).includes(contents)) throw notTagbook(`its contents “${contents.slice(0, 40)}” are unknown.`);
  return {
    fileVersion,
    definitionJson: required('definition'),
    savedAt: required('saved_at'),
    app: required('app'),
    contents: contents as FileContents,
    dropped: stringList(required('dropped'), 'dropped'),
    hashed: stringList(required('hashed'), 'hashed'),
    tables: tableEntries(required('tables')),
  };
}

function parseJson(text: string, key: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw notTagbook(`its metadata “${key}” is not valid JSON.`);
  }
}

function stringList(text: string, key: string): string[] {
  const value = parseJson(text, key);
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) throw notTagbook(`its metadata “${key}” is not a list of text values.`);
  return value;
}

/** Checks the `tables` list: shapes, names, no duplicates (ignoring case). */
function tableEntries(text: string): TableEntry[] {
  const value = parseJson(text, 'tables');
  if (!Array.isArray(value)) throw notTagbook('its metadata “tables” is not a list.');
  const names = new Set<string>();
  return value.map((entry: unknown, i): TableEntry => {
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) throw badData(`Table ${i + 1} in the table list is not an object.`);
    const { name, kind, rowCount, tagColumns } = entry as Record<string, unknown>;
    const nameProblem = tableNameProblem(name);
    if (nameProblem) throw badData(nameProblem);
    const lower = (name as string).toLowerCase();
    if (names.has(lower)) throw badData(`Two tables are named “${name as string}” (names are compared ignoring case).`);
    names.add(lower);
    const problem = tableEntryProblem({ name: name as string, kind, rowCount, tagColumns });
    if (problem) throw badData(problem);
    return { name: name as string, kind: kind as SavedTableKind, rowCount: rowCount as number, tagColumns: [...(tagColumns as string[])], columns: [] };
  });
}

/** Reads every column from `tagbook_columns` into its table, checking each row, then each whole table. */
function readColumns(db: Database, entries: TableEntry[]): SavedTable[] {
  const byName = new Map(entries.map((e) => [e.name, e]));
  const sql = `SELECT table_name, position, name, type, data, dictionary FROM ${COLUMNS_TABLE} ORDER BY table_name, position`;
  for (const [tableName, position, name, type, data, dictionary] of selectRows(db, sql)) {
    const table = typeof tableName === 'string' ? byName.get(tableName) : undefined;
    if (!table) throw badData(`There are columns for a table ${JSON.stringify(String(tableName).slice(0, 80))} the table list does not have.`);
    const where = `Column ${table.columns.length + 1} of table “${table.name}”`;
    if (position !== table.columns.length) throw badData(`${where} has the position ${JSON.stringify(position)}; expected ${table.columns.length}.`);
    if (table.columns.length >= MAX_SAVED_COLUMNS) throw badData(`Table “${table.name}” has more than ${MAX_SAVED_COLUMNS} columns.`);
    if (typeof name !== 'string') throw badData(`${where} has no name.`);
    const column = `Column “${name.slice(0, 80)}” of table “${table.name}”`;
    if (typeof type !== 'string' || !(COLUMN_TYPES as readonly string[]).includes(type)) {
      throw badData(`${column} has an unknown type ${JSON.stringify(typeof type === 'string' ? type.slice(0, 40) : String(type))}.`);
    }
    if (!(data instanceof Uint8Array)) throw badData(`${column} has no data.`);
    const bytesPerRow = type === 'text' ? 4 : 8;
    if (data.byteLength !== table.rowCount * bytesPerRow) {
      throw badData(`${column} has ${data.byteLength} bytes of data; ${table.rowCount} rows need ${table.rowCount * bytesPerRow}.`);
    }
    table.columns.push(toColumn(name, type as ColumnType, data, dictionary, column));
  }
  const names = new Set<string>();
  return entries.map(({ name, kind, rowCount, tagColumns, columns }) => {
    const table: SavedTable = { name, kind, rowCount, columns, tagColumns };
    const problem = savedTableProblem(table, names);
    if (problem) throw badData(problem);
    names.add(name.toLowerCase());
    return table;
  });
}

function toColumn(name: string, type: ColumnType, data: Uint8Array, dictionary: SqlValue, where: string): Column {
  if (type !== 'text') {
    if (dictionary !== null) throw badData(`${where} is a ${type} column but has a dictionary.`);
    return { name, type, values: float64FromBytes(data) };
  }
  if (typeof dictionary !== 'string') throw badData(`${where} is a text column without a dictionary.`);
  let values: unknown;
  try {
    values = JSON.parse(dictionary);
  } catch {
    throw badData(`${where} has a dictionary that is not valid JSON.`);
  }
  if (!Array.isArray(values) || !values.every((v) => typeof v === 'string')) throw badData(`${where} has a dictionary that is not a list of text values.`);
  return { name, type, codes: int32FromBytes(data), dictionary: values };
}

/**
 * Yields a query's rows one at a time (a file's blobs are not all held at once as SQL values).
 * A query that cannot be prepared means the table lacks the expected columns: not a Tagbook file.
 */
function* selectRows(db: Database, sql: string): Generator<SqlValue[]> {
  let stmt: ReturnType<Database['prepare']>;
  try {
    stmt = db.prepare(sql);
  } catch {
    throw notTagbook('its tables do not have the expected columns.');
  }
  try {
    while (stmt.step()) yield stmt.get();
  } finally {
    stmt.free();
  }
}
