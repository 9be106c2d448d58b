/**
 * Window functions over a whole column. NULL values get NULL and are left out of the window
 * (SQL: PARTITION BY x IS NULL). Keys are numbers (text as its code-point rank).
 */

/** RANK (percent = false: 1 + rows with a smaller value) or PERCENT_RANK ((rank − 1) / (rows − 1), 0 for one row). */
export function rankValues(keys: Float64Array, percent: boolean): Float64Array {
  const n = keys.length;
  let m = 0;
  for (let i = 0; i < n; i++) if (keys[i] === keys[i]) m++;
  const sorted = new Float64Array(m);
  m = 0;
  for (let i = 0; i < n; i++) if (keys[i] === keys[i]) sorted[m++] = keys[i];
  sorted.sort();
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = keys[i];
    if (v !== v) {
      out[i] = NaN;
      continue;
    }
    let lo = 0;
    let hi = m;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (sorted[mid] < v) lo = mid + 1;
      else hi = mid;
    }
    out[i] = percent ? (m > 1 ? lo / (m - 1) : 0) : lo + 1;
  }
  return out;
}

/**
 * NTILE(buckets) ordered by key, then `ids` (NaN first, as SQL sorts NULL), then row: the first
 * (rows mod buckets) groups get one extra row, exactly as SQLite's ntile().
 */
export function ntileValues(keys: Float64Array, ids: Float64Array | null, buckets: number): Float64Array {
  const n = keys.length;
  let m = 0;
  for (let i = 0; i < n; i++) if (keys[i] === keys[i]) m++;
  const rows = new Uint32Array(m);
  m = 0;
  for (let i = 0; i < n; i++) if (keys[i] === keys[i]) rows[m++] = i;
  rows.sort((a, b) => {
    const d = keys[a] - keys[b];
    if (d !== 0) return d;
    if (ids) {
      const ia = ids[a];
      const ib = ids[b];
      if (ia !== ib) {
        if (ia !== ia) return -1;
        if (ib !== ib) return 1;
        return ia - ib;
      }
    }
    return a - b;
  });
  const out = new Float64Array(n).fill(NaN);
  const size = Math.floor(m / buckets);
  const large = m - buckets * size;
  const small = large * (size + 1);
  for (let k = 0; k < m; k++) {
    out[rows[k]] = size === 0 ? k + 1 : k < small ? 1 + Math.floor(k / (size + 1)) : 1 + large + Math.floor((k - small) / size);
  }
  return out;
}
