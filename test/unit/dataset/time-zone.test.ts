// Invariant: an instant converts to the wall clock Intl shows for the zone, including across DST
// changes, and the per-hour cache never changes an answer.
import { describe, expect, it } from 'vitest';
import { isValidTimeZone, toWallClockMs, zoneOffsetMs } from '../../../src/engine/dataset/time-zone.ts';

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The wall clock of `instant` in `timeZone`, read independently with Intl (as ms on a UTC clock). */
function intlWallClock(instant: number, timeZone: string): number {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
    });
    formatters.set(timeZone, format);
  }
  const parts = format.formatToParts(instant);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second')) + (((instant % 1000) + 1000) % 1000);
}

const HOUR = 3_600_000;

describe('toWallClockMs(instantMs, timeZone)', () => {
  it.each([
    ['Asia/Shanghai', Date.UTC(2019, 2, 12, 17, 5, 22), Date.UTC(2019, 2, 13, 1, 5, 22)],
    ['UTC', Date.UTC(2019, 2, 12, 17, 5, 22), Date.UTC(2019, 2, 12, 17, 5, 22)],
    // New York springs forward on 2024-03-10 at 02:00 EST (07:00 UTC) and falls back on 2024-11-03 at 02:00 EDT (06:00 UTC).
    ['America/New_York', Date.UTC(2024, 2, 10, 6, 59, 59), Date.UTC(2024, 2, 10, 1, 59, 59)],
    ['America/New_York', Date.UTC(2024, 2, 10, 7, 0, 0), Date.UTC(2024, 2, 10, 3, 0, 0)],
    ['America/New_York', Date.UTC(2024, 10, 3, 5, 30), Date.UTC(2024, 10, 3, 1, 30)],
    ['America/New_York', Date.UTC(2024, 10, 3, 6, 30), Date.UTC(2024, 10, 3, 1, 30)],
  ])('converts an instant into %s wall-clock time', (zone, instant, wall) => {
    expect(toWallClockMs(instant, zone)).toBe(wall);
  });

  it.each(['Asia/Shanghai', 'America/New_York', 'Europe/London', 'Asia/Kolkata', 'Australia/Lord_Howe', 'UTC'])(
    'agrees with Intl every 37 minutes over two years in %s',
    (zone) => {
      for (let t = Date.UTC(2023, 0, 1) + 123; t < Date.UTC(2025, 0, 1); t += 37 * 60_000) {
        const expected = intlWallClock(t, zone);
        if (toWallClockMs(t, zone) !== expected) expect(toWallClockMs(t, zone)).toBe(expected);
      }
    },
  );

  it('handles the half-hour transition hour of Lord Howe Island per value', () => {
    // Lord Howe moves from +10:30 to +11:00 at 02:00 local on 2024-10-06, i.e. 15:30 UTC on 10-05.
    expect(zoneOffsetMs(Date.UTC(2024, 9, 5, 15, 29), 'Australia/Lord_Howe')).toBe(10.5 * HOUR);
    expect(zoneOffsetMs(Date.UTC(2024, 9, 5, 15, 31), 'Australia/Lord_Howe')).toBe(11 * HOUR);
  });

  it('keeps milliseconds', () => {
    expect(toWallClockMs(Date.UTC(2019, 2, 12, 17, 5, 22, 789), 'Asia/Shanghai')).toBe(Date.UTC(2019, 2, 13, 1, 5, 22, 789));
  });
});

describe('isValidTimeZone(timeZone)', () => {
  it.each(['UTC', 'Asia/Shanghai', 'America/New_York'])('accepts %s', (zone) => {
    expect(isValidTimeZone(zone)).toBe(true);
  });
  it.each(['Mars/Olympus', '', 'GMT+25'])('rejects %j', (zone) => {
    expect(isValidTimeZone(zone)).toBe(false);
  });
});
