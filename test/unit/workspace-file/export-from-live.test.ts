// Invariant: a file exported from a database that already holds the saved tables (the SQL
// worker's live database) reads back exactly as the file written the long way, its own SQL tables
// hold the same rows, the live database is left as it was, and a database whose tables are not
// the saved ones is refused before anything changes.
import initSqlJs from 'sql.js';
import { describe, expect, it } from 'vitest';
import { fillTable } from '../../../src/engine/sqlite/fill-table.ts';
import { exportWorkspaceFileFrom, liveTablesProblem, readWorkspaceFile, writeWorkspaceFile } from '../../../src/engine/workspace-file/index.ts';
import { customersTable, fileOf, numericColumn, savedTable, textColumn } from './saved-tables.ts';

const sql = await initSqlJs();

function tablesOf(db: InstanceType<typeof sql.Database>): string[] {
  return (db.exec("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")[0]?.values ?? []).map((r) => String(r[0]));
}

function rows(bytes: Uint8Array, query: string): unknown[][] {
  const db = new sql.Database(bytes);
  try {
    return db.exec(query)[0]?.values ?? [];
  } finally {
    db.close();
  }
}

const FILE = fileOf([
  customersTable(),
  savedTable('orders', [textColumn('order_id', ['1', '2', null]), numericColumn('amount', 'decimal', [1.5, NaN, -0]), numericColumn('day', 'date', [19_723, null, 0])]),
  savedTable('no_columns', []),
]);

function liveDatabase() {
  const db = new sql.Database();
  for (const table of FILE.tables) if (table.columns.length > 0) fillTable(db, table.name, table.columns);
  // A SQL cell's result, and a temporary sort table, as the SQL worker keeps them.
  db.run('CREATE TABLE q1 AS SELECT count(*) AS n FROM orders; CREATE TEMP TABLE __tagbook_sort_1 AS SELECT rowid AS src FROM q1');
  return db;
}

describe('exportWorkspaceFileFrom(db, file)', () => {
  it('reads back as the file written the long way, with the same SQL tables, and leaves the database as it was', () => {
    const db = liveDatabase();
    const before = tablesOf(db);
    const bytes = exportWorkspaceFileFrom(db, FILE);
    const longWay = writeWorkspaceFile(sql, FILE);
    expect(readWorkspaceFile(sql, bytes)).toEqual(readWorkspaceFile(sql, longWay));
    for (const table of ['customers', 'orders']) {
      expect(rows(bytes, `SELECT * FROM "${table}" ORDER BY rowid`)).toEqual(rows(longWay, `SELECT * FROM "${table}" ORDER BY rowid`));
    }
    // The SQL cell's result goes along (the reader ignores it); the temporary table does not.
    expect(rows(bytes, 'SELECT n FROM q1')).toEqual([[3]]);
    expect(rows(bytes, "SELECT count(*) FROM sqlite_master WHERE name LIKE '__tagbook%'")).toEqual([[0]]);
    expect(tablesOf(db)).toEqual(before);
    expect(db.exec('SELECT count(*) FROM temp.__tagbook_sort_1')[0].values).toEqual([[1]]);
    db.close();
  });

  it('refuses, changing nothing, a database whose tables are not the saved ones', () => {
    const db = liveDatabase();
    const before = tablesOf(db);
    const fewerColumns = fileOf([savedTable('orders', [textColumn('order_id', ['1', '2', null, '4'])])]);
    expect(liveTablesProblem(db, fewerColumns.tables)).toBe('The table "orders" in the database has other columns than the saved table.');
    const otherColumns = fileOf([savedTable('orders', [textColumn('order_id', ['1', '2', null]), numericColumn('amount', 'decimal', [1, 2, 3]), numericColumn('days', 'date', [1, 2, 3])])]);
    expect(() => exportWorkspaceFileFrom(db, otherColumns)).toThrow('The table "orders" in the database has other columns than the saved table.');
    const fewerRows = fileOf([savedTable('orders', [textColumn('order_id', ['1', '2']), numericColumn('amount', 'decimal', [1, 2]), numericColumn('day', 'date', [1, 2])])]);
    expect(() => exportWorkspaceFileFrom(db, fewerRows)).toThrow('The table "orders" in the database has 3 rows, not 2.');
    expect(() => exportWorkspaceFileFrom(db, fileOf([savedTable('missing', [textColumn('a', ['x'])])]))).toThrow('The database has no table "missing".');
    db.run('CREATE TABLE tagbook_meta (x)');
    expect(() => exportWorkspaceFileFrom(db, FILE)).toThrow('The database already has a table named tagbook_meta.');
    db.run('DROP TABLE tagbook_meta');
    expect(tablesOf(db)).toEqual(before);
    db.close();
  });
});
