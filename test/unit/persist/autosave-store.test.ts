// The autosave keeps workspaces and their typed columns exactly, lists them newest first, and turns a full quota into StorageFullError.
import 'fake-indexeddb/auto';
import { IDBFactory, IDBObjectStore } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Column } from '../../../src/engine/dataset/types.ts';
import { AutosaveStore, isQuotaExceeded, newWorkspaceId, StorageFullError, type TableRecord } from '../../../src/ui/persist/autosave-store.ts';

let store: AutosaveStore;
let factory: IDBFactory;

beforeEach(async () => {
  // A fresh factory per test: nothing is shared between tests.
  factory = new IDBFactory();
  store = await AutosaveStore.open('tagbook-test', factory);
});

afterEach(() => {
  store.close();
  vi.restoreAllMocks();
  vi.useRealTimers();
});

const columns = (): Column[] => [
  { name: 'customer_id', type: 'text', codes: new Int32Array([0, 1, -1, 0]), dictionary: ['C001', 'C002'] },
  { name: 'revenue', type: 'decimal', values: new Float64Array([12.5, NaN, -0, 1e300]) },
  { name: 'first_order', type: 'date', values: new Float64Array([19000, 19001, NaN, 19002]) },
];
const table = (workspaceId: string, name: string, kind: TableRecord['kind'] = 'imported'): TableRecord => ({ workspaceId, name, kind, rowCount: 4, columns: columns() });
const definition = (id: string, name = 'Shop') => ({ id, name, definitionJson: `{"name":${JSON.stringify(name)}}\n` });

describe('AutosaveStore.open(dbName, factory)', () => {
  it('opens the same database again with what was saved in it', async () => {
    await store.saveDefinition(definition('w1'));
    store.close();
    store = await AutosaveStore.open('tagbook-test', factory);
    expect(await store.loadDefinition('w1')).toMatchObject(definition('w1'));
  });
});

describe('saveDefinition(record) / loadDefinition(id)', () => {
  it('stamps the time and keeps the table names when none are given', async () => {
    vi.useFakeTimers({ now: 1_000, toFake: ['Date'] });
    await store.saveDefinition({ ...definition('w1'), tableNames: ['orders', 'customer_table'] });
    vi.setSystemTime(2_000);
    await store.saveDefinition({ ...definition('w1'), name: 'Renamed' });
    expect(await store.loadDefinition('w1')).toEqual({ ...definition('w1'), name: 'Renamed', updatedAt: 2_000, tableNames: ['orders', 'customer_table'] });
    await store.saveDefinition({ ...definition('w1'), tableNames: [] });
    expect((await store.loadDefinition('w1'))!.tableNames).toEqual([]);
  });

  it('returns null for an unknown workspace', async () => {
    expect(await store.loadDefinition('nope')).toBeNull();
    expect(await store.load('nope')).toBeNull();
    expect(await store.loadTables('nope')).toEqual([]);
  });
});

describe('saveTable(table) / load(id)', () => {
  it('round-trips typed columns exactly: NaN, -0, dictionary codes', async () => {
    await store.saveDefinition({ ...definition('w1'), tableNames: ['orders'] });
    await store.saveTable(table('w1', 'orders'));
    const loaded = await store.load('w1');
    expect(loaded!.tables).toHaveLength(1);
    const [text, revenue, date] = loaded!.tables[0].columns;
    expect(text).toEqual(columns()[0]);
    expect(text.type === 'text' && text.codes).toBeInstanceOf(Int32Array);
    expect(revenue.type !== 'text' && revenue.values).toBeInstanceOf(Float64Array);
    expect(Array.from(revenue.type !== 'text' ? revenue.values : [])).toEqual([12.5, NaN, -0, 1e300]);
    expect(Object.is(revenue.type !== 'text' && revenue.values[2], -0)).toBe(true);
    expect(date).toEqual(columns()[2]);
    expect(loaded!.tables[0]).toEqual(table('w1', 'orders'));
  });

  it('replaces a table of the same name, and keeps workspaces apart', async () => {
    await store.saveTable(table('w1', 'orders'));
    await store.saveTable({ ...table('w1', 'orders'), rowCount: 0, columns: [] });
    await store.saveTable(table('w2', 'orders'));
    expect((await store.loadTables('w1')).map((t) => t.rowCount)).toEqual([0]);
    expect((await store.loadTables('w2')).map((t) => t.rowCount)).toEqual([4]);
  });

  it('lists tables in the order the record names them, then the others by name', async () => {
    await store.saveDefinition({ ...definition('w1'), tableNames: ['orders', 'customer_table'] });
    for (const name of ['zeta', 'customer_table', 'alpha', 'orders']) await store.saveTable(table('w1', name));
    expect((await store.loadTables('w1')).map((t) => t.name)).toEqual(['orders', 'customer_table', 'alpha', 'zeta']);
    expect((await store.load('w1'))!.tables.map((t) => t.name)).toEqual(['orders', 'customer_table', 'alpha', 'zeta']);
  });
});

describe('deleteTable(workspaceId, name) / pruneTables(workspaceId, keep)', () => {
  it('deletes one table, and is a no-op for a missing one', async () => {
    await store.saveTable(table('w1', 'orders'));
    await store.saveTable(table('w1', 'items'));
    await store.deleteTable('w1', 'orders');
    await store.deleteTable('w1', 'missing');
    expect((await store.loadTables('w1')).map((t) => t.name)).toEqual(['items']);
  });

  it("deletes the workspace's tables not kept, and no other workspace's", async () => {
    for (const name of ['a', 'b', 'c']) await store.saveTable(table('w1', name));
    await store.saveTable(table('w2', 'a'));
    await store.pruneTables('w1', ['b', 'not-stored']);
    expect((await store.loadTables('w1')).map((t) => t.name)).toEqual(['b']);
    expect((await store.loadTables('w2')).map((t) => t.name)).toEqual(['a']);
    await store.pruneTables('w1', []);
    expect(await store.loadTables('w1')).toEqual([]);
  });
});

describe('recent(limit)', () => {
  it('lists workspaces newest first, up to the limit', async () => {
    vi.useFakeTimers({ now: 1_000, toFake: ['Date'] });
    for (const [i, id] of ['old', 'new', 'middle'].entries()) {
      vi.setSystemTime([1_000, 3_000, 2_000][i]);
      await store.saveDefinition(definition(id));
    }
    expect((await store.recent()).map((w) => w.id)).toEqual(['new', 'middle', 'old']);
    expect((await store.recent(2)).map((w) => w.id)).toEqual(['new', 'middle']);
    expect(await store.recent(0)).toEqual([]);
    vi.setSystemTime(4_000);
    await store.saveDefinition(definition('old'));
    expect((await store.recent(1)).map((w) => w.id)).toEqual(['old']);
  });
});

describe('remove(id)', () => {
  it('deletes the workspace, its tables, and the last-opened mark pointing at it', async () => {
    await store.saveDefinition(definition('w1'));
    await store.saveTable(table('w1', 'orders'));
    await store.saveDefinition(definition('w2'));
    await store.saveTable(table('w2', 'orders'));
    await store.setLastOpened('w1');
    await store.remove('w1');
    expect(await store.load('w1')).toBeNull();
    expect(await store.loadTables('w1')).toEqual([]);
    expect(await store.lastOpened()).toBeNull();
    expect((await store.load('w2'))!.tables).toHaveLength(1);
  });

  it('keeps the last-opened mark of another workspace, and is a no-op for an unknown id', async () => {
    await store.saveDefinition(definition('w2'));
    await store.setLastOpened('w2');
    await store.remove('unknown');
    expect(await store.lastOpened()).toBe('w2');
    expect((await store.recent()).map((w) => w.id)).toEqual(['w2']);
  });
});

describe('lastOpened() / setLastOpened(id)', () => {
  it('is null at first, then the id last set', async () => {
    expect(await store.lastOpened()).toBeNull();
    await store.setLastOpened('w1');
    await store.setLastOpened('w2');
    expect(await store.lastOpened()).toBe('w2');
  });
});

describe('a full quota', () => {
  const quotaError = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError');

  it('becomes StorageFullError when a write is refused, and nothing is half-written', async () => {
    await store.saveDefinition({ ...definition('w1'), tableNames: ['orders'] });
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(() => {
      throw quotaError();
    });
    const saving = store.saveDefinition({ ...definition('w1'), name: 'Renamed' });
    await expect(saving).rejects.toBeInstanceOf(StorageFullError);
    await expect(saving).rejects.toMatchObject({ code: 'storage-full', cause: expect.objectContaining({ name: 'QuotaExceededError' }) });
    await expect(store.saveTable(table('w1', 'orders'))).rejects.toBeInstanceOf(StorageFullError);
    await expect(store.setLastOpened('w1')).rejects.toBeInstanceOf(StorageFullError);
    vi.restoreAllMocks();
    expect((await store.loadDefinition('w1'))!.name).toBe('Shop');
    expect(await store.loadTables('w1')).toEqual([]);
  });

  it('becomes StorageFullError when the transaction aborts with it at commit, after the write succeeded', async () => {
    // Browsers report the quota when committing: the request succeeded, the transaction aborts.
    const put = IDBObjectStore.prototype.put;
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
      const request = put.apply(this, args);
      const transaction = this.transaction as unknown as { _abort(name: string): void };
      request.addEventListener('success', () => transaction._abort('QuotaExceededError'));
      return request;
    });
    await expect(store.saveTable(table('w1', 'orders'))).rejects.toBeInstanceOf(StorageFullError);
    await expect(store.saveDefinition(definition('w1'))).rejects.toBeInstanceOf(StorageFullError);
    vi.restoreAllMocks();
    expect(await store.load('w1')).toBeNull();
    expect(await store.loadTables('w1')).toEqual([]);
  });

  it('passes other errors through unchanged', async () => {
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(() => {
      throw new DOMException('Data cannot be cloned.', 'DataCloneError');
    });
    await expect(store.saveTable(table('w1', 'orders'))).rejects.toMatchObject({ name: 'DataCloneError' });
  });
});

describe('isQuotaExceeded(error)', () => {
  it.each([
    [new DOMException('full', 'QuotaExceededError'), true],
    [{ name: 'Error', code: 22 }, true],
    [new DOMException('gone', 'AbortError'), false],
    [new Error('QuotaExceededError'), false],
    [null, false],
    ['QuotaExceededError', false],
  ])('%s → %s', (error, expected) => {
    expect(isQuotaExceeded(error)).toBe(expected);
  });
});

describe('newWorkspaceId()', () => {
  it('returns a fresh UUID each time', () => {
    const ids = new Set(Array.from({ length: 100 }, newWorkspaceId));
    expect(ids.size).toBe(100);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
