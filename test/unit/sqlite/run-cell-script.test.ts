// Invariant: every statement before the last runs in order; a final query is handed back unrun.
import initSqlJs from 'sql.js';
import { describe, expect, it } from 'vitest';
import { runCellScript } from '../../../src/engine/sqlite/run-cell-script.ts';

const sql = await initSqlJs();

describe('runCellScript(db, sql)', () => {
  it('runs the statements before a final query and returns the query without its semicolon', () => {
    const db = new sql.Database();
    const script = 'CREATE TABLE a (x); -- make it\nINSERT INTO a VALUES (1), (2);\n/* then */ SELECT sum(x) FROM a; -- done\n';
    const { finalQuery } = runCellScript(db, script);
    expect(finalQuery).toBe('\n/* then */ SELECT sum(x) FROM a');
    expect(db.exec('SELECT count(*) FROM a')[0].values).toEqual([[2]]);
    expect(db.exec(finalQuery!)[0].values).toEqual([[3]]);
  });

  it('treats WITH and VALUES as queries, but not a WITH that inserts', () => {
    const db = new sql.Database();
    db.run('CREATE TABLE a (x)');
    expect(runCellScript(db, 'WITH t AS (SELECT 1 AS x) SELECT x FROM t').finalQuery).toBe('WITH t AS (SELECT 1 AS x) SELECT x FROM t');
    expect(runCellScript(db, 'values (1, 2)').finalQuery).toBe('values (1, 2)');
    expect(runCellScript(db, 'WITH t AS (SELECT 7 AS x) INSERT INTO a SELECT x FROM t').finalQuery).toBeNull();
    expect(db.exec('SELECT x FROM a')[0].values).toEqual([[7]]);
  });

  it('runs a final statement that is not a query and returns null', () => {
    const db = new sql.Database();
    expect(runCellScript(db, 'CREATE TABLE b (y); INSERT INTO b VALUES (5)')).toEqual({ finalQuery: null });
    expect(db.exec('SELECT y FROM b')[0].values).toEqual([[5]]);
    expect(runCellScript(db, 'PRAGMA user_version = 3')).toEqual({ finalQuery: null });
  });

  it('does nothing for an empty script or one of comments only', () => {
    const db = new sql.Database();
    expect(runCellScript(db, '  -- nothing\n /* here */ ;')).toEqual({ finalQuery: null });
  });

  it('throws SQLite’s error and keeps what ran before it', () => {
    const db = new sql.Database();
    expect(() => runCellScript(db, 'CREATE TABLE c (z); SELECT * FROM nowhere; SELECT 1')).toThrow(/no such table: nowhere/);
    expect(db.exec("SELECT name FROM sqlite_master WHERE name = 'c'")[0].values).toEqual([['c']]);
  });
});
