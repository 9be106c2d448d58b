// Invariant: Excel serials map to the day Excel shows, including around its phantom 1900-02-29.
import { describe, expect, it } from 'vitest';
import { parseExcelSerial } from '../../../src/engine/dataset/parse-excel-serial.ts';

describe('parseExcelSerial(serial)', () => {
  it.each([
    [1, Date.UTC(1900, 0, 1)],
    [59, Date.UTC(1900, 1, 28)],
    [61, Date.UTC(1900, 2, 1)],
    [25569, Date.UTC(1970, 0, 1)],
    [43537, Date.UTC(2019, 2, 13)],
    [43537.5, Date.UTC(2019, 2, 13, 12)],
    [43537.42039351852, Date.UTC(2019, 2, 13, 10, 5, 22)],
    [45000.99999999999, Date.UTC(2023, 2, 16)],
  ])('reads serial %d as the wall clock Excel shows', (serial, utc) => {
    expect(parseExcelSerial(serial)).toBe(utc);
  });
  it.each([0, -1, 60, 60.5, 0.5, 2958466, NaN, Infinity])('rejects serial %d', (serial) => {
    expect(parseExcelSerial(serial)).toBeNaN();
  });
});
