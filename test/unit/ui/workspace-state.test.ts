// The workspace as a whole on the page: its definitions (with view state) as a file holds them,
// files read and checked before anything changes, opening asked first and then complete, and
// templates applied over the loaded data.
import { describe, expect, it, vi } from 'vitest';
import {
  defaultParameters,
  demoNotebook,
  readWorkspaceDefinition,
  serializeDefinition,
  toTemplate,
  type SavedTable,
  type WorkspaceDefinition,
  type WorkspaceFile,
} from '../../../src/engine/index.ts';
import type { TableInfo } from '../../../src/worker/api.ts';
import { WorkspaceHistory } from '../../../src/ui/state/history.svelte.ts';
import { ImportState, type ImportApi } from '../../../src/ui/state/import-state.svelte.ts';
import { NotebookState, type NotebookApi } from '../../../src/ui/state/notebook-state.svelte.ts';
import { ParametersState } from '../../../src/ui/state/parameters-state.svelte.ts';
import { fileStem, isSqlite, WorkspaceState, type WorkspaceApi } from '../../../src/ui/state/workspace-state.svelte.ts';

const SQLITE_BYTES = new TextEncoder().encode('SQLite format 3\0 and then the rest of a database');

function info(name: string, columns: string[], rowCount = 10): TableInfo {
  return { name, rowCount, columns: columns.map((c) => ({ name: c, type: 'text' as const })), sqliteRows: rowCount };
}

function saved(name: string, kind: SavedTable['kind'] = 'imported'): SavedTable {
  return { name, kind, rowCount: 1, columns: [{ name: 'id', type: 'text', codes: Int32Array.of(0), dictionary: ['a'] }], tagColumns: [] };
}

const DEMO_TABLES = [
  info('orders', ['order_id', 'customer_id', 'order_time', 'status', 'channel', 'coupon_amount', 'paid_amount']),
  info('order_items', ['order_id', 'product_id', 'category', 'quantity', 'unit_price']),
  info('customers', ['customer_id', 'signup_date', 'channel', 'city']),
  info('customer_table', ['customer_id', 'orders', 'revenue']),
];

function setup(tables: TableInfo[] = DEMO_TABLES) {
  let listed = tables;
  const importApi = {
    preview: vi.fn(),
    startImport: vi.fn(),
    loadDemo: vi.fn(),
    listTables: vi.fn(async () => listed),
    fillStatus: vi.fn(async () => ({ tables: [] })),
  } as unknown as ImportApi;
  const importState = new ImportState(importApi, 'Asia/Shanghai');
  importState.tables = tables;
  const notebookApi = {
    runCell: vi.fn(async (name: string) => ({ name, columns: [], rowCount: 0, elapsedMs: 0, materialized: false })),
    dropResult: vi.fn(async () => {}),
    buildCustomerTable: vi.fn(async () => {
      throw { code: 'no-orders', message: 'no' };
    }),
    evaluateTags: vi.fn(async () => ({ summaries: [], tableRewritten: false })),
    chartData: vi.fn(async () => ({ datasets: {} })),
    shareResult: vi.fn(async () => {}),
  } as unknown as NotebookApi;
  const notebook = new NotebookState(notebookApi);
  notebook.tableNames = () => importState.tables.map((t) => t.name);
  const parameters = new ParametersState();
  const history = new WorkspaceHistory(notebook, parameters);
  history.track();
  const api = {
    savedTables: vi.fn(async (request: { tables: string[] }) => request.tables.map((t) => saved(t))),
    replaceTables: vi.fn(async (replacement: SavedTable[]) => {
      listed = replacement.map((t) => info(t.name, t.columns.map((c) => c.name), t.rowCount));
      return listed;
    }),
    writeFile: vi.fn(async (_file: Omit<WorkspaceFile, 'fileVersion'>) => new Uint8Array([1, 2, 3])),
    readFile: vi.fn(),
    restartSql: vi.fn(async () => {}),
  } satisfies WorkspaceApi;
  const workspace = new WorkspaceState(api, importState, notebook, parameters, history);
  workspace.name = 'Demo shop';
  notebook.cells = demoNotebook('en');
  history.reset();
  return { workspace, notebook, parameters, history, importState, api, notebookApi };
}

function workspaceFile(definition: WorkspaceDefinition, tables: SavedTable[], contents: WorkspaceFile['contents'] = 'all'): WorkspaceFile {
  return { fileVersion: 1, definitionJson: serializeDefinition(definition), tables, savedAt: '2026-11-23T00:00:00Z', app: 'test', contents, dropped: [], hashed: [] };
}

const blob = (content: string | Uint8Array) => new Blob([content as BlobPart]);

describe('WorkspaceState', () => {
  it('writes the definitions with the view state, which read back as a valid workspace', () => {
    const { workspace, notebook } = setup();
    notebook.resultsOnly = true;
    notebook.setGridFilter('customer_table', { tag: 'lifecycle', segments: [1] });
    const definition = workspace.definition();
    expect(definition.view).toEqual({ resultsOnly: true, gridFilters: [{ table: 'customer_table', tag: 'lifecycle', segments: [1] }] });
    const read = readWorkspaceDefinition(serializeDefinition(definition));
    expect('definition' in read && read.definition).toEqual(definition);
    expect(definition.timeZone).toBe('Asia/Shanghai');
  });

  it('saves the tables each choice of contents asks for, named after the workspace', async () => {
    const { workspace, api } = setup();
    const all = await workspace.save({ contents: 'all', drop: [], hash: [{ table: 'customers', column: 'city' }] });
    expect(all.fileName).toBe('Demo shop.tagbook');
    expect(api.savedTables).toHaveBeenLastCalledWith({
      tables: ['orders', 'order_items', 'customers', 'customer_table'],
      kinds: { orders: 'imported', order_items: 'imported', customers: 'imported', customer_table: 'customers' },
      drop: [],
      hash: [{ table: 'customers', column: 'city' }],
    });
    const written = api.writeFile.mock.lastCall![0];
    expect(written.hashed).toEqual(['customers.city']);
    expect(written.contents).toBe('all');
    expect('definition' in readWorkspaceDefinition(written.definitionJson)).toBe(true);

    await workspace.save({ contents: 'customers-only', drop: [], hash: [] });
    expect(api.savedTables.mock.lastCall![0].tables).toEqual(['customer_table']);
  });

  it('exports all data with every column kept from the live SQLite tables, after the pending tag evaluations; otherwise, or when that fails, writes the file the long way', async () => {
    const { workspace, api, notebook } = setup();
    const order: string[] = [];
    const live = vi.fn(async (_file: Omit<WorkspaceFile, 'fileVersion'>) => {
      order.push('live');
      return new Uint8Array([9]);
    });
    const settle = vi.spyOn(notebook, 'settleNow').mockImplementation(async () => void order.push('settle'));
    const withLive = Object.assign(api, { exportLiveFile: live });
    const fast = await workspace.save({ contents: 'all', drop: [], hash: [] });
    expect(fast.bytes).toEqual(new Uint8Array([9]));
    expect(order).toEqual(['settle', 'live']);
    expect(live.mock.lastCall![0].tables.map((t) => t.name)).toEqual(['orders', 'order_items', 'customers', 'customer_table']);
    expect(api.writeFile).not.toHaveBeenCalled();

    // A hashed column or the customer table only: the long way, without the live export.
    await workspace.save({ contents: 'all', drop: [{ table: 'customers', column: 'city' }], hash: [] });
    await workspace.save({ contents: 'customers-only', drop: [], hash: [] });
    expect(live).toHaveBeenCalledTimes(1);
    expect(api.writeFile).toHaveBeenCalledTimes(2);

    // SQLite's tables are not the saved ones: the columns are asked for again (the first ones went to the SQL worker) and written the long way.
    withLive.exportLiveFile = vi.fn(async () => {
      throw { code: 'tables-not-current', message: 'The table "orders" in the database has 3 rows, not 2.' };
    });
    const calls = api.savedTables.mock.calls.length;
    const slow = await workspace.save({ contents: 'all', drop: [], hash: [] });
    expect(slow.bytes).toEqual(new Uint8Array([1, 2, 3]));
    expect(api.savedTables.mock.calls.length).toBe(calls + 2);
    expect(api.writeFile).toHaveBeenCalledTimes(3);
    settle.mockRestore();
  });

  it('explains a file it cannot open and changes nothing', async () => {
    const { workspace, notebook, api } = setup();
    const before = notebook.cells;
    await workspace.readFile(blob('not json at all'), 'notes.tagbook');
    expect(workspace.problem).toMatchObject({ fileName: 'notes.tagbook', code: 'bad-definition' });
    expect(workspace.problem!.problems[0].message).toMatch(/not valid JSON/);

    api.readFile.mockRejectedValueOnce({ code: 'corrupt', message: 'The file is damaged.' });
    await workspace.readFile(blob(SQLITE_BYTES), 'cut.tagbook');
    expect(workspace.problem).toMatchObject({ fileName: 'cut.tagbook', code: 'corrupt', message: 'The file is damaged.' });

    // A file whose notebook needs a table it does not hold.
    const definition: WorkspaceDefinition = { format: 'tagbook-workspace', version: 1, name: 'x', cells: demoNotebook('en'), parameters: defaultParameters() };
    api.readFile.mockResolvedValueOnce(workspaceFile(definition, [saved('orders')]));
    await workspace.readFile(blob(SQLITE_BYTES), 'partial.tagbook');
    expect(workspace.problem?.code).toBe('missing-tables');
    const customers = definition.cells.findIndex((c) => c.kind === 'customers');
    expect(workspace.problem?.problems.map((p) => p.path)).toEqual(expect.arrayContaining([`cells[${customers}].sources.items`, `cells[${customers}].sources.customers`]));

    expect(workspace.pending).toBeNull();
    expect(notebook.cells).toBe(before);
    expect(api.replaceTables).not.toHaveBeenCalled();
  });

  it('opens a workspace file only once agreed: tables, definitions, view and time zone replaced, history fresh', async () => {
    const { workspace, notebook, parameters, history, importState, api } = setup();
    const cells = demoNotebook('en').filter((c) => c.kind !== 'sql');
    const definition: WorkspaceDefinition = {
      format: 'tagbook-workspace',
      version: 1,
      name: 'Spring review',
      cells,
      parameters: [...defaultParameters(), { name: 'silent_after', type: 'number', value: 120 }],
      timeZone: 'Europe/Berlin',
      view: { resultsOnly: true, gridFilters: [{ table: 'customer_table', idContains: 'C00' }] },
    };
    api.readFile.mockResolvedValueOnce(workspaceFile(definition, [saved('orders'), saved('order_items'), saved('customers')]));
    notebook.addCell('note', null, 'unsaved work');
    expect(history.canUndo).toBe(true);

    await workspace.readFile(blob(SQLITE_BYTES), 'spring.tagbook');
    expect(workspace.problem).toBeNull();
    expect(workspace.pending).toMatchObject({ kind: 'workspace', fileName: 'spring.tagbook' });
    expect(workspace.pending!.changes.length).toBeGreaterThan(0);
    // Nothing happened yet.
    expect(api.replaceTables).not.toHaveBeenCalled();
    expect(workspace.name).toBe('Demo shop');

    const opened = vi.fn();
    workspace.onOpened = opened;
    await workspace.confirmPending();
    expect(api.replaceTables).toHaveBeenCalledTimes(1);
    expect(api.restartSql).toHaveBeenCalledTimes(1);
    expect(workspace.name).toBe('Spring review');
    expect(notebook.cells).toEqual(cells);
    expect(parameters.parameters.map((p) => p.name)).toEqual(['as_of', 'silent_after']);
    expect(importState.timeZone).toBe('Europe/Berlin');
    expect(importState.tables.map((t) => t.name)).toEqual(['orders', 'order_items', 'customers']);
    expect(notebook.resultsOnly).toBe(true);
    expect(notebook.gridFilters).toEqual({ customer_table: { idContains: 'C00' } });
    expect(history.canUndo).toBe(false);
    expect(notebook.savedOnlyTables).toEqual([]);
    expect(opened).toHaveBeenCalledTimes(1);
    expect(workspace.notice).toBe('spring.tagbook');
  });

  it('tags the customer table saved in the file at once, before the notebook builds it again', async () => {
    const { workspace, api, notebookApi } = setup();
    const definition: WorkspaceDefinition = { format: 'tagbook-workspace', version: 1, name: 'x', cells: demoNotebook('en'), parameters: defaultParameters() };
    api.readFile.mockResolvedValueOnce(workspaceFile(definition, [saved('orders'), saved('order_items'), saved('customers'), saved('customer_table', 'customers')]));
    await workspace.readFile(blob(SQLITE_BYTES), 'all.tagbook');
    await workspace.confirmPending();
    const evaluate = vi.mocked(notebookApi.evaluateTags);
    const build = vi.mocked(notebookApi.buildCustomerTable);
    expect(evaluate).toHaveBeenCalledWith('customer_table', expect.any(Array), expect.any(Array));
    // Asked before the build (which fails here, keeping the saved table's tags).
    expect(evaluate.mock.invocationCallOrder[0]).toBeLessThan(build.mock.invocationCallOrder[0]);
  });

  it('a customers-only file keeps its customer table as saved', async () => {
    const { workspace, notebook, api } = setup();
    const definition: WorkspaceDefinition = { format: 'tagbook-workspace', version: 1, name: 'Only customers', cells: demoNotebook('en'), parameters: defaultParameters() };
    api.readFile.mockResolvedValueOnce(workspaceFile(definition, [saved('customer_table', 'customers')], 'customers-only'));
    await workspace.readFile(blob(SQLITE_BYTES), 'only.tagbook');
    expect(workspace.problem).toBeNull();
    await workspace.confirmPending();
    expect(notebook.savedOnlyTables).toEqual(['customer_table']);
    const cell = notebook.cells.find((c) => c.kind === 'customers')!;
    expect(notebook.customersRun(cell.id)).toMatchObject({ status: 'done', savedOnly: true });
  });

  it('applies a template over the loaded data, listing what it cannot map, once agreed', async () => {
    const { workspace, notebook, api } = setup([info('orders', ['order_id', 'customer_id'])]);
    const template = toTemplate({ format: 'tagbook-workspace', version: 1, name: 'Shop template', cells: demoNotebook('en'), parameters: defaultParameters() });
    await workspace.readFile(blob(serializeDefinition(template)), 'shop.tagbook.json');
    const pending = workspace.pending;
    expect(pending?.kind).toBe('template');
    if (pending?.kind !== 'template') return;
    expect(pending.unmapped.map((p) => p.path)).toEqual(expect.arrayContaining([expect.stringMatching(/\.sources\.items$/), expect.stringMatching(/definition\.roles\.time$/)]));
    notebook.cells = [];
    await workspace.confirmPending();
    expect(notebook.cells.map((c) => c.id)).toEqual(template.cells.map((c) => c.id));
    // The data and the workspace's name stay.
    expect(workspace.name).toBe('Demo shop');
    expect(api.replaceTables).not.toHaveBeenCalled();
  });

  it('cancelling leaves everything as it was', async () => {
    const { workspace, notebook } = setup();
    const before = notebook.cells;
    const template = toTemplate({ format: 'tagbook-workspace', version: 1, name: 't', cells: [], parameters: defaultParameters() });
    await workspace.readFile(blob(serializeDefinition(template)), 't.tagbook.json');
    workspace.cancelPending();
    await workspace.confirmPending();
    expect(notebook.cells).toBe(before);
  });
});

describe('file names and kinds', () => {
  it('makes a file stem of any workspace name', () => {
    expect(fileStem('Spring review')).toBe('Spring review');
    expect(fileStem('a/b:c*?')).toBe('a-b-c-');
    expect(fileStem('  ..hidden')).toBe('hidden');
    expect(fileStem('tab\there')).toBe('tab-here');
    expect(fileStem('///')).toBe('workspace');
    expect(fileStem('')).toBe('workspace');
    expect(fileStem('双十一复盘')).toBe('双十一复盘');
  });

  it('tells a SQLite database by its header', () => {
    expect(isSqlite(SQLITE_BYTES)).toBe(true);
    expect(isSqlite(new TextEncoder().encode('SQLite format 2\0xxxxxx'))).toBe(false);
    expect(isSqlite(new Uint8Array(3))).toBe(false);
  });
});
