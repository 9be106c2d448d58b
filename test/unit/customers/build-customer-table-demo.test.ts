// Invariant: every customer-table metric on the demo shop equals a plain SQL GROUP BY over the
// same rows in SQLite (sql.js), for every customer of the customers table — prospects, customers
// with refunds only, one-order customers and same-day orders included — and for the variants.
import initSqlJs from 'sql.js';
import { describe, expect, it } from 'vitest';
import { buildCustomerTable } from '../../../src/engine/customers/build-customer-table.ts';
import type { CustomerTableDefinition, MetricOptions } from '../../../src/engine/customers/types.ts';
import { loadCsv } from '../../../src/engine/dataset/load-csv.ts';
import { demoShopFiles } from '../../../src/engine/demo/demo-shop-files.ts';
import { compileFormula } from '../../../src/engine/formula/index.ts';
import { fillTable } from '../../../src/engine/sqlite/fill-table.ts';
import { formatWallClock } from '../../../src/engine/sqlite/format-sql-value.ts';
import { openDatabase } from '../../../src/engine/sqlite/open-database.ts';
import { rowsById } from './columns.ts';

const sql = await initSqlJs();
const [customers, orders, items] = demoShopFiles().map((file) => loadCsv(file.bytes, { timeZone: 'Asia/Shanghai' }));
const db = openDatabase(sql);
fillTable(db, 'customers', customers.data);
fillTable(db, 'orders', orders.data);
fillTable(db, 'order_items', items.data);
const input = {
  orders: { columns: orders.data, rowCount: orders.loadedRows },
  items: { columns: items.data, rowCount: items.loadedRows },
  customers: { columns: customers.data, rowCount: customers.loadedRows },
};
const REFUNDED = ['refunded', 'cancelled'];

function definition(metrics: MetricOptions = {}): CustomerTableDefinition {
  return {
    roles: { customer: 'customer_id', time: 'order_time', amount: 'paid_amount', order: 'order_id', coupon: 'coupon_amount', status: 'status', channel: 'channel' },
    itemRoles: { order: 'order_id', product: 'product_id', category: 'category' },
    refunds: { kind: 'status', values: REFUNDED },
    metrics,
  };
}

/** The reference: the same metrics as one SQL query, written from the definitions, not the code. */
function referenceRows(metrics: Required<MetricOptions>) {
  const counted = metrics.includeFirstPurchase ? '1' : 'o.day > f.first_day';
  const orders = { rows: 'SUM(CASE WHEN NOT is_refund THEN 1 ELSE 0 END)', orders: 'COUNT(DISTINCT CASE WHEN NOT is_refund THEN order_id END)', days: 'COUNT(DISTINCT CASE WHEN NOT is_refund THEN day END)' }[metrics.orders];
  const gross = 'SUM(CASE WHEN paid_amount > 0 THEN paid_amount ELSE 0 END)';
  const refunds = 'SUM(CASE WHEN is_refund THEN abs(paid_amount) ELSE 0 END)';
  const coupons = 'SUM(CASE WHEN NOT is_refund THEN coupon_amount ELSE 0 END)';
  const couponOrders = {
    rows: 'SUM(CASE WHEN NOT is_refund AND coupon_amount > 0 THEN 1 ELSE 0 END)',
    orders: 'COUNT(DISTINCT CASE WHEN NOT is_refund AND coupon_amount > 0 THEN order_id END)',
    days: 'COUNT(DISTINCT CASE WHEN NOT is_refund AND coupon_amount > 0 THEN day END)',
  }[metrics.orders];
  const revenue = { gross, 'net-of-refunds': `${gross} - ${refunds}`, 'net-of-coupons': `${gross} - ${coupons}`, 'net-of-refunds-and-coupons': `${gross} - ${refunds} - ${coupons}` }[metrics.revenue];
  const text = `
    WITH o AS (
      SELECT *, (paid_amount < 0 OR status IN ('refunded', 'cancelled')) AS is_refund,
             CAST(julianday(substr(order_time, 1, 10)) - 2440587.5 AS INTEGER) AS day
      FROM orders
    ), f AS (
      SELECT customer_id, MIN(order_time) AS first_at, MAX(order_time) AS last_at, MIN(day) AS first_day, MAX(day) AS last_day, COUNT(DISTINCT day) AS days
      FROM o WHERE NOT is_refund GROUP BY customer_id
    ), s AS (
      SELECT o.customer_id, ${orders} AS orders, ${revenue} AS revenue, ${coupons} AS coupon, ${refunds} AS refunds, ${couponOrders} AS coupon_orders,
             SUM(CASE WHEN NOT is_refund THEN paid_amount ELSE 0 END) AS paid
      FROM o LEFT JOIN f USING (customer_id) WHERE ${counted} GROUP BY o.customer_id
    ), p AS (
      SELECT o.customer_id, COUNT(DISTINCT i.product_id) AS products, COUNT(DISTINCT i.category) AS categories
      FROM o JOIN order_items i ON i.order_id = o.order_id WHERE NOT o.is_refund GROUP BY o.customer_id
    ), a AS (SELECT MAX(day) + 1 AS as_of FROM o)
    SELECT c.customer_id, f.first_at, f.last_at, a.as_of - f.last_day, COALESCE(s.orders, 0), COALESCE(s.revenue, 0),
           CASE WHEN s.orders > 0 THEN s.revenue * 1.0 / s.orders END, a.as_of - f.first_day,
           CASE WHEN f.days > 1 THEN (f.last_day - f.first_day) * 1.0 / (f.days - 1) END,
           COALESCE(s.coupon, 0), CASE WHEN s.paid > 0 THEN s.coupon / s.paid END, COALESCE(s.coupon_orders, 0), COALESCE(s.refunds, 0),
           COALESCE(p.products, 0), COALESCE(p.categories, 0)
    FROM customers c CROSS JOIN a LEFT JOIN f USING (customer_id) LEFT JOIN s USING (customer_id) LEFT JOIN p USING (customer_id)`;
  return db.exec(text)[0].values;
}

const NAMES = ['customer_id', 'first_order_at', 'last_order_at', 'recency_days', 'orders', 'revenue', 'avg_order_value', 'tenure_days', 'mean_days_between_orders', 'coupon_amount', 'discount_ratio', 'coupon_orders', 'refund_amount', 'distinct_products', 'distinct_categories'];

function expectSameAsSql(metrics: Required<MetricOptions>) {
  const table = buildCustomerTable(input, definition(metrics));
  expect(table.columns.map((c) => c.name)).toEqual(NAMES);
  const ours = rowsById(table.columns, table.rowCount);
  const reference = referenceRows(metrics);
  expect(table.rowCount).toBe(reference.length);
  let compared = 0;
  for (const expected of reference) {
    const got = ours.get(String(expected[0]))!;
    const actual = NAMES.map((name) => {
      const v = got[name];
      return (name === 'first_order_at' || name === 'last_order_at') && typeof v === 'number' ? formatWallClock(v) : v;
    });
    actual.forEach((value, i) => {
      const want = expected[i];
      if (typeof value === 'number' && typeof want === 'number') {
        // Money is compared with a tolerance (SPEC §6a); counts and days are whole and exact within it.
        expect(Math.abs(value - want), `${NAMES[i]} of ${expected[0]}`).toBeLessThan(1e-6);
      } else {
        expect(value, `${NAMES[i]} of ${expected[0]}`).toEqual(want);
      }
    });
    compared++;
  }
  return { table, compared };
}

describe('buildCustomerTable(demo shop) equals SQL GROUP BY', () => {
  it('the default metrics, for every customer of the customers table (prospects included)', () => {
    const { table, compared } = expectSameAsSql({ orders: 'orders', revenue: 'net-of-refunds', includeFirstPurchase: true });
    expect(compared).toBe(customers.loadedRows);
    expect(table.inputRows).toBe(40_000);
    expect(table.usedRows).toBe(40_000);
    expect(table.prospects).toBeGreaterThan(0);
    expect(table.issues.find((i) => i.code === 'prospects')?.count).toBe(table.prospects);
    expect(table.refundRows).toBe(Number(db.exec(`SELECT count(*) FROM orders WHERE status IN ('refunded', 'cancelled')`)[0].values[0][0]));
    // The shop has the cases the definitions care about.
    const ordersColumn = table.columns[4];
    const values = ordersColumn.type === 'text' ? [] : Array.from(ordersColumn.values);
    expect(values.filter((n) => n === 1).length).toBeGreaterThan(100);
    const sameDay = db.exec(`SELECT count(*) FROM (SELECT customer_id, substr(order_time, 1, 10) d FROM orders GROUP BY 1, 2 HAVING count(*) > 1)`)[0].values[0][0];
    expect(sameDay).toBeGreaterThan(0);
  });

  it.each([
    { orders: 'rows', revenue: 'gross', includeFirstPurchase: true },
    { orders: 'days', revenue: 'net-of-coupons', includeFirstPurchase: true },
    { orders: 'orders', revenue: 'net-of-refunds-and-coupons', includeFirstPurchase: false },
    { orders: 'days', revenue: 'net-of-refunds', includeFirstPurchase: false },
  ] as Required<MetricOptions>[])('the variant %o', (metrics) => {
    expectSameAsSql(metrics);
  });

  it('shows each metric’s formula for the chosen variant, with a line in en and zh-CN', () => {
    const table = buildCustomerTable(input, definition({ orders: 'days', includeFirstPurchase: false }));
    expect(table.metrics.map((m) => m.name)).toEqual(NAMES);
    const orders = table.metrics.find((m) => m.name === 'orders')!;
    expect(orders.formula).toBe(
      'COUNT_DISTINCT(IF(NOT (paid_amount < 0 OR status IN ("refunded", "cancelled")) AND DATE(order_time) > first_purchase_day, DATE(order_time), NULL))',
    );
    expect(orders.description.en).toBe('Distinct purchase days after the first purchase day');
    expect(orders.description['zh-CN']).toBe('不同购买天数（不含首购日）');
    const byDefault = buildCustomerTable(input, definition()).metrics.find((m) => m.name === 'orders')!;
    expect(byDefault.formula).toBe('COUNT_DISTINCT(IF(NOT (paid_amount < 0 OR status IN ("refunded", "cancelled")), order_id, NULL))');
    for (const metric of table.metrics) {
      expect(metric.description.en.length).toBeGreaterThan(5);
      expect(metric.description['zh-CN']).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it.each([
    { orders: 'orders', revenue: 'net-of-refunds', includeFirstPurchase: true },
    { orders: 'days', revenue: 'net-of-refunds-and-coupons', includeFirstPurchase: true },
    { orders: 'rows', revenue: 'gross', includeFirstPurchase: true },
  ] as Required<MetricOptions>[])('each metric’s formula text, run by the formula language over the order rows, gives the same column (%o)', (metrics) => {
    const table = buildCustomerTable(input, definition(metrics));
    const ids = table.columns[0];
    const customerColumn = orders.data.find((c) => c.name === 'customer_id')!;
    if (ids.type !== 'text' || customerColumn.type !== 'text') throw new Error('ids are text');
    const groupOf = new Map(ids.dictionary.map((id, i) => [id, i]));
    const index = Int32Array.from(customerColumn.codes, (code) => groupOf.get(customerColumn.dictionary[code])!);
    const scope = { columns: orders.data.map((c) => ({ name: c.name, type: c.type })), parameters: [{ name: 'as_of', type: 'date' as const, value: table.asOf }], aggregate: true };
    const columns = Object.fromEntries(orders.data.map((c) => [c.name, c]));
    // Prospects have no rows: the language's SUM of nothing is NULL where the table says 0 (documented).
    const hasRows = new Uint8Array(table.rowCount);
    for (const g of index) hasRows[g] = 1;
    const checked: string[] = [];
    for (const metric of table.metrics) {
      // Formulas naming other metrics (revenue / orders) or the items table's columns are documentation only: they do not compile here.
      let compiled;
      try {
        compiled = compileFormula(metric.formula, scope);
      } catch {
        continue;
      }
      const column = compiled.evaluate({ rowCount: orders.loadedRows, columns, groups: { index, count: table.rowCount } });
      const ours = table.columns.find((c) => c.name === metric.name)!;
      if (column.type === 'text' || ours.type === 'text') throw new Error(`${metric.name} is not numeric`);
      for (let g = 0; g < table.rowCount; g++) {
        if (!hasRows[g]) continue;
        const [a, b] = [column.values[g], ours.values[g]];
        if (!(Number.isNaN(a) && Number.isNaN(b))) expect(Math.abs(a - b), `${metric.name} of ${ids.dictionary[g]}`).toBeLessThan(1e-6);
      }
      checked.push(metric.name);
    }
    expect(checked).toEqual(['first_order_at', 'last_order_at', 'recency_days', 'orders', 'revenue', 'tenure_days', 'coupon_amount', 'coupon_orders', 'refund_amount']);
  });
});
