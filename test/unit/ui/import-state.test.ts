import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ImportPreview, TableInfo } from '../../../src/worker/api.ts';
import { TagbookError } from '../../../src/worker/client.ts';
import { ImportState, SQLITE_POLL_MS, type ImportApi } from '../../../src/ui/state/import-state.svelte.ts';

function makePreview(fileName: string, overrides: Partial<ImportPreview> = {}): ImportPreview {
  return {
    fileName,
    tableName: fileName.replace(/\.csv$/, ''),
    byteLength: 10,
    encoding: 'utf-8',
    encodingDetectedBy: 'valid-utf-8',
    dialect: { delimiter: ',', skipLines: 0, hasHeader: true },
    raggedRows: 'keep',
    columns: [
      {
        name: 'signup',
        originalName: 'signup',
        spec: { type: 'integer' },
        inferredType: 'integer',
        suggestedSpec: { type: 'date', dateFormat: 'yyyymmdd' },
        nullCount: 0,
        badCount: 0,
        examples: ['19970101'],
      },
    ],
    inputRows: 1,
    loadedRows: 1,
    excludedRows: 0,
    issues: [],
    sampleRows: [['19970101']],
    ...overrides,
  };
}

function table(name: string, sqliteRows: number, rowCount = 100): TableInfo {
  return { name, rowCount, columns: [{ name: 'a', type: 'text' }], sqliteRows };
}

/** Fake workers: previews echo the file name; imports finish at once; every preview is recorded. */
function fakeApi(overrides: Partial<ImportApi> = {}) {
  const previewCalls: { bytes: Uint8Array; fileName: string; options: Parameters<ImportApi['preview']>[2] }[] = [];
  const api: ImportApi = {
    async preview(bytes, fileName, options) {
      previewCalls.push({ bytes, fileName, options });
      return makePreview(fileName);
    },
    startImport(_bytes, fileName, options) {
      return { done: Promise.resolve(table(options.tableName ?? fileName.replace(/\.csv$/, ''), 100)), cancel() {} };
    },
    async loadDemo() {
      return [table('customers', 100), table('orders', 100), table('order_items', 100)];
    },
    async listTables() {
      return [];
    },
    async fillStatus() {
      return { tables: [] };
    },
    ...overrides,
  };
  return { api, previewCalls };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('ImportState(api, timeZone)', () => {
  it('loadDemo lists the demo tables with their SQLite progress', async () => {
    const { api } = fakeApi({
      listTables: async () => [table('customers', 0), table('orders', 0)],
      fillStatus: async () => ({ tables: [{ name: 'customers', rowCount: 100, rowsWritten: 100 }, { name: 'orders', rowCount: 100, rowsWritten: 40 }] }),
    });
    const state = new ImportState(api, 'UTC');
    expect(await state.loadDemo()).toBe(true);
    expect(state.tables.map((t) => [t.name, t.sqliteRows])).toEqual([
      ['customers', 100],
      ['orders', 40],
    ]);
    state.dispose();
  });

  it('reportWorkerFailure stops waiting and says the engine stopped, keeping the preview', async () => {
    const { api } = fakeApi();
    const state = new ImportState(api, 'UTC');
    await state.openText('a\n1\n');
    state.activity = 'loading';
    state.reportWorkerFailure('The data engine could not be started.');
    expect(state.activity).toBe('idle');
    expect(state.error).toMatchObject({ code: 'worker-failed', message: expect.stringContaining('could not be started') });
    expect(state.preview?.fileName).toBe('pasted.csv');
  });

  it('previews pasted text as pasted.csv in the given time zone', async () => {
    const { api, previewCalls } = fakeApi();
    const state = new ImportState(api, 'Asia/Shanghai');
    await state.openText('a,b\n1,2\n');
    expect(state.preview?.fileName).toBe('pasted.csv');
    expect(previewCalls[0].options).toEqual({ timeZone: 'Asia/Shanghai' });
    expect(new TextDecoder().decode(previewCalls[0].bytes)).toBe('a,b\n1,2\n');
    expect(state.tableName).toBe('pasted');
  });

  it('openText is a no-op with a message when the text is blank', async () => {
    const { api, previewCalls } = fakeApi();
    const state = new ImportState(api, 'UTC');
    await state.openText('  \n ');
    expect(previewCalls).toHaveLength(0);
    expect(state.error?.code).toBe('empty-text');
  });

  // Invariant: the page keeps the original bytes; each worker call gets (and may detach) a copy.
  it('re-previews from the original bytes after the worker has taken a copy', async () => {
    const { api, previewCalls } = fakeApi();
    const state = new ImportState(api, 'UTC');
    await state.openText('a\n1\n');
    structuredClone(previewCalls[0].bytes, { transfer: [previewCalls[0].bytes.buffer as ArrayBuffer] });
    await state.setDelimiter(';');
    expect(new TextDecoder().decode(previewCalls[1].bytes)).toBe('a\n1\n');
    expect(previewCalls[1].options).toEqual({ timeZone: 'UTC', delimiter: ';' });
  });

  it('renames a column by its name in the file, carrying its type choice along', async () => {
    const { api, previewCalls } = fakeApi();
    const state = new ImportState(api, 'UTC');
    await state.openText('signup\n19970101\n');
    await state.setColumnType('signup', 'date');
    await state.renameColumn('signup', '  joined ');
    expect(previewCalls[2].options).toMatchObject({ renames: { signup: 'joined' }, columns: { joined: { type: 'date', dateFormat: 'yyyymmdd' } } });
    // Renaming again is still keyed by the file's name; renaming back removes the rename.
    await state.renameColumn('joined', 'first_order');
    expect(previewCalls[3].options.renames).toEqual({ signup: 'first_order' });
    await state.renameColumn('first_order', 'signup');
    expect(previewCalls[4].options.renames).toEqual({});
    expect(previewCalls[4].options.columns).toEqual({ signup: { type: 'date', dateFormat: 'yyyymmdd' } });
  });

  it('renameColumn is a no-op for a blank or unchanged name', async () => {
    const { api, previewCalls } = fakeApi();
    const state = new ImportState(api, 'UTC');
    await state.openText('a\n1\n');
    await state.renameColumn('a', '   ');
    await state.renameColumn('a', 'a');
    expect(previewCalls).toHaveLength(1);
  });

  it('choosing the suggested type applies the whole suggestion', async () => {
    const { api, previewCalls } = fakeApi();
    const state = new ImportState(api, 'UTC');
    await state.openText('signup\n19970101\n');
    await state.setColumnType('signup', 'date');
    expect(previewCalls[1].options.columns).toEqual({ signup: { type: 'date', dateFormat: 'yyyymmdd' } });
    await state.setColumnType('signup', 'text');
    expect(previewCalls[2].options.columns).toEqual({ signup: { type: 'text' } });
  });

  // Invariant: a failed override restores the options that last previewed, and keeps that preview.
  it('rolls an override back when its preview fails', async () => {
    let calls = 0;
    const { api } = fakeApi({
      async preview(_bytes, fileName) {
        if (++calls === 2) throw { code: 'unclosed-quote', message: 'line 3: a quoted field does not end', line: 3 };
        return makePreview(fileName);
      },
    });
    const state = new ImportState(api, 'UTC');
    await state.openText('a\n1\n');
    const preview = state.preview;
    await state.setDelimiter('|');
    expect(state.options.delimiter).toBeUndefined();
    expect(state.preview).toBe(preview);
    expect(state.error).toEqual({ title: { key: 'error.changeFailed' }, code: 'unclosed-quote', message: 'line 3: a quoted field does not end', line: 3 });
    expect(state.activity).toBe('idle');
  });

  it('ignores a preview that answers after a newer one', async () => {
    const pending: ((p: ImportPreview) => void)[] = [];
    const { api } = fakeApi({ preview: (_bytes, fileName) => new Promise((resolve) => pending.push(() => resolve(makePreview(fileName)))) });
    const state = new ImportState(api, 'UTC');
    const first = state.openFile(new File(['a\n1\n'], 'first.csv'));
    await vi.waitFor(() => expect(pending).toHaveLength(1));
    const second = state.openFile(new File(['b\n2\n'], 'second.csv'));
    await vi.waitFor(() => expect(pending).toHaveLength(2));
    pending[1](makePreview('second.csv'));
    await second;
    pending[0](makePreview('first.csv'));
    await first;
    expect(state.preview?.fileName).toBe('second.csv');
    expect(state.source?.fileName).toBe('second.csv');
  });

  // Invariant: nothing already loaded is lost when a later load fails.
  it('keeps the loaded tables when a load fails', async () => {
    let loads = 0;
    const { api } = fakeApi({
      startImport(_bytes, fileName) {
        const done = ++loads === 2 ? Promise.reject({ code: 'binary-file', message: 'This is a PNG image, not a CSV file.' }) : Promise.resolve(table(fileName.replace(/\.csv$/, ''), 100));
        return { done, cancel() {} };
      },
      listTables: async () => (loads >= 1 ? [table('good', 100)] : []),
    });
    const state = new ImportState(api, 'UTC');
    await state.openFile(new File(['a\n1\n'], 'good.csv'));
    expect(await state.load()).toBe('good');
    expect(state.tables.map((t) => t.name)).toEqual(['good']);
    await state.openFile(new File(['x'], 'bad.csv'));
    await state.load();
    expect(state.tables.map((t) => t.name)).toEqual(['good']);
    expect(state.error?.title).toEqual({ key: 'error.loadFile', params: { name: 'bad.csv' } });
    expect(state.preview?.fileName).toBe('bad.csv');
    expect(state.activity).toBe('idle');
  });

  it('polls the SQLite copy until every table is complete, then stops', async () => {
    vi.useFakeTimers();
    const written = [0, 50, 100];
    const listTables = vi.fn(async () => [table('t', 0)]);
    const fillStatus = vi.fn(async () => ({ tables: [{ name: 't', rowCount: 100, rowsWritten: written[Math.min(fillStatus.mock.calls.length - 1, 2)] }] }));
    const { api } = fakeApi({ listTables, fillStatus });
    const state = new ImportState(api, 'UTC');
    await state.openText('a\n1\n');
    await state.load();
    expect(state.tables[0].sqliteRows).toBe(0);
    expect(state.sqliteFilling).toBe(true);
    const columns = state.tables[0].columns;
    await vi.advanceTimersByTimeAsync(SQLITE_POLL_MS);
    expect(state.tables[0].sqliteRows).toBe(50);
    // The same columns array while the table is unchanged, so grids showing it keep their place.
    expect(state.tables[0].columns).toBe(columns);
    await vi.advanceTimersByTimeAsync(SQLITE_POLL_MS);
    expect(state.tables[0].sqliteRows).toBe(100);
    expect(state.sqliteFilling).toBe(false);
    await vi.advanceTimersByTimeAsync(SQLITE_POLL_MS * 4);
    expect(listTables).toHaveBeenCalledTimes(3);
  });

  it('reports load progress through the callback and clears it when done', async () => {
    const seen: number[] = [];
    const box: { state?: ImportState } = {};
    const { api } = fakeApi({
      startImport(_bytes, fileName, _options, onProgress) {
        onProgress?.({ phase: 'parse', fraction: 0.5, rowsParsed: 10 });
        seen.push(box.state?.progress?.fraction ?? -1);
        return { done: Promise.resolve(table(fileName.replace(/\.csv$/, ''), 1, 1)), cancel() {} };
      },
    });
    const state = new ImportState(api, 'UTC');
    box.state = state;
    await state.openText('a\n1\n');
    await state.load();
    expect(seen).toEqual([0.5]);
    expect(state.progress).toBeNull();
    expect(state.preview).toBeNull();
  });

  // Invariant: a cancelled load changes nothing; the preview stays so the user can load again.
  it('cancelLoad stops the load, keeps the tables and the preview, and says nothing changed', async () => {
    const noReject = () => {};
    let reject: (e: unknown) => void = noReject;
    const cancel = vi.fn(() => reject(new TagbookError('cancelled', 'The import was cancelled.')));
    const { api } = fakeApi({
      startImport: () => ({ done: new Promise((_, r) => (reject = r)), cancel }),
      listTables: async () => [table('orders', 100, 100)],
      fillStatus: async () => ({ tables: [{ name: 'orders', rowCount: 100, rowsWritten: 100 }] }),
    });
    const state = new ImportState(api, 'UTC');
    await state.loadDemo();
    const before = state.tables;
    await state.openFile(new File(['a\n1\n'], 'big.csv'));
    const loading = state.load();
    expect(state.activity).toBe('loading');
    await vi.waitFor(() => expect(reject).not.toBe(noReject));
    state.cancelLoad();
    expect(await loading).toBeNull();
    expect(cancel).toHaveBeenCalledOnce();
    expect(state.tables).toBe(before);
    expect(state.preview?.fileName).toBe('big.csv');
    expect(state.error).toBeNull();
    expect(state.cancelledNotice).toBe(true);
    expect(state.activity).toBe('idle');
  });

  it('asks before taking a loaded name: replace keeps it, keep both loads as name_2', async () => {
    const names: (string | undefined)[] = [];
    const { api } = fakeApi({
      startImport(_bytes, _fileName, options) {
        names.push(options.tableName);
        return { done: Promise.resolve(table(options.tableName ?? '', 1, 1)), cancel() {} };
      },
      listTables: async () => [table('orders', 1, 1), table('orders_2', 1, 1)],
    });
    const state = new ImportState(api, 'UTC');
    await state.loadDemo();
    await state.openFile(new File(['a\n1\n'], 'Orders.csv'));
    state.tableName = 'orders';
    expect(state.replacesTable).toBe(true);
    expect(state.keepBothName).toBe('orders_3');
    expect(await state.load('keep-both')).toBe('orders_3');
    await state.openFile(new File(['a\n1\n'], 'orders.csv'));
    expect(await state.load('replace')).toBe('orders');
    expect(names).toEqual(['orders_3', 'orders']);
  });

  it('treats SQL result names as taken too', async () => {
    const { api } = fakeApi();
    const state = new ImportState(api, 'UTC');
    state.otherNames = () => ['q1'];
    await state.openFile(new File(['a\n1\n'], 'q1.csv'));
    expect(state.replacesTable).toBe(true);
    expect(state.keepBothName).toBe('q1_2');
  });

  it('a cancel while the file is still being read starts nothing', async () => {
    const startImport = vi.fn(() => ({ done: new Promise<TableInfo>(() => {}), cancel() {} }));
    const { api } = fakeApi({ startImport });
    const state = new ImportState(api, 'UTC');
    await state.openFile(new File(['a\n1\n'], 'big.csv'));
    const loading = state.load();
    state.cancelLoad();
    expect(await loading).toBeNull();
    expect(startImport).not.toHaveBeenCalled();
    expect(state.cancelledNotice).toBe(true);
    expect(state.activity).toBe('idle');
  });
});
