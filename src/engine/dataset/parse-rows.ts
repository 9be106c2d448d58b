/**
 * Decoded text to raw rows. NUL characters are removed here, not in decodeBytes, because the
 * report needs an issue list and decodeBytes returns none (DecodedText has no place for it).
 * Blank lines are skipped wherever they are and reported.
 */
import { findCharacterLines } from './find-character-lines.ts';
import { ImportError } from './import-error.ts';
import { makeRawTable } from './make-raw-table.ts';
import { parseWithPapa } from './parse-with-papa.ts';
import { scanQuoteFree } from './scan-quote-free.ts';
import { scanQuoted } from './scan-quoted.ts';
import { DELIMITERS, type Dialect, type ImportIssue, type RawTable } from './types.ts';

/** Parses rows with the dialect; header names as written (column_1..n when hasHeader is false). Throws ImportError('unclosed-quote', msg, line). */
export function parseRows(text: string, dialect: Dialect): { raw: RawTable; issues: ImportIssue[] } {
  const { delimiter, skipLines, hasHeader } = dialect;
  if (!DELIMITERS.includes(delimiter)) {
    const shown = String(JSON.stringify(delimiter));
    throw new ImportError('bad-option', `Unknown delimiter ${shown}.`, undefined, { delimiter: shown, variant: 'delimiter' });
  }
  if (!Number.isInteger(skipLines) || skipLines < 0) {
    throw new ImportError('bad-option', `Lines to skip must be a whole number of at least 0, not ${skipLines}.`, undefined, {
      skipLines: String(skipLines),
      variant: 'skip-lines',
    });
  }

  const issues: ImportIssue[] = [];
  if (text.includes('\0')) {
    const nul = findCharacterLines(text, '\0');
    text = text.replaceAll('\0', '');
    issues.push({
      code: 'nul-characters',
      severity: 'warning',
      message: `Removed ${nul.count === 1 ? '1 NUL character' : `${nul.count} NUL characters`} (a zero byte, never part of text).`,
      count: nul.count,
      lines: nul.lines,
      params: { count: nul.count },
    });
  }

  const start = offsetAfterLines(text, skipLines);
  // Quote-free text (and whitespace files, where quotes are text) takes the fast scanner; quoted
  // text the quote-aware scanner, or PapaParse when a quoted field is malformed (its recovery
  // and error messages are the ones reported).
  const rows =
    delimiter === 'whitespace' || !text.includes('"', start)
      ? scanQuoteFree(text, start, skipLines + 1, delimiter)
      : (scanQuoted(text, start, skipLines + 1, delimiter) ?? parseWithPapa(text, start, skipLines + 1, delimiter));
  if (rows.blankLines.count > 0) {
    const { count, lines } = rows.blankLines;
    issues.push({ code: 'blank-lines', severity: 'info', message: `Skipped ${count === 1 ? '1 blank line' : `${count} blank lines`}.`, count, lines, params: { count } });
  }
  issues.push(...rows.issues);
  const table = makeRawTable(rows, hasHeader, delimiter === 'whitespace' ? ' ' : delimiter);
  issues.push(...table.issues);
  return { raw: table.raw, issues };
}

/** Offset just past the first `lines` physical lines (CRLF, LF or CR each end one); the text's length if it has fewer. */
function offsetAfterLines(text: string, lines: number): number {
  let pos = 0;
  // Each search result is reused until passed, so a file without CR is searched for one once.
  let lf = text.indexOf('\n');
  let cr = text.indexOf('\r');
  for (let skipped = 0; skipped < lines; skipped++) {
    if (lf !== -1 && lf < pos) lf = text.indexOf('\n', pos);
    if (cr !== -1 && cr < pos) cr = text.indexOf('\r', pos);
    if (lf === -1 && cr === -1) return text.length;
    if (cr === -1 || (lf !== -1 && lf < cr)) pos = lf + 1;
    else pos = text.charCodeAt(cr + 1) === 10 ? cr + 2 : cr + 1;
  }
  return pos;
}
