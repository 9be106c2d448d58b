import { checkImportSize } from './check-import-size.ts';
import { decodeBytes } from './decode-bytes.ts';
import { ImportError } from './import-error.ts';
import { normalizeHeader } from './normalize-header.ts';
import { parseRows } from './parse-rows.ts';
import { readColumn } from './read-column.ts';
import { sniffDialect } from './sniff-dialect.ts';
import type { Column, ColumnSummary, Dialect, ImportIssue, ImportOptions, ImportResult, RawTable } from './types.ts';

/** The phases of an import, in order, for progress reporting. */
export type ImportPhase = 'decode' | 'parse' | 'columns';

/** Progress of an import: the phase and the fraction of the whole import done (0..1). */
export interface ImportProgress {
  phase: ImportPhase;
  fraction: number;
  rowsParsed: number;
}

export interface LoadCsvOptions extends ImportOptions {
  /** Called between phases and after each column. */
  onProgress?: (progress: ImportProgress) => void;
}

const EXTRA_COLUMN = '_extra';

/**
 * Reads a delimited text file into typed columns, detecting what `options` leaves unset.
 * Rows are never dropped silently: `inputRows = loadedRows + excludedRows`, and every exclusion,
 * bad cell and guess is an issue. Throws ImportError for files that cannot be read at all.
 */
export function loadCsv(bytes: Uint8Array, options: LoadCsvOptions = {}): ImportResult {
  checkImportSize(bytes.byteLength);
  const issues: ImportIssue[] = [];
  const report = options.onProgress ?? (() => {});

  report({ phase: 'decode', fraction: 0, rowsParsed: 0 });
  const decoded = decodeBytes(bytes, options.encoding);
  if (decoded.replacementCount > 0) {
    issues.push({
      code: 'replacement-characters',
      severity: 'warning',
      message:
        `${decoded.replacementCount} character(s) could not be decoded as ${decoded.encoding} and were replaced by “�”. ` +
        'Choose another encoding if the text looks wrong.',
      count: decoded.replacementCount,
      lines: decoded.replacementLines,
      params: { count: decoded.replacementCount, encoding: decoded.encoding },
    });
  }
  if (decoded.detectedBy === 'fallback' || decoded.detectedBy === 'looks-like-gb18030') {
    issues.push({
      code: 'encoding-guessed',
      severity: decoded.detectedBy === 'fallback' ? 'warning' : 'info',
      message: `The file is not UTF-8; it was read as ${decoded.encoding}. Choose another encoding if the text looks wrong.`,
      params: { encoding: decoded.encoding },
    });
  }

  report({ phase: 'parse', fraction: 0.1, rowsParsed: 0 });
  // A delimiter chosen by the user changes where the header is, so detection runs for it.
  const sniffed = sniffDialect(decoded.text, options.delimiter);
  const dialect: Dialect = {
    delimiter: options.delimiter ?? sniffed.dialect.delimiter,
    skipLines: options.skipLines ?? sniffed.dialect.skipLines,
    hasHeader: options.hasHeader ?? sniffed.dialect.hasHeader,
  };
  issues.push(
    ...sniffed.issues.filter(
      (issue) => !(issue.code === 'lines-skipped-above-header' && options.skipLines !== undefined) && !(issue.code === 'no-header' && options.hasHeader !== undefined),
    ),
  );
  const parsed = parseRows(decoded.text, dialect);
  issues.push(...parsed.issues);
  const raw = parsed.raw;
  const typed = typeRawTable(raw, options, issues, report);
  return {
    tableName: options.tableName ?? 'data',
    byteLength: bytes.byteLength,
    encoding: decoded.encoding,
    encodingDetectedBy: decoded.detectedBy,
    dialect,
    ...typed,
  };
}

/** The part of an ImportResult that comes from typing a RawTable's columns. */
export type TypedTable = Pick<
  ImportResult,
  'raggedRows' | 'timeZone' | 'columns' | 'data' | 'inputRows' | 'loadedRows' | 'excludedRows' | 'lineNumbers' | 'issues'
>;

/**
 * Types every column of `raw` as an import does (header normalisation, renames, the ragged-row
 * policy, inference or the user's overrides). `issues` holds what the caller found so far;
 * the result's issues continue it. Shared by every file format that yields a RawTable.
 */
export function typeRawTable(
  raw: RawTable,
  options: LoadCsvOptions,
  issues: ImportIssue[],
  report: (progress: ImportProgress) => void = () => {},
): TypedTable {
  const timeZone = options.timeZone ?? 'UTC';
  const raggedRows = options.raggedRows ?? 'keep';
  if (raw.columnCount === 0) throw new ImportError('no-columns', 'The file has no columns: it is empty or holds only blank lines.', undefined, {});

  const header = normalizeHeader(raw.header);
  issues.push(...header.issues);
  const names = applyRenames(header.names, options.renames);
  for (const name of Object.keys(options.columns ?? {})) {
    if (!names.includes(name)) {
      throw new ImportError('bad-option', `There is no column named “${name}” to set a type for; the columns are: ${names.join(', ')}.`, undefined, {
        column: name,
        columns: names.join(', '),
        variant: 'unknown-column',
      });
    }
  }

  const { rows, excluded, hasExtra } = selectRows(raw, raggedRows);
  if (excluded.count > 0) {
    issues.push({
      code: 'rows-excluded',
      severity: 'warning',
      message: `${excluded.count} row(s) with a different number of fields than the header were excluded (as chosen).`,
      count: excluded.count,
      lines: excluded.lines,
      params: { count: excluded.count },
    });
  }

  const summaries: ColumnSummary[] = [];
  const data: Column[] = [];
  report({ phase: 'columns', fraction: 0.4, rowsParsed: raw.rowCount });
  for (let c = 0; c < raw.columnCount; c++) {
    const name = names[c];
    // Own properties only: a column named `constructor` or `__proto__` must not find Object's.
    const override = options.columns && Object.hasOwn(options.columns, name) ? options.columns[name] : undefined;
    const result = readColumn(raw, c, name, { override, timeZone, rows });
    summaries.push(result.summary);
    data.push(result.column);
    issues.push(...result.issues);
    report({ phase: 'columns', fraction: 0.4 + (0.6 * (c + 1)) / raw.columnCount, rowsParsed: raw.rowCount });
  }
  if (hasExtra) {
    const extraName = uniqueName(EXTRA_COLUMN, names);
    const extra = buildExtraColumn(raw, extraName, rows);
    data.push(extra.column);
    summaries.push(extra.summary);
  }

  const loadedRows = rows ? rows.length : raw.rowCount;
  return {
    raggedRows,
    timeZone,
    columns: summaries,
    data,
    inputRows: raw.rowCount,
    loadedRows,
    excludedRows: raw.rowCount - loadedRows,
    lineNumbers: rows ? rows.map((r) => raw.lineNumbers[r]) : raw.lineNumbers.slice(),
    issues,
  };
}

function applyRenames(names: string[], renames: Record<string, string> | undefined): string[] {
  if (!renames) return names;
  const renamesByName = new Map(Object.entries(renames));
  const result = names.map((n) => (renamesByName.get(n) ?? n).trim() || n);
  const seen = new Set<string>();
  for (const n of result) {
    if (seen.has(n)) throw new ImportError('bad-option', `Two columns would both be named “${n}”: choose another name.`, undefined, { column: n, variant: 'same-name' });
    seen.add(n);
  }
  return result;
}

/** Picks the rows to load under the ragged-row policy; `rows` is undefined when all are kept. */
function selectRows(raw: RawTable, policy: 'keep' | 'exclude') {
  const width = raw.columnCount;
  let raggedCount = 0;
  let hasExtra = false;
  for (let r = 0; r < raw.rowCount; r++) {
    const n = raw.fieldCounts[r];
    if (n !== width) raggedCount++;
    if (n > width) hasExtra = true;
  }
  if (policy === 'keep' || raggedCount === 0) {
    return { rows: undefined, excluded: { count: 0, lines: [] as number[] }, hasExtra: policy === 'keep' && hasExtra };
  }
  const rows = new Int32Array(raw.rowCount - raggedCount);
  const lines: number[] = [];
  let k = 0;
  for (let r = 0; r < raw.rowCount; r++) {
    if (raw.fieldCounts[r] === width) rows[k++] = r;
    else if (lines.length < 10) lines.push(raw.lineNumbers[r]);
  }
  return { rows, excluded: { count: raggedCount, lines }, hasExtra: false };
}

function uniqueName(base: string, taken: readonly string[]): string {
  const set = new Set(taken);
  if (!set.has(base)) return base;
  for (let i = 2; ; i++) if (!set.has(`${base}_${i}`)) return `${base}_${i}`;
}

/** The fields beyond the header's width, kept as text so nothing in a long row is lost. */
function buildExtraColumn(raw: RawTable, name: string, rows: Int32Array | undefined): { column: Column; summary: ColumnSummary } {
  const count = rows ? rows.length : raw.rowCount;
  const codes = new Int32Array(count);
  const dictionary: string[] = [];
  const index = new Map<string, number>();
  let nullCount = 0;
  for (let i = 0; i < count; i++) {
    const value = raw.extraFields(rows ? rows[i] : i);
    if (value === null) {
      codes[i] = -1;
      nullCount++;
      continue;
    }
    let code = index.get(value);
    if (code === undefined) {
      code = dictionary.length;
      dictionary.push(value);
      index.set(value, code);
    }
    codes[i] = code;
  }
  return {
    column: { name, type: 'text', codes, dictionary },
    summary: {
      name,
      originalName: name,
      spec: { type: 'text' },
      inferredType: 'text',
      nullCount,
      badCount: 0,
      examples: dictionary.slice(0, 5),
    },
  };
}
