/**
 * A `.tagbook` workspace file is an ordinary SQLite database (SPEC §7), so a data team can read
 * it with any SQLite tool, e.g. `sqlite3 shop.tagbook "select lifecycle, count(*) from customers group by 1"`.
 *
 * It holds:
 * - one ordinary table per saved table, named after it: its base columns, then its tag label
 *   columns (text), with SQLite types as `fillTable` declares them (dates as `YYYY-MM-DD` text,
 *   datetimes as `YYYY-MM-DD HH:MM:SS` text, booleans as 0/1, NULL as NULL). A table without
 *   columns has no SQLite table (SQLite has none without columns) and lives in the metadata only;
 * - `tagbook_meta(key TEXT PRIMARY KEY, value TEXT NOT NULL)` with the keys
 *   `format` ('tagbook-file'), `file_version` ('1'), `definition` (the workspace definition JSON),
 *   `saved_at` (ISO time), `app` (e.g. 'Tagbook 0.1.0'), `contents` ('all' or 'customers-only'),
 *   `dropped` and `hashed` (JSON arrays of "table.column": what privacy did) and `tables`
 *   (JSON: `[{name, kind, rowCount, tagColumns}]` in workspace order);
 * - `tagbook_columns(table_name TEXT, position INTEGER, name TEXT, type TEXT, data BLOB,
 *   dictionary TEXT, PRIMARY KEY(table_name, position))`: every column of every saved table as
 *   Tagbook holds it, positions from 0. `type` is one of text, integer, decimal, boolean, date,
 *   datetime; `data` is the typed array's raw little-endian bytes: for text, Int32 codes into
 *   `dictionary` (a JSON array of strings; -1 is NULL); otherwise Float64 values (NaN is NULL;
 *   dates are days since 1970-01-01, datetimes wall-clock milliseconds since 1970-01-01T00:00).
 *   Tagbook opens a file from these (no row-by-row reading); the ordinary tables are for others.
 */
import type { Column } from '../dataset/types.ts';
import { fillTable } from '../sqlite/fill-table.ts';
import { quoteIdentifier } from '../sqlite/quote-identifier.ts';
import type { Database, SqlModule } from '../sqlite/sql-types.ts';
import { savedTableProblem, COLUMNS_TABLE, META_TABLE } from './check-saved-table.ts';
import { toLittleEndianBytes } from './column-bytes.ts';
import { FILE_CONTENTS, MAX_WORKSPACE_FILE_BYTES, WORKSPACE_FILE_FORMAT, WORKSPACE_FILE_VERSION, type WorkspaceFile } from './types.ts';

/**
 * Returns the bytes of a `.tagbook` file holding `file` (layout above). Throws a plain Error when
 * the tables break a rule the reader checks (a bad or duplicate name, a table named like the
 * file's own tables, a column whose length is not the row count, …), so every file written opens.
 */
export function writeWorkspaceFile(sql: SqlModule, file: Omit<WorkspaceFile, 'fileVersion'>): Uint8Array {
  const db = new sql.Database();
  try {
    writeFileTables(db, file);
    for (const table of file.tables) if (table.columns.length > 0) fillTable(db, table.name, table.columns);
    return exportChecked(db);
  } finally {
    db.close();
  }
}

/**
 * Returns the bytes of a `.tagbook` file made from `db`, a database that already holds every
 * saved table as `fillTable` writes it (the SQL worker's live database, where the app's tables
 * are filled): Tagbook's two tables are added, the database exported, and the two tables dropped
 * again, so `db` is as it was. Whatever else `db` holds goes into the file too (the SQL cells'
 * results); the reader ignores it. Throws, changing nothing, when a saved table is not in `db`
 * with exactly its columns and rows (`liveTablesProblem`), or when `db` already has a table named
 * like Tagbook's own.
 */
export function exportWorkspaceFileFrom(db: Database, file: Omit<WorkspaceFile, 'fileVersion'>): Uint8Array {
  const problem = liveTablesProblem(db, file.tables);
  if (problem) throw new Error(problem);
  try {
    writeFileTables(db, file);
    return exportChecked(db);
  } finally {
    db.run(`DROP TABLE IF EXISTS ${META_TABLE}`);
    db.run(`DROP TABLE IF EXISTS ${COLUMNS_TABLE}`);
  }
}

/** Why `db` cannot stand for the saved tables as they are (null when it can): a table missing, other columns, another row count. */
export function liveTablesProblem(db: Database, tables: Omit<WorkspaceFile, 'fileVersion'>['tables']): string | null {
  for (const table of tables) {
    if (table.columns.length === 0) continue;
    const names = (db.exec(`PRAGMA table_info(${quoteIdentifier(table.name)})`)[0]?.values ?? []).map((row) => String(row[1]));
    const wanted = table.columns.map((c) => c.name);
    if (names.length === 0) return `The database has no table "${table.name}".`;
    if (names.length !== wanted.length || names.some((name, i) => name !== wanted[i])) return `The table "${table.name}" in the database has other columns than the saved table.`;
    const rows = Number(db.exec(`SELECT count(*) FROM ${quoteIdentifier(table.name)}`)[0]?.values[0][0] ?? -1);
    if (rows !== table.rowCount) return `The table "${table.name}" in the database has ${rows} rows, not ${table.rowCount}.`;
  }
  for (const own of [META_TABLE, COLUMNS_TABLE]) {
    if ((db.exec(`PRAGMA table_info(${own})`)[0]?.values.length ?? 0) > 0) return `The database already has a table named ${own}.`;
  }
  return null;
}

/** Checks `file`, then creates Tagbook's two tables in `db` and writes the metadata and every column's bytes. */
function writeFileTables(db: Database, file: Omit<WorkspaceFile, 'fileVersion'>): void {
  checkFile(file);
  db.run(`CREATE TABLE ${META_TABLE} (key TEXT PRIMARY KEY, value TEXT NOT NULL)`);
  db.run(
    `CREATE TABLE ${COLUMNS_TABLE} (table_name TEXT, position INTEGER, name TEXT, type TEXT, data BLOB, dictionary TEXT, PRIMARY KEY (table_name, position))`,
  );
  writeMeta(db, file);
  for (const table of file.tables) writeColumns(db, table.name, table.columns);
}

function exportChecked(db: Database): Uint8Array {
  const bytes = db.export();
  if (bytes.byteLength > MAX_WORKSPACE_FILE_BYTES) throw new Error('The workspace file would be larger than 2 GiB.');
  return bytes;
}

function checkFile(file: Omit<WorkspaceFile, 'fileVersion'>): void {
  if (!FILE_CONTENTS.includes(file.contents)) throw new Error(`Unknown file contents "${String(file.contents)}".`);
  const names = new Set<string>();
  for (const table of file.tables) {
    const problem = savedTableProblem(table, names);
    if (problem) throw new Error(problem);
    names.add(table.name.toLowerCase());
  }
}

function writeMeta(db: Database, file: Omit<WorkspaceFile, 'fileVersion'>): void {
  const entries: [string, string][] = [
    ['format', WORKSPACE_FILE_FORMAT],
    ['file_version', String(WORKSPACE_FILE_VERSION)],
    ['definition', file.definitionJson],
    ['saved_at', file.savedAt],
    ['app', file.app],
    ['contents', file.contents],
    ['dropped', JSON.stringify(file.dropped)],
    ['hashed', JSON.stringify(file.hashed)],
    ['tables', JSON.stringify(file.tables.map(({ name, kind, rowCount, tagColumns }) => ({ name, kind, rowCount, tagColumns })))],
  ];
  const stmt = db.prepare(`INSERT INTO ${META_TABLE} (key, value) VALUES (?, ?)`);
  try {
    for (const entry of entries) stmt.run(entry);
  } finally {
    stmt.free();
  }
}

function writeColumns(db: Database, tableName: string, columns: readonly Column[]): void {
  const stmt = db.prepare(`INSERT INTO ${COLUMNS_TABLE} (table_name, position, name, type, data, dictionary) VALUES (?, ?, ?, ?, ?, ?)`);
  try {
    columns.forEach((column, position) => {
      const data = toLittleEndianBytes(column.type === 'text' ? column.codes : column.values);
      const dictionary = column.type === 'text' ? JSON.stringify(column.dictionary) : null;
      stmt.run([tableName, position, column.name, column.type, data, dictionary]);
    });
  } finally {
    stmt.free();
  }
}
