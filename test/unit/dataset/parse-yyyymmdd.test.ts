// Invariant: 8-digit numbers become dates only when they name a real day.
import { describe, expect, it } from 'vitest';
import { parseYyyymmdd } from '../../../src/engine/dataset/parse-yyyymmdd.ts';

const DAY = 86_400_000;

describe('parseYyyymmdd(value)', () => {
  it.each([
    [19970101, Date.UTC(1997, 0, 1)],
    [20121231, Date.UTC(2012, 11, 31)],
    [20200229, Date.UTC(2020, 1, 29)],
    [19000101, Date.UTC(1900, 0, 1)],
  ])('reads %d as its day', (value, utc) => {
    expect(parseYyyymmdd(value)).toBe(utc / DAY);
  });
  it.each([20190229, 20191301, 20190100, 20190132, 1997010, 199701011, 19970101.5, -19970101])('rejects %d', (value) => {
    expect(parseYyyymmdd(value)).toBeNaN();
  });
});
