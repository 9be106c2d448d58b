import { MS_PER_DAY } from './time-civil-days.ts';

/**
 * Excel's 1900 date system: serial 1 is 1900-01-01, and serial 60 is 1900-02-29, a day that
 * never existed (Lotus 1-2-3's leap-year bug, kept by Excel for compatibility). From serial 61
 * (1900-03-01) on, serial 25569 is 1970-01-01. The fractional part is the time of day.
 * See https://learn.microsoft.com/en-us/office/troubleshoot/excel/wrongly-assumes-1900-is-leap-year
 */
const UNIX_EPOCH_SERIAL = 25_569;
const PHANTOM_LEAP_DAY_SERIAL = 60;
/** 9999-12-31, the last day Excel can show. */
const MAX_SERIAL = 2_958_466;

/**
 * Returns the wall-clock milliseconds since 1970-01-01T00:00 of an Excel serial date-time
 * (43537.5 is 2019-03-13 12:00), rounded to the millisecond; NaN for serials below 1, at or
 * past 9999-12-31, or on the phantom day 1900-02-29 (serial 60).
 */
export function parseExcelSerial(serial: number): number {
  if (!(serial >= 1 && serial < MAX_SERIAL)) return NaN;
  const day = Math.floor(serial);
  if (day === PHANTOM_LEAP_DAY_SERIAL) return NaN;
  // Serials before the phantom day are one day further from 1970 than the count suggests.
  const epochSerial = day < PHANTOM_LEAP_DAY_SERIAL ? UNIX_EPOCH_SERIAL - 1 : UNIX_EPOCH_SERIAL;
  // Round the whole value at once so a fraction like 0.99999999 carries into the next day.
  return Math.round((serial - epochSerial) * MS_PER_DAY);
}
