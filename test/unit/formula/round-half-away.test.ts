// Invariant (SPEC §4): ROUND rounds half away from zero on the decimal the user sees, and the
// SQL expression gives the same double as the evaluator for every case.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { roundHalfAway, roundHalfAwaySql } from '../../../src/engine/formula/round-half-away.ts';
import { numberSql } from '../../../src/engine/formula/to-sql.ts';
import { SQL } from './formula-harness.ts';

const db = new SQL.Database();
const inSql = (x: number, digits: number): number | null => db.exec(`SELECT ${roundHalfAwaySql(`(${numberSql(x)})`, digits)}`)[0].values[0][0] as number | null;

const CASES: [number, number, number][] = [
  [1.005, 2, 1.01],
  [2.5, 0, 3],
  [-2.5, 0, -3],
  [0.125, 2, 0.13],
  [-0.125, 2, -0.13],
  // Within a few units in the last place of a half counts as the half (as spreadsheets do by
  // rounding at 15 significant digits): the price of ROUND(1.005, 2) = 1.01.
  [1.4999999999999998, 0, 2],
  [0.49999999999999994, 0, 1],
  [1.4999999999999, 0, 1],
  [0.4999999999999, 0, 0],
  [-0.4, 0, 0],
  [1234.5678, -2, 1200],
  [1250, -2, 1300],
  [-1250, -2, -1300],
  [8.345, 2, 8.35],
  [1.255, 2, 1.26],
  [1e16 + 2, 2, 1e16 + 2],
  [123456789.125, 2, 123456789.13],
  [0.000001234, 8, 0.00000123],
  [5e-324, 2, 0],
  [0.1 + 0.2, 15, 0.3],
  [2.675, 2, 2.68],
];

describe('roundHalfAway(x, digits) and its SQL', () => {
  it.each(CASES)('ROUND(%s, %s) = %s in both paths', (x, digits, expected) => {
    expect(roundHalfAway(x, digits)).toBe(expected);
    expect(inSql(x, digits)).toBe(expected);
  });

  it('keeps NULL as NULL', () => {
    expect(roundHalfAway(NaN, 2)).toBeNaN();
    expect(db.exec(`SELECT ${roundHalfAwaySql('(NULL)', 2)}`)[0].values[0][0]).toBeNull();
  });

  it('agrees bit for bit with SQLite on random doubles and digits', () => {
    fc.assert(
      fc.property(fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer({ min: -100_000, max: 100_000 }).map((v) => v / 1000)), fc.integer({ min: -15, max: 15 }), (x, digits) => {
        const js = roundHalfAway(x, digits);
        const sql = inSql(x, digits);
        expect(sql === null ? null : sql + 0).toBe(js + 0);
      }),
      { numRuns: 3000 },
    );
  });
});
