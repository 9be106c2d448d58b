import type { Database, SqlValue } from './sql-types.ts';

/** The result of one SQL statement: column names and rows of values. */
export interface QueryResult {
  columns: string[];
  rows: SqlValue[][];
}

/**
 * Runs `sql` and returns the result of its last statement that produced rows (empty columns
 * and rows when none did). SQLite errors are thrown as they are, with SQLite's message.
 */
export function runQuery(db: Database, sql: string): QueryResult {
  const results = db.exec(sql);
  const last = results[results.length - 1];
  return last ? { columns: last.columns, rows: last.values } : { columns: [], rows: [] };
}
