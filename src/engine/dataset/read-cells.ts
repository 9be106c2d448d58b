import type { RawTable } from './types.ts';

/**
 * Returns the cells of one column for the selected data rows (all rows when `rows` is
 * undefined); null where a row had no such field.
 */
export function readCells(raw: RawTable, column: number, rows?: Int32Array): (string | null)[] {
  const n = rows ? rows.length : raw.rowCount;
  const cells: (string | null)[] = new Array(n);
  if (rows) {
    for (let i = 0; i < n; i++) cells[i] = raw.cell(column, rows[i]);
  } else {
    for (let i = 0; i < n; i++) cells[i] = raw.cell(column, i);
  }
  return cells;
}

/**
 * The cells of one column, read a block at a time. A column of 1M cells is never held as 1M
 * strings: each block's strings die young (in V8's young generation, where collecting them is
 * nearly free), while a whole column's array lives long enough to be promoted and traced.
 */
export interface ColumnCells {
  readonly length: number;
  /** Reads cells `start` .. `end` - 1 into `block[0 .. end - start - 1]`. */
  read(start: number, end: number, block: (string | null)[]): void;
  /** One cell (for the few quoted in issue messages). */
  at(index: number): string | null;
}

/** Cells per block: small enough that a block's strings are still young when it is done. */
export const BLOCK_CELLS = 16_384;

/** The cells of `column` in the selected data rows (all rows when `rows` is undefined). */
export function rawColumnCells(raw: RawTable, column: number, rows?: Int32Array): ColumnCells {
  if (rows) {
    return {
      length: rows.length,
      read: (start, end, block) => {
        for (let i = start; i < end; i++) block[i - start] = raw.cell(column, rows[i]);
      },
      at: (index) => raw.cell(column, rows[index]),
    };
  }
  return {
    length: raw.rowCount,
    read: (start, end, block) => {
      for (let i = start; i < end; i++) block[i - start] = raw.cell(column, i);
    },
    at: (index) => raw.cell(column, index),
  };
}

/** Cells already in an array (tests, small inputs). */
export function arrayColumnCells(cells: readonly (string | null)[]): ColumnCells {
  return {
    length: cells.length,
    read: (start, end, block) => {
      for (let i = start; i < end; i++) block[i - start] = cells[i];
    },
    at: (index) => cells[index],
  };
}

/** `cells` as ColumnCells (an array is wrapped). */
export function columnCellsOf(cells: readonly (string | null)[] | ColumnCells): ColumnCells {
  return isCellArray(cells) ? arrayColumnCells(cells) : cells;
}

function isCellArray(cells: readonly (string | null)[] | ColumnCells): cells is readonly (string | null)[] {
  return Array.isArray(cells);
}

/**
 * Calls `visit(block, start, count)` for consecutive blocks of cells from `from` on, where
 * `block[j]` is cell `start + j` for j < count; stops early when `visit` returns false.
 */
export function forEachBlock(cells: ColumnCells, from: number, visit: (block: readonly (string | null)[], start: number, count: number) => boolean | void): void {
  const n = cells.length;
  const block: (string | null)[] = new Array(Math.min(BLOCK_CELLS, Math.max(n - from, 0)));
  for (let start = from; start < n; start += BLOCK_CELLS) {
    const end = Math.min(n, start + BLOCK_CELLS);
    cells.read(start, end, block);
    if (visit(block, start, end - start) === false) return;
  }
}
