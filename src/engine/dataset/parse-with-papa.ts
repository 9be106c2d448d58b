/**
 * The fallback for text with quote characters that scanQuoted refuses (a quoted field never
 * closed, or closed by a quote followed by something other than a delimiter or a line end):
 * PapaParse's recovery and errors are the ones reported. PapaParse on the decoded string (never its
 * file reader, which splits multi-byte characters between chunks, SPEC §6a), one row per step
 * callback so each row's start offset, and hence its physical line, is known.
 */
import Papa from 'papaparse';
import { countLineEnds } from './count-line-ends.ts';
import { ImportError } from './import-error.ts';
import type { ScannedRows } from './scanned-rows.ts';
import type { ImportIssue } from './types.ts';

/**
 * Parses `text` from offset `start` (on physical line `firstLine`) with `delimiter` and `"` quotes.
 * Throws ImportError('unclosed-quote') with the line of the opening quote.
 */
export function parseWithPapa(text: string, start: number, firstLine: number, delimiter: string): ScannedRows {
  let body = text.slice(start);
  let newline = detectNewline(body);
  if (newline === null) {
    // PapaParse splits rows on one newline sequence only. With mixed line ends (Excel writes
    // CRLF rows and LF inside cells) all become LF, inside quoted cells too; each still counts
    // as one line, so line numbers are unchanged.
    body = body.replace(/\r\n?/g, '\n');
    newline = '\n';
  }
  const breakChar = newline === '\r' ? '\r' : '\n';

  const rows: string[][] = [];
  let lineNumbers = new Int32Array(1024);
  const blankLines: number[] = [];
  let blankCount = 0;
  const strayQuoteLines: number[] = [];
  let strayQuoteRows = 0;
  let rowStart = 0;
  let line = firstLine;
  let nextBreak = body.indexOf(breakChar);
  let unclosed = null as { at: number; broken: boolean } | null;

  Papa.parse<string[]>(body, {
    delimiter,
    newline,
    quoteChar: '"',
    escapeChar: '"',
    header: false,
    dynamicTyping: false,
    skipEmptyLines: false,
    fastMode: false,
    step(results) {
      const rowEnd = results.meta.cursor;
      const rowLine = line;
      // Count the line ends this row spans, quoted newlines included; each is found once.
      while (nextBreak !== -1 && nextBreak < rowEnd) {
        line++;
        nextBreak = body.indexOf(breakChar, nextBreak + 1);
      }
      let stray = -1;
      for (const error of results.errors) {
        // PapaParse reports the offset just after the opening quote.
        const quoteAt = (error.index ?? rowStart + 1) - 1;
        if (error.code === 'MissingQuotes') unclosed ??= { at: quoteAt, broken: false };
        if (error.code === 'InvalidQuotes' && stray === -1) stray = quoteAt;
      }
      if (stray !== -1) {
        // A quote inside a quoted field that is not followed by a delimiter or a line end. Within
        // one line PapaParse's reading (up to the next quote that does end a field) is kept and
        // reported; across lines it would swallow rows, so the file is refused.
        const last = body.charCodeAt(rowEnd - 1);
        const innerBreaks = line - rowLine - (last === 10 || last === 13 ? 1 : 0);
        if (innerBreaks > 0) unclosed ??= { at: stray, broken: true };
        strayQuoteRows++;
        if (strayQuoteLines.length < 10) strayQuoteLines.push(rowLine);
      }
      const fields = results.data;
      // PapaParse reports an empty last row when the text ends with a newline.
      if (rowStart >= body.length) return;
      if (fields.length === 1 && body.charCodeAt(rowStart) !== 34 && /^ *$/.test(fields[0])) {
        blankCount++;
        if (blankLines.length < 10) blankLines.push(rowLine);
      } else {
        if (rows.length === lineNumbers.length) {
          const larger = new Int32Array(lineNumbers.length * 2);
          larger.set(lineNumbers);
          lineNumbers = larger;
        }
        lineNumbers[rows.length] = rowLine;
        rows.push(fields);
      }
      rowStart = rowEnd;
    },
  });

  if (unclosed !== null) {
    const quoteLine = firstLine + countLineEnds(body, 0, unclosed.at);
    const message = unclosed.broken
      ? `line ${quoteLine}: a quoted field starts here and does not end properly (a quote inside it is followed by neither a delimiter nor a line end), so it runs over several lines`
      : `line ${quoteLine}: a quoted field starts here and never ends`;
    throw new ImportError('unclosed-quote', message, quoteLine, { line: quoteLine, variant: unclosed.broken ? 'runs-on' : 'never-ends' });
  }
  const issues: ImportIssue[] = [];
  if (strayQuoteRows > 0) {
    issues.push({
      code: 'unclosed-quote',
      severity: 'warning',
      message: `${strayQuoteRows === 1 ? '1 row has a quoted field' : `${strayQuoteRows} rows have quoted fields`} with a stray quote inside; the field was read up to the next quote followed by a delimiter or a line end.`,
      count: strayQuoteRows,
      lines: strayQuoteLines,
      params: { count: strayQuoteRows },
    });
  }
  const fieldCounts = new Int32Array(rows.length);
  for (let r = 0; r < rows.length; r++) fieldCounts[r] = rows[r].length;
  return {
    rowCount: rows.length,
    lineNumbers,
    fieldCounts,
    field: (row, index) => rows[row][index],
    blankLines: { count: blankCount, lines: blankLines },
    issues,
  };
}

/** The one newline sequence the text uses (LF when it has none), or null when it mixes them. */
export function detectNewline(text: string): '\n' | '\r\n' | '\r' | null {
  const firstCr = text.indexOf('\r');
  if (firstCr === -1) return '\n';
  if (text.indexOf('\n') === -1) return '\r';
  // Both occur: CRLF only if every CR is followed by LF and every LF preceded by CR.
  let crCount = 0;
  for (let at = firstCr; at !== -1; at = text.indexOf('\r', at + 1)) {
    if (text.charCodeAt(at + 1) !== 10) return null;
    crCount++;
  }
  let lfCount = 0;
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) lfCount++;
  return lfCount === crCount ? '\r\n' : null;
}
