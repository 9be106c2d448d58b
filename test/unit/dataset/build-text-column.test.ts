// Invariant: dictionary encoding is lossless and deterministic: decoding gives back every cell as
// written, blanks become NULL, and the dictionary lists distinct values in first-seen order.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildTextColumn } from '../../../src/engine/dataset/build-text-column.ts';

describe('buildTextColumn(cells, name)', () => {
  it('encodes in first-seen order with -1 for blanks and missing cells', () => {
    const { column, nullCount } = buildTextColumn(['b', 'a', 'b', '', '  ', null, 'NA', ' a'], 'c');
    expect(column).toMatchObject({ name: 'c', type: 'text', dictionary: ['b', 'a', 'NA', ' a'] });
    expect(Array.from(column.codes)).toEqual([0, 1, 0, -1, -1, -1, 2, 3]);
    expect(nullCount).toBe(3);
  });

  it('round-trips any strings, including hash collisions and unicode', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string({ maxLength: 4 }), fc.constantFrom('Aa', 'BB', '订单', '😀', '\u0000')), { maxLength: 300 }), (cells) => {
        const { column } = buildTextColumn(cells, 'c');
        const decoded = Array.from(column.codes, (code) => (code < 0 ? null : column.dictionary[code]));
        expect(decoded).toEqual(cells.map((c) => (c.trim() === '' ? null : c)));
        expect(new Set(column.dictionary).size).toBe(column.dictionary.length);
        const firstSeen = [...new Set(cells.filter((c) => c.trim() !== ''))];
        expect(column.dictionary).toEqual(firstSeen);
      }),
    );
  });

  /** The encoding by definition, with a Map. */
  function reference(cells: (string | null)[]) {
    const dictionary: string[] = [];
    const codeOf = new Map<string, number>();
    const codes = cells.map((text) => {
      if (text === null || text.trim() === '') return -1;
      if (!codeOf.has(text)) codeOf.set(text, dictionary.push(text) - 1);
      return codeOf.get(text) as number;
    });
    return { dictionary, codes };
  }

  it.each([
    ['a few repeated values', 200_000, (i: number) => ['paid', 'refunded', 'shipped', ''][i % 4]],
    ['20k values repeated (past the Map, into the table)', 50_000, (i: number) => `id${(i * 7919) % 20_000}`],
    ['100k customer ids among 300k cells', 300_000, (i: number) => `C${String((i * 7919) % 100_000).padStart(7, '0')}`],
    ['nearly all-distinct order ids with repeats and blanks (by partitions)', 200_000, (i: number) => (i % 97 === 0 ? '' : i % 89 === 0 ? 'dup' : `2019${String(i * 7919).padStart(15, '0')}`)],
    ['all-distinct values that turn repetitive late', 150_000, (i: number) => (i < 80_000 ? `u${i}` : `u${i % 1000}`)],
    [
      'short texts the table holds packed, beside texts too long or too wide to pack',
      60_000,
      (i: number) => [`x${i % 9000}`, `x${i % 9000}\u0000`, `\u00ff${i % 900}é`, `订${i % 9000}`, `abcdef${i % 20}`, `${i % 9000}`.padStart(7, '0')][i % 6],
    ],
  ])('encodes %s like a Map would', (_, n, make) => {
    const cells = Array.from({ length: n }, (_, i) => make(i));
    const { column, nullCount } = buildTextColumn(cells, 'c');
    const expected = reference(cells);
    expect(column.dictionary).toEqual(expected.dictionary);
    expect(Array.from(column.codes)).toEqual(expected.codes);
    expect(nullCount).toBe(expected.codes.filter((c) => c < 0).length);
  });
});
