// Peer parity with the R rfm package (SOURCES.md, rfm-r-package/): its scores for all 995
// customers and the 0.2.x segment counts / orders / revenue.
import { expect, it } from 'vitest';
import type { Column } from '../../../src/engine/dataset/types.ts';
import { loadCsv } from '../../../src/engine/dataset/load-csv.ts';
import { daysFromCivil } from '../../../src/engine/dataset/time-civil-days.ts';
import { evaluateTags, RFM_PACKAGE_0_2_RULES, segmentStats, type RfmTag } from '../../../src/engine/tags/index.ts';
import { describeRealdata, readRealdata } from '../../helpers/realdata.ts';

function text(column: Column | undefined, row: number): string {
  if (!column || column.type !== 'text') throw new Error('not text');
  return column.dictionary[column.codes[row]];
}
function num(column: Column | undefined, row: number): number {
  if (!column || column.type === 'text') throw new Error('not numeric');
  return column.values[row];
}

describeRealdata('rfm tag reproduces the R rfm package (rfm_data_orders, analysis date 2006-12-31)', () => {
  const orders = loadCsv(readRealdata('rfm-r-package/rfm_data_orders.csv')).data;
  const col = (name: string): Column | undefined => orders.find((c) => c.name === name);
  const asOf = daysFromCivil(2006, 12, 31);
  // The customer table, computed here the plain way: recency = days since the last order, frequency = rows, monetary = sum.
  const byId = new Map<string, { last: number; count: number; sum: number }>();
  const rows = col('customer_id')!.type === 'text' ? (col('customer_id') as { codes: Int32Array }).codes.length : 0;
  for (let i = 0; i < rows; i++) {
    const id = text(col('customer_id'), i);
    const entry = byId.get(id) ?? { last: -Infinity, count: 0, sum: 0 };
    entry.last = Math.max(entry.last, num(col('order_date'), i));
    entry.count += 1;
    entry.sum += num(col('revenue'), i);
    byId.set(id, entry);
  }
  const ids = [...byId.keys()];
  const table = {
    rowCount: ids.length,
    columns: [
      { name: 'customer_id', type: 'text', codes: Int32Array.from(ids, (_, i) => i), dictionary: ids },
      { name: 'recency_days', type: 'integer', values: Float64Array.from(ids, (id) => asOf - byId.get(id)!.last) },
      { name: 'orders', type: 'integer', values: Float64Array.from(ids, (id) => byId.get(id)!.count) },
      { name: 'revenue', type: 'integer', values: Float64Array.from(ids, (id) => byId.get(id)!.sum) },
    ] as Column[],
  };
  const definition: RfmTag = {
    kind: 'rfm',
    name: 'rfm_segment',
    recency: 'recency_days',
    frequency: 'orders',
    monetary: 'revenue',
    method: 'rfm',
    rules: [...RFM_PACKAGE_0_2_RULES],
  };
  const [result] = evaluateTags([definition], table, []);

  it('reads 4,906 orders of 995 customers', () => {
    expect(rows).toBe(4906);
    expect(ids.length).toBe(995);
    expect(result.error).toBeUndefined();
  });

  it('gives every customer the expected R, F, M scores and segment', () => {
    const expected = loadCsv(readRealdata('rfm-r-package/expected_rfm_table_order_2006-12-31.csv')).data;
    const e = (name: string): Column | undefined => expected.find((c) => c.name === name);
    const index = new Map(ids.map((id, i) => [id, i]));
    const mismatches: string[] = [];
    const n = (e('customer_id') as { codes: Int32Array }).codes.length;
    expect(n).toBe(995);
    for (let k = 0; k < n; k++) {
      const row = index.get(text(e('customer_id'), k))!;
      const got = `${result.scores!.code[row]} ${result.segments[result.codes[row]].label} ${table.columns[1].type !== 'text' ? (table.columns[1] as { values: Float64Array }).values[row] : ''}`;
      const want = `${num(e('rfm_score'), k)} ${text(e('segment'), k)} ${num(e('recency_days'), k)}`;
      if (got !== want) mismatches.push(`${text(e('customer_id'), k)}: got ${got}, want ${want}`);
    }
    expect(mismatches.slice(0, 10)).toEqual([]);
  });

  it('gives the published segment counts, orders and revenue', () => {
    const orders = (table.columns[2] as { values: Float64Array }).values;
    const revenue = (table.columns[3] as { values: Float64Array }).values;
    // orders per segment = Σ frequency: pass frequency as "orders".
    const stats = segmentStats(result.codes, result.segments.length, revenue, orders);
    const summary = Object.fromEntries(result.segments.map((s, i) => [s.label, [stats.segments[i].count, stats.segments[i].orders, stats.segments[i].revenue]]));
    expect(summary).toEqual({
      Champions: [158, 1234, 120178],
      'Loyal Customers': [278, 1708, 166712],
      'Potential Loyalist': [229, 801, 65873],
      'New Customers': [0, 0, 0],
      Promising: [0, 0, 0],
      'Need Attention': [35, 144, 13287],
      'About To Sleep': [50, 127, 10914],
      'At Risk': [86, 438, 44178],
      "Can't Lose Them": [0, 0, 0],
      Lost: [111, 244, 20955],
      Others: [48, 210, 22061],
    });
    expect(stats.nullCount).toBe(0);
  });
});
