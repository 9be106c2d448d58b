// Backtest and migration against references computed a second way (loops over the order rows,
// or SQL on the demo shop), and the no-leak rule: a tag as of a cutoff is the same whether or not
// the orders after it exist, although they would change every figure the tag is made of.
import initSqlJs from 'sql.js';
import { describe, expect, it } from 'vitest';
import { backtestTag } from '../../../src/engine/analyses/backtest.ts';
import { migrateTag } from '../../../src/engine/analyses/migration.ts';
import { tagAtDate, type TagScheme } from '../../../src/engine/analyses/tag-scheme.ts';
import { isAnalysisError } from '../../../src/engine/analyses/types.ts';
import { wilsonInterval } from '../../../src/engine/analyses/wilson.ts';
import { loadCsv } from '../../../src/engine/dataset/load-csv.ts';
import { demoShopFiles } from '../../../src/engine/demo/demo-shop-files.ts';
import { fillTable } from '../../../src/engine/sqlite/fill-table.ts';
import { openDatabase } from '../../../src/engine/sqlite/open-database.ts';
import type { TagDefinition } from '../../../src/engine/tags/types.ts';
import { day, num, table, text } from '../customers/columns.ts';

interface Order {
  customer: string;
  day: number;
  amount: number;
}

const D = day('2024-01-01');
const CUTOFF = D + 100;
/** Before the cutoff: c1 recent and big, c2 recent and small, c3 old, c4 old and big; after it: c5 appears, c2 and c3 buy again, c4 buys a fortune. */
const ORDERS: Order[] = [
  { customer: 'c1', day: D + 10, amount: 500 },
  { customer: 'c1', day: D + 95, amount: 300 },
  { customer: 'c2', day: D + 80, amount: 20 },
  { customer: 'c2', day: D + 80, amount: 30 },
  { customer: 'c3', day: D + 5, amount: 100 },
  { customer: 'c4', day: D + 20, amount: 900 },
  { customer: 'c6', day: D + 99, amount: 60 },
  { customer: 'c2', day: D + 110, amount: 40 },
  { customer: 'c3', day: D + 100, amount: 70 },
  { customer: 'c4', day: D + 189, amount: 99_999 },
  { customer: 'c4', day: D + 250, amount: 10 },
  { customer: 'c5', day: D + 101, amount: 10_000 },
  { customer: 'c1', day: D + 190, amount: 1 },
];

const TAGS: TagDefinition[] = [
  { kind: 'cut', name: 'recent', metric: 'recency_days', thresholds: [30], segments: [{ label: 'recent' }, { label: 'lapsed' }] },
  { kind: 'quantile', name: 'value', metric: 'revenue', bins: 2 },
  { kind: 'rules', name: 'combo', rules: [{ when: 'recent = "recent" AND value = "2"', segment: { label: 'star' } }], otherwise: { label: 'rest' } },
];

function scheme(orders: Order[]): TagScheme {
  return {
    input: {
      orders: table(
        text('customer_id', orders.map((o) => o.customer)),
        num('order_time', 'date', orders.map((o) => o.day)),
        num('amount', 'decimal', orders.map((o) => o.amount)),
        text('order_id', orders.map((_, i) => `o${i}`)),
      ),
    },
    definition: { roles: { customer: 'customer_id', time: 'order_time', amount: 'amount', order: 'order_id' } },
    customMetrics: [{ name: 'big', formula: 'revenue >= 400' }],
    tags: TAGS,
    parameters: [],
  };
}

/** The reference tags as of `cutoff`, by loops over the rows before it. */
function referenceSegments(orders: Order[], cutoff: number): Map<string, { recent: string; value: string; revenue: number }> {
  const before = orders.filter((o) => o.day < cutoff);
  const ids = [...new Set(before.map((o) => o.customer))];
  const revenue = new Map(ids.map((id) => [id, before.filter((o) => o.customer === id).reduce((s, o) => s + o.amount, 0)]));
  const last = new Map(ids.map((id) => [id, Math.max(...before.filter((o) => o.customer === id).map((o) => o.day))]));
  const out = new Map<string, { recent: string; value: string; revenue: number }>();
  for (const id of ids) {
    const smaller = ids.filter((other) => revenue.get(other)! < revenue.get(id)!).length;
    out.set(id, { recent: cutoff - last.get(id)! <= 30 ? 'recent' : 'lapsed', value: String(Math.floor((2 * smaller) / ids.length) + 1), revenue: revenue.get(id)! });
  }
  return out;
}

describe('wilsonInterval', () => {
  it('matches the published values (R prop.test, correct = FALSE)', () => {
    const [low, high] = wilsonInterval(5, 10);
    expect(low).toBeCloseTo(0.2365931, 6);
    expect(high).toBeCloseTo(0.7634069, 6);
    expect(wilsonInterval(0, 10)[0]).toBe(0);
    expect(wilsonInterval(0, 10)[1]).toBeCloseTo(0.2775328, 6);
    expect(wilsonInterval(10, 10)[0]).toBeCloseTo(0.7224672, 6);
    expect(wilsonInterval(0, 0).every(Number.isNaN)).toBe(true);
  });
});

describe('tagAtDate', () => {
  it('does not leak: the tag as of the cutoff is the same without the orders after it', () => {
    const full = tagAtDate(scheme(ORDERS), 'value', CUTOFF);
    const cut = tagAtDate(scheme(ORDERS.filter((o) => o.day < CUTOFF)), 'value', CUTOFF);
    expect(full.customerIds).toEqual(cut.customerIds);
    expect(Array.from(full.codes)).toEqual(Array.from(cut.codes));
    expect(full.cutPoints).toEqual(cut.cutPoints);
    for (const name of ['recent', 'combo']) expect(Array.from(tagAtDate(scheme(ORDERS), name, CUTOFF).codes)).toEqual(Array.from(tagAtDate(scheme(ORDERS.filter((o) => o.day < CUTOFF)), name, CUTOFF).codes));
    // …while the later orders do change the value cut point and the segments (the data can leak).
    const later = tagAtDate(scheme(ORDERS), 'value', D + 300);
    expect(later.cutPoints).not.toEqual(full.cutPoints);
  });

  it('recomputes every tag from the orders before the date, as the reference does', () => {
    for (const cutoff of [D + 50, CUTOFF, D + 200]) {
      const ref = referenceSegments(ORDERS, cutoff);
      const recent = tagAtDate(scheme(ORDERS), 'recent', cutoff);
      const value = tagAtDate(scheme(ORDERS), 'value', cutoff);
      expect(new Set(recent.customerIds)).toEqual(new Set(ref.keys()));
      recent.customerIds.forEach((id, row) => {
        expect(recent.labels[recent.codes[row]]).toBe(ref.get(id)!.recent);
        expect(value.labels[value.codes[row]]).toBe(ref.get(id)!.value);
      });
    }
  });

  it('says what is wrong: an unknown tag, no orders before the date', () => {
    const attempt = (f: () => unknown) => {
      try {
        f();
      } catch (error) {
        return isAnalysisError(error) ? error.code : 'other';
      }
      return 'none';
    };
    expect(attempt(() => tagAtDate(scheme(ORDERS), 'nope', CUTOFF))).toBe('unknown-tag');
    expect(attempt(() => tagAtDate(scheme(ORDERS), 'value', D))).toBe('no-orders-before');
  });
});

describe('backtestTag', () => {
  it('counts repurchases and window revenue per segment as the reference does, with lift against the base', () => {
    const windowDays = 90;
    const result = backtestTag(scheme(ORDERS), { tag: 'recent', cutoff: CUTOFF, windowDays });
    const ref = referenceSegments(ORDERS, CUTOFF);
    const inWindow = ORDERS.filter((o) => o.day >= CUTOFF && o.day < CUTOFF + windowDays);
    const repeaters = new Set(inWindow.map((o) => o.customer));
    const base = [...ref.keys()].filter((id) => repeaters.has(id)).length / ref.size;
    expect(result.customers).toBe(ref.size);
    expect(result.rate).toBeCloseTo(base, 12);
    for (const segment of result.segments) {
      const members = [...ref].filter(([, s]) => s.recent === segment.label).map(([id]) => id);
      const bought = members.filter((id) => repeaters.has(id));
      const revenue = inWindow.filter((o) => members.includes(o.customer)).reduce((s, o) => s + o.amount, 0);
      expect([segment.customers, segment.repeaters]).toEqual([members.length, bought.length]);
      expect(segment.revenuePerCustomer).toBeCloseTo(revenue / members.length, 9);
      expect(segment.lift).toBeCloseTo(bought.length / members.length / base, 12);
      const [low, high] = wilsonInterval(bought.length, members.length);
      expect([segment.rateLow, segment.rateHigh]).toEqual([low, high]);
    }
    // c5 (first order after the cutoff) is not in the base; c4's fortune on day 189 is outside the window.
    expect(result.segments.reduce((s, x) => s + x.customers, 0)).toBe(ref.size);
  });

  it('gives zero repurchases for an empty window, and refuses a bad window', () => {
    const result = backtestTag(scheme(ORDERS.filter((o) => o.day < CUTOFF)), { tag: 'value', cutoff: CUTOFF, windowDays: 30 });
    expect(result.repeaters).toBe(0);
    expect(result.segments.every((s) => s.repeaters === 0 && s.revenuePerCustomer === 0)).toBe(true);
    expect(Number.isNaN(result.segments[0].lift)).toBe(true);
    expect(() => backtestTag(scheme(ORDERS), { tag: 'value', cutoff: CUTOFF, windowDays: 0 })).toThrow(/window/);
  });
});

describe('migrateTag', () => {
  it('builds the transition matrix of the reference, with "not yet a customer"', () => {
    const from = D + 50;
    const to = CUTOFF + 100;
    const result = migrateTag(scheme(ORDERS), { tag: 'recent', from, to });
    const before = referenceSegments(ORDERS, from);
    const after = referenceSegments(ORDERS, to);
    const counts = new Map<string, number>();
    for (const [id, seg] of after) {
      const key = `${before.get(id)?.recent ?? '(not yet a customer)'}→${seg.recent}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    expect(new Map(result.cells.map((c) => [`${c.from}→${c.to}`, c.customers]))).toEqual(counts);
    expect(result.fromLabels[0]).toBe('(not yet a customer)');
    for (const cell of result.cells) {
      const row = result.cells.filter((c) => c.from === cell.from).reduce((s, c) => s + c.customers, 0);
      expect(cell.rowShare).toBeCloseTo(cell.customers / row, 12);
    }
    expect(result.moved).toBe([...after].filter(([id, s]) => before.get(id)?.recent !== s.recent).length);
    expect(() => migrateTag(scheme(ORDERS), { tag: 'recent', from: to, to: from })).toThrow(/before/);
  });
});

describe('backtest on the demo shop, against SQL', () => {
  it('customers and repeaters per recency segment equal a SQL query over the same orders', async () => {
    const sql = await initSqlJs();
    const [, orders] = demoShopFiles().map((file) => loadCsv(file.bytes, { timeZone: 'Asia/Shanghai' }));
    const db = openDatabase(sql);
    fillTable(db, 'orders', orders.data);
    const cutoff = day('2024-09-01');
    const demo: TagScheme = {
      input: { orders: { columns: orders.data, rowCount: orders.loadedRows } },
      definition: { roles: { customer: 'customer_id', time: 'order_time', amount: 'paid_amount', order: 'order_id', status: 'status' }, refunds: { kind: 'status', values: ['refunded', 'cancelled'] } },
      customMetrics: [],
      tags: [{ kind: 'cut', name: 'recency', metric: 'recency_days', thresholds: [30, 90, 180], segments: [{ label: 'a' }, { label: 'b' }, { label: 'c' }, { label: 'd' }] }],
      parameters: [],
    };
    const result = backtestTag(demo, { tag: 'recency', cutoff, windowDays: 90 });
    const rows = db.exec(`
      WITH o AS (
        SELECT customer_id, CAST(julianday(substr(order_time, 1, 10)) - 2440587.5 AS INTEGER) AS day,
               (paid_amount < 0 OR status IN ('refunded', 'cancelled')) AS refund
        FROM orders),
      c AS (SELECT customer_id, MAX(CASE WHEN NOT refund THEN day END) AS last FROM o WHERE day < ${cutoff} GROUP BY customer_id),
      w AS (SELECT DISTINCT customer_id FROM o WHERE NOT refund AND day >= ${cutoff} AND day < ${cutoff + 90})
      SELECT CASE WHEN last IS NULL THEN '(no segment)' WHEN ${cutoff} - last <= 30 THEN 'a' WHEN ${cutoff} - last <= 90 THEN 'b' WHEN ${cutoff} - last <= 180 THEN 'c' ELSE 'd' END AS seg,
             count(*), count(w.customer_id)
      FROM c LEFT JOIN w USING (customer_id) GROUP BY seg ORDER BY seg`)[0].values;
    expect(result.segments.map((s) => [s.label, s.customers, s.repeaters]).sort((x, y) => String(x[0]).localeCompare(String(y[0])))).toEqual(
      rows.map((r) => [r[0], r[1], r[2]]).sort((x, y) => String(x[0]).localeCompare(String(y[0]))),
    );
  });
});
