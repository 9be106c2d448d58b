/**
 * A threshold step's segment table without a pass over the customers: the metric of a cut or
 * score tag sorted once (NULLs apart), with running sums of revenue and orders in that order, so
 * the segment counts and sums for any thresholds are a binary search per threshold and a
 * subtraction. The page keeps one per tag it is dragging and shows the new segment table in the
 * same task as the key press; the worker's re-cut (the codes every other view reads) follows and
 * replaces it with the same figures (sums in another order may differ in the last bits).
 *
 * The bins are those of `recut`: with `upper` a value passes t when value > t (so segment j holds
 * t[j-1] < v ≤ t[j]); with `lower` when value ≥ t.
 */
import type { SegmentStats } from './recut.ts';
import type { Inclusive } from './types.ts';

export interface ThresholdIndex {
  /** The metric's non-NULL values, ascending. */
  values: Float64Array;
  /** Running sums in that order, length values.length + 1 (NULL revenue or orders count 0). */
  revenue: Float64Array;
  orders: Float64Array;
  inclusive: Inclusive;
  /** Customers with a NULL metric (in no segment), and their revenue. */
  nullCount: number;
  nullRevenue: number;
  /** Every customer, and all revenue (NULL-metric customers included, as segmentStats counts them). */
  totalCount: number;
  totalRevenue: number;
}

/** Sorts `metric` (NaN = NULL left apart) and sums revenue and orders along it. */
export function buildThresholdIndex(metric: Float64Array, revenue: Float64Array, orders: Float64Array, inclusive: Inclusive): ThresholdIndex {
  const n = metric.length;
  let kept = 0;
  for (let i = 0; i < n; i++) if (metric[i] === metric[i]) kept++;
  const order = new Uint32Array(kept);
  let nullCount = 0;
  let nullRevenue = 0;
  let totalRevenue = 0;
  for (let i = 0, k = 0; i < n; i++) {
    const r = revenue[i] === revenue[i] ? revenue[i] : 0;
    totalRevenue += r;
    if (metric[i] === metric[i]) order[k++] = i;
    else {
      nullCount++;
      nullRevenue += r;
    }
  }
  order.sort((a, b) => metric[a] - metric[b] || a - b);
  const values = new Float64Array(kept);
  const revenueSums = new Float64Array(kept + 1);
  const orderSums = new Float64Array(kept + 1);
  for (let k = 0; k < kept; k++) {
    const i = order[k];
    values[k] = metric[i];
    revenueSums[k + 1] = revenueSums[k] + (revenue[i] === revenue[i] ? revenue[i] : 0);
    orderSums[k + 1] = orderSums[k] + (orders[i] === orders[i] ? orders[i] : 0);
  }
  return { values, revenue: revenueSums, orders: orderSums, inclusive, nullCount, nullRevenue, totalCount: n, totalRevenue };
}

/** How many of the sorted values stay below threshold `t`: those ≤ t (`upper`) or < t (`lower`). */
function below(values: Float64Array, t: number, inclusive: Inclusive): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (inclusive === 'upper' ? values[mid] <= t : values[mid] < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The segment statistics `recut` + `segmentStats` give for `thresholds` (non-decreasing), from the index. */
export function thresholdStats(index: ThresholdIndex, thresholds: readonly number[]): SegmentStats {
  const bounds = [0, ...thresholds.map((t) => below(index.values, t, index.inclusive)), index.values.length];
  const segments = [];
  for (let j = 0; j + 1 < bounds.length; j++) {
    const [from, to] = [bounds[j], Math.max(bounds[j], bounds[j + 1])];
    const count = to - from;
    const revenue = index.revenue[to] - index.revenue[from];
    const orders = index.orders[to] - index.orders[from];
    segments.push({
      count,
      revenue,
      orders,
      customerShare: index.totalCount > 0 ? count / index.totalCount : 0,
      revenueShare: index.totalRevenue !== 0 ? revenue / index.totalRevenue : 0,
      averageOrderValue: orders > 0 ? revenue / orders : NaN,
    });
  }
  return { segments, nullCount: index.nullCount, nullRevenue: index.nullRevenue, totalCount: index.totalCount, totalRevenue: index.totalRevenue };
}
