/**
 * Test helpers for the SQL export: the reference (the engine path `cli run` takes: customer
 * table, custom metrics, tags), the same tables loaded into SQLite (sql.js, as the app fills it),
 * DuckDB (@duckdb/node-api) and PostgreSQL (PGlite), and a row-by-row comparison.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { PGlite } from '@electric-sql/pglite';
import initSqlJs from 'sql.js';
import { expect } from 'vitest';
import { buildCustomerTable } from '../../../src/engine/customers/build-customer-table.ts';
import type { Column } from '../../../src/engine/dataset/types.ts';
import type { FormulaParameter } from '../../../src/engine/formula/contract.ts';
import { evaluateCustomMetrics } from '../../../src/engine/metrics/custom-metrics.ts';
import type { CustomersCell } from '../../../src/engine/notebook/cells.ts';
import { fillTable } from '../../../src/engine/sqlite/fill-table.ts';
import { formatDay, formatWallClock } from '../../../src/engine/sqlite/format-sql-value.ts';
import { evaluateTags, tagColumn } from '../../../src/engine/tags/evaluate-tags.ts';
import type { Definition } from '../../../src/engine/workspace/workspace-definition.ts';
import { workspaceToSql, type SqlDialect, type WorkspaceToSqlOptions } from '../../../src/engine/warehouse-sql/index.ts';

export interface Table {
  columns: Column[];
  rowCount: number;
}

/** A value as compared: text, a number (dates as day numbers, date-times as ms), a boolean as 0/1, or null. */
export type Value = string | number | null;

/** The tagged customer table by customer id: column name → value. */
export type TaggedRows = Map<string, Record<string, Value>>;

/** Column name → type of the reference's columns (to read the SQL's values the same way). */
export type ColumnTypes = Record<string, Column['type']>;

function cellValue(column: Column, row: number): Value {
  if (column.type === 'text') {
    const code = column.codes[row];
    return code < 0 ? null : column.dictionary[code];
  }
  const v = column.values[row];
  return Number.isNaN(v) ? null : v;
}

/** The app's result for the definition's customer table, as `cli run` computes it. */
export function referenceRows(definition: Definition, tables: Record<string, Table>): { rows: TaggedRows; types: ColumnTypes; asOf: number } {
  const cell = definition.cells.find((c): c is CustomersCell => c.kind === 'customers')!;
  const asOfParameter = definition.parameters.find((p) => p.name === 'as_of');
  const customerDefinition = typeof asOfParameter?.value === 'number' ? { ...cell.definition, asOf: asOfParameter.value } : cell.definition;
  const input = {
    orders: tables[cell.sources.orders],
    ...(cell.sources.items ? { items: tables[cell.sources.items] } : {}),
    ...(cell.sources.customers ? { customers: tables[cell.sources.customers] } : {}),
  };
  const built = buildCustomerTable(input, customerDefinition);
  const parameters: FormulaParameter[] = definition.parameters.flatMap((p) => (p.value === null ? [] : [{ name: p.name, type: p.type, value: p.value }]));
  if (!parameters.some((p) => p.name === 'as_of')) parameters.push({ name: 'as_of', type: 'date', value: built.asOf });
  const columns = [...built.columns];
  for (const result of evaluateCustomMetrics(built.columns, built.rowCount, cell.customMetrics, parameters)) {
    if (!result.ok) throw new Error(`metric ${result.name}: ${result.error.message}`);
    columns.push(result.column);
  }
  const tags = definition.cells.flatMap((c) => (c.kind === 'tag' && c.tableName === cell.resultName ? [c.definition] : []));
  const results = evaluateTags(tags, { columns, rowCount: built.rowCount }, parameters);
  for (const r of results) if (r.error) throw new Error(`tag ${r.name}: ${r.error.message}`);
  columns.push(...results.map(tagColumn));
  const rows: TaggedRows = new Map();
  for (let row = 0; row < built.rowCount; row++) {
    const record: Record<string, Value> = {};
    for (const column of columns) record[column.name] = cellValue(column, row);
    rows.set(record.customer_id as string, record);
  }
  return { rows, types: Object.fromEntries(columns.map((c) => [c.name, c.type])), asOf: built.asOf };
}

const MS_PER_DAY = 86_400_000;

/** Reads a SQL value the way the reference holds it. */
function normalize(value: unknown, type: Column['type']): Value {
  if (value === null || value === undefined) return null;
  if (type === 'text') return String(value);
  if (type === 'boolean') return value === true || value === 1 || value === 1n || value === 't' ? 1 : 0;
  if (type === 'date' || type === 'datetime') {
    const text = value instanceof Date ? value.toISOString() : String(value);
    const match = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2}):(\d{2})(\.\d+)?)?/.exec(text);
    if (!match) throw new Error(`not a date: ${text}`);
    const [, y, mo, d, h = '0', mi = '0', s = '0', frac = ''] = match;
    const ms = Date.UTC(+y, +mo - 1, +d, +h, +mi, +s) + Math.round(Number(`0${frac || '.0'}`) * 1000);
    return type === 'date' ? Math.floor(ms / MS_PER_DAY) : ms;
  }
  return typeof value === 'bigint' ? Number(value) : Number(value);
}

/**
 * Compares SQL rows with the reference: same customers; labels and text exactly, numbers within
 * 1e-9 relative. `ranks` names PERCENT_RANK columns with the column they rank: customers whose
 * ranked values agree within 1e-9 tie up to the order floats were summed in (the app may see them
 * equal, SQL a hair apart, or the other way round), so a rank may move by at most the number of
 * such near-ties, in steps of 1 / (ranked customers − 1).
 */
export function expectSameRows(
  sqlRows: Record<string, unknown>[],
  expected: { rows: TaggedRows; types: ColumnTypes },
  columns: readonly string[],
  label: string,
  ranks: Readonly<Record<string, string>> = {},
): void {
  expect(sqlRows.length, `${label}: customers`).toBe(expected.rows.size);
  const close = (a: number, b: number) => a === b || Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b));
  const withinNearTies = (column: string, want: Record<string, unknown>, got: number): boolean => {
    const key = want[ranks[column]];
    if (typeof key !== 'number' || typeof want[column] !== 'number') return false;
    let ties = 0;
    let ranked = 0;
    for (const other of expected.rows.values()) {
      if (typeof other[column] === 'number') ranked++;
      const otherKey = other[ranks[column]];
      if (other !== want && typeof otherKey === 'number' && close(otherKey, key)) ties++;
    }
    return ties > 0 && Math.abs(got - want[column]) <= ties / Math.max(1, ranked - 1) + 1e-12;
  };
  const mismatches: string[] = [];
  for (const sqlRow of sqlRows) {
    const id = String(sqlRow.customer_id);
    const want = expected.rows.get(id);
    if (!want) {
      mismatches.push(`${id}: not in the app's table`);
      continue;
    }
    for (const column of columns) {
      const type = expected.types[column];
      const got = normalize(sqlRow[column], type);
      const wanted = want[column];
      const same =
        typeof got === 'number' && typeof wanted === 'number'
          ? close(got, wanted) || (column in ranks && withinNearTies(column, want, got))
          : got === wanted;
      if (!same) mismatches.push(`${id}.${column}: SQL ${JSON.stringify(got)}, app ${JSON.stringify(wanted)}`);
    }
  }
  expect(mismatches.slice(0, 20), `${label}: ${mismatches.length} mismatches`).toEqual([]);
}

/** Runs the exported script of `dialect` on an engine holding `tables`; returns its rows. */
export type Engine = (sql: string) => Promise<Record<string, unknown>[]>;

const SQL = await initSqlJs();

/** SQLite (sql.js) filled as the app fills it: dates and date-times as text. */
export function sqliteEngine(tables: Record<string, Table>): Engine {
  const db = new SQL.Database();
  for (const [name, table] of Object.entries(tables)) fillTable(db, name, table.columns);
  return async (sql) => {
    const result = db.exec(sql);
    const last = result[result.length - 1];
    if (!last) return [];
    return last.values.map((row) => Object.fromEntries(last.columns.map((c, i) => [c, row[i]])));
  };
}

const SQL_TYPES: Record<'duckdb' | 'postgres', Record<Column['type'], string>> = {
  duckdb: { text: 'VARCHAR', integer: 'BIGINT', decimal: 'DOUBLE', boolean: 'BOOLEAN', date: 'DATE', datetime: 'TIMESTAMP' },
  postgres: { text: 'TEXT', integer: 'BIGINT', decimal: 'DOUBLE PRECISION', boolean: 'BOOLEAN', date: 'DATE', datetime: 'TIMESTAMP' },
};

/** A value as a SQL literal of its column's type. */
function literal(column: Column, row: number): string {
  const value = cellValue(column, row);
  if (value === null) return 'NULL';
  switch (column.type) {
    case 'text':
      return `'${String(value).replaceAll("'", "''")}'`;
    case 'date':
      return `DATE '${formatDay(value as number)}'`;
    case 'datetime':
      return `TIMESTAMP '${formatWallClock(value as number)}'`;
    case 'boolean':
      return value ? 'TRUE' : 'FALSE';
    default:
      // Doubles print with enough digits to read back the same value.
      return Number.isInteger(value) ? String(value) : `CAST('${String(value)}' AS DOUBLE PRECISION)`;
  }
}

/** CREATE TABLE and INSERT statements (rows in order, so the physical order is the file's). */
function loadStatements(dialect: 'duckdb' | 'postgres', tables: Record<string, Table>): string[] {
  const statements: string[] = [];
  const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;
  for (const [name, table] of Object.entries(tables)) {
    statements.push(`CREATE TABLE ${quote(name)} (${table.columns.map((c) => `${quote(c.name)} ${SQL_TYPES[dialect][c.type]}`).join(', ')})`);
    for (let start = 0; start < table.rowCount; start += 2000) {
      const rows: string[] = [];
      for (let row = start; row < Math.min(table.rowCount, start + 2000); row++) rows.push(`(${table.columns.map((c) => literal(c, row)).join(', ')})`);
      statements.push(`INSERT INTO ${quote(name)} VALUES ${rows.join(',\n')}`);
    }
  }
  return statements;
}

/** DuckDB in memory. */
export async function duckdbEngine(tables: Record<string, Table>): Promise<Engine & { close: () => void }> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  for (const statement of loadStatements('duckdb', tables)) await connection.run(statement);
  const run = async (sql: string) => {
    const reader = await connection.runAndReadAll(sql);
    return reader.getRowObjectsJS() as Record<string, unknown>[];
  };
  return Object.assign(run, { close: () => connection.closeSync() });
}

/** PostgreSQL (PGlite, in wasm) in memory. */
export async function postgresEngine(tables: Record<string, Table>): Promise<Engine & { close: () => Promise<void> }> {
  const pg = await PGlite.create();
  for (const statement of loadStatements('postgres', tables)) await pg.exec(statement);
  const run = async (sql: string) => {
    const results = await pg.exec(sql);
    return (results[results.length - 1]?.rows ?? []) as Record<string, unknown>[];
  };
  return Object.assign(run, { close: () => pg.close() });
}

/** Exports `definition` for `dialect` as `CREATE TABLE tagged_customers`, runs it, and reads the table back (times as text). */
export async function runExport(engine: Engine, definition: Definition, dialect: SqlDialect, options: Partial<WorkspaceToSqlOptions> = {}): Promise<{ rows: Record<string, unknown>[]; columns: string[]; warnings: string[] }> {
  const exported = workspaceToSql(definition, { dialect, createTable: 'tagged_customers', ...options });
  await engine(`DROP TABLE IF EXISTS tagged_customers`);
  await engine(exported.sql);
  const asText = dialect === 'duckdb' ? 'VARCHAR' : 'TEXT';
  const select = exported.columns.map((c) => (c === 'first_order_at' || c === 'last_order_at' ? `CAST("${c}" AS ${asText}) AS "${c}"` : `"${c}"`));
  const rows = await engine(`SELECT ${select.join(', ')} FROM tagged_customers`);
  return { rows, columns: exported.columns, warnings: exported.warnings };
}
