import type { ExportColumn, ExportValue } from './export-types.ts';
import { neutralizeCell } from './neutralize-cell.ts';

/** One cell as `write-excel-file` takes it; the cell's type follows from its value. */
export interface XlsxCell {
  value: string | number | boolean | Date;
  format?: string;
  fontWeight?: 'bold';
}

/** The input of `write-excel-file`'s `writeExcelFile(data, options)` for one sheet, built without it. */
export interface XlsxSheet {
  data: (XlsxCell | null)[][];
  options: { sheet: string; columns: { width: number }[]; stickyRowsCount: number };
}

export const XLSX_DATE_FORMAT = 'yyyy-mm-dd';
export const XLSX_DATETIME_FORMAT = 'yyyy-mm-dd hh:mm:ss';

/**
 * Builds one XLSX sheet from rows: a bold header row (frozen), numbers as numbers, booleans as
 * booleans, `date`/`datetime` columns as Excel dates (the wall-clock text read as UTC, so the
 * workbook shows the same day and time as the grid), NULL as an empty cell. Text, the header
 * included, is neutralised against formula injection (see neutralizeCell): XLSX text cells are
 * never evaluated, but the workbook may be re-saved as CSV. Column widths follow the longest value
 * (within 8–50 characters).
 */
export function toXlsxSheet(sheetName: string, columns: readonly ExportColumn[], rows: readonly (readonly ExportValue[])[]): XlsxSheet {
  const widths = columns.map((c) => displayWidth(c.name));
  const header: XlsxCell[] = columns.map((c) => ({ value: neutralizeCell(c.name), fontWeight: 'bold' }));
  const data: (XlsxCell | null)[][] = [header];
  for (const row of rows) {
    const cells: (XlsxCell | null)[] = [];
    for (let i = 0; i < columns.length; i++) {
      const cell = xlsxCell(columns[i].type, row[i] ?? null);
      cells.push(cell);
      if (cell && widths[i] < 50) widths[i] = Math.max(widths[i], cellWidth(cell));
    }
    data.push(cells);
  }
  return {
    data,
    options: { sheet: xlsxSheetName(sheetName), columns: widths.map((w) => ({ width: Math.min(50, Math.max(8, w + 2)) })), stickyRowsCount: 1 },
  };
}

function xlsxCell(type: ExportColumn['type'], value: ExportValue): XlsxCell | null {
  if (value === null) return null;
  if (typeof value === 'number') return Number.isFinite(value) ? { value } : null;
  if (typeof value === 'boolean') return { value };
  if (type === 'date' || type === 'datetime') {
    const date = parseWallClock(value);
    if (date) return { value: date, format: type === 'date' ? XLSX_DATE_FORMAT : XLSX_DATETIME_FORMAT };
  }
  return { value: neutralizeCell(value) };
}

/** `YYYY-MM-DD` or `YYYY-MM-DD HH:MM:SS` as a Date at that wall-clock time in UTC; null otherwise. */
export function parseWallClock(text: string): Date | null {
  const m = /^(-?\d{4,})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(text);
  if (!m) return null;
  const date = new Date(0);
  date.setUTCFullYear(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  date.setUTCHours(Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0), 0);
  return Number.isNaN(date.getTime()) ? null : date;
}

/**
 * A valid Excel sheet name from any text: the characters Excel forbids (`[ ] : * ? / \`) become
 * `_`, control characters are dropped, leading and trailing apostrophes removed, at most 31
 * characters; empty (or Excel's reserved `History`) becomes `Export` / `History_`.
 */
export function xlsxSheetName(name: string): string {
  // eslint-disable-next-line no-control-regex
  let clean = name.replace(/[\u0000-\u001f\u007f]/g, '').replace(/[[\]:*?/\\]/g, '_');
  clean = Array.from(clean).slice(0, 31).join('').replace(/^'+|'+$/g, '').trim();
  if (clean === '') return 'Export';
  return clean.toLowerCase() === 'history' ? 'History_' : clean;
}

function cellWidth(cell: XlsxCell): number {
  if (cell.value instanceof Date) return cell.format === XLSX_DATE_FORMAT ? 10 : 19;
  return displayWidth(String(cell.value));
}

/** Characters as a spreadsheet column measures them: CJK and other wide characters count twice. */
function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return width;
}
