// Invariant: the Arquero frame reads the typed columns without copying and without breaking on
// column names that are Object members; NULL (NaN / code -1) reads as null.
import { op } from 'arquero';
import { describe, expect, it } from 'vitest';
import { toArqueroFrame } from '../../../src/engine/dataset/to-arquero.ts';
import type { Column } from '../../../src/engine/dataset/types.ts';

const columns: Column[] = [
  { name: '__proto__', type: 'text', codes: Int32Array.from([0, 1, -1, 0]), dictionary: ['a', 'b'] },
  { name: 'constructor', type: 'decimal', values: Float64Array.from([1.5, NaN, 3, 4]) },
];

describe('toArqueroFrame(columns)', () => {
  it('exposes each column under its key, with nulls', () => {
    const { table, keyOf } = toArqueroFrame(columns);
    expect(table.numRows()).toBe(4);
    expect(table.array(keyOf('__proto__')!)).toEqual(['a', 'b', null, 'a']);
    expect(table.array(keyOf('constructor')!)).toEqual([1.5, null, 3, 4]);
    expect(keyOf('missing')).toBeUndefined();
  });

  it('groups and sums like a plain reference computation', () => {
    const { table, keyOf } = toArqueroFrame(columns);
    const g = keyOf('__proto__')!;
    const v = keyOf('constructor')!;
    const result = table.groupby(g).rollup({ n: op.count(), total: op.sum(v) });
    const byLabel = (a: Record<string, unknown>, b: Record<string, unknown>) => String(a[g]).localeCompare(String(b[g]));
    // Reference: a = rows 0 and 3 (1.5 + 4), b = row 1 (NULL only), NULL group = row 2 (3).
    expect((result.objects() as Record<string, unknown>[]).sort(byLabel)).toEqual([
      { [g]: 'a', n: 2, total: 5.5 },
      { [g]: 'b', n: 1, total: undefined }, // Arquero's sum over no valid values
      { [g]: null, n: 1, total: 3 },
    ].sort(byLabel));
  });

  it('shares the typed arrays instead of copying them', () => {
    const values = Float64Array.from([1, 2]);
    const { table, keyOf } = toArqueroFrame([{ name: 'x', type: 'integer', values }]);
    values[0] = 42;
    expect(table.get(keyOf('x')!, 0)).toBe(42);
  });
});
