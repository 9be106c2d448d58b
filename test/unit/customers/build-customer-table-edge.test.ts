// Invariant: filters run before metrics and every input row is either used or counted under
// exactly one reported exclusion (inputRows = usedRows + Σ exclusions); duplicates are collapsed
// by the documented rule; one-order customers, same-day orders, refunds and prospects get the
// documented values. The expected values are worked out by hand from the rows written here.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildCustomerTable } from '../../../src/engine/customers/build-customer-table.ts';
import type { CustomerTable, CustomerTableDefinition, InputTable } from '../../../src/engine/customers/types.ts';
import { at, day, num, rowsById, table, text } from './columns.ts';

const ROLES = { customer: 'cust', time: 'time', amount: 'amount', order: 'order', coupon: 'coupon', status: 'status', channel: 'channel' };

/** Orders of four customers (A, B, C, staff S) and a guest row, with a repeated order row. */
function shop(): InputTable {
  return table(
    text('order', ['o1', 'o2', 'o3', 'o3', 'o4', 'o5', 'o6', 'o7', 'o8', 'o9', 'o10']),
    text('cust', ['A', 'A', 'A', 'A', 'B', 'B', 'C', null, 'S', 'A', 'B']),
    num('time', 'datetime', [
      at('2024-01-01 10:00'),
      at('2024-01-01 18:00'), // same day as o1
      at('2024-01-11 09:00'),
      at('2024-01-11 09:00'), // o3 repeated: a duplicate row
      at('2024-01-05 12:00'),
      at('2024-01-20 12:00'), // refunded below
      at('2024-01-15 08:00'),
      at('2024-01-16 08:00'), // guest
      at('2024-01-17 08:00'), // staff
      at('2024-01-21 08:00'), // refund of A with a negative amount
      at('2024-01-25 08:00'), // channel store
    ]),
    num('amount', 'decimal', [100, 50, 30, 30, 80, 40, 10, 999, 999, -20, 60]),
    num('coupon', 'decimal', [10, null, 0, 0, 20, 5, 0, 0, 0, 0, 0]),
    text('status', ['paid', 'paid', 'paid', 'paid', 'paid', 'refunded', 'paid', 'paid', 'paid', 'paid', 'paid']),
    text('channel', ['app', 'app', 'web', 'web', 'app', 'app', 'app', 'app', 'app', 'app', 'store']),
  );
}

function build(definition: Partial<CustomerTableDefinition> = {}, orders = shop(), customers?: InputTable): CustomerTable {
  return buildCustomerTable({ orders, customers }, { roles: ROLES, refunds: { kind: 'status', values: ['refunded'] }, ...definition });
}

function accountsForEveryRow(t: CustomerTable) {
  expect(t.inputRows).toBe(t.usedRows + Object.values(t.exclusions).reduce((a, b) => a + (b ?? 0), 0));
}

describe('buildCustomerTable(orders, definition)', () => {
  it('computes every default metric by hand on a small shop', () => {
    const t = build({ filters: { excludedCustomers: ['S'] } });
    accountsForEveryRow(t);
    expect(t.exclusions).toEqual({ 'missing-customer': 1, 'excluded-customer': 1, 'duplicate-rows': 1 });
    expect(t.usedRows).toBe(8);
    expect(t.asOf).toBe(day('2024-01-26'));
    const rows = rowsById(t.columns, t.rowCount);
    expect([...rows.keys()]).toEqual(['A', 'B', 'C']);
    expect(rows.get('A')).toEqual({
      customer_id: 'A',
      first_order_at: at('2024-01-01 10:00'),
      last_order_at: at('2024-01-11 09:00'),
      recency_days: 15,
      orders: 3,
      revenue: 160, // 100 + 50 + 30 taken in, less the 20 refunded
      avg_order_value: 160 / 3,
      tenure_days: 25,
      mean_days_between_orders: 10, // two purchase days, ten days apart
      coupon_amount: 10, // a NULL coupon is no coupon
      discount_ratio: 10 / 180,
      coupon_orders: 1, // o1; a NULL or 0 coupon is no coupon
      refund_amount: 20,
      distinct_products: null,
      distinct_categories: null,
    });
    // B: o4 bought, o5 paid then refunded (money in and back out), o10 bought.
    // The refunded row's coupon is not a purchase's: one coupon order of two.
    expect(rows.get('B')).toMatchObject({ orders: 2, revenue: 140, refund_amount: 40, coupon_amount: 20, coupon_orders: 1, recency_days: 1, mean_days_between_orders: 20 });
    // C: one order — no gap between orders.
    expect(rows.get('C')).toMatchObject({ orders: 1, revenue: 10, mean_days_between_orders: null, recency_days: 11, tenure_days: 11, discount_ratio: 0, coupon_orders: 0 });
  });

  it('reports a repeated order id whose amount differs as a conflicting duplicate', () => {
    const orders = table(text('order', ['o1', 'o1', 'o2']), text('cust', ['A', 'A', 'A']), num('time', 'date', [day('2024-01-01'), day('2024-01-01'), day('2024-01-02')]), num('amount', 'decimal', [10, 12, 5]));
    const t = buildCustomerTable({ orders }, { roles: { customer: 'cust', time: 'time', amount: 'amount', order: 'order' } });
    expect(t.exclusions).toEqual({ 'duplicate-rows': 1 });
    expect(t.issues.find((i) => i.code === 'conflicting-duplicates')?.count).toBe(1);
    expect(rowsById(t.columns, t.rowCount).get('A')).toMatchObject({ orders: 2, revenue: 15 });
  });

  it('sums the lines of an order in lines mode and drops only exact repeats', () => {
    const orders = table(
      text('order', ['o1', 'o1', 'o1', 'o2']),
      text('cust', ['A', 'A', 'A', 'A']),
      num('time', 'date', [day('2024-01-01'), day('2024-01-01'), day('2024-01-01'), day('2024-01-03')]),
      text('product', ['p1', 'p2', 'p2', 'p1']),
      num('amount', 'decimal', [10, 12, 12, 5]),
    );
    const t = buildCustomerTable({ orders }, { roles: { customer: 'cust', time: 'time', amount: 'amount', order: 'order', product: 'product' }, orderRows: 'lines' });
    expect(t.exclusions).toEqual({ 'duplicate-rows': 1 });
    expect(t.issues.find((i) => i.code === 'duplicate-rows')?.message).toMatch(/exact repeats/);
    expect(rowsById(t.columns, t.rowCount).get('A')).toMatchObject({ orders: 2, revenue: 27, distinct_products: 2, avg_order_value: 13.5 });
  });

  it('counts the orders variants: rows, distinct orders and distinct purchase days', () => {
    const count = (orders: 'rows' | 'orders' | 'days') => rowsById(build({ metrics: { orders } }).columns, 3).get('A')!.orders;
    expect([count('rows'), count('orders'), count('days')]).toEqual([3, 3, 2]);
    const repeat = rowsById(build({ metrics: { orders: 'days', includeFirstPurchase: false } }).columns, 3).get('A')!;
    // After the first purchase day: o3 (30) bought, and the 20 refunded on 2024-01-21.
    expect(repeat).toMatchObject({ orders: 1, revenue: 10, coupon_amount: 0, first_order_at: at('2024-01-01 10:00') });
  });

  it('applies the date range and channel filters before the metrics, and the as_of default follows', () => {
    // In range: o3 and its repeat (web: other channel), o4, o5, o6, the guest row and S's order.
    const t = build({ filters: { dateRange: { from: day('2024-01-05'), to: day('2024-01-20') }, channels: ['app'] } });
    accountsForEveryRow(t);
    expect(t.exclusions).toEqual({ 'missing-customer': 1, 'outside-date-range': 4, 'other-channel': 2 });
    expect(t.asOf).toBe(day('2024-01-21'));
    expect([...rowsById(t.columns, t.rowCount).keys()]).toEqual(['B', 'C', 'S']);
  });

  it('takes as_of from the definition, never from the clock', () => {
    const t = build({ asOf: day('2024-03-01') });
    expect(rowsById(t.columns, t.rowCount).get('C')!.recency_days).toBe(day('2024-03-01') - day('2024-01-15'));
  });

  it('lists customers without orders as prospects, with 0 orders and NULL dates', () => {
    const customers = table(text('cust', ['P', 'A', 'A', 'S', null]));
    const t = build({ filters: { excludedCustomers: ['S'] } }, shop(), customers);
    const rows = rowsById(t.columns, t.rowCount);
    expect([...rows.keys()]).toEqual(['P', 'A', 'B', 'C']);
    expect(rows.get('P')).toEqual({
      customer_id: 'P',
      first_order_at: null,
      last_order_at: null,
      recency_days: null,
      orders: 0,
      revenue: 0,
      avg_order_value: null,
      tenure_days: null,
      mean_days_between_orders: null,
      coupon_amount: 0,
      discount_ratio: null,
      coupon_orders: 0,
      refund_amount: 0,
      distinct_products: null,
      distinct_categories: null,
    });
    expect(t.prospects).toBe(1);
    expect(t.issues.map((i) => i.code)).toEqual(expect.arrayContaining(['prospects', 'duplicate-customer-ids']));
  });

  it('reads an integer customer id column as text and says digits may be lost', () => {
    const orders = table(num('cust', 'integer', [17850, 17850, 4]), num('time', 'date', [1, 2, 3]), num('amount', 'decimal', [1, 2, 3]));
    const t = buildCustomerTable({ orders }, { roles: { customer: 'cust', time: 'time', amount: 'amount' } });
    expect([...rowsById(t.columns, t.rowCount).keys()]).toEqual(['17850', '4']);
    expect(t.issues.find((i) => i.code === 'id-from-number')?.severity).toBe('warning');
  });

  it('counts distinct products and categories from an items table joined on the order id, purchases only', () => {
    const items = table(
      text('order_no', ['o1', 'o1', 'o2', 'o3', 'o5', 'o4', 'o99']),
      text('sku', ['p1', 'p2', 'p1', 'p3', 'p9', 'p1', 'p1']),
      text('cat', ['food', 'food', 'food', 'toys', 'toys', 'food', 'food']),
    );
    const t = buildCustomerTable(
      { orders: shop(), items },
      { roles: ROLES, refunds: { kind: 'status', values: ['refunded'] }, itemRoles: { order: 'order_no', product: 'sku', category: 'cat' } },
    );
    const rows = rowsById(t.columns, t.rowCount);
    // A: o1 (p1, p2), o2 (p1), o3 (p3). B: o4 (p1); o5 was refunded, so its p9 does not count.
    expect(rows.get('A')).toMatchObject({ distinct_products: 3, distinct_categories: 2 });
    expect(rows.get('B')).toMatchObject({ distinct_products: 1, distinct_categories: 1 });
    expect(rows.get('C')).toMatchObject({ distinct_products: 0, distinct_categories: 0 });
    expect(t.issues.filter((i) => i.code === 'items-without-order')).toEqual([expect.objectContaining({ count: 1 })]);
    expect(t.metrics.find((m) => m.name === 'distinct_products')!.formula).toBe('COUNT_DISTINCT(IF(NOT (amount < 0 OR status IN ("refunded")), sku, NULL))');
  });

  it('gives every customer the same metrics whatever the order of the rows (lines mode, repeated lines included)', () => {
    const row = fc.record({
      cust: fc.constantFrom('A', 'B', 'C', 'D'),
      order: fc.constantFrom('o1', 'o2', 'o3', 'o4', 'o5', 'o6'),
      day: fc.integer({ min: 19000, max: 19030 }),
      amount: fc.integer({ min: -5, max: 50 }),
      product: fc.constantFrom('p1', 'p2', 'p3'),
      status: fc.constantFrom('paid', 'refunded'),
    });
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 40 }), fc.integer(), (rows, seed) => {
        const shuffled = rows.map((r, i) => ({ r, k: Math.sin(seed + i) })).sort((a, b) => a.k - b.k).map((x) => x.r);
        const build = (rs: typeof rows) =>
          buildCustomerTable(
            {
              orders: table(
                text('cust', rs.map((r) => r.cust)),
                // Order ids are per customer, as in a real export.
                text('order', rs.map((r) => `${r.cust}-${r.order}`)),
                num('time', 'date', rs.map((r) => r.day)),
                num('amount', 'decimal', rs.map((r) => r.amount)),
                text('product', rs.map((r) => r.product)),
                text('status', rs.map((r) => r.status)),
              ),
            },
            { roles: { customer: 'cust', order: 'order', time: 'time', amount: 'amount', product: 'product', status: 'status' }, refunds: { kind: 'status', values: ['refunded'] }, orderRows: 'lines', metrics: { orders: 'orders', includeFirstPurchase: seed % 2 === 0 } },
          );
        const [a, b] = [build(rows), build(shuffled)];
        expect(b.exclusions).toEqual(a.exclusions);
        const [ra, rb] = [rowsById(a.columns, a.rowCount), rowsById(b.columns, b.rowCount)];
        expect(new Set(rb.keys())).toEqual(new Set(ra.keys()));
        for (const [id, values] of ra) {
          for (const [name, value] of Object.entries(values)) {
            const other = rb.get(id)![name];
            if (typeof value === 'number' && typeof other === 'number') expect(Math.abs(value - other)).toBeLessThan(1e-9);
            else expect(other).toEqual(value);
          }
        }
      }),
      { numRuns: 200, seed: 11 },
    );
  });
});
