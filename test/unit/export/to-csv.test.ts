import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { toCsv, UTF8_BOM } from '../../../src/engine/export/to-csv.ts';
import type { ExportColumn } from '../../../src/engine/export/export-types.ts';

const COLUMNS: ExportColumn[] = [
  { name: 'customer_id', type: 'text' },
  { name: 'revenue', type: 'decimal' },
  { name: 'note', type: 'text' },
];

/** Reads CSV text back the way a second program would: PapaParse, after checking and dropping the BOM. */
function readBack(csv: string): string[][] {
  expect(csv.startsWith(UTF8_BOM)).toBe(true);
  const parsed = Papa.parse<string[]>(csv.slice(1), { newline: '\r\n', skipEmptyLines: false });
  expect(parsed.errors).toEqual([]);
  // The last CRLF ends the last record; PapaParse reports an empty line after it.
  expect(parsed.data.at(-1)).toEqual(['']);
  return parsed.data.slice(0, -1);
}

describe('toCsv', () => {
  it('starts with a BOM, ends every record with CRLF, writes NULL as empty', () => {
    const csv = toCsv(COLUMNS, [
      ['c1', 12.5, null],
      ['c2', null, 'ok'],
    ]);
    expect(csv).toBe(`${UTF8_BOM}customer_id,revenue,note\r\nc1,12.5,\r\nc2,,ok\r\n`);
    expect(new TextEncoder().encode(csv).slice(0, 3)).toEqual(new Uint8Array([0xef, 0xbb, 0xbf]));
  });

  it('quotes fields with commas, quotes and line breaks (RFC 4180) and keeps Chinese intact', () => {
    const rows = [
      ['张三', 1, '北京, 朝阳区'],
      ['李四', 2, 'say "hi"'],
      ['王五', 3, 'line1\nline2'],
      ['赵六', 4, 'cr\rlf'],
    ];
    const csv = toCsv(COLUMNS, rows);
    expect(csv).toContain('"北京, 朝阳区"');
    expect(csv).toContain('"say ""hi"""');
    expect(readBack(csv)).toEqual([COLUMNS.map((c) => c.name), ...rows.map((r) => r.map(String))]);
  });

  it('neutralises each formula prefix in text, the header included, but writes numbers as numbers', () => {
    const prefixes = ['=', '+', '-', '@', '\t', '\r', '\0'];
    const rows = prefixes.map((p, i) => [`${p}cmd`, -(i + 1), '-1']);
    const csv = toCsv([{ name: '=header', type: 'text' }, COLUMNS[1], { name: 'code', type: 'text' }], rows);
    const back = readBack(csv);
    expect(back[0]).toEqual(["'=header", 'revenue', 'code']);
    back.slice(1).forEach((row, i) => {
      expect(row[0]).toBe(`'${prefixes[i]}cmd`);
      // -1 in a numeric column is the number -1; "-1" in a text column is text, and neutralised.
      expect(row[1]).toBe(String(-(i + 1)));
      expect(row[2]).toBe("'-1");
    });
    // In the raw text too: the number unquoted and unprefixed, the text prefixed.
    expect(csv).toContain("'=cmd,-1,'-1\r\n");
  });

  it('writes booleans as true/false, dates as their text, and non-finite numbers as empty', () => {
    const csv = toCsv(
      [
        { name: 'flag', type: 'boolean' },
        { name: 'day', type: 'date' },
        { name: 'x', type: 'decimal' },
      ],
      [
        [true, '2024-03-01', Number.NaN],
        [false, '2024-03-02', 1e-7],
      ],
    );
    expect(readBack(csv).slice(1)).toEqual([
      ['true', '2024-03-01', ''],
      ['false', '2024-03-02', '1e-7'],
    ]);
  });

  it('writes only the header for no rows', () => {
    expect(toCsv(COLUMNS, [])).toBe(`${UTF8_BOM}customer_id,revenue,note\r\n`);
  });
});
