/**
 * Scanned rows to a RawTable: picks the header (or names column_1..n), settles the width, and
 * reports ragged rows.
 *
 * Width: the header's field count (the first row's when there is no header). A trailing
 * delimiter on every line is not raggedness, and no field is lost by ignoring it:
 * - the header (or first row) ends with an empty field, and every data row either has that field
 *   empty or stops before it: the last column is dropped;
 * - the header does not, but every data row has exactly one more field, empty: that field is
 *   dropped from each row.
 * Other rows with more or fewer fields are kept as they are and reported; the import policy
 * (keep, exclude) is decided later from fieldCounts and extraFields.
 */
import type { ScannedRows } from './scanned-rows.ts';
import type { ImportIssue, RawTable } from './types.ts';

/** Builds the RawTable over `rows`; `separator` joins extra fields (a space for whitespace files). */
export function makeRawTable(rows: ScannedRows, hasHeader: boolean, separator: string): { raw: RawTable; issues: ImportIssue[] } {
  const dataStart = hasHeader ? 1 : 0;
  const rowCount = Math.max(rows.rowCount - dataStart, 0);
  const lineNumbers = rows.lineNumbers.slice(dataStart, dataStart + rowCount);
  const fieldCounts = rows.fieldCounts.slice(dataStart, dataStart + rowCount);
  const readField = (row: number, index: number): string => rows.field(row + dataStart, index);
  let width = rows.rowCount > 0 ? rows.fieldCounts[0] : 0;

  if (width > 0 && rows.field(0, width - 1) === '' && everyRow(rowCount, (r) => fieldCounts[r] < width || (fieldCounts[r] === width && readField(r, width - 1) === ''))) {
    width--;
    for (let r = 0; r < rowCount; r++) if (fieldCounts[r] > width) fieldCounts[r] = width;
  } else if (hasHeader && rowCount > 0 && everyRow(rowCount, (r) => fieldCounts[r] === width + 1 && readField(r, width) === '')) {
    fieldCounts.fill(width);
  }

  const header = hasHeader
    ? Array.from({ length: width }, (_, i) => rows.field(0, i))
    : Array.from({ length: width }, (_, i) => `column_${i + 1}`);

  const raw: RawTable = {
    header,
    rowCount,
    columnCount: width,
    lineNumbers,
    fieldCounts,
    cell: (column, row) => (column < fieldCounts[row] ? readField(row, column) : null),
    extraFields: (row) => {
      const count = fieldCounts[row];
      if (count <= width) return null;
      const extra: string[] = [];
      for (let i = width; i < count; i++) extra.push(readField(row, i));
      return extra.join(separator);
    },
  };
  return { raw, issues: reportRaggedRows(fieldCounts, lineNumbers, width) };
}

function everyRow(rowCount: number, test: (row: number) => boolean): boolean {
  for (let r = 0; r < rowCount; r++) if (!test(r)) return false;
  return true;
}

function reportRaggedRows(fieldCounts: Int32Array, lineNumbers: Int32Array, width: number): ImportIssue[] {
  const long = { count: 0, lines: [] as number[] };
  const short = { count: 0, lines: [] as number[] };
  for (let r = 0; r < fieldCounts.length; r++) {
    const tally = fieldCounts[r] > width ? long : fieldCounts[r] < width ? short : null;
    if (tally === null) continue;
    tally.count++;
    if (tally.lines.length < 10) tally.lines.push(lineNumbers[r]);
  }
  const issues: ImportIssue[] = [];
  const rowsHave = (count: number): string => (count === 1 ? '1 row has' : `${count} rows have`);
  if (long.count > 0) {
    issues.push({ code: 'ragged-row-long', severity: 'warning', message: `${rowsHave(long.count)} more fields than the header (${width}).`, count: long.count, lines: long.lines, params: { count: long.count, width } });
  }
  if (short.count > 0) {
    issues.push({ code: 'ragged-row-short', severity: 'warning', message: `${rowsHave(short.count)} fewer fields than the header (${width}).`, count: short.count, lines: short.lines, params: { count: short.count, width } });
  }
  return issues;
}
