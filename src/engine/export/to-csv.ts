import type { ExportColumn, ExportValue } from './export-types.ts';
import { neutralizeCell } from './neutralize-cell.ts';

/** The UTF-8 byte order mark: Excel and WPS read a CSV as UTF-8 (Chinese intact) only when it starts with one. */
export const UTF8_BOM = '\uFEFF';

/**
 * Writes rows as CSV text (RFC 4180): comma-separated, a field quoted when it holds a comma, a
 * quote or a line break (quotes doubled), CRLF after every record, and a UTF-8 byte order mark at
 * the start. The header row comes first. Numbers are written as numbers (never quoted or
 * prefixed, even negative ones; NaN and ±Infinity as empty), booleans as `true`/`false`, NULL as
 * an empty field; text (the header included) is neutralised against formula injection first
 * (see neutralizeCell).
 */
export function toCsv(columns: readonly ExportColumn[], rows: readonly (readonly ExportValue[])[]): string {
  const lines: string[] = [columns.map((c) => quoteField(neutralizeCell(c.name))).join(',')];
  for (const row of rows) {
    const fields: string[] = [];
    for (let i = 0; i < columns.length; i++) fields.push(csvField(row[i] ?? null));
    lines.push(fields.join(','));
  }
  return UTF8_BOM + lines.join('\r\n') + '\r\n';
}

function csvField(value: ExportValue): string {
  if (value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return quoteField(neutralizeCell(value));
}

function quoteField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
