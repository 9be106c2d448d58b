// Invariant: the deciles playbook puts customers into ten equal-count groups by revenue, D1 the
// top, ties split by customer id (the smaller id first); the merged groups follow the decile
// number and their slider thresholds; the shares of CDNOW_master match SOURCES.md (top 30% → 78.0%).
import { describe, expect, it } from 'vitest';
import { computeChartData } from '../../../src/engine/charts/chart-data.ts';
import { buildCustomerTable } from '../../../src/engine/customers/build-customer-table.ts';
import { loadCsv } from '../../../src/engine/dataset/load-csv.ts';
import type { Column } from '../../../src/engine/dataset/types.ts';
import { DECILES_PLAYBOOK } from '../../../src/engine/playbooks/deciles.ts';
import { segmentStats } from '../../../src/engine/tags/index.ts';
import { describeRealdata, readRealdata } from '../../helpers/realdata.ts';
import { customers, sqlCodes, type Value } from '../tags/tag-harness.ts';
import { checkPlaybook, context, evaluateAddition, formulaParameters } from './playbook-checks.ts';

const COLUMNS = ['customer_id', 'orders', 'revenue', 'recency_days'];

/** Reference: rank by revenue descending, then id (UTF-8 bytes) ascending; NTILE(10) sizes; 0-based decile, -1 for NULL. */
function refDeciles(revenue: Value[], ids: string[]): number[] {
  const rows = revenue.map((_, i) => i).filter((i) => revenue[i] !== null);
  rows.sort((a, b) => revenue[b]! - revenue[a]! || Buffer.compare(Buffer.from(ids[a]), Buffer.from(ids[b])));
  const out = revenue.map(() => -1);
  const m = rows.length;
  let at = 0;
  for (let d = 0; d < 10; d++) {
    const size = Math.floor(m / 10) + (d < m % 10 ? 1 : 0);
    for (let k = 0; k < size; k++) out[rows[at++]] = d;
  }
  return out;
}

/** Reference: group of a 0-based decile given the last decile (1-based) of each group but the last. */
function refGroup(decile: number, ends: number[]): number {
  if (decile < 0) return -1;
  const g = ends.findIndex((end) => decile + 1 <= end);
  return g < 0 ? ends.length : g;
}

function idsOf(table: { columns: Column[] }): string[] {
  const id = table.columns[0];
  if (id.type !== 'text') throw new Error('ids');
  return Array.from(id.codes, (c) => id.dictionary[c]);
}

describe('DECILES_PLAYBOOK.build(context)', () => {
  it('passes the common playbook checks', () => {
    checkPlaybook(DECILES_PLAYBOOK, COLUMNS);
  });

  it('adds a decile tag D1..D10, a group tag G1..G5 with four slider thresholds (1, 2, 3, 6), and a pareto chart', () => {
    const addition = DECILES_PLAYBOOK.build(context(COLUMNS));
    expect(addition.tags.map((t) => t.name)).toEqual(['revenue_decile', 'decile_group']);
    const [deciles, groups] = addition.tags;
    expect(deciles.kind === 'cut' && deciles.segments.map((s) => s.label)).toEqual(['D1', 'D2', 'D3', 'D4', 'D5', 'D6', 'D7', 'D8', 'D9', 'D10']);
    expect(groups.kind === 'cut' && groups.thresholds).toEqual(['decile_group_1_to', 'decile_group_2_to', 'decile_group_3_to', 'decile_group_4_to']);
    expect(addition.parameters.map((p) => p.value)).toEqual([1, 2, 3, 6]);
    expect(addition.charts[0]).toEqual({ view: 'pareto', tag: 'revenue_decile', metric: 'revenue' });
    expect(addition.note).toContain('customer id');
  });

  const cases: Record<string, { revenue: Value[]; ids?: string[] }> = {
    'ties at decile edges (ids out of order)': {
      revenue: [50, 100, 100, 100, 100, 20, 20, 20, 80, 80, 5, 5, 5, 5, 60, 60, 0, 0, 100, 33, 33, 33],
      ids: ['k', 'b', 'Z', 'a', 'é', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'aa', 'ab', 'ac', 'ad', 'ae', 'af', 'ag', 'ah', 'ai'],
    },
    'fewer customers than 10': { revenue: [3, 9, 1, 9, 4] },
    'one customer': { revenue: [42] },
    'zero revenue and NULL revenue': { revenue: [0, 0, 0, 10, null, 0, 5, 0, 0, 0, 0, 0, null] },
    '23 customers, all equal': { revenue: Array.from({ length: 23 }, () => 7) },
  };
  for (const [name, { revenue, ids }] of Object.entries(cases)) {
    it(`matches the loop reference: ${name}`, () => {
      const table = customers({ revenue, orders: revenue.map((v) => (v === null ? 0 : 1)) }, ids);
      const addition = DECILES_PLAYBOOK.build(context(COLUMNS));
      const results = evaluateAddition(addition, table);
      const expected = refDeciles(revenue, idsOf(table));
      expect([...results.get('revenue_decile')!.codes]).toEqual(expected);
      expect([...results.get('decile_group')!.codes]).toEqual(expected.map((d) => refGroup(d, [1, 2, 3, 6])));
      // The SQL the tags compile to (SQLite's ntile, ORDER BY value, id) agrees.
      for (const tag of addition.tags) expect(sqlCodes(tag, results.get(tag.name)!, table, formulaParameters(addition))).toEqual([...results.get(tag.name)!.codes]);

      // Sliders move the boundaries: G1 = D1–D2, G2 = D3, G3 = D4, G4 = D5–D9, G5 = D10.
      const moved = evaluateAddition(addition, table, formulaParameters(addition, { decile_group_1_to: 2, decile_group_2_to: 3, decile_group_3_to: 4, decile_group_4_to: 9 }));
      expect([...moved.get('decile_group')!.codes]).toEqual(expected.map((d) => refGroup(d, [2, 3, 4, 9])));

      // The segment table's totals and shares equal the reference's per decile.
      const codes = results.get('revenue_decile')!.codes;
      const stats = segmentStats(codes, 10, Float64Array.from(revenue, (v) => v ?? NaN), new Float64Array(revenue.length));
      const total = revenue.reduce<number>((a, v) => a + (v ?? 0), 0);
      for (let d = 0; d < 10; d++) {
        const members = revenue.filter((_, i) => expected[i] === d) as number[];
        expect(stats.segments[d].count).toBe(members.length);
        expect(stats.segments[d].revenue).toBeCloseTo(members.reduce((a, v) => a + v, 0), 9);
        if (total > 0) expect(stats.segments[d].revenueShare).toBeCloseTo(members.reduce((a, v) => a + v, 0) / total, 9);
      }
    });
  }
});

describeRealdata('DECILES_PLAYBOOK on CDNOW_master (SOURCES.md)', () => {
  it('the top three deciles bring 78.0% of revenue; shares sum to 100%, cumulative ends at 100%', () => {
    const loaded = loadCsv(readRealdata('lifetimes-cdnow/CDNOW_master.txt'), { timeZone: 'UTC', columns: { date: { type: 'date', dateFormat: 'yyyymmdd' } } });
    const table = buildCustomerTable(
      { orders: { columns: loaded.data, rowCount: loaded.loadedRows } },
      { roles: { customer: 'customer_id', time: 'date', amount: 'dollar_value' } },
    );
    expect(table.rowCount).toBe(23570);
    const addition = DECILES_PLAYBOOK.build(context(table.columns.map((c) => c.name)));
    const results = evaluateAddition(addition, { columns: table.columns, rowCount: table.rowCount });
    const revenue = table.columns.find((c) => c.name === 'revenue')!;
    const orders = table.columns.find((c) => c.name === 'orders')!;
    if (revenue.type === 'text' || orders.type === 'text') throw new Error('numeric');
    const stats = segmentStats(results.get('revenue_decile')!.codes, 10, revenue.values, orders.values);
    expect(stats.nullCount).toBe(0);
    expect(stats.segments.map((s) => s.count)).toEqual(Array.from({ length: 10 }, () => 2357));
    const shares = stats.segments.map((s) => s.revenueShare);
    const cumulative = shares.map((_, i) => shares.slice(0, i + 1).reduce((a, b) => a + b, 0));
    expect(Math.round(cumulative[2] * 1000) / 10).toBe(78.0);
    expect(cumulative[9]).toBeCloseTo(1, 12);
    for (let i = 1; i < 10; i++) expect(shares[i]).toBeLessThanOrEqual(shares[i - 1]);
    expect(Math.abs(stats.totalRevenue - 2500315)).toBeLessThan(1);

    // The Pareto chart's deciles agree (23,570 customers: its deciles have the same sizes).
    const tags = new Map(addition.tags.map((definition) => [definition.name, { definition, result: results.get(definition.name)! }]));
    const pareto = computeChartData(addition.charts[0], { columns: table.columns, rowCount: table.rowCount, tags });
    pareto.datasets.deciles.forEach((row, i) => expect(row.valueShare as number).toBeCloseTo(shares[i], 9));

    // Default groups: G1..G3 are D1..D3, G4 = D4–D6, G5 = D7–D10.
    const groups = segmentStats(results.get('decile_group')!.codes, 5, revenue.values, orders.values);
    expect(groups.segments.map((s) => s.count)).toEqual([2357, 2357, 2357, 3 * 2357, 4 * 2357]);
    expect(groups.segments.slice(0, 3).reduce((a, s) => a + s.revenueShare, 0)).toBeCloseTo(cumulative[2], 12);
  });
});
