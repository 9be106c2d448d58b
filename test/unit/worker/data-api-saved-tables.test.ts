// Invariant: savedTables hands out copies (the loaded tables are never changed or given away),
// and replaceTables swaps the whole workspace for the saved tables' base columns.
import initSqlJs from 'sql.js';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { TagDefinition, TextColumn } from '../../../src/engine/index.ts';
import { readWorkspaceFile, writeWorkspaceFile } from '../../../src/engine/workspace-file/index.ts';
import { DataApi } from '../../../src/worker/data-api.ts';
import { SqlApi } from '../../../src/worker/sql-api.ts';
import { fileOf } from '../workspace-file/saved-tables.ts';
import { closeAllPorts, connectSql, encode, importInto, untilSqlReceived } from './pipes.ts';

const sql = await initSqlJs();

afterEach(closeAllPorts);

const CSV = 'customer_id,recency_days,phone\n00001,10,13800138000\n00002,45,13900139000\n00003,200,13800138000\n00004,,\n';
const LIFECYCLE: TagDefinition = {
  kind: 'cut',
  name: 'lifecycle',
  metric: 'recency_days',
  thresholds: [30, 90],
  segments: [{ label: 'active' }, { label: 'cooling' }, { label: 'churned' }],
};

async function loaded(): Promise<DataApi> {
  const data = new DataApi();
  await importInto(data, encode(CSV), 'customers.csv');
  await importInto(data, encode('order_id,customer_id\n1,00001\n'), 'orders.csv');
  await data.evaluateTags('customers', [LIFECYCLE], []);
  return data;
}

function labels(column: TextColumn | undefined): (string | null)[] {
  return column ? Array.from(column.codes, (c) => (c < 0 ? null : column.dictionary[c])) : [];
}

describe('DataApi.savedTables(request)', () => {
  it('copies the named tables in order, with base columns then tag columns', async () => {
    const data = await loaded();
    const saved = await data.savedTables({ tables: ['orders', 'customers'], kinds: { customers: 'customers' }, drop: [], hash: [] });
    expect(saved.map((t) => [t.name, t.kind, t.rowCount])).toEqual([
      ['orders', 'imported', 1],
      ['customers', 'customers', 4],
    ]);
    expect(saved[1].columns.map((c) => c.name)).toEqual(['customer_id', 'recency_days', 'phone', 'lifecycle']);
    expect(saved[1].tagColumns).toEqual(['lifecycle']);
    expect(labels(saved[1].columns[3] as TextColumn)).toEqual(['active', 'cooling', 'churned', null]);
    // The copies are the worker's to give away: changing them leaves the loaded table as it was.
    (saved[1].columns[0] as TextColumn).codes.fill(-1);
    expect((await data.getRows('customers', 0, 1, null)).rows[0][0]).toBe('00001');
  });

  it('saves a tag column with its current segments after a threshold move', async () => {
    const data = await loaded();
    await data.retagThresholds('customers', [{ tag: 'lifecycle', thresholds: [5, 300] }], []);
    const [customers] = await data.savedTables({ tables: ['customers'], kinds: {}, drop: [], hash: [] });
    expect(labels(customers.columns[3] as TextColumn)).toEqual(['cooling', 'cooling', 'cooling', null]);
  });

  it('drops and hashes the chosen columns with a fresh key each time', async () => {
    const data = await loaded();
    const request = { tables: ['customers'], kinds: {}, drop: [{ table: 'customers', column: 'recency_days' }], hash: [{ table: 'customers', column: 'phone' }] };
    const [first] = await data.savedTables(request);
    const [second] = await data.savedTables(request);
    expect(first.columns.map((c) => c.name)).toEqual(['customer_id', 'phone', 'lifecycle']);
    const phones = labels(first.columns[1] as TextColumn);
    expect(phones[0]).toBe(phones[2]);
    expect(phones[3]).toBeNull();
    expect(phones).not.toContain('13800138000');
    expect(labels(second.columns[1] as TextColumn)[0]).not.toBe(phones[0]);
  });

  it('rejects an unknown table and a hashed tag column', async () => {
    const data = await loaded();
    await expect(data.savedTables({ tables: ['nope'], kinds: {}, drop: [], hash: [] })).rejects.toMatchObject({ code: 'no-such-table' });
    await expect(data.savedTables({ tables: ['customers'], kinds: {}, drop: [], hash: [{ table: 'customers', column: 'lifecycle' }] })).rejects.toMatchObject({
      code: 'bad-privacy-choice',
    });
  });
});

describe('DataApi.replaceTables(tables)', () => {
  it('replaces every table (in SQLite too) by the saved tables’ base columns, through a file', async () => {
    const data = await loaded();
    const sqlApi = new SqlApi(sql);
    await connectSql(data, sqlApi);
    await untilSqlReceived(sqlApi, 'orders', 1);
    await data.putResultColumns('q1', [], 0);
    const saved = await data.savedTables({ tables: ['customers'], kinds: { customers: 'customers' }, drop: [], hash: [] });
    const file = readWorkspaceFile(sql, writeWorkspaceFile(sql, fileOf(saved)));

    const tables = await data.replaceTables(file.tables);
    expect(tables.map((t) => [t.name, t.rowCount, t.columns.map((c) => c.name)])).toEqual([['customers', 4, ['customer_id', 'recency_days', 'phone']]]);
    expect((await data.getRows('customers', 0, 4, null)).rows.map((r) => r[0])).toEqual(['00001', '00002', '00003', '00004']);
    await expect(data.getRows('orders', 0, 1, null)).rejects.toMatchObject({ code: 'no-such-table' });
    await expect(data.columnValues('q1', 'x', 1)).rejects.toMatchObject({ code: 'no-such-column' });
    await vi.waitFor(async () => {
      expect(await sqlApi.schema()).toEqual([{ name: 'customers', columns: ['customer_id', 'recency_days', 'phone'] }]);
    });
  });

  it('rejects tables whose columns do not match their row count, before dropping anything', async () => {
    const data = await loaded();
    const [customers] = await data.savedTables({ tables: ['customers'], kinds: {}, drop: [], hash: [] });
    await expect(data.replaceTables([{ ...customers, rowCount: 9 }])).rejects.toMatchObject({ code: 'bad-table' });
    expect((await data.listTables()).map((t) => t.name)).toEqual(['customers', 'orders']);
  });
});
