import type { RawTable } from './types.ts';

/**
 * Returns the cells of one column for the selected data rows (all rows when `rows` is
 * undefined); null where a row had no such field. Read once, so the scans and the build that
 * follow do not each re-slice the text.
 */
export function readCells(raw: RawTable, column: number, rows?: Int32Array): (string | null)[] {
  const n = rows ? rows.length : raw.rowCount;
  const cells: (string | null)[] = new Array(n);
  if (rows) {
    for (let i = 0; i < n; i++) cells[i] = raw.cell(column, rows[i]);
  } else {
    for (let i = 0; i < n; i++) cells[i] = raw.cell(column, i);
  }
  return cells;
}
