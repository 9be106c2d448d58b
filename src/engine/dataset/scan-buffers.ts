/**
 * Helpers shared by the row scanners (quote-free and quoted): growing offset buffers, sizing
 * them from a probe of the text, recognising blank lines, and the per-row index they fill.
 */

const LF = 10;
const SPACE = 32;

/** Rows and fields expected, from the density of line ends and `separatorCode` in the first 64 KB (+5 %). */
export function estimateSize(text: string, start: number, separatorCode: number): { rows: number; fields: number } {
  const probe = Math.min(text.length - start, 65536);
  let breaks = 1;
  let separators = 0;
  for (let i = start; i < start + probe; i++) {
    const c = text.charCodeAt(i);
    if (c === LF) breaks++;
    else if (c === separatorCode) separators++;
  }
  const scale = (1.05 * (text.length - start)) / Math.max(probe, 1);
  return { rows: Math.ceil(breaks * scale), fields: Math.ceil((breaks + separators) * scale) };
}

/** True when `text[from, to)` holds only spaces. */
export function isBlank(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (text.charCodeAt(i) !== SPACE) return false;
  return true;
}

/** Counts a blank line, keeping the first ten line numbers. */
export function countBlank(blank: { count: number; lines: number[] }, line: number): void {
  blank.count++;
  if (blank.lines.length < 10) blank.lines.push(line);
}

/** Returns a copy of `array` with twice the length (offset buffers grow by doubling). */
export function grow(array: Int32Array): Int32Array<ArrayBuffer> {
  const larger = new Int32Array(array.length * 2);
  larger.set(array);
  return larger;
}

/** Where each scanned row starts in the field-offset buffer, its line and its field count. */
export class RowIndex {
  count = 0;
  /** Index into the scanner's offset buffer of each row's first field. */
  base: Int32Array;
  /** 1-based physical line where each row starts. */
  lines: Int32Array;
  /** Fields each row had. */
  fields: Int32Array;

  constructor(capacity: number) {
    this.base = new Int32Array(capacity);
    this.lines = new Int32Array(capacity);
    this.fields = new Int32Array(capacity);
  }

  /** Appends a row, growing the arrays by doubling. */
  add(base: number, line: number, fields: number): void {
    if (this.count === this.base.length) {
      this.base = grow(this.base);
      this.lines = grow(this.lines);
      this.fields = grow(this.fields);
    }
    this.base[this.count] = base;
    this.lines[this.count] = line;
    this.fields[this.count] = fields;
    this.count++;
  }
}
