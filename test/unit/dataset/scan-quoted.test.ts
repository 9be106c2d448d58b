// Invariant: on text whose quoted fields are well formed, scanQuoted reads exactly the rows,
// fields, physical lines and blank lines PapaParse reads; on any other text it returns null (so
// parseRows falls back to PapaParse and its errors and warnings).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseRows } from '../../../src/engine/dataset/parse-rows.ts';
import { parseWithPapa } from '../../../src/engine/dataset/parse-with-papa.ts';
import { scanQuoted } from '../../../src/engine/dataset/scan-quoted.ts';
import type { ScannedRows } from '../../../src/engine/dataset/scanned-rows.ts';

function rows(scanned: ScannedRows) {
  return Array.from({ length: scanned.rowCount }, (_, r) => ({
    line: scanned.lineNumbers[r],
    fields: Array.from({ length: scanned.fieldCounts[r] }, (_, i) => scanned.field(r, i)),
  }));
}

function scan(text: string, separator = ','): ScannedRows {
  const scanned = scanQuoted(text, 0, 1, separator);
  if (scanned === null) throw new Error('scanQuoted refused well-formed text');
  return scanned;
}

describe('scanQuoted(text, start, firstLine, separator): ScannedRows | null', () => {
  it('reads quoted fields holding delimiters, escaped quotes and line ends, with the line each row starts on', () => {
    const text = 'id,note,n\n1,"a, b",2\n2,"say ""hi""",3\n3,"two\nlines\nhere",4\n4,"",5\n5,""""\n"6",x"y,"z"';
    expect(rows(scan(text))).toEqual([
      { line: 1, fields: ['id', 'note', 'n'] },
      { line: 2, fields: ['1', 'a, b', '2'] },
      { line: 3, fields: ['2', 'say "hi"', '3'] },
      { line: 4, fields: ['3', 'two\nlines\nhere', '4'] },
      { line: 7, fields: ['4', '', '5'] },
      { line: 8, fields: ['5', '"'] },
      { line: 9, fields: ['6', 'x"y', 'z'] },
    ]);
  });

  it('keeps CRLF inside quotes in a CRLF file and counts it as one line', () => {
    const scanned = scan('a,b\r\n"x\r\ny",1\r\n2,"p;q"\r\n');
    expect(rows(scanned)).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['x\r\ny', '1'] },
      { line: 4, fields: ['2', 'p;q'] },
    ]);
  });

  it('turns line ends inside quotes into LF when the file mixes them, as the PapaParse path does', () => {
    const text = 'a,b\r\n"x\ry\r\nz",1\n2,3\r\n';
    expect(rows(scan(text))).toEqual(rows(parseWithPapa(text, 0, 1, ',')));
    expect(scan(text).field(1, 0)).toBe('x\ny\nz');
  });

  it('reads a row whose quoted fields span lines in the middle of the row', () => {
    expect(rows(scan('"a\r\nb",c,"d\r\ne\r\nf",g\r\nh,i\r\n'))).toEqual([
      { line: 1, fields: ['a\r\nb', 'c', 'd\r\ne\r\nf', 'g'] },
      { line: 5, fields: ['h', 'i'] },
    ]);
    expect(rows(scan('"a\nb",c,"d\r\ne\nf",g\nh,i'))).toEqual([
      { line: 1, fields: ['a\nb', 'c', 'd\ne\nf', 'g'] },
      { line: 5, fields: ['h', 'i'] },
    ]);
  });

  it('skips blank lines, but not a line holding only a quoted empty field', () => {
    const scanned = scan('a\n\n  \n""\n"x"\n\n');
    expect(rows(scanned)).toEqual([
      { line: 1, fields: ['a'] },
      { line: 4, fields: [''] },
      { line: 5, fields: ['x'] },
    ]);
    expect(scanned.blankLines).toEqual({ count: 3, lines: [2, 3, 6] });
  });

  it('keeps a trailing delimiter after a quoted field as an empty field', () => {
    expect(rows(scan('"a",\n"b",'))).toEqual([
      { line: 1, fields: ['a', ''] },
      { line: 2, fields: ['b', ''] },
    ]);
  });

  it('starts at an offset on a given line', () => {
    expect(rows(scanQuoted('skip me\n"a"|b\n', 8, 2, '|')!)).toEqual([{ line: 2, fields: ['a', 'b'] }]);
  });

  it.each([
    ['an unclosed quote', 'a,b\n1,"open\n2,3\n'],
    ['an unclosed quote after an escaped one', 'a\n"x""'],
    ['a stray quote inside a quoted field', 'a,b\n"He said "hi" to me",2\n'],
    ['spaces after a closing quote', 'a,b\n"x"  ,2\n'],
  ])('returns null for %s', (_name, text) => {
    expect(scanQuoted(text, 0, 1, ',')).toBeNull();
  });

  it('leaves parseRows its unclosed-quote error with the line of the opening quote', () => {
    const text = 'id,note\n1,"a\nb"\n2,"c"\n3,"never\nends\n4,x\n';
    let caught: unknown;
    try {
      parseRows(text, { delimiter: ',', skipLines: 0, hasHeader: true });
    } catch (error) {
      caught = error;
    }
    expect(caught).toMatchObject({ code: 'unclosed-quote', line: 5, message: 'line 5: a quoted field starts here and never ends' });
  });

  const compare = (input: string, separator: string) => {
    const mine = scanQuoted(input, 0, 1, separator);
    if (mine === null) return false;
    const papa = parseWithPapa(input, 0, 1, separator);
    expect(rows(mine)).toEqual(rows(papa));
    expect(mine.blankLines).toEqual(papa.blankLines);
    expect(papa.issues).toEqual([]);
    return true;
  };

  it('reads well-formed quoted CSV exactly as PapaParse does', () => {
    const plain = fc.stringMatching(/^[a-z0-9 "张]{0,4}$/).filter((s) => !s.startsWith('"'));
    const quoted = fc.stringMatching(/^[a-z ,;"\r\n张]{0,6}$/).map((s) => `"${s.replaceAll('"', '""')}"`);
    const field = fc.oneof(plain, quoted);
    const separator = fc.constantFrom(',', ';', '\t');
    const lineEnd = fc.constantFrom('\n', '\r\n', '\r');
    const input = fc.tuple(separator, lineEnd, fc.boolean()).chain(([sep, end, mixed]) =>
      fc
        .array(fc.tuple(fc.array(field, { minLength: 1, maxLength: 4 }), mixed ? lineEnd : fc.constant(end)), { minLength: 1, maxLength: 10 })
        .chain((lines) =>
          fc.boolean().map((final) => ({
            sep,
            // Quoted line ends follow the file's line end unless the file mixes them anyway.
            text: lines
              .map(([fields, e], i) => fields.map((f) => (mixed ? f : f.replace(/\r\n|\r|\n/g, end))).join(sep) + (i < lines.length - 1 || final ? e : ''))
              .join(''),
          })),
        ),
    );
    fc.assert(
      fc.property(input, ({ sep, text }) => {
        expect(compare(text, sep)).toBe(true);
      }),
      { numRuns: 1000, seed: 20240313 },
    );
  });

  it('agrees with PapaParse on random text of quotes, delimiters and line ends whenever it accepts it', () => {
    const input = fc.stringMatching(/^[a ,"\r\n]{0,24}$/);
    let accepted = 0;
    fc.assert(
      fc.property(input, (text) => {
        if (compare(text, ',')) accepted++;
      }),
      { numRuns: 2000, seed: 20240314 },
    );
    expect(accepted).toBeGreaterThan(200);
  });
});
