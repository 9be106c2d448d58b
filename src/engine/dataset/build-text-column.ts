/**
 * Dictionary-encoding of text columns. The dictionary is in first-seen order, so the encoding
 * is deterministic, and `codes[row]` is -1 for NULL.
 *
 * Columns range from 4 statuses to 1M distinct order ids, and no single lookup is fast across
 * that range (measured on 1M cells in Node 20):
 * - a Map<string, number> is fastest for few values (≈10 ms for 20 categories: V8 hashes
 *   strings natively) but slow for many (≈500 ms for 1M order ids: it rehashes and allocates);
 * - an open-addressing table over an Int32Array that grows with the dictionary takes ≈35 ms for
 *   100k customer ids among 1M cells (sized for the worst case instead, its probes would miss
 *   the cache) but ≈220 ms for 1M distinct ids, nearly all of it cache misses;
 * - for columns of nearly all-distinct values, hashing every cell first and deduplicating one
 *   hash partition at a time keeps each partition's table in cache: ≈100 ms for 1M ids.
 * So codes come from a Map up to MAP_LIMIT distinct values, then from the growing table; if
 * by UNIQUE_SAMPLE_CELLS nearly every cell was new, the column is re-encoded by partitions.
 * The hash (FNV-1a) reads every character: hashing only part of long strings would make columns
 * that differ in the unread part collide into a quadratic crawl.
 */
import { isBlank, isSpaceCode } from './null-tokens.ts';
import type { TextColumn } from './types.ts';

/** A built text column and how many of its cells are NULL. */
export interface BuiltTextColumn {
  column: TextColumn;
  nullCount: number;
}

/** Distinct values looked up in a Map before switching to the table. */
const MAP_LIMIT = 4096;
/** Initial table slots: room for MAP_LIMIT values at a load of 1/4. */
const INITIAL_SLOTS = MAP_LIMIT * 4;
/** After this many cells, a column whose cells were nearly all new is encoded by partitions. */
const UNIQUE_SAMPLE_CELLS = 65_536;
const UNIQUE_SHARE = 0.9;
/** 2^8 partitions: 1M distinct values make tables of ≈4k entries (64 KB), which stay in cache. */
const PARTITION_BITS = 8;

function isBlankCell(text: string | null): text is null {
  return text === null || text.length === 0 || (isSpaceCode(text.charCodeAt(0)) && isBlank(text));
}

function hashText(text: string): number {
  let hash = 0x811c9dc5 | 0;
  for (let k = 0; k < text.length; k++) hash = Math.imul(hash ^ text.charCodeAt(k), 0x01000193);
  return hash;
}

/**
 * Dictionary-encodes `cells` as written (surrounding whitespace kept: text is data, and only
 * typed parsing trims). Blank and missing cells are NULL (-1); null tokens such as `NA` stay text.
 */
export function buildTextColumn(cells: readonly (string | null)[], name: string): BuiltTextColumn {
  const n = cells.length;
  const codes = new Int32Array(n);
  let dictionary: string[] = [];
  const stop = encodeWithMap(cells, codes, dictionary);
  if (stop < n && !encodeWithTable(cells, stop, codes, dictionary)) dictionary = encodeByPartitions(cells, codes);
  let nullCount = 0;
  for (let i = 0; i < n; i++) if (codes[i] < 0) nullCount++;
  return { column: { name, type: 'text', codes, dictionary }, nullCount };
}

/** Encodes cells with a Map until the dictionary reaches MAP_LIMIT; returns the first cell not encoded. */
function encodeWithMap(cells: readonly (string | null)[], codes: Int32Array, dictionary: string[]): number {
  const codeOf = new Map<string, number>();
  const n = cells.length;
  let i = 0;
  for (; i < n && dictionary.length < MAP_LIMIT; i++) {
    const text = cells[i];
    if (isBlankCell(text)) {
      codes[i] = -1;
      continue;
    }
    let code = codeOf.get(text);
    if (code === undefined) {
      code = dictionary.length;
      dictionary.push(text);
      codeOf.set(text, code);
    }
    codes[i] = code;
  }
  return i;
}

/**
 * Encodes cells from `start` on with a growing open-addressing table. Returns false, leaving
 * the work unfinished, when by UNIQUE_SAMPLE_CELLS nearly every cell held a new value.
 */
function encodeWithTable(cells: readonly (string | null)[], start: number, codes: Int32Array, dictionary: string[]): boolean {
  // Slot s is table[2s] = 1 + code (0 = empty) and table[2s + 1] = the hash: a probe reads one
  // cache line and compares strings only when the hashes match.
  let slots = INITIAL_SLOTS;
  let mask = slots - 1;
  let table = new Int32Array(slots * 2);
  const insert = (code: number, hash: number): void => {
    let slot = hash & mask;
    while (table[slot * 2] !== 0) slot = (slot + 1) & mask;
    table[slot * 2] = code + 1;
    table[slot * 2 + 1] = hash;
  };
  for (let code = 0; code < dictionary.length; code++) insert(code, hashText(dictionary[code]));

  const n = cells.length;
  let checkAt = start < UNIQUE_SAMPLE_CELLS ? UNIQUE_SAMPLE_CELLS : n;
  for (let i = start; i < n; i++) {
    if (i === checkAt) {
      if (dictionary.length > UNIQUE_SHARE * i) return false;
      checkAt = n;
    }
    const text = cells[i];
    if (isBlankCell(text)) {
      codes[i] = -1;
      continue;
    }
    const hash = hashText(text);
    let slot = hash & mask;
    let code: number;
    for (;;) {
      const stored = table[slot * 2];
      if (stored === 0) {
        code = dictionary.length;
        dictionary.push(text);
        table[slot * 2] = code + 1;
        table[slot * 2 + 1] = hash;
        if (dictionary.length * 2 > slots) {
          // Keep the load at most 1/2; growing 4× at a time keeps the rehashing cheap.
          const old = table;
          slots *= 4;
          mask = slots - 1;
          table = new Int32Array(slots * 2);
          for (let s = 0; s < old.length; s += 2) if (old[s] !== 0) insert(old[s] - 1, old[s + 1]);
        }
        break;
      }
      code = stored - 1;
      if (table[slot * 2 + 1] === hash && dictionary[code] === text) break;
      slot = (slot + 1) & mask;
    }
    codes[i] = code;
  }
  return true;
}

/**
 * Encodes all cells of a column of nearly all-distinct values; returns the dictionary. Every
 * cell is hashed in one sequential pass, the cells are grouped by the top bits of their hash,
 * and each group is deduplicated with a small table that stays in cache, finding each cell's
 * first occurrence. A last pass in row order numbers the first occurrences.
 */
function encodeByPartitions(cells: readonly (string | null)[], codes: Int32Array): string[] {
  const n = cells.length;
  const partitions = 1 << PARTITION_BITS;
  const shift = 32 - PARTITION_BITS;
  const hashes = new Int32Array(n);
  const bounds = new Int32Array(partitions + 1);
  for (let i = 0; i < n; i++) {
    const text = cells[i];
    if (isBlankCell(text)) {
      codes[i] = -1;
      continue;
    }
    codes[i] = 0;
    const hash = hashText(text);
    hashes[i] = hash;
    bounds[(hash >>> shift) + 1]++;
  }
  let largest = 0;
  for (let p = 0; p < partitions; p++) {
    largest = Math.max(largest, bounds[p + 1]);
    bounds[p + 1] += bounds[p];
  }
  // Row indexes grouped by partition, ascending within each (so the first seen comes first).
  const next = bounds.slice(0, partitions);
  const grouped = new Int32Array(bounds[partitions]);
  for (let i = 0; i < n; i++) if (codes[i] === 0) grouped[next[hashes[i] >>> shift]++] = i;

  // first[i]: the row where the value of row i first occurs.
  const first = new Int32Array(n);
  let size = 16;
  while (size < largest * 2) size *= 2;
  const table = new Int32Array(size * 2);
  for (let p = 0; p < partitions; p++) {
    const from = bounds[p];
    const to = bounds[p + 1];
    let slots = 16;
    while (slots < (to - from) * 2) slots *= 2;
    const mask = slots - 1;
    table.fill(0, 0, slots * 2);
    for (let k = from; k < to; k++) {
      const i = grouped[k];
      const hash = hashes[i];
      let slot = hash & mask;
      for (;;) {
        const stored = table[slot * 2];
        if (stored === 0) {
          table[slot * 2] = i + 1;
          table[slot * 2 + 1] = hash;
          first[i] = i;
          break;
        }
        if (table[slot * 2 + 1] === hash && cells[stored - 1] === cells[i]) {
          first[i] = stored - 1;
          break;
        }
        slot = (slot + 1) & mask;
      }
    }
  }

  const dictionary: string[] = [];
  for (let i = 0; i < n; i++) {
    if (codes[i] < 0) continue;
    const origin = first[i];
    if (origin === i) {
      codes[i] = dictionary.length;
      dictionary.push(cells[i] as string);
    } else {
      codes[i] = codes[origin];
    }
  }
  return dictionary;
}
