import initSqlJs from 'sql.js';
import { describe, expect, it } from 'vitest';
import { demoShopFiles } from '../../../src/engine/demo/demo-shop-files.ts';
import { WorkerApi } from '../../../src/worker/worker-api.ts';
import { makeXlsx, ordersSheets } from '../../helpers/xlsx.ts';

const sql = await initSqlJs();
const encode = (text: string) => new TextEncoder().encode(text);
const noPause = () => Promise.resolve();

describe('WorkerApi (called directly, without a Worker)', () => {
  it('previews and imports an .xlsx workbook, first sheet or a chosen one', async () => {
    const api = new WorkerApi(sql, noPause);
    const bytes = await makeXlsx(ordersSheets());
    const preview = await api.previewFile(bytes, '店铺订单.xlsx', { timeZone: 'Asia/Shanghai' });
    expect(preview).toMatchObject({ tableName: '店铺订单', format: 'xlsx', sheets: ['订单', '退款'], sheet: '订单', loadedRows: 3 });
    expect(preview.sampleRows[0].slice(0, 3)).toEqual(['2019031234567890123', '00004', '1234.5']);
    const info = await api.importFile(bytes, '店铺订单.xlsx', { timeZone: 'Asia/Shanghai', sheet: '退款', tableName: 'refunds' });
    expect(info).toMatchObject({ name: 'refunds', rowCount: 2 });
    const result = await api.runSql('SELECT "退款单号", "退款金额" FROM refunds ORDER BY 1');
    expect(result.rows).toEqual([
      ['R0001', 12.5],
      ['R0002', -3],
    ]);
    // A CSV preview says so too.
    expect((await api.previewFile(encode('a\n1\n'), 'a.csv', {})).format).toBe('csv');
  });

  it('reports a damaged .xlsx as a worker error with the importer\'s code', async () => {
    const api = new WorkerApi(sql, noPause);
    const bytes = await makeXlsx(ordersSheets());
    await expect(api.previewFile(bytes.slice(0, 200), 'broken.xlsx', {})).rejects.toMatchObject({ code: 'xlsx-unreadable', message: expect.stringContaining('damaged or incomplete') });
  });

  it('previews a file without loading it', async () => {
    const api = new WorkerApi(sql, noPause);
    const preview = await api.previewFile(encode('客户编号,金额\n00004,"¥1,234.50"\n00005,12\n'), '订单.csv', { timeZone: 'Asia/Shanghai' });
    expect(preview.tableName).toBe('订单');
    expect(preview.columns.map((c) => [c.name, c.spec.type])).toEqual([
      ['客户编号', 'text'],
      ['金额', 'decimal'],
    ]);
    expect(preview.sampleRows).toEqual([
      ['00004', '1234.5'],
      ['00005', '12'],
    ]);
    expect(await api.listTables()).toEqual([]);
  });

  it('loads a table, fills SQLite in the background and answers SQL once it is complete', async () => {
    const api = new WorkerApi(sql, noPause);
    const rows = Array.from({ length: 120_000 }, (_, i) => `${String(i).padStart(6, '0')},${i % 7}`).join('\n');
    const info = await api.importFile(encode(`id,n\n${rows}\n`), 'big.csv', { timeZone: 'UTC' });
    expect(info).toMatchObject({ name: 'big', rowCount: 120_000 });
    const result = await api.runSql('SELECT count(*), sum(n), min(id) FROM big');
    expect(result.columns).toEqual(['count(*)', 'sum(n)', 'min(id)']);
    // Independent reference: the same sum computed here.
    const expectedSum = Array.from({ length: 120_000 }, (_, i) => i % 7).reduce((a, b) => a + b, 0);
    expect(result.rows).toEqual([[120_000, expectedSum, '000000']]);
    expect((await api.listTables())[0].sqliteRows).toBe(120_000);
  });

  it('returns pages of rows as display text', async () => {
    const api = new WorkerApi(sql, noPause);
    await api.importFile(encode('d,x\n2019-03-13,1\n2019/3/14,\n'), 't.csv', { timeZone: 'UTC' });
    const page = await api.getRows('t', 1, 10);
    expect(page).toEqual({
      columns: [
        { name: 'd', type: 'date' },
        { name: 'x', type: 'integer' },
      ],
      rows: [['2019-03-14', null]],
      offset: 1,
      totalRows: 2,
    });
  });

  it('reports a bad file as a plain {code, message, line} error and keeps what was loaded', async () => {
    const api = new WorkerApi(sql, noPause);
    await api.importFile(encode('a\n1\n'), 'good.csv', { timeZone: 'UTC' });
    const error = await api.importFile(encode('a,b\n1,"unclosed\n2,3\n'), 'bad.csv', { timeZone: 'UTC' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'unclosed-quote', line: 2 });
    expect(error).not.toBeInstanceOf(Error);
    expect((await api.listTables()).map((t) => t.name)).toEqual(['good']);
    expect((await api.runSql('SELECT a FROM good')).rows).toEqual([[1]]);
  });

  it('replaces a table re-imported under the same name', async () => {
    const api = new WorkerApi(sql, noPause);
    await api.importFile(encode('a\n1\n'), 't.csv', { timeZone: 'UTC' });
    await api.importFile(encode('b\nx\ny\n'), 't.csv', { timeZone: 'UTC' });
    expect((await api.listTables()).map((t) => [t.name, t.rowCount])).toEqual([['t', 2]]);
    expect((await api.runSql('SELECT * FROM t')).rows).toEqual([['x'], ['y']]);
  });

  it('loads the demo shop on a first visit only, with every generated row', async () => {
    const api = new WorkerApi(sql, noPause);
    const tables = await api.loadDemo('Asia/Shanghai');
    expect(tables.map((t) => t.name)).toEqual(['customers', 'orders', 'order_items']);
    // Reference: the generator's own files, counted line by line.
    const lines = demoShopFiles().map((f) => new TextDecoder().decode(f.bytes).trimEnd().split('\n').length - 1);
    expect(tables.map((t) => t.rowCount)).toEqual(lines);
    expect(tables[1].rowCount).toBe(40_000);
    expect((await api.runSql('SELECT count(*) FROM orders o JOIN customers USING (customer_id)')).rows).toEqual([[40_000]]);
    await api.importFile(encode('a\n1\n'), 'mine.csv', { timeZone: 'UTC' });
    expect((await api.loadDemo('UTC')).map((t) => t.name)).toEqual(['customers', 'orders', 'order_items', 'mine']);
    const fresh = new WorkerApi(sql, noPause);
    await fresh.importFile(encode('a\n1\n'), 'mine.csv', { timeZone: 'UTC' });
    expect((await fresh.loadDemo('UTC')).map((t) => t.name)).toEqual(['mine']);
  });

  it('reports a SQL error with SQLite’s message', async () => {
    const api = new WorkerApi(sql, noPause);
    await expect(api.runSql('SELECT * FROM nowhere')).rejects.toMatchObject({ code: 'sql-error', message: expect.stringContaining('no such table') });
  });
});
