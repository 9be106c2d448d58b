import { describe, expect, it } from 'vitest';
import type { Column } from '../../../src/engine/dataset/types.ts';
import { readGridValue } from '../../../src/engine/table/read-grid-value.ts';

describe('readGridValue(column, row)', () => {
  const columns: Column[] = [
    { name: 't', type: 'text', codes: Int32Array.from([0, -1]), dictionary: ['00004'] },
    { name: 'i', type: 'integer', values: Float64Array.from([42, NaN]) },
    { name: 'd', type: 'decimal', values: Float64Array.from([-1.5, NaN]) },
    { name: 'b', type: 'boolean', values: Float64Array.from([0, NaN]) },
    { name: 'day', type: 'date', values: Float64Array.from([17_968, NaN]) },
    { name: 'at', type: 'datetime', values: Float64Array.from([Date.UTC(2019, 2, 13, 8, 5, 9), NaN]) },
  ];

  it('returns text, numbers, booleans, ISO dates and wall-clock datetimes', () => {
    expect(columns.map((c) => readGridValue(c, 0))).toEqual(['00004', 42, -1.5, false, '2019-03-13', '2019-03-13 08:05:09']);
  });

  it('returns null for NULL in every type', () => {
    expect(columns.map((c) => readGridValue(c, 1))).toEqual([null, null, null, null, null, null]);
  });
});
