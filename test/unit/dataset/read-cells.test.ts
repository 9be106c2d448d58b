// Invariant: the cells read are those of the selected rows, in order, with missing fields as null.
import { describe, expect, it } from 'vitest';
import { BLOCK_CELLS, forEachBlock, rawColumnCells, readCells } from '../../../src/engine/dataset/read-cells.ts';
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

describe('rawColumnCells(raw, column, rows) and forEachBlock(cells, from, visit)', () => {
  it('reads the cells of the selected rows, one at a time or by blocks', () => {
    const cells = rawColumnCells(raw, 1, Int32Array.of(2, 1, 0));
    expect(cells.length).toBe(3);
    expect([cells.at(0), cells.at(1), cells.at(2)]).toEqual(['3', null, '1']);
    const seen: (string | null)[] = [];
    forEachBlock(cells, 1, (block, start, count) => {
      expect(start).toBe(1);
      seen.push(...block.slice(0, count));
    });
    expect(seen).toEqual([null, '1']);
  });

  it('visits long columns in consecutive blocks and stops when asked', () => {
    const n = 2 * BLOCK_CELLS + 5;
    const long: RawTable = { ...raw, rowCount: n, cell: (_, row) => String(row) };
    const starts: number[] = [];
    let total = 0;
    let misplaced = 0;
    forEachBlock(rawColumnCells(long, 0), 0, (block, start, count) => {
      starts.push(start);
      for (let j = 0; j < count; j++) if (block[j] !== String(start + j)) misplaced++;
      total += count;
    });
    expect(starts).toEqual([0, BLOCK_CELLS, 2 * BLOCK_CELLS]);
    expect(total).toBe(n);
    expect(misplaced).toBe(0);
    const stopped: number[] = [];
    forEachBlock(rawColumnCells(long, 0), 0, (_, start) => {
      stopped.push(start);
      return false;
    });
    expect(stopped).toEqual([0]);
  });
});
