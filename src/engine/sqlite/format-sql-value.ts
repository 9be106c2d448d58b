import type { ColumnType } from '../dataset/types.ts';

const MS_PER_DAY = 86_400_000;

/** Returns the SQLite column type for a Tagbook column type (https://sqlite.org/datatype3.html). */
export function sqliteTypeOf(type: ColumnType): 'TEXT' | 'INTEGER' | 'REAL' {
  switch (type) {
    case 'integer':
    case 'boolean':
      return 'INTEGER';
    case 'decimal':
      return 'REAL';
    default:
      // Dates are ISO-8601 text so SQLite's date functions and text sorting both work.
      return 'TEXT';
  }
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** Returns `YYYY-MM-DD` for a civil day number (days since 1970-01-01). */
export function formatDay(day: number): string {
  const d = new Date(day * MS_PER_DAY);
  const y = d.getUTCFullYear();
  const yyyy = y >= 0 && y < 10000 ? String(y).padStart(4, '0') : String(y);
  return `${yyyy}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
}

/** Returns `YYYY-MM-DD HH:MM:SS` (with `.sss` when there are milliseconds) for wall-clock ms. */
export function formatWallClock(ms: number): string {
  const day = Math.floor(ms / MS_PER_DAY);
  let rest = ms - day * MS_PER_DAY;
  const h = Math.floor(rest / 3_600_000);
  rest -= h * 3_600_000;
  const m = Math.floor(rest / 60_000);
  rest -= m * 60_000;
  const s = Math.floor(rest / 1000);
  const milli = Math.round(rest - s * 1000);
  const time = `${pad2(h)}:${pad2(m)}:${pad2(s)}`;
  return `${formatDay(day)} ${time}${milli ? `.${String(milli).padStart(3, '0')}` : ''}`;
}
