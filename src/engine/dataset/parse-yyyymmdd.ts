import { daysFromCivil, isValidCivilDate } from './time-civil-days.ts';

/**
 * Returns the civil days since 1970-01-01 of an 8-digit `yyyymmdd` number (19970101 is
 * 1997-01-01), or NaN when it is not a whole number naming a real date.
 */
export function parseYyyymmdd(value: number): number {
  if (!Number.isInteger(value) || value < 10_000_101 || value > 99_991_231) return NaN;
  const year = Math.floor(value / 10_000);
  const month = Math.floor(value / 100) % 100;
  const day = value % 100;
  return isValidCivilDate(year, month, day) ? daysFromCivil(year, month, day) : NaN;
}
