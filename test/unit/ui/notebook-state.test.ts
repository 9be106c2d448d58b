import { describe, expect, it, vi } from 'vitest';
import type { CellResult } from '../../../src/worker/api.ts';
import { NotebookState, type NotebookApi } from '../../../src/ui/state/notebook-state.svelte.ts';
import { TagbookError } from '../../../src/worker/client.ts';

function result(name: string, rowCount = 1): CellResult {
  return { name, columns: [{ name: 'n', type: 'integer' }], rowCount, elapsedMs: 2, materialized: true };
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
});
