// Invariant: every accepted date form gives the civil day and time a person reads in it (checked
// against Date.UTC arithmetic, not against another parser), and impossible dates are rejected.
import { describe, expect, it } from 'vitest';
import { DateParts, DEFAULT_DATE_ORDER, parseDate } from '../../../src/engine/dataset/parse-date.ts';
import type { DateOrder } from '../../../src/engine/dataset/types.ts';

const DAY = 86_400_000;
const dayOf = (y: number, m: number, d: number): number => Date.UTC(y, m - 1, d) / DAY;
const timeOf = (h: number, mi: number, s = 0, ms = 0): number => ((h * 60 + mi) * 60 + s) * 1000 + ms;

describe('parseDate(text, order, out)', () => {
  const parts = new DateParts();
  const read = (text: string, order: DateOrder = DEFAULT_DATE_ORDER) => {
    const ok = parseDate(text, order, parts);
    return { ok, days: parts.days, timeMs: parts.timeMs, hasTime: parts.hasTime, hasOffset: parts.hasOffset, offsetMinutes: parts.offsetMinutes };
  };

  const dates: [string, [number, number, number], DateOrder?][] = [
    ['2019-03-13', [2019, 3, 13]],
    ['2019/3/13', [2019, 3, 13]],
    ['2019.3.13', [2019, 3, 13]],
    ['2019年3月13日', [2019, 3, 13]],
    ['２０１９年３月１３日', [2019, 3, 13]],
    ['  2019-03-13  ', [2019, 3, 13]],
    ['13/03/2019', [2019, 3, 13], 'dmy'],
    ['03/13/2019', [2019, 3, 13], 'mdy'],
    ['3/13/2019', [2019, 3, 13], 'mdy'],
    ['13.03.2019', [2019, 3, 13], 'dmy'],
    ['2/1/2014', [2014, 2, 1], 'mdy'],
    ['2/1/2014', [2014, 1, 2], 'dmy'],
    ['2020-02-29', [2020, 2, 29]],
    ['2000-02-29', [2000, 2, 29]],
    ['1900-01-01', [1900, 1, 1]],
    ['1969-12-31', [1969, 12, 31]],
    ['9999-12-31', [9999, 12, 31]],
  ];
  it.each(dates)('reads %j as a date', (text, [y, m, d], order) => {
    expect(read(text, order)).toMatchObject({ ok: true, days: dayOf(y, m, d), hasTime: false, hasOffset: false });
  });

  it('reads year 1 as 719 162 days before 1970', () => {
    // Date.UTC maps two-digit years to 19xx, so build the reference with setUTCFullYear.
    const reference = new Date(0);
    reference.setUTCFullYear(1, 0, 1);
    expect(read('0001-01-01').days).toBe(reference.getTime() / DAY);
  });

  const dateTimes: [string, [number, number, number], number][] = [
    ['2019/03/13 10:05', [2019, 3, 13], timeOf(10, 5)],
    ['2019-03-13 10:05:22', [2019, 3, 13], timeOf(10, 5, 22)],
    ['2019-03-13T10:05:22', [2019, 3, 13], timeOf(10, 5, 22)],
    ['2019-03-13T10:05:22.5', [2019, 3, 13], timeOf(10, 5, 22, 500)],
    ['2019-03-13 10:05:22.123456', [2019, 3, 13], timeOf(10, 5, 22, 123)],
    ['2019-03-13 10:05:22,25', [2019, 3, 13], timeOf(10, 5, 22, 250)],
    ['2019-03-13 9:05', [2019, 3, 13], timeOf(9, 5)],
    ['2019-03-13   00:00:00', [2019, 3, 13], 0],
    ['2019-03-13 23:59:59', [2019, 3, 13], timeOf(23, 59, 59)],
    ['2019年3月13日 10:05', [2019, 3, 13], timeOf(10, 5)],
    ['2019年3月13日10:05', [2019, 3, 13], timeOf(10, 5)],
    ['3/13/2019 10:05 PM', [2019, 3, 13], timeOf(22, 5)],
    ['3/13/2019 12:05 am', [2019, 3, 13], timeOf(0, 5)],
    ['3/13/2019 12:05 PM', [2019, 3, 13], timeOf(12, 5)],
  ];
  it.each(dateTimes)('reads %j as a date-time', (text, [y, m, d], timeMs) => {
    expect(read(text)).toMatchObject({ ok: true, days: dayOf(y, m, d), hasTime: true, timeMs, hasOffset: false });
  });

  const offsets: [string, number][] = [
    ['2019-03-13T10:05:22Z', 0],
    ['2019-03-13T10:05:22z', 0],
    ['2019-03-13T10:05:22+08:00', 480],
    ['2019-03-13T10:05:22+0800', 480],
    ['2019-03-13T10:05:22+08', 480],
    ['2019-03-13 10:05:22 -05:30', -330],
    ['2019-03-13T10:05:22.250-04:00', -240],
  ];
  it.each(offsets)('reads the offset of %j', (text, offsetMinutes) => {
    const result = read(text);
    expect(result).toMatchObject({ ok: true, hasTime: true, hasOffset: true, offsetMinutes, days: dayOf(2019, 3, 13) });
  });

  it('gives the same instant as Date.UTC for offset values', () => {
    const result = read('2019-03-13T01:05:22+08:00');
    const instant = result.days * DAY + result.timeMs - result.offsetMinutes * 60_000;
    expect(instant).toBe(Date.UTC(2019, 2, 12, 17, 5, 22));
  });

  const rejected: [string, DateOrder?][] = [
    ['2019-02-29'],
    ['2019-02-30'],
    ['2019-13-01'],
    ['2019-00-10'],
    ['2019-04-31'],
    ['1900-02-29'],
    ['2019-03-13 24:00'],
    ['2019-03-13 10:60'],
    ['2019-03-13 10:05:60'],
    ['2019-03-13 13:05 PM'],
    ['2019-03-13T'],
    ['2019-03-13Z'],
    ['2019-03-13 10:05+25:00'],
    ['2019-03/13'],
    ['2019-3-130'],
    ['20190313'],
    ['19-03-13'],
    ['1/2/19'],
    ['13/13/2019', 'dmy'],
    ['13/03/2019', 'mdy'],
    ['03/13/2019', 'dmy'],
    ['03/13/2019', 'ymd'],
    ['12.5'],
    ['2019'],
    ['abc'],
    [''],
    ['2019-03-13 10'],
    ['2019-03-13 10:5'],
    ['2019-03-13 junk'],
    ['2019年3月'],
  ];
  it.each(rejected)('rejects %j', (text, order = DEFAULT_DATE_ORDER) => {
    expect(parseDate(text, order, parts)).toBe(false);
  });

  it('reports the two leading numbers of a year-last date even when the order rejects it', () => {
    expect(parseDate('13/03/2019', 'mdy', parts)).toBe(false);
    expect(parts).toMatchObject({ yearLast: true, first: 13, second: 3 });
    expect(parseDate('2019-03-13', 'mdy', parts)).toBe(true);
    expect(parts.yearLast).toBe(false);
  });

  it('reports 2019-02-30 as not a date even after a valid day was cached', () => {
    expect(parseDate('2019-02-28', 'mdy', parts)).toBe(true);
    expect(parseDate('2019-02-30', 'mdy', parts)).toBe(false);
    expect(parseDate('2019-02-28 10:00', 'mdy', parts)).toBe(true);
    expect(parts.days).toBe(dayOf(2019, 2, 28));
  });

  it('uses month/day/year as the default order', () => {
    expect(DEFAULT_DATE_ORDER).toBe('mdy');
  });
});
