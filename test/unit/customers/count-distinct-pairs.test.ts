// Invariant: countDistinctPairs gives, per group, the number of distinct non-NULL keys — the same
// as a Set per group — whether the rows come in key order (fast path) or not (hash set).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countDistinctPairs } from '../../../src/engine/customers/count-distinct-pairs.ts';

function reference(groups: number[], keys: number[], groupCount: number): number[] {
  const sets = Array.from({ length: groupCount }, () => new Set<number>());
  groups.forEach((g, row) => {
    if (g >= 0 && keys[row] >= 0) sets[g].add(keys[row]);
  });
  return sets.map((s) => s.size);
}

describe('countDistinctPairs(groups, keys, groupCount, keyCount)', () => {
  it('counts distinct keys per group, skipping rows with group or key -1', () => {
    const counts = countDistinctPairs(Int32Array.from([0, 0, 1, 0, -1, 1, 1]), Int32Array.from([3, 3, 3, 1, 7, -1, 2]), 2, 8);
    expect(Array.from(counts)).toEqual([2, 2]);
  });

  it('equals a Set per group on random rows, sorted by key within group or not', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: -1, max: 6 }), fc.integer({ min: -1, max: 40 })), { maxLength: 300 }), fc.boolean(), (rows, sorted) => {
        if (sorted) rows.sort((a, b) => a[1] - b[1]);
        const groups = rows.map((r) => r[0]);
        const keys = rows.map((r) => r[1]);
        expect(Array.from(countDistinctPairs(Int32Array.from(groups), Int32Array.from(keys), 7, 41))).toEqual(reference(groups, keys, 7));
      }),
      { numRuns: 300, seed: 7 },
    );
  });
});
