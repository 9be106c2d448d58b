/**
 * The threshold fast path (SPEC §6): re-cut a metric column by thresholds in one pass over
 * typed arrays, with no allocation, so a slider can move at frame rate.
 */
import type { Inclusive } from './types.ts';

/**
 * Writes into `out[i]` the segment of `values[i]`: the number of thresholds it passes (with
 * `upper`, a value passes t when value > t, so `≤30 / ≤90 / else`; with `lower`, when value ≥ t),
 * or -1 for NaN (NULL: every comparison is false, so the count is 0 and `| -1` makes it -1,
 * without a branch). `thresholds` must be non-decreasing.
 */
export function recut(values: Float64Array, thresholds: Float64Array, out: Int32Array, inclusive: Inclusive = 'upper'): void {
  const n = values.length;
  const k = thresholds.length;
  if (inclusive === 'upper') {
    if (k === 1) {
      const t0 = thresholds[0];
      for (let i = 0; i < n; i++) {
        const v = values[i];
        out[i] = +(v > t0) | -(v !== v);
      }
    } else if (k === 3) {
      const t0 = thresholds[0];
      const t1 = thresholds[1];
      const t2 = thresholds[2];
      for (let i = 0; i < n; i++) {
        const v = values[i];
        out[i] = (+(v > t0) + +(v > t1) + +(v > t2)) | -(v !== v);
      }
    } else {
      for (let i = 0; i < n; i++) {
        const v = values[i];
        let c = 0;
        for (let j = 0; j < k; j++) c += +(v > thresholds[j]);
        out[i] = c | -(v !== v);
      }
    }
  } else if (k === 4) {
    const t0 = thresholds[0];
    const t1 = thresholds[1];
    const t2 = thresholds[2];
    const t3 = thresholds[3];
    for (let i = 0; i < n; i++) {
      const v = values[i];
      out[i] = (+(v >= t0) + +(v >= t1) + +(v >= t2) + +(v >= t3)) | -(v !== v);
    }
  } else {
    for (let i = 0; i < n; i++) {
      const v = values[i];
      let c = 0;
      for (let j = 0; j < k; j++) c += +(v >= thresholds[j]);
      out[i] = c | -(v !== v);
    }
  }
}

/** One row of a segment table. Shares are 0..1 of all customers / all revenue (NULL-metric customers included). */
export interface SegmentStat {
  count: number;
  revenue: number;
  orders: number;
  customerShare: number;
  revenueShare: number;
  /** revenue / orders; NaN when the segment has no orders. */
  averageOrderValue: number;
}

/** Per-segment statistics plus the customers whose code is -1 (NULL metric). */
export interface SegmentStats {
  segments: SegmentStat[];
  nullCount: number;
  nullRevenue: number;
  totalCount: number;
  totalRevenue: number;
}

/**
 * Counts customers, sums revenue and orders per segment in one pass over typed arrays (NaN
 * revenue/orders count 0). `codes` are segment indexes 0..segmentCount-1 or -1 (NULL).
 * Four interleaved histograms break the store-to-load chains when neighbours share a segment
 * (so sums of non-integers may differ from a sequential sum in the last bits). `scratch`
 * (optional, length ≥ 12·(segmentCount+1)) avoids the one allocation.
 */
export function segmentStats(codes: Int32Array, segmentCount: number, revenue: Float64Array, orders: Float64Array, scratch?: Float64Array): SegmentStats {
  const width = segmentCount + 1;
  const lane = 3 * width;
  const size = 4 * lane;
  const sums = scratch && scratch.length >= size ? scratch : new Float64Array(size);
  sums.fill(0, 0, size);
  const n = codes.length;
  const rev = width;
  const ord = 2 * width;
  const l1 = lane + 1;
  const l2 = 2 * lane + 1;
  const l3 = 3 * lane + 1;
  let i = 0;
  for (; i + 3 < n; i += 4) {
    const a = codes[i] + 1;
    const b = codes[i + 1] + l1;
    const c = codes[i + 2] + l2;
    const d = codes[i + 3] + l3;
    sums[a] += 1;
    sums[rev + a] += revenue[i];
    sums[ord + a] += orders[i];
    sums[b] += 1;
    sums[rev + b] += revenue[i + 1];
    sums[ord + b] += orders[i + 1];
    sums[c] += 1;
    sums[rev + c] += revenue[i + 2];
    sums[ord + c] += orders[i + 2];
    sums[d] += 1;
    sums[rev + d] += revenue[i + 3];
    sums[ord + d] += orders[i + 3];
  }
  for (; i < n; i++) {
    const a = codes[i] + 1;
    sums[a] += 1;
    sums[rev + a] += revenue[i];
    sums[ord + a] += orders[i];
  }
  // Fold the lanes into lane 0.
  for (let k = 1; k < 4; k++) for (let s = 0; s < lane; s++) sums[s] += sums[k * lane + s];
  // A NaN sum means NULL revenue/orders somewhere: sum those again, skipping NaN.
  let hasNull = false;
  for (let s = width; s < lane; s++) hasNull ||= sums[s] !== sums[s];
  if (hasNull) {
    sums.fill(0, width, lane);
    for (let j = 0; j < n; j++) {
      const slot = codes[j] + 1;
      const r = revenue[j];
      const o = orders[j];
      sums[rev + slot] += r === r ? r : 0;
      sums[ord + slot] += o === o ? o : 0;
    }
  }
  let totalRevenue = 0;
  for (let s = 0; s < width; s++) totalRevenue += sums[rev + s];
  const segments: SegmentStat[] = [];
  for (let s = 1; s < width; s++) {
    const count = sums[s];
    const segmentRevenue = sums[rev + s];
    const segmentOrders = sums[ord + s];
    segments.push({
      count,
      revenue: segmentRevenue,
      orders: segmentOrders,
      customerShare: n > 0 ? count / n : 0,
      revenueShare: totalRevenue !== 0 ? segmentRevenue / totalRevenue : 0,
      averageOrderValue: segmentOrders > 0 ? segmentRevenue / segmentOrders : NaN,
    });
  }
  return { segments, nullCount: sums[0], nullRevenue: sums[rev], totalCount: n, totalRevenue };
}
