/**
 * `run --engine duckdb` on large files (issue #11): when a CSV is plain enough that DuckDB's own
 * reader gives exactly what the app's importer would, DuckDB reads it itself (`read_csv` with the
 * column names and types the importer chose on the file's head), instead of the importer parsing
 * every row in Node and appending it to DuckDB cell by cell.
 *
 * "Plain enough", checked on the first 2 MB: UTF-8 without a BOM, a header row, no quote
 * characters, no padded cells, no rows left out; dates as YYYY-MM-DD, date-times as
 * YYYY-MM-DD HH:MM:SS without an offset, plain numbers, true/false. Anything else goes the
 * importer's way, and so does a file whose later rows DuckDB cannot read with those types.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { loadCsv, type ColumnType, type ImportOptions } from '../src/engine/index.ts';

const HEAD_BYTES = 2 * 1024 * 1024;

/** How DuckDB reads the file: the `read_csv(...)` expression and the columns it gives. */
export interface NativeCsv {
  path: string;
  expression: string;
  columns: { name: string; type: ColumnType }[];
}

const DUCKDB_TYPES: Record<ColumnType, string> = { text: 'VARCHAR', integer: 'BIGINT', decimal: 'DOUBLE', boolean: 'BOOLEAN', date: 'DATE', datetime: 'TIMESTAMP' };

const PLAIN: Record<Exclude<ColumnType, 'text'>, RegExp> = {
  integer: /^[-+]?\d{1,15}$/,
  decimal: /^[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?$/,
  boolean: /^(?:true|false)$/i,
  date: /^\d{4}-\d{2}-\d{2}$/,
  datetime: /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/,
};

/** The plan for reading `path` natively, or null when the importer must read it. */
export function planNativeCsv(path: string, options: ImportOptions, tableName: string): NativeCsv | null {
  const head = readHead(path);
  if (head.length === 0 || (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf)) return null;
  const cut = head.lastIndexOf(0x0a);
  if (cut <= 0) return null;
  const sample = head.subarray(0, cut + 1);
  let result;
  try {
    result = loadCsv(sample, { ...options, tableName });
  } catch {
    return null;
  }
  const { dialect } = result;
  if (result.encoding !== 'utf-8' || !dialect.hasHeader || dialect.skipLines !== 0 || dialect.delimiter === 'whitespace' || result.excludedRows !== 0) return null;
  const text = new TextDecoder('utf-8').decode(sample);
  if (text.includes('"') || text.includes('\r')) return null;
  const lines = text.split('\n').slice(1, -1);
  const types = result.columns.map((c) => c.spec.type);
  if (result.columns.some((c) => c.spec.dateOrder !== undefined && c.spec.type !== 'text' && c.spec.dateFormat !== undefined)) return null;
  if (result.columns.some((c) => c.spec.decimalSeparator === ',')) return null;
  for (const line of lines) {
    if (line === '') continue;
    const cells = line.split(dialect.delimiter);
    if (cells.length !== types.length) return null;
    for (let j = 0; j < cells.length; j++) {
      const cell = cells[j];
      if (cell === '') continue;
      if (cell !== cell.trim()) return null;
      const type = types[j];
      if (type !== 'text' && !PLAIN[type].test(cell)) return null;
    }
  }
  const quote = (s: string) => `'${s.replaceAll("'", "''")}'`;
  const columns = result.columns.map((c) => ({ name: c.name, type: c.spec.type }));
  const columnTypes = `{${columns.map((c) => `${quote(c.name)}: ${quote(DUCKDB_TYPES[c.type])}`).join(', ')}}`;
  const expression =
    `read_csv(${quote(path)}, header = true, auto_detect = false, delim = ${quote(dialect.delimiter)}, quote = '"', escape = '"', ` +
    `columns = ${columnTypes}, nullstr = '')`;
  return { path, expression, columns };
}

function readHead(path: string): Uint8Array {
  const fd = openSync(path, 'r');
  try {
    const buffer = new Uint8Array(HEAD_BYTES);
    const read = readSync(fd, buffer, 0, HEAD_BYTES, 0);
    return buffer.subarray(0, read);
  } finally {
    closeSync(fd);
  }
}
