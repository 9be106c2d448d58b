// Invariant: a typed column holds each cell's value only when the type can hold it exactly;
// everything else is NULL and counted, never rounded or coerced.
import { describe, expect, it } from 'vitest';
import { buildNumericColumn } from '../../../src/engine/dataset/build-numeric-column.ts';
import { inferCellKinds, type ScanAssumptions } from '../../../src/engine/dataset/infer-cell-kinds.ts';
import type { NumericColumn } from '../../../src/engine/dataset/types.ts';

const DEFAULTS: ScanAssumptions = { decimalSeparator: '.', dateOrder: 'mdy', dateFormat: 'auto' };
const DAY = 86_400_000;

function build(cells: (string | null)[], type: NumericColumn['type'], timeZone = 'UTC') {
  const built = buildNumericColumn(inferCellKinds(cells, DEFAULTS, false), type, timeZone);
  return { ...built, values: Array.from(built.values, (v) => (Number.isNaN(v) ? null : v)) };
}

describe('buildNumericColumn(scan, type, timeZone)', () => {
  it.each([
    ['integer', ['1', '2.0', '2.5', 'x', '', 'NA', '2019-03-13'], [1, 2, null, null, null, null, null], 3, 2],
    ['decimal', ['1', '2.5', '9007199254740993', 'yes'], [1, 2.5, null, null], 2, 0],
    ['boolean', ['yes', 'N', '1', '0', '2'], [1, 0, 1, 0, null], 1, 0],
    ['date', ['2019-03-13', '2019-03-13 23:00', '5'], [Date.UTC(2019, 2, 13) / DAY, Date.UTC(2019, 2, 13) / DAY, null], 1, 0],
    ['datetime', ['2019-03-13', '2019-03-13 23:00', 'true'], [Date.UTC(2019, 2, 13), Date.UTC(2019, 2, 13, 23), null], 1, 0],
  ] as const)('builds a %s column', (type, cells, expected, badCount, nullCount) => {
    const built = build([...cells], type);
    expect(built.values).toEqual(expected);
    expect(built.badCount).toBe(badCount);
    expect(built.nullCount).toBe(nullCount);
  });

  it('flags bad integers beyond 2^53', () => {
    expect(build(['12345678901234567890'], 'integer').badBigInteger).toBe(true);
    expect(build(['2.01903E+18'], 'integer').badBigInteger).toBe(true);
    expect(build(['2.5'], 'integer').badBigInteger).toBe(false);
  });

  it('converts offsets into the zone and counts them', () => {
    const built = build(['2019-03-13T00:00:00Z', '2019-03-13 08:00'], 'datetime', 'Asia/Shanghai');
    expect(built.values).toEqual([Date.UTC(2019, 2, 13, 8), Date.UTC(2019, 2, 13, 8)]);
    expect(built.zoneConverted).toBe(1);
  });

  it('locates the first ten bad cells', () => {
    const built = build(Array.from({ length: 40 }, (_, i) => (i % 3 === 0 ? 'x' : '1')), 'integer');
    expect(built.badIndexes).toEqual([0, 3, 6, 9, 12, 15, 18, 21, 24, 27]);
    expect(built.badCount).toBe(14);
  });
});
