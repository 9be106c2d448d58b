import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { ImportError } from '../../../src/engine/dataset/import-error.ts';
import { loadCsv } from '../../../src/engine/dataset/load-csv.ts';
import { cellText, loadXlsx, looksLikeZip } from '../../../src/engine/dataset/load-xlsx.ts';
import { dateCell, makeXlsx, ORDERS_CSV, ordersSheets } from '../../helpers/xlsx.ts';

const encode = (text: string) => new TextEncoder().encode(text);
const TZ = { timeZone: 'Asia/Shanghai' };

async function importError(promise: Promise<unknown>): Promise<ImportError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(ImportError);
    return error as ImportError;
  }
  throw new Error('expected an ImportError');
}

describe('loadXlsx', () => {
  it('reads the first sheet exactly as the equivalent CSV (independent reference: loadCsv)', async () => {
    const bytes = await makeXlsx(ordersSheets());
    const xlsx = await loadXlsx(bytes, TZ);
    const csv = loadCsv(encode(ORDERS_CSV), TZ);
    expect(xlsx.columns).toEqual(csv.columns);
    expect(xlsx.data).toEqual(csv.data);
    expect(xlsx.issues.map((i) => i.code)).toEqual(csv.issues.map((i) => i.code));
    expect(xlsx).toMatchObject({ format: 'xlsx', sheets: ['订单', '退款'], sheet: '订单', encoding: 'utf-8', inputRows: 3, loadedRows: 3, excludedRows: 0 });
    expect(xlsx.dialect).toEqual({ delimiter: ',', skipLines: 0, hasHeader: true });
    expect([...xlsx.lineNumbers]).toEqual([2, 3, 4]);
  });

  it('keeps ids as text, parses money text and numbers, and reads dates as wall-clock text', async () => {
    const result = await loadXlsx(await makeXlsx(ordersSheets()), TZ);
    const byName = Object.fromEntries(result.columns.map((c, i) => [c.name, { summary: c, column: result.data[i] }]));
    expect(result.columns.map((c) => [c.name, c.spec.type])).toEqual([
      ['订单编号', 'text'],
      ['客户编号', 'text'],
      ['金额', 'decimal'],
      ['实付金额', 'decimal'],
      ['下单时间', 'datetime'],
      ['付款日期', 'date'],
      ['备注', 'text'],
    ]);
    const ids = byName['订单编号'].column;
    const customers = byName['客户编号'].column;
    if (ids.type !== 'text' || customers.type !== 'text') throw new Error('ids must be text');
    expect(ids.dictionary[ids.codes[0]]).toBe('2019031234567890123');
    expect(customers.dictionary[customers.codes[0]]).toBe('00004');
    const money = byName['金额'].column;
    const paid = byName['实付金额'].column;
    if (money.type === 'text' || paid.type === 'text') throw new Error('money must be numeric');
    expect(money.values[0]).toBeCloseTo(1234.5, 9);
    expect(paid.values[2]).toBeCloseTo(0.1, 9);
    const day = byName['付款日期'].column;
    if (day.type === 'text') throw new Error('date must be numeric');
    expect(day.values[1]).toBe(Date.UTC(2024, 1, 29) / 86_400_000);
    const time = byName['下单时间'].column;
    if (time.type === 'text') throw new Error('datetime must be numeric');
    expect(time.values[0]).toBe(Date.UTC(2024, 0, 5, 10, 30, 0));
    expect(byName['备注'].summary.nullCount).toBe(1);
  });

  it('reads a sheet chosen by name, and names the sheets when the name is unknown', async () => {
    const bytes = await makeXlsx(ordersSheets());
    const refunds = await loadXlsx(bytes, { ...TZ, sheet: '退款' });
    expect(refunds.sheet).toBe('退款');
    expect(refunds.columns.map((c) => [c.name, c.spec.type])).toEqual([
      ['退款单号', 'text'],
      ['退款金额', 'decimal'],
      ['是否完成', 'boolean'],
    ]);
    const error = await importError(loadXlsx(bytes, { ...TZ, sheet: 'Sheet9' }));
    expect(error.code).toBe('bad-option');
    expect(error.message).toContain('订单, 退款');
  });

  it('takes the first non-empty row as the header and reports empty rows between data rows', async () => {
    const bytes = await makeXlsx([{ name: 'S', rows: [[null], ['id', 'n'], ['a', 1], [null], ['b', 2]] }]);
    const result = await loadXlsx(bytes, TZ);
    expect(result.dialect).toEqual({ delimiter: ',', skipLines: 1, hasHeader: true });
    expect(result.inputRows).toBe(2);
    expect([...result.lineNumbers]).toEqual([3, 5]);
    expect(result.issues.find((i) => i.code === 'blank-lines')).toMatchObject({ count: 1, lines: [4] });
    const noHeader = await loadXlsx(bytes, { ...TZ, hasHeader: false });
    expect(noHeader.columns.map((c) => c.name)).toEqual(['column_1', 'column_2']);
    expect(noHeader.inputRows).toBe(3);
  });

  it('flags ids that the spreadsheet already stored as numbers beyond 2^53', async () => {
    const bytes = await makeXlsx([{ name: 'S', rows: [['订单编号'], [Number('2019031234567890123')], ['2019031234567890124']] }]);
    const result = await loadXlsx(bytes, TZ);
    const column = result.data[0];
    if (column.type !== 'text') throw new Error('ids must be text');
    expect(column.dictionary).toEqual(['2.01903123456789E+18', '2019031234567890124']);
    expect(result.issues.map((i) => i.code)).toContain('id-scientific-notation');
  });

  it('keeps cells beyond the header as the _extra column (rows are never dropped)', async () => {
    const bytes = await makeXlsx([{ name: 'S', rows: [['a', 'b'], ['1', '2', 'x'], ['3', '4']] }]);
    const result = await loadXlsx(bytes, TZ);
    expect(result.columns.map((c) => c.name)).toEqual(['a', 'b', '_extra']);
    expect(result.issues.map((i) => i.code)).toContain('ragged-row-long');
    const excluded = await loadXlsx(bytes, { ...TZ, raggedRows: 'exclude' });
    expect(excluded).toMatchObject({ inputRows: 2, loadedRows: 1, excludedRows: 1 });
  });

  it('gives a clear ImportError for a truncated or non-xlsx file', async () => {
    const bytes = await makeXlsx(ordersSheets());
    const truncated = await importError(loadXlsx(bytes.slice(0, Math.floor(bytes.length / 2)), TZ));
    expect(truncated.code).toBe('xlsx-unreadable');
    expect(truncated.message).toMatch(/^The \.xlsx file cannot be read: it is damaged or incomplete/);
    const text = await importError(loadXlsx(encode('a,b\n1,2\n'), TZ));
    expect(text.code).toBe('xlsx-unreadable');
    expect(text.message).toContain('not a ZIP archive');
  });

  it('turns cell values into the text a CSV export holds', () => {
    expect(cellText(null)).toBeNull();
    expect(cellText('')).toBeNull();
    expect(cellText('00004')).toBe('00004');
    expect(cellText(1234.5)).toBe('1234.5');
    expect(cellText(0.1 + 0.2)).toBe('0.3');
    expect(cellText(9007199254740991)).toBe('9007199254740991');
    expect(cellText(true)).toBe('true');
    expect(cellText(new Date(Date.UTC(2024, 0, 5, 10, 29, 59, 999)))).toBe('2024-01-05 10:30:00');
    expect(cellText(new Date(Date.UTC(1899, 11, 30, 8, 15)))).toBe('08:15:00');
    expect(dateCell('2024-01-05')).toMatchObject({ format: 'yyyy-mm-dd' });
    expect(looksLikeZip(new Uint8Array([0x50, 0x4b, 0x03, 0x04]))).toBe(true);
    expect(looksLikeZip(encode('PK'))).toBe(false);
  });

  it('reads a sheet whose XML is above the 512 KB the unzip library would inflate in a worker', async () => {
    const rows = [['订单编号', '金额'], ...Array.from({ length: 20_000 }, (_, i) => [`30000000007865${String(i).padStart(5, '0')}`, i + 0.5])];
    const bytes = await makeXlsx([{ name: 'S', rows }]);
    const sheetXml = Object.values(unzipSync(bytes, { filter: (f) => f.name.startsWith('xl/worksheets/') }))[0];
    expect(sheetXml.length).toBeGreaterThan(524_288);
    const result = await loadXlsx(bytes, TZ);
    expect(result.loadedRows).toBe(20_000);
    const amounts = result.data[1];
    if (amounts.type === 'text') throw new Error('amount must be numeric');
    expect(amounts.values.reduce((a, b) => a + b, 0)).toBeCloseTo((20_000 * 19_999) / 2 + 10_000, 6);
  });
});
