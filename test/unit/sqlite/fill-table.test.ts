import initSqlJs from 'sql.js';
import { describe, expect, it } from 'vitest';
import type { Column } from '../../../src/engine/dataset/types.ts';
import { fillTable, startFillTable } from '../../../src/engine/sqlite/fill-table.ts';
import { formatDay, formatWallClock } from '../../../src/engine/sqlite/format-sql-value.ts';

const sql = await initSqlJs();

function sampleColumns(n: number): Column[] {
  const dictionary = ['00004', '3000000000786505093', '客户', "o'brien", 'a"b'];
  return [
    { name: 'id', type: 'text', codes: Int32Array.from({ length: n }, (_, i) => (i % 7 === 6 ? -1 : i % dictionary.length)), dictionary },
    { name: '__proto__', type: 'integer', values: Float64Array.from({ length: n }, (_, i) => (i % 5 === 4 ? NaN : i * 3 - 7)) },
    { name: 'amount', type: 'decimal', values: Float64Array.from({ length: n }, (_, i) => (i % 11 === 10 ? NaN : i / 3)) },
    { name: 'day', type: 'date', values: Float64Array.from({ length: n }, (_, i) => (i % 13 === 12 ? NaN : 10000 + (i % 40))) },
    { name: 'at', type: 'datetime', values: Float64Array.from({ length: n }, (_, i) => (i === 3 ? NaN : 1.7e12 + i * 61_001)) },
    { name: 'ok', type: 'boolean', values: Float64Array.from({ length: n }, (_, i) => (i % 9 === 8 ? NaN : i % 2)) },
  ];
}

/** The value SQLite should hold for a cell, computed independently of fill-table's readers. */
function expected(column: Column, row: number): unknown {
  if (column.type === 'text') return column.codes[row] < 0 ? null : column.dictionary[column.codes[row]];
  const v = column.values[row];
  if (Number.isNaN(v)) return null;
  if (column.type === 'date') return new Date(v * 86_400_000).toISOString().slice(0, 10);
  if (column.type === 'datetime') return new Date(v).toISOString().replace('T', ' ').replace(/\.000Z$/, '').replace('Z', '');
  return v;
}

describe('fillTable(db, name, columns)', () => {
  it('writes every cell exactly, with NULLs, ISO dates and odd names', () => {
    const n = 2345;
    const columns = sampleColumns(n);
    const db = new sql.Database();
    expect(fillTable(db, 'orders 2024', columns)).toBe(n);
    const result = db.exec('SELECT * FROM "orders 2024"')[0];
    expect(result.columns).toEqual(columns.map((c) => c.name));
    expect(result.values).toHaveLength(n);
    for (let r = 0; r < n; r++) {
      columns.forEach((c, i) => expect(result.values[r][i], `row ${r} column ${c.name}`).toEqual(expected(c, r)));
    }
    const types = db.exec('SELECT name, type FROM pragma_table_info(\'orders 2024\')')[0].values;
    expect(types).toEqual([['id', 'TEXT'], ['__proto__', 'INTEGER'], ['amount', 'REAL'], ['day', 'TEXT'], ['at', 'TEXT'], ['ok', 'INTEGER']]);
  });

  it('replaces an existing table of the same name', () => {
    const db = new sql.Database();
    db.run('CREATE TABLE t (x TEXT); INSERT INTO t VALUES (1), (2), (3)');
    fillTable(db, 't', [{ name: 'y', type: 'integer', values: Float64Array.from([9]) }]);
    expect(db.exec('SELECT * FROM t')[0]).toEqual({ columns: ['y'], values: [[9]] });
  });

  it('creates an empty table for zero rows', () => {
    const db = new sql.Database();
    expect(fillTable(db, 'empty', [{ name: 'a', type: 'text', codes: new Int32Array(0), dictionary: [] }])).toBe(0);
    expect(db.exec('SELECT count(*) FROM empty')[0].values).toEqual([[0]]);
  });

  it('leaves the journal mode as it was', () => {
    const db = new sql.Database();
    const before = db.exec('PRAGMA journal_mode')[0].values[0][0];
    fillTable(db, 't', sampleColumns(10));
    expect(db.exec('PRAGMA journal_mode')[0].values[0][0]).toBe(before);
  });
});

describe('startFillTable(db, name, columns).step(maxRows)', () => {
  it('fills in steps that add up to every row once', () => {
    const columns = sampleColumns(1001);
    const db = new sql.Database();
    const filler = startFillTable(db, 't', columns);
    const seen: number[] = [];
    for (let p = filler.step(137); ; p = filler.step(137)) {
      seen.push(p.rowsWritten);
      if (p.done) break;
    }
    expect(seen[0]).toBe(137);
    expect(seen[seen.length - 1]).toBe(1001);
    expect(db.exec('SELECT count(*), count(DISTINCT rowid) FROM t')[0].values).toEqual([[1001, 1001]]);
    expect(db.exec('SELECT "__proto__" FROM t WHERE rowid = 999')[0].values[0][0]).toBe(998 * 3 - 7);
  });

  it('abort drops the partly filled table', () => {
    const db = new sql.Database();
    const filler = startFillTable(db, 't', sampleColumns(500));
    filler.step(100);
    filler.abort();
    expect(db.exec("SELECT count(*) FROM sqlite_master WHERE name = 't'")[0].values).toEqual([[0]]);
  });
});

describe('formatDay / formatWallClock', () => {
  it.each([
    [0, '1970-01-01'],
    [-1, '1969-12-31'],
    [19358, '2023-01-01'],
    [11016, '2000-02-29'],
  ])('formats day %i as %s', (day, text) => expect(formatDay(day)).toBe(text));

  it.each([
    [0, '1970-01-01 00:00:00'],
    [Date.UTC(2019, 2, 13, 10, 5, 22), '2019-03-13 10:05:22'],
    [Date.UTC(2019, 2, 13, 10, 5, 22, 5), '2019-03-13 10:05:22.005'],
    [Date.UTC(1969, 11, 31, 23, 59, 59), '1969-12-31 23:59:59'],
  ])('formats %i ms as %s', (ms, text) => expect(formatWallClock(ms)).toBe(text));
});
