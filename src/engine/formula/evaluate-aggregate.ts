import { rankDictionary } from './compare-text.ts';
import type { TextVector } from './vectors.ts';

/** Per-group reductions over row values. Groups outside 0..count-1 (e.g. -1) are skipped. */
export interface Groups {
  index: Int32Array;
  count: number;
}

/** COUNT(*) per group. */
export function countRows(groups: Groups): Float64Array {
  const out = new Float64Array(groups.count);
  const { index } = groups;
  for (let i = 0; i < index.length; i++) {
    const g = index[i];
    if (g >= 0 && g < groups.count) out[g]++;
  }
  return out;
}

/** COUNT(x) per group: rows where `isNull(i)` is false. */
export function countValues(groups: Groups, values: Float64Array | null, codes: Int32Array | null): Float64Array {
  const out = new Float64Array(groups.count);
  const { index } = groups;
  for (let i = 0; i < index.length; i++) {
    const g = index[i];
    if (g < 0 || g >= groups.count) continue;
    const isNull = values ? values[i] !== values[i] : (codes as Int32Array)[i] < 0;
    if (!isNull) out[g]++;
  }
  return out;
}

/**
 * SUM (mean = false) or AVG (mean = true) per group, NULL for a group without values. Uses the
 * Kahan-Babuska-Neumaier summation of SQLite's sum()/total()/avg() (func.c), so both agree to the bit.
 */
export function sumValues(groups: Groups, values: Float64Array, mean: boolean): Float64Array {
  const g0 = groups.count;
  const sum = new Float64Array(g0);
  const err = new Float64Array(g0);
  const count = new Float64Array(g0);
  const { index } = groups;
  for (let i = 0; i < index.length; i++) {
    const g = index[i];
    const r = values[i];
    if (g < 0 || g >= g0 || r !== r) continue;
    const s = sum[g];
    const t = s + r;
    if (Math.abs(s) > Math.abs(r)) err[g] += s - t + r;
    else err[g] += r - t + s;
    sum[g] = t;
    count[g]++;
  }
  const out = new Float64Array(g0);
  for (let g = 0; g < g0; g++) {
    if (count[g] === 0) {
      out[g] = NaN;
      continue;
    }
    const e = err[g];
    const total = Number.isFinite(e) ? sum[g] + e : sum[g];
    out[g] = mean ? total / count[g] : total;
  }
  return out;
}

/** MIN or MAX per group of numbers (NaN = NULL). */
export function extremeValues(groups: Groups, values: Float64Array, max: boolean): Float64Array {
  const out = new Float64Array(groups.count).fill(NaN);
  const { index } = groups;
  for (let i = 0; i < index.length; i++) {
    const g = index[i];
    const v = values[i];
    if (g < 0 || g >= groups.count || v !== v) continue;
    const cur = out[g];
    if (cur !== cur || (max ? v > cur : v < cur)) out[g] = v;
  }
  return out;
}

/** MIN or MAX per group of text, in code-point order. */
export function extremeTexts(groups: Groups, v: TextVector, max: boolean): TextVector {
  const ranks = rankDictionary(v.dict);
  const best = new Int32Array(groups.count).fill(-1);
  const { index } = groups;
  for (let i = 0; i < index.length; i++) {
    const g = index[i];
    const c = v.codes[i];
    if (g < 0 || g >= groups.count || c < 0) continue;
    const cur = best[g];
    if (cur < 0 || (max ? ranks[c] > ranks[cur] : ranks[c] < ranks[cur])) best[g] = c;
  }
  return { codes: best, dict: v.dict, constant: false };
}

/** COUNT(DISTINCT x) per group; `keys` are numbers (text as its code-point rank), NaN = NULL. */
export function countDistinct(groups: Groups, keys: Float64Array): Float64Array {
  const { index } = groups;
  let m = 0;
  for (let i = 0; i < index.length; i++) if (index[i] >= 0 && index[i] < groups.count && keys[i] === keys[i]) m++;
  const rows = new Uint32Array(m);
  m = 0;
  for (let i = 0; i < index.length; i++) if (index[i] >= 0 && index[i] < groups.count && keys[i] === keys[i]) rows[m++] = i;
  rows.sort((a, b) => index[a] - index[b] || keys[a] - keys[b]);
  const out = new Float64Array(groups.count);
  for (let k = 0; k < m; k++) {
    const r = rows[k];
    if (k === 0 || index[r] !== index[rows[k - 1]] || keys[r] !== keys[rows[k - 1]]) out[index[r]]++;
  }
  return out;
}
