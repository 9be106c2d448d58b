// The customer table's product metrics on the demo shop: `bought` equals a SQL count of each
// customer's distinct purchase orders holding the products; `replenishment` equals the ratio
// recomputed by brute force from SQL-selected purchase lines (cycles from repeat pairs only).
import initSqlJs from 'sql.js';
import { describe, expect, it } from 'vitest';
import { buildCustomerTable } from '../../../src/engine/customers/build-customer-table.ts';
import { isCustomerTableError } from '../../../src/engine/customers/customer-table-error.ts';
import type { CustomerTableDefinition } from '../../../src/engine/customers/types.ts';
import { loadCsv } from '../../../src/engine/dataset/load-csv.ts';
import { demoShopFiles } from '../../../src/engine/demo/demo-shop-files.ts';
import { fillTable } from '../../../src/engine/sqlite/fill-table.ts';
import { openDatabase } from '../../../src/engine/sqlite/open-database.ts';
import { referenceCycles, type7 } from '../analyses/lines-harness.ts';

const sql = await initSqlJs();
const [customers, orders, items] = demoShopFiles().map((file) => loadCsv(file.bytes, { timeZone: 'Asia/Shanghai' }));
const db = openDatabase(sql);
fillTable(db, 'orders', orders.data);
fillTable(db, 'order_items', items.data);
const input = {
  orders: { columns: orders.data, rowCount: orders.loadedRows },
  items: { columns: items.data, rowCount: items.loadedRows },
  customers: { columns: customers.data, rowCount: customers.loadedRows },
};
const base: CustomerTableDefinition = {
  roles: { customer: 'customer_id', time: 'order_time', amount: 'paid_amount', order: 'order_id', status: 'status' },
  itemRoles: { order: 'order_id', product: 'product_id', category: 'category' },
  customerRoles: { customer: 'customer_id' },
  refunds: { kind: 'status', values: ['refunded', 'cancelled'] },
};
const PURCHASES = `
  SELECT o.customer_id, CAST(julianday(substr(o.order_time, 1, 10)) - 2440587.5 AS INTEGER) AS day, o.order_id, i.product_id, i.category
  FROM order_items AS i JOIN orders AS o ON o.order_id = i.order_id
  WHERE NOT (o.paid_amount < 0 OR o.status IN ('refunded', 'cancelled'))`;

function column(table: ReturnType<typeof buildCustomerTable>, name: string): Map<string, number> {
  const id = table.columns[0];
  const values = table.columns.find((c) => c.name === name);
  if (id.type !== 'text' || !values || values.type === 'text') throw new Error(`no column ${name}`);
  return new Map(Array.from(id.codes, (code, row) => [id.dictionary[code], values.values[row]]));
}

describe('product metrics', () => {
  it('bought: distinct purchase orders holding any of the products, 0 for everyone else', () => {
    const built = buildCustomerTable(input, { ...base, productMetrics: [{ kind: 'bought', name: 'bought_fresh', by: 'category', items: ['生鲜', '零食'] }] });
    const expected = new Map(
      db.exec(`SELECT customer_id, count(DISTINCT order_id) FROM (${PURCHASES}) WHERE category IN ('生鲜', '零食') GROUP BY customer_id`)[0].values.map(([id, n]) => [String(id), Number(n)]),
    );
    const got = column(built, 'bought_fresh');
    expect(got.size).toBe(built.rowCount);
    for (const [id, n] of got) expect(n).toBe(expected.get(id) ?? 0);
    expect(built.metrics.at(-1)).toMatchObject({ name: 'bought_fresh', type: 'integer' });
  });

  it('replenishment: days since the last purchase over the median cycle, the largest over the products', () => {
    const asOf = Date.parse('2025-01-01T00:00:00Z') / 86_400_000;
    const chosen = ['零食', '美妆', '数码'];
    const built = buildCustomerTable(input, { ...base, asOf, productMetrics: [{ kind: 'replenishment', name: 'ratio', by: 'category', items: chosen, minPairs: 30 }] });
    const rows = db.exec(PURCHASES)[0].values.map(([customer, day, order, , category]) => ({ customer: String(customer), day: Number(day), order: String(order), item: String(category) }));
    const cycles = referenceCycles(rows);
    const medians = new Map([...cycles].map(([item, c]) => [item, type7(c.gaps, 0.5)]));
    const expected = new Map<string, number>();
    for (const r of rows) {
      const cycle = cycles.get(r.item)!;
      if (!chosen.includes(r.item) || cycle.gaps.length < 30) continue;
      const median = medians.get(r.item)!;
      const ratio = (asOf - r.day) / median;
      // The last purchase gives the smallest ratio of that product; the largest over products wins.
      const key = `${r.customer}\u0000${r.item}`;
      expected.set(key, Math.min(expected.get(key) ?? Infinity, ratio));
    }
    const perCustomer = new Map<string, number>();
    for (const [key, ratio] of expected) {
      const id = key.split('\u0000')[0];
      perCustomer.set(id, Math.max(perCustomer.get(id) ?? -Infinity, ratio));
    }
    const got = column(built, 'ratio');
    let compared = 0;
    for (const [id, ratio] of got) {
      if (perCustomer.has(id)) {
        expect(ratio).toBeCloseTo(perCustomer.get(id)!, 9);
        compared++;
      } else expect(ratio).toBeNaN();
    }
    expect(compared).toBeGreaterThan(1000);
  });

  it('refuses a name taken by a column, an empty list, and the lifetimes preset', () => {
    const code = (definition: CustomerTableDefinition) => {
      try {
        buildCustomerTable(input, definition);
      } catch (error) {
        return isCustomerTableError(error) ? error.code : 'other';
      }
      return 'none';
    };
    expect(code({ ...base, productMetrics: [{ kind: 'bought', name: 'revenue', by: 'product', items: ['x'] }] })).toBe('bad-option');
    expect(code({ ...base, productMetrics: [{ kind: 'bought', name: 'b', by: 'product', items: [] }] })).toBe('bad-option');
    expect(code({ ...base, preset: 'lifetimes', productMetrics: [{ kind: 'bought', name: 'b', by: 'product', items: ['x'] }] })).toBe('bad-option');
    expect(code({ ...base, itemRoles: { order: 'order_id' }, productMetrics: [{ kind: 'bought', name: 'b', by: 'product', items: ['x'] }] })).toBe('missing-role');
  });
});
