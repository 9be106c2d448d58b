
import { describe, expect, it, vi } from 'vitest';
import { WorkspaceHistory } from '../../../src/ui/state/history.svelte.ts';
import { NotebookState, type NotebookApi } from '../../../src/ui/state/notebook-state.svelte.ts';
import { ParametersState } from '../../../src/ui/state/parameters-state.svelte.ts';

function setup() {
  const api = {
    runCell: vi.fn(),
    getResultRows: vi.fn(),
    renameResult: vi.fn(),
    dropResult: vi.fn(async () => {}),
    restartSql: vi.fn(),
    getRows: vi.fn(),
    buildCustomerTable: vi.fn(async () => {
      throw { code: 'no-orders', message: 'no' };
    }),
    columnValues: vi.fn(),
    dropTable: vi.fn(async () => {}),
    shareResult: vi.fn(),
    evaluateTags: vi.fn(async (_table: string, definitions: { name: string; kind: string }[]) => ({
      summaries: definitions.map((d) => ({ name: d.name, kind: d.kind, segments: [], nullCount: 0, totalCount: 0, cutPoints: [] })),
      tableRewritten: true,
    })),
    retagThresholds: vi.fn(async (_table: string, moves: { tag: string }[]) => moves.map(({ tag: name }) => ({ name, kind: 'cut' as const, segments: [], nullCount: 0, totalCount: 0, cutPoints: [] }))),
    explainTagCustomer: vi.fn(),
  } as unknown as NotebookApi;
  const notebook = new NotebookState(api);
  const parameters = new ParametersState();
  const history = new WorkspaceHistory(notebook, parameters);
  const stop = history.track();

  return { notebook, parameters, history, stop, api };
}

describe('WorkspaceHistory', () => {
  it('undoes and redoes cell edits, additions and deletions, and parameter changes', async () => {
    const { notebook, parameters, history, stop } = setup();
    const note = notebook.addCell('note', null, 'first');

    notebook.setNote(note, 'first, edited');

    await notebook.deleteCell(note);

    parameters.add({ name: 'active_days', type: 'number', value: 30, slider: { min: 0, max: 365, step: 1 } });


    history.undo();

    expect(parameters.parameters.map((p) => p.name)).toEqual(['as_of']);
    history.undo();

    expect(notebook.cells).toMatchObject([{ id: note, markdown: 'first, edited' }]);
    history.undo();

    expect(notebook.cells).toMatchObject([{ id: note, markdown: 'first' }]);
    history.redo();

    expect(notebook.cells).toMatchObject([{ markdown: 'first, edited' }]);
    expect(history.canRedo).toBe(true);
    // A new edit after an undo forgets the undone steps.
    notebook.toggleCollapsed(note);

    expect(history.canRedo).toBe(false);
    stop();
  });

  it('reset makes the current workspace the start, and a parameter change rebuilds the customer tables', async () => {
    const { notebook, parameters, history, stop, api } = setup();
    notebook.addCell('customers');

    history.reset();
    expect(history.canUndo).toBe(false);
    parameters.add({ name: 'x', type: 'number', value: 1 });

    history.undo();

    expect(api.buildCustomerTable).toHaveBeenCalledOnce();
    stop();
  });

  it('undoes a threshold move and evaluates the tags again', async () => {
    const { notebook, history, api } = setup();
    const id = notebook.addCell('tag', null, '', 'customer_table');
    await notebook.evaluateTags('customer_table');
    history.reset();
    expect(await notebook.moveThreshold(id, 0, 50)).toBe(true);
    expect(notebook.cells[0]).toMatchObject({ definition: { thresholds: [50] } });
    history.undo();
    expect(notebook.cells[0]).toMatchObject({ definition: { thresholds: [10] } });
    expect(api.evaluateTags).toHaveBeenCalledTimes(2);
  });
});
