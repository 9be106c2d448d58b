/**
 * Converting instants into wall-clock time of an IANA zone with Intl, which carries the tz
 * database (no zone data of our own). Datetime columns store wall-clock milliseconds in the
 * workspace zone, so a value written with an offset (`…T10:05:22+08:00`) is moved into it.
 *
 * formatToParts costs microseconds; a million values would take seconds. Offsets only change
 * at zone transitions, so they are cached per UTC hour: an hour whose start and end share an
 * offset has that offset throughout (transitions are hours apart), and the rare hour holding a
 * transition (e.g. on a half-hour, Lord Howe Island) is computed per value.
 */
import { daysFromCivil, MS_PER_DAY } from './time-civil-days.ts';

const MS_PER_HOUR = 3_600_000;
/** Cached hours per zone before the cache is dropped (≈ 110 years of hourly offsets). */
const MAX_CACHED_HOURS = 1_000_000;
const TRANSITION_HOUR = Number.NaN;

interface ZoneCache {
  format: Intl.DateTimeFormat;
  offsetsByHour: Map<number, number>;
}

const zones = new Map<string, ZoneCache>();

function zoneCache(timeZone: string): ZoneCache {
  let cache = zones.get(timeZone);
  if (!cache) {
    cache = {
      // hourCycle h23: some engines write midnight as hour 24 under `hour12: false`.
      format: new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      }),
      offsetsByHour: new Map(),
    };
    zones.set(timeZone, cache);
  }
  return cache;
}

/** True when `timeZone` is an IANA zone name this engine knows (e.g. 'Asia/Shanghai', 'UTC'). */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    zoneCache(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The offset at one instant, by asking Intl for the wall clock of the whole second. */
function exactOffsetMs(format: Intl.DateTimeFormat, instantMs: number): number {
  const second = Math.floor(instantMs / 1000) * 1000;
  let year = 0;
  let month = 0;
  let day = 0;
  let hour = 0;
  let minute = 0;
  let sec = 0;
  for (const part of format.formatToParts(second)) {
    switch (part.type) {
      case 'year':
        year = Number(part.value);
        break;
      case 'month':
        month = Number(part.value);
        break;
      case 'day':
        day = Number(part.value);
        break;
      case 'hour':
        hour = Number(part.value);
        break;
      case 'minute':
        minute = Number(part.value);
        break;
      case 'second':
        sec = Number(part.value);
        break;
    }
  }
  const wallMs = daysFromCivil(year, month, day) * MS_PER_DAY + ((hour * 60 + minute) * 60 + sec) * 1000;
  return wallMs - second;
}

/** Returns the offset of `timeZone` from UTC at an instant, in ms (Asia/Shanghai: 28 800 000); throws RangeError for an unknown zone. */
export function zoneOffsetMs(instantMs: number, timeZone: string): number {
  if (timeZone === 'UTC') return 0;
  const cache = zoneCache(timeZone);
  const hour = Math.floor(instantMs / MS_PER_HOUR);
  let offset = cache.offsetsByHour.get(hour);
  if (offset === undefined) {
    const atStart = exactOffsetMs(cache.format, hour * MS_PER_HOUR);
    const atEnd = exactOffsetMs(cache.format, (hour + 1) * MS_PER_HOUR - 1);
    offset = atStart === atEnd ? atStart : TRANSITION_HOUR;
    if (cache.offsetsByHour.size >= MAX_CACHED_HOURS) cache.offsetsByHour.clear();
    cache.offsetsByHour.set(hour, offset);
  }
  return offset === offset ? offset : exactOffsetMs(cache.format, instantMs);
}

/** Returns the wall-clock ms (since 1970-01-01T00:00 on that clock) of an instant in `timeZone`. */
export function toWallClockMs(instantMs: number, timeZone: string): number {
  return instantMs + zoneOffsetMs(instantMs, timeZone);
}
