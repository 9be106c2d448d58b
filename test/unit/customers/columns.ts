/** Small typed tables for customer-table tests, written inline. */
import type { Column, NumericColumn, TextColumn } from '../../../src/engine/dataset/types.ts';
import type { InputTable } from '../../../src/engine/customers/types.ts';

/** A text column from values (null = NULL), dictionary in order of first appearance. */
export function text(name: string, values: (string | null)[]): TextColumn {
  const dictionary: string[] = [];
  const index = new Map<string, number>();
  const codes = Int32Array.from(values, (v) => {
    if (v === null) return -1;
    let code = index.get(v);
    if (code === undefined) {
      code = dictionary.length;
      dictionary.push(v);
      index.set(v, code);
    }
    return code;
  });
  return { name, type: 'text', codes, dictionary };
}

/** A numeric column (null = NULL). */
export function num(name: string, type: NumericColumn['type'], values: (number | null)[]): NumericColumn {
  return { name, type, values: Float64Array.from(values, (v) => (v === null ? NaN : v)) };
}

/** Civil day number of an ISO date. */
export function day(iso: string): number {
  return Date.parse(`${iso}T00:00:00Z`) / 86_400_000;
}

/** Wall-clock ms of `YYYY-MM-DD HH:MM`. */
export function at(iso: string): number {
  return Date.parse(`${iso.replace(' ', 'T')}:00Z`);
}

export function table(...columns: Column[]): InputTable {
  const first = columns[0];
  return { columns, rowCount: first ? (first.type === 'text' ? first.codes.length : first.values.length) : 0 };
}

/** Returns a column's value at `row` as plain data: text, number, or null. */
export function cell(columns: Column[], name: string, row: number): string | number | null {
  const column = columns.find((c) => c.name === name);
  if (!column) throw new Error(`no column ${name}`);
  if (column.type === 'text') return column.codes[row] < 0 ? null : column.dictionary[column.codes[row]];
  return Number.isNaN(column.values[row]) ? null : column.values[row];
}

/** The rows of a result as objects keyed by customer id (tests only: small tables). */
export function rowsById(columns: Column[], rowCount: number): Map<string, Record<string, string | number | null>> {
  const rows = new Map<string, Record<string, string | number | null>>();
  for (let row = 0; row < rowCount; row++) {
    const record: Record<string, string | number | null> = {};
    for (const column of columns) record[column.name] = cell(columns, column.name, row);
    rows.set(String(record.customer_id), record);
  }
  return rows;
}
