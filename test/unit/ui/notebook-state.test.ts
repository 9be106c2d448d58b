import { describe, expect, it, vi } from 'vitest';
import { buildThresholdIndex, type FormulaParameter, type TagDefinition, type TagKind } from '../../../src/engine/index.ts';
import type { CellResult, TagSummary, ThresholdMove } from '../../../src/worker/api.ts';
import { NotebookState, type NotebookApi } from '../../../src/ui/state/notebook-state.svelte.ts';
import { TagbookError } from '../../../src/worker/client.ts';

function result(name: string, rowCount = 1): CellResult {
  return { name, columns: [{ name: 'n', type: 'integer' }], rowCount, elapsedMs: 2, materialized: true };
}

function tagSummary(name: string, kind: TagKind): TagSummary {
  const row = { label: 'a', count: 2, customerShare: 1, revenue: 10, revenueShare: 1, averageOrderValue: 5 };
  return { name, kind, segments: [row], nullCount: 0, totalCount: 2, cutPoints: [] };
}

/** A fake SQL worker: a query "FAIL" fails, "SLOW" waits until the worker restarts; every call is logged. */
function fakeApi() {
  const log: string[] = [];
  let restart: () => void = () => {};
  const api: NotebookApi = {
    runCell: vi.fn(async (name: string, sql: string) => {
      log.push(`run ${name}: ${sql}`);
      if (sql === 'FAIL') throw { code: 'sql-error', message: 'near "FAIL": syntax error' };
      if (sql === 'SLOW') {
        await new Promise<void>((_, reject) => (restart = () => reject(new TagbookError('sql-restarted', 'stopped'))));
      }
      return result(name);
    }),
    getResultRows: vi.fn(async (_name, start) => ({ start, rows: [], totalRows: 0 })),
    renameResult: vi.fn(async (from: string, to: string) => void log.push(`rename ${from} ${to}`)),
    dropResult: vi.fn(async (name: string) => void log.push(`drop ${name}`)),
    restartSql: vi.fn(async (onProgress) => {
      log.push('restart');
      restart();
      onProgress({ rowsWritten: 50, rowCount: 100 });
    }),
    getRows: vi.fn(async (_table, start) => ({ start, rows: [], totalRows: 0 })),
    buildCustomerTable: vi.fn(async (request) => {
      log.push(`build ${request.name} from ${request.sources.orders}`);
      if (request.definition.roles.customer === '') throw { code: 'missing-role', message: 'Map the customer id role.' };
      return {
        table: { name: request.name, rowCount: 2, columns: [{ name: 'customer_id', type: 'text' as const }], sqliteRows: 0 },
        metrics: [],
        asOf: 19_000,
        inputRows: 3,
        usedRows: 3,
        refundRows: 0,
        prospects: 0,
        issues: [],
        custom: [],
      };
    }),
    columnValues: vi.fn(async () => []),
    dropTable: vi.fn(async (name: string) => void log.push(`drop table ${name}`)),
    shareResult: vi.fn(async (name: string) => void log.push(`share ${name}`)),
    evaluateTags: vi.fn(async (tableName: string, definitions: TagDefinition[]) => {
      log.push(`tags ${tableName}: ${definitions.map((d) => d.name).join(', ')}`);
      return { summaries: definitions.map((d) => tagSummary(d.name, d.kind)), tableRewritten: true };
    }),
    // Each move is logged; a tag named `uses_<moved>` stands for a dependent the worker evaluated again.
    retagThresholds: vi.fn(async (tableName: string, moves: ThresholdMove[]) => {
      const moved = moves.map(({ tag, thresholds }) => {
        log.push(`retag ${tableName}.${tag}: ${thresholds.join(' ')}`);
        return { ...tagSummary(tag, 'cut'), cutPoints: [{ of: 'metric', values: thresholds, inclusive: 'upper' as const }] };
      });
      return [...moved, ...moves.map(({ tag }) => tagSummary(`uses_${tag}`, 'rules'))];
    }),
    segmentProfile: vi.fn(async () => []),
    segmentMembers: vi.fn(async (tableName: string, tagName: string, segment: number, limit: number) => {
      log.push(`members ${tableName}.${tagName}[${segment}] ≤ ${limit}`);
      return { customers: [{ id: 'C0001', revenue: 10 }], count: 1 };
    }),
    chartData: vi.fn(async () => ({ view: 'segments' as const, segments: [], datasets: {}, notes: {} })),
    resultChartData: vi.fn(async (name: string) => {
      log.push(`series ${name}`);
      return { view: 'series' as const, segments: [], datasets: {}, notes: {} };
    }),
    explainTagCustomer: vi.fn(async (_table: string, tagName: string, customerId: string) => ({
      tag: tagName,
      row: 0,
      segment: null,
      values: {},
      cutPoints: [],
      summary: `explained ${customerId}`,
    })),
  };
  return { api, log };
}

describe('NotebookState', () => {
  it('names new SQL cells q1, q2, … around the imported tables', () => {
    const notebook = new NotebookState(fakeApi().api);
    notebook.tableNames = () => ['q1'];
    notebook.addCell('sql');
    notebook.addCell('note');
    notebook.addCell('sql');
    expect(notebook.resultNames()).toEqual(['q2', 'q3']);
    expect(notebook.cells.map((c) => c.kind)).toEqual(['sql', 'note', 'sql']);
  });

  it('runs SQL cells with the parameters bound, and again shortly after a parameter they name changes', async () => {
    vi.useFakeTimers();
    try {
      const { api, log } = fakeApi();
      const notebook = new NotebookState(api);
      let days = 90;
      notebook.sqlParameters = () => [
        { name: 'as_of', type: 'date', value: null },
        { name: 'period_days', type: 'number', value: days },
      ];
      const uses = notebook.addCell('sql', null, 'SELECT :Period_Days');
      const other = notebook.addCell('sql', null, "SELECT ':period_days' -- :period_days");
      const never = notebook.addCell('sql', null, 'SELECT :period_days');
      await notebook.runCell(uses);
      await notebook.runCell(other);
      expect(api.runCell).toHaveBeenLastCalledWith('q2', "SELECT ':period_days' -- :period_days", [
        { name: 'as_of', type: 'date', value: null },
        { name: 'period_days', type: 'number', value: 90 },
      ]);
      log.length = 0;
      days = 120;
      notebook.parametersChanged(['period_days'], () => false);
      notebook.parametersChanged(['period_days'], () => false);
      await vi.advanceTimersByTimeAsync(200);
      expect(log).toEqual([]);
      await vi.advanceTimersByTimeAsync(200);
      // Only the cell that has run and names it, once; a cell never run waits for its own Run.
      expect(log).toEqual(['run q1: SELECT :Period_Days']);
      expect(api.runCell).toHaveBeenLastCalledWith('q1', 'SELECT :Period_Days', expect.arrayContaining([{ name: 'period_days', type: 'number', value: 120 }]));
      expect(notebook.run(never).status).toBe('idle');
      expect(notebook.sqlCellsUsing('PERIOD_DAYS').map((c) => c.id)).toEqual([uses, never]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('runs a cell and keeps the previous result when a later run fails', async () => {
    const { api } = fakeApi();
    const notebook = new NotebookState(api);
    const id = notebook.addCell('sql', null, 'SELECT 1');
    await notebook.runCell(id);
    const first = notebook.run(id);
    expect(first.status).toBe('done');
    notebook.setSql(id, 'FAIL');
    await notebook.runCell(id);
    expect(notebook.run(id).status).toBe('error');
    expect(notebook.run(id).error).toMatchObject({ code: 'sql-error', message: expect.stringContaining('syntax error') });
    expect(notebook.run(id).result).toEqual(first.result);
    notebook.setSql(id, 'SELECT 2');
    await notebook.runCell(id);
    expect(notebook.run(id)).toMatchObject({ status: 'done', error: null });
    expect(notebook.run(id).version).toBeGreaterThan(first.version);
  });

  it('refuses a result name that is taken or not a plain name, and renames the table otherwise', async () => {
    const { api, log } = fakeApi();
    const notebook = new NotebookState(api);
    notebook.tableNames = () => ['orders'];
    const a = notebook.addCell('sql', null, 'SELECT 1');
    notebook.addCell('sql', null, 'SELECT 2');
    await notebook.runCell(a);
    expect(await notebook.renameResult(a, 'orders')).toBe('taken');
    expect(await notebook.renameResult(a, 'q2')).toBe('taken');
    expect(await notebook.renameResult(a, 'top customers')).toBe('invalid');
    expect(await notebook.renameResult(a, 'top_customers')).toBeNull();
    expect(log).toContain('rename q1 top_customers');
    expect(notebook.run(a).result?.name).toBe('top_customers');
    expect(notebook.resultNames()).toEqual(['top_customers', 'q2']);
  });

  it('cancelling restarts SQLite, marks the query stopped, and makes the earlier results again in order', async () => {
    const { api, log } = fakeApi();
    const notebook = new NotebookState(api);
    const a = notebook.addCell('sql', null, 'SELECT 1');
    const b = notebook.addCell('sql', null, 'SLOW');
    const c = notebook.addCell('sql', null, 'SELECT 3');
    await notebook.runCell(a);
    const slow = notebook.runCell(b);
    expect(notebook.run(b).status).toBe('running');
    const progress: (number | undefined)[] = [];
    const cancelling = notebook.cancelRuns();
    progress.push(notebook.rebuild?.rowsWritten);
    await cancelling;
    await slow;
    expect(progress).toEqual([50]);
    expect(notebook.rebuild).toBeNull();
    expect(notebook.run(b).status).toBe('cancelled');
    expect(notebook.run(a).status).toBe('done');
    expect(notebook.run(c).status).toBe('idle');
    expect(log).toEqual(['run q1: SELECT 1', 'run q2: SLOW', 'restart', 'run q1: SELECT 1']);
  });

  it('deleting a SQL cell drops its result; moving and collapsing change only the order and the flag', async () => {
    const { api, log } = fakeApi();
    const notebook = new NotebookState(api);
    const a = notebook.addCell('note', null, '# Hi');
    const b = notebook.addCell('sql', null, 'SELECT 1');
    notebook.moveCell(b, -1);
    expect(notebook.cells.map((c) => c.id)).toEqual([b, a]);
    notebook.toggleCollapsed(a);
    expect(notebook.cells[1].collapsed).toBe(true);
    await notebook.deleteCell(b);
    expect(notebook.cells.map((c) => c.id)).toEqual([a]);
    expect(log).toEqual(['drop q1']);
  });

  it('showTable adds a source cell once and focuses it', () => {
    const notebook = new NotebookState(fakeApi().api);
    const id = notebook.showTable('orders');
    expect(notebook.showTable('orders')).toBe(id);
    expect(notebook.cells).toHaveLength(1);
    expect(notebook.focusCellId).toBe(id);
  });

  it('a customer table cell starts from guessed roles, builds, reports the auto as_of, and drops its table when deleted', async () => {
    const { api, log } = fakeApi();
    const notebook = new NotebookState(api);
    notebook.tableNames = () => ['customers', 'orders', 'order_items'];
    notebook.tableColumns = (name) =>
      name === 'orders'
        ? [
            { name: 'order_id', type: 'text' },
            { name: 'customer_id', type: 'text' },
            { name: 'order_time', type: 'datetime' },
            { name: 'paid_amount', type: 'decimal' },
          ]
        : [];
    const built: number[] = [];
    notebook.onCustomerTableBuilt = (summary, auto) => void (auto && built.push(summary.asOf));
    const id = notebook.addCell('customers');
    const cell = notebook.cells[0];
    expect(cell).toMatchObject({
      kind: 'customers',
      resultName: 'customer_table',
      sources: { orders: 'orders', customers: 'customers' },
      definition: { roles: { customer: 'customer_id', time: 'order_time', amount: 'paid_amount', order: 'order_id' } },
    });
    expect(notebook.resultNames()).toEqual(['customer_table']);
    await notebook.buildCustomers(id);
    expect(notebook.customersRun(id)).toMatchObject({ status: 'done', error: null });
    expect(built).toEqual([19_000]);

    // A failed rebuild keeps the last table and says why.
    notebook.updateCustomers(id, { definition: { roles: { customer: '', time: 'order_time' } } });
    await notebook.buildCustomers(id);
    expect(notebook.customersRun(id)).toMatchObject({ status: 'error', error: { code: 'missing-role' } });
    expect(notebook.customersRun(id).summary?.table.name).toBe('customer_table');

    await notebook.deleteCell(id);
    expect(log.at(-1)).toBe('drop table customer_table');
  });

  it('a SQL result as the orders source is handed to the data worker before each build', async () => {
    const { api, log } = fakeApi();
    const notebook = new NotebookState(api);
    notebook.tableNames = () => ['orders'];
    const sql = notebook.addCell('sql', null, 'SELECT * FROM orders WHERE status = 1');
    await notebook.runCell(sql);
    const id = notebook.addCell('customers', null, '', 'q1');
    expect(notebook.cells[1]).toMatchObject({ sources: { orders: 'q1' } });
    await notebook.buildCustomers(id);
    expect(log.slice(-2)).toEqual(['share q1', 'build customer_table from q1']);
  });

  describe('tag cells', () => {
    function withLifecycle() {
      const { api, log } = fakeApi();
      const notebook = new NotebookState(api);
      const id = notebook.addCell('tag', null, '', 'customer_table');
      const definition: TagDefinition = {
        kind: 'cut',
        name: 'lifecycle',
        metric: 'recency_days',
        thresholds: [45, 90, 180],
        segments: [{ label: 'active' }, { label: 'cooling' }, { label: 'silent' }, { label: 'churned' }],
      };
      return { api, log, notebook, id, definition };
    }

    it('names a new tag cell after the customer table and evaluates every tag of that table in one call', async () => {
      const { notebook, id, log, definition } = withLifecycle();
      const cell = notebook.cells.find((c) => c.id === id);
      expect(cell).toMatchObject({ kind: 'tag', tableName: 'customer_table', definition: { kind: 'cut', name: 'tag_1' } });
      const second = notebook.addCell('tag', null, '', 'customer_table');
      expect(notebook.cells.find((c) => c.id === second)).toMatchObject({ definition: { name: 'tag_2' } });
      await notebook.updateTag(id, { definition });
      expect(log.at(-1)).toBe('tags customer_table: lifecycle, tag_2');
      expect(notebook.tagRun(id)).toMatchObject({ status: 'done', summary: { name: 'lifecycle' } });
      expect(notebook.tagRun(second)).toMatchObject({ status: 'done', summary: { name: 'tag_2' } });
    });

    it('puts a moved threshold into its cell with the worker\'s answer, so the threshold and its table change together; quick moves of two thresholds both land', async () => {
      const { api, notebook, id, definition } = withLifecycle();
      await notebook.updateTag(id, { definition });
      const answers: (() => void)[] = [];
      const retag = api.retagThresholds;
      api.retagThresholds = vi.fn((...args: Parameters<NotebookApi['retagThresholds']>) => new Promise<TagSummary[]>((resolve) => answers.push(() => void retag(...args).then(resolve))));
      const thresholdsOf = () => (notebook.cells.find((c) => c.id === id) as { definition: { thresholds: unknown[] } }).definition.thresholds;
      const first = notebook.moveThreshold(id, 1, 120);
      const second = notebook.moveThreshold(id, 0, 30);
      // Nothing shows before an answer: the cell still has the old thresholds.
      expect(thresholdsOf()).toEqual([45, 90, 180]);
      expect(api.retagThresholds).toHaveBeenLastCalledWith('customer_table', [{ tag: 'lifecycle', thresholds: [30, 120, 180] }], []);
      // The first answer is older than the second request: dropped, the cell waits for the newest.
      answers[0]();
      await first;
      expect(thresholdsOf()).toEqual([45, 90, 180]);
      answers[1]();
      await second;
      expect(thresholdsOf()).toEqual([30, 120, 180]);
      expect(notebook.tagRun(id).summary?.cutPoints[0].values).toEqual([30, 120, 180]);
    });

    it('shows a threshold step\'s segment table at once from the tag\'s threshold index, before the worker answers, and stops when the metric changes', async () => {
      const { api, notebook, id, definition } = withLifecycle();
      // The evaluation's table has the tag's four segments.
      const row = { label: 's', count: 0, customerShare: 0, revenue: 0, revenueShare: 0, averageOrderValue: 0 };
      api.evaluateTags = vi.fn(async (_table: string, definitions: TagDefinition[]) => ({
        summaries: definitions.map((d) => ({ ...tagSummary(d.name, d.kind), segments: [row, row, row, row], cutPoints: [{ of: 'metric', values: [45, 90, 180], inclusive: 'upper' as const }] })),
        tableRewritten: false,
      }));
      await notebook.updateTag(id, { definition });
      const metric = Float64Array.from([10, 50, 100, 150, 200, Number.NaN]);
      const revenue = Float64Array.from([1, 2, 3, 4, 5, 6]);
      const orders = Float64Array.from([1, 1, 1, 1, 1, 1]);
      api.thresholdIndex = vi.fn(async () => buildThresholdIndex(metric, revenue, orders, 'upper'));
      notebook.prepareThresholdSteps(id);
      await vi.waitFor(() => expect(api.thresholdIndex).toHaveBeenCalledTimes(1));
      await new Promise((resolve) => setTimeout(resolve, 0));
      const answers: (() => void)[] = [];
      const retag = api.retagThresholds;
      api.retagThresholds = vi.fn((...args: Parameters<NotebookApi['retagThresholds']>) => new Promise<TagSummary[]>((resolve) => answers.push(() => void retag(...args).then(resolve))));
      const moved = notebook.moveThreshold(id, 1, 120);
      // Before any answer: the threshold and the counts of ≤45 / ≤120 / ≤180 / more, by hand: 10 | 50, 100 | 150 | 200.
      expect((notebook.cells.find((c) => c.id === id) as { definition: { thresholds: unknown[] } }).definition.thresholds).toEqual([45, 120, 180]);
      expect(notebook.tagRun(id).summary?.segments.map((s) => s.count)).toEqual([1, 2, 1, 1]);
      expect(notebook.tagRun(id).summary?.segments.map((s) => s.revenue)).toEqual([1, 5, 4, 5]);
      expect(notebook.tagRun(id).summary?.nullCount).toBe(1);
      expect(notebook.tagRun(id).summary?.cutPoints[0].values).toEqual([45, 120, 180]);
      answers[0]();
      await moved;
      // The worker's answer replaces it (the fake's counts).
      expect(notebook.tagRun(id).summary?.segments.map((s) => s.count)).toEqual([2]);
      // Another metric: the index no longer applies, the step waits for the worker.
      await notebook.updateTag(id, { definition: { ...definition, metric: 'revenue', thresholds: [45, 120, 180] } as TagDefinition });
      const again = notebook.moveThreshold(id, 1, 130);
      expect(notebook.tagRun(id).summary?.cutPoints[0].values).not.toEqual([45, 130, 180]);
      answers[1]();
      await again;
      expect(api.thresholdIndex).toHaveBeenCalledTimes(2);
    });

    it('moves a threshold through the worker fast path once evaluated, and refuses out-of-order thresholds', async () => {
      const { notebook, id, log, definition } = withLifecycle();
      await notebook.updateTag(id, { definition });
      expect(await notebook.moveThreshold(id, 1, 120)).toBe(true);
      expect(log.at(-1)).toBe('retag customer_table.lifecycle: 45 120 180');
      expect(notebook.cells.find((c) => c.id === id)).toMatchObject({ definition: { thresholds: [45, 120, 180] } });
      expect(notebook.tagRun(id).summary?.cutPoints[0].values).toEqual([45, 120, 180]);

      const before = notebook.cells;
      expect(await notebook.moveThreshold(id, 1, 200)).toBe(false);
      expect(notebook.cells).toBe(before);
      expect(notebook.tagRun(id).problem).toEqual({ key: 'tag.outOfOrder', params: { index: 3 } });
      expect(log.at(-1)).toBe('retag customer_table.lifecycle: 45 120 180');
    });

    it('resolves thresholds bound to parameters, refuses an order they break, and re-cuts by the fast path', async () => {
      const { notebook, id, log, definition } = withLifecycle();
      notebook.formulaParameters = () => [{ name: 'silent_days', type: 'number', value: 200 }];
      await notebook.updateTag(id, { definition: { ...definition, thresholds: [45, 90, 'silent_days'] } as TagDefinition });
      expect(notebook.resolveThresholds(notebook.tagCells('customer_table')[0].definition)).toEqual([45, 90, 200]);
      expect(await notebook.moveThreshold(id, 1, 210)).toBe(false);
      expect(await notebook.moveThreshold(id, 0, 30)).toBe(true);
      expect(log.at(-1)).toBe('retag customer_table.lifecycle: 30 90 200');
    });

    it('adds the tags of a file as cells after the last tag cell in one step, evaluates them, and writes them back as a file', async () => {
      const { notebook, id, log, definition } = withLifecycle();
      notebook.addCell('note');
      const steps: number[] = [];
      notebook.onCellsChange = (cells) => steps.push(cells.length);
      const flag: TagDefinition = { kind: 'flag', name: 'big', when: 'revenue > 100', whenTrue: { label: 'yes' }, whenFalse: { label: 'no' } };
      await notebook.updateTag(id, { definition });
      await notebook.addTags([flag, { ...flag, name: 'bigger', when: 'revenue > 1000' }]);
      expect(steps).toEqual([2, 4]);
      expect(notebook.cells.map((c) => (c.kind === 'tag' ? c.definition.name : c.kind))).toEqual(['lifecycle', 'big', 'bigger', 'note']);
      expect(log.at(-1)).toBe('tags customer_table: lifecycle, big, bigger');
      expect(JSON.parse(notebook.tagsFileText())).toEqual([definition, flag, { ...flag, name: 'bigger', when: 'revenue > 1000' }]);
    });

    it('shows the segment tables of the tags the worker evaluated again because they use the moved tag', async () => {
      const { notebook, id, definition } = withLifecycle();
      const user = notebook.addCell('tag', null, '', 'customer_table');
      const uses: TagDefinition = { kind: 'flag', name: 'uses_lifecycle', when: "lifecycle = 'silent'", whenTrue: { label: 'yes' }, whenFalse: { label: 'no' } };
      await notebook.updateTag(id, { definition });
      await notebook.updateTag(user, { definition: uses });
      const before = notebook.tagRun(user).version;
      await notebook.moveThreshold(id, 1, 120);
      expect(notebook.tagRun(user).version).toBeGreaterThan(before);
      expect(notebook.tagRun(user).summary).toMatchObject({ name: 'uses_lifecycle', kind: 'rules' });
    });

    it('follows parameter changes: thresholds re-cut, formulas evaluate again, the analysis date rebuilds the customer table', async () => {
      vi.useFakeTimers();
      try {
        const { api, notebook, id, log, definition } = withLifecycle();
        let values: FormulaParameter[] = [
          { name: 'silent_days', type: 'number', value: 200 },
          { name: 'big', type: 'number', value: 500 },
        ];
        notebook.formulaParameters = () => values;
        const rules = notebook.addCell('tag', null, '', 'customer_table');
        await notebook.updateTag(id, { definition: { ...definition, thresholds: [45, 90, 'silent_days'] } as TagDefinition });
        await notebook.updateTag(rules, { definition: { kind: 'rules', name: 'value', rules: [{ when: 'revenue >= big', segment: { label: 'big' } }] } });
        const never = () => false;

        log.length = 0;
        values = [{ ...values[0], value: 250 }, values[1]];
        notebook.parametersChanged(['silent_days'], never);
        await vi.waitFor(() => expect(log).toEqual(['retag customer_table.lifecycle: 45 90 250']));
        // As after a slider's move, the full evaluation (tag columns written for SQL) follows.
        await vi.advanceTimersByTimeAsync(400);
        await vi.waitFor(() => expect(log).toEqual(['retag customer_table.lifecycle: 45 90 250', 'tags customer_table: lifecycle, value']));

        log.length = 0;
        notebook.parametersChanged(['big'], never);
        // Changes during an evaluation are gathered into one more evaluation.
        notebook.parametersChanged(['big'], never);
        notebook.parametersChanged(['big'], never);
        await vi.waitFor(() => expect(log).toEqual(['tags customer_table: lifecycle, value', 'tags customer_table: lifecycle, value']));

        log.length = 0;
        notebook.tableNames = () => ['orders'];
        const customers = notebook.addCell('customers');
        notebook.updateCustomers(customers, { definition: { roles: { customer: 'customer_id', time: 'order_time' } } });
        notebook.parametersChanged(['as_of'], (_cell, name) => name === 'as_of');
        notebook.parametersChanged(['as_of'], (_cell, name) => name === 'as_of');
        expect(api.buildCustomerTable).not.toHaveBeenCalled();
        await vi.advanceTimersByTimeAsync(300);
        await vi.waitFor(() => expect(log).toEqual(['build customer_table from orders', 'tags customer_table: lifecycle, value']));
      } finally {
        vi.useRealTimers();
      }
    });

    it('evaluates tag cells after the customer table is built, when running everything', async () => {
      const { api, log } = fakeApi();
      const notebook = new NotebookState(api);
      notebook.tableNames = () => ['orders'];
      notebook.addCell('tag', null, '', 'customer_table');
      const customers = notebook.addCell('customers');
      notebook.moveCell(customers, -1);
      const customersCell = notebook.cells[0];
      if (customersCell.kind === 'customers') notebook.updateCustomers(customers, { definition: { roles: { customer: 'customer_id', time: 'order_time' } } });
      await notebook.runAll();
      expect(log).toEqual(['build customer_table from orders', 'tags customer_table: tag_1']);
    });

    it('marks the SQL cells reading the table stale while a threshold moves, and re-runs them in order after the full evaluation', async () => {
      vi.useFakeTimers();
      try {
        const { api, notebook, id, log, definition } = withLifecycle();
        const reads = notebook.addCell('sql', null, 'SELECT lifecycle, count(*) FROM Customer_Table GROUP BY 1');
        const other = notebook.addCell('sql', null, 'SELECT * FROM customer_tables');
        const joins = notebook.addCell('sql', null, 'SELECT * FROM orders JOIN customer_table USING (customer_id)');
        const neverRun = notebook.addCell('sql', null, 'SELECT * FROM customer_table');
        for (const cell of [reads, other, joins]) await notebook.runCell(cell);
        expect(notebook.sqlReaders('customer_table').map((c) => c.id)).toEqual([reads, joins]);

        // A full evaluation that rewrote the table re-runs its readers, in notebook order.
        log.length = 0;
        await notebook.updateTag(id, { definition });
        expect(log).toEqual([
          'tags customer_table: lifecycle',
          'run q1: SELECT lifecycle, count(*) FROM Customer_Table GROUP BY 1',
          'run q3: SELECT * FROM orders JOIN customer_table USING (customer_id)',
        ]);

        // The fast path marks them stale; the full evaluation follows 400 ms after the last move.
        log.length = 0;
        await notebook.moveThreshold(id, 1, 100);
        await notebook.moveThreshold(id, 1, 120);
        expect([reads, other, joins, neverRun].map((c) => notebook.run(c).stale ?? false)).toEqual([true, false, true, false]);
        await vi.advanceTimersByTimeAsync(399);
        expect(log).toEqual(['retag customer_table.lifecycle: 45 100 180', 'retag customer_table.lifecycle: 45 120 180']);
        await vi.advanceTimersByTimeAsync(1);
        await vi.waitFor(() => expect(notebook.run(joins).stale).toBeUndefined());
        expect(log.slice(2)).toEqual([
          'tags customer_table: lifecycle',
          'run q1: SELECT lifecycle, count(*) FROM Customer_Table GROUP BY 1',
          'run q3: SELECT * FROM orders JOIN customer_table USING (customer_id)',
        ]);
        expect(notebook.run(reads)).toMatchObject({ status: 'done' });
        expect(notebook.run(reads).stale).toBeUndefined();

        // Releasing the slider evaluates sooner; a table that was not rewritten re-runs nothing.
        log.length = 0;
        await notebook.moveThreshold(id, 1, 130);
        notebook.settleThresholds(id);
        await vi.advanceTimersByTimeAsync(100);
        await vi.waitFor(() => expect(log).toContain('run q3: SELECT * FROM orders JOIN customer_table USING (customer_id)'));
        vi.mocked(api.evaluateTags).mockImplementationOnce(async () => ({ summaries: [], tableRewritten: false }));
        log.length = 0;
        await notebook.evaluateTags('customer_table');
        expect(log).toEqual([]);
        await vi.advanceTimersByTimeAsync(1000);
        expect(log).toEqual([]);
      } finally {
        vi.useRealTimers();
      }
    });

    it('keeps a grid filter per table: segments of a tag and an id search, each cleared on its own', () => {
      const { notebook } = withLifecycle();
      notebook.setGridFilter('customer_table', { tag: 'lifecycle', segments: [0, 2] });
      notebook.setGridFilter('customer_table', { idContains: 'C00' });
      notebook.setGridFilter('other', { idContains: 'x' });
      expect(notebook.gridFilters).toEqual({ customer_table: { tag: 'lifecycle', segments: [0, 2], idContains: 'C00' }, other: { idContains: 'x' } });
      notebook.setGridFilter('customer_table', { tag: 'lifecycle', segments: [] });
      expect(notebook.gridFilters.customer_table).toEqual({ idContains: 'C00' });
      notebook.setGridFilter('customer_table', { idContains: '' });
      expect(notebook.gridFilters).toEqual({ other: { idContains: 'x' } });
      notebook.setGridFilter('other', null);
      expect(notebook.gridFilters).toEqual({});
    });

    it("asks the worker why a customer is in a segment, lists a segment's customers, and remembers the picked customer", async () => {
      const { notebook, id, log } = withLifecycle();
      await expect(notebook.explainCustomer(id, 'C0001')).resolves.toMatchObject({ summary: 'explained C0001' });
      await expect(notebook.segmentMembers(id, 2)).resolves.toEqual({ customers: [{ id: 'C0001', revenue: 10 }], count: 1 });
      expect(log.at(-1)).toBe('members customer_table.tag_1[2] ≤ 20');
      notebook.pickCustomer('customer_table', 'C0001');
      notebook.pickCustomer('customer_table', 'C0001');
      expect(notebook.pickedCustomer).toEqual({ tableName: 'customer_table', customerId: 'C0001', version: 2 });
    });
  });
});
