import type { Database, SqlModule } from './sql-types.ts';

/** Returns a new in-memory SQLite database, or one opened from a file's bytes. */
export function openDatabase(sql: SqlModule, bytes?: Uint8Array): Database {
  return bytes ? new sql.Database(bytes) : new sql.Database();
}
