/**
 * Typed columns from SQLite rows, so a SQL cell's result can feed the customer table like an
 * import. SQLite keeps dates as text (`2024-03-01`, `2024-03-01 10:05:00`, as fill-table writes
 * them), so a text column whose every value has exactly one of those shapes becomes a date or
 * datetime column again; anything else stays as SQLite typed it.
 */
import type { Column, ColumnType } from '../dataset/types.ts';
import type { SqlValue } from './sql-types.ts';

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATETIME = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;
const MS_PER_DAY = 86_400_000;

/** Returns one column per `columns` entry from `rows` (row-major, as sql.js returns them). */
export function columnsFromRows(columns: readonly { name: string; type: ColumnType | 'unknown' }[], rows: readonly SqlValue[][]): Column[] {
  return columns.map((column, c) => {
    const values = rows.map((row) => row[c]);
    const present = values.filter((v): v is Exclude<SqlValue, null> => v !== null);
    const numeric = present.every((v) => typeof v === 'number');
    if (numeric && column.type !== 'text') {
      const type: ColumnType = present.every((v) => Number.isInteger(v)) && column.type !== 'decimal' ? 'integer' : 'decimal';
      return { name: column.name, type, values: Float64Array.from(values, (v) => (typeof v === 'number' ? v : Number.NaN)) };
    }
    const texts = values.map((v) => (v === null ? null : v instanceof Uint8Array ? `<${v.length} bytes>` : String(v)));
    const dates = parseAll(texts, DATE);
    if (dates) return { name: column.name, type: 'date', values: dates.map((ms) => (Number.isNaN(ms) ? ms : ms / MS_PER_DAY)) };
    const times = parseAll(texts, DATETIME);
    if (times) return { name: column.name, type: 'datetime', values: times };
    return textColumn(column.name, texts);
  });
}

/** Parses every non-NULL value with `pattern` into UTC ms of its wall-clock reading; null when one does not match. */
function parseAll(texts: readonly (string | null)[], pattern: RegExp): Float64Array | null {
  if (!texts.some((t) => t !== null)) return null;
  const out = new Float64Array(texts.length);
  for (let i = 0; i < texts.length; i++) {
    const text = texts[i];
    if (text === null) {
      out[i] = Number.NaN;
      continue;
    }
    const m = pattern.exec(text);
    if (!m) return null;
    const [y, mo, d, h = '0', mi = '0', s = '0'] = m.slice(1);
    const ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
    // Rejects 2024-02-30 and the like, which Date.UTC would roll over.
    if (new Date(ms).getUTCDate() !== Number(d)) return null;
    out[i] = ms;
  }
  return out;
}

function textColumn(name: string, texts: readonly (string | null)[]): Column {
  const index = new Map<string, number>();
  const dictionary: string[] = [];
  const codes = new Int32Array(texts.length);
  texts.forEach((text, i) => {
    if (text === null) {
      codes[i] = -1;
      return;
    }
    let code = index.get(text);
    if (code === undefined) {
      code = dictionary.length;
      dictionary.push(text);
      index.set(text, code);
    }
    codes[i] = code;
  });
  return { name, type: 'text', codes, dictionary };
}
