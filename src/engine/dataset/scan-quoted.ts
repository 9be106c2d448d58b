/**
 * The path for delimited text with quote characters, when every quoted field is well formed
 * (RFC 4180): a field starting with `"` runs to the next `"` not followed by another `"` (`""`
 * is an escaped quote), may hold delimiters and line ends, and its closing quote is followed by
 * the delimiter, a line end or the end of the text. A quote anywhere else in a field is text, as
 * PapaParse reads it. Layout as in scanQuoteFree (delimited): field starts in a flat Int32Array,
 * cells sliced only when read; a field whose first character is `"` is a quoted one (an
 * unquoted field cannot start with a quote), unquoted and unescaped when read.
 *
 * Returns null when the text has a quoted field that is not well formed — never closed, or
 * closed by a quote followed by something else (a stray quote, or spaces PapaParse would skip):
 * the caller then hands the whole text to parseWithPapa, whose errors and warnings are the
 * ones reported. So for text this scanner accepts, the rows are the ones PapaParse reads.
 */
import { detectNewline } from './parse-with-papa.ts';
import { countBlank, estimateSize, grow, isBlank, RowIndex } from './scan-buffers.ts';
import type { ScannedRows } from './scanned-rows.ts';

const LF = 10;
const CR = 13;
const QUOTE = 34;

/** Scans `text` from offset `start` (on physical line `firstLine`) with a one-character `separator`; null if a quoted field is malformed. */
export function scanQuoted(text: string, start: number, firstLine: number, separator: string): ScannedRows | null {
  const n = text.length;
  const sepCode = separator.charCodeAt(0);
  const estimate = estimateSize(text, start, sepCode);
  let bounds = new Int32Array(estimate.fields + estimate.rows + 64);
  const rows = new RowIndex(estimate.rows + 16);
  let boundCount = 0;
  const blank = { count: 0, lines: [] as number[] };
  // Whether a quoted field holds a CR: PapaParse turns its line ends into LF when the text mixes them.
  let quotedCr = false;

  // As in scanQuoteFree, native indexOf results are kept until passed.
  let nextSeparator = text.indexOf(separator, start);
  let nextLf = text.indexOf('\n', start);
  let nextCr = text.indexOf('\r', start);
  let nextQuote = text.indexOf('"', start);
  let pos = start;
  let line = firstLine;
  while (pos < n) {
    if (nextLf !== -1 && nextLf < pos) nextLf = text.indexOf('\n', pos);
    if (nextCr !== -1 && nextCr < pos) nextCr = text.indexOf('\r', pos);
    if (nextQuote !== -1 && nextQuote < pos) nextQuote = text.indexOf('"', pos);
    let contentEnd = nextLf === -1 ? n : nextLf;
    if (nextCr !== -1 && nextCr < contentEnd) contentEnd = nextCr;
    const rowStart = boundCount;
    const rowLine = line;
    if (boundCount === bounds.length) bounds = grow(bounds);
    bounds[boundCount++] = pos;

    if (nextQuote === -1 || nextQuote >= contentEnd) {
      // No quote on this line: as in scanQuoteFree.
      while (nextSeparator !== -1 && nextSeparator < contentEnd) {
        if (boundCount === bounds.length) bounds = grow(bounds);
        bounds[boundCount++] = nextSeparator + 1;
        nextSeparator = text.indexOf(separator, nextSeparator + 1);
      }
    } else {
      // Field by field; pos is the start of the current field, already recorded.
      for (;;) {
        if (nextQuote !== -1 && nextQuote < pos) nextQuote = text.indexOf('"', pos);
        if (nextQuote === pos) {
          let close = text.indexOf('"', pos + 1);
          while (close !== -1 && text.charCodeAt(close + 1) === QUOTE) close = text.indexOf('"', close + 2);
          if (close === -1) return null;
          const after = close + 1;
          if (after < n) {
            const c = text.charCodeAt(after);
            if (c !== sepCode && c !== LF && c !== CR) return null;
          }
          if (contentEnd < close) {
            // Line ends inside the quotes: count them (CRLF as one) and find the row's end anew.
            if (nextCr !== -1 && nextCr < close) quotedCr = true;
            line += countBreaks(text, contentEnd, close);
            if (nextLf !== -1 && nextLf < after) nextLf = text.indexOf('\n', after);
            if (nextCr !== -1 && nextCr < after) nextCr = text.indexOf('\r', after);
            contentEnd = nextLf === -1 ? n : nextLf;
            if (nextCr !== -1 && nextCr < contentEnd) contentEnd = nextCr;
          }
          nextQuote = text.indexOf('"', after);
          if (after < n && text.charCodeAt(after) === sepCode) {
            pos = after + 1;
            if (boundCount === bounds.length) bounds = grow(bounds);
            bounds[boundCount++] = pos;
            continue;
          }
          // after === contentEnd (a line end) or n.
          break;
        }
        if (nextSeparator !== -1 && nextSeparator < pos) nextSeparator = text.indexOf(separator, pos);
        if (nextSeparator !== -1 && nextSeparator < contentEnd) {
          pos = nextSeparator + 1;
          nextSeparator = text.indexOf(separator, pos);
          if (boundCount === bounds.length) bounds = grow(bounds);
          bounds[boundCount++] = pos;
          continue;
        }
        break;
      }
      if (nextSeparator !== -1 && nextSeparator < contentEnd) nextSeparator = text.indexOf(separator, contentEnd);
    }

    if (boundCount === bounds.length) bounds = grow(bounds);
    bounds[boundCount++] = contentEnd + 1;
    const fields = boundCount - rowStart - 1;
    if (fields === 1 && text.charCodeAt(bounds[rowStart]) !== QUOTE && isBlank(text, bounds[rowStart], contentEnd)) {
      boundCount = rowStart;
      countBlank(blank, rowLine);
    } else {
      rows.add(rowStart, rowLine, fields);
    }
    pos = contentEnd < n && text.charCodeAt(contentEnd) === CR && text.charCodeAt(contentEnd + 1) === LF ? contentEnd + 2 : contentEnd + 1;
    line++;
  }

  const mixedLineEnds = quotedCr && detectNewline(text.slice(start)) === null;
  // The index no longer grows: read its final buffer directly in the per-cell accessor.
  const rowBase = rows.base;
  const field = (row: number, index: number): string => {
    const k = rowBase[row] + index;
    const from = bounds[k];
    const to = bounds[k + 1] - 1;
    if (text.charCodeAt(from) !== QUOTE) return text.slice(from, to);
    let value = text.slice(from + 1, to - 1);
    if (value.includes('"')) value = value.replaceAll('""', '"');
    if (mixedLineEnds && value.includes('\r')) value = value.replace(/\r\n?/g, '\n');
    return value;
  };
  return { rowCount: rows.count, lineNumbers: rows.lines, fieldCounts: rows.fields, field, blankLines: blank, issues: [] };
}

/** Line ends (CRLF as one) in text[from, to). */
function countBreaks(text: string, from: number, to: number): number {
  let breaks = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === LF) breaks++;
    else if (c === CR) {
      breaks++;
      if (text.charCodeAt(i + 1) === LF) i++;
    }
  }
  return breaks;
}

