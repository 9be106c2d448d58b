import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluateTags, recut, segmentStats, type TagDefinition } from '../../../src/engine/tags/index.ts';
import { customers, refCut, sqlCodes, type Value } from './tag-harness.ts';

const valueArb = fc.option(fc.oneof(fc.integer({ min: -50, max: 250 }), fc.double({ min: -50, max: 250, noNaN: true })), { nil: null });
const thresholdsArb = fc.array(fc.oneof(fc.integer({ min: -60, max: 260 }), fc.double({ min: -60, max: 260, noNaN: true })), { minLength: 0, maxLength: 6 }).map((t) => t.sort((a, b) => a - b));

describe('recut', () => {
  it('equals the plain-array reference for every threshold count and side (fast-check)', () => {
    fc.assert(
      fc.property(fc.array(valueArb, { maxLength: 60 }), thresholdsArb, fc.constantFrom('upper' as const, 'lower' as const), (values, thresholds, inclusive) => {
        const out = new Int32Array(values.length);
        recut(Float64Array.from(values, (v) => (v === null ? NaN : v)), Float64Array.from(thresholds), out, inclusive);
        expect([...out]).toEqual(refCut(values, thresholds, inclusive));
      }),
      { numRuns: 500 },
    );
  });

  it('equals the SQL result of the same cut tag for random thresholds and values (fast-check, sql.js)', () => {
    fc.assert(
      fc.property(fc.array(valueArb, { minLength: 1, maxLength: 50 }), thresholdsArb, fc.constantFrom('upper' as const, 'lower' as const), (values, thresholds, inclusive) => {
        const table = customers({ m: values });
        const definition: TagDefinition = {
          kind: 'cut',
          name: 'c',
          metric: 'm',
          thresholds,
          inclusive,
          segments: Array.from({ length: thresholds.length + 1 }, (_, i) => ({ label: `s${i}` })),
        };
        const [result] = evaluateTags([definition], table, []);
        const out = new Int32Array(values.length);
        recut(result.inputs.metric, Float64Array.from(thresholds), out, inclusive);
        expect([...out]).toEqual([...result.codes]);
        expect(sqlCodes(definition, result, table)).toEqual([...out]);
      }),
      { numRuns: 150 },
    );
  });

  it('re-cuts with thresholds taken from a moved parameter without re-evaluating the metric', () => {
    const values: Value[] = [10, 95, 100, 130, null];
    const table = customers({ recency_days: values });
    const definition: TagDefinition = { kind: 'cut', name: 'c', metric: 'recency_days', thresholds: [30, 'silent_days'], segments: [{ label: 'a' }, { label: 'b' }, { label: 'c' }] };
    const [at90] = evaluateTags([definition], table, [{ name: 'silent_days', type: 'number', value: 90 }]);
    const out = new Int32Array(values.length);
    recut(at90.inputs.metric, Float64Array.of(30, 120), out, 'upper');
    const [at120] = evaluateTags([definition], table, [{ name: 'silent_days', type: 'number', value: 120 }]);
    expect([...out]).toEqual([...at120.codes]);
    expect([...out]).toEqual([0, 1, 1, 2, -1]);
  });
});

describe('segmentStats', () => {
  it('counts, sums and shares per segment like a plain loop (fast-check)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }).chain((k) =>
          fc.tuple(fc.constant(k), fc.array(fc.tuple(fc.integer({ min: -1, max: k - 1 }), fc.option(fc.integer({ min: 0, max: 1000 }), { nil: null }), fc.integer({ min: 0, max: 9 })), { maxLength: 80 })),
        ),
        ([k, rows]) => {
          const codes = Int32Array.from(rows, (r) => r[0]);
          const revenue = Float64Array.from(rows, (r) => (r[1] === null ? NaN : r[1]));
          const orders = Float64Array.from(rows, (r) => r[2]);
          const stats = segmentStats(codes, k, revenue, orders);
          const totalRevenue = rows.reduce((s, r) => s + (r[1] ?? 0), 0);
          for (let s = 0; s < k; s++) {
            const mine = rows.filter((r) => r[0] === s);
            const rev = mine.reduce((a, r) => a + (r[1] ?? 0), 0);
            const ord = mine.reduce((a, r) => a + r[2], 0);
            expect(stats.segments[s]).toEqual({
              count: mine.length,
              revenue: rev,
              orders: ord,
              customerShare: rows.length ? mine.length / rows.length : 0,
              revenueShare: totalRevenue ? rev / totalRevenue : 0,
              averageOrderValue: ord > 0 ? rev / ord : NaN,
            });
          }
          expect(stats.nullCount).toBe(rows.filter((r) => r[0] === -1).length);
          expect(stats.totalCount).toBe(rows.length);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('reports empty segments as zero and reuses a scratch buffer', () => {
    const scratch = new Float64Array(48);
    const stats = segmentStats(Int32Array.of(0, 0, 2), 3, Float64Array.of(10, 30, 60), Float64Array.of(1, 3, 2), scratch);
    expect(stats.segments.map((s) => [s.count, s.revenue, s.averageOrderValue])).toEqual([
      [2, 40, 10],
      [0, 0, NaN],
      [1, 60, 30],
    ]);
    expect(stats.segments[0].revenueShare).toBeCloseTo(0.4);
    expect(segmentStats(Int32Array.of(1, -1), 2, Float64Array.of(NaN, 5), Float64Array.of(2, NaN), scratch).segments[1]).toMatchObject({ count: 1, revenue: 0, orders: 2 });
  });
});
