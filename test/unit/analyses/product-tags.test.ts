// The tags an analysis makes: product metrics go into the customer table cell, the factor
// parameter is added once, and the tag cell sits right after the analysis cell with a formula
// that names exactly those metrics. Names never collide with columns, metrics or tags.
import { describe, expect, it } from 'vitest';
import { addBoughtNotYetTag, addReplenishmentTag, REPLENISH_FACTOR } from '../../../src/engine/analyses/product-tags.ts';
import { isAnalysisError } from '../../../src/engine/analyses/types.ts';
import type { Cell, CustomersCell } from '../../../src/engine/notebook/cells.ts';
import { defaultParameters } from '../../../src/engine/parameters/parameters.ts';
import { formulaNames } from '../../../src/engine/metrics/formula-names.ts';

const customers: CustomersCell = {
  id: 'cell-1',
  kind: 'customers',
  collapsed: false,
  resultName: 'customer_table',
  sources: { orders: 'orders' },
  definition: { roles: { customer: 'c', time: 't', amount: 'a', product: 'p' } },
  customMetrics: [{ name: 'bought_a', formula: 'orders' }],
};
const analysis: Cell = { id: 'cell-2', kind: 'analysis', collapsed: false, tableName: 'customer_table', resultName: 'cross_sell', analysis: { kind: 'cross-sell', by: 'product', minOrders: 1, minSupport: 0, limit: 10 } };
const note: Cell = { id: 'cell-3', kind: 'note', collapsed: false, markdown: 'after' };
const cells: Cell[] = [customers, analysis, note];
const at = { customersCellId: 'cell-1', afterCellId: 'cell-2' };

describe('addReplenishmentTag', () => {
  it('adds a replenishment metric, the factor parameter and a rules tag right after the analysis', () => {
    const out = addReplenishmentTag(cells, defaultParameters(), at, { by: 'product', items: ['milk', 'eggs'], minPairs: 5 }, { columns: ['customer_id', 'replenish_ratio'] });
    const table = out.cells[0] as CustomersCell;
    expect(table.definition.productMetrics).toEqual([{ kind: 'replenishment', name: 'replenish_ratio_2', by: 'product', items: ['milk', 'eggs'], minPairs: 5 }]);
    expect(out.parameters.map((p) => p.name)).toEqual(['as_of', REPLENISH_FACTOR]);
    expect(out.cells.map((c) => c.id)).toEqual(['cell-1', 'cell-2', out.tagCellId, 'cell-3']);
    const tag = out.cells[2];
    expect(tag.kind === 'tag' && tag.definition.kind === 'rules' ? tag.definition.rules.flatMap((r) => formulaNames(r.when)) : []).toEqual(
      expect.arrayContaining(['replenish_ratio_2', REPLENISH_FACTOR]),
    );
    // The input is left alone.
    expect(customers.definition.productMetrics).toBeUndefined();
  });

  it('keeps an existing factor parameter and refuses an empty choice', () => {
    const once = addReplenishmentTag(cells, defaultParameters(), at, { by: 'product', items: ['milk'], minPairs: 5 }, { columns: [] });
    const twice = addReplenishmentTag(once.cells, once.parameters, at, { by: 'product', items: ['eggs'], minPairs: 5 }, { columns: [] });
    expect(twice.parameters.filter((p) => p.name === REPLENISH_FACTOR)).toHaveLength(1);
    expect(twice.tagName).toBe('due_replenishment_2');
    expect(((twice.cells[0] as CustomersCell).definition.productMetrics ?? []).map((m) => m.name)).toEqual(['replenish_ratio', 'replenish_ratio_2']);
    let error: unknown;
    try {
      addReplenishmentTag(cells, defaultParameters(), at, { by: 'product', items: [], minPairs: 5 }, { columns: [] });
    } catch (e) {
      error = e;
    }
    expect(isAnalysisError(error)).toBe(true);
  });
});

describe('addBoughtNotYetTag', () => {
  it('adds bought metrics for A and B (names avoiding custom metrics) and a flag tag A and not B', () => {
    const out = addBoughtNotYetTag(cells, defaultParameters(), at, { by: 'product', a: 'A', b: 'Tea <b>' }, { columns: ['customer_id'] });
    const metrics = (out.cells[0] as CustomersCell).definition.productMetrics ?? [];
    expect(metrics).toEqual([
      { kind: 'bought', name: 'bought_a_2', by: 'product', items: ['A'] },
      { kind: 'bought', name: 'bought_tea_b', by: 'product', items: ['Tea <b>'] },
    ]);
    const tag = out.cells[2];
    expect(tag.kind).toBe('tag');
    if (tag.kind !== 'tag' || tag.definition.kind !== 'flag') throw new Error('expected a flag tag');
    expect(tag.definition.when).toBe('bought_a_2 > 0 AND bought_tea_b = 0');
    expect(tag.definition.whenTrue.label).toBe('Bought A, not yet Tea <b>');
    expect(out.parameters).toEqual(defaultParameters());
  });

  it('falls back to plain names for products whose text makes none, and refuses A = B', () => {
    const out = addBoughtNotYetTag(cells, defaultParameters(), at, { by: 'category', a: '生鲜', b: '零食' }, { columns: [] });
    expect(((out.cells[0] as CustomersCell).definition.productMetrics ?? []).map((m) => m.name)).toEqual(['bought_a_2', 'bought_b']);
    expect(() => addBoughtNotYetTag(cells, defaultParameters(), at, { by: 'product', a: 'x', b: 'x' }, { columns: [] })).toThrow(/two different/);
  });
});
