import initSqlJs from 'sql.js';
import { describe, expect, it } from 'vitest';
import { describeTableColumns } from '../../../src/engine/sqlite/describe-table-columns.ts';
import { pickRowidName } from '../../../src/engine/sqlite/pick-rowid-name.ts';

const sql = await initSqlJs();

describe('describeTableColumns(db, tableName)', () => {
  it('types a CREATE TABLE … AS result from declared types, and expressions from their values', () => {
    const db = new sql.Database();
    db.run('CREATE TABLE src (id TEXT, n INTEGER, amount REAL, day TEXT)');
    db.run("INSERT INTO src VALUES ('00004', 1, 2.5, '2019-03-13'), ('00005', NULL, 1, NULL)");
    db.run(
      'CREATE TABLE r AS SELECT id, n, amount, day, count(*) AS c, sum(amount) AS total, max(n) + 0.5 AS half, ' +
        "NULL AS empty, CAST(n AS NUMERIC) AS num, 'x' || id AS label, CASE WHEN n THEN 1 ELSE 'a' END AS mixed FROM src",
    );
    expect(describeTableColumns(db, 'r')).toEqual([
      { name: 'id', type: 'text' },
      { name: 'n', type: 'integer' },
      { name: 'amount', type: 'decimal' },
      { name: 'day', type: 'date' }, // ISO date text reads back as a date
      { name: 'c', type: 'integer' },
      { name: 'total', type: 'decimal' },
      { name: 'half', type: 'decimal' },
      { name: 'empty', type: 'unknown' },
      { name: 'num', type: 'decimal' },
      { name: 'label', type: 'text' },
      { name: 'mixed', type: 'integer' },
    ]);
  });

  it('returns no columns for a missing table', () => {
    expect(describeTableColumns(new sql.Database(), 'nowhere')).toEqual([]);
  });
});

describe('pickRowidName(columnNames)', () => {
  it('returns rowid unless a column shadows it, then the next free alias', () => {
    expect(pickRowidName(['a', 'b'])).toBe('rowid');
    expect(pickRowidName(['ROWID'])).toBe('_rowid_');
    expect(pickRowidName(['rowid', '_rowid_'])).toBe('oid');
    expect(pickRowidName(['rowid', '_rowid_', 'OID'])).toBeNull();
  });
});
