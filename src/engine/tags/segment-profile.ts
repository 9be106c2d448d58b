/**
 * Segment profiles (issue #6): every numeric metric's mean and median per segment of a tag, and
 * over all customers, so segments can be described ("Champions order 9 times, median 12 days
 * ago") and two segments compared side by side. NULLs are left out of each figure; a segment with
 * no value for a metric has NaN there.
 */
import type { Column } from '../dataset/types.ts';

export interface ProfileFigures {
  /** Customers with a value (not NULL). */
  count: number;
  mean: number;
  median: number;
}

export interface MetricProfile {
  name: string;
  overall: ProfileFigures;
  /** One per segment, in the tag's order; then, when any customer has no segment, one for them. */
  segments: ProfileFigures[];
}

/** The median of `values[0..n)` (sorted in place); NaN when n is 0. */
function medianOf(values: Float64Array, n: number): number {
  if (n === 0) return NaN;
  const sorted = values.subarray(0, n).sort();
  const mid = n >> 1;
  return n % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * Profiles every numeric column of `columns` (integer and decimal; booleans as 0/1 are numeric
 * columns too) by the segment `codes` (0..segmentCount-1, -1 = no segment). The no-segment group
 * is appended when any code is -1.
 */
export function segmentProfile(columns: readonly Column[], codes: Int32Array, segmentCount: number): MetricProfile[] {
  const hasNone = codes.some((c) => c < 0);
  const groups = segmentCount + (hasNone ? 1 : 0);
  const slot = (code: number) => (code < 0 ? segmentCount : code);
  // Rows of each group, gathered once and reused for every column.
  const sizes = new Int32Array(groups);
  for (let i = 0; i < codes.length; i++) if (codes[i] < segmentCount) sizes[slot(codes[i])]++;
  const starts = new Int32Array(groups + 1);
  for (let g = 0; g < groups; g++) starts[g + 1] = starts[g] + sizes[g];
  const rows = new Int32Array(starts[groups]);
  const fill = starts.slice(0, groups);
  for (let i = 0; i < codes.length; i++) if (codes[i] < segmentCount) rows[fill[slot(codes[i])]++] = i;

  const scratch = new Float64Array(codes.length);
  const profiles: MetricProfile[] = [];
  for (const column of columns) {
    if (column.type === 'text' || column.type === 'date' || column.type === 'datetime') continue;
    const values = column.values;
    const figures = (from: number, to: number): ProfileFigures => {
      let n = 0;
      let sum = 0;
      for (let k = from; k < to; k++) {
        const v = values[rows[k]];
        if (v !== v) continue;
        scratch[n++] = v;
        sum += v;
      }
      return { count: n, mean: n ? sum / n : NaN, median: medianOf(scratch, n) };
    };
    const segments: ProfileFigures[] = [];
    for (let g = 0; g < groups; g++) segments.push(figures(starts[g], starts[g + 1]));
    profiles.push({ name: column.name, overall: figures(0, rows.length), segments });
  }
  return profiles;
}
