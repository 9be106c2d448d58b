// Replenishment cycle, cross-sell and shopping path against brute-force references over the rows
// (lines-harness.ts): crafted cases (same-day orders, a product twice in an order, one-order
// customers, NULL products, empty input) and random line sets (fast-check).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { boughtOrders, crossSell } from '../../../src/engine/analyses/cross-sell.ts';
import { replenishmentCycles, replenishmentRatio } from '../../../src/engine/analyses/replenishment.ts';
import { shoppingPaths } from '../../../src/engine/analyses/shopping-path.ts';
import { isAnalysisError } from '../../../src/engine/analyses/types.ts';
import { linesOf, medianOf, referenceCycles, referencePairs, referencePaths, type7, type Row } from './lines-harness.ts';

const r = (customer: string, day: number, order: string, item: string | null): Row => ({ customer, day, order, item });

/** c1 buys milk on days 0, 7 (twice that day, two orders), 7, 21; bread with milk in o1; c2 once; c3 milk twice in one order. */
const CRAFTED: Row[] = [
  r('c1', 0, 'o1', 'milk'),
  r('c1', 0, 'o1', 'bread'),
  r('c1', 7, 'o2', 'milk'),
  r('c1', 7, 'o3', 'milk'),
  r('c1', 21, 'o4', 'milk'),
  r('c1', 21, 'o4', 'eggs'),
  r('c2', 3, 'o5', 'milk'),
  r('c2', 3, 'o5', null),
  r('c3', 5, 'o6', 'milk'),
  r('c3', 5, 'o6', 'milk'),
  r('c3', 9, 'o7', 'bread'),
  r('c3', 12, 'o8', 'eggs'),
  r('c3', 12, 'o8', 'milk'),
];

describe('replenishmentCycles', () => {
  it('counts distinct purchase days per customer: same-day orders and a product twice in an order are one day', () => {
    const rows = replenishmentCycles(linesOf(CRAFTED), { minPairs: 3 });
    const milk = rows.find((x) => x.item === 'milk')!;
    // c1: days 0, 7, 21 → gaps 7, 14; c2: one day; c3: days 5, 12 → gap 7.
    expect(milk).toEqual({ item: 'milk', customers: 3, repeatCustomers: 2, pairs: 3, q1: 7, median: 7, q3: 10.5, fewPairs: false });
    expect(rows.find((x) => x.item === 'bread')).toMatchObject({ customers: 2, pairs: 0, fewPairs: true });
    expect(Number.isNaN(rows.find((x) => x.item === 'bread')!.median)).toBe(true);
    expect(rows[0].item).toBe('milk');
    expect(replenishmentCycles(linesOf([]), { minPairs: 1 })).toEqual([]);
  });

  it('equals the brute-force reference on random lines', () => {
    fc.assert(
      fc.property(fc.array(rowArbitrary(), { maxLength: 60 }), fc.integer({ min: 0, max: 4 }), (rows, minPairs) => {
        const got = replenishmentCycles(linesOf(rows), { minPairs });
        const want = referenceCycles(rows);
        expect(got.length).toBe(want.size);
        for (const row of got) {
          const ref = want.get(row.item)!;
          expect(row.customers).toBe(ref.customers);
          expect(row.repeatCustomers).toBe(ref.repeat);
          expect(row.pairs).toBe(ref.gaps.length);
          expect(row.fewPairs).toBe(ref.gaps.length < minPairs);
          for (const [p, key] of [[0.25, 'q1'], [0.5, 'median'], [0.75, 'q3']] as const) {
            const want = type7(ref.gaps, p);
            if (Number.isNaN(want)) expect(row[key]).toBeNaN();
            else expect(row[key]).toBeCloseTo(want, 9);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('refuses a bad minimum', () => {
    for (const minPairs of [-1, 1.5, NaN]) {
      let error: unknown;
      try {
        replenishmentCycles(linesOf(CRAFTED), { minPairs });
      } catch (e) {
        error = e;
      }
      expect(isAnalysisError(error)).toBe(true);
    }
  });
});

describe('replenishmentRatio', () => {
  it('is the largest (as of − last purchase day) / median cycle over the chosen products each customer bought', () => {
    const lines = linesOf(CRAFTED, 30, ['c0']);
    const cycles = replenishmentCycles(lines, { minPairs: 0 });
    const ratio = replenishmentRatio(lines, cycles, ['milk', 'bread', 'unknown']);
    // milk's cycle is 7 days; bread has no cycle. c1 last milk day 21 → 9/7; c2 day 3 → 27/7; c3 day 12 → 18/7; c0 bought nothing.
    expect(Array.from(ratio)).toEqual([NaN, 9 / 7, 27 / 7, 18 / 7]);
    expect(() => replenishmentRatio(lines, cycles, [])).toThrow(/at least one/);
  });
});

describe('crossSell', () => {
  it('counts each order once per pair, with directional confidences', () => {
    const { rows, orders, pairsFound } = crossSell(linesOf(CRAFTED), { minOrders: 1, minSupport: 0, limit: 10 });
    // Orders with a product: o1..o8 = 8; milk in o1,o2,o3,o4,o5,o6,o8 = 7; bread in o1,o7 = 2; eggs in o4,o8 = 2.
    expect(orders).toBe(8);
    expect(pairsFound).toBe(2);
    const eggsMilk = rows.find((x) => x.b === 'eggs')!;
    expect(eggsMilk).toMatchObject({ a: 'milk', b: 'eggs', orders: 2, ordersA: 7, ordersB: 2, confidenceAB: 2 / 7, confidenceBA: 1 });
    expect(eggsMilk.support).toBeCloseTo(2 / 8);
    expect(eggsMilk.lift).toBeCloseTo(2 / 8 / ((7 / 8) * (2 / 8)));
    expect(crossSell(linesOf(CRAFTED), { minOrders: 2, minSupport: 0, limit: 10 }).rows.map((x) => x.b)).toEqual(['eggs']);
    expect(crossSell(linesOf(CRAFTED), { minOrders: 1, minSupport: 0.2, limit: 10 }).rows.map((x) => x.b)).toEqual(['eggs']);
    expect(crossSell(linesOf(CRAFTED), { minOrders: 1, minSupport: 0, limit: 1 })).toMatchObject({ pairsFound: 2, rows: [{ b: 'eggs' }] });
    expect(crossSell(linesOf([]), { minOrders: 1, minSupport: 0, limit: 5 })).toEqual({ rows: [], orders: 0, pairsFound: 0 });
  });

  it('equals the brute-force reference on random lines', () => {
    fc.assert(
      fc.property(fc.array(rowArbitrary(), { maxLength: 60 }), fc.integer({ min: 1, max: 3 }), (rows, minOrders) => {
        const got = crossSell(linesOf(rows), { minOrders, minSupport: 0, limit: 1000 });
        const ref = referencePairs(rows);
        expect(got.orders).toBe(ref.orders);
        const expected = [...ref.both].filter(([, n]) => n >= minOrders);
        expect(got.pairsFound).toBe(expected.length);
        for (const row of got.rows) {
          const key = [row.a, row.b].sort().join('\u0000');
          expect(row.orders).toBe(ref.both.get(key));
          expect(row.ordersA).toBe(ref.ordersOf.get(row.a));
          expect(row.ordersB).toBe(ref.ordersOf.get(row.b));
          expect(row.ordersA).toBeGreaterThanOrEqual(row.ordersB);
          expect(row.confidenceAB).toBeCloseTo(row.orders / ref.ordersOf.get(row.a)!, 12);
        }
        for (let i = 1; i < got.rows.length; i++) expect(got.rows[i - 1].orders).toBeGreaterThanOrEqual(got.rows[i].orders);
      }),
      { numRuns: 300 },
    );
  });

  it('refuses bad filters', () => {
    for (const options of [
      { minOrders: 0, minSupport: 0, limit: 1 },
      { minOrders: 1, minSupport: 2, limit: 1 },
      { minOrders: 1, minSupport: 0, limit: 0 },
    ]) {
      expect(() => crossSell(linesOf(CRAFTED), options)).toThrow();
    }
  });
});

describe('boughtOrders', () => {
  it('counts each customer\'s distinct orders holding any of the products', () => {
    const lines = linesOf(CRAFTED, 30, ['c0']);
    expect(Array.from(boughtOrders(lines, ['milk']))).toEqual([0, 4, 1, 2]);
    expect(Array.from(boughtOrders(lines, ['bread', 'eggs']))).toEqual([0, 2, 0, 2]);
    expect(Array.from(boughtOrders(lines, ['tea']))).toEqual([0, 0, 0, 0]);
  });
});

describe('shoppingPaths', () => {
  it('needs B on a later day than the first A, and takes the first such B', () => {
    const { rows } = shoppingPaths(linesOf(CRAFTED), { minCustomers: 1, limit: 50 });
    const path = (a: string, b: string) => rows.find((x) => x.a === a && x.b === b);
    // milk → eggs: c1 (0 → 21), c3 (5 → 12): 2 of 3 milk buyers, median (21 + 7) / 2.
    expect(path('milk', 'eggs')).toEqual({ a: 'milk', b: 'eggs', customers: 2, shareOfA: 2 / 3, medianDays: 14, buyersA: 3 });
    // bread → milk: c1 bread day 0, milk later day 7; c3 bread day 9, milk day 12.
    expect(path('bread', 'milk')).toMatchObject({ customers: 2, medianDays: 5 });
    // Same-day purchases make no path: c1's milk and bread on day 0 do not make milk → bread for c1.
    expect(path('milk', 'bread')).toMatchObject({ customers: 1, medianDays: 4 });
  });

  it('equals the brute-force reference on random lines', () => {
    fc.assert(
      fc.property(fc.array(rowArbitrary(), { maxLength: 60 }), (rows) => {
        const got = shoppingPaths(linesOf(rows), { minCustomers: 1, limit: 10_000 });
        const ref = referencePaths(rows);
        expect(got.pathsFound).toBe(ref.gaps.size);
        for (const row of got.rows) {
          const gaps = ref.gaps.get(`${row.a}\u0000${row.b}`)!;
          expect(row.customers).toBe(gaps.length);
          expect(row.buyersA).toBe(ref.buyers.get(row.a));
          expect(row.medianDays).toBe(medianOf(gaps));
        }
      }),
      { numRuns: 300 },
    );
  });
});

function rowArbitrary(): fc.Arbitrary<Row> {
  return fc.record({
    customer: fc.constantFrom('c1', 'c2', 'c3', 'c4'),
    day: fc.integer({ min: 0, max: 15 }),
    order: fc.constantFrom('o1', 'o2', 'o3', 'o4', 'o5', 'o6'),
    item: fc.option(fc.constantFrom('A', 'B', 'C', 'D'), { nil: null, freq: 8 }),
  });
}
