import { countLineEnds } from './count-line-ends.ts';
import type { Delimiter } from './types.ts';

const LF = 10;
const CR = 13;
const QUOTE = 34;
const SPACE = 32;
const TAB = 9;

/** One row of a sample: its fields (quotes removed) and the 1-based physical line it starts on. */
export interface SampleRow {
  fields: string[];
  line: number;
}

/**
 * Splits the start of a text into at most `maxRows` non-blank rows for `delimiter`, for sniffing.
 * Quotes are honoured as in RFC 4180 (a quote opens a field only at its start; `""` inside is a
 * quote; newlines inside quotes belong to the field); an unclosed quote ends at the end of the
 * text instead of throwing, because sniffing must not fail where parsing will report it.
 * `whitespace` splits on runs of spaces and tabs, ignoring quotes. Lines holding only spaces are
 * blank and skipped.
 */
export function splitSampleRows(text: string, delimiter: Delimiter, maxRows: number): SampleRow[] {
  const rows: SampleRow[] = [];
  const n = text.length;
  const separator = delimiter === 'whitespace' ? -1 : delimiter.charCodeAt(0);
  let pos = 0;
  let line = 1;
  while (pos < n && rows.length < maxRows) {
    const rowLine = line;
    const fields: string[] = [];
    let quoted = false;
    for (;;) {
      if (separator === -1) {
        while (pos < n && (text.charCodeAt(pos) === SPACE || text.charCodeAt(pos) === TAB)) pos++;
        const start = pos;
        while (pos < n && !isWhitespaceSeparatorOrEnd(text.charCodeAt(pos))) pos++;
        if (pos > start) fields.push(text.slice(start, pos));
        if (pos >= n || isLineEnd(text.charCodeAt(pos))) break;
        continue;
      }
      let value = '';
      if (text.charCodeAt(pos) === QUOTE) {
        quoted = true;
        pos++;
        for (;;) {
          const close = text.indexOf('"', pos);
          const end = close === -1 ? n : close;
          line += countLineEnds(text, pos, end);
          value += text.slice(pos, end);
          if (close === -1 || text.charCodeAt(close + 1) !== QUOTE) {
            pos = close === -1 ? n : close + 1;
            break;
          }
          value += '"';
          pos = close + 2;
        }
      }
      // Unquoted text, or stray text after a closing quote (kept, as lenient parsers do).
      const start = pos;
      while (pos < n) {
        const c = text.charCodeAt(pos);
        if (c === separator || c === LF || c === CR) break;
        pos++;
      }
      fields.push(value + text.slice(start, pos));
      if (pos < n && text.charCodeAt(pos) === separator) {
        pos++;
        continue;
      }
      break;
    }
    if (pos < n) {
      pos += text.charCodeAt(pos) === CR && text.charCodeAt(pos + 1) === LF ? 2 : 1;
      line++;
    }
    const blank = separator === -1 ? fields.length === 0 : fields.length === 1 && !quoted && /^ *$/.test(fields[0]);
    if (!blank) rows.push({ fields, line: rowLine });
  }
  return rows;
}

function isLineEnd(c: number): boolean {
  return c === LF || c === CR;
}

function isWhitespaceSeparatorOrEnd(c: number): boolean {
  return c === SPACE || c === TAB || c === LF || c === CR;
}
