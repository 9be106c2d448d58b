import { describe, expect, it } from 'vitest';
import { ChartError, computeChartData, SCATTER_SAMPLE, SEGMENT_PALETTE, type ChartDefinition, type ChartInput } from '../../../src/engine/charts/index.ts';
import type { Column } from '../../../src/engine/dataset/types.ts';
import type { TagDefinition } from '../../../src/engine/tags/index.ts';
import { text } from '../tags/tag-harness.ts';
import { chartInput, codesOf, labelOf, seg, type Value } from './chart-harness.ts';

const recency: Value[] = [5, 40, 100, 200, null, 30, 30, 500, 90, 0, 31, 181];
const revenue: Value[] = [100, 50, null, 10, 20, 0, 300, 5, 80, 40, 7.5, 1];
const orders: Value[] = [3, 1, 2, 1, 1, 4, 6, 1, 2, 5, 1, 1];
const lifecycle: TagDefinition = {
  kind: 'cut',
  name: 'Lifecycle',
  metric: 'recency_days',
  thresholds: [30, 90, 180, 1000],
  segments: [{ label: 'active', labelZh: '活跃', colour: '#112233' }, { label: 'cooling' }, { label: 'silent' }, { label: 'churned' }, { label: 'gone' }],
};
const big: TagDefinition = { kind: 'flag', name: 'big', when: 'revenue >= 50', whenTrue: { label: 'big' }, whenFalse: { label: 'small' } };
const input = chartInput({ recency_days: recency, revenue, orders }, [lifecycle, big]);
const rows = recency.length;

const data = (definition: Partial<ChartDefinition> & Pick<ChartDefinition, 'view'>, on: ChartInput = input) => computeChartData({ tag: 'lifecycle', ...definition }, on);
const labels = (on: ChartInput, tag: string) => Array.from({ length: on.rowCount }, (_, i) => labelOf(on, tag, i));

function chartError(f: () => unknown): ChartError {
  try {
    f();
  } catch (error) {
    expect(error).toBeInstanceOf(ChartError);
    return error as ChartError;
  }
  throw new Error('expected a ChartError');
}

describe('segments', () => {
  it('lists the tag\'s segments in order, coloured by the tag or the palette, and `no segment` last', () => {
    const { segments } = data({ view: 'segments' });
    expect(segments.map((s) => [s.order, s.label, s.colour])).toEqual([
      [0, 'active', '#112233'],
      [1, 'cooling', SEGMENT_PALETTE[1]],
      [2, 'silent', SEGMENT_PALETTE[2]],
      [3, 'churned', SEGMENT_PALETTE[3]],
      [4, 'gone', SEGMENT_PALETTE[4]],
      [-1, 'no segment', expect.any(String)],
    ]);
    expect(segments[0].labelZh).toBe('活跃');
    expect(data({ view: 'segments', tag: 'big' }).segments.map((s) => s.label)).toEqual(['big', 'small']); // no NULLs: no `no segment`
  });

  it('counts customers and sums revenue per segment, empty segments included (reference: plain loops)', () => {
    const { datasets } = data({ view: 'segments' });
    const ls = labels(input, 'lifecycle');
    const totalRevenue = revenue.reduce<number>((a, v) => a + (v ?? 0), 0);
    const expected = ['active', 'cooling', 'silent', 'churned', 'gone', 'no segment'].map((label) => {
      let count = 0;
      let sum = 0;
      for (let i = 0; i < rows; i++) {
        if (ls[i] !== label) continue;
        count++;
        sum += revenue[i] ?? 0;
      }
      return { label, count, revenue: sum, customerShare: count / rows, revenueShare: sum / totalRevenue };
    });
    expect(datasets.table.map(({ label, count, revenue, customerShare, revenueShare }) => ({ label, count, revenue, customerShare, revenueShare }))).toEqual(expected);
    expect(datasets.table.find((r) => r.label === 'gone')).toMatchObject({ count: 0, revenue: 0, customerShare: 0, revenueShare: 0 });
    expect(datasets.table[0]).toMatchObject({ order: 0, labelZh: '活跃', colour: '#112233' });
    expect(datasets.table[1].labelZh).toBe('cooling'); // labelZh falls back to the label
    expect(datasets.table.at(-1)).toMatchObject({ order: -1, label: 'no segment', labelZh: '无分群' });
  });

  it('has revenue 0 without a revenue column, and shares 0 with no customers', () => {
    const noRevenue = chartInput({ recency_days: recency }, [lifecycle]);
    expect(data({ view: 'segments' }, noRevenue).datasets.table.every((r) => r.revenue === 0 && r.revenueShare === 0)).toBe(true);
    const empty = chartInput({ recency_days: [] }, [lifecycle]);
    const table = data({ view: 'segments' }, empty).datasets.table;
    expect(table).toHaveLength(5);
    expect(table.every((r) => r.count === 0 && r.customerShare === 0)).toBe(true);
  });
});

describe('share', () => {
  it('gives each segment\'s share of customers and of revenue', () => {
    const { datasets } = data({ view: 'share' });
    const ls = labels(input, 'lifecycle');
    const totalRevenue = revenue.reduce<number>((a, v) => a + (v ?? 0), 0);
    for (const row of datasets.table) {
      const members = ls.map((l, i) => (l === row.label ? i : -1)).filter((i) => i >= 0);
      if (row.measure === 'customers') expect(row).toMatchObject({ value: members.length, share: members.length / rows });
      else expect(row.share).toBeCloseTo(members.reduce((a, i) => a + (revenue[i] ?? 0), 0) / totalRevenue, 12);
    }
    expect(datasets.table.map((r) => r.measure)).toEqual([...Array(6).fill('customers'), ...Array(6).fill('revenue')]);
    for (const measure of ['customers', 'revenue']) expect(datasets.table.filter((r) => r.measure === measure).reduce((a, r) => a + (r.share as number), 0)).toBeCloseTo(1, 12);
  });
});

/** Each included value counted once, in the bin [x0, x1) holding it (the last bin closed); reference by loops. */
function checkHistogram(table: ChartInputRows, values: Value[], ls: string[], log: boolean): void {
  const bins = [...new Map(table.map((r) => [r.x0 as number, r.x1 as number])).entries()].sort((a, b) => a[0] - b[0]);
  const lastX1 = Math.max(...bins.map((b) => b[1]));
  const expected = new Map<string, number>();
  values.forEach((v, i) => {
    if (v === null || (log && v <= 0)) return;
    const bin = bins.find(([x0, x1]) => x0 <= v && (v < x1 || (v === x1 && x1 === lastX1)));
    expect(bin, `value ${v} has a bin`).toBeDefined();
    const key = `${bin![0]}|${ls[i]}`;
    expected.set(key, (expected.get(key) ?? 0) + 1);
  });
  const actual = new Map(table.map((r) => [`${r.x0}|${r.label}`, r.count]));
  expect(actual).toEqual(expected);
  for (let k = 1; k < bins.length; k++) expect(bins[k][0]).toBeGreaterThanOrEqual(bins[k - 1][1]);
}
type ChartInputRows = ReturnType<typeof computeChartData>['datasets'][string];

describe('distribution', () => {
  it('bins the metric stacked by segment, with the cut tag\'s thresholds (movable) and NULLs left out', () => {
    const result = data({ view: 'distribution', metric: 'recency_days', bins: 10 });
    checkHistogram(result.datasets.table, recency, labels(input, 'lifecycle'), false);
    expect(result.notes.leftOut).toBe(1);
    expect(result.thresholds).toEqual({ values: [30, 90, 180, 1000], movable: true });
    expect(result.datasets.thresholds).toEqual([30, 90, 180, 1000].map((value, index) => ({ value, index })));
    // 0..500 in at most 10 bins: a step of 50, edges 0, 50, …, 500.
    const edges = [...new Set(result.datasets.table.flatMap((r) => [r.x0, r.x1]))];
    for (const e of edges) expect((e as number) % 50).toBe(0);
    expect(result.datasets.table.every((r) => (r.count as number) > 0)).toBe(true);
    expect(result.metric).toBe('recency_days');
  });

  it('uses "nice" edges: 0..100 in 30 bins is a step of 5, 100 in the last bin', () => {
    const values = Array.from({ length: 101 }, (_, i) => i);
    const on = chartInput({ m: values }, [{ kind: 'cut', name: 't', metric: 'm', thresholds: [50], segments: seg('low', 'high') }]);
    const result = computeChartData({ view: 'distribution', tag: 't' }, on);
    const x0s = [...new Set(result.datasets.table.map((r) => r.x0))];
    expect(x0s).toEqual(Array.from({ length: 20 }, (_, k) => 5 * k));
    expect(result.datasets.table.filter((r) => r.x0 === 95)).toEqual([{ x0: 95, x1: 100, order: 1, label: 'high', labelZh: 'high', count: 6 }]);
    checkHistogram(result.datasets.table, values, labels(on, 't'), false);
  });

  it('bins log10(value) on a log scale, leaving out values ≤ 0 and NULLs', () => {
    const values: Value[] = [-5, 0, 1, 10, 100, 1000, null, 0.5];
    const on = chartInput({ m: values }, [{ kind: 'cut', name: 't', metric: 'm', thresholds: [-1, 50], segments: seg('a', 'b', 'c') }]);
    const result = computeChartData({ view: 'distribution', tag: 't', log: true, bins: 3 }, on);
    // log10: −0.30 … 3 over at most 3 bins → a step of 2 decades: 0.01, 1, 100, 10000.
    expect(result.datasets.table.map((r) => [r.x0, r.x1, r.label, r.count])).toEqual([
      [0.01, 1, 'b', 1],
      [1, 100, 'b', 2],
      [100, 10000, 'c', 2],
    ]);
    expect(result.notes.leftOut).toBe(3);
    expect(result.thresholds).toEqual({ values: [-1, 50], movable: true });
    expect(result.datasets.thresholds).toEqual([{ value: 50, index: 1 }]); // -1 cannot be drawn on a log scale
    checkHistogram(result.datasets.table, values, labels(on, 't'), true);
  });

  it('handles a single customer, fewer customers than bins, equal values and no values', () => {
    const cases: Value[][] = [[7], [3, 1, 2], [4, 4, 4, 4], [null, null], [0.3, 3.3, 1.7, 0.1], [1e-9, 2e-9], [-20, 15, 1e6]];
    for (const values of cases) {
      const on = chartInput({ m: values }, [{ kind: 'quantile', name: 'q', metric: 'm', bins: 3 }]);
      for (const log of [false, true]) {
        const result = computeChartData({ view: 'distribution', tag: 'q', log }, on);
        checkHistogram(result.datasets.table, values, labels(on, 'q'), log);
        const x0s = new Set(result.datasets.table.map((r) => r.x0));
        expect(x0s.size).toBeLessThanOrEqual(30);
        expect(result.notes.leftOut).toBe(values.filter((v) => v === null || (log && v <= 0)).length);
        expect(result.thresholds?.movable).toBe(false); // quantile cut points are shown, not moved
      }
    }
    const one = computeChartData({ view: 'distribution', tag: 'q' }, chartInput({ m: [7] }, [{ kind: 'quantile', name: 'q', metric: 'm', bins: 3 }]));
    expect(one.datasets.table).toEqual([{ x0: 7, x1: 7.05, order: 0, label: '1', labelZh: '1', count: 1 }]);
  });

  it('draws thresholds only for the tag\'s own metric: cut (case-insensitive), quantile, score total', () => {
    expect(data({ view: 'distribution', metric: 'RECENCY_DAYS' }).thresholds?.values).toEqual([30, 90, 180, 1000]);
    const other = data({ view: 'distribution', metric: 'revenue' });
    expect(other.thresholds).toBeUndefined();
    expect(other.datasets.thresholds).toEqual([]);
    checkHistogram(other.datasets.table, revenue, labels(input, 'lifecycle'), false);
    const score: TagDefinition = { kind: 'score', name: 'value', components: [{ formula: 'revenue' }, { formula: 'orders', weight: 10 }], thresholds: [50, 200], segments: seg('low', 'mid', 'high') };
    const on = chartInput({ recency_days: recency, revenue, orders }, [score]);
    const total = computeChartData({ view: 'distribution', tag: 'value' }, on);
    expect(total.thresholds).toEqual({ values: [50, 200], movable: true });
    expect(total.metric).toBe('total');
    const totals = revenue.map((v, i) => (v ?? 0) + 10 * (orders[i] ?? 0));
    checkHistogram(total.datasets.table, totals, labels(on, 'value'), false);
    expect(computeChartData({ view: 'distribution', tag: 'value', metric: 'total' }, on).thresholds?.values).toEqual([50, 200]);
    // A cut tag on a formula: its metric (the formula's values) is the default.
    const formula = chartInput({ m: [1, 2, 3] }, [{ kind: 'cut', name: 'f', metric: 'm * 10', thresholds: [15], segments: seg('a', 'b') }]);
    const f = computeChartData({ view: 'distribution', tag: 'f', bins: 2 }, formula);
    checkHistogram(f.datasets.table, [10, 20, 30], labels(formula, 'f'), false);
    expect(f.thresholds?.values).toEqual([15]);
  });

  it('rejects bad bins, text metrics, unknown metrics and a tag without a metric', () => {
    expect(chartError(() => data({ view: 'distribution', bins: 0 })).code).toBe('bad-definition');
    expect(chartError(() => data({ view: 'distribution', bins: 2.5 })).code).toBe('bad-definition');
    expect(chartError(() => data({ view: 'distribution', metric: 'customer_id' })).code).toBe('not-numeric');
    expect(chartError(() => data({ view: 'distribution', metric: 'nope' }))).toMatchObject({ code: 'no-such-metric', field: 'metric' });
    expect(chartError(() => data({ view: 'distribution', tag: 'big' })).code).toBe('missing-field');
  });
});

describe('pareto', () => {
  /** Ranks by value descending (ties: row order), NULLs out; a second way: sort a copy. */
  function reference(values: Value[]) {
    const ranked = values.map((v, i) => ({ v, i })).filter((x): x is { v: number; i: number } => x.v !== null);
    ranked.sort((a, b) => (a.v === b.v ? a.i - b.i : b.v - a.v));
    const n = ranked.length;
    const total = ranked.reduce((a, x) => a + x.v, 0);
    const top = (k: number) => ranked.slice(0, k).reduce((a, x) => a + x.v, 0);
    const deciles = Array.from({ length: 10 }, (_, d) => {
      const members = ranked.filter((_, p) => Math.floor((10 * p) / n) === d);
      return { decile: d + 1, customers: members.length, valueShare: total === 0 ? 0 : members.reduce((a, x) => a + x.v, 0) / total };
    });
    return { n, total, top, deciles };
  }

  const cases: Record<string, Value[]> = {
    'NULLs and ties': revenue,
    'a single customer': [42],
    'fewer customers than deciles': [5, 1, 3],
    'all tied': [2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2],
    'many customers': Array.from({ length: 1234 }, (_, i) => (i % 3 === 0 ? null : (i * 7919) % 1000)),
    'zero total': [0, 0, 0],
  };
  for (const [name, values] of Object.entries(cases)) {
    it(`matches the reference: ${name}`, () => {
      const on = chartInput({ revenue: values }, [{ kind: 'flag', name: 't', when: 'revenue > 1', whenTrue: { label: 'yes' }, whenFalse: { label: 'no' } }]);
      const result = computeChartData({ view: 'pareto', tag: 't' }, on);
      const ref = reference(values);
      const { curve, deciles } = result.datasets;
      expect(curve.length).toBe(Math.min(ref.n, 200) + 1);
      expect(curve[0]).toEqual({ customerShare: 0, valueShare: 0 });
      if (ref.n > 0) expect(curve.at(-1)).toEqual({ customerShare: 1, valueShare: ref.total === 0 ? 0 : 1 });
      for (const point of curve) {
        const k = Math.round((point.customerShare as number) * ref.n);
        expect(point.valueShare).toBeCloseTo(ref.total === 0 ? 0 : ref.top(k) / ref.total, 9);
      }
      expect(deciles.map((d) => d.decile)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
      deciles.forEach((d, k) => {
        expect(d.customers).toBe(ref.deciles[k].customers);
        expect(d.valueShare).toBeCloseTo(ref.deciles[k].valueShare, 9);
      });
      expect(result.notes.leftOut).toBe(values.length - ref.n);
    });
  }

  it('ranks another metric, and rejects a missing or text one', () => {
    const result = data({ view: 'pareto', metric: 'orders' });
    expect(result.datasets.deciles[0]).toMatchObject({ decile: 1, customers: 2, valueShare: (6 + 5) / orders.reduce<number>((a, v) => a + (v ?? 0), 0) });
    const noRevenue = chartInput({ recency_days: recency }, [lifecycle]);
    expect(chartError(() => data({ view: 'pareto' }, noRevenue)).code).toBe('no-such-metric');
    expect(chartError(() => data({ view: 'pareto', metric: 'customer_id' })).code).toBe('not-numeric');
  });
});

describe('rf-heatmap', () => {
  const rfm: TagDefinition = { kind: 'rfm', name: 'rfm', recency: 'recency_days', frequency: 'orders', monetary: 'revenue', bins: 3 };
  const on = chartInput({ recency_days: recency, revenue, orders }, [rfm, lifecycle]);

  it('counts every R × F cell (zeros included) and averages monetary', () => {
    const result = computeChartData({ view: 'rf-heatmap', tag: 'rfm' }, on);
    const { r, f } = on.tags.get('rfm')!.result.scores!;
    const expected = [];
    for (let a = 1; a <= 3; a++) {
      for (let b = 1; b <= 3; b++) {
        const members = [...r.keys()].filter((i) => r[i] === a && f[i] === b);
        const money = members.map((i) => revenue[i]).filter((v): v is number => v !== null);
        expected.push({ r: a, f: b, count: members.length, monetary: money.length ? money.reduce((x, y) => x + y, 0) / money.length : null });
      }
    }
    expect(result.datasets.table).toEqual(expected);
    expect(result.datasets.table.some((c) => c.count === 0)).toBe(true);
    expect(result.notes.leftOut).toBe([...r].filter((s) => s === 0).length);
    expect(result.notes.leftOut).toBeGreaterThan(0);
  });

  it('takes custom breaks\' bin counts, and refuses a tag that is not rfm', () => {
    const custom: TagDefinition = { ...rfm, breaks: { recency: [50], frequency: [2, 3, 4] } };
    const c = chartInput({ recency_days: recency, revenue, orders }, [custom]);
    const table = computeChartData({ view: 'rf-heatmap', tag: 'rfm' }, c).datasets.table;
    expect(table).toHaveLength(2 * 4);
    expect(table.reduce((a, x) => a + (x.count as number), 0)).toBe(recency.filter((v) => v !== null).length);
    expect(chartError(() => computeChartData({ view: 'rf-heatmap', tag: 'lifecycle' }, on))).toMatchObject({ code: 'not-rfm', field: 'tag' });
  });
});

describe('crosstab', () => {
  it('counts every pair of segments, zeros included, with row percentages', () => {
    const result = data({ view: 'crosstab', tag2: 'BIG' });
    const a = labels(input, 'lifecycle');
    const b = labels(input, 'big');
    const rowLabels = ['active', 'cooling', 'silent', 'churned', 'gone', 'no segment'];
    const expected = rowLabels.flatMap((row) =>
      ['big', 'small'].map((col) => {
        const count = a.filter((l, i) => l === row && b[i] === col).length;
        const rowTotal = a.filter((l) => l === row).length;
        return { row, col, count, rowPercent: rowTotal ? count / rowTotal : 0 };
      }),
    );
    expect(result.datasets.table.map(({ row, col, count, rowPercent }) => ({ row, col, count, rowPercent }))).toEqual(expected);
    expect(result.datasets.table[0]).toMatchObject({ rowZh: '活跃', rowOrder: 0, colZh: 'big', colOrder: 0 });
    expect(result.datasets.table.at(-1)).toMatchObject({ row: 'no segment', rowOrder: -1 });
  });

  it('needs a second tag that exists', () => {
    expect(chartError(() => data({ view: 'crosstab' }))).toMatchObject({ code: 'missing-field', field: 'tag2' });
    expect(chartError(() => data({ view: 'crosstab', tag2: 'nope' }))).toMatchObject({ code: 'no-such-tag', field: 'tag2' });
    expect(chartError(() => data({ view: 'segments', tag: 'nope' }))).toMatchObject({ code: 'no-such-tag', field: 'tag' });
    expect(chartError(() => computeChartData({ view: 'nope' as never, tag: 'lifecycle' }, input)).code).toBe('bad-definition');
  });
});

describe('over-time', () => {
  // 2024-01-01 is a Monday (day 19723); 2024-02-29 a Thursday; NULL left out.
  const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;
  const isoDays = ['2024-01-01', '2024-01-07', '2024-01-08', '2024-02-29', null, '2023-12-31', '2024-03-03', '2024-01-31', '2024-02-01', '2024-12-30', '2025-01-01', '2024-01-02'];
  const dateColumn = (name: string, type: 'date' | 'datetime'): Column => ({
    name,
    type,
    values: Float64Array.from(isoDays, (d) => (d === null ? NaN : type === 'date' ? day(d) : day(d) * 86_400_000 + 23 * 3_600_000)),
  });
  const on = chartInput({ recency_days: recency }, [lifecycle], [dateColumn('first_order_at', 'date'), dateColumn('LAST_ORDER_AT', 'datetime')]);

  /** Reference: the period's start by JS Date (month: first day; week: the Monday before or on). */
  function reference(period: 'week' | 'month') {
    const ls = labels(on, 'lifecycle');
    const counts = new Map<string, number>();
    isoDays.forEach((d, i) => {
      if (d === null) return;
      const date = new Date(`${d}T00:00:00Z`);
      let start: string;
      if (period === 'month') start = `${d.slice(0, 7)}-01`;
      else {
        date.setUTCDate(date.getUTCDate() - ((date.getUTCDay() + 6) % 7));
        start = date.toISOString().slice(0, 10);
      }
      const key = `${start}|${ls[i]}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    });
    return counts;
  }

  for (const period of ['month', 'week'] as const) {
    for (const basis of ['first', 'last'] as const) {
      it(`counts customers by ${period} of their ${basis} order`, () => {
        const result = computeChartData({ view: 'over-time', tag: 'lifecycle', period, basis }, on);
        const { table } = result.datasets;
        expect(new Map(table.map((r) => [`${r.period}|${r.label}`, r.count]))).toEqual(reference(period));
        const periods = table.map((r) => r.period as string);
        expect(periods).toEqual([...periods].sort());
        expect(result.notes.leftOut).toBe(1);
        for (const r of table) {
          const start = new Date(`${r.period}T00:00:00Z`);
          if (period === 'week') expect(start.getUTCDay()).toBe(1);
          else expect(start.getUTCDate()).toBe(1);
          const end = new Date(start);
          if (period === 'week') end.setUTCDate(end.getUTCDate() + 7);
          else end.setUTCMonth(end.getUTCMonth() + 1);
          expect(r.periodEnd).toBe(end.toISOString().slice(0, 10));
        }
      });
    }
  }

  it('puts 2024-12-30 in the ISO week of Monday 2024-12-30, and needs a date column', () => {
    const table = computeChartData({ view: 'over-time', tag: 'lifecycle', period: 'week' }, on).datasets.table;
    expect(table.filter((r) => r.period === '2024-12-30').reduce((a, r) => a + (r.count as number), 0)).toBe(2);
    expect(chartError(() => data({ view: 'over-time' })).code).toBe('no-date-column');
    const textDates = chartInput({ recency_days: recency }, [lifecycle], [text('first_order_at', isoDays)]);
    expect(chartError(() => data({ view: 'over-time' }, textDates)).code).toBe('no-date-column');
  });
});

describe('scatter', () => {
  it('gives one point per customer with both values, in row order', () => {
    const result = data({ view: 'scatter', metric: 'recency_days', metric2: 'revenue' });
    const ls = labels(input, 'lifecycle');
    const expected = recency.flatMap((x, i) => (x === null || revenue[i] === null ? [] : [{ x, y: revenue[i], label: ls[i] }]));
    expect(result.datasets.table.map(({ x, y, label }) => ({ x, y, label }))).toEqual(expected);
    expect(result.notes).toEqual({ leftOut: rows - expected.length });
    const log = data({ view: 'scatter', metric: 'recency_days', metric2: 'revenue', log: true });
    expect(log.datasets.table.every((r) => (r.x as number) > 0)).toBe(true);
    expect(log.notes.leftOut).toBe(rows - expected.filter((p) => p.x > 0).length);
  });

  it(`samples ${SCATTER_SAMPLE} points above ${SCATTER_SAMPLE}, the same each time for a seed`, () => {
    const n = SCATTER_SAMPLE + 12_345;
    const x = Array.from({ length: n }, (_, i) => (i % 1000 === 0 ? null : i));
    const y = Array.from({ length: n }, (_, i) => i % 97);
    const on = chartInput({ x, y }, [{ kind: 'cut', name: 't', metric: 'x', thresholds: [30_000], segments: seg('a', 'b') }]);
    const definition: ChartDefinition = { view: 'scatter', tag: 't', metric: 'x', metric2: 'y' };
    const first = computeChartData(definition, on);
    const valid = x.filter((v) => v !== null).length;
    expect(first.datasets.table).toHaveLength(SCATTER_SAMPLE);
    expect(first.notes).toEqual({ sampledFrom: valid, leftOut: n - valid });
    const xs = first.datasets.table.map((r) => r.x as number);
    for (let k = 1; k < xs.length; k++) expect(xs[k]).toBeGreaterThan(xs[k - 1]); // row order, no repeats
    for (const r of first.datasets.table.slice(0, 500)) expect(r).toMatchObject({ y: (r.x as number) % 97, label: (r.x as number) <= 30_000 ? 'a' : 'b' });
    expect(computeChartData(definition, on).datasets.table).toEqual(first.datasets.table);
    const other = computeChartData(definition, { ...on, seed: 2 }).datasets.table.map((r) => r.x);
    expect(other).not.toEqual(xs);
    // Spread over the whole range, not the first rows: about a third of the points are above 40,000.
    const above = xs.filter((v) => v > 40_000).length / SCATTER_SAMPLE;
    expect(above).toBeGreaterThan(0.3);
    expect(above).toBeLessThan(0.4);
  });

  it('needs two numeric metrics', () => {
    expect(chartError(() => data({ view: 'scatter', metric: 'revenue' }))).toMatchObject({ code: 'missing-field', field: 'metric2' });
    expect(chartError(() => data({ view: 'scatter', metric2: 'revenue' }))).toMatchObject({ code: 'missing-field', field: 'metric' });
    expect(chartError(() => data({ view: 'scatter', metric: 'revenue', metric2: 'customer_id' }))).toMatchObject({ code: 'not-numeric', field: 'metric2' });
  });
});

it('reports a failed tag as tag-failed', () => {
  const broken = chartInput({ m: [1, 2] }, []);
  const failed = { name: 'bad', kind: 'cut' as const, codes: new Int32Array(2), segments: [], cutPoints: [], inputs: {}, error: { code: 'formula' as const, message: 'Unknown name "x".' } };
  const withBad: ChartInput = { ...broken, tags: new Map([['bad', { definition: { kind: 'cut', name: 'bad', metric: 'x', thresholds: [], segments: seg('a') }, result: failed }]]) };
  expect(chartError(() => computeChartData({ view: 'segments', tag: 'bad' }, withBad))).toMatchObject({ code: 'tag-failed' });
  expect(codesOf(input, 'lifecycle')).toHaveLength(rows);
});
