// Autosave on the page, over a real IndexedDB store (fake-indexeddb) and fake workers: what it
// writes and when, what it restores, and what it does when it must not (a second tab) or cannot
// (a full disk) write.
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { flushSync } from 'svelte';
import { describe, expect, it, vi } from 'vitest';
import { demoNotebook, readWorkspaceDefinition } from '../../../src/engine/index.ts';
import type { TableInfo } from '../../../src/worker/api.ts';
import { AutosaveStore, StorageFullError } from '../../../src/ui/persist/autosave-store.ts';
import { AutosaveState, type AutosaveApi } from '../../../src/ui/state/autosave-state.svelte.ts';
import { WorkspaceHistory } from '../../../src/ui/state/history.svelte.ts';
import { ImportState, type ImportApi } from '../../../src/ui/state/import-state.svelte.ts';
import { NotebookState, type NotebookApi } from '../../../src/ui/state/notebook-state.svelte.ts';
import { ParametersState } from '../../../src/ui/state/parameters-state.svelte.ts';
import { WorkspaceState, type WorkspaceApi } from '../../../src/ui/state/workspace-state.svelte.ts';

const TABLES: TableInfo[] = [
  { name: 'orders', rowCount: 3, columns: [{ name: 'customer_id', type: 'text' }], sqliteRows: 3 },
  { name: 'customer_table', rowCount: 2, columns: [{ name: 'customer_id', type: 'text' }], sqliteRows: 2 },
];

async function setup(options: { owner?: boolean; store?: AutosaveStore; wait?: (id: string, signal: AbortSignal) => Promise<{ release(): void }> } = {}) {
  const store = options.store ?? (await AutosaveStore.open(`test-${Math.random()}`, new IDBFactory()));
  const importState = new ImportState({ listTables: vi.fn(async () => TABLES), fillStatus: vi.fn(async () => ({ tables: [] })) } as unknown as ImportApi, 'Asia/Shanghai');
  importState.tables = TABLES;
  const notebook = new NotebookState({
    runCell: vi.fn(async (name: string) => ({ name, columns: [], rowCount: 0, elapsedMs: 0, materialized: false })),
    buildCustomerTable: vi.fn(async () => {
      throw { code: 'no-orders', message: 'no' };
    }),
    evaluateTags: vi.fn(async () => ({ summaries: [], tableRewritten: false })),
    chartData: vi.fn(async () => ({ datasets: {} })),
    shareResult: vi.fn(async () => {}),
    dropResult: vi.fn(async () => {}),
  } as unknown as NotebookApi);
  const parameters = new ParametersState();
  const history = new WorkspaceHistory(notebook, parameters);
  history.track();
  const workspace = new WorkspaceState({} as WorkspaceApi, importState, notebook, parameters, history);
  workspace.name = 'Demo shop';
  notebook.cells = demoNotebook('en');
  const api = {
    persistTables: vi.fn(async () => {}),
    restoreTables: vi.fn(async () => [{ name: 'orders', kind: 'imported' as const }]),
  } satisfies AutosaveApi;
  const release = vi.fn();
  const autosave = new AutosaveState(api, workspace, notebook, parameters, importState, {
    openStore: async () => store,
    claim: async () => ({ owner: options.owner ?? true, release }),
    wait: options.wait ?? ((_id, signal) => new Promise((_resolve, reject) => signal.addEventListener('abort', () => reject(new Error('aborted'))))),
    delayMs: 10,
  });
  return { store, autosave, workspace, notebook, api, release };
}

/** Lets effects run and the scheduled write happen. */
async function settle(autosave: AutosaveState): Promise<void> {
  flushSync();
  await new Promise((resolve) => setTimeout(resolve, 30));
  await autosave.flush();
}

describe('AutosaveState', () => {
  it('keeps a new workspace, its imported tables (not the customer tables it builds) and every later change', async () => {
    const { store, autosave, workspace, notebook, api } = await setup();
    expect(await autosave.start()).toBe(false);
    await autosave.adoptCurrent();
    expect(autosave.status).toBe('on');
    expect(workspace.id).not.toBe('');
    expect(await store.lastOpened()).toBe(workspace.id);
    expect(api.persistTables).toHaveBeenCalledWith(workspace.id, [{ name: 'orders', kind: 'imported' }]);

    notebook.addCell('note', null, 'a change worth keeping');
    workspace.rename('Spring review');
    await settle(autosave);
    const record = await store.loadDefinition(workspace.id);
    expect(record?.name).toBe('Spring review');
    const read = readWorkspaceDefinition(record!.definitionJson);
    if ('problems' in read) throw new Error(JSON.stringify(read.problems));
    expect(read.definition.cells.at(-1)).toMatchObject({ kind: 'note', markdown: 'a change worth keeping' });
  });

  it('restores the last workspace on the next start, with its tables, and says so', async () => {
    const first = await setup();
    await first.autosave.start();
    await first.autosave.adoptCurrent();
    first.workspace.rename('Kept');
    first.notebook.addCell('note', null, 'still here');
    await settle(first.autosave);

    const second = await setup({ store: first.store });
    second.workspace.name = 'Something else';
    second.notebook.cells = [];
    expect(await second.autosave.start()).toBe(true);
    expect(second.api.restoreTables).toHaveBeenCalledWith(first.workspace.id);
    expect(second.workspace.id).toBe(first.workspace.id);
    expect(second.workspace.name).toBe('Kept');
    expect(second.notebook.cells.at(-1)).toMatchObject({ markdown: 'still here' });
    expect(second.autosave.restoredName).toBe('Kept');
    expect(second.autosave.status).toBe('on');
  });

  it('a second tab on the same workspace is read-only and writes nothing until it takes a copy', async () => {
    const first = await setup();
    await first.autosave.start();
    await first.autosave.adoptCurrent();
    await settle(first.autosave);
    const written = await first.store.loadDefinition(first.workspace.id);

    const second = await setup({ store: first.store, owner: false });
    expect(await second.autosave.start()).toBe(true);
    expect(second.autosave.status).toBe('read-only');
    second.notebook.addCell('note', null, 'not kept');
    await settle(second.autosave);
    expect(await first.store.loadDefinition(first.workspace.id)).toEqual(written);
    expect(second.api.persistTables).not.toHaveBeenCalled();
  });

  it('a read-only tab takes the workspace over, as the other tab kept it, once that tab lets go', async () => {
    const first = await setup();
    await first.autosave.start();
    await first.autosave.adoptCurrent();
    await settle(first.autosave);

    let free: (held: { release(): void }) => void = () => {};
    const second = await setup({ store: first.store, owner: false, wait: () => new Promise((resolve) => (free = resolve)) });
    expect(await second.autosave.start()).toBe(true);
    expect(second.autosave.status).toBe('read-only');
    second.notebook.addCell('note', null, 'read-only edit, not kept');

    // Meanwhile the first tab changes the workspace, then closes.
    first.workspace.rename('Changed in the first tab');
    await settle(first.autosave);
    const held = { release: vi.fn() };
    free(held);
    await vi.waitFor(() => expect(second.autosave.tookOver).toBe(true));
    expect(second.autosave.status).toBe('on');
    expect(second.workspace.name).toBe('Changed in the first tab');
    expect(second.notebook.cells.some((c) => c.kind === 'note' && c.markdown === 'read-only edit, not kept')).toBe(false);
    second.notebook.addCell('note', null, 'kept now');
    await settle(second.autosave);
    const read = readWorkspaceDefinition((await first.store.loadDefinition(first.workspace.id))!.definitionJson);
    expect('definition' in read && read.definition.cells.at(-1)).toMatchObject({ markdown: 'kept now' });
    expect(held.release).not.toHaveBeenCalled();
  });

  it('removes another kept workspace with its tables, never the open one', async () => {
    const first = await setup();
    await first.autosave.start();
    await first.autosave.adoptCurrent();
    const oldId = first.workspace.id;
    await first.autosave.adoptCurrent();
    await first.autosave.refreshRecent();
    expect(first.autosave.recent.map((r) => r.id)).toContain(oldId);
    await first.autosave.remove(oldId);
    expect(first.autosave.recent.map((r) => r.id)).not.toContain(oldId);
    await first.autosave.remove(first.workspace.id);
    expect(await first.store.loadDefinition(first.workspace.id)).not.toBeNull();
  });

  it('a full disk stops autosave with its own status, keeping the work in memory', async () => {
    const { store, autosave, notebook } = await setup();
    await autosave.start();
    await autosave.adoptCurrent();
    vi.spyOn(store, 'saveDefinition').mockRejectedValue(new StorageFullError());
    notebook.addCell('note', null, 'too much');
    await settle(autosave);
    expect([autosave.status, autosave.message]).toEqual(['full', expect.any(String)]);
    expect(notebook.cells.at(-1)).toMatchObject({ markdown: 'too much' });
  });

  it('a damaged autosaved definition is not restored, and is reported', async () => {
    const { store, autosave } = await setup();
    await store.saveDefinition({ id: 'broken', name: 'Broken', definitionJson: '{"format":"tagbook-workspace","version":99}' });
    await store.setLastOpened('broken');
    expect(await autosave.start()).toBe(false);
    expect(autosave.restoreProblems?.[0].message).toMatch(/newer Tagbook/);
  });
});
