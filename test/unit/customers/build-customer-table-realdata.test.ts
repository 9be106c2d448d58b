// Invariant: on UCI Online Retail (a real export: refunds are invoices starting with "C", the
// amount is the formula Quantity * UnitPrice, ids written `17850.0`, guest rows without an id)
// every metric equals a SQL GROUP BY in SQLite over the same rows, and the totals match the
// figures SOURCES.md counted independently. The two formulas run in the formula language.
import initSqlJs from 'sql.js';
import { expect, it } from 'vitest';
import { buildCustomerTable } from '../../../src/engine/customers/build-customer-table.ts';
import type { CustomerTableDefinition } from '../../../src/engine/customers/types.ts';
import { loadCsv } from '../../../src/engine/dataset/load-csv.ts';
import { fillTable } from '../../../src/engine/sqlite/fill-table.ts';
import { formatWallClock } from '../../../src/engine/sqlite/format-sql-value.ts';
import { openDatabase } from '../../../src/engine/sqlite/open-database.ts';
import { describeRealdata, readRealdata } from '../../helpers/realdata.ts';
import { rowsById } from './columns.ts';

const sql = await initSqlJs();

const DEFINITION: CustomerTableDefinition = {
  roles: { customer: 'CustomerID', time: 'InvoiceDate', amount: { formula: 'Quantity * UnitPrice' }, order: 'InvoiceNo', product: 'StockCode' },
  refunds: { kind: 'formula', formula: 'LEFT(InvoiceNo, 1) = "C"' },
  orderRows: 'lines',
};

function load(path: string) {
  const result = loadCsv(readRealdata(path), { timeZone: 'UTC' });
  const db = openDatabase(sql);
  fillTable(db, 't', result.data);
  const built = buildCustomerTable({ orders: { columns: result.data, rowCount: result.loadedRows } }, DEFINITION);
  return { result, db, built };
}

describeRealdata('buildCustomerTable(UCI online retail) against SQL and SOURCES.md', () => {
  const { db, built } = load('uci-online-retail/online_retail_customers_mod10.csv');
  const one = (text: string) => db.exec(text)[0].values[0];

  it('accounts for every row: 36,378 = used + exact repeated lines', () => {
    const [distinct] = one('SELECT count(*) FROM (SELECT DISTINCT InvoiceNo, StockCode, InvoiceDate, CustomerID, Quantity * UnitPrice FROM t)') as number[];
    expect(built.inputRows).toBe(36_378);
    expect(built.usedRows).toBe(distinct);
    expect(built.exclusions).toEqual({ 'duplicate-rows': 36_378 - distinct });
    expect(built.rowCount).toBe(445);
  });

  it('net revenue plus the dropped repeats is SOURCES.md’s 811,414.33, and 3 customers are net ≤ 0', () => {
    const revenue = built.columns.find((c) => c.name === 'revenue')!;
    const values = revenue.type === 'text' ? [] : Array.from(revenue.values);
    const [dropped] = one(`SELECT (SELECT sum(Quantity * UnitPrice) FROM t)
      - (SELECT sum(amount) FROM (SELECT DISTINCT InvoiceNo, StockCode, InvoiceDate, CustomerID, Quantity * UnitPrice AS amount FROM t))`) as number[];
    expect(dropped).not.toBe(0);
    expect(Math.abs(values.reduce((a, b) => a + b, 0) + dropped - 811_414.33)).toBeLessThan(0.005);
    expect(values.filter((v) => v <= 0)).toHaveLength(3);
  });

  it('equals SQL GROUP BY for every metric of every customer', () => {
    const reference = db.exec(`
      WITH d AS (SELECT DISTINCT InvoiceNo, StockCode, InvoiceDate, CustomerID, Quantity * UnitPrice AS amount FROM t),
      o AS (SELECT *, (amount < 0 OR substr(InvoiceNo, 1, 1) = 'C') AS is_refund, CAST(julianday(substr(InvoiceDate, 1, 10)) - 2440587.5 AS INTEGER) AS day FROM d),
      a AS (SELECT max(day) + 1 AS as_of FROM o)
      SELECT CustomerID,
        min(CASE WHEN NOT is_refund THEN InvoiceDate END), max(CASE WHEN NOT is_refund THEN InvoiceDate END),
        a.as_of - max(CASE WHEN NOT is_refund THEN day END),
        count(DISTINCT CASE WHEN NOT is_refund THEN InvoiceNo END),
        sum(CASE WHEN amount > 0 THEN amount ELSE 0 END) - sum(CASE WHEN is_refund THEN abs(amount) ELSE 0 END),
        count(DISTINCT CASE WHEN NOT is_refund THEN day END),
        sum(CASE WHEN is_refund THEN abs(amount) ELSE 0 END),
        count(DISTINCT CASE WHEN NOT is_refund THEN StockCode END),
        sum(is_refund)
      FROM o CROSS JOIN a GROUP BY CustomerID`)[0].values;
    const ours = rowsById(built.columns, built.rowCount);
    expect(ours.size).toBe(reference.length);
    let refundRows = 0;
    for (const [id, first, last, recency, orders, revenue, days, refunds, products, refundCount] of reference) {
      const got = ours.get(String(id))!;
      const time = (v: unknown) => (typeof v === 'number' ? formatWallClock(v) : v);
      expect([time(got.first_order_at), time(got.last_order_at), got.recency_days, got.orders, got.distinct_products], String(id)).toEqual([first, last, recency, orders, products]);
      expect(Math.abs((got.revenue as number) - (revenue as number))).toBeLessThan(1e-6);
      expect(Math.abs((got.refund_amount as number) - (refunds as number))).toBeLessThan(1e-6);
      const gap = (days as number) > 1 ? ((got.tenure_days as number) - (got.recency_days as number)) / ((days as number) - 1) : null;
      expect(got.mean_days_between_orders).toBe(gap);
      refundRows += refundCount as number;
    }
    expect(built.refundRows).toBe(refundRows);
    // 17850.0 stays as written: ids are text (SPEC §6a).
    expect(ours.has('17850.0')).toBe(true);
  });

  it('counts the guest rows of a day without a customer id as exclusions (1,140 of 3,108)', () => {
    const day = load('uci-online-retail/by-day_2010-12-01.csv').built;
    expect(day.inputRows).toBe(3108);
    expect(day.exclusions['missing-customer']).toBe(1140);
    expect(day.issues.find((i) => i.code === 'missing-customer')?.message).toBe('1140 order row(s) have no customer id (guest orders): excluded.');
    expect(day.rowCount).toBe(98);
    expect(day.inputRows).toBe(day.usedRows + Object.values(day.exclusions).reduce((a, b) => a + (b ?? 0), 0));
  });
});
