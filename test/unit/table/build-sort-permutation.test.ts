// Invariant: the permutation lists every row once, in the order a plain stable sort of the cell
// values gives (NULLs last in both directions, ties in load order).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Column } from '../../../src/engine/dataset/types.ts';
import { buildSortPermutation } from '../../../src/engine/table/build-sort-permutation.ts';

/** The reference: Array.prototype.sort (stable) over the decoded cells, NULLs moved last. */
function referenceOrder(cells: (string | number | null)[], descending: boolean): number[] {
  const rows = cells.map((_, row) => row);
  return rows.sort((a, b) => {
    const x = cells[a];
    const y = cells[b];
    if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
    const order = x < y ? -1 : x > y ? 1 : 0;
    return descending ? -order : order;
  });
}

function textColumn(cells: (string | null)[], dictionary: string[]): Column {
  const codes = Int32Array.from(cells, (cell) => (cell === null ? -1 : dictionary.indexOf(cell)));
  return { name: 't', type: 'text', codes, dictionary };
}

describe('buildSortPermutation(column, descending)', () => {
  it('orders numbers numerically with NULLs last and ties in load order', () => {
    const values = [3, NaN, -1, 3, 0, NaN, -0, Infinity, -Infinity, 2.5];
    const column: Column = { name: 'n', type: 'decimal', values: Float64Array.from(values) };
    expect([...buildSortPermutation(column, false)]).toEqual([8, 2, 4, 6, 9, 0, 3, 7, 1, 5]);
    expect([...buildSortPermutation(column, true)]).toEqual([7, 0, 3, 9, 4, 6, 2, 8, 1, 5]);
  });

  it('orders text by code units, not by locale, and puts NULLs last when descending too', () => {
    const dictionary = ['b', 'B', 'a', '客户', 'é', 'e', ''];
    const cells = ['b', null, 'B', 'a', '客户', 'é', 'e', '', 'b', null];
    const column = textColumn(cells, dictionary);
    expect([...buildSortPermutation(column, false)]).toEqual(referenceOrder(cells, false));
    expect([...buildSortPermutation(column, true)]).toEqual(referenceOrder(cells, true));
    expect(cells[buildSortPermutation(column, false)[0]]).toBe('');
  });

  it('gives equal dictionary entries one rank, so their rows stay in load order', () => {
    const column: Column = { name: 't', type: 'text', codes: Int32Array.from([1, 0, 1, 0]), dictionary: ['x', 'x'] };
    expect([...buildSortPermutation(column, false)]).toEqual([0, 1, 2, 3]);
    expect([...buildSortPermutation(column, true)]).toEqual([0, 1, 2, 3]);
  });

  it('returns an empty order for an empty column', () => {
    expect(buildSortPermutation({ name: 'n', type: 'integer', values: new Float64Array(0) }, false)).toHaveLength(0);
  });

  it('matches the reference sort for any numbers and NULLs', () => {
    fc.assert(
      fc.property(fc.array(fc.option(fc.integer({ min: -5, max: 5 }), { nil: null })), fc.boolean(), (cells, descending) => {
        const column: Column = { name: 'n', type: 'integer', values: Float64Array.from(cells, (c) => (c === null ? NaN : c)) };
        expect([...buildSortPermutation(column, descending)]).toEqual(referenceOrder(cells, descending));
      }),
    );
  });

  it('matches the reference sort for any text and NULLs', () => {
    const word = fc.constantFrom('a', 'B', 'b', 'aa', '客', '😀', 'ﬀ', '');
    fc.assert(
      fc.property(fc.array(fc.option(word, { nil: null })), fc.boolean(), (cells, descending) => {
        const dictionary = [...new Set(cells.filter((c) => c !== null))].reverse();
        expect([...buildSortPermutation(textColumn(cells, dictionary), descending)]).toEqual(referenceOrder(cells, descending));
      }),
    );
  });
});
