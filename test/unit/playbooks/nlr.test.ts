// Invariant: the NLR playbook's SQL gives every customer with a purchase before the analysis date
// the class a plain loop gives (period 2 = the last P days before the analysis date, period 1 =
// the P days before that): repeating, new, returning, lapsed or inactive — at the boundary days,
// with refunds not purchases, same-day orders one purchase, and every class counted.
import { describe, expect, it } from 'vitest';
import { missingNeeds } from '../../../src/engine/playbooks/apply-playbook.ts';
import { NLR_CLASSES, NLR_PLAYBOOK } from '../../../src/engine/playbooks/nlr.ts';
import type { PlaybookSources } from '../../../src/engine/playbooks/types.ts';
import type { Database } from '../../../src/engine/sqlite/sql-types.ts';
import { databaseOf, dayOf, demoShop, expectSqlPlaybookBasics, parametersOf, runSqlCells, sqlContext, textOf } from './sql-cells.ts';

const REFUNDS = ['refunded', 'cancelled'];

interface OrderRow {
  customer: string | number;
  day: number;
  refund: boolean;
}

/** The reference: each customer's class by the definitions, as a loop. */
function referenceNlr(rows: OrderRow[], period = 90, analysisDay?: number): Map<string | number, string> {
  const a = analysisDay ?? Math.max(...rows.map((r) => r.day)) + 1;
  const p2 = a - period;
  const p1 = a - 2 * period;
  const days = new Map<string | number, number[]>();
  for (const r of rows) if (!r.refund && r.day < a) days.set(r.customer, [...(days.get(r.customer) ?? []), r.day]);
  const out = new Map<string | number, string>();
  for (const [customer, ds] of days) {
    const inP1 = ds.some((d) => d >= p1 && d < p2);
    const inP2 = ds.some((d) => d >= p2 && d < a);
    const before = ds.some((d) => d < p1);
    const first = Math.min(...ds);
    let nlr = 'inactive';
    if (inP1 && inP2) nlr = 'repeating';
    else if (inP2 && first >= p2) nlr = 'new';
    else if (inP2 && before && !inP1) nlr = 'returning';
    else if (inP1 && !inP2) nlr = 'lapsed';
    out.set(customer, nlr);
  }
  return out;
}

const ORDERS_SOURCES: PlaybookSources = {
  orders: {
    table: 'orders',
    columns: ['order_id', 'customer_id', 'order_time', 'status', 'paid_amount'],
    customer: 'customer_id',
    time: 'order_time',
    amount: 'paid_amount',
    order: 'order_id',
    product: null,
    category: null,
    quantity: null,
    unitPrice: null,
    refundStatuses: { column: 'status', values: REFUNDS },
  },
  items: null,
};

// The analysis date of the crafted orders: the day after their latest row.
const A = dayOf('2024-07-01');

function craftedOrders(): { csv: string; rows: OrderRow[] } {
  const lines: [string, number, string, number][] = [];
  const at = (customer: string, daysBefore: number, status = 'completed', amount = 10) => lines.push([customer, A - daysBefore, status, amount]);
  at('p2_start_and_p1_end', 90);
  at('p2_start_and_p1_end', 91);
  at('new_at_p2_start', 90);
  at('lapsed_at_p1_end', 91);
  at('p1_start_and_last_day', 180);
  at('p1_start_and_last_day', 1);
  at('returning', 181);
  at('returning', 1);
  at('inactive', 181);
  at('refund_in_p1', 181);
  at('refund_in_p1', 100, 'refunded');
  at('refund_in_p1', 10);
  at('negative_in_p2', 120);
  at('negative_in_p2', 30, 'completed', -5);
  at('same_day', 5);
  at('same_day', 5);
  at('refund_only', 20, 'cancelled');
  at('lapsed_twice', 200);
  at('lapsed_twice', 150);
  at('new_twice', 60);
  at('new_twice', 2);
  const csv = ['order_id,customer_id,order_time,status,paid_amount', ...lines.map((l, i) => `${i + 1},${l[0]},${textOf(l[1])} 09:30:00,${l[2]},${l[3]}`)].join('\n');
  const rows = lines.map(([customer, day, status, amount]) => ({ customer, day, refund: REFUNDS.includes(status) || amount < 0 }));
  return { csv, rows };
}

function classesOf(rows: Record<string, unknown>[]): Map<unknown, unknown> {
  return new Map(rows.map((r) => [r.customer, r.nlr]));
}

function countsOf(classes: Map<unknown, unknown>): { nlr: string; customers: number }[] {
  return NLR_CLASSES.map((nlr) => ({ nlr, customers: [...classes.values()].filter((c) => c === nlr).length }));
}

function ordersFrom(db: Database): OrderRow[] {
  const result = db.exec('SELECT customer_id, order_time, status, paid_amount FROM orders WHERE customer_id IS NOT NULL')[0];
  return result.values.map(([customer, time, status, amount]) => ({
    customer: customer as string | number,
    day: dayOf(String(time)),
    refund: REFUNDS.includes(String(status)) || (amount as number) < 0,
  }));
}

describe('NLR_PLAYBOOK.build(context)', () => {
  it('classes every customer as the loop does at the boundary days, with refunds and same-day orders', () => {
    const { csv, rows } = craftedOrders();
    const db = databaseOf({ orders: csv });
    const addition = NLR_PLAYBOOK.build(sqlContext(ORDERS_SOURCES));
    expect(addition.sql!.map((q) => q.name)).toEqual(['nlr_customers', 'nlr_counts']);
    const [customers, counts] = runSqlCells(db, addition.sql!, parametersOf(addition));
    const reference = referenceNlr(rows);
    expect(classesOf(customers)).toEqual(reference);
    expect(Object.fromEntries(reference)).toEqual({
      p2_start_and_p1_end: 'repeating',
      new_at_p2_start: 'new',
      lapsed_at_p1_end: 'lapsed',
      p1_start_and_last_day: 'repeating',
      returning: 'returning',
      inactive: 'inactive',
      refund_in_p1: 'returning',
      negative_in_p2: 'lapsed',
      same_day: 'new',
      lapsed_twice: 'lapsed',
      new_twice: 'new',
    });
    expect(customers[0]).toMatchObject({ analysis_date: '2024-07-01', period_2_start: textOf(A - 90), period_1_start: textOf(A - 180) });
    expect(customers.find((c) => c.customer === 'same_day')).toMatchObject({ purchase_days_period_2: 1, purchase_days_period_1: 0 });
    expect(counts.map(({ nlr, customers: n }) => ({ nlr, customers: n }))).toEqual(countsOf(reference));
    expect(counts.reduce((s, c) => s + (c.share_pct as number), 0)).toBeCloseTo(100, 0);
  });

  it('follows its parameters: a 30-day period (the slider) and a set analysis date (as_of)', () => {
    const { csv, rows } = craftedOrders();
    const db = databaseOf({ orders: csv });
    const addition = NLR_PLAYBOOK.build(sqlContext(ORDERS_SOURCES));
    expect(addition.parameters).toEqual([expect.objectContaining({ name: 'nlr_period_days', type: 'number', value: 90, slider: { min: 7, max: 365, step: 1 } })]);
    expect(addition.sql![1].chart).toMatchObject({ view: 'series', tag: '', x: 'nlr', y: ['customers'], mark: 'bar' });
    const [customers, counts] = runSqlCells(db, addition.sql!, [
      { name: 'nlr_period_days', type: 'number', value: 30 },
      { name: 'as_of', type: 'date', value: dayOf('2024-05-15') },
    ]);
    const reference = referenceNlr(rows, 30, dayOf('2024-05-15'));
    expect(classesOf(customers)).toEqual(reference);
    expect(counts.map(({ nlr, customers: n }) => ({ nlr, customers: n }))).toEqual(countsOf(reference));
  });

  it('matches the loop on the demo shop, and every customer with a purchase has one class', () => {
    const { db, sources } = demoShop();
    const addition = NLR_PLAYBOOK.build(sqlContext(sources));
    const [customers, counts] = runSqlCells(db, addition.sql!, parametersOf(addition));
    const reference = referenceNlr(ordersFrom(db));
    expect(classesOf(customers)).toEqual(reference);
    expect(customers.length).toBe(reference.size);
    expect(counts.map(({ nlr, customers: n }) => ({ nlr, customers: n }))).toEqual(countsOf(reference));
    for (const c of NLR_CLASSES) expect(counts.find((row) => row.nlr === c)!.customers).toBeGreaterThan(0);
  });

  it('gives a note in both languages, fresh names when added twice, and a valid workspace', () => {
    const { first, second } = expectSqlPlaybookBasics(NLR_PLAYBOOK);
    expect(first).toEqual(['nlr_customers', 'nlr_counts', 'nlr_period_days']);
    expect(second).toEqual(['nlr_customers_2', 'nlr_counts_2', 'nlr_period_days_2']);
    const again = NLR_PLAYBOOK.build(sqlContext(demoShop().sources, 'en', first)).sql!;
    expect(again[1].sql).toContain('"nlr_customers_2"');
    expect(NLR_PLAYBOOK.build(sqlContext(demoShop().sources)).note).toMatch(/day after the latest order/);
  });

  it('needs the orders customer and time roles', () => {
    expect(NLR_PLAYBOOK.needs.map((n) => n.column)).toEqual(['orders.customer', 'orders.time']);
    expect(missingNeeds(NLR_PLAYBOOK, [], { ...ORDERS_SOURCES, orders: { ...ORDERS_SOURCES.orders, customer: null } }).map((n) => n.column)).toEqual(['orders.customer']);
  });
});
