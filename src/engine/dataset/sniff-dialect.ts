/**
 * Dialect detection from the first rows of a decoded text.
 *
 * Delimiter: each of `,` `\t` `;` `|` splits the first ~200 non-blank rows (quotes honoured);
 * its width is the most frequent field count, and its consistency the share of rows (from the
 * header on) with exactly that count. The most consistent delimiter with at least two columns
 * wins; ties go to the wider split (the other character then sits inside fields), then to the
 * order above. Runs of spaces (`whitespace`, e.g. CDNOW) are tried only when no delimiter reaches
 * 50 % consistency, and taken when at least 90 % consistent with a column of numbers or dates
 * (so a one-column list of full names stays one column). Nothing found means one column, split
 * on `,`.
 *
 * Lines above the header (skipLines): the header (or first data row) is the first full row
 * (every field filled but perhaps a trailing one, at least max(2, width - 1) of them). Up to 20
 * rows above it are title or export lines such as `订单报表` or `导出时间: 2024-01-01` when each
 * has few non-empty fields (at most max(2, width / 2), at least one of them text, or none at all);
 * when such lines are padded to the full width with delimiters (as Excel writes them), the full
 * row must also look like a header (no numbers or dates), else it is one more title line.
 * Blank lines alone above the header are not skipLines: parseRows skips and reports blank lines
 * wherever they are.
 *
 * Header: the first row is a header when none of its fields is a number or a date, and either a
 * column below it is mostly numbers or dates, or (all text) its non-empty names are distinct
 * and none of them reappears in its own column below. A file with no rows below its first row
 * is a header only.
 */
import { splitSampleRows, type SampleRow } from './split-sample-rows.ts';
import type { Delimiter, Dialect, ImportIssue } from './types.ts';

const SAMPLE_ROWS = 200;
/** Enough characters for 200 rows of a wide export; the sample is cut at a line end. */
const SAMPLE_CHARS = 256 * 1024;
const MAX_TITLE_ROWS = 20;
const CANDIDATES: readonly Delimiter[] = [',', '\t', ';', '|'];

interface Analysis {
  delimiter: Delimiter;
  rows: SampleRow[];
  width: number;
  headerRow: number;
  consistency: number;
}

/**
 * Detects delimiter, lines above the header, and whether there is a header. With `delimiter`
 * given (the user's choice), only the header row and title lines are detected, for that delimiter.
 */
export function sniffDialect(text: string, delimiter?: Delimiter): { dialect: Dialect; issues: ImportIssue[] } {
  const sample = takeSample(text);
  const chosen = delimiter ? analyse(sample, delimiter) : pickDelimiter(sample);
  return describeDialect(chosen);
}

function pickDelimiter(sample: { text: string; truncated: boolean }): Analysis {
  let best: Analysis | null = null;
  for (const delimiter of CANDIDATES) {
    const analysis = analyse(sample, delimiter);
    if (analysis.width >= 2 && (best === null || isBetter(analysis, best))) best = analysis;
  }
  if (best === null || best.consistency < 0.5) {
    const spaced = analyse(sample, 'whitespace');
    const fits = spaced.width >= 2 && spaced.consistency >= 0.9 && hasTypedColumn(spaced.rows.slice(spaced.headerRow + 1), spaced.width);
    if (fits && (best === null || spaced.consistency > best.consistency)) best = spaced;
  }
  return best ?? analyse(sample, ',');
}

function describeDialect(best: Analysis): { dialect: Dialect; issues: ImportIssue[] } {
  const issues: ImportIssue[] = [];
  const { rows, headerRow } = best;
  if (rows.length === 0) return { dialect: { delimiter: best.delimiter, skipLines: 0, hasHeader: true }, issues };

  const skipLines = headerRow > 0 ? rows[headerRow].line - 1 : 0;
  if (skipLines > 0) {
    const title = rows[0].fields.filter((field) => field.trim() !== '').join(' ').trim();
    issues.push({
      code: 'lines-skipped-above-header',
      severity: 'info',
      message: `Skipped ${plural(skipLines, 'line')} above the header (a title or export details${title ? `, starting “${truncate(title, 60)}”` : ''}).`,
      count: skipLines,
      lines: Array.from({ length: Math.min(skipLines, 10) }, (_, i) => i + 1),
      params: title ? { count: skipLines, title: truncate(title, 60), variant: 'titled' } : { count: skipLines },
    });
  }
  const first = rows[headerRow].fields;
  const hasHeader = isHeaderRow(first, rows.slice(headerRow + 1));
  if (!hasHeader) {
    issues.push({
      code: 'no-header',
      severity: 'info',
      message: `The first row holds data, not column names, so the columns are named column_1 to column_${first.length}.`,
      lines: [rows[headerRow].line],
      params: { lastColumn: `column_${first.length}` },
    });
  }
  return { dialect: { delimiter: best.delimiter, skipLines, hasHeader }, issues };
}

function isBetter(candidate: Analysis, best: Analysis): boolean {
  if (candidate.consistency !== best.consistency) return candidate.consistency > best.consistency;
  if (candidate.width !== best.width) return candidate.width > best.width;
  // `a;b` over rows of `1;2,50` splits evenly on ',' too, but only by calling the header a
  // title line: the split that keeps the first row in the table is the real one.
  return candidate.headerRow < best.headerRow;
}

/** The start of the text, cut at a line end so the last sampled row is whole. */
function takeSample(text: string): { text: string; truncated: boolean } {
  if (text.length <= SAMPLE_CHARS) return { text, truncated: false };
  const lastBreak = Math.max(text.lastIndexOf('\n', SAMPLE_CHARS), text.lastIndexOf('\r', SAMPLE_CHARS));
  return { text: text.slice(0, lastBreak > 0 ? lastBreak + 1 : SAMPLE_CHARS), truncated: true };
}

function analyse(sample: { text: string; truncated: boolean }, delimiter: Delimiter): Analysis {
  const rows = splitSampleRows(sample.text, delimiter, SAMPLE_ROWS);
  // A multi-line quoted field may have been cut with the sample: drop the row it ends on.
  if (sample.truncated && rows.length > 1 && rows.length < SAMPLE_ROWS) rows.pop();
  const width = mostFrequentFieldCount(rows);
  const headerRow = findHeaderRow(rows, width);
  let consistent = 0;
  for (let i = headerRow; i < rows.length; i++) if (rows[i].fields.length === width) consistent++;
  const consistency = rows.length > headerRow ? consistent / (rows.length - headerRow) : 0;
  return { delimiter, rows, width, headerRow, consistency };
}

/** The most frequent field count; ties go to the larger count. */
function mostFrequentFieldCount(rows: SampleRow[]): number {
  const frequency = new Map<number, number>();
  for (const row of rows) frequency.set(row.fields.length, (frequency.get(row.fields.length) ?? 0) + 1);
  let width = 0;
  let seen = 0;
  for (const [count, times] of frequency) {
    if (times > seen || (times === seen && count > width)) {
      width = count;
      seen = times;
    }
  }
  return width;
}

/** Index of the header (or first data) row: the first full row, past any title lines above it. */
function findHeaderRow(rows: SampleRow[], width: number): number {
  if (width < 2) return 0;
  const limit = Math.min(rows.length, MAX_TITLE_ROWS + 1);
  for (let r = 0; r < limit; r++) {
    const fields = rows[r].fields;
    if (isFullRow(fields, width)) {
      if (r === 0) return 0;
      const padded = rows.slice(0, r).some((row) => row.fields.length >= width);
      if (!padded || isHeaderLike(fields)) return r;
    }
    if (!isTitleLike(fields, width)) return 0;
  }
  return 0;
}

/** A row of (about) the table's width with every field filled, except perhaps a trailing one. */
function isFullRow(fields: string[], width: number): boolean {
  const filled = fields.filter((field) => field.trim() !== '').length;
  const holes = fields.some((field, i) => field.trim() === '' && i < fields.length - 1);
  return !holes && filled >= Math.max(2, width - 1) && fields.length <= width + 1;
}

/** A title or export line: no wider than the table, few non-empty fields, at least one of them text. */
function isTitleLike(fields: string[], width: number): boolean {
  if (fields.length > width) return false;
  const filled = fields.map((field) => field.trim()).filter((field) => field !== '');
  return filled.length <= Math.max(2, Math.floor(width / 2)) && (filled.length === 0 || filled.some((field) => !looksNumericOrDate(field)));
}

/** Every field filled (a trailing empty one allowed) and none a number or a date. */
function isHeaderLike(fields: string[]): boolean {
  return fields.every((field, i) => {
    const name = field.trim();
    return name === '' ? i === fields.length - 1 : !looksNumericOrDate(name);
  });
}

function isHeaderRow(first: string[], below: SampleRow[]): boolean {
  const names = first.map((field) => field.trim());
  if (names.some((name) => name !== '' && looksNumericOrDate(name))) return false;
  if (below.length === 0) return true;
  if (hasTypedColumn(below, names.length)) return true;
  const filledNames = names.filter((name) => name !== '');
  if (new Set(filledNames).size !== filledNames.length) return false;
  return !names.some((name, column) => name !== '' && below.some((row) => row.fields[column]?.trim() === name));
}

/** True when some column holds mostly (80 %) numbers or dates among its non-empty values. */
function hasTypedColumn(rows: SampleRow[], width: number): boolean {
  for (let column = 0; column < width; column++) {
    let filled = 0;
    let typed = 0;
    for (const row of rows) {
      const value = row.fields[column]?.trim() ?? '';
      if (value === '') continue;
      filled++;
      if (looksNumericOrDate(value)) typed++;
    }
    if (filled > 0 && typed >= filled * 0.8) return true;
  }
  return false;
}

const NUMBER = /^\d[\d,.' ]*(?:e\d+)?$|^[.,]\d+(?:e\d+)?$/i;
const DATE = /^(?:\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}|\d{1,2}:\d{2})/;

/** True for numbers as written in exports (signs, currency, separators, %, exponent) and date or time prefixes. */
function looksNumericOrDate(value: string): boolean {
  if (DATE.test(value)) return true;
  const bare = value.replace(/[\s+\-()%¥￥$€£元]|RMB|CNY/g, '');
  return bare !== '' && NUMBER.test(bare);
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

function truncate(value: string, length: number): string {
  return value.length <= length ? value : `${value.slice(0, length - 1)}…`;
}
