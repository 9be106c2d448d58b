// The segment table a threshold step shows from the sorted index equals the one the re-cut gives
// (recut + segmentStats over every customer), on random metrics with ties, NULLs and NULL revenue,
// for both inclusive rules and thresholds on, between and beyond the values.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { recut, segmentStats } from '../../../src/engine/tags/recut.ts';
import { buildThresholdIndex, thresholdStats } from '../../../src/engine/tags/threshold-index.ts';
import type { Inclusive } from '../../../src/engine/tags/types.ts';

function viaRecut(metric: Float64Array, revenue: Float64Array, orders: Float64Array, thresholds: number[], inclusive: Inclusive) {
  const codes = new Int32Array(metric.length);
  recut(metric, Float64Array.from(thresholds), codes, inclusive);
  return segmentStats(codes, thresholds.length + 1, revenue, orders);
}

function expectClose(a: ReturnType<typeof thresholdStats>, b: ReturnType<typeof thresholdStats>) {
  expect(a.nullCount).toBe(b.nullCount);
  expect(a.totalCount).toBe(b.totalCount);
  expect(a.nullRevenue).toBeCloseTo(b.nullRevenue, 6);
  expect(a.totalRevenue).toBeCloseTo(b.totalRevenue, 6);
  expect(a.segments.length).toBe(b.segments.length);
  a.segments.forEach((s, j) => {
    const t = b.segments[j];
    expect(s.count).toBe(t.count);
    expect(s.orders).toBe(t.orders);
    expect(s.revenue).toBeCloseTo(t.revenue, 6);
    expect(s.customerShare).toBe(t.customerShare);
    expect(s.revenueShare).toBeCloseTo(t.revenueShare, 12);
    if (Number.isNaN(t.averageOrderValue)) expect(s.averageOrderValue).toBeNaN();
    else expect(s.averageOrderValue).toBeCloseTo(t.averageOrderValue, 6);
  });
}

describe('thresholdStats(buildThresholdIndex(…), thresholds)', () => {
  it('equals the re-cut on crafted ties at the thresholds, NULL metrics and NULL revenue', () => {
    const metric = Float64Array.from([30, 30, 90, NaN, 0, 180, 181, 90, 45, NaN, -5]);
    const revenue = Float64Array.from([10, 20, 30, 40, NaN, 60, 70, 80, 90, 100, 5]);
    const orders = Float64Array.from([1, 2, 3, 4, 5, NaN, 7, 8, 9, 10, 1]);
    for (const inclusive of ['upper', 'lower'] as const) {
      const index = buildThresholdIndex(metric, revenue, orders, inclusive);
      for (const thresholds of [[30, 90, 180], [30, 30, 30], [-100], [1000], [0, 45]]) {
        expectClose(thresholdStats(index, thresholds), viaRecut(metric, revenue, orders, thresholds, inclusive));
      }
    }
    // By hand: ≤30 holds 30, 30, 0 and -5 (upper); <30 only 0 and -5 (lower).
    expect(thresholdStats(buildThresholdIndex(metric, revenue, orders, 'upper'), [30]).segments[0].count).toBe(4);
    expect(thresholdStats(buildThresholdIndex(metric, revenue, orders, 'lower'), [30]).segments[0].count).toBe(2);
  });

  it('equals the re-cut on random metrics and thresholds', () => {
    const value = fc.oneof(fc.integer({ min: -20, max: 20 }), fc.constant(Number.NaN), fc.double({ min: -1e6, max: 1e6, noNaN: true }));
    fc.assert(
      fc.property(
        fc.array(fc.tuple(value, fc.option(fc.integer({ min: -1000, max: 100000 }), { nil: Number.NaN }), fc.integer({ min: 0, max: 30 })), { maxLength: 200 }),
        fc.array(fc.oneof(fc.integer({ min: -25, max: 25 }), fc.double({ min: -2e6, max: 2e6, noNaN: true })), { minLength: 1, maxLength: 6 }),
        fc.constantFrom<Inclusive>('upper', 'lower'),
        (rows, raw, inclusive) => {
          const metric = Float64Array.from(rows.map((r) => r[0]));
          const revenue = Float64Array.from(rows.map((r) => r[1] / 100));
          const orders = Float64Array.from(rows.map((r) => r[2]));
          const thresholds = [...raw].sort((a, b) => a - b);
          expectClose(thresholdStats(buildThresholdIndex(metric, revenue, orders, inclusive), thresholds), viaRecut(metric, revenue, orders, thresholds, inclusive));
        },
      ),
      { numRuns: 300 },
    );
  });
});
