/**
 * Boolean cells: true/false, yes/no, y/n, t/f (any case) and 是/否. `1` and `0` are not
 * booleans for inference (a column of 1/0 stays integer); a column the user declared boolean
 * also accepts them, see `acceptDigits`.
 */

const TRUE_WORDS: ReadonlySet<string> = new Set(['true', 'yes', 'y', 't', '是']);
const FALSE_WORDS: ReadonlySet<string> = new Set(['false', 'no', 'n', 'f', '否']);
const MAX_WORD_LENGTH = 5;

/** Returns 1 for a true word, 0 for a false word (and for `1`/`0` when `acceptDigits`), NaN otherwise. */
export function parseBoolean(text: string, acceptDigits = false): number {
  // Most cells that reach here are long text: reject them before allocating a trimmed copy.
  if (text.length > MAX_WORD_LENGTH) {
    text = text.trim();
    if (text.length > MAX_WORD_LENGTH) return NaN;
  }
  const word = text.trim().toLowerCase();
  if (TRUE_WORDS.has(word)) return 1;
  if (FALSE_WORDS.has(word)) return 0;
  if (acceptDigits) {
    if (word === '1') return 1;
    if (word === '0') return 0;
  }
  return NaN;
}
