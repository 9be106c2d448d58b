// Adding a playbook: what it needs is checked first, names never collide, and everything lands as
// ordinary cells, metrics and parameters of the workspace.
import { describe, expect, it } from 'vitest';
import { applyPlaybook, freeName, missingNeeds } from '../../../src/engine/playbooks/apply-playbook.ts';
import { playbookSources } from '../../../src/engine/playbooks/playbook-sources.ts';
import { PRICE_TIER_PLAYBOOK } from '../../../src/engine/playbooks/price-tier.ts';
import type { Playbook } from '../../../src/engine/playbooks/types.ts';
import { demoNotebook } from '../../../src/engine/demo/demo-notebook.ts';
import type { CustomersCell } from '../../../src/engine/notebook/cells.ts';
import { defaultParameters } from '../../../src/engine/parameters/parameters.ts';

/** A small playbook written here: a metric, a parameter and a tag using both, and a chart. */
const SAMPLE: Playbook = {
  id: 'sample',
  title: { en: 'Sample', zh: '示例' },
  summary: { en: 'A sample.', zh: '示例。' },
  needs: [{ column: 'revenue', from: { en: 'the amount role', zh: '金额角色' } }],
  build(context) {
    const taken = [...context.takenNames];
    const pick = (base: string) => {
      const name = freeName(base, taken);
      taken.push(name);
      return name;
    };
    const metric = pick('big_spend');
    const parameter = pick('big_spend_at');
    const tag = pick('spend_band');
    return {
      note: context.language === 'zh-CN' ? '## 示例' : '## Sample',
      parameters: [{ name: parameter, type: 'number', value: 1000, slider: { min: 0, max: 5000, step: 50 } }],
      metrics: [{ name: metric, formula: `revenue >= ${parameter}` }],
      tags: [{ kind: 'cut', name: tag, metric: 'revenue', thresholds: [parameter], segments: [{ label: 'small' }, { label: 'big' }] }],
      charts: [{ view: 'segments', tag }],
    };
  },
};

const COLUMNS = ['customer_id', 'orders', 'revenue', 'recency_days'];

describe('applyPlaybook', () => {
  it('adds the metrics to the customer table cell, the parameters, and a note, tag and chart cell at the end', () => {
    const cells = demoNotebook('en');
    const customers = cells.find((c): c is CustomersCell => c.kind === 'customers')!;
    const result = applyPlaybook(SAMPLE, cells, defaultParameters(), customers.id, COLUMNS, 'zh-CN');
    if ('missing' in result) throw new Error('missing');
    expect(result.cells.slice(0, cells.length).map((c) => c.id)).toEqual(cells.map((c) => c.id));
    const added = result.cells.slice(cells.length);
    expect(added.map((c) => c.kind)).toEqual(['note', 'tag', 'chart']);
    expect(added[0]).toMatchObject({ kind: 'note', markdown: '## 示例' });
    expect(added[1]).toMatchObject({ kind: 'tag', tableName: customers.resultName, definition: { name: 'spend_band', thresholds: ['big_spend_at'] } });
    expect(added[2]).toMatchObject({ kind: 'chart', tableName: customers.resultName, chart: { tag: 'spend_band' } });
    expect(new Set(result.cells.map((c) => c.id)).size).toBe(result.cells.length);
    const updated = result.cells.find((c): c is CustomersCell => c.id === customers.id)!;
    expect(updated.customMetrics.at(-1)).toEqual({ name: 'big_spend', formula: 'revenue >= big_spend_at' });
    expect(result.parameters.map((p) => p.name)).toEqual(['as_of', 'big_spend_at']);
    expect(result.added).toEqual(['big_spend', 'spend_band', 'big_spend_at']);
  });

  it('added twice, the second gets fresh names throughout', () => {
    const cells = demoNotebook('en');
    const customers = cells.find((c) => c.kind === 'customers')!;
    const first = applyPlaybook(SAMPLE, cells, defaultParameters(), customers.id, COLUMNS, 'en');
    if ('missing' in first) throw new Error('missing');
    const second = applyPlaybook(SAMPLE, first.cells, first.parameters, customers.id, [...COLUMNS, 'big_spend'], 'en');
    if ('missing' in second) throw new Error('missing');
    expect(second.added).toEqual(['big_spend_2', 'spend_band_2', 'big_spend_at_2']);
    const tag = second.cells.at(-2);
    expect(tag).toMatchObject({ kind: 'tag', definition: { name: 'spend_band_2', thresholds: ['big_spend_at_2'] } });
  });

  it('says what is missing instead of adding anything', () => {
    const cells = demoNotebook('en');
    const customers = cells.find((c) => c.kind === 'customers')!;
    const result = applyPlaybook(SAMPLE, cells, defaultParameters(), customers.id, ['customer_id', 'orders'], 'en');
    expect(result).toEqual({ missing: [SAMPLE.needs[0]] });
    expect(missingNeeds(SAMPLE, ['REVENUE'])).toEqual([]);
  });
});

describe('freeName', () => {
  it('keeps a free name and numbers a taken one, ignoring case', () => {
    expect(freeName('rfm', [])).toBe('rfm');
    expect(freeName('rfm', ['RFM'])).toBe('rfm_2');
    expect(freeName('rfm', ['rfm', 'rfm_2', 'Rfm_3'])).toBe('rfm_4');
  });
});

describe('playbookSources and needs of source roles', () => {
  const cells = demoNotebook('en');
  const customers = cells.find((c): c is CustomersCell => c.kind === 'customers')!;
  const sources = playbookSources(customers, (table) => (table === 'orders' ? ['order_id', 'customer_id', 'order_time'] : []));

  it('names the columns the demo customer table’s roles map, and its refund statuses', () => {
    expect(sources.orders).toMatchObject({ table: 'orders', customer: 'customer_id', time: 'order_time', amount: 'paid_amount', order: 'order_id', product: null, unitPrice: null });
    expect(sources.orders.refundStatuses).toEqual({ column: 'status', values: ['refunded', 'cancelled'] });
    expect(sources.orders.columns).toEqual(['order_id', 'customer_id', 'order_time']);
    expect(sources.items).toMatchObject({ table: 'order_items', order: 'order_id', product: 'product_id', category: 'category' });
  });

  it('a role given as a formula is not a column', () => {
    const formula: CustomersCell = { ...customers, definition: { ...customers.definition, roles: { ...customers.definition.roles, time: { formula: 'DATE(order_time)' } } } };
    expect(playbookSources(formula, () => []).orders.time).toBeNull();
  });

  it('checks needs of source roles against the sources', () => {
    const playbook = { ...SAMPLE, needs: [{ column: 'orders.time', from: { en: 't', zh: 't' } }, { column: 'items.product', from: { en: 'p', zh: 'p' } }, { column: 'orders.product', from: { en: 'o', zh: 'o' } }] };
    expect(missingNeeds(playbook, COLUMNS, sources).map((n) => n.column)).toEqual(['orders.product']);
    expect(missingNeeds(playbook, COLUMNS).map((n) => n.column)).toEqual(['orders.time', 'items.product', 'orders.product']);
  });

  it('adds what a playbook says it is missing beyond its listed needs (a price column for price tiers)', () => {
    const withPrice = playbookSources(customers, (table) => (table === 'order_items' ? ['order_id', 'product_id', 'category', 'unit_price', 'quantity'] : []));
    expect(missingNeeds(PRICE_TIER_PLAYBOOK, COLUMNS, withPrice)).toEqual([]);
    const missing = missingNeeds(PRICE_TIER_PLAYBOOK, COLUMNS, sources).map((n) => n.column);
    expect(missing.length).toBeGreaterThan(0);
    expect(missing.join(' ')).toMatch(/price/i);
  });
});
