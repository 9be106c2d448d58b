// Invariant: the cells read are those of the selected rows, in order, with missing fields as null.
import { describe, expect, it } from 'vitest';
import { readCells } from '../../../src/engine/dataset/read-cells.ts';
import type { RawTable } from '../../../src/engine/dataset/types.ts';

const rows = [['a', '1'], ['b'], ['c', '3']];
const raw: RawTable = {
  header: ['x', 'y'],
  rowCount: 3,
  columnCount: 2,
  cell: (column, row) => rows[row][column] ?? null,
  lineNumbers: Int32Array.of(2, 3, 4),
  fieldCounts: Int32Array.of(2, 1, 2),
  extraFields: () => null,
};

describe('readCells(raw, column, rows)', () => {
  it('reads every row when no rows are given', () => {
    expect(readCells(raw, 1)).toEqual(['1', null, '3']);
  });
  it('reads only the selected rows', () => {
    expect(readCells(raw, 0, Int32Array.of(2, 0))).toEqual(['c', 'a']);
  });
});
