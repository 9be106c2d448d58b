import type { Column } from '../dataset/types.ts';
import { readGridValue } from '../table/read-grid-value.ts';
import type { ExportColumn, ExportValue } from './export-types.ts';

/**
 * The rows an export writes: every row of the table, or (with `codes`) the rows whose segment code
 * is one of `segments` (-1: rows with no segment), in table order; the columns named in `names`
 * in that order (all columns when null; unknown names are the caller's to reject). Values as the
 * grid shows them (readGridValue).
 */
export function readExportRows(
  columns: readonly Column[],
  rowCount: number,
  codes: Int32Array | null,
  segments: readonly number[] | null,
  names: readonly string[] | null,
): { columns: ExportColumn[]; rows: ExportValue[][] } {
  const picked = names === null ? [...columns] : [...new Set(names)].flatMap((name) => columns.filter((c) => c.name === name).slice(0, 1));
  const wanted = codes ? new Set(segments ?? []) : null;
  const rows: ExportValue[][] = [];
  for (let row = 0; row < rowCount; row++) {
    if (codes && wanted && !wanted.has(codes[row])) continue;
    rows.push(picked.map((c) => readGridValue(c, row)));
  }
  return { columns: picked.map((c) => ({ name: c.name, type: c.type })), rows };
}
