import type { Column } from '../dataset/types.ts';

/**
 * Returns the rows of `column` in sorted order, as row indices: ascending or descending, NULLs
 * last in both directions, equal values in load order (the sort is stable).
 * Numbers (and dates, datetimes, booleans) compare numerically; text compares by UTF-16 code
 * units (JavaScript's `<`), so the order does not depend on the browser's locale.
 */
export function buildSortPermutation(column: Column, descending: boolean): Uint32Array {
  const keys = sortKeys(column);
  const rowCount = keys.length;
  const order = new Uint32Array(rowCount);
  let present = 0;
  for (let row = 0; row < rowCount; row++) if (!Number.isNaN(keys[row])) order[present++] = row;
  let next = present;
  for (let row = 0; row < rowCount; row++) if (Number.isNaN(keys[row])) order[next++] = row;
  const sign = descending ? -1 : 1;
  // Equal infinities give NaN, which `||` turns into the row-order tie-break like a 0.
  order.subarray(0, present).sort((a, b) => (keys[a] - keys[b]) * sign || a - b);
  return order;
}

/**
 * Returns one number per row that sorts like the cell (NaN for NULL). Text cells become the rank
 * of their dictionary entry, so the strings are compared once per distinct value, not per row.
 */
function sortKeys(column: Column): Float64Array {
  if (column.type !== 'text') return column.values;
  const { codes, dictionary } = column;
  const rank = rankDictionary(dictionary);
  const keys = new Float64Array(codes.length);
  for (let row = 0; row < codes.length; row++) keys[row] = codes[row] < 0 ? NaN : rank[codes[row]];
  return keys;
}

/** Returns each dictionary entry's position in code-unit order; equal strings share a rank. */
function rankDictionary(dictionary: readonly string[]): Float64Array {
  const byText = dictionary.map((_, code) => code).sort((a, b) => compareText(dictionary[a], dictionary[b]));
  const rank = new Float64Array(dictionary.length);
  for (let i = 0; i < byText.length; i++) {
    const code = byText[i];
    const sameAsPrevious = i > 0 && dictionary[byText[i - 1]] === dictionary[code];
    rank[code] = sameAsPrevious ? rank[byText[i - 1]] : i;
  }
  return rank;
}

function compareText(a: string, b: string): number {
  if (a < b) return -1;
  return a > b ? 1 : 0;
}
