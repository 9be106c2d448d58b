import { describe, expect, it, vi } from 'vitest';
import type { Cell, ChartData, ChartDefinition, TagDefinition } from '../../../src/engine/index.ts';
import type { TagSummary, ThresholdMove } from '../../../src/worker/api.ts';
import { NotebookState, type NotebookApi } from '../../../src/ui/state/notebook-state.svelte.ts';

function tagSummary(name: string): TagSummary {
  const row = { label: 'a', count: 2, customerShare: 1, revenue: 10, revenueShare: 1, averageOrderValue: 5 };
  return { name, kind: 'cut', segments: [row], nullCount: 0, totalCount: 2, cutPoints: [] };
}

const LIFECYCLE: TagDefinition = {
  kind: 'cut',
  name: 'lifecycle',
  metric: 'recency_days',
  thresholds: [45, 90, 180],
  segments: [{ label: 'active' }, { label: 'cooling' }, { label: 'silent' }, { label: 'churned' }],
};

/**
 * A fake data worker whose chart answers wait until released (`answer()`), so a test controls
 * what is in flight; each answer's data names the request (`datasets.table[0].request`).
 */
function fakeApi() {
  const log: string[] = [];
  const waiting: { resolve: () => void; reject: (error: unknown) => void }[] = [];
  let requests = 0;
  let failNext: { code: string; message: string } | null = null;
  const api = {
    evaluateTags: vi.fn(async (tableName: string, definitions: TagDefinition[]) => {
      log.push(`tags ${tableName}`);
      return { summaries: definitions.map((d) => tagSummary(d.name)), tableRewritten: false };
    }),
    retagThresholds: vi.fn(async (tableName: string, moves: ThresholdMove[]) => {
      log.push(`retag ${moves.map((m) => `${m.tag}: ${m.thresholds.join(' ')}`).join('; ')}`);
      return moves.map((m) => tagSummary(m.tag));
    }),
    chartData: vi.fn((tableName: string, definition: ChartDefinition): Promise<ChartData> => {
      const request = ++requests;
      log.push(`chart ${tableName} ${definition.view} ${definition.tag} #${request}`);
      const fail = failNext;
      failNext = null;
      return new Promise((resolve, reject) => {
        waiting.push({
          resolve: () => (fail ? reject(fail) : resolve({ view: definition.view, segments: [], datasets: { table: [{ request }] }, notes: {} })),
          reject,
        });
      });
    }),
  } as unknown as NotebookApi;
  return {
    api,
    log,
    /** Answers the oldest request in flight, then lets the state take the answer. */
    answer: async () => {
      waiting.shift()?.resolve();
      await new Promise((r) => setTimeout(r, 0));
    },
    inFlight: () => waiting.length,
    failNextWith: (error: { code: string; message: string }) => (failNext = error),
  };
}

function notebookWithChart(api: NotebookApi, chart: ChartDefinition = { view: 'distribution', tag: 'lifecycle' }): NotebookState {
  const notebook = new NotebookState(api);
  const cells: Cell[] = [
    { id: 'cell-1', kind: 'tag', collapsed: false, tableName: 'customer_table', definition: LIFECYCLE },
    { id: 'cell-2', kind: 'chart', collapsed: false, tableName: 'customer_table', chart },
    { id: 'cell-3', kind: 'chart', collapsed: false, tableName: 'other_table', chart: { view: 'segments', tag: 'x' } },
  ];
  notebook.cells = cells;
  return notebook;
}

const requestOf = (notebook: NotebookState, id: string) => notebook.chartRun(id).data?.datasets.table[0].request;

describe('NotebookState charts', () => {
  it('adds a chart of the first tag over the first customer table', () => {
    const { api } = fakeApi();
    const notebook = new NotebookState(api);
    notebook.cells = [
      { id: 'cell-1', kind: 'customers', collapsed: false, resultName: 'customer_table', sources: { orders: 'orders' }, definition: { roles: { customer: 'c', time: 't' } }, customMetrics: [] },
      { id: 'cell-2', kind: 'tag', collapsed: false, tableName: 'customer_table', definition: LIFECYCLE },
    ];
    const id = notebook.addCell('chart');
    expect(notebook.cells.at(-1)).toEqual({ id, kind: 'chart', collapsed: false, tableName: 'customer_table', chart: { view: 'segments', tag: 'lifecycle' } });
  });

  it("refreshes a table's charts after its tags are evaluated and after a threshold moves on the fast path", async () => {
    const fake = fakeApi();
    const notebook = notebookWithChart(fake.api);
    const evaluated = notebook.evaluateTags('customer_table');
    await evaluated;
    expect(fake.log).toEqual(['tags customer_table', 'chart customer_table distribution lifecycle #1']);
    await fake.answer();
    expect(notebook.chartRun('cell-2')).toMatchObject({ status: 'done', error: null });
    expect(requestOf(notebook, 'cell-2')).toBe(1);
    const version = notebook.chartRun('cell-2').version;

    // The chart's handle moves the tag cell's threshold: the fast path, then the chart's data again.
    expect(await notebook.moveChartThreshold('cell-2', 1, 120)).toBe(true);
    expect(fake.log.slice(2)).toEqual(['retag lifecycle: 45 120 180', 'chart customer_table distribution lifecycle #2']);
    expect((notebook.cells[0] as { definition: { thresholds: number[] } }).definition.thresholds).toEqual([45, 120, 180]);
    await fake.answer();
    expect(requestOf(notebook, 'cell-2')).toBe(2);
    expect(notebook.chartRun('cell-2').version).toBeGreaterThan(version);
    // The other table's chart was never asked for.
    expect(fake.log.some((l) => l.includes('other_table'))).toBe(false);
    notebook.settleChartThresholds('cell-2');
  });

  it('asks for the charts right after the re-cut request, before its answer comes back (the worker computes them after the re-cut)', async () => {
    const fake = fakeApi();
    const notebook = notebookWithChart(fake.api);
    await notebook.evaluateTags('customer_table');
    await fake.answer();
    let release: () => void = () => {};
    fake.api.retagThresholds = vi.fn((_table: string, moves: ThresholdMove[]) => {
      fake.log.push('retag');
      return new Promise<TagSummary[]>((resolve) => (release = () => resolve(moves.map((m) => tagSummary(m.tag)))));
    });
    const moved = notebook.moveChartThreshold('cell-2', 1, 120);
    await Promise.resolve();
    expect(fake.log.slice(-2)).toEqual(['retag', 'chart customer_table distribution lifecycle #2']);
    release();
    expect(await moved).toBe(true);
    notebook.settleChartThresholds('cell-2');
  });

  it('refuses an out-of-order move from a chart handle, leaving the thresholds as they were', async () => {
    const fake = fakeApi();
    const notebook = notebookWithChart(fake.api);
    await notebook.evaluateTags('customer_table');
    await fake.answer();
    expect(await notebook.moveChartThreshold('cell-2', 1, 20)).toBe(false);
    expect((notebook.cells[0] as { definition: { thresholds: number[] } }).definition.thresholds).toEqual([45, 90, 180]);
    expect(notebook.tagRun('cell-1').problem).toMatchObject({ key: 'tag.outOfOrder' });
    // A chart whose tag has no cell moves nothing.
    expect(await notebook.moveChartThreshold('cell-3', 0, 1)).toBe(false);
  });

  it('keeps one request per chart in flight: many refreshes meanwhile make one more, with the newest state', async () => {
    const fake = fakeApi();
    const notebook = notebookWithChart(fake.api);
    void notebook.refreshChart('cell-2');
    for (let i = 0; i < 5; i++) void notebook.refreshChart('cell-2');
    expect(fake.inFlight()).toBe(1);
    await fake.answer();
    // The first answer is shown (the definition is the same), and exactly one more request went out.
    expect(requestOf(notebook, 'cell-2')).toBe(1);
    expect(fake.inFlight()).toBe(1);
    await fake.answer();
    expect(requestOf(notebook, 'cell-2')).toBe(2);
    expect(fake.inFlight()).toBe(0);
    expect(fake.log.filter((l) => l.startsWith('chart'))).toHaveLength(2);
  });

  it("drops an answer for a definition that changed meanwhile, and asks again for the new one", async () => {
    const fake = fakeApi();
    const notebook = notebookWithChart(fake.api);
    void notebook.refreshChart('cell-2');
    const updated = notebook.updateChart('cell-2', { view: 'segments', bins: undefined });
    await fake.answer();
    expect(notebook.chartRun('cell-2').data).toBeNull();
    expect(fake.log.at(-1)).toBe('chart customer_table segments lifecycle #2');
    await fake.answer();
    await updated;
    expect(notebook.chartRun('cell-2').data?.view).toBe('segments');
    expect((notebook.cells[1] as { chart: ChartDefinition }).chart).toEqual({ view: 'segments', tag: 'lifecycle' });
  });

  it("shows the worker's error in the cell, keeping the last data; deleting the cell forgets its run", async () => {
    const fake = fakeApi();
    const notebook = notebookWithChart(fake.api);
    void notebook.refreshChart('cell-2');
    await fake.answer();
    fake.failNextWith({ code: 'no-such-metric', message: 'There is no column “x”.' });
    void notebook.updateChart('cell-2', { metric: 'x' });
    await fake.answer();
    expect(notebook.chartRun('cell-2')).toMatchObject({ status: 'error', error: { code: 'no-such-metric', message: 'There is no column “x”.' } });
    expect(requestOf(notebook, 'cell-2')).toBe(1);
    await notebook.deleteCell('cell-2');
    expect(notebook.chartRuns.get('cell-2')).toBeUndefined();
    expect(notebook.chartRun('cell-2').status).toBe('idle');
  });
});
