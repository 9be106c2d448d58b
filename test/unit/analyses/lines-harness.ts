/** Purchase lines from plain rows, and brute-force references over the rows, for the analyses' tests. */
import type { PurchaseLines } from '../../../src/engine/analyses/types.ts';

export interface Row {
  customer: string;
  day: number;
  order: string;
  item: string | null;
}

/** PurchaseLines from rows; customers (and items) coded in order of first use; `extraCustomers` are customers without lines. */
export function linesOf(rows: readonly Row[], asOf = 100, extraCustomers: string[] = []): PurchaseLines {
  const customerIds: string[] = [];
  const items: string[] = [];
  const orders: string[] = [];
  const code = (list: string[], value: string) => {
    let i = list.indexOf(value);
    if (i < 0) i = list.push(value) - 1;
    return i;
  };
  for (const id of extraCustomers) code(customerIds, id);
  return {
    count: rows.length,
    customer: Int32Array.from(rows, (r) => code(customerIds, r.customer)),
    customerIds,
    day: Int32Array.from(rows, (r) => r.day),
    order: Int32Array.from(rows, (r) => code(orders, r.order)),
    orderCount: new Set(rows.map((r) => r.order)).size,
    item: Int32Array.from(rows, (r) => (r.item === null ? -1 : code(items, r.item))),
    items,
    by: 'product',
    asOf,
  };
}

/** Quantile of unsorted values, R type 7, written out again. */
export function type7(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const s = [...values].sort((a, b) => a - b);
  const h = (s.length - 1) * p;
  return s[Math.floor(h)] + (h - Math.floor(h)) * (s[Math.ceil(h)] - s[Math.floor(h)]);
}

export function medianOf(values: number[]): number {
  if (values.length === 0) return NaN;
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Per item: customers, repeat customers and the gaps between each customer's distinct purchase days. */
export function referenceCycles(rows: readonly Row[]): Map<string, { customers: number; repeat: number; gaps: number[] }> {
  const byItem = new Map<string, Map<string, Set<number>>>();
  for (const r of rows) {
    if (r.item === null) continue;
    const customers = byItem.get(r.item) ?? new Map<string, Set<number>>();
    byItem.set(r.item, customers);
    const days = customers.get(r.customer) ?? new Set<number>();
    customers.set(r.customer, days);
    days.add(r.day);
  }
  const out = new Map<string, { customers: number; repeat: number; gaps: number[] }>();
  for (const [item, customers] of byItem) {
    const gaps: number[] = [];
    let repeat = 0;
    for (const days of customers.values()) {
      const sorted = [...days].sort((a, b) => a - b);
      if (sorted.length > 1) repeat++;
      for (let i = 1; i < sorted.length; i++) gaps.push(sorted[i] - sorted[i - 1]);
    }
    out.set(item, { customers: customers.size, repeat, gaps });
  }
  return out;
}

/** Orders holding each item, and orders holding both of each unordered pair (key "a\u0000b", a < b). */
export function referencePairs(rows: readonly Row[]): { orders: number; ordersOf: Map<string, number>; both: Map<string, number> } {
  const baskets = new Map<string, Set<string>>();
  for (const r of rows) {
    if (r.item === null) continue;
    const basket = baskets.get(r.order) ?? new Set<string>();
    baskets.set(r.order, basket);
    basket.add(r.item);
  }
  const ordersOf = new Map<string, number>();
  const both = new Map<string, number>();
  for (const basket of baskets.values()) {
    const list = [...basket].sort();
    for (const a of list) ordersOf.set(a, (ordersOf.get(a) ?? 0) + 1);
    for (let i = 0; i < list.length; i++) for (let j = i + 1; j < list.length; j++) both.set(`${list[i]}\u0000${list[j]}`, (both.get(`${list[i]}\u0000${list[j]}`) ?? 0) + 1);
  }
  return { orders: baskets.size, ordersOf, both };
}

/** Per ordered pair A → B: the customers' gaps (first B day after first A day − first A day). */
export function referencePaths(rows: readonly Row[]): { buyers: Map<string, number>; gaps: Map<string, number[]> } {
  const days = new Map<string, Map<string, number[]>>();
  for (const r of rows) {
    if (r.item === null) continue;
    const items = days.get(r.customer) ?? new Map<string, number[]>();
    days.set(r.customer, items);
    const list = items.get(r.item) ?? [];
    items.set(r.item, list);
    list.push(r.day);
  }
  const buyers = new Map<string, number>();
  const gaps = new Map<string, number[]>();
  for (const items of days.values()) {
    for (const [a, aDays] of items) {
      buyers.set(a, (buyers.get(a) ?? 0) + 1);
      const firstA = aDays.reduce((m, d) => Math.min(m, d), Infinity);
      for (const [b, bDays] of items) {
        if (a === b) continue;
        const next = bDays.reduce((m, d) => (d > firstA && d < m ? d : m), Infinity);
        if (next === Infinity) continue;
        const key = `${a}\u0000${b}`;
        const list = gaps.get(key) ?? [];
        gaps.set(key, list);
        list.push(next - firstA);
      }
    }
  }
  return { buyers, gaps };
}
