// Invariant: a table imported through the import and data APIs reaches SQLite whole, and a SQL
// API connected later (the restart path) receives every loaded table again, in its final state.
import initSqlJs from 'sql.js';
import { afterEach, describe, expect, it } from 'vitest';
import { DataApi } from '../../../src/worker/data-api.ts';
import { SqlApi } from '../../../src/worker/sql-api.ts';
import { closeAllPorts, connectSql, encode, importInto, noPause, untilSqlReceived } from './pipes.ts';

const sql = await initSqlJs();

afterEach(closeAllPorts);

const ROWS = 120_000;
const bigCsv = () => encode(`id,n\n${Array.from({ length: ROWS }, (_, i) => `${String(i).padStart(6, '0')},${i % 7}`).join('\n')}\n`);
// Independent reference: the sum computed here from the input's rule.
const expectedSum = Array.from({ length: ROWS }, (_, i) => i % 7).reduce((a, b) => a + b, 0);

describe('import → data → SQL', () => {
  it('loads a table into the data API and fills SQLite with every row', async () => {
    const data = new DataApi();
    const sqlApi = new SqlApi(sql, noPause);
    await connectSql(data, sqlApi);
    const info = await importInto(data, bigCsv(), 'big.csv');
    expect(info).toEqual({ name: 'big', rowCount: ROWS, columns: [{ name: 'id', type: 'text' }, { name: 'n', type: 'integer' }], sqliteRows: 0 });
    // The data API keeps its own columns: sending them to SQL copied them.
    expect((await data.getRows('big', ROWS - 1, 1, null)).rows).toEqual([['119999', 119_999 % 7]]);
    await untilSqlReceived(sqlApi, 'big', ROWS);
    await sqlApi.runCell('q1', 'SELECT count(*), sum(n), min(id) FROM big');
    expect((await sqlApi.getResultRows('q1', 0, 1, null)).rows).toEqual([[ROWS, expectedSum, '000000']]);
    expect((await sqlApi.fillStatus()).tables).toEqual([{ name: 'big', rowCount: ROWS, rowsWritten: ROWS }]);
  });

  it('replaces a table re-imported under the same name, in SQLite too', async () => {
    const data = new DataApi();
    const sqlApi = new SqlApi(sql, noPause);
    await connectSql(data, sqlApi);
    await importInto(data, encode('a\n1\n'), 't.csv');
    await importInto(data, encode('b\nx\ny\n'), 't.csv');
    expect((await data.listTables()).map((t) => [t.name, t.rowCount])).toEqual([['t', 2]]);
    await untilSqlReceived(sqlApi, 't', 2);
    await sqlApi.runCell('q1', 'SELECT * FROM t');
    expect((await sqlApi.getResultRows('q1', 0, 10, null)).rows).toEqual([['x'], ['y']]);
  });

  it('sends every loaded table to a SQL API connected later, as a restart does', async () => {
    const data = new DataApi();
    const first = new SqlApi(sql, noPause);
    await connectSql(data, first);
    await data.loadDemo('Asia/Shanghai');
    await importInto(data, bigCsv(), 'big.csv');
    await importInto(data, encode('a\n1\n'), 'dropped.csv');
    await data.dropTable('dropped');
    await importInto(data, encode('b\nx\ny\n'), 'customers.csv');
    await untilSqlReceived(first, 'customers', 2);

    const second = new SqlApi(sql, noPause);
    await connectSql(data, second);
    await untilSqlReceived(second, 'customers', 2);
    await second.whenFilled();
    expect((await second.fillStatus()).tables).toEqual([
      { name: 'orders', rowCount: 40_000, rowsWritten: 40_000 },
      { name: 'order_items', rowCount: (await data.listTables())[1].rowCount, rowsWritten: (await data.listTables())[1].rowCount },
      { name: 'big', rowCount: ROWS, rowsWritten: ROWS },
      { name: 'customers', rowCount: 2, rowsWritten: 2 },
    ]);
    await second.runCell('q1', 'SELECT (SELECT sum(n) FROM big), (SELECT count(*) FROM orders), (SELECT group_concat(b) FROM customers)');
    expect((await second.getResultRows('q1', 0, 1, null)).rows).toEqual([[expectedSum, 40_000, 'x,y']]);
    expect((await second.schema()).map((t) => t.name)).toEqual(['big', 'customers', 'order_items', 'orders', 'q1']);
  });
});
