import { formatDay, formatWallClock } from '../sqlite/format-sql-value.ts';
import type { Column } from '../dataset/types.ts';

/**
 * Returns one cell as a grid shows it: text as string, integers and decimals as number, booleans
 * as boolean, dates as `YYYY-MM-DD`, datetimes as `YYYY-MM-DD HH:MM:SS` (wall clock), NULL as null.
 */
export function readGridValue(column: Column, row: number): string | number | boolean | null {
  if (column.type === 'text') {
    const code = column.codes[row];
    return code < 0 ? null : column.dictionary[code];
  }
  const v = column.values[row];
  if (Number.isNaN(v)) return null;
  switch (column.type) {
    case 'date':
      return formatDay(v);
    case 'datetime':
      return formatWallClock(v);
    case 'boolean':
      return v !== 0;
    default:
      return v;
  }
}
