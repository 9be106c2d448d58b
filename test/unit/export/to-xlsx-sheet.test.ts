import { readSheet } from 'read-excel-file/node';
import writeExcelFile from 'write-excel-file/node';
import { describe, expect, it } from 'vitest';
import type { ExportColumn, ExportValue } from '../../../src/engine/export/export-types.ts';
import { parseWallClock, toXlsxSheet, xlsxSheetName } from '../../../src/engine/export/to-xlsx-sheet.ts';

const COLUMNS: ExportColumn[] = [
  { name: 'customer_id', type: 'text' },
  { name: 'revenue', type: 'decimal' },
  { name: 'orders', type: 'integer' },
  { name: 'first_order', type: 'date' },
  { name: 'last_seen', type: 'datetime' },
  { name: 'vip', type: 'boolean' },
  { name: '备注', type: 'text' },
];
const ROWS: ExportValue[][] = [
  ['c1', 1234.5, 3, '2024-01-05', '2024-02-01 09:30:15', true, '老客户'],
  ['=HYPERLINK("http://x")', -1, 0, null, null, false, '-1'],
  ['c3', null, 1, '2023-12-31', '2023-12-31 23:59:59', null, '@SUM(1)'],
];

/** Writes the sheet as write-excel-file does in the browser and reads it back with read-excel-file. */
async function roundTrip(name: string, columns: ExportColumn[], rows: ExportValue[][]) {
  const { data, options } = toXlsxSheet(name, columns, rows);
  const buffer = await writeExcelFile(data, options).toBuffer();
  const sheets = await readSheet(buffer);
  return { options, rows: sheets };
}

describe('toXlsxSheet', () => {
  it('writes a bold header, numbers as numbers, dates as dates, neutralised text and Chinese intact', async () => {
    const { data, options } = toXlsxSheet('customer_table-lifecycle-active', COLUMNS, ROWS);
    expect(data[0].every((c) => c?.fontWeight === 'bold')).toBe(true);
    expect(options).toMatchObject({ sheet: 'customer_table-lifecycle-active', stickyRowsCount: 1 });

    const { rows } = await roundTrip('customer_table-lifecycle-active', COLUMNS, ROWS);
    expect(rows[0]).toEqual(COLUMNS.map((c) => c.name));
    expect(rows[1]).toEqual(['c1', 1234.5, 3, new Date(Date.UTC(2024, 0, 5)), new Date(Date.UTC(2024, 1, 1, 9, 30, 15)), true, '老客户']);
    expect(rows[2]).toEqual(['\'=HYPERLINK("http://x")', -1, 0, null, null, false, "'-1"]);
    expect(rows[3]).toEqual(['c3', null, 1, new Date(Date.UTC(2023, 11, 31)), new Date(Date.UTC(2023, 11, 31, 23, 59, 59)), null, "'@SUM(1)"]);
    expect(typeof rows[2][1]).toBe('number');
  });

  it('neutralises every formula prefix in text, and a formula-like header', async () => {
    const prefixes = ['=', '+', '-', '@', '\t', '\r', '\0'];
    const { rows } = await roundTrip('x', [{ name: '+h', type: 'text' }], prefixes.map((p) => [`${p}1`]));
    expect(rows[0]).toEqual(["'+h"]);
    // XML cannot carry NUL: write-excel-file drops it, leaving the quote in front of the rest.
    expect(rows.slice(1).map((r) => r[0])).toEqual(["'=1", "'+1", "'-1", "'@1", "'\t1", "'\r1", "'1"]);
  });

  it('makes valid sheet names', () => {
    expect(xlsxSheetName('a[b]:c*d?e/f\\g')).toBe('a_b__c_d_e_f_g');
    expect(xlsxSheetName('x'.repeat(40))).toHaveLength(31);
    expect(xlsxSheetName("'quoted'")).toBe('quoted');
    expect(xlsxSheetName('')).toBe('Export');
    expect(xlsxSheetName('History')).toBe('History_');
    expect(xlsxSheetName('客户表-生命周期-活跃')).toBe('客户表-生命周期-活跃');
  });

  it('reads wall-clock text as UTC dates', () => {
    expect(parseWallClock('2024-02-29')).toEqual(new Date(Date.UTC(2024, 1, 29)));
    expect(parseWallClock('0099-01-01')?.getUTCFullYear()).toBe(99);
    expect(parseWallClock('not a date')).toBeNull();
  });
});
