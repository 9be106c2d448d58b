// Invariant: real public data sets go through the whole import path (decode → dialect → rows →
// typed columns → SQLite) and come out with the rows, customers, date ranges and totals that
// ../shared/realdata/SOURCES.md lists — figures counted independently of this code.
import initSqlJs from 'sql.js';
import { describe, expect, it } from 'vitest';
import { loadCsv, type LoadCsvOptions } from '../../../src/engine/dataset/load-csv.ts';
import type { ImportResult } from '../../../src/engine/dataset/types.ts';
import { fillTable } from '../../../src/engine/sqlite/fill-table.ts';
import { describeRealdata, readRealdata } from '../../helpers/realdata.ts';

const sql = await initSqlJs();

function load(path: string, options: LoadCsvOptions = {}) {
  const result = loadCsv(readRealdata(path), { timeZone: 'Asia/Shanghai', tableName: 't', ...options });
  const db = new sql.Database();
  fillTable(db, 't', result.data);
  const query = (text: string) => db.exec(text)[0].values[0];
  return { result, db, query };
}

function typeOf(result: ImportResult, name: string) {
  return result.columns.find((c) => c.name === name)?.spec.type;
}

function accountsForEveryRow(result: ImportResult) {
  expect(result.inputRows).toBe(result.loadedRows + result.excludedRows);
}

describeRealdata('loadCsv on real data sets (SOURCES.md figures)', () => {
  it('CDNOW_sample: 6,919 rows × 5, no header, 2,357 customers, zero-padded ids, 1997-01-01..1998-06-30, $244,091.94', () => {
    const { result, query } = load('lifetimes-cdnow/CDNOW_sample.txt', {
      columns: { column_3: { type: 'date', dateFormat: 'yyyymmdd' } },
    });
    expect(result.dialect).toMatchObject({ delimiter: 'whitespace', hasHeader: false });
    expect(result.columns.map((c) => c.name)).toEqual(['column_1', 'column_2', 'column_3', 'column_4', 'column_5']);
    expect(result.loadedRows).toBe(6919);
    accountsForEveryRow(result);
    expect(typeOf(result, 'column_1')).toBe('text');
    expect(typeOf(result, 'column_3')).toBe('date');
    expect(typeOf(result, 'column_5')).toBe('decimal');
    expect(query('SELECT count(DISTINCT column_1), min(column_1), min(column_3), max(column_3), round(sum(column_5), 2), sum(column_5 = 0) FROM t')).toEqual([
      2357, '00004', '1997-01-01', '1998-06-30', 244091.94, 8,
    ]);
  });

  it('CDNOW_sample offers its 8-digit date column as a date to confirm', () => {
    const { result } = load('lifetimes-cdnow/CDNOW_sample.txt');
    const date = result.columns.find((c) => c.name === 'column_3')!;
    expect(date.inferredType).toBe('integer');
    expect(date.suggestedSpec).toMatchObject({ type: 'date', dateFormat: 'yyyymmdd' });
    expect(result.issues.some((i) => i.code === 'date-yyyymmdd-suggested')).toBe(true);
  });

  it('CDNOW_master: 69,659 rows × 4 with a header, 23,570 customers, total $2,500,315, 80 rows of $0', () => {
    const { result, query } = load('lifetimes-cdnow/CDNOW_master.txt', { columns: { date: { type: 'date', dateFormat: 'yyyymmdd' } } });
    expect(result.columns.map((c) => c.name)).toEqual(['customer_id', 'date', 'number_of_cds', 'dollar_value']);
    expect(result.loadedRows).toBe(69659);
    accountsForEveryRow(result);
    expect(typeOf(result, 'customer_id')).toBe('text');
    const [customers, total, zero, first, last] = query(
      'SELECT count(DISTINCT customer_id), sum(dollar_value), sum(dollar_value = 0), min(date), max(date) FROM t',
    ) as [number, number, number, string, string];
    expect(customers).toBe(23570);
    expect(Math.abs(total - 2500315)).toBeLessThan(1); // SOURCES.md rounds the total to whole dollars
    expect(zero).toBe(80);
    expect([first, last]).toEqual(['1997-01-01', '1998-06-30']);
  });

  it('rfm_data_orders: 4,906 rows, 995 customers (17 names with an apostrophe), 2001-10-29..2006-12-30', () => {
    const { result, query } = load('rfm-r-package/rfm_data_orders.csv');
    expect(result.loadedRows).toBe(4906);
    accountsForEveryRow(result);
    expect(typeOf(result, 'order_date')).toBe('date');
    expect(typeOf(result, 'revenue')).toBe('integer');
    expect(query("SELECT count(DISTINCT customer_id), count(DISTINCT CASE WHEN customer_id LIKE '%''%' THEN customer_id END), min(order_date), max(order_date) FROM t")).toEqual([
      995, 17, '2001-10-29', '2006-12-30',
    ]);
  });

  it('rfm_data_customer: 39,999 customers whose number_of_orders sum to 393,223', () => {
    const { result, query } = load('rfm-r-package/rfm_data_customer.csv');
    expect(result.loadedRows).toBe(39999);
    expect(query('SELECT count(DISTINCT customer_id), sum(number_of_orders), min(most_recent_visit), max(most_recent_visit) FROM t')).toEqual([
      39999, 393223, '2004-03-05', '2006-12-30',
    ]);
  });

  it('Online Retail (mod 10): 36,378 rows × 8, 445 customers, invoice numbers kept as text, net revenue 811,414.33', () => {
    const { result, query } = load('uci-online-retail/online_retail_customers_mod10.csv');
    expect(result.loadedRows).toBe(36378);
    expect(result.columns).toHaveLength(8);
    accountsForEveryRow(result);
    expect(typeOf(result, 'InvoiceNo')).toBe('text');
    expect(typeOf(result, 'StockCode')).toBe('text');
    expect(typeOf(result, 'CustomerID')).toBe('text');
    expect(typeOf(result, 'InvoiceDate')).toBe('datetime');
    expect(typeOf(result, 'Quantity')).toBe('integer');
    expect(typeOf(result, 'UnitPrice')).toBe('decimal');
    expect(result.issues.some((i) => i.code === 'id-decimal-artifact' && i.column === 'CustomerID')).toBe(true);
    const [customers, invoices, cancelled, cancelLines, net, first, last] = query(
      "SELECT count(DISTINCT CustomerID), count(DISTINCT InvoiceNo), count(DISTINCT CASE WHEN InvoiceNo LIKE 'C%' THEN InvoiceNo END), " +
        "sum(InvoiceNo LIKE 'C%'), sum(Quantity * UnitPrice), min(InvoiceDate), max(InvoiceDate) FROM t",
    ) as [number, number, number, number, number, string, string];
    expect([customers, invoices, cancelled, cancelLines]).toEqual([445, 2011, 300, 742]);
    expect(net).toBeCloseTo(811414.33, 2);
    expect(first.slice(0, 16)).toBe('2010-12-01 08:26');
    expect(last.slice(0, 16)).toBe('2011-12-09 12:50');
  });

  it('Online Retail by-day: 3,108 rows, 98 customers, 1,140 blank customer ids counted as NULL', () => {
    const { result, query } = load('uci-online-retail/by-day_2010-12-01.csv');
    expect(result.loadedRows).toBe(3108);
    accountsForEveryRow(result);
    const customer = result.columns.find((c) => c.name === 'CustomerID')!;
    expect(customer.nullCount).toBe(1140);
    expect(query('SELECT count(DISTINCT CustomerID), sum(CustomerID IS NULL) FROM t')).toEqual([98, 1140]);
  });
});

describe('loadCsv accounting', () => {
  it('keeps every row: rows in the file = rows loaded + rows excluded, under both ragged-row policies', () => {
    const text = 'a,b\n1,2\n3\n4,5,6\n7,8\n';
    const bytes = new TextEncoder().encode(text);
    const kept = loadCsv(bytes, { timeZone: 'UTC' });
    expect([kept.inputRows, kept.loadedRows, kept.excludedRows]).toEqual([4, 4, 0]);
    expect(kept.columns.map((c) => c.name)).toEqual(['a', 'b', '_extra']);
    const excluded = loadCsv(bytes, { timeZone: 'UTC', raggedRows: 'exclude' });
    expect([excluded.inputRows, excluded.loadedRows, excluded.excludedRows]).toEqual([4, 2, 2]);
    expect(Array.from(excluded.lineNumbers)).toEqual([2, 5]);
    expect(excluded.issues.find((i) => i.code === 'rows-excluded')?.lines).toEqual([3, 4]);
  });
});
