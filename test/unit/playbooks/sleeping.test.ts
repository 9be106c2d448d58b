// Invariant: the sleeping playbook's SQL gives, for every week of the orders, the number of
// customers whose last purchase on or before the week's counting day E (its Sunday; the analysis
// date for the last week) lies 90–180 days (inclusive) before E — what a plain loop over weeks
// and customers gives — with refunds not purchases and same-day orders one purchase.
import { describe, expect, it } from 'vitest';
import { SLEEPING_PLAYBOOK } from '../../../src/engine/playbooks/sleeping.ts';
import type { PlaybookSources } from '../../../src/engine/playbooks/types.ts';
import { missingNeeds } from '../../../src/engine/playbooks/apply-playbook.ts';
import { databaseOf, dayOf, demoShop, expectSqlPlaybookBasics, parametersOf, runSqlCells, sqlContext, textOf, type Row } from './sql-cells.ts';
import type { Database } from '../../../src/engine/sqlite/sql-types.ts';

const REFUNDS = ['refunded', 'cancelled'];

interface OrderRow {
  customer: string | number | null;
  day: number;
  refund: boolean;
}

/** The reference: for each week, each customer's last purchase on or before E, by brute force. */
function referenceWeeks(rows: OrderRow[], from = 90, to = 180, analysisDay?: number): Row[] {
  const used = rows.filter((r) => r.customer !== null);
  const minDay = Math.min(...used.map((r) => r.day));
  const asOf = analysisDay ?? Math.max(...used.map((r) => r.day)) + 1;
  const byCustomer = new Map<string | number, number[]>();
  for (const r of used) if (!r.refund) byCustomer.set(r.customer!, [...(byCustomer.get(r.customer!) ?? []), r.day]);
  const monday = minDay - ((((minDay + 3) % 7) + 7) % 7);
  const out: Row[] = [];
  for (let start = monday; start <= asOf; start += 7) {
    const e = Math.min(start + 6, asOf);
    let sleeping = 0;
    let buyers = 0;
    for (const days of byCustomer.values()) {
      const before = days.filter((d) => d <= e);
      if (before.length === 0) continue;
      buyers++;
      const gap = e - Math.max(...before);
      if (gap >= from && gap <= to) sleeping++;
    }
    out.push({ week_start: textOf(start), week_end: textOf(start + 6), counted_on: textOf(e), sleeping_customers: sleeping, customers_so_far: buyers });
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

/** Crafted orders: every 100 days, one-order customers, same-day orders, refunds, a next order at day 90 and 181, empty weeks. */
function craftedOrders(): { csv: string; rows: OrderRow[] } {
  const lines: [string, string, string, number][] = [];
  const at = (customer: string, day: string, status = 'completed', amount = 10) => lines.push([customer, `${day} 10:00:00`, status, amount]);
  const plus = (day: string, n: number) => textOf(dayOf(day) + n);
  for (let i = 0; i < 5; i++) at('every100', plus('2023-01-02', 100 * i));
  at('one', '2023-02-10');
  at('one_late', '2023-11-30');
  at('same_day', '2023-03-01');
  at('same_day', '2023-03-01');
  at('same_day', plus('2023-03-01', 180));
  at('refund', '2023-01-15');
  at('refund', '2023-05-20', 'refunded');
  at('refund', '2023-06-01', 'cancelled');
  at('negative', '2023-01-20');
  at('negative', '2023-03-20', 'completed', -10);
  at('gap90', '2023-01-08');
  at('gap90', plus('2023-01-08', 90));
  at('gap90', plus('2023-01-08', 90 + 181));
  at("o'brien", '2023-04-04');
  // The latest row is a refund: the analysis date still follows it.
  at('every100', '2024-06-15', 'refunded');
  const csv = ['order_id,customer_id,order_time,status,paid_amount', ...lines.map((l, i) => `${i + 1},"${l[0]}",${l[1]},${l[2]},${l[3]}`)].join('\n');
  const rows = lines.map(([customer, time, status, amount]) => ({ customer, day: dayOf(time), refund: REFUNDS.includes(status) || amount < 0 }));
  return { csv, rows };
}

function ordersFrom(db: Database): OrderRow[] {
  const result = db.exec('SELECT customer_id, order_time, status, paid_amount FROM orders')[0];
  return result.values.map(([customer, time, status, amount]) => ({
    customer: customer as string | number | null,
    day: dayOf(String(time)),
    refund: REFUNDS.includes(String(status)) || (amount as number) < 0,
  }));
}

describe('SLEEPING_PLAYBOOK.build(context)', () => {
  it('counts each week as the brute-force loop does on crafted orders (boundaries, refunds, same-day orders, empty weeks)', () => {
    const { csv, rows } = craftedOrders();
    const db = databaseOf({ orders: csv });
    const addition = SLEEPING_PLAYBOOK.build(sqlContext(ORDERS_SOURCES));
    expect(addition.sql!.map((q) => q.name)).toEqual(['sleeping_by_week']);
    const [weeks] = runSqlCells(db, addition.sql!, parametersOf(addition));
    const reference = referenceWeeks(rows);
    expect(weeks).toEqual(reference);
    // The data cover the boundary cases: some week has sleepers, weeks start on Mondays.
    expect(Math.max(...weeks.map((w) => w.sleeping_customers as number))).toBeGreaterThan(2);
    for (const w of weeks) expect(new Date(`${String(w.week_start)}T00:00:00Z`).getUTCDay()).toBe(1);
    expect(weeks.at(-1)!.counted_on).toBe('2024-06-16');
  });

  it('reads the window from its two slider parameters and the last week from as_of', () => {
    const { csv, rows } = craftedOrders();
    const db = databaseOf({ orders: csv });
    const addition = SLEEPING_PLAYBOOK.build(sqlContext(ORDERS_SOURCES));
    expect(addition.parameters).toEqual([
      expect.objectContaining({ name: 'sleeping_from_days', type: 'number', value: 90, slider: { min: 1, max: 730, step: 1 } }),
      expect.objectContaining({ name: 'sleeping_to_days', type: 'number', value: 180, slider: { min: 1, max: 730, step: 1 } }),
    ]);
    const moved = [
      { name: 'sleeping_from_days', type: 'number' as const, value: 30 },
      { name: 'sleeping_to_days', type: 'number' as const, value: 100 },
    ];
    const [weeks] = runSqlCells(db, addition.sql!, moved);
    expect(weeks).toEqual(referenceWeeks(rows, 30, 100));
    // An analysis date inside the data: the weeks stop there and the last is counted on it.
    const asOf = dayOf('2023-09-13');
    const [early] = runSqlCells(db, addition.sql!, [...moved, { name: 'as_of', type: 'date', value: asOf }]);
    expect(early).toEqual(referenceWeeks(rows, 30, 100, asOf));
    expect(early.at(-1)!.counted_on).toBe('2023-09-13');
    // The start above the end: nobody is sleeping.
    const [none] = runSqlCells(db, addition.sql!, [{ ...moved[0], value: 200 }, moved[1]]);
    expect(none.every((w) => w.sleeping_customers === 0)).toBe(true);
  });

  it('draws its result as a line of sleeping customers per week', () => {
    const addition = SLEEPING_PLAYBOOK.build(sqlContext(ORDERS_SOURCES));
    expect(addition.sql![0].chart).toEqual({ view: 'series', tag: '', x: 'week_start', y: ['sleeping_customers'], title: 'Sleeping customers per week' });
  });

  it('matches the loop on the demo shop, week by week', () => {
    const { db, sources } = demoShop();
    const addition = SLEEPING_PLAYBOOK.build(sqlContext(sources));
    const [weeks] = runSqlCells(db, addition.sql!, parametersOf(addition));
    expect(weeks.length).toBeGreaterThan(100);
    expect(weeks).toEqual(referenceWeeks(ordersFrom(db)));
  });

  it('quotes odd table and column names', () => {
    const csv = 'id,"客户 ""id""",时间,状态\n1,a,2024-01-01,ok\n2,b,2024-01-03,退款\n3,a,2024-05-01,ok';
    const db = databaseOf({ "my 'orders'": csv });
    const sources: PlaybookSources = {
      ...ORDERS_SOURCES,
      orders: { ...ORDERS_SOURCES.orders, table: "my 'orders'", customer: '客户 "id"', time: '时间', amount: null, refundStatuses: { column: '状态', values: ["退款", "it's"] } },
    };
    const addition = SLEEPING_PLAYBOOK.build(sqlContext(sources));
    const [weeks] = runSqlCells(db, addition.sql!, parametersOf(addition));
    expect(weeks).toEqual(referenceWeeks([
      { customer: 'a', day: dayOf('2024-01-01'), refund: false },
      { customer: 'b', day: dayOf('2024-01-03'), refund: true },
      { customer: 'a', day: dayOf('2024-05-01'), refund: false },
    ]));
  });

  it('gives a note in both languages, fresh names when added twice, and a valid workspace', () => {
    const { first, second } = expectSqlPlaybookBasics(SLEEPING_PLAYBOOK);
    expect(first).toEqual(['sleeping_by_week', 'sleeping_from_days', 'sleeping_to_days']);
    expect(second).toEqual(['sleeping_by_week_2', 'sleeping_from_days_2', 'sleeping_to_days_2']);
    const en = SLEEPING_PLAYBOOK.build(sqlContext(demoShop().sources)).note;
    expect(en).toMatch(/inclusive/);
    expect(en).toMatch(/line chart/);
    expect(en).toMatch(/day after the latest order/);
    expect(en).toMatch(/`sleeping_from_days` to `sleeping_to_days`/);
  });

  it('needs the orders customer and time roles, and says so when they are missing', () => {
    expect(SLEEPING_PLAYBOOK.needs.map((n) => n.column)).toEqual(['orders.customer', 'orders.time']);
    const noTime = { ...ORDERS_SOURCES, orders: { ...ORDERS_SOURCES.orders, time: null } };
    expect(missingNeeds(SLEEPING_PLAYBOOK, [], noTime).map((n) => n.column)).toEqual(['orders.time']);
    expect(missingNeeds(SLEEPING_PLAYBOOK, []).map((n) => n.column)).toEqual(['orders.customer', 'orders.time']);
  });
});
