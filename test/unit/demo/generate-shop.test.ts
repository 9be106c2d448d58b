// Invariants of the demo shop, checked with SQL over the imported tables (an independent
// reading of the generated CSV, through the same import path a user takes).
import initSqlJs from 'sql.js';
import { describe, expect, it } from 'vitest';
import { loadCsv } from '../../../src/engine/dataset/load-csv.ts';
import { generateShop, type GenerateShopOptions } from '../../../src/engine/demo/generate-shop.ts';
import { fillTable } from '../../../src/engine/sqlite/fill-table.ts';

const sql = await initSqlJs();

function shopText(options: GenerateShopOptions) {
  const parts = { customers: [] as string[], orders: [] as string[], orderItems: [] as string[] };
  generateShop(options, {
    customers: (chunk) => parts.customers.push(chunk),
    orders: (chunk) => parts.orders.push(chunk),
    orderItems: (chunk) => parts.orderItems.push(chunk),
  });
  return { customers: parts.customers.join(''), orders: parts.orders.join(''), orderItems: parts.orderItems.join('') };
}

function shopDatabase(options: GenerateShopOptions) {
  const text = shopText(options);
  const db = new sql.Database();
  for (const [name, csv] of [['customers', text.customers], ['orders', text.orders], ['order_items', text.orderItems]] as const) {
    const result = loadCsv(new TextEncoder().encode(csv), { tableName: name, timeZone: 'Asia/Shanghai' });
    expect(result.issues.filter((i) => i.severity !== 'info')).toEqual([]);
    fillTable(db, name, result.data);
  }
  const one = (query: string) => db.exec(query)[0].values[0];
  return { db, one };
}

describe('generateShop(options, sink)', () => {
  const { one } = shopDatabase({ orders: 8000, seed: 7 });

  it('writes the same bytes for the same seed and different bytes for another', () => {
    expect(shopText({ orders: 500, seed: 3 })).toEqual(shopText({ orders: 500, seed: 3 }));
    expect(shopText({ orders: 500, seed: 4 }).orders).not.toEqual(shopText({ orders: 500, seed: 3 }).orders);
  });

  it('makes the requested number of orders, about one customer per eight, 1–4 lines each', () => {
    const [orders, customers, items, maxLines] = one(
      'SELECT (SELECT count(*) FROM orders), (SELECT count(*) FROM customers), (SELECT count(*) FROM order_items), (SELECT max(n) FROM (SELECT count(*) AS n FROM order_items GROUP BY order_id))',
    ) as number[];
    expect(orders).toBe(8000);
    expect(customers).toBe(1050);
    expect(items).toBeGreaterThan(8000);
    expect(maxLines).toBeLessThanOrEqual(4);
  });

  it('keeps every reference whole and order ids unique', () => {
    expect(one('SELECT count(*) FROM orders o LEFT JOIN customers c USING (customer_id) WHERE c.customer_id IS NULL')).toEqual([0]);
    expect(one('SELECT count(*) FROM order_items i LEFT JOIN orders o USING (order_id) WHERE o.order_id IS NULL')).toEqual([0]);
    expect(one('SELECT count(*) = count(DISTINCT order_id), min(length(order_id)) FROM orders')).toEqual([1, 19]);
  });

  it('never dates an order before its customer signed up, and stays inside the two years', () => {
    expect(one('SELECT count(*) FROM orders o JOIN customers c USING (customer_id) WHERE date(o.order_time) < c.signup_date')).toEqual([0]);
    expect(one('SELECT min(order_time) >= \'2023-01-01\', max(order_time) < \'2025-01-01\' FROM orders')).toEqual([1, 1]);
  });

  it('writes orders in time order', () => {
    expect(one('SELECT count(*) FROM orders a JOIN orders b ON b.rowid = a.rowid + 1 WHERE b.order_time < a.order_time')).toEqual([0]);
  });

  it('pays the items less the coupon, never below zero', () => {
    const [mismatches, negative] = one(
      `SELECT sum(abs(o.paid_amount + o.coupon_amount - i.gross) > 0.005), sum(o.paid_amount < 0)
       FROM orders o JOIN (SELECT order_id, sum(unit_price * quantity) AS gross FROM order_items GROUP BY order_id) i USING (order_id)`,
    ) as number[];
    expect([mismatches, negative]).toEqual([0, 0]);
  });

  it('has refunds, cancellations, coupons, repeat buyers and prospects in realistic shares', () => {
    const [refunded, cancelled, couponShare] = one(
      "SELECT avg(status = 'refunded'), avg(status = 'cancelled'), avg(coupon_amount > 0) FROM orders",
    ) as number[];
    expect(refunded).toBeGreaterThan(0.04);
    expect(refunded).toBeLessThan(0.1);
    expect(cancelled).toBeGreaterThan(0.03);
    expect(couponShare).toBeGreaterThan(0.25);
    const [buyers, repeaters] = one('SELECT count(*), sum(n > 1) FROM (SELECT customer_id, count(*) AS n FROM orders GROUP BY 1)') as number[];
    expect(buyers).toBeLessThan(1050); // some customers never buy
    expect(repeaters / buyers).toBeGreaterThan(0.3);
  });

  it('handles a tiny shop', () => {
    const tiny = shopText({ orders: 1, customers: 1, seed: 1 });
    expect(tiny.orders.trim().split('\n')).toHaveLength(2);
    expect(tiny.customers.trim().split('\n')).toHaveLength(2);
  });
});
