/**
 * Shopping path (issue #9, SPEC §5): customers who bought A and then B on a later day than their
 * first purchase day of A — how many, as a share of A's buyers, and the median days from that
 * first A to the first B after it. Two products bought on the same day make no path either way.
 *
 * The lines sorted by (customer, product, day) give each customer's products with their purchase
 * days; every ordered pair of a customer's products is looked at, so the cost is Σ k² over
 * customers with k distinct products. Two passes: count every pair, then collect the day gaps of
 * the pairs kept only.
 */
import { sortedKeys } from './replenishment.ts';
import { AnalysisError, type PurchaseLines, type ShoppingPathRow } from './types.ts';

export function shoppingPaths(lines: PurchaseLines, options: { minCustomers: number; limit: number }): { rows: ShoppingPathRow[]; pathsFound: number } {
  const { minCustomers, limit } = options;
  if (!Number.isInteger(minCustomers) || minCustomers < 1) throw new AnalysisError('bad-option', `The fewest customers must be a whole number from 1, not “${String(minCustomers)}”.`);
  if (!Number.isInteger(limit) || limit < 1) throw new AnalysisError('bad-option', `The rows kept must be a whole number from 1, not “${String(limit)}”.`);
  const itemCount = lines.items.length;
  const sorted = sortedKeys(lines, 'customer');
  const buyers = new Float64Array(itemCount);
  const counts = new Map<number, number>();

  // Pass 1: customers per ordered pair.
  forEachCustomer(lines, sorted, (items, firstDays, dayLists) => {
    for (let x = 0; x < items.length; x++) {
      buyers[items[x]]++;
      for (let y = 0; y < items.length; y++) {
        if (x === y || dayLists[y][dayLists[y].length - 1] <= firstDays[x]) continue;
        const key = items[x] * itemCount + items[y];
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
    }
  });
  const candidates: { key: number; a: number; b: number; customers: number; share: number }[] = [];
  for (const [key, n] of counts) {
    if (n < minCustomers) continue;
    const a = Math.floor(key / itemCount);
    const b = key - a * itemCount;
    candidates.push({ key, a, b, customers: n, share: n / buyers[a] });
  }
  candidates.sort((p, q) => q.customers - p.customers || q.share - p.share || compareText(lines.items[p.a], lines.items[q.a]) || compareText(lines.items[p.b], lines.items[q.b]));
  const kept = candidates.slice(0, limit);

  // Pass 2: the day gaps of the kept pairs.
  const gaps = new Map<number, number[]>(kept.map((p) => [p.key, []]));
  if (kept.length > 0) {
    forEachCustomer(lines, sorted, (items, firstDays, dayLists) => {
      for (let x = 0; x < items.length; x++) {
        for (let y = 0; y < items.length; y++) {
          if (x === y) continue;
          const list = gaps.get(items[x] * itemCount + items[y]);
          if (!list) continue;
          const next = firstAfter(dayLists[y], firstDays[x]);
          if (next !== null) list.push(next - firstDays[x]);
        }
      }
    });
  }
  const rows = kept.map((p): ShoppingPathRow => ({
    a: lines.items[p.a],
    b: lines.items[p.b],
    customers: p.customers,
    shareOfA: p.share,
    medianDays: median(gaps.get(p.key)!),
    buyersA: buyers[p.a],
  }));
  return { rows, pathsFound: candidates.length };
}

/** Calls `visit` once per customer with their distinct items, each item's first day and its sorted distinct days. */
function forEachCustomer(lines: PurchaseLines, sorted: Int32Array, visit: (items: number[], firstDays: number[], dayLists: number[][]) => void): void {
  let customer = -1;
  let items: number[] = [];
  let firstDays: number[] = [];
  let dayLists: number[][] = [];
  for (const line of sorted) {
    const c = lines.customer[line];
    const item = lines.item[line];
    const day = lines.day[line];
    if (c !== customer) {
      if (items.length > 0) visit(items, firstDays, dayLists);
      customer = c;
      items = [];
      firstDays = [];
      dayLists = [];
    }
    const last = items.length - 1;
    if (last >= 0 && items[last] === item) {
      const days = dayLists[last];
      if (days[days.length - 1] !== day) days.push(day);
    } else {
      items.push(item);
      firstDays.push(day);
      dayLists.push([day]);
    }
  }
  if (items.length > 0) visit(items, firstDays, dayLists);
}

/** The first value above `day` in ascending `days`, or null. */
function firstAfter(days: readonly number[], day: number): number | null {
  let lo = 0;
  let hi = days.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (days[mid] > day) hi = mid;
    else lo = mid + 1;
  }
  return lo < days.length ? days[lo] : null;
}

function median(values: number[]): number {
  if (values.length === 0) return NaN;
  values.sort((a, b) => a - b);
  const mid = values.length >> 1;
  return values.length % 2 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
