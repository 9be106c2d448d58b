/** Helpers for tag tests: small tables from plain arrays, and a tag's codes computed by sql.js. */
import initSqlJs from 'sql.js';
import type { Column } from '../../../src/engine/dataset/types.ts';
import type { FormulaParameter } from '../../../src/engine/formula/contract.ts';
import { fillTable } from '../../../src/engine/sqlite/fill-table.ts';
import { tagColumn, tagToSql, type TagDefinition, type TagResult } from '../../../src/engine/tags/index.ts';

export const SQL = await initSqlJs();

export type Value = number | null;

export function num(name: string, values: Value[], type: 'integer' | 'decimal' = 'decimal'): Column {
  return { name, type, values: Float64Array.from(values, (v) => (v === null ? NaN : v)) };
}

export function text(name: string, values: (string | null)[]): Column {
  const dictionary: string[] = [];
  const index = new Map<string, number>();
  const codes = Int32Array.from(values, (v) => {
    if (v === null) return -1;
    let c = index.get(v);
    if (c === undefined) index.set(v, (c = dictionary.push(v) - 1));
    return c;
  });
  return { name, type: 'text', codes, dictionary };
}

/** A customer table with ids c0, c1, … and the given numeric columns. */
export function customers(columns: Record<string, Value[]>, ids?: string[]): { columns: Column[]; rowCount: number } {
  const rowCount = Object.values(columns)[0]?.length ?? 0;
  return {
    rowCount,
    columns: [text('customer_id', ids ?? Array.from({ length: rowCount }, (_, i) => `c${String(i).padStart(4, '0')}`)), ...Object.entries(columns).map(([n, v]) => num(n, v))],
  };
}

/**
 * Evaluates `definition`'s SQL over the table (plus the columns of `used` tags) in sql.js and
 * returns the codes in row order.
 */
export function sqlCodes(definition: TagDefinition, result: TagResult, table: { columns: Column[]; rowCount: number }, parameters: FormulaParameter[] = [], used: TagResult[] = []): number[] {
  const db = new SQL.Database();
  try {
    const columns = [...table.columns, ...used.map(tagColumn), num('__row', Array.from({ length: table.rowCount }, (_, i) => i), 'integer')];
    fillTable(db, 't', columns);
    const sql = tagToSql(definition, result, { columns, parameters, output: 'code' });
    if (sql === null) throw new Error(`tag ${result.name} has an error: ${result.error?.message}`);
    const out = db.exec(`SELECT ${sql} AS code, __row FROM t`);
    const codes = new Array<number>(table.rowCount).fill(NaN);
    for (const [code, row] of out[0]?.values ?? []) codes[Number(row)] = Number(code);
    return codes;
  } finally {
    db.close();
  }
}

/** The labels a tag's SQL gives (label output), in row order. */
export function sqlLabels(definition: TagDefinition, result: TagResult, table: { columns: Column[]; rowCount: number }, parameters: FormulaParameter[] = []): (string | null)[] {
  const db = new SQL.Database();
  try {
    const columns = [...table.columns, num('__row', Array.from({ length: table.rowCount }, (_, i) => i), 'integer')];
    fillTable(db, 't', columns);
    const sql = tagToSql(definition, result, { columns, parameters });
    const out = db.exec(`SELECT ${sql} FROM t ORDER BY __row`);
    return (out[0]?.values ?? []).map((r) => r[0] as string | null);
  } finally {
    db.close();
  }
}

// ---- references, computed a second way over plain arrays ----

export function refCut(values: Value[], thresholds: number[], inclusive: 'upper' | 'lower'): number[] {
  return values.map((v) => {
    if (v === null) return -1;
    for (let i = 0; i < thresholds.length; i++) if (inclusive === 'upper' ? v <= thresholds[i] : v < thresholds[i]) return i;
    return thresholds.length;
  });
}

/** rank: bin = ⌊bins · (values strictly smaller) / count⌋. */
export function refRank(values: Value[], bins: number): number[] {
  const present = values.filter((v): v is number => v !== null);
  return values.map((v) => (v === null ? -1 : Math.floor((bins * present.filter((w) => w < v).length) / present.length)));
}

/**
 * R's rfm package, literally: R's quantile type 7 (1-based index, interpolate only between
 * different values) at seq(0, 1, length.out = bins + 1), +1, lower = c(min, bins),
 * upper = c(bins, max + 1), then R's assignment loop.
 */
export function refRfmPackage(values: Value[], bins: number): number[] {
  const x = values.filter((v): v is number => v !== null).sort((a, b) => a - b);
  const n = x.length;
  const by = (1 - 0) / bins;
  const probs = Array.from({ length: bins + 1 }, (_, k) => (k === bins ? 1 : 0 + k * by));
  const quantile = (p: number): number => {
    const index = 1 + Math.max(n - 1, 0) * p;
    const lo = Math.floor(index);
    const hi = Math.ceil(index);
    let qs = x[lo - 1];
    if (index > lo && x[hi - 1] !== qs) {
      const h = index - lo;
      qs = (1 - h) * qs + h * x[hi - 1];
    }
    return qs;
  };
  const cuts = probs.slice(1, -1).map((p) => quantile(p) + 1);
  const lower = [x[0], ...cuts];
  const upper = [...cuts, x[n - 1] + 1];
  const out = values.map(() => -1);
  for (let i = 0; i < bins; i++) values.forEach((v, r) => v !== null && v >= lower[i] && v < upper[i] && (out[r] = i));
  return out;
}

/** SQL NTILE over (value, id in UTF-8 byte order). */
export function refPosition(values: Value[], ids: string[], bins: number): number[] {
  const rows = values.map((_, i) => i).filter((i) => values[i] !== null);
  rows.sort((a, b) => (values[a]! - values[b]!) || Buffer.compare(Buffer.from(ids[a]), Buffer.from(ids[b])));
  const out = values.map(() => -1);
  const m = rows.length;
  let at = 0;
  for (let b = 0; b < bins; b++) {
    const size = Math.floor(m / bins) + (b < m % bins ? 1 : 0);
    for (let k = 0; k < size; k++) out[rows[at++]] = b;
  }
  return out;
}
