import { formatDay, formatWallClock } from '../sqlite/format-sql-value.ts';
import type { Column } from './types.ts';

/** Returns the display text of one cell (null for NULL): dates ISO, numbers in full precision. */
export function formatCell(column: Column, row: number): string | null {
  if (column.type === 'text') {
    const code = column.codes[row];
    return code < 0 ? null : column.dictionary[code];
  }
  const v = column.values[row];
  if (v !== v) return null;
  switch (column.type) {
    case 'date':
      return formatDay(v);
    case 'datetime':
      return formatWallClock(v);
    case 'boolean':
      return v ? 'true' : 'false';
    default:
      return String(v);
  }
}

/** Returns the number of rows of a column. */
export function columnLength(column: Column): number {
  return column.type === 'text' ? column.codes.length : column.values.length;
}
