/**
 * Quantile cut points for the `rank` and `rfm` methods (computed in JS, then inlined into SQL
 * as constants) and the `position` method's NTILE bins.
 */
import { ntileValues } from '../formula/evaluate-window.ts';

/** The non-NULL values, sorted ascending. */
export function sortedValues(values: Float64Array): Float64Array {
  let m = 0;
  for (let i = 0; i < values.length; i++) if (values[i] === values[i]) m++;
  const out = new Float64Array(m);
  m = 0;
  for (let i = 0; i < values.length; i++) if (values[i] === values[i]) out[m++] = values[i];
  return out.sort();
}

/**
 * R's `quantile(x, p, type = 7)` of sorted values, with R's own arithmetic so cut points agree
 * to the last bit: index = 1 + (n − 1)·p, lo = ⌊index⌋, h = index − lo, and
 * (1 − h)·x[lo] + h·x[lo + 1] only when index > lo and the two values differ.
 */
export function quantileType7(sorted: Float64Array, p: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const index = 1 + Math.max(n - 1, 0) * p;
  const lo = Math.floor(index);
  const hi = Math.ceil(index);
  const low = sorted[lo - 1];
  const high = sorted[hi - 1];
  if (!(index > lo) || high === low) return low;
  const h = index - lo;
  return (1 - h) * low + h * high;
}

/**
 * `rank` cut points (bins − 1 of them, lower-inclusive): cut k = the smallest value whose bin
 * ⌊bins · (values strictly smaller) / count⌋ is ≥ k; +Infinity when no value reaches bin k.
 */
export function rankCutPoints(sorted: Float64Array, bins: number): number[] {
  const n = sorted.length;
  const cuts: number[] = new Array<number>(Math.max(bins - 1, 0)).fill(Infinity);
  let k = 1;
  for (let i = 0; i < n && k < bins; i++) {
    if (i > 0 && sorted[i] === sorted[i - 1]) continue;
    const bin = Math.floor((bins * i) / n);
    while (k <= bin && k < bins) cuts[k++ - 1] = sorted[i];
  }
  return cuts;
}

/**
 * The R rfm package's cut points (lower-inclusive): quantile type 7 at
 * `seq(0, 1, length.out = bins + 1)` (R computes those as k · (1 / bins), so 3 · 0.2 =
 * 0.6000000000000001), plus 1.
 */
export function rfmCutPoints(sorted: Float64Array, bins: number): number[] {
  const cuts: number[] = [];
  const by = 1 / bins;
  for (let k = 1; k < bins; k++) cuts.push(sorted.length ? quantileType7(sorted, k * by) + 1 : Infinity);
  return cuts;
}

/**
 * `position` bins: NTILE(bins) over (value, id) — 0-based bin per row, -1 for NULL — and the
 * smallest value in each bin after the first (the cut points shown; ties may straddle them).
 */
export function positionBins(values: Float64Array, ids: Float64Array | null, bins: number): { codes: Int32Array; cuts: number[] } {
  const tiles = ntileValues(values, ids, bins);
  const codes = new Int32Array(values.length);
  const cuts: number[] = new Array<number>(Math.max(bins - 1, 0)).fill(Infinity);
  for (let i = 0; i < values.length; i++) {
    const t = tiles[i];
    codes[i] = t === t ? t - 1 : -1;
    if (t === t && t >= 2 && values[i] < cuts[t - 2]) cuts[t - 2] = values[i];
  }
  return { codes, cuts };
}
