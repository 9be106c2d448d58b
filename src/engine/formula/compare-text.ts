/**
 * Compares strings by Unicode code point, which is SQLite's BINARY order on UTF-8 bytes.
 * JavaScript's `<` compares UTF-16 code units and puts U+E000–U+FFFF after astral characters.
 */
export function compareText(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    let ca = a.charCodeAt(i);
    let cb = b.charCodeAt(i);
    if (ca !== cb) {
      if (ca >= 0xd800 && cb >= 0xd800) {
        ca = ca >= 0xe000 ? ca - 0x800 : ca + 0x2000;
        cb = cb >= 0xe000 ? cb - 0x800 : cb + 0x2000;
      }
      return ca - cb;
    }
  }
  return a.length - b.length;
}

/** Returns each dictionary entry's rank in code-point order (equal strings share a rank). */
export function rankDictionary(dictionary: readonly string[]): Float64Array {
  const order = Array.from(dictionary.keys()).sort((i, j) => compareText(dictionary[i], dictionary[j]));
  const ranks = new Float64Array(dictionary.length);
  let rank = 0;
  for (let k = 0; k < order.length; k++) {
    if (k > 0 && dictionary[order[k]] !== dictionary[order[k - 1]]) rank++;
    ranks[order[k]] = rank;
  }
  return ranks;
}

/** Returns the number of code points in s (SQLite's length() of text). */
export function codePointLength(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xd800 || c > 0xdbff || i + 1 >= s.length) n++;
    else {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
      n++;
    }
  }
  return n;
}

/** Returns code points [from, from + count) of s (0-based, clamped), like SQLite's substr(). */
export function sliceCodePoints(s: string, from: number, count: number): string {
  if (count <= 0) return '';
  let start = 0;
  let i = 0;
  while (i < from && start < s.length) {
    start += isPairAt(s, start) ? 2 : 1;
    i++;
  }
  let end = start;
  let taken = 0;
  while (taken < count && end < s.length) {
    end += isPairAt(s, end) ? 2 : 1;
    taken++;
  }
  return s.slice(start, end);
}

function isPairAt(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  if (c < 0xd800 || c > 0xdbff || i + 1 >= s.length) return false;
  const d = s.charCodeAt(i + 1);
  return d >= 0xdc00 && d <= 0xdfff;
}
