import type { Column } from '../dataset/types.ts';
import { formatDay, formatWallClock, sqliteTypeOf } from './format-sql-value.ts';

const MS_PER_DAY = 86_400_000;
const TWO_DIGITS = Array.from({ length: 60 }, (_, i) => (i < 10 ? `0${i}` : String(i)));
import { quoteIdentifier } from './quote-identifier.ts';
import type { Database, SqlValue } from './sql-types.ts';

/** Progress of filling a SQLite table from typed columns. */
export interface FillProgress {
  rowsWritten: number;
  rowCount: number;
  done: boolean;
}

/** A table being filled chunk by chunk, so a worker can answer messages in between. */
export interface TableFiller {
  /** Writes up to `maxRows` more rows; returns the progress after this step. */
  step(maxRows: number): FillProgress;
  /** Drops the partly filled table (used when an import is cancelled or replaced). */
  abort(): void;
}

// Rows per INSERT statement: one prepared multi-row statement amortises the per-call cost of
// crossing into wasm (binding 1M single-row statements is the slow path SPEC §6 measures).
// 32766 is SQLite's default SQLITE_MAX_VARIABLE_NUMBER; stay well below it.
const MAX_PARAMS_PER_STATEMENT = 8_000;

/** Returns a SQL `CREATE TABLE` statement for the columns (replacing any table of that name). */
export function createTableSql(tableName: string, columns: readonly Column[]): string {
  const defs = columns.map((c) => `${quoteIdentifier(c.name)} ${sqliteTypeOf(c.type)}`).join(', ');
  return `CREATE TABLE ${quoteIdentifier(tableName)} (${defs})`;
}

/**
 * Starts filling table `tableName` (dropped first if it exists) from typed columns.
 * Dates become `YYYY-MM-DD` text, datetimes `YYYY-MM-DD HH:MM:SS` text, booleans 0/1, NULLs NULL.
 */
export function startFillTable(db: Database, tableName: string, columns: readonly Column[]): TableFiller {
  const rowCount = columns.length ? (columns[0].type === 'text' ? columns[0].codes.length : columns[0].values.length) : 0;
  const width = columns.length;
  const quoted = quoteIdentifier(tableName);
  db.run(`DROP TABLE IF EXISTS ${quoted}`);
  db.run(createTableSql(tableName, columns));
  const rowsPerStatement = Math.max(1, Math.min(500, Math.floor(MAX_PARAMS_PER_STATEMENT / Math.max(1, width))));
  const rowPlaceholder = `(${new Array(width).fill('?').join(',')})`;
  const insertSql = (rows: number) =>
    `INSERT INTO ${quoted} VALUES ${new Array(rows).fill(rowPlaceholder).join(',')}`;
  const readers = columns.map(makeReader);
  let written = 0;

  const writeRows = (from: number, rows: number) => {
    const stmt = db.prepare(insertSql(rows));
    try {
      stmt.run(fillParams(readers, from, rows, new Array<SqlValue>(rows * width)));
    } finally {
      stmt.free();
    }
  };

  return {
    step(maxRows: number): FillProgress {
      if (width === 0 || written >= rowCount) return { rowsWritten: written, rowCount, done: true };
      const end = Math.min(rowCount, written + Math.max(1, maxRows));
      // The table is new and dropped on failure, so no rollback journal is needed; turning it
      // off for the bulk insert saves about a tenth of the time. It is restored after each step.
      const journalMode = currentJournalMode(db);
      db.run('PRAGMA journal_mode=OFF');
      db.run('BEGIN');
      try {
        const full = Math.floor((end - written) / rowsPerStatement);
        if (full > 0) {
          const stmt = db.prepare(insertSql(rowsPerStatement));
          const params = new Array<SqlValue>(rowsPerStatement * width);
          try {
            for (let i = 0; i < full; i++) {
              stmt.run(fillParams(readers, written, rowsPerStatement, params));
              written += rowsPerStatement;
            }
          } finally {
            stmt.free();
          }
        }
        if (written < end) {
          writeRows(written, end - written);
          written = end;
        }
        db.run('COMMIT');
      } catch (error) {
        // Without a journal a rollback is undefined: end the transaction and drop the table.
        try {
          db.run('COMMIT');
        } catch {
          // The failure already ended the transaction.
        }
        db.run(`DROP TABLE IF EXISTS ${quoted}`);
        throw error;
      } finally {
        db.run(`PRAGMA journal_mode=${journalMode}`);
      }
      return { rowsWritten: written, rowCount, done: written >= rowCount };
    },
    abort() {
      db.run(`DROP TABLE IF EXISTS ${quoted}`);
    },
  };
}

/** Fills table `tableName` from typed columns in one go; returns the number of rows written. */
export function fillTable(db: Database, tableName: string, columns: readonly Column[]): number {
  const filler = startFillTable(db, tableName, columns);
  let progress = filler.step(Number.MAX_SAFE_INTEGER);
  while (!progress.done) progress = filler.step(Number.MAX_SAFE_INTEGER);
  return progress.rowsWritten;
}

type Reader = (row: number) => SqlValue;

function makeReader(column: Column): Reader {
  if (column.type === 'text') {
    const { codes, dictionary } = column;
    return (row) => {
      const code = codes[row];
      return code < 0 ? null : dictionary[code];
    };
  }
  const values = column.values;
  switch (column.type) {
    case 'date': {
      // Days repeat heavily in order data: format each distinct day once.
      const cache = new Map<number, string>();
      return (row) => {
        const v = values[row];
        if (v !== v) return null;
        let s = cache.get(v);
        if (s === undefined) cache.set(v, (s = formatDay(v)));
        return s;
      };
    }
    case 'datetime':
      return makeDatetimeReader(values);
    default:
      return (row) => {
        const v = values[row];
        return v !== v ? null : v;
      };
  }
}

function fillParams(readers: Reader[], from: number, rows: number, params: SqlValue[]): SqlValue[] {
  const width = readers.length;
  let k = 0;
  for (let r = from, end = from + rows; r < end; r++) {
    for (let c = 0; c < width; c++) params[k++] = readers[c](r);
  }
  return params;
}

/** Formats wall-clock datetimes, caching the day part: a hot loop over a million orders. */
function makeDatetimeReader(values: Float64Array): Reader {
  const days = new Map<number, string>();
  return (row) => {
    const v = values[row];
    if (v !== v) return null;
    const day = Math.floor(v / MS_PER_DAY);
    const ms = v - day * MS_PER_DAY;
    if (ms % 1000 !== 0) return formatWallClock(v);
    let prefix = days.get(day);
    if (prefix === undefined) days.set(day, (prefix = `${formatDay(day)} `));
    const secs = ms / 1000;
    const h = (secs / 3600) | 0;
    const m = ((secs - h * 3600) / 60) | 0;
    return prefix + TWO_DIGITS[h] + ':' + TWO_DIGITS[m] + ':' + TWO_DIGITS[secs - h * 3600 - m * 60];
  };
}


const JOURNAL_MODES = new Set(['delete', 'truncate', 'persist', 'memory', 'wal', 'off']);

/** Returns the database's journal mode (sql.js keeps its file in memory with mode `delete`). */
function currentJournalMode(db: Database): string {
  const mode = String(db.exec('PRAGMA journal_mode')[0]?.values[0]?.[0] ?? 'delete').toLowerCase();
  return JOURNAL_MODES.has(mode) ? mode : 'delete';
}
