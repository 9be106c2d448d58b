/**
 * What counts as a missing value in a cell.
 *
 * Blank cells (empty or whitespace only) are NULL in every column. The tokens below are what
 * spreadsheets, R, pandas and databases write for "no value"; they are NULL in typed columns
 * and never count against a type, but a text column keeps them as written (`NA` may be a real
 * value there, e.g. a region code).
 */

/** The tokens read as NULL in typed columns, matched exactly after trimming. */
export const NULL_TOKENS: readonly string[] = ['NA', 'N/A', 'n/a', 'NULL', 'null', 'None', '-', '.', 'NaN', '#N/A'];

const NULL_TOKEN_SET: ReadonlySet<string> = new Set(NULL_TOKENS);
const MAX_TOKEN_LENGTH = 4;

/** True for the code units String.prototype.trim removes (ASCII and Unicode spaces, line ends, BOM). */
export function isSpaceCode(c: number): boolean {
  // Most characters are printable ASCII or CJK: two comparisons settle them.
  if (c > 32 && c < 0xa0) return false;
  return (
    c === 32 ||
    (c >= 9 && c <= 13) ||
    c === 0xa0 ||
    c === 0x3000 ||
    c === 0xfeff ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f
  );
}

/** True when `text` is empty or holds only whitespace. */
export function isBlank(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    if (!isSpaceCode(text.charCodeAt(i))) return false;
  }
  return true;
}

/** True when `text`, trimmed, is one of NULL_TOKENS (case-sensitive: `none` is a word, `None` is Python's null). */
export function isNullToken(text: string): boolean {
  // Checked on every cell that fails its column's parser: reject long cells before trimming.
  if (text.length > MAX_TOKEN_LENGTH && !isSpaceCode(text.charCodeAt(0)) && !isSpaceCode(text.charCodeAt(text.length - 1))) {
    return false;
  }
  return NULL_TOKEN_SET.has(text.trim());
}
