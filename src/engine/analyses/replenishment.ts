/**
 * Replenishment cycle (补货周期; issue #9, SPEC §5): per product (or category), the days between a
 * customer's consecutive purchase days of it — median and quartiles, with the number of repeat
 * pairs behind them, so a figure resting on a handful of pairs is flagged. Two purchases on one
 * day (two orders, or the product twice in an order) are one purchase day.
 *
 * One sort of packed (item, customer, day) keys, then one pass: no per-line objects.
 */
import { AnalysisError, type PurchaseLines, type ReplenishmentRow } from './types.ts';

export function replenishmentCycles(lines: PurchaseLines, options: { minPairs: number }): ReplenishmentRow[] {
  const { minPairs } = options;
  if (!Number.isInteger(minPairs) || minPairs < 0) throw new AnalysisError('bad-option', `The fewest repeat pairs must be a whole number from 0, not “${String(minPairs)}”.`);
  const sorted = sortedKeys(lines, 'item');
  const rows: ReplenishmentRow[] = [];
  let gaps: number[] = [];
  let item = -1;
  let customers = 0;
  let repeatCustomers = 0;
  let customer = -1;
  let daysOfCustomer = 0;
  let lastDay = 0;
  const close = () => {
    if (item < 0) return;
    if (daysOfCustomer >= 2) repeatCustomers++;
    gaps.sort((a, b) => a - b);
    rows.push({
      item: lines.items[item],
      customers,
      repeatCustomers,
      pairs: gaps.length,
      q1: quantile(gaps, 0.25),
      median: quantile(gaps, 0.5),
      q3: quantile(gaps, 0.75),
      fewPairs: gaps.length < minPairs,
    });
  };
  for (const line of sorted) {
    const lineItem = lines.item[line];
    const lineCustomer = lines.customer[line];
    const day = lines.day[line];
    if (lineItem !== item) {
      close();
      item = lineItem;
      gaps = [];
      customers = 0;
      repeatCustomers = 0;
      customer = -1;
    }
    if (lineCustomer !== customer) {
      if (customer >= 0 && daysOfCustomer >= 2) repeatCustomers++;
      customer = lineCustomer;
      customers++;
      daysOfCustomer = 1;
      lastDay = day;
      continue;
    }
    if (day === lastDay) continue;
    gaps.push(day - lastDay);
    daysOfCustomer++;
    lastDay = day;
  }
  close();
  rows.sort((a, b) => b.pairs - a.pairs || b.customers - a.customers || compareText(a.item, b.item));
  return rows;
}

/**
 * Per customer (the customer table's rows): the largest, over `items` they bought whose cycle
 * median (from `rows`) is a number above 0, of days since their last purchase of it ÷ that median;
 * NaN when none applies. Names in `items` that are not among the lines' values match nothing.
 */
export function replenishmentRatio(lines: PurchaseLines, rows: readonly ReplenishmentRow[], items: readonly string[]): Float64Array {
  if (items.length === 0) throw new AnalysisError('bad-option', 'Choose at least one product.');
  const median = new Map(rows.filter((r) => r.median > 0).map((r) => [r.item, r.median]));
  const cycleOf = new Float64Array(lines.items.length).fill(NaN);
  const chosen = new Set(items);
  lines.items.forEach((name, code) => {
    if (chosen.has(name) && median.has(name)) cycleOf[code] = median.get(name)!;
  });
  const out = new Float64Array(lines.customerIds.length).fill(NaN);
  // The last purchase day per (customer, item), kept only for chosen items with a cycle.
  const last = new Map<number, number>();
  const itemCount = lines.items.length;
  for (let i = 0; i < lines.count; i++) {
    const item = lines.item[i];
    if (item < 0 || !(cycleOf[item] > 0)) continue;
    const key = lines.customer[i] * itemCount + item;
    const day = lines.day[i];
    const seen = last.get(key);
    if (seen === undefined || day > seen) last.set(key, day);
  }
  for (const [key, day] of last) {
    const customer = Math.floor(key / itemCount);
    const item = key - customer * itemCount;
    const ratio = (lines.asOf - day) / cycleOf[item];
    if (!(out[customer] >= ratio)) out[customer] = ratio;
  }
  return out;
}

/** Quantile of sorted values with linear interpolation (R type 7, SQL percentile_cont); NaN when empty. */
export function quantile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/**
 * The lines with an item, sorted by (item, customer, day) — `major: 'item'` — or by (customer,
 * item, day): three stable counting sorts, least significant key first (O(lines + keys) each).
 */
export function sortedKeys(lines: PurchaseLines, major: 'item' | 'customer'): Int32Array {
  let n = 0;
  let minDay = Infinity;
  let maxDay = -Infinity;
  for (let i = 0; i < lines.count; i++) {
    if (lines.item[i] < 0) continue;
    n++;
    const day = lines.day[i];
    if (day < minDay) minDay = day;
    if (day > maxDay) maxDay = day;
  }
  let index: Int32Array = new Int32Array(n);
  if (n === 0) return index;
  let k = 0;
  for (let i = 0; i < lines.count; i++) if (lines.item[i] >= 0) index[k++] = i;
  const days = new Int32Array(lines.count);
  for (let i = 0; i < lines.count; i++) days[i] = lines.day[i] - minDay;
  const first = major === 'item' ? lines.item : lines.customer;
  const second = major === 'item' ? lines.customer : lines.item;
  const firstCount = major === 'item' ? lines.items.length : lines.customerIds.length;
  const secondCount = major === 'item' ? lines.customerIds.length : lines.items.length;
  index = countingSort(index, days, maxDay - minDay + 1);
  index = countingSort(index, second, secondCount);
  return countingSort(index, first, firstCount);
}

/** `index` stably sorted by `key[index[j]]` (values 0 .. keyCount − 1). */
function countingSort(index: Int32Array, key: Int32Array, keyCount: number): Int32Array {
  const start = new Int32Array(keyCount + 1);
  for (let j = 0; j < index.length; j++) start[key[index[j]] + 1]++;
  for (let v = 0; v < keyCount; v++) start[v + 1] += start[v];
  const out = new Int32Array(index.length);
  for (let j = 0; j < index.length; j++) out[start[key[index[j]]]++] = index[j];
  return out;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
