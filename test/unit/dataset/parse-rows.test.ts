// Invariant: every non-blank line after the skipped ones becomes exactly one row (or part of one
// quoted multi-line row), cells come back as written, each row knows its physical line, and
// anything dropped or odd — blank lines, NULs, ragged rows, stray quotes — is reported. The
// quote-free fast path and the PapaParse path agree on every input both can read.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isImportError } from '../../../src/engine/dataset/import-error.ts';
import { parseRows } from '../../../src/engine/dataset/parse-rows.ts';
import { parseWithPapa } from '../../../src/engine/dataset/parse-with-papa.ts';
import { scanQuoteFree } from '../../../src/engine/dataset/scan-quote-free.ts';
import type { Delimiter, Dialect, RawTable } from '../../../src/engine/dataset/types.ts';

const dialect = (delimiter: Delimiter = ',', skipLines = 0, hasHeader = true): Dialect => ({ delimiter, skipLines, hasHeader });

/** The rows of a RawTable as arrays of the fields each row had (nulls beyond the header's width are not listed). */
function cells(raw: RawTable): (string | null)[][] {
  return Array.from({ length: raw.rowCount }, (_, row) => Array.from({ length: raw.columnCount }, (_, column) => raw.cell(column, row)));
}

function parse(text: string, options: Dialect = dialect()) {
  const { raw, issues } = parseRows(text, options);
  return { header: raw.header, rows: cells(raw), lines: Array.from(raw.lineNumbers), fieldCounts: Array.from(raw.fieldCounts), raw, issues };
}

function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('parseRows(text, dialect): { raw, issues }', () => {
  it('reads a quote-free file: header as written, cells, physical lines, field counts', () => {
    const result = parse('order_id,customer_id,paid_amount\n2024031312345678901,C0012345,123.45\n2024031312345678902,00004,5.00\n');
    expect(result.header).toEqual(['order_id', 'customer_id', 'paid_amount']);
    expect(result.rows).toEqual([
      ['2024031312345678901', 'C0012345', '123.45'],
      ['2024031312345678902', '00004', '5.00'],
    ]);
    expect(result.lines).toEqual([2, 3]);
    expect(result.fieldCounts).toEqual([3, 3]);
    expect(result.raw.columnCount).toBe(3);
    expect(result.issues).toEqual([]);
  });

  it.each([
    ['LF', 'a,b\n1,2\n3,4\n'],
    ['CRLF', 'a,b\r\n1,2\r\n3,4\r\n'],
    ['CR only (csvkit mac_newlines.csv)', 'a,b\r1,2\r3,4\r'],
    ['mixed CRLF, LF and CR', 'a,b\r\n1,2\n3,4\r'],
    ['no newline after the last line', 'a,b\n1,2\n3,4'],
  ])('reads %s line ends alike', (_name, text) => {
    const result = parse(text);
    expect(result.rows).toEqual([
      ['1', '2'],
      ['3', '4'],
    ]);
    expect(result.lines).toEqual([2, 3]);
    expect(result.issues).toEqual([]);
  });

  it('skips blank and space-only lines anywhere and reports them with their lines', () => {
    const result = parse('\na,b\n\n1,2\n   \r\n3,4\n\n');
    expect(result.rows).toEqual([
      ['1', '2'],
      ['3', '4'],
    ]);
    expect(result.lines).toEqual([4, 6]);
    expect(result.issues).toEqual([{ code: 'blank-lines', severity: 'info', message: 'Skipped 4 blank lines.', count: 4, lines: [1, 3, 5, 7], params: { count: 4 } }]);
  });

  it('keeps a row of empty fields (only delimiters), which is not a blank line', () => {
    expect(parse('a,b,c\n,,\n1,2,3\n').rows).toEqual([
      ['', '', ''],
      ['1', '2', '3'],
    ]);
  });

  it('skips the lines above the header and numbers rows by physical line', () => {
    const text = '订单报表\r\n导出时间: 2024-01-01\r\n订单号,客户,金额\r\n2024031312345678901,张三,12.50\r\n';
    const result = parse(text, dialect(',', 2));
    expect(result.header).toEqual(['订单号', '客户', '金额']);
    expect(result.rows).toEqual([['2024031312345678901', '张三', '12.50']]);
    expect(result.lines).toEqual([4]);
  });

  it('names the columns column_1..n and keeps the first row as data when there is no header', () => {
    const result = parse('00004,19970101,29.33\n00005,19970102,11.77\n', dialect(',', 0, false));
    expect(result.header).toEqual(['column_1', 'column_2', 'column_3']);
    expect(result.rows).toEqual([
      ['00004', '19970101', '29.33'],
      ['00005', '19970102', '11.77'],
    ]);
    expect(result.lines).toEqual([1, 2]);
  });

  it('keeps header names as written, Chinese and prototype names included', () => {
    expect(parse('__proto__,constructor,toString,客户 \n1,2,3,4\n').header).toEqual(['__proto__', 'constructor', 'toString', '客户 ']);
  });

  it('keeps ragged rows, returns null beyond a short row and the extra fields of a long row, and reports both', () => {
    const result = parse('a,b,c\n1,2,3,4,5\n6,7\n8,9,10\n');
    expect(result.rows).toEqual([
      ['1', '2', '3'],
      ['6', '7', null],
      ['8', '9', '10'],
    ]);
    expect(result.fieldCounts).toEqual([5, 2, 3]);
    expect(result.raw.extraFields(0)).toBe('4,5');
    expect(result.raw.extraFields(1)).toBeNull();
    expect(result.raw.cell(3, 0)).toBe('4');
    expect(result.raw.cell(3, 1)).toBeNull();
    expect(result.issues).toEqual([
      { code: 'ragged-row-long', severity: 'warning', message: '1 row has more fields than the header (3).', count: 1, lines: [2], params: { count: 1, width: 3 } },
      { code: 'ragged-row-short', severity: 'warning', message: '1 row has fewer fields than the header (3).', count: 1, lines: [3], params: { count: 1, width: 3 } },
    ]);
  });

  it('joins extra fields with the file’s delimiter', () => {
    expect(parse('a;b\n1;2;3;4\n', dialect(';')).raw.extraFields(0)).toBe('3;4');
    expect(parse('a\tb\n1\t2\t3\n', dialect('\t')).raw.extraFields(0)).toBe('3');
  });

  it('counts every ragged row but lists at most ten lines', () => {
    const text = `a,b\n${Array.from({ length: 12 }, (_, i) => `${i}`).join('\n')}\n`;
    const [issue] = parse(text).issues;
    expect(issue).toMatchObject({ code: 'ragged-row-short', count: 12, lines: [2, 3, 4, 5, 6, 7, 8, 9, 10, 11] });
    expect(issue.message).toBe('12 rows have fewer fields than the header (2).');
  });

  it.each([
    ['on every line, header included', 'a,b,c,\n1,2,3,\n4,5,6,\n'],
    ['on every data line only', 'a,b,c\n1,2,3,\n4,5,6,\n'],
    ['on the header only', 'a,b,c,\n1,2,3\n4,5,6\n'],
    ['on every line, CRLF', 'a,b,c,\r\n1,2,3,\r\n4,5,6,\r\n'],
  ])('does not call a trailing delimiter raggedness (%s)', (_name, text) => {
    const result = parse(text);
    expect(result.header).toEqual(['a', 'b', 'c']);
    expect(result.rows).toEqual([
      ['1', '2', '3'],
      ['4', '5', '6'],
    ]);
    expect(result.fieldCounts).toEqual([3, 3]);
    expect(result.raw.extraFields(0)).toBeNull();
    expect(result.issues).toEqual([]);
  });

  it('drops the empty last column of a header-less file whose every line ends with a delimiter', () => {
    const result = parse('1,2,\n3,4,\n', dialect(',', 0, false));
    expect(result.header).toEqual(['column_1', 'column_2']);
    expect(result.rows).toEqual([
      ['1', '2'],
      ['3', '4'],
    ]);
  });

  it('reports a trailing delimiter on only some lines as long rows', () => {
    const result = parse('a,b\n1,2,\n3,4\n');
    expect(result.fieldCounts).toEqual([3, 2]);
    expect(result.raw.extraFields(0)).toBe('');
    expect(result.issues).toEqual([expect.objectContaining({ code: 'ragged-row-long', count: 1, lines: [2] })]);
  });

  it('reads quoted fields: delimiters, doubled quotes, embedded newlines (CRLF kept), with the line each row starts on', () => {
    const result = parse('id,note,amount\r\n1,"a, b",2\r\n2,"say ""hi""",3\r\n3,"two\r\nlines",4\r\n4,"",5\r\n');
    expect(result.rows).toEqual([
      ['1', 'a, b', '2'],
      ['2', 'say "hi"', '3'],
      ['3', 'two\r\nlines', '4'],
      ['4', '', '5'],
    ]);
    expect(result.lines).toEqual([2, 3, 4, 6]);
  });

  it('keeps line numbers right across quoted newlines, blank lines and CR-only files', () => {
    const result = parse('a,b\r"x\ry",1\r\r"p\r\rq",2\r3,4', dialect());
    expect(result.rows).toEqual([
      ['x\ry', '1'],
      ['p\r\rq', '2'],
      ['3', '4'],
    ]);
    expect(result.lines).toEqual([2, 5, 8]);
    expect(result.issues).toEqual([expect.objectContaining({ code: 'blank-lines', count: 1, lines: [4] })]);
  });

  it('treats a quoted empty field alone on a line as a row, not a blank line', () => {
    expect(parse('a\n""\nx\n').rows).toEqual([[''], ['x']]);
  });

  it('throws unclosed-quote with the line where the quoted field starts', () => {
    const text = 'id,note\n1,a\n2,b\n3,c\n4,d\n5,e\n6,"never\nends\n7,x\n';
    const error = thrown(() => parseRows(text, dialect()));
    expect(isImportError(error)).toBe(true);
    expect(error).toMatchObject({ code: 'unclosed-quote', line: 7, message: 'line 7: a quoted field starts here and never ends' });
  });

  it('counts skipped lines in the line of an unclosed quote', () => {
    expect(thrown(() => parseRows('title\nid,note\n1,"open\n', dialect(',', 1)))).toMatchObject({ code: 'unclosed-quote', line: 3 });
  });

  it('reads a stray quote inside a quoted field up to the next closing quote and warns', () => {
    const result = parse('a,b\n"He said "hi" to me",2\n3,4\n');
    expect(result.rows).toEqual([
      ['He said "hi" to me', '2'],
      ['3', '4'],
    ]);
    expect(result.issues).toEqual([expect.objectContaining({ code: 'unclosed-quote', severity: 'warning', count: 1, lines: [2] })]);
  });

  it('refuses a stray quote that would swallow the following lines', () => {
    expect(thrown(() => parseRows('a,b\n"abc"x,1\n2,3\n"d",4\n', dialect()))).toMatchObject({ code: 'unclosed-quote', line: 2 });
  });

  it('removes NUL characters and reports them with their lines (csvkit null_byte.csv)', () => {
    const result = parse('a,b,c\n\0,2,3\n4,\u0000\u00005,6\n');
    expect(result.rows).toEqual([
      ['', '2', '3'],
      ['4', '5', '6'],
    ]);
    expect(result.issues).toEqual([
      { code: 'nul-characters', severity: 'warning', message: 'Removed 3 NUL characters (a zero byte, never part of text).', count: 3, lines: [2, 3], params: { count: 3 } },
    ]);
  });

  it('splits whitespace files on runs of spaces and tabs, ignoring leading and trailing ones (CDNOW)', () => {
    const text = ' customer_id  date number_of_cds  dollar_value\r\n   00001 19970101  1  11.77\r\n\r\n   00002\t19970112  1  12.00  \r\n';
    const result = parse(text, dialect('whitespace'));
    expect(result.header).toEqual(['customer_id', 'date', 'number_of_cds', 'dollar_value']);
    expect(result.rows).toEqual([
      ['00001', '19970101', '1', '11.77'],
      ['00002', '19970112', '1', '12.00'],
    ]);
    expect(result.lines).toEqual([2, 4]);
    expect(result.issues).toEqual([expect.objectContaining({ code: 'blank-lines', count: 1, lines: [3] })]);
  });

  it('keeps quotes as text in whitespace files and joins extra fields with a space', () => {
    const result = parse('a b\n"x y" 2\n', dialect('whitespace'));
    expect(result.rows).toEqual([['"x', 'y"']]);
    expect(result.raw.extraFields(0)).toBe('2');
  });

  it('returns an empty table for text with nothing after the skipped lines', () => {
    const result = parse('title\n', dialect(',', 1));
    expect(result.raw).toMatchObject({ header: [], rowCount: 0, columnCount: 0 });
  });

  it('returns a header with no rows for a header-only file', () => {
    expect(parse('a,b\n')).toMatchObject({ header: ['a', 'b'], rows: [] });
  });

  it.each([
    ['an unknown delimiter', { delimiter: ':' as Delimiter, skipLines: 0, hasHeader: true }],
    ['negative skipLines', { delimiter: ',' as Delimiter, skipLines: -1, hasHeader: true }],
  ])('throws bad-option for %s', (_name, options) => {
    expect(thrown(() => parseRows('a,b\n', options))).toMatchObject({ code: 'bad-option' });
  });

  it('reads quote-free text the same way on the fast path and the PapaParse path', () => {
    const field = fc.stringMatching(/^[a-z0-9 .;|\t张]{0,4}$/);
    const line = fc.array(field, { minLength: 1, maxLength: 4 }).map((fields) => fields.join(','));
    const lineEnd = fc.constantFrom('\n', '\r\n', '\r');
    const text = fc
      .array(fc.tuple(line, lineEnd), { minLength: 1, maxLength: 12 })
      .chain((lines) => fc.boolean().map((final) => lines.map(([l, end], i) => (i < lines.length - 1 || final ? l + end : l)).join('')));
    fc.assert(
      fc.property(text, (input) => {
        const fast = scanQuoteFree(input, 0, 1, ',');
        const papa = parseWithPapa(input, 0, 1, ',');
        const rows = (scanned: typeof fast) =>
          Array.from({ length: scanned.rowCount }, (_, r) => ({
            line: scanned.lineNumbers[r],
            fields: Array.from({ length: scanned.fieldCounts[r] }, (_, i) => scanned.field(r, i)),
          }));
        expect(rows(fast)).toEqual(rows(papa));
        expect(fast.blankLines).toEqual(papa.blankLines);
      }),
      { numRuns: 500, seed: 20240313 },
    );
  });
});
