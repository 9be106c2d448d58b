/** Shared helpers: build small typed tables, run a formula both ways (sql.js and typed arrays). */
import initSqlJs from 'sql.js';
import type { Column } from '../../../src/engine/dataset/types.ts';
import { compileFormula } from '../../../src/engine/formula/index.ts';
import type { CompiledFormula, FormulaParameter, FormulaScope } from '../../../src/engine/formula/index.ts';
import { fillTable } from '../../../src/engine/sqlite/fill-table.ts';
import { formatDay, formatWallClock } from '../../../src/engine/sqlite/format-sql-value.ts';
import { quoteIdentifier } from '../../../src/engine/sqlite/quote-identifier.ts';

export const SQL = await initSqlJs();
/** sql.js without its deprecated extension functions (SQLite's own math functions instead), as a future default. */
export const SQL_NATIVE_MATH = await initSqlJs({ useOldExtensionFunctions: false } as Parameters<typeof initSqlJs>[0]);

export type Cell = number | string | boolean | null;

/** Builds a text column (null = NULL), with a deliberately non-deduplicated dictionary order. */
export function textColumn(name: string, values: (string | null)[]): Column {
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

/** Builds a numeric-like column (null = NULL; booleans as 0/1). */
export function numberColumn(name: string, type: 'integer' | 'decimal' | 'boolean' | 'date' | 'datetime', values: (number | boolean | null)[]): Column {
  return { name, type, values: Float64Array.from(values, (v) => (v === null ? NaN : Number(v))) };
}

/** Returns a JS cell value of a column row, as the SQL side returns it (dates as text). */
export function cellOf(column: Column, row: number): Cell {
  if (column.type === 'text') return column.codes[row] < 0 ? null : column.dictionary[column.codes[row]];
  const v = column.values[row];
  if (Number.isNaN(v)) return null;
  if (column.type === 'date') return formatDay(v);
  if (column.type === 'datetime') return formatWallClock(v);
  return v === 0 ? 0 : v;
}

export function scopeOf(columns: Column[], parameters: FormulaParameter[] = [], aggregate = false): FormulaScope {
  return { columns: columns.map((c) => ({ name: c.name, type: c.type })), parameters, aggregate };
}

/** Runs a compiled row formula over `columns` in JS; returns cells. */
export function runJs(formula: CompiledFormula, columns: Column[], idColumn?: string): Cell[] {
  const rowCount = columns.length ? (columns[0].type === 'text' ? columns[0].codes.length : columns[0].values.length) : 0;
  const out = formula.evaluate({ rowCount, columns: Object.fromEntries(columns.map((c) => [c.name, c])), idColumn });
  return Array.from({ length: rowCount }, (_, i) => cellOf(out, i));
}

/** Runs a compiled row formula in sql.js over the same table; returns cells in row order. */
export function runSql(formula: CompiledFormula, columns: Column[], idColumn?: string, sqlModule: typeof SQL = SQL): Cell[] {
  const db = new sqlModule.Database();
  try {
    const withRow = [...columns, numberColumn('__row', 'integer', Array.from({ length: rowCount(columns) }, (_, i) => i))];
    fillTable(db, 't', withRow);
    const expr = formula.toSql((name) => quoteIdentifier(name), { idColumn });
    const result = db.exec(`SELECT ${expr} FROM t ORDER BY __row`);
    return (result[0]?.values ?? []).map((r) => normalize(r[0] as Cell));
  } finally {
    db.close();
  }
}

/** Runs an aggregate formula both ways over `columns` grouped by `groups` (-1 = skipped); returns [js, sql] per present group. */
export function runGrouped(formula: CompiledFormula, columns: Column[], groups: number[], groupCount: number): { js: Cell[]; sql: Cell[] } {
  const n = rowCount(columns);
  const out = formula.evaluate({ rowCount: n, columns: Object.fromEntries(columns.map((c) => [c.name, c])), groups: { index: Int32Array.from(groups), count: groupCount } });
  const db = new SQL.Database();
  try {
    fillTable(db, 't', [...columns, numberColumn('__g', 'integer', groups)]);
    const expr = formula.toSql((name) => quoteIdentifier(name));
    const result = db.exec(`SELECT __g, ${expr} FROM t WHERE __g >= 0 GROUP BY __g ORDER BY __g`);
    const rows = result[0]?.values ?? [];
    return { js: rows.map((r) => cellOf(out, Number(r[0]))), sql: rows.map((r) => normalize(r[1] as Cell)) };
  } finally {
    db.close();
  }
}

function rowCount(columns: Column[]): number {
  return columns.length ? (columns[0].type === 'text' ? columns[0].codes.length : columns[0].values.length) : 0;
}

function normalize(v: Cell): Cell {
  return v === 0 ? 0 : v;
}

/** True when two result cells agree: exactly, or as reals within 1e-9 relative (absolute near zero). */
export function cellsAgree(a: Cell, b: Cell): boolean {
  if (a === b) return true;
  if (typeof a === 'number' && typeof b === 'number') {
    if (!Number.isFinite(a) || !Number.isFinite(b)) return false;
    return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
  }
  return false;
}

/** Compiles a row formula over `columns` and returns both results. */
export function bothWays(source: string, columns: Column[], parameters: FormulaParameter[] = [], idColumn?: string): { js: Cell[]; sql: Cell[] } {
  const f = compileFormula(source, scopeOf(columns, parameters));
  return { js: runJs(f, columns, idColumn), sql: runSql(f, columns, idColumn) };
}
