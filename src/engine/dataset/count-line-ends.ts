const LF = 10;
const CR = 13;

/**
 * Returns how many line ends lie in `text[from, to)`: `\r\n`, `\n` and a lone `\r` count one each,
 * so CRLF, LF and old Mac (CR-only) files number their lines alike. A `\r` at `to - 1` followed by
 * `\n` at `to` is not counted (the pair ends at the `\n`).
 */
export function countLineEnds(text: string, from: number, to: number): number {
  let count = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === LF || (c === CR && text.charCodeAt(i + 1) !== LF)) count++;
  }
  return count;
}
