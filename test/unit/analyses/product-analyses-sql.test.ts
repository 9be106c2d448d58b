// The product analyses on the demo shop and on UCI Online Retail, against references computed
// from SQL over the same tables in SQLite (sql.js): the purchase lines are selected by SQL from
// the definitions (refunds out, items joined to their order), then counted by brute force.
import initSqlJs from 'sql.js';
import { describe, expect, it } from 'vitest';
import { crossSell } from '../../../src/engine/analyses/cross-sell.ts';
import { replenishmentCycles } from '../../../src/engine/analyses/replenishment.ts';
import { shoppingPaths } from '../../../src/engine/analyses/shopping-path.ts';
import type { PurchaseLines } from '../../../src/engine/analyses/types.ts';
import { buildCustomerTable } from '../../../src/engine/customers/build-customer-table.ts';
import type { CustomerTableDefinition, CustomerTableInput } from '../../../src/engine/customers/types.ts';
import { loadCsv } from '../../../src/engine/dataset/load-csv.ts';
import { demoShopFiles } from '../../../src/engine/demo/demo-shop-files.ts';
import { fillTable } from '../../../src/engine/sqlite/fill-table.ts';
import { openDatabase } from '../../../src/engine/sqlite/open-database.ts';
import type { Database } from '../../../src/engine/sqlite/sql-types.ts';
import { describeRealdata, readRealdata } from '../../helpers/realdata.ts';
import { medianOf, referenceCycles, referencePairs, referencePaths, type7, type Row } from './lines-harness.ts';

const sql = await initSqlJs();

function rowsOf(db: Database, text: string): Row[] {
  const result = db.exec(text)[0];
  return (result?.values ?? []).map(([customer, day, order, item]) => ({ customer: String(customer), day: Number(day), order: String(order), item: item === null ? null : String(item) }));
}

/** Checks the three analyses over `lines` against the references over `rows`. */
function checkAgainst(lines: PurchaseLines, rows: Row[], minOrders: number): void {
  expect(lines.count).toBe(rows.length);
  const cycles = replenishmentCycles(lines, { minPairs: 10 });
  const refCycles = referenceCycles(rows);
  expect(cycles.length).toBe(refCycles.size);
  for (const row of cycles.slice(0, 50)) {
    const ref = refCycles.get(row.item)!;
    expect([row.customers, row.repeatCustomers, row.pairs]).toEqual([ref.customers, ref.repeat, ref.gaps.length]);
    expect(row.median).toBeCloseTo(type7(ref.gaps, 0.5), 9);
    expect(row.q3).toBeCloseTo(type7(ref.gaps, 0.75), 9);
  }
  const pairs = crossSell(lines, { minOrders, minSupport: 0, limit: 10_000 });
  const refPairs = referencePairs(rows);
  expect(pairs.orders).toBe(refPairs.orders);
  const expected = [...refPairs.both].filter(([, n]) => n >= minOrders);
  expect(pairs.pairsFound).toBe(expected.length);
  expect(pairs.rows.length).toBeGreaterThan(0);
  for (const row of pairs.rows) expect(row.orders).toBe(refPairs.both.get([row.a, row.b].sort().join('\u0000')));
  const paths = shoppingPaths(lines, { minCustomers: 3, limit: 30 });
  const refPaths = referencePaths(rows);
  expect(paths.rows.length).toBeGreaterThan(0);
  for (const row of paths.rows) {
    const gaps = refPaths.gaps.get(`${row.a}\u0000${row.b}`)!;
    expect([row.customers, row.buyersA, row.medianDays]).toEqual([gaps.length, refPaths.buyers.get(row.a), medianOf(gaps)]);
  }
  // The top path has the most customers of all pairs.
  let most = 0;
  for (const gaps of refPaths.gaps.values()) most = Math.max(most, gaps.length);
  expect(paths.rows[0].customers).toBe(most);
}

describe('product analyses on the demo shop, against SQL', () => {
  const [customers, orders, items] = demoShopFiles().map((file) => loadCsv(file.bytes, { timeZone: 'Asia/Shanghai' }));
  const db = openDatabase(sql);
  fillTable(db, 'orders', orders.data);
  fillTable(db, 'order_items', items.data);
  const input: CustomerTableInput = {
    orders: { columns: orders.data, rowCount: orders.loadedRows },
    items: { columns: items.data, rowCount: items.loadedRows },
    customers: { columns: customers.data, rowCount: customers.loadedRows },
  };
  const definition: CustomerTableDefinition = {
    roles: { customer: 'customer_id', time: 'order_time', amount: 'paid_amount', order: 'order_id', status: 'status' },
    itemRoles: { order: 'order_id', product: 'product_id', category: 'category' },
    refunds: { kind: 'status', values: ['refunded', 'cancelled'] },
  };
  const purchases = (column: string) => `
    SELECT o.customer_id, CAST(julianday(substr(o.order_time, 1, 10)) - 2440587.5 AS INTEGER) AS day, o.order_id, i.${column}
    FROM order_items AS i JOIN orders AS o ON o.order_id = i.order_id
    WHERE NOT (o.paid_amount < 0 OR o.status IN ('refunded', 'cancelled'))`;

  it('by product (on the items table)', () => {
    const lines = buildCustomerTable(input, definition, { purchaseLines: 'product' }).purchaseLines!;
    checkAgainst(lines, rowsOf(db, purchases('product_id')), 5);
  });

  it('by category', () => {
    const lines = buildCustomerTable(input, definition, { purchaseLines: 'category' }).purchaseLines!;
    checkAgainst(lines, rowsOf(db, purchases('category')), 50);
  });
});

describeRealdata('product analyses on UCI Online Retail, against SQL', () => {
  it('by StockCode, invoices as orders, refund invoices left out', () => {
    const loaded = loadCsv(readRealdata('uci-online-retail/online_retail_customers_mod10.csv'), { timeZone: 'UTC' });
    const db = openDatabase(sql);
    fillTable(db, 't', loaded.data);
    const definition: CustomerTableDefinition = {
      roles: { customer: 'CustomerID', time: 'InvoiceDate', amount: { formula: 'Quantity * UnitPrice' }, order: 'InvoiceNo', product: 'StockCode' },
      refunds: { kind: 'formula', formula: 'LEFT(InvoiceNo, 1) = "C"' },
      orderRows: 'lines',
    };
    const lines = buildCustomerTable({ orders: { columns: loaded.data, rowCount: loaded.loadedRows } }, definition, { purchaseLines: 'product' }).purchaseLines!;
    // Exact repeated lines are duplicates (excluded once each): DISTINCT over every mapped role.
    const rows = rowsOf(
      db,
      `SELECT DISTINCT CustomerID, CAST(julianday(substr(InvoiceDate, 1, 10)) - 2440587.5 AS INTEGER), InvoiceNo, StockCode, InvoiceDate, Quantity * UnitPrice
       FROM t WHERE CustomerID IS NOT NULL AND InvoiceDate IS NOT NULL AND Quantity * UnitPrice IS NOT NULL
         AND NOT (substr(InvoiceNo, 1, 1) = 'C' OR Quantity * UnitPrice < 0 OR Quantity < 0)`,
    );
    expect(rows.length).toBeGreaterThan(30_000);
    checkAgainst(lines, rows, 8);
  });
});
