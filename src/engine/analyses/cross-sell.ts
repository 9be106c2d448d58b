/**
 * Cross-sell (issue #9, SPEC §5): product pairs bought in the same order. An order counts by its
 * set of products (a product twice in one order counts once). For a pair {A, B}: support = orders
 * with both ÷ all orders with a product; confidence A→B = orders with both ÷ orders with A, which
 * differs from B→A (directional); lift = support ÷ (support A · support B).
 *
 * Lines are grouped by order with a counting sort; pairs are counted in a map keyed a · items + b.
 * An order with k distinct products adds k(k − 1)/2 pairs: a basket of 2,000 products adds 2M.
 */
import { AnalysisError, type CrossSellRow, type PurchaseLines } from './types.ts';

export function crossSell(lines: PurchaseLines, options: { minOrders: number; minSupport: number; limit: number }): { rows: CrossSellRow[]; orders: number; pairsFound: number } {
  const { minOrders, minSupport, limit } = options;
  if (!Number.isInteger(minOrders) || minOrders < 1) throw new AnalysisError('bad-option', `The fewest orders with both must be a whole number from 1, not “${String(minOrders)}”.`);
  if (!(minSupport >= 0 && minSupport <= 1)) throw new AnalysisError('bad-option', `The lowest support is a share from 0 to 1, not “${String(minSupport)}”.`);
  if (!Number.isInteger(limit) || limit < 1) throw new AnalysisError('bad-option', `The rows kept must be a whole number from 1, not “${String(limit)}”.`);

  const itemCount = lines.items.length;
  const { start, members } = groupByOrder(lines);
  const ordersOf = new Float64Array(itemCount);
  const pairs = new Map<number, number>();
  let orders = 0;
  const basket: number[] = [];
  for (let order = 0; order < lines.orderCount; order++) {
    basket.length = 0;
    for (let j = start[order]; j < start[order + 1]; j++) basket.push(lines.item[members[j]]);
    if (basket.length === 0) continue;
    basket.sort((a, b) => a - b);
    // Distinct items, in place.
    let k = 0;
    for (let j = 0; j < basket.length; j++) if (j === 0 || basket[j] !== basket[j - 1]) basket[k++] = basket[j];
    basket.length = k;
    orders++;
    for (let x = 0; x < k; x++) {
      const a = basket[x];
      ordersOf[a]++;
      for (let y = x + 1; y < k; y++) {
        const key = a * itemCount + basket[y];
        pairs.set(key, (pairs.get(key) ?? 0) + 1);
      }
    }
  }

  const rows: CrossSellRow[] = [];
  for (const [key, both] of pairs) {
    if (both < minOrders) continue;
    const support = both / orders;
    if (support < minSupport) continue;
    let a = Math.floor(key / itemCount);
    let b = key - a * itemCount;
    // A is the one in more orders (ties: the smaller text).
    if (ordersOf[b] > ordersOf[a] || (ordersOf[b] === ordersOf[a] && lines.items[b] < lines.items[a])) [a, b] = [b, a];
    const ordersA = ordersOf[a];
    const ordersB = ordersOf[b];
    rows.push({
      a: lines.items[a],
      b: lines.items[b],
      orders: both,
      support,
      confidenceAB: both / ordersA,
      confidenceBA: both / ordersB,
      lift: support / ((ordersA / orders) * (ordersB / orders)),
      ordersA,
      ordersB,
    });
  }
  rows.sort((x, y) => y.orders - x.orders || y.lift - x.lift || compareText(x.a, y.a) || compareText(x.b, y.b));
  return { rows: rows.slice(0, limit), orders, pairsFound: rows.length };
}

/**
 * Per customer (the customer table's rows): how many distinct orders of theirs hold any of
 * `items` (0 when none). Names that are not among the lines' values match nothing.
 */
export function boughtOrders(lines: PurchaseLines, items: readonly string[]): Float64Array {
  if (items.length === 0) throw new AnalysisError('bad-option', 'Choose at least one product.');
  const chosen = new Set(items);
  const isChosen = Uint8Array.from(lines.items, (name) => (chosen.has(name) ? 1 : 0));
  const counted = new Uint8Array(lines.orderCount);
  const out = new Float64Array(lines.customerIds.length);
  for (let i = 0; i < lines.count; i++) {
    const item = lines.item[i];
    if (item < 0 || !isChosen[item]) continue;
    const order = lines.order[i];
    if (counted[order]) continue;
    counted[order] = 1;
    out[lines.customer[i]]++;
  }
  return out;
}

/** Lines with an item grouped by order: `members[start[o] .. start[o + 1])` are order o's line indexes. */
function groupByOrder(lines: PurchaseLines): { start: Int32Array; members: Int32Array } {
  const start = new Int32Array(lines.orderCount + 1);
  for (let i = 0; i < lines.count; i++) if (lines.item[i] >= 0) start[lines.order[i] + 1]++;
  for (let o = 0; o < lines.orderCount; o++) start[o + 1] += start[o];
  const fill = start.slice(0, lines.orderCount);
  const members = new Int32Array(start[lines.orderCount]);
  for (let i = 0; i < lines.count; i++) if (lines.item[i] >= 0) members[fill[lines.order[i]]++] = i;
  return { start, members };
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
