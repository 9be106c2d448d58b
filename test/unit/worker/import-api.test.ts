import initSqlJs from 'sql.js';
import { afterEach, describe, expect, it } from 'vitest';
import type { ImportedTableMessage } from '../../../src/worker/table-messages.ts';
import { DataApi } from '../../../src/worker/data-api.ts';
import { ImportApi } from '../../../src/worker/import-api.ts';
import { SqlApi } from '../../../src/worker/sql-api.ts';
import { makeXlsx, ordersSheets } from '../../helpers/xlsx.ts';
import { closeAllPorts, connectSql, encode, importInto, noPause, openChannel, untilSqlReceived } from './pipes.ts';

const sql = await initSqlJs();

afterEach(closeAllPorts);

describe('ImportApi (called directly, without a Worker)', () => {
  it('previews and imports an .xlsx workbook, first sheet or a chosen one', async () => {
    const api = new ImportApi();
    const bytes = await makeXlsx(ordersSheets());
    const preview = await api.previewFile(bytes, '店铺订单.xlsx', { timeZone: 'Asia/Shanghai' });
    expect(preview).toMatchObject({ tableName: '店铺订单', format: 'xlsx', sheets: ['订单', '退款'], sheet: '订单', loadedRows: 3 });
    expect(preview.sampleRows[0].slice(0, 3)).toEqual(['2019031234567890123', '00004', '1234.5']);
    const data = new DataApi();
    const sqlApi = new SqlApi(sql, noPause);
    await connectSql(data, sqlApi);
    const info = await importInto(data, bytes, '店铺订单.xlsx', { timeZone: 'Asia/Shanghai', sheet: '退款', tableName: 'refunds' });
    expect(info).toMatchObject({ name: 'refunds', rowCount: 2 });
    await untilSqlReceived(sqlApi, 'refunds', 2);
    await sqlApi.runCell('q1', 'SELECT "退款单号", "退款金额" FROM refunds ORDER BY 1');
    expect((await sqlApi.getResultRows('q1', 0, 10, null)).rows).toEqual([
      ['R0001', 12.5],
      ['R0002', -3],
    ]);
    // A CSV preview says so too.
    expect((await api.previewFile(encode('a\n1\n'), 'a.csv', {})).format).toBe('csv');
  });

  it("reports a damaged .xlsx as a worker error with the importer's code", async () => {
    const bytes = await makeXlsx(ordersSheets());
    await expect(new ImportApi().previewFile(bytes.slice(0, 200), 'broken.xlsx', {})).rejects.toMatchObject({
      code: 'xlsx-unreadable',
      message: expect.stringContaining('damaged or incomplete'),
    });
  });

  it('previews a file without loading it', async () => {
    const preview = await new ImportApi().previewFile(encode('客户编号,金额\n00004,"¥1,234.50"\n00005,12\n'), '订单.csv', { timeZone: 'Asia/Shanghai' });
    expect(preview.tableName).toBe('订单');
    expect(preview.columns.map((c) => [c.name, c.spec.type])).toEqual([
      ['客户编号', 'text'],
      ['金额', 'decimal'],
    ]);
    expect(preview.sampleRows).toEqual([
      ['00004', '1234.5'],
      ['00005', '12'],
    ]);
  });

  it('posts the typed table to the port, transferring its buffers, and closes the port', async () => {
    const channel = openChannel();
    const message = new Promise<ImportedTableMessage>((resolve) => (channel.port2.onmessage = (event) => resolve(event.data)));
    const closed = new Promise<void>((resolve) => channel.port2.addEventListener('close', () => resolve()));
    const progress: string[] = [];
    const result = await new ImportApi().importFile(encode('id,n\n00004,1\n00005,\n'), 'ids.csv', { timeZone: 'UTC' }, (p) => progress.push(p.phase), channel.port1);
    expect(result).toEqual({ name: 'ids', rowCount: 2 });
    const { table } = await message;
    expect(table.name).toBe('ids');
    expect(table.columns).toMatchObject([
      { name: 'id', type: 'text', dictionary: ['00004', '00005'] },
      { name: 'n', type: 'integer' },
    ]);
    expect([...(table.columns[1].type === 'text' ? [] : table.columns[1].values)]).toEqual([1, NaN]);
    expect(progress).toContain('columns');
    await closed;
  });

  it('reports a bad file as a plain {code, message, line} error and closes the port', async () => {
    const channel = openChannel();
    const closed = new Promise<void>((resolve) => channel.port2.addEventListener('close', () => resolve()));
    const error = await new ImportApi()
      .importFile(encode('a,b\n1,"unclosed\n2,3\n'), 'bad.csv', { timeZone: 'UTC' }, undefined, channel.port1)
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'unclosed-quote', line: 2 });
    expect(error).not.toBeInstanceOf(Error);
    await closed;
  });
});
