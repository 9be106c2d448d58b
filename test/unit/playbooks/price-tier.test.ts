// Invariant: the price-tier playbook's SQL bands each (category, product) as a plain loop does —
// average unit price over purchase lines, sorted by price then product id, cut with NTILE(3)'s
// sizes — and gives each customer the tier with the most spend (ties to the higher tier), with
// refund orders and negative quantities left out, from the items table or from the orders.
import { describe, expect, it } from 'vitest';
import { findColumnByName, missingPriceTierNeeds, PRICE_TIER_PLAYBOOK } from '../../../src/engine/playbooks/price-tier.ts';
import type { PlaybookSources } from '../../../src/engine/playbooks/types.ts';
import type { Database } from '../../../src/engine/sqlite/sql-types.ts';
import { databaseOf, demoShop, expectSqlPlaybookBasics, runSqlCells, sqlContext, type Row } from './sql-cells.ts';

const REFUNDS = ['refunded', 'cancelled'];
const TIERS = ['low', 'mid', 'high'];

interface Line {
  customer: string | number;
  category: string;
  product: string;
  price: number;
  quantity: number;
}

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;

/** The reference: tiers and preferred tiers by the definitions, as loops over purchase lines. */
function reference(lines: Line[]): { products: Map<string, string>; customers: Map<string | number, string> } {
  const prices = new Map<string, { category: string; product: string; sum: number; n: number }>();
  for (const l of lines) {
    const key = JSON.stringify([l.category, l.product]);
    const p = prices.get(key) ?? { category: l.category, product: l.product, sum: 0, n: 0 };
    p.sum += l.price;
    p.n++;
    prices.set(key, p);
  }
  const products = new Map<string, string>();
  const byCategory = new Map<string, { key: string; product: string; price: number }[]>();
  for (const [key, p] of prices) byCategory.set(p.category, [...(byCategory.get(p.category) ?? []), { key, product: p.product, price: round(p.sum / p.n, 6) }]);
  for (const list of byCategory.values()) {
    list.sort((a, b) => a.price - b.price || (a.product < b.product ? -1 : a.product > b.product ? 1 : 0));
    // NTILE(3): sizes floor(n/3), the first n mod 3 tiers one more.
    const n = list.length;
    let i = 0;
    for (let tier = 0; tier < 3; tier++) {
      const size = Math.floor(n / 3) + (tier < n % 3 ? 1 : 0);
      for (let k = 0; k < size; k++) products.set(list[i++].key, TIERS[tier]);
    }
  }
  const spend = new Map<string | number, number[]>();
  for (const l of lines) {
    const s = spend.get(l.customer) ?? [0, 0, 0];
    s[TIERS.indexOf(products.get(JSON.stringify([l.category, l.product]))!)] += l.price * l.quantity;
    spend.set(l.customer, s);
  }
  const customers = new Map<string | number, string>();
  for (const [customer, s] of spend) {
    const [low, mid, high] = s.map((x) => round(x, 2));
    customers.set(customer, high >= mid && high >= low ? 'high' : mid >= low ? 'mid' : 'low');
  }
  return { products, customers };
}

const ITEM_SOURCES: PlaybookSources = {
  orders: {
    table: 'orders',
    columns: ['order_id', 'customer_id', 'order_time', 'status'],
    customer: 'customer_id',
    time: 'order_time',
    amount: null,
    order: 'order_id',
    product: null,
    category: null,
    quantity: null,
    unitPrice: null,
    refundStatuses: { column: 'status', values: REFUNDS },
  },
  items: { table: 'order_items', columns: ['order_id', 'product_id', 'category', 'Unit Price', 'Qty'], order: 'order_id', product: 'product_id', category: 'category' },
};

/** Crafted orders and items: 6 / 4 (tied prices) / 1 / 2 products per category, a product in two categories, refunds, spend ties. */
function crafted(): { orders: string; items: string; lines: Line[] } {
  const orders: [string, string, string][] = [];
  const items: [string, string, string, number, number][] = [];
  let next = 1;
  const order = (customer: string, lineList: [string, string, number, number][], status = 'completed') => {
    const id = `o${next++}`;
    orders.push([id, customer, status]);
    for (const [product, category, price, quantity] of lineList) items.push([id, product, category, price, quantity]);
  };
  order('c_low', [['a1', 'A', 1, 3], ['a2', 'A', 2, 1]]);
  order('c_high', [['a5', 'A', 5, 1], ['a6', 'A', 6, 2], ['a3', 'A', 3, 1], ['a4', 'A', 4, 1]]);
  // B: prices 10, 10, 10, 20 → NTILE sizes 2 / 1 / 1, the ties split by id.
  order('c_tie_low_high', [['b3', 'B', 10, 1], ['b1', 'B', 10, 1], ['b2', 'B', 10, 1], ['b4', 'B', 20, 1]]);
  order('c_single', [['c1', 'C', 7, 1]]);
  order('c_tie_mid_low', [['d1', 'D', 4, 1], ['d2', 'D', 2, 2]]);
  // A product in two categories, and a product whose price varies (average 7).
  order('c_two', [['x', 'A', 9, 1], ['x', 'E', 1, 1], ['e2', 'E', 6, 1], ['e3', 'E', 8, 1]]);
  order('c_two', [['e2', 'E', 8, 1]]);
  // Refunds: the refunded order's lines (including a product only it has) are left out; so is a negative quantity.
  order('c_refund', [['a1', 'A', 100, 5], ['r1', 'A', 0.5, 1]], 'refunded');
  order('c_refund', [['a6', 'A', 6, -1], ['a2', 'A', 2, 1]]);
  order('c_refund', [['b4', 'B', 20, 1]], 'cancelled');
  const orderCsv = ['order_id,customer_id,order_time,status', ...orders.map(([id, c, s], i) => `${id},${c},2024-01-${String(i + 1).padStart(2, '0')},${s}`), 'o1,c_low,2024-01-01,completed'].join('\n');
  const itemCsv = ['order_id,product_id,category,Unit Price,Qty', ...items.map((l) => l.join(','))].join('\n');
  const status = new Map(orders.map(([id, c, s]) => [id, { customer: c, refund: REFUNDS.includes(s) }]));
  const lines = items
    .filter(([id, , , , q]) => !status.get(id)!.refund && q >= 0)
    .map(([id, product, category, price, quantity]) => ({ customer: status.get(id)!.customer, product, category, price, quantity }));
  return { orders: orderCsv, items: itemCsv, lines };
}

function productsOf(rows: Row[]): Map<string, unknown> {
  return new Map(rows.map((r) => [JSON.stringify([r.category, r.product]), r.price_tier]));
}
function customersOf(rows: Row[]): Map<unknown, unknown> {
  return new Map(rows.map((r) => [r.customer, r.preferred_tier]));
}
function countsOf(customers: Map<unknown, unknown>) {
  return TIERS.map((preferred_tier) => ({ preferred_tier, customers: [...customers.values()].filter((t) => t === preferred_tier).length }));
}

function demoLines(db: Database): Line[] {
  const result = db.exec(`SELECT o.customer_id, o.status, i.product_id, i.category, i.unit_price, i.quantity FROM order_items i JOIN orders o ON o.order_id = i.order_id`)[0];
  return result.values
    .filter(([customer, status, , , price, quantity]) => customer !== null && !REFUNDS.includes(String(status)) && price !== null && (quantity as number) >= 0)
    .map(([customer, , product, category, price, quantity]) => ({ customer: customer as string, product: String(product), category: String(category), price: price as number, quantity: (quantity as number) ?? 1 }));
}

describe('PRICE_TIER_PLAYBOOK.build(context)', () => {
  it('bands products and picks preferred tiers as the loop does, from the items table', () => {
    const { orders, items, lines } = crafted();
    const db = databaseOf({ orders, order_items: items });
    const addition = PRICE_TIER_PLAYBOOK.build(sqlContext(ITEM_SOURCES));
    expect(addition.sql!.map((q) => q.name)).toEqual(['price_tier_products', 'price_tier_customers', 'price_tier_counts']);
    const [products, customers, counts] = runSqlCells(db, addition.sql!);
    const ref = reference(lines);
    expect(productsOf(products)).toEqual(ref.products);
    expect(customersOf(customers)).toEqual(ref.customers);
    expect(counts.map(({ preferred_tier, customers: n }) => ({ preferred_tier, customers: n }))).toEqual(countsOf(ref.customers));
    // The rules, spelled out on the crafted data.
    const tier = (category: string, product: string) => ref.products.get(JSON.stringify([category, product]));
    // A has 7 products (x too): NTILE sizes 3 / 2 / 2.
    expect(['a1', 'a2', 'a3', 'a4', 'a5', 'a6', 'x'].map((p) => tier('A', p))).toEqual(['low', 'low', 'low', 'mid', 'mid', 'high', 'high']);
    expect(['b1', 'b2', 'b3', 'b4'].map((p) => tier('B', p))).toEqual(['low', 'low', 'mid', 'high']);
    expect([tier('C', 'c1'), tier('D', 'd2'), tier('D', 'd1')]).toEqual(['low', 'low', 'mid']);
    expect([tier('A', 'x'), tier('E', 'x'), tier('E', 'e2'), tier('E', 'e3')]).toEqual(['high', 'low', 'mid', 'high']);
    expect(tier('A', 'r1')).toBeUndefined();
    expect(Object.fromEntries(ref.customers)).toMatchObject({ c_low: 'low', c_high: 'high', c_tie_low_high: 'high', c_tie_mid_low: 'mid', c_refund: 'low', c_single: 'low' });
    expect(customers.find((c) => c.customer === 'c_tie_low_high')).toMatchObject({ spend_low: 20, spend_mid: 10, spend_high: 20 });
    expect(customers.find((c) => c.customer === 'c_refund')).toMatchObject({ spend_low: 2, spend_mid: 0, spend_high: 0 });
  });

  it('uses the orders’ own product, category, unit price and quantity when there is no items table', () => {
    const csv = [
      'invoice,customer,day,sku,group,price,qty',
      'i1,u1,2024-01-01,s1,G,1,2',
      'i1,u1,2024-01-01,s2,G,2,1',
      'i2,u2,2024-01-02,s3,G,3,1',
      'i3,u2,2024-01-03,s1,G,1,-4',
      'i4,u3,2024-01-04,s2,G,2.5,1',
    ].join('\n');
    const sources: PlaybookSources = {
      orders: { ...ITEM_SOURCES.orders, columns: ['invoice', 'customer', 'day', 'sku', 'group', 'price', 'qty'], customer: 'customer', time: 'day', order: 'invoice', product: 'sku', category: 'group', quantity: 'qty', unitPrice: 'price', refundStatuses: null },
      items: null,
    };
    const db = databaseOf({ 'order lines': csv });
    const addition = PRICE_TIER_PLAYBOOK.build(sqlContext({ ...sources, orders: { ...sources.orders, table: 'order lines' } }));
    const [products, customers] = runSqlCells(db, addition.sql!);
    const lines: Line[] = [
      { customer: 'u1', category: 'G', product: 's1', price: 1, quantity: 2 },
      { customer: 'u1', category: 'G', product: 's2', price: 2, quantity: 1 },
      { customer: 'u2', category: 'G', product: 's3', price: 3, quantity: 1 },
      { customer: 'u3', category: 'G', product: 's2', price: 2.5, quantity: 1 },
    ];
    const ref = reference(lines);
    expect(productsOf(products)).toEqual(ref.products);
    expect(customersOf(customers)).toEqual(ref.customers);
    expect(Object.fromEntries(ref.customers)).toEqual({ u1: 'mid', u2: 'high', u3: 'mid' });
  });

  it('matches the loop on the demo shop', () => {
    const { db, sources } = demoShop();
    const [products, customers, counts] = runSqlCells(db, PRICE_TIER_PLAYBOOK.build(sqlContext(sources)).sql!);
    const ref = reference(demoLines(db));
    expect(productsOf(products)).toEqual(ref.products);
    expect(customersOf(customers)).toEqual(ref.customers);
    expect(counts.map(({ preferred_tier, customers: n }) => ({ preferred_tier, customers: n }))).toEqual(countsOf(ref.customers));
    for (const t of TIERS) expect(counts.find((c) => c.preferred_tier === t)!.customers).toBeGreaterThan(0);
  });

  it('gives a note in both languages, fresh names when added twice, and a valid workspace', () => {
    const { first, second } = expectSqlPlaybookBasics(PRICE_TIER_PLAYBOOK);
    expect(first).toEqual(['price_tier_products', 'price_tier_customers', 'price_tier_counts']);
    expect(second).toEqual(['price_tier_products_2', 'price_tier_customers_2', 'price_tier_counts_2']);
    expect(PRICE_TIER_PLAYBOOK.build(sqlContext(demoShop().sources)).note).toMatch(/ties go to the higher tier/);
  });

  it('says precisely what is missing, in the note too, and writes no SQL then', () => {
    const noPrice: PlaybookSources = { ...ITEM_SOURCES, items: { ...ITEM_SOURCES.items!, columns: ['order_id', 'product_id', 'category'], category: null } };
    expect(missingPriceTierNeeds(noPrice).map((n) => n.column)).toEqual(['items.category', 'items.unit_price']);
    const addition = PRICE_TIER_PLAYBOOK.build(sqlContext(noPrice));
    expect(addition.sql).toEqual([]);
    expect(addition.note).toContain('`items.category`');
    expect(addition.note).toContain('`items.unit_price`');
    expect(PRICE_TIER_PLAYBOOK.build(sqlContext(noPrice, 'zh-CN')).note).toContain('`items.unit_price`');
    const noItems: PlaybookSources = { ...ITEM_SOURCES, items: null };
    expect(missingPriceTierNeeds(noItems).map((n) => n.column)).toEqual(['orders.product', 'orders.category', 'orders.unitPrice']);
    // An items table without everything falls back to the orders' own roles when they are complete.
    const fallback: PlaybookSources = { ...noPrice, orders: { ...noPrice.orders, product: 'sku', category: 'cat', unitPrice: 'price' } };
    expect(missingPriceTierNeeds(fallback)).toEqual([]);
    expect(missingPriceTierNeeds(ITEM_SOURCES)).toEqual([]);
  });

  it('finds price and quantity columns by name, ignoring case, spaces and underscores', () => {
    expect(findColumnByName(['id', 'Unit Price'], ['unit_price', 'price'])).toBe('Unit Price');
    expect(findColumnByName(['单价', 'PRICE'], ['unit_price', 'price', '单价'])).toBe('PRICE');
    expect(findColumnByName(['amount'], ['price'])).toBeNull();
  });
});
