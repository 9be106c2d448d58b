// Invariant: the integer calendar arithmetic agrees with Date.UTC on every day it is used for.
import { describe, expect, it } from 'vitest';
import { daysFromCivil, daysInMonth, isValidCivilDate } from '../../../src/engine/dataset/time-civil-days.ts';

const DAY = 86_400_000;

describe('daysFromCivil(year, month, day)', () => {
  it('agrees with Date.UTC on every day from 1800 to 2200', () => {
    for (let t = Date.UTC(1800, 0, 1); t <= Date.UTC(2200, 11, 31); t += DAY) {
      const d = new Date(t);
      expect(daysFromCivil(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate())).toBe(t / DAY);
    }
  });
  it('puts 1970-01-01 at day 0', () => {
    expect(daysFromCivil(1970, 1, 1)).toBe(0);
  });
});

describe('isValidCivilDate(year, month, day)', () => {
  it.each([
    [2019, 2, 28, true], [2019, 2, 29, false], [2020, 2, 29, true], [1900, 2, 29, false], [2000, 2, 29, true],
    [2019, 4, 30, true], [2019, 4, 31, false], [2019, 12, 31, true], [2019, 13, 1, false], [2019, 0, 1, false], [2019, 1, 0, false],
  ])('%d-%d-%d is valid: %s', (y, m, d, valid) => {
    expect(isValidCivilDate(y, m, d)).toBe(valid);
  });
  it('knows the length of every month', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map((m) => daysInMonth(2019, m))).toEqual([31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]);
  });
});
