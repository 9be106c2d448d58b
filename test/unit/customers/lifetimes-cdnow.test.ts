// Invariant: the lifetimes preset reproduces the Python lifetimes package's published summaries
// of CDNOW_sample (cutoff 1997-09-30, same-day purchases merged) for every one of the 2,357
// customers: frequency, recency and T in weeks, and zbar = mean value of a repeat purchase day.
import Papa from 'papaparse';
import { expect, it } from 'vitest';
import { buildCustomerTable } from '../../../src/engine/customers/build-customer-table.ts';
import { loadCsv } from '../../../src/engine/dataset/load-csv.ts';
import type { Column } from '../../../src/engine/dataset/types.ts';
import { describeRealdata, readRealdata } from '../../helpers/realdata.ts';

// The published figures are rounded to two decimals, so a half-cent tie (22.345 → 22.35) is 0.005 off.
const TOLERANCE = 0.005 + 1e-9;
const CUTOFF = Date.UTC(1997, 8, 30) / 86_400_000;

function readSummary(path: string): Record<string, string>[] {
  return Papa.parse<Record<string, string>>(new TextDecoder().decode(readRealdata(path)).trim(), { header: true }).data;
}

function byName(columns: Column[], name: string): Column {
  return columns.find((c) => c.name === name)!;
}

describeRealdata('buildCustomerTable(cdnow, { preset: "lifetimes" }) against the lifetimes package', () => {
  const loaded = loadCsv(readRealdata('lifetimes-cdnow/CDNOW_sample.txt'), {
    timeZone: 'UTC',
    renames: { column_1: 'master_id', column_2: 'sample_id', column_3: 'date', column_4: 'n_cds', column_5: 'dollars' },
    columns: { date: { type: 'date', dateFormat: 'yyyymmdd' } },
  });
  const table = buildCustomerTable(
    { orders: { columns: loaded.data, rowCount: loaded.loadedRows } },
    { roles: { customer: 'sample_id', time: 'date', amount: 'dollars' }, preset: 'lifetimes', cutoff: CUTOFF },
  );
  const ids = byName(table.columns, 'customer_id');
  const rowOf = new Map<number, number>();
  if (ids.type === 'text') ids.codes.forEach((code, row) => rowOf.set(Number(ids.dictionary[code]), row));
  const value = (name: string, row: number) => {
    const column = byName(table.columns, name);
    return column.type === 'text' ? NaN : column.values[row];
  };

  it('has the four lifetimes columns and one row per customer who bought by the cutoff', () => {
    expect(table.columns.map((c) => c.name)).toEqual(['customer_id', 'frequency', 'recency', 'T', 'monetary_value']);
    expect(table.rowCount).toBe(2357);
    expect(table.inputRows).toBe(table.usedRows + (table.exclusions['after-cutoff'] ?? 0));
    expect(table.cutoff).toBe(CUTOFF);
  });

  it('reproduces cdnow_customers_summary.csv (ID, frequency, recency, T) within 0.005', () => {
    const expected = readSummary('lifetimes-cdnow/cdnow_customers_summary.csv');
    expect(expected).toHaveLength(2357);
    let mismatches = 0;
    for (const e of expected) {
      const row = rowOf.get(Number(e.ID));
      if (row === undefined) {
        mismatches++;
        continue;
      }
      const ok =
        Math.abs(value('frequency', row) - Number(e.frequency)) <= TOLERANCE &&
        Math.abs(value('recency', row) - Number(e.recency)) <= TOLERANCE &&
        Math.abs(value('T', row) - Number(e.T)) <= TOLERANCE;
      if (!ok) mismatches++;
    }
    expect(mismatches).toBe(0);
  });

  it('reproduces cdnow_customers_summary_with_transactions.csv (x, t_x, T, zbar) within 0.005', () => {
    const expected = readSummary('lifetimes-cdnow/cdnow_customers_summary_with_transactions.csv');
    expect(expected).toHaveLength(2357);
    let mismatches = 0;
    let repeaters = 0;
    for (const e of expected) {
      const row = rowOf.get(Number(e.ID))!;
      if (Number(e.x) > 0) repeaters++;
      const ok =
        Math.abs(value('frequency', row) - Number(e.x)) <= TOLERANCE &&
        Math.abs(value('recency', row) - Number(e.t_x)) <= TOLERANCE &&
        Math.abs(value('T', row) - Number(e.T)) <= TOLERANCE &&
        Math.abs(value('monetary_value', row) - Number(e.zbar)) <= TOLERANCE;
      if (!ok) mismatches++;
    }
    expect(mismatches).toBe(0);
    expect(repeaters).toBe(946);
  });
});
