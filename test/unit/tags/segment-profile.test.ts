import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { segmentProfile, type Column } from '../../../src/engine/index.ts';

/** The reference: per group, the non-NULL values as a plain array, their mean and median. */
function reference(values: (number | null)[], codes: number[], group: number) {
  const xs = values.filter((v, i) => v !== null && codes[i] === group) as number[];
  xs.sort((a, b) => a - b);
  const n = xs.length;
  const median = n === 0 ? NaN : n % 2 ? xs[(n - 1) / 2] : (xs[n / 2 - 1] + xs[n / 2]) / 2;
  return { count: n, mean: n ? xs.reduce((a, b) => a + b, 0) / n : NaN, median };
}

const numeric = (name: string, values: (number | null)[], type: 'integer' | 'decimal' = 'decimal'): Column => ({
  name,
  type,
  values: Float64Array.from(values, (v) => (v === null ? NaN : v)),
});

describe('segmentProfile', () => {
  it('gives each numeric column’s mean and median per segment, NULLs left out, no-segment customers last', () => {
    const columns: Column[] = [
      { name: 'customer_id', type: 'text', codes: Int32Array.from([0, 1, 2, 3, 4]), dictionary: ['a', 'b', 'c', 'd', 'e'] },
      numeric('revenue', [10, 20, null, 40, 50]),
      numeric('orders', [1, 2, 3, 4, 5], 'integer'),
      { name: 'first_order_at', type: 'date', values: Float64Array.from([1, 2, 3, 4, 5]) },
    ];
    const codes = Int32Array.from([0, 0, 1, -1, 1]);
    const profile = segmentProfile(columns, codes, 3);
    expect(profile.map((p) => p.name)).toEqual(['revenue', 'orders']);
    const revenue = profile[0];
    expect(revenue.segments).toEqual([
      { count: 2, mean: 15, median: 15 },
      { count: 1, mean: 50, median: 50 },
      { count: 0, mean: NaN, median: NaN },
      { count: 1, mean: 40, median: 40 },
    ]);
    expect(revenue.overall).toEqual({ count: 4, mean: 30, median: 30 });
  });

  it('equals a plain-array reference on random columns (fast-check)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.option(fc.integer({ min: -1000, max: 1000 }), { nil: null }), fc.integer({ min: -1, max: 3 })), { maxLength: 60 }),
        (rows) => {
          const values = rows.map((r) => r[0]);
          const codes = rows.map((r) => r[1]);
          const [profile] = segmentProfile([numeric('m', values)], Int32Array.from(codes), 4);
          const groups = codes.includes(-1) ? [0, 1, 2, 3, -1] : [0, 1, 2, 3];
          groups.forEach((g, k) => {
            const want = reference(values, codes, g);
            const got = profile.segments[k];
            expect(got.count).toBe(want.count);
            if (want.count) {
              expect(got.mean).toBeCloseTo(want.mean, 9);
              expect(got.median).toBe(want.median);
            } else expect(got.median).toBeNaN();
          });
        },
      ),
    );
  });
});
