// The data worker's runAnalysis: the result table is installed (and listed) under the cell's name,
// a migration's customers can be filtered by their cells and exported, and bad requests come back
// as WorkerErrors with the analysis' code, leaving the loaded tables alone.
import { describe, expect, it } from 'vitest';
import type { AnalysisRequest } from '../../../src/worker/api.ts';
import { DataApi } from '../../../src/worker/data-api.ts';

const customers: AnalysisRequest['customers'] = {
  sources: { orders: 'orders', items: 'order_items', customers: 'customers' },
  definition: {
    roles: { customer: 'customer_id', time: 'order_time', amount: 'paid_amount', order: 'order_id', status: 'status' },
    itemRoles: { order: 'order_id', product: 'product_id', category: 'category' },
    customerRoles: { customer: 'customer_id' },
    refunds: { kind: 'status', values: ['refunded', 'cancelled'] },
  },
  customMetrics: [],
  parameters: [],
};
const tags: AnalysisRequest['tags'] = [{ kind: 'cut', name: 'recency', metric: 'recency_days', thresholds: [90], segments: [{ label: 'near' }, { label: 'far' }] }];
const DAY = Date.parse('2024-10-01T00:00:00Z') / 86_400_000;

describe('DataApi.runAnalysis', () => {
  it('installs a migration\'s customers as a table whose rows filter by segment pair and export', async () => {
    const data = new DataApi();
    await data.loadDemo('Asia/Shanghai');
    const response = await data.runAnalysis({ resultName: 'moves', customers, tags, analysis: { kind: 'migration', tag: 'recency', from: DAY - 120, to: DAY } });
    expect(response.result.kind).toBe('migration');
    if (response.result.kind !== 'migration') return;
    expect(response.table).toMatchObject({ name: 'moves', rowCount: response.result.migration.customers });
    expect((await data.listTables()).map((t) => t.name)).toContain('moves');
    const cell = response.result.migration.cells.find((c) => c.from === 'near' && c.to === 'far')!;
    const where = [
      { column: 'segment_from', values: ['near'] },
      { column: 'segment_to', values: ['far'] },
    ];
    const page = await data.getRows('moves', 0, 100_000, null, { where });
    expect(page.totalRows).toBe(cell.customers);
    expect(page.rows.every((row) => row[1] === 'near' && row[2] === 'far' && row[3] === 1)).toBe(true);
    const exported = await data.exportRows('moves', null, ['customer_id', 'segment_to'], where);
    expect(exported.columns.map((c) => c.name)).toEqual(['customer_id', 'segment_to']);
    expect(exported.rows).toEqual(page.rows.map((row) => [row[0], row[2]]));
    await expect(data.getRows('moves', 0, 1, null, { where: [{ column: 'nope', values: [] }] })).rejects.toMatchObject({ code: 'no-such-column' });
  });

  it('answers bad requests with the analysis\' code and keeps what is loaded', async () => {
    const data = new DataApi();
    await data.loadDemo('Asia/Shanghai');
    const before = (await data.listTables()).map((t) => t.name);
    await expect(data.runAnalysis({ resultName: 'b', customers, tags, analysis: { kind: 'backtest', tag: 'nope', cutoff: DAY, windowDays: 30 } })).rejects.toMatchObject({ code: 'unknown-tag' });
    await expect(data.runAnalysis({ resultName: 'c', customers, tags, analysis: { kind: 'cross-sell', by: 'product', minOrders: 0, minSupport: 0, limit: 5 } })).rejects.toMatchObject({ code: 'bad-option' });
    await expect(
      data.runAnalysis({ resultName: 'r', customers: { ...customers, definition: { ...customers.definition, itemRoles: { order: 'order_id' } } }, tags, analysis: { kind: 'replenishment', by: 'product', minPairs: 5 } }),
    ).rejects.toMatchObject({ code: 'missing-role' });
    expect((await data.listTables()).map((t) => t.name)).toEqual(before);
  });
});
