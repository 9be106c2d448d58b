/**
 * Reading an Excel workbook (.xlsx) into typed columns, the same way as a CSV: one sheet's cells
 * become a RawTable of cell texts, and every column goes through the same inference, id rules
 * and issues as a CSV column (typeRawTable).
 *
 * Cell texts:
 * - strings as they are (a `00004` or a 19-digit order id stored as text stays exact);
 * - numbers: safe integers and 15-significant-digit values as `String(n)` (Excel keeps 15
 *   digits, so `0.30000000000000004` is the `0.3` Excel shows); integers beyond 2^53 are
 *   already damaged in the file, so they are written in scientific notation (`2.01903123456789E+18`),
 *   which the id rules flag, rather than as a plausible-looking wrong 19-digit id;
 * - dates as wall-clock text, `YYYY-MM-DD` or `YYYY-MM-DD HH:MM:SS` (Excel dates carry no zone;
 *   they are read in the workspace zone like CSV text), times of day alone as `HH:MM:SS`;
 * - booleans as `true` / `false`; empty cells as null.
 *
 * Sheets are read with read-excel-file (its universal entry: the same code in Node and the
 * worker). Its unzip (fflate) inflates entries above 512 KB in a Worker built from a blob: URL
 * — worker_threads with eval in Node. The app's Content-Security-Policy (worker-src 'self')
 * forbids blob: workers wherever it governs the engine worker (a server sending it as a header),
 * and no code should be started from a string anyway, so the archive is first unpacked here
 * synchronously and handed over with its XML entries stored, which it reads without any worker.
 * This costs a copy of the XML entries while reading.
 */
import { strFromU8, unzipSync, zipSync, type Unzipped } from 'fflate';
import { readSheet } from 'read-excel-file/universal';
import { checkImportSize } from './check-import-size.ts';
import { ImportError } from './import-error.ts';
import { typeRawTable, type LoadCsvOptions } from './load-csv.ts';
import type { Dialect, ImportIssue, ImportResult, RawTable } from './types.ts';

/** The four bytes every ZIP archive (and so every .xlsx file) starts with: `PK\x03\x04`. */
export function looksLikeZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

/** One sheet's cells as read-excel-file returns them. */
type SheetCell = string | number | boolean | Date | null;

const UNREADABLE = 'The .xlsx file cannot be read: it is damaged or incomplete';

/**
 * Reads one sheet of an .xlsx workbook (the first unless `options.sheet` names another).
 * Rows: the header is the first non-empty row unless `skipLines` / `hasHeader` say otherwise;
 * wholly empty rows are skipped and reported. Line numbers are the sheet's row numbers.
 * Throws ImportError('xlsx-unreadable') for a damaged file, ('bad-option') for an unknown sheet.
 */
export async function loadXlsx(bytes: Uint8Array, options: LoadCsvOptions = {}): Promise<ImportResult> {
  checkImportSize(bytes.byteLength);
  const report = options.onProgress ?? (() => {});
  report({ phase: 'decode', fraction: 0, rowsParsed: 0 });
  if (!looksLikeZip(bytes)) throw new ImportError('xlsx-unreadable', `${UNREADABLE} (it is not a ZIP archive, as .xlsx files are).`, undefined, { variant: 'not-zip' });

  const stored = repackStored(bytes);
  const sheets = listSheets(stored.entries);
  if (sheets.length === 0) throw new ImportError('xlsx-unreadable', `${UNREADABLE} (it lists no sheets).`, undefined, { variant: 'no-sheets' });
  const sheet = options.sheet ?? sheets[0];
  if (!sheets.includes(sheet)) {
    throw new ImportError('bad-option', `There is no sheet named “${sheet}”; the sheets are: ${sheets.join(', ')}.`, undefined, {
      sheet,
      sheets: sheets.join(', '),
      variant: 'unknown-sheet',
    });
  }

  report({ phase: 'parse', fraction: 0.1, rowsParsed: 0 });
  let rows: SheetCell[][];
  try {
    rows = (await readSheet(stored.archive, sheet)) as unknown as SheetCell[][];
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new ImportError('xlsx-unreadable', `${UNREADABLE} (sheet “${sheet}”: ${detail}).`, undefined, { sheet, detail, variant: 'sheet' });
  }

  const issues: ImportIssue[] = [];
  const texts = rows.map((row) => row.map(cellText));
  const { raw, dialect } = makeSheetTable(texts, options, issues);
  const typed = typeRawTable(raw, options, issues, report);
  return {
    tableName: options.tableName ?? 'data',
    format: 'xlsx',
    sheets,
    sheet,
    byteLength: bytes.byteLength,
    encoding: 'utf-8',
    encodingDetectedBy: 'valid-utf-8',
    dialect,
    ...typed,
  };
}

/** Unpacks the archive and packs its XML entries again without compression. */
function repackStored(bytes: Uint8Array): { entries: Unzipped; archive: ArrayBuffer } {
  let entries: Unzipped;
  try {
    entries = unzipSync(bytes, { filter: (file) => file.name.endsWith('.xml') || file.name.endsWith('.xml.rels') });
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new ImportError('xlsx-unreadable', `${UNREADABLE} (${detail}).`, undefined, { detail, variant: 'archive' });
  }
  if (!entries['xl/workbook.xml']) {
    throw new ImportError('xlsx-unreadable', `${UNREADABLE} (it has no workbook: is it an Excel file?).`, undefined, { variant: 'no-workbook' });
  }
  const zipped = zipSync(entries, { level: 0 });
  const archive = zipped.buffer.slice(zipped.byteOffset, zipped.byteOffset + zipped.byteLength) as ArrayBuffer;
  return { entries, archive };
}

/** The sheet names in workbook order, from xl/workbook.xml. */
function listSheets(entries: Unzipped): string[] {
  const xml = strFromU8(entries['xl/workbook.xml']);
  const names: string[] = [];
  for (const match of xml.matchAll(/<(?:[\w.-]+:)?sheet\b[^>]*?\bname\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
    names.push(unescapeXml(match[1] ?? match[2]));
  }
  return names;
}

function unescapeXml(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_, entity: string) => {
    if (entity[0] === '#') return String.fromCodePoint(entity[1] === 'x' ? parseInt(entity.slice(2), 16) : parseInt(entity.slice(1), 10));
    return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }[entity] ?? entity;
  });
}

/** The text a cell holds, as a CSV export of it would write it (see the file comment). */
export function cellText(value: SheetCell | undefined): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value === '' ? null : value;
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return numberText(value);
  if (value instanceof Date) return dateText(value);
  return String(value);
}

function numberText(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  if (Number.isSafeInteger(n)) return String(n);
  if (Number.isInteger(n)) {
    // Beyond 2^53: the digits are already lost; say so in the form the id rules recognise.
    const [mantissa, exponent] = n.toPrecision(15).split('e');
    return `${mantissa.replace(/\.?0+$/, '')}E${exponent}`;
  }
  return String(Number(n.toPrecision(15)));
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** Excel dates are wall-clock times stored as UTC instants by the reader. */
function dateText(date: Date): string {
  const time = date.getTime();
  if (Number.isNaN(time)) return '';
  // Excel serials are floating-point days: round to the second it shows.
  const d = new Date(Math.round(time / 1000) * 1000);
  const clock = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  // A time of day alone is stored as a serial below 1 (1899-12-30/31).
  if (d.getUTCFullYear() < 1900) return clock;
  const day = `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  return clock === '00:00:00' ? day : `${day} ${clock}`;
}

/** The sheet's rows as a RawTable: header row, width, empty rows skipped, extra cells kept. */
function makeSheetTable(texts: (string | null)[][], options: LoadCsvOptions, issues: ImportIssue[]): { raw: RawTable; dialect: Dialect } {
  const lastFilled = (row: readonly (string | null)[]): number => {
    for (let i = row.length - 1; i >= 0; i--) if (row[i] !== null) return i;
    return -1;
  };
  const isEmpty = (r: number): boolean => lastFilled(texts[r]) < 0;

  let skipLines = options.skipLines;
  if (skipLines === undefined) {
    skipLines = 0;
    while (skipLines < texts.length && isEmpty(skipLines)) skipLines++;
  }
  const hasHeader = options.hasHeader ?? true;
  const dialect: Dialect = { delimiter: ',', skipLines, hasHeader };

  const dataRows: number[] = [];
  const blankLines: number[] = [];
  for (let r = skipLines + (hasHeader ? 1 : 0); r < texts.length; r++) {
    if (isEmpty(r)) blankLines.push(r + 1);
    else dataRows.push(r);
  }
  // Empty rows after the last data row are not worth a word.
  const lastData = dataRows.length ? dataRows[dataRows.length - 1] + 1 : 0;
  const inside = blankLines.filter((line) => line <= lastData);
  if (inside.length > 0) {
    const count = inside.length;
    issues.push({
      code: 'blank-lines',
      severity: 'info',
      message: `Skipped ${count === 1 ? '1 empty row' : `${count} empty rows`}.`,
      count,
      lines: inside.slice(0, 10),
      params: { count, variant: 'sheet' },
    });
  }

  const headerRow = hasHeader && skipLines < texts.length ? texts[skipLines] : null;
  let width = headerRow ? lastFilled(headerRow) + 1 : 0;
  if (!headerRow) for (const r of dataRows) width = Math.max(width, lastFilled(texts[r]) + 1);
  const header = headerRow
    ? Array.from({ length: width }, (_, i) => headerRow[i] ?? '')
    : Array.from({ length: width }, (_, i) => `column_${i + 1}`);

  const rowCount = dataRows.length;
  const lineNumbers = Int32Array.from(dataRows, (r) => r + 1);
  const fieldCounts = Int32Array.from(dataRows, (r) => Math.max(width, lastFilled(texts[r]) + 1));
  const long = { count: 0, lines: [] as number[] };
  for (let i = 0; i < rowCount; i++) {
    if (fieldCounts[i] > width && long.count++ < 10) long.lines.push(lineNumbers[i]);
  }
  if (long.count > 0) {
    issues.push({
      code: 'ragged-row-long',
      severity: 'warning',
      message: `${long.count === 1 ? '1 row has' : `${long.count} rows have`} cells beyond the header's ${width} columns.`,
      count: long.count,
      lines: long.lines,
      params: { count: long.count, width, variant: 'sheet' },
    });
  }

  const raw: RawTable = {
    header,
    rowCount,
    columnCount: width,
    lineNumbers,
    fieldCounts,
    cell: (column, row) => texts[dataRows[row]][column] ?? null,
    extraFields: (row) => {
      if (fieldCounts[row] <= width) return null;
      return texts[dataRows[row]].slice(width, fieldCounts[row]).map((t) => t ?? '').join(',');
    },
  };
  return { raw, dialect };
}
