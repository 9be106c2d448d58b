import initSqlJs from 'sql.js';
import { describe, expect, it } from 'vitest';
import { quoteIdentifier } from '../../../src/engine/sqlite/quote-identifier.ts';
import { tableNameFromFile } from '../../../src/engine/sqlite/table-name-from-file.ts';

const sql = await initSqlJs();

describe('quoteIdentifier(name)', () => {
  const names = ['plain', '客户编号', 'with space', 'a"b', '"', 'drop table x; --', '__proto__', 'constructor', 'select', "it's", ''];
  it.each(names)('round-trips %j as a column name through SQLite', (name) => {
    const db = new sql.Database();
    db.run(`CREATE TABLE t (${quoteIdentifier(name)} TEXT)`);
    db.run(`INSERT INTO t VALUES ('v')`);
    const result = db.exec(`SELECT ${quoteIdentifier(name)} FROM t`)[0];
    expect(result.columns).toEqual([name]);
    expect(result.values).toEqual([['v']]);
    db.close();
  });

  it('refuses a NUL character', () => {
    expect(() => quoteIdentifier('a\u0000b')).toThrow(/NUL/);
  });
});

describe('tableNameFromFile(fileName)', () => {
  it.each([
    ['orders_2024.csv', 'orders_2024'],
    ['/data/2024/客户.CSV', '客户'],
    ['C:\\exports\\jd orders.tsv', 'jd orders'],
    ['archive.tar.csv', 'archive.tar'],
    ['.csv', 'table'],
    ['notes', 'notes'],
  ])('names %j as %j', (file, name) => {
    expect(tableNameFromFile(file)).toBe(name);
  });
});
