import initSqlJs from 'sql.js';
import { afterEach, describe, expect, it } from 'vitest';
import { demoShopFiles } from '../../../src/engine/demo/demo-shop-files.ts';
import type { GridValue } from '../../../src/worker/api.ts';
import { DataApi } from '../../../src/worker/data-api.ts';
import { ImportApi } from '../../../src/worker/import-api.ts';
import { SqlApi } from '../../../src/worker/sql-api.ts';
import { closeAllPorts, connectSql, encode, importInto, noPause, openChannel, untilSqlReceived } from './pipes.ts';

const sql = await initSqlJs();

afterEach(closeAllPorts);

/** The reference order: a stable sort of the load-order rows, NULLs last in both directions. */
function referenceSort(rows: GridValue[][], column: number, descending: boolean): GridValue[][] {
  return [...rows].sort((a, b) => {
    const x = a[column];
    const y = b[column];
    if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
    const order = x < y ? -1 : x > y ? 1 : 0;
    return descending ? -order : order;
  });
}

describe('DataApi (called directly, without a Worker)', () => {
  it('returns pages of rows as grid values: numbers, booleans, ISO dates and datetimes', async () => {
    const data = new DataApi();
    await importInto(data, encode('d,x,ok,at,name\n2019-03-13,1,true,2019-03-13 08:05:09,00004\n2019/3/14,,false,,\n'), 't.csv');
    expect(await data.getRows('t', 0, 10, null)).toEqual({
      start: 0,
      rows: [
        ['2019-03-13', 1, true, '2019-03-13 08:05:09', '00004'],
        ['2019-03-14', null, false, null, null],
      ],
      totalRows: 2,
    });
    expect(await data.getRows('t', 1, 10, null)).toMatchObject({ start: 1, rows: [['2019-03-14', null, false, null, null]] });
    expect(await data.getRows('t', 5, 10, null)).toEqual({ start: 2, rows: [], totalRows: 2 });
    await expect(data.getRows('nowhere', 0, 1, null)).rejects.toMatchObject({ code: 'no-such-table' });
  });

  it('sorts pages like a reference sort, NULLs last in both directions, ties in load order', async () => {
    const data = new DataApi();
    const lines = Array.from({ length: 500 }, (_, i) => {
      const n = i % 9 === 0 ? '' : String((i * 37) % 23);
      const word = i % 7 === 0 ? '' : ['b', 'B', 'a', '客户', 'é', 'e'][i % 6];
      const day = i % 5 === 0 ? '' : `2019-03-${String(1 + (i % 28)).padStart(2, '0')}`;
      return `${i},${n},${word},${day}`;
    });
    await importInto(data, encode(`row,n,word,day\n${lines.join('\n')}\n`), 's.csv');
    const all = (await data.getRows('s', 0, 500, null)).rows;
    for (const column of [1, 2, 3]) {
      for (const descending of [false, true]) {
        const expected = referenceSort(all, column, descending);
        const pages = [];
        for (let start = 0; start < 500; start += 128) pages.push(...(await data.getRows('s', start, 128, { column, descending })).rows);
        expect(pages).toEqual(expected);
        expect(pages.at(-1)?.[column]).toBeNull();
      }
    }
    await expect(data.getRows('s', 0, 1, { column: 9, descending: false })).rejects.toMatchObject({ code: 'bad-sort' });
  });

  it('replaces a table received under the same name, which moves to the end', async () => {
    const data = new DataApi();
    await importInto(data, encode('a\n1\n'), 't.csv');
    await importInto(data, encode('a\n1\n'), 'u.csv');
    await data.getRows('t', 0, 1, { column: 0, descending: false });
    await importInto(data, encode('b\ny\nx\n'), 't.csv');
    expect((await data.listTables()).map((t) => [t.name, t.rowCount])).toEqual([
      ['u', 1],
      ['t', 2],
    ]);
    // The sort order built for the old table is not reused for the new one.
    expect((await data.getRows('t', 0, 2, { column: 0, descending: false })).rows).toEqual([['x'], ['y']]);
  });

  it('installs nothing when the receive is cancelled, even if the table arrives afterwards', async () => {
    const data = new DataApi();
    const channel = openChannel();
    const received = data.receiveTable(channel.port2, 7);
    await data.cancelReceive(7);
    await expect(received).rejects.toEqual({ code: 'cancelled', message: 'The import was cancelled.' });
    await new ImportApi().importFile(encode('a\n1\n'), 'late.csv', { timeZone: 'UTC' }, undefined, channel.port1);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await data.listTables()).toEqual([]);
    // Cancelling an unknown or finished receive is a no-op.
    await expect(data.cancelReceive(99)).resolves.toBeUndefined();
  });

  it('loads the demo shop on a first visit only, with every generated row', async () => {
    const data = new DataApi();
    const tables = await data.loadDemo('Asia/Shanghai');
    expect(tables.map((t) => t.name)).toEqual(['customers', 'orders', 'order_items']);
    // Reference: the generator's own files, counted line by line.
    const lines = demoShopFiles().map((f) => new TextDecoder().decode(f.bytes).trimEnd().split('\n').length - 1);
    expect(tables.map((t) => t.rowCount)).toEqual(lines);
    expect(tables[1].rowCount).toBe(40_000);
    await importInto(data, encode('a\n1\n'), 'mine.csv');
    expect((await data.loadDemo('UTC')).map((t) => t.name)).toEqual(['customers', 'orders', 'order_items', 'mine']);
    const fresh = new DataApi();
    await importInto(fresh, encode('a\n1\n'), 'mine.csv');
    expect((await fresh.loadDemo('UTC')).map((t) => t.name)).toEqual(['mine']);
  });

  it('drops a table here and in SQLite, and ignores an unknown name', async () => {
    const data = new DataApi();
    const sqlApi = new SqlApi(sql, noPause);
    await connectSql(data, sqlApi);
    await importInto(data, encode('a\n1\n'), 'gone.csv');
    await untilSqlReceived(sqlApi, 'gone', 1);
    await data.dropTable('gone');
    await data.dropTable('never-there');
    expect(await data.listTables()).toEqual([]);
    await expect.poll(async () => (await sqlApi.schema()).map((t) => t.name)).toEqual([]);
  });

  it('keeps what was loaded when an import fails', async () => {
    const data = new DataApi();
    await importInto(data, encode('a\n1\n'), 'good.csv');
    await expect(importInto(data, encode('a,b\n1,"unclosed\n2,3\n'), 'bad.csv')).rejects.toMatchObject({ code: 'unclosed-quote' });
    expect((await data.listTables()).map((t) => t.name)).toEqual(['good']);
  });
});
