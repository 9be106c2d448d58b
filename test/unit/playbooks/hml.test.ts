// Invariant: among customers who spent something, heavy = those fewer than 20% of the other
// spenders outspend, medium = fewer than 50%, light = the rest (ties share the higher group);
// customers with empty, zero or negative revenue are "Zero" and do not count in the shares.
// On CDNOW, heavy holds 20% of the spenders within one customer.
import { describe, expect, it } from 'vitest';
import { buildCustomerTable } from '../../../src/engine/customers/build-customer-table.ts';
import { loadCsv } from '../../../src/engine/dataset/load-csv.ts';
import { compileFormula } from '../../../src/engine/formula/index.ts';
import { fillTable } from '../../../src/engine/sqlite/fill-table.ts';
import { HML_PLAYBOOK, SPEND_RANK_SHARE_FORMULA } from '../../../src/engine/playbooks/hml.ts';
import { describeRealdata, readRealdata } from '../../helpers/realdata.ts';
import { customers, num, SQL, sqlCodes, type Value } from '../tags/tag-harness.ts';
import { contextOf, evaluateAddition, formulaParameters, expectAddsTwiceAsValidWorkspace, labelsOf } from './run-addition.ts';

const COLUMNS = ['customer_id', 'orders', 'revenue'];

/** The reference: count, for each spender, the spenders with strictly more revenue. */
function refLevel(revenue: Value[], heavyPct = 20, mediumPct = 30): string[] {
  const spenders = revenue.filter((r): r is number => r !== null && r > 0);
  const m = spenders.length;
  return revenue.map((r) => {
    if (r === null || r <= 0) return 'Zero';
    let more = 0;
    for (const s of spenders) if (s > r) more++;
    const share = m > 1 ? more / (m - 1) : 0;
    if (share < heavyPct / 100) return 'Heavy';
    if (share < (heavyPct + mediumPct) / 100) return 'Medium';
    return 'Light';
  });
}

function levels(revenue: Value[], values: Record<string, number> = {}): (string | null)[] {
  const addition = HML_PLAYBOOK.build(contextOf(COLUMNS));
  const [tag] = evaluateAddition(addition, customers({ revenue, orders: revenue.map(() => 1) }), values).tags;
  return labelsOf(tag);
}

const count = (labels: (string | null)[], label: string) => labels.filter((l) => l === label).length;

describe('HML_PLAYBOOK.build(context)', () => {
  it.each<[string, Value[]]>([
    ['ten distinct spenders', [10, 20, 30, 40, 50, 60, 70, 80, 90, 100]],
    ['ties at the 20% edge', [100, 80, 80, 80, 50, 40, 30, 20, 10, 5, 1]],
    ['ties just past the 20% edge', [100, 90, 80, 80, 80, 50, 40, 30, 20, 10, 5]],
    ['ties at the 50% edge', [100, 90, 80, 70, 60, 50, 50, 50, 50, 20, 10]],
    ['all-equal spend', [25, 25, 25, 25, 25]],
    ['one customer', [42]],
    ['one spender among zero spenders', [0, null, 42, -5]],
    ['zero spenders and refunds making revenue negative', [0, 0, null, -10, -0.01, 300, 200, 100, 50, 25, 12.5, 1]],
    ['no spenders at all', [0, null, -1]],
    ['fractions of a cent apart', [0.1 + 0.2, 0.3, 0.30000000000000004, 1, 2, 3, 4, 5, 6, 7]],
  ])('matches the loop reference: %s', (_, revenue) => {
    expect(levels(revenue)).toEqual(refLevel(revenue));
  });

  it('a hundred distinct spenders give 20 heavy, 30 medium, 50 light; zero spenders apart', () => {
    const revenue: Value[] = [...Array.from({ length: 100 }, (_, i) => i + 1), 0, null, -20];
    const labels = levels(revenue);
    expect([count(labels, 'Heavy'), count(labels, 'Medium'), count(labels, 'Light'), count(labels, 'Zero')]).toEqual([20, 30, 50, 3]);
    expect(labels.slice(80, 100).every((l) => l === 'Heavy')).toBe(true);
  });

  it('ties share the higher group, everyone equal is everyone heavy, a lone spender is heavy', () => {
    // 11 spenders: heavy = fewer than 2 of the other 10 outspend you; the three 80s are outspent by one.
    expect(levels([100, 80, 80, 80, 50, 40, 30, 20, 10, 5, 1]).slice(0, 5)).toEqual(['Heavy', 'Heavy', 'Heavy', 'Heavy', 'Medium']);
    // …and here by two: all three go to medium together.
    expect(levels([100, 90, 80, 80, 80, 50, 40, 30, 20, 10, 5]).slice(0, 5)).toEqual(['Heavy', 'Heavy', 'Medium', 'Medium', 'Medium']);
    expect(levels([25, 25, 25])).toEqual(['Heavy', 'Heavy', 'Heavy']);
    expect(levels([0, 7])).toEqual(['Zero', 'Heavy']);
  });

  it('gives the same shares and levels as SQL (sql.js), ties, NULLs and refunds included', () => {
    const revenue: Value[] = [100, 80, 80, 80, 0, null, -10, 50, 40, 40, 20, 10, 5, 1, 1];
    const table = customers({ revenue, orders: revenue.map(() => 1) });
    const addition = HML_PLAYBOOK.build(contextOf(COLUMNS));
    const { tags, columns } = evaluateAddition(addition, table);
    const share = columns.find((c) => c.name === 'spend_rank_share')!;
    if (share.type === 'text') throw new Error('share is text');
    const db = new SQL.Database();
    try {
      fillTable(db, 't', [...table.columns, num('__row', revenue.map((_, i) => i))]);
      const compiled = compileFormula(SPEND_RANK_SHARE_FORMULA, { columns: table.columns, parameters: [] });
      const rows = db.exec(`SELECT ${compiled.toSql((n) => `"${n}"`)} FROM t ORDER BY __row`)[0].values.map((r) => r[0] as number | null);
      expect(rows).toEqual([...share.values].map((v) => (Number.isNaN(v) ? null : v)));
    } finally {
      db.close();
    }
    const withShare = { columns, rowCount: table.rowCount };
    expect(sqlCodes(addition.tags[0], tags[0], withShare, formulaParameters(addition.parameters))).toEqual([...tags[0].codes]);
  });

  it('follows the share sliders', () => {
    const revenue: Value[] = Array.from({ length: 40 }, (_, i) => (i % 7) * 10 + (i % 3));
    expect(levels(revenue, { heavy_share_pct: 10, medium_share_pct: 45 })).toEqual(refLevel(revenue, 10, 45));
  });

  it('gives a note in both languages naming the metric, tag and parameters; the chart measures revenue', () => {
    for (const language of ['en', 'zh-CN'] as const) {
      const addition = HML_PLAYBOOK.build(contextOf(COLUMNS, language));
      for (const name of ['spend_rank_share', 'spend_level', 'heavy_share_pct', 'medium_share_pct']) expect(addition.note).toContain(name);
      expect(addition.note).toMatch(language === 'en' ? /Ties/ : /并列/);
      expect(addition.charts).toEqual([{ view: 'segments', tag: 'spend_level', measure: 'revenue' }]);
    }
  });

  it('added twice gets fresh names throughout (the tag reads its own metric) and reads back as a valid workspace', () => {
    const [first, second] = expectAddsTwiceAsValidWorkspace(HML_PLAYBOOK, COLUMNS, 'en');
    expect(first).toEqual(['spend_rank_share', 'spend_level', 'heavy_share_pct', 'medium_share_pct']);
    expect(second).toEqual(['spend_rank_share_2', 'spend_level_2', 'heavy_share_pct_2', 'medium_share_pct_2']);
    const again = HML_PLAYBOOK.build({ ...contextOf(COLUMNS), takenNames: [...COLUMNS, ...first] });
    const tag = again.tags[0];
    expect(tag.kind === 'rules' && tag.rules.map((r) => r.when)).toEqual([
      'revenue IS NULL OR revenue <= 0',
      'spend_rank_share_2 < heavy_share_pct_2 / 100',
      'spend_rank_share_2 < (heavy_share_pct_2 + medium_share_pct_2) / 100',
    ]);
    expectAddsTwiceAsValidWorkspace(HML_PLAYBOOK, COLUMNS, 'zh-CN');
  });
});

describeRealdata('HML_PLAYBOOK on CDNOW_master', () => {
  it('heavy holds 20% of the spenders ±1 customer and agrees with the loop reference', () => {
    const loaded = loadCsv(readRealdata('lifetimes-cdnow/CDNOW_master.txt'), { timeZone: 'UTC', columns: { date: { type: 'date', dateFormat: 'yyyymmdd' } } });
    const table = buildCustomerTable(
      { orders: { columns: loaded.data, rowCount: loaded.loadedRows } },
      { roles: { customer: 'customer_id', time: 'date', amount: 'dollar_value' } },
    );
    const addition = HML_PLAYBOOK.build(contextOf(table.columns.map((c) => c.name)));
    const [tag] = evaluateAddition(addition, { columns: table.columns, rowCount: table.rowCount }).tags;
    const revenueColumn = table.columns.find((c) => c.name === 'revenue')!;
    if (revenueColumn.type === 'text') throw new Error('revenue is text');
    const revenue = [...revenueColumn.values].map((v) => (Number.isNaN(v) ? null : v));
    const labels = labelsOf(tag);
    const spenders = revenue.filter((r) => r !== null && r > 0).length;
    expect(table.rowCount).toBe(23570);
    expect(Math.abs(count(labels, 'Heavy') - 0.2 * spenders)).toBeLessThanOrEqual(1);
    expect(Math.abs(count(labels, 'Heavy') + count(labels, 'Medium') - 0.5 * spenders)).toBeLessThanOrEqual(1);
    expect(count(labels, 'Zero')).toBe(table.rowCount - spenders);
    // The reference is quadratic over 23,570 customers: compare its counts by sorting instead.
    const sorted = revenue.filter((r): r is number => r !== null && r > 0).sort((a, b) => b - a);
    const moreThan = (r: number) => {
      let lo = 0;
      let hi = sorted.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (sorted[mid] > r) lo = mid + 1;
        else hi = mid;
      }
      return lo;
    };
    const expected = revenue.map((r) => {
      if (r === null || r <= 0) return 'Zero';
      const share = moreThan(r) / (sorted.length - 1);
      return share < 0.2 ? 'Heavy' : share < 0.5 ? 'Medium' : 'Light';
    });
    expect(labels).toEqual(expected);
  });
});
