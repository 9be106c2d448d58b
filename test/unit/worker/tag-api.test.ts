import initSqlJs from 'sql.js';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { TagDefinition } from '../../../src/engine/index.ts';
import { DataApi } from '../../../src/worker/data-api.ts';
import { SqlApi } from '../../../src/worker/sql-api.ts';
import { valueRange } from '../../../src/worker/tag-summary.ts';
import { closeAllPorts, connectSql, encode, importInto, noPause } from './pipes.ts';

const sql = await initSqlJs();

afterEach(closeAllPorts);

// customer_id, recency_days, revenue, orders; c6 has no recency (NULL).
const ROWS: [string, number | null, number, number][] = [
  ['c1', 10, 100, 2],
  ['c2', 45, 50, 1],
  ['c3', 60, 300, 3],
  ['c4', 90, 0, 0],
  ['c5', 200, 80, 4],
  ['c6', null, 20, 1],
];
const CSV = 'customer_id,recency_days,revenue,orders\n' + ROWS.map((r) => r.map((v) => v ?? '').join(',')).join('\n') + '\n';

const LIFECYCLE: TagDefinition = {
  kind: 'cut',
  name: 'lifecycle',
  metric: 'recency_days',
  thresholds: [45, 90, 180],
  segments: [{ label: 'active' }, { label: 'cooling' }, { label: 'silent' }, { label: 'churned' }],
};
const RULES: TagDefinition = {
  kind: 'rules',
  name: 'value',
  rules: [
    { when: 'revenue >= 100', segment: { label: 'big' } },
    { when: 'orders >= 2', segment: { label: 'repeat' } },
  ],
  otherwise: { label: 'Others' },
};

/** The segment counts and revenue of a cut computed a second way: loops over plain arrays. */
function referenceCut(thresholds: number[]): { count: number; revenue: number }[] {
  const out = Array.from({ length: thresholds.length + 1 }, () => ({ count: 0, revenue: 0 }));
  for (const [, recency, revenue] of ROWS) {
    if (recency === null) continue;
    let segment = 0;
    while (segment < thresholds.length && recency > thresholds[segment]) segment++;
    out[segment].count++;
    out[segment].revenue += revenue;
  }
  return out;
}

async function loaded(): Promise<DataApi> {
  const data = new DataApi();
  await importInto(data, encode(CSV), 'customer_table.csv');
  return data;
}

describe('DataApi tags', () => {
  it('summarizes each tag: counts, revenue, shares, average order value, cut points and rule overlaps', async () => {
    const data = await loaded();
    const {
      summaries: [lifecycle, value],
    } = await data.evaluateTags('customer_table', [LIFECYCLE, RULES], []);
    expect(lifecycle.error).toBeUndefined();
    expect(lifecycle.segments.map((s) => ({ count: s.count, revenue: s.revenue }))).toEqual(referenceCut([45, 90, 180]));
    expect(lifecycle.nullCount).toBe(1);
    expect(lifecycle.totalCount).toBe(6);
    expect(lifecycle.segments[0]).toMatchObject({ label: 'active', customerShare: 2 / 6, revenueShare: 150 / 550, averageOrderValue: 50 });
    expect(lifecycle.cutPoints[0].values).toEqual([45, 90, 180]);
    expect(lifecycle.metricRange).toEqual({ min: 10, max: 200 });

    expect(value.segments.map((s) => [s.label, s.count])).toEqual([
      ['big', 2],
      ['repeat', 1],
      ['Others', 3],
    ]);
    expect(value.rules).toEqual({ labels: ['big', 'repeat'], alone: [2, 3], pairs: [[2, 2], [2, 3]], others: 3 });
  });

  it('re-cuts a kept tag by new thresholds (equal to evaluating again) and refuses out-of-order thresholds', async () => {
    const data = await loaded();
    await data.evaluateTags('customer_table', [LIFECYCLE], []);
    const [moved] = await data.retagThresholds('customer_table', [{ tag: 'lifecycle', thresholds: [45, 120, 180] }], []);
    expect(moved.segments.map((s) => ({ count: s.count, revenue: s.revenue }))).toEqual(referenceCut([45, 120, 180]));
    expect(moved.cutPoints[0].values).toEqual([45, 120, 180]);
    const {
      summaries: [again],
    } = await data.evaluateTags('customer_table', [{ ...LIFECYCLE, thresholds: [45, 120, 180] }], []);
    expect(again.segments).toEqual(moved.segments);

    await expect(data.retagThresholds('customer_table', [{ tag: 'lifecycle', thresholds: [45, 200, 180] }], [])).rejects.toMatchObject({ code: 'thresholds-out-of-order' });
    await expect(data.retagThresholds('customer_table', [{ tag: 'nothing', thresholds: [1] }], [])).rejects.toMatchObject({ code: 'not-evaluated' });
    await expect(data.retagThresholds('customer_table', [{ tag: 'lifecycle', thresholds: [45, NaN, 180] }], [])).rejects.toMatchObject({ code: 'threshold-not-number' });
  });

  it('evaluates again the tags using a moved tag (through another tag too), equal to a full evaluation; others are left alone', async () => {
    const data = await loaded();
    // late uses lifecycle; late_big uses late; value uses neither.
    const late: TagDefinition = { kind: 'flag', name: 'late', when: "lifecycle IN ('silent', 'churned')", whenTrue: { label: 'late' }, whenFalse: { label: 'recent' } };
    const lateBig: TagDefinition = {
      kind: 'rules',
      name: 'late_big',
      rules: [{ when: "late = 'late' AND revenue >= big", segment: { label: 'win back' } }],
      otherwise: { label: 'Others' },
    };
    const parameters = [{ name: 'big', type: 'number' as const, value: 50 }];
    // Listed before the tags they use: the order of the list is not the order of evaluation.
    await data.evaluateTags('customer_table', [lateBig, late, RULES, LIFECYCLE], parameters);
    const summaries = await data.retagThresholds('customer_table', [{ tag: 'lifecycle', thresholds: [20, 50, 100] }], parameters);
    expect(summaries.map((s) => s.name)).toEqual(['lifecycle', 'late_big', 'late']);
    const {
      summaries: [lateBigAgain, lateAgain, , lifecycleAgain],
    } = await data.evaluateTags('customer_table', [lateBig, late, RULES, { ...LIFECYCLE, thresholds: [20, 50, 100] }], parameters);
    expect(summaries).toEqual([lifecycleAgain, lateBigAgain, lateAgain]);
    // A second way: c3 (60 days, 300), c4 (90 days, 0) and c5 (200 days, 80) are past 50 days, c4
    // spends under 50; c6 has no recency, so no lifecycle, and the flag takes false for NULL.
    expect(lateAgain.segments.map((s) => s.count)).toEqual([3, 3]);
    expect(lateBigAgain.segments.map((s) => s.count)).toEqual([2, 4]);
    // The kept results are the new ones: an explanation reads them, and names what the formulas read.
    const why = await data.explainTagCustomer('customer_table', 'late_big', 'c3');
    expect(why.segment?.label).toBe('win back');
    expect(why.mentioned).toEqual([
      { name: 'late', value: 'late' },
      { name: 'revenue', value: 300 },
    ]);
  });

  it("lists a segment's customers, biggest revenue first, to pick one to explain", async () => {
    const data = await loaded();
    await data.evaluateTags('customer_table', [LIFECYCLE, RULES], []);
    // A second way: the rows of the segment by plain filtering and sorting.
    const expected = (inSegment: (recency: number | null) => boolean) =>
      ROWS.filter(([, recency]) => inSegment(recency))
        .sort((a, b) => b[2] - a[2])
        .map(([id, , revenue]) => ({ id, revenue }));
    expect(await data.segmentMembers('customer_table', 'lifecycle', 0, 10)).toEqual({ customers: expected((r) => r !== null && r <= 45), count: 2 });
    expect(await data.segmentMembers('customer_table', 'lifecycle', 1, 1)).toEqual({ customers: expected((r) => r !== null && r > 45 && r <= 90).slice(0, 1), count: 2 });
    expect(await data.segmentMembers('customer_table', 'lifecycle', -1, 10)).toEqual({ customers: [{ id: 'c6', revenue: 20 }], count: 1 });
    expect((await data.segmentMembers('customer_table', 'value', 2, 10)).customers.map((c) => c.id)).toEqual(['c2', 'c6', 'c4']);
    await expect(data.segmentMembers('customer_table', 'nothing', 0, 10)).rejects.toMatchObject({ code: 'not-evaluated' });
  });

  it('filters grid rows by segments and by id, in the sort asked for, following threshold moves', async () => {
    const data = await loaded();
    await data.evaluateTags('customer_table', [LIFECYCLE, RULES], []);
    const ids = async (filter: Parameters<DataApi['getRows']>[4], sort: { column: number; descending: boolean } | null = null) => {
      const page = await data.getRows('customer_table', 0, 100, sort, filter);
      expect(page.totalRows).toBe(page.rows.length);
      return page.rows.map((r) => r[0]);
    };
    // A second way: the rows by plain filtering of ROWS.
    const where = (keep: (row: (typeof ROWS)[number]) => boolean) => ROWS.filter(keep).map((r) => r[0]);
    expect(await ids({ tag: 'lifecycle', segments: [1, 3] })).toEqual(where(([, r]) => r !== null && ((r > 45 && r <= 90) || r > 180)));
    expect(await ids({ tag: 'lifecycle', segments: [-1] })).toEqual(['c6']);
    expect(await ids({ idContains: 'C1' })).toEqual(['c1']);
    expect(await ids({ tag: 'value', segments: [2], idContains: 'c' }, { column: 2, descending: true })).toEqual(['c2', 'c6', 'c4']);
    expect(await ids({ tag: 'lifecycle', segments: [] })).toEqual([]);
    // The cached list follows a threshold move.
    await data.retagThresholds('customer_table', [{ tag: 'lifecycle', thresholds: [45, 120, 180] }], []);
    expect(await ids({ tag: 'lifecycle', segments: [1, 3] })).toEqual(where(([, r]) => r !== null && ((r > 45 && r <= 120) || r > 180)));
    await expect(data.getRows('customer_table', 0, 10, null, { tag: 'nothing', segments: [0] })).rejects.toMatchObject({ code: 'not-evaluated' });
  });

  it('keeps a failing tag to itself and explains a customer', async () => {
    const data = await loaded();
    const {
      summaries: [broken, value],
    } = await data.evaluateTags('customer_table', [{ ...LIFECYCLE, metric: 'recncy_days' }, RULES], []);
    expect(broken.error?.code).toBe('formula');
    expect(value.error).toBeUndefined();
    const why = await data.explainTagCustomer('customer_table', 'value', 'c2');
    expect(why.segment?.label).toBe('Others');
    expect(why.matchedRule).toBeNull();
    expect(why.earlierRules?.map((r) => r.value)).toEqual([false, false]);
    await expect(data.explainTagCustomer('customer_table', 'value', 'nobody')).rejects.toMatchObject({ code: 'no-such-customer' });
  });

  it('writes each tag column into the SQLite copy after a full evaluation (not on a re-cut), reading the base columns', async () => {
    const data = new DataApi();
    const sqlApi = new SqlApi(sql, noPause);
    await connectSql(data, sqlApi);
    await importInto(data, encode(CSV), 'customer_table.csv');
    // SQLite's counts per label, NULL as its own key; polled, as port messages arrive asynchronously.
    const sqlCounts = async (): Promise<Record<string, number>> => {
      await sqlApi.whenFilled();
      await sqlApi.runCell('q', 'SELECT lifecycle, count(*) FROM customer_table GROUP BY lifecycle');
      const { rows } = await sqlApi.getResultRows('q', 0, 100, null);
      return Object.fromEntries(rows.map(([label, count]) => [String(label), Number(count)]));
    };
    const summaryCounts = (summary: { segments: { label: string; count: number }[]; nullCount: number }) =>
      Object.fromEntries([...summary.segments.filter((s) => s.count > 0).map((s) => [s.label, s.count]), ...(summary.nullCount ? [['null', summary.nullCount]] : [])]);

    const first = await data.evaluateTags('customer_table', [LIFECYCLE], []);
    expect(first.tableRewritten).toBe(true);
    const expected = summaryCounts(first.summaries[0]);
    expect(expected).toEqual({ active: 2, cooling: 2, churned: 1, null: 1 });
    await vi.waitFor(async () => expect(await sqlCounts()).toEqual(expected));
    expect((await data.listTables())[0].columns.map((c) => c.name)).toEqual(['customer_id', 'recency_days', 'revenue', 'orders', 'lifecycle']);

    // The fast path does not write; the next full evaluation does. A tag using `lifecycle` reads
    // the new tag, not the written copy of the old one.
    await data.retagThresholds('customer_table', [{ tag: 'lifecycle', thresholds: [45, 120, 180] }], []);
    expect(await sqlCounts()).toEqual(expected);
    const late: TagDefinition = { kind: 'flag', name: 'late', when: 'lifecycle = "silent"', whenTrue: { label: 'yes' }, whenFalse: { label: 'no' } };
    const second = await data.evaluateTags('customer_table', [{ ...LIFECYCLE, thresholds: [45, 50, 180] }, late], []);
    expect(second.tableRewritten).toBe(true);
    const moved = summaryCounts(second.summaries[0]);
    expect(moved).toEqual({ active: 2, silent: 2, churned: 1, null: 1 });
    // The written copy has no "silent" customer: 2 here means the flag read the new tag.
    expect(second.summaries[1].segments.find((s) => s.label === 'yes')?.count).toBe(2);
    await vi.waitFor(async () => expect(await sqlCounts()).toEqual(moved));

    // A tag named like a base column is not written (the base column stays); no tags, no tag columns.
    const shadow = await data.evaluateTags('customer_table', [{ ...LIFECYCLE, name: 'orders' }], []);
    expect(shadow.summaries[0].error).toBeUndefined();
    expect((await data.listTables())[0].columns.map((c) => c.name)).toEqual(['customer_id', 'recency_days', 'revenue', 'orders']);
    expect(shadow.tableRewritten).toBe(true);
    expect((await data.evaluateTags('customer_table', [], [])).tableRewritten).toBe(false);
  });

  it('finds a range skipping NULLs', () => {
    expect(valueRange(Float64Array.of(NaN, 3, -1))).toEqual({ min: -1, max: 3 });
    expect(valueRange(Float64Array.of(NaN))).toBeUndefined();
  });
});
