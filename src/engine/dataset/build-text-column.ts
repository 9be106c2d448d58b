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
 * Cells arrive a block at a time (TextColumnEncoder), so only the dictionary's strings outlive
 * their block; the first UNIQUE_SAMPLE_CELLS cells are kept until that check, and a column
 * encoded by partitions keeps all its cells (nearly all of them are in the dictionary anyway).
 * The hash (FNV-1a) reads every character: hashing only part of long strings would make columns
 * that differ in the unread part collide into a quadratic crawl.
 */
import { isBlank, isSpaceCode } from './null-tokens.ts';
import { columnCellsOf, forEachBlock, type ColumnCells } from './read-cells.ts';
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
/** Int32s per table slot: 1 + code, hash, and the packed text. */
const SLOT_WIDTH = 4;
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
 * A table entry holds a short text itself (up to PACKED_MAX code units below 256, with its
 * length), so a lookup that hits is verified without reading the dictionary's string, which is
 * a cache miss away (≈40% of the table's time for 100k customer ids). hashAndPack returns the
 * hash of `text` (as hashText) and leaves the packed form in PACKED, or NOT_PACKED in PACKED[1].
 */
const PACKED_MAX = 7;
const NOT_PACKED = -1;
const PACKED = new Int32Array(2);

function hashAndPack(text: string): number {
  const length = text.length;
  let hash = 0x811c9dc5 | 0;
  let low = 0;
  let high = length << 24;
  let packable = length <= PACKED_MAX;
  for (let k = 0; k < length; k++) {
    const c = text.charCodeAt(k);
    hash = Math.imul(hash ^ c, 0x01000193);
    if (c > 255) packable = false;
    else if (k < 4) low |= c << (8 * k);
    else if (k < PACKED_MAX) high |= c << (8 * (k - 4));
  }
  PACKED[0] = low;
  PACKED[1] = packable ? high : NOT_PACKED;
  return hash;
}

/**
 * Dictionary-encodes `cells` as written (surrounding whitespace kept: text is data, and only
 * typed parsing trims). Blank and missing cells are NULL (-1); null tokens such as `NA` stay text.
 */
export function buildTextColumn(cells: readonly (string | null)[] | ColumnCells, name: string): BuiltTextColumn {
  const source = columnCellsOf(cells);
  const encoder = new TextColumnEncoder(source.length);
  forEachBlock(source, 0, (block, start, count) => encoder.add(block, start, count));
  return encoder.finish(name);
}

const PHASE_MAP = 0;
const PHASE_TABLE = 1;
const PHASE_PARTITIONS = 2;

/**
 * The encoding of one column fed block by block in row order (see buildTextColumn), so only the
 * dictionary's strings outlive their block, except in a column of nearly all-distinct values,
 * whose cells are nearly all in the dictionary anyway and are kept to be encoded by partitions.
 */
export class TextColumnEncoder {
  private readonly codes: Int32Array;
  private dictionary: string[] = [];
  private phase = PHASE_MAP;
  private readonly codeOf = new Map<string, number>();
  // The open-addressing table: slot s is table[4s] = 1 + code (0 = empty), table[4s + 1] = the
  // hash and table[4s + 2 .. 4s + 3] the packed text (see hashAndPack), so a probe reads one
  // cache line and compares strings only when the hashes match and the text is not packed.
  private table = new Int32Array(0);
  private slots = 0;
  /** Where the table phase checks whether nearly every cell was new (never, when it starts later). */
  private checkAt = -1;
  /** The first UNIQUE_SAMPLE_CELLS cells, kept until the check (they are re-encoded by partitions). */
  private prefix: (string | null)[] | null;
  /** Every cell so far, and the hashes of the non-blank ones, once the column is to be encoded by partitions. */
  private all: (string | null)[] | null = null;
  private hashes: Int32Array | null = null;

  constructor(private readonly length: number) {
    this.codes = new Int32Array(length);
    this.prefix = length > UNIQUE_SAMPLE_CELLS ? new Array(UNIQUE_SAMPLE_CELLS) : null;
  }

  /** Encodes `block[0 .. count - 1]`, cells `start` .. `start + count - 1` (blocks come in order). */
  add(block: readonly (string | null)[], start: number, count: number): void {
    const prefix = this.prefix;
    if (prefix) for (let j = 0; j < count && start + j < UNIQUE_SAMPLE_CELLS; j++) prefix[start + j] = block[j];
    let j = 0;
    if (this.phase === PHASE_MAP) j = this.addWithMap(block, start, count);
    if (j < count && this.phase === PHASE_TABLE) j = this.addWithTable(block, start, j, count);
    if (j < count && this.phase === PHASE_PARTITIONS) {
      const all = this.all as (string | null)[];
      for (let k = j; k < count; k++) all[start + k] = block[k];
      // Hashed now, while the strings are fresh in the cache.
      hashCells(block, j, count, start, this.codes, this.hashes as Int32Array);
    }
    if (start + count > UNIQUE_SAMPLE_CELLS) this.prefix = null;
  }

  /** The encoded column, once every cell was added. */
  finish(name: string): BuiltTextColumn {
    const { codes } = this;
    if (this.phase === PHASE_PARTITIONS) this.dictionary = encodeByPartitions(this.all as (string | null)[], codes, this.hashes as Int32Array);
    this.all = null;
    this.hashes = null;
    this.prefix = null;
    let nullCount = 0;
    for (let i = 0; i < this.length; i++) if (codes[i] < 0) nullCount++;
    return { column: { name, type: 'text', codes, dictionary: this.dictionary }, nullCount };
  }

  /** Encodes cells with the Map until the dictionary reaches MAP_LIMIT; returns the first j not encoded. */
  private addWithMap(block: readonly (string | null)[], start: number, count: number): number {
    const { codeOf, codes, dictionary } = this;
    let j = 0;
    for (; j < count && dictionary.length < MAP_LIMIT; j++) {
      const text = block[j];
      if (isBlankCell(text)) {
        codes[start + j] = -1;
        continue;
      }
      let code = codeOf.get(text);
      if (code === undefined) {
        code = dictionary.length;
        dictionary.push(text);
        codeOf.set(text, code);
      }
      codes[start + j] = code;
    }
    if (j < count || dictionary.length >= MAP_LIMIT) this.startTable(start + j);
    return j;
  }

  /** Moves the dictionary into the table, from cell `next` on. */
  private startTable(next: number): void {
    this.phase = PHASE_TABLE;
    this.codeOf.clear();
    this.slots = INITIAL_SLOTS;
    this.table = new Int32Array(this.slots * SLOT_WIDTH);
    const { dictionary } = this;
    for (let code = 0; code < dictionary.length; code++) {
      const hash = hashAndPack(dictionary[code]);
      this.insert(code, hash, PACKED[0], PACKED[1]);
    }
    this.checkAt = next < UNIQUE_SAMPLE_CELLS ? UNIQUE_SAMPLE_CELLS : -1;
  }

  private insert(code: number, hash: number, low: number, high: number): void {
    const { table } = this;
    const mask = this.slots - 1;
    let slot = hash & mask;
    while (table[slot * SLOT_WIDTH] !== 0) slot = (slot + 1) & mask;
    const at = slot * SLOT_WIDTH;
    table[at] = code + 1;
    table[at + 1] = hash;
    table[at + 2] = low;
    table[at + 3] = high;
  }

  /**
   * Encodes block cells from `j` on with the growing table; returns the first j not encoded
   * (before `count` when, by UNIQUE_SAMPLE_CELLS, nearly every cell held a new value: then the
   * column is encoded by partitions).
   */
  private addWithTable(block: readonly (string | null)[], start: number, from: number, count: number): number {
    const { codes, dictionary } = this;
    let table = this.table;
    let mask = this.slots - 1;
    for (let j = from; j < count; j++) {
      const i = start + j;
      if (i === this.checkAt) {
        this.checkAt = -1;
        if (dictionary.length > UNIQUE_SHARE * i) {
          this.phase = PHASE_PARTITIONS;
          const all: (string | null)[] = new Array(this.length);
          const prefix = this.prefix as (string | null)[];
          for (let k = 0; k < i; k++) all[k] = prefix[k];
          this.all = all;
          this.prefix = null;
          this.hashes = new Int32Array(this.length);
          hashCells(all, 0, i, 0, codes, this.hashes);
          this.dictionary = [];
          this.table = new Int32Array(0);
          return j;
        }
      }
      const text = block[j];
      if (isBlankCell(text)) {
        codes[i] = -1;
        continue;
      }
      const hash = hashAndPack(text);
      const low = PACKED[0];
      const high = PACKED[1];
      let slot = hash & mask;
      let code: number;
      for (;;) {
        const at = slot * SLOT_WIDTH;
        const stored = table[at];
        if (stored === 0) {
          code = dictionary.length;
          dictionary.push(text);
          table[at] = code + 1;
          table[at + 1] = hash;
          table[at + 2] = low;
          table[at + 3] = high;
          if (dictionary.length * 2 > this.slots) {
            // Keep the load at most 1/2; growing 4× at a time keeps the rehashing cheap.
            const old = table;
            this.slots *= 4;
            mask = this.slots - 1;
            table = this.table = new Int32Array(this.slots * SLOT_WIDTH);
            for (let s = 0; s < old.length; s += SLOT_WIDTH) if (old[s] !== 0) this.insert(old[s] - 1, old[s + 1], old[s + 2], old[s + 3]);
          }
          break;
        }
        code = stored - 1;
        // Texts packed alike are equal; a packed text never equals one too long to pack.
        if (table[at + 1] === hash && (high === NOT_PACKED ? dictionary[code] === text : table[at + 3] === high && table[at + 2] === low)) break;
        slot = (slot + 1) & mask;
      }
      codes[i] = code;
    }
    return count;
  }
}

/** Marks cells `start + from` .. `start + to - 1` (in `block[from .. to - 1]`) blank (-1) or not (0) in `codes`, and hashes the others. */
function hashCells(block: readonly (string | null)[], from: number, to: number, start: number, codes: Int32Array, hashes: Int32Array): void {
  for (let j = from; j < to; j++) {
    const text = block[j];
    if (isBlankCell(text)) {
      codes[start + j] = -1;
      continue;
    }
    codes[start + j] = 0;
    hashes[start + j] = hashText(text);
  }
}

/**
 * Encodes all cells of a column of nearly all-distinct values; returns the dictionary. Every
 * cell was hashed as it was read (see hashCells), the cells are grouped by the top bits of their hash,
 * and each group is deduplicated with a small table that stays in cache, finding each cell's
 * first occurrence. A last pass in row order numbers the first occurrences.
 */
function encodeByPartitions(cells: readonly (string | null)[], codes: Int32Array, hashes: Int32Array): string[] {
  const n = cells.length;
  const partitions = 1 << PARTITION_BITS;
  const shift = 32 - PARTITION_BITS;
  const bounds = new Int32Array(partitions + 1);
  for (let i = 0; i < n; i++) if (codes[i] === 0) bounds[(hashes[i] >>> shift) + 1]++;
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
