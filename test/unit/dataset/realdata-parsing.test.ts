// Invariant: public CSV test suites and real data sets go from bytes to raw rows exactly —
// csv-spectrum matches its published JSON cell for cell, every csvkit example has one stated
// outcome, and the retail/CDNOW/rfm files give the row and column counts in SOURCES.md.
import { expect, it } from 'vitest';
import { decodeBytes } from '../../../src/engine/dataset/decode-bytes.ts';
import { normalizeHeader } from '../../../src/engine/dataset/normalize-header.ts';
import { parseRows } from '../../../src/engine/dataset/parse-rows.ts';
import { sniffDialect } from '../../../src/engine/dataset/sniff-dialect.ts';
import type { DecodedText, Delimiter, RawTable } from '../../../src/engine/dataset/types.ts';
import { describeRealdata, readRealdata } from '../../helpers/realdata.ts';

function readTable(path: string) {
  const decoded = decodeBytes(readRealdata(path));
  const sniffed = sniffDialect(decoded.text);
  const parsed = parseRows(decoded.text, sniffed.dialect);
  const header = normalizeHeader(parsed.raw.header);
  const issues = [...sniffed.issues, ...parsed.issues, ...header.issues];
  return { decoded, dialect: sniffed.dialect, raw: parsed.raw, names: header.names, issues };
}

function rowsOf(raw: RawTable): (string | null)[][] {
  return Array.from({ length: raw.rowCount }, (_, row) => Array.from({ length: raw.columnCount }, (_, column) => raw.cell(column, row)));
}

function column(raw: RawTable, index: number): (string | null)[] {
  return Array.from({ length: raw.rowCount }, (_, row) => raw.cell(index, row));
}

const SPECTRUM = ['comma_in_quotes', 'empty', 'empty_crlf', 'escaped_quotes', 'json', 'newlines', 'newlines_crlf', 'quotes_and_newlines', 'simple', 'simple_crlf', 'utf8'];

describeRealdata('csv-spectrum: bytes → rows match the published JSON', () => {
  it.each(SPECTRUM)('%s.csv parses to exactly json/%s.json', (name) => {
    const { raw, issues } = readTable(`csv-spectrum/csvs/${name}.csv`);
    const expected = JSON.parse(new TextDecoder().decode(readRealdata(`csv-spectrum/json/${name}.json`))) as Record<string, string>[];
    expect(raw.header).toEqual(Object.keys(expected[0]));
    expect(rowsOf(raw)).toEqual(expected.map((object) => raw.header.map((name) => object[name])));
    expect(issues).toEqual([]);
  });
});

interface Outcome {
  encoding?: DecodedText['encoding'];
  detectedBy?: DecodedText['detectedBy'];
  delimiter?: Delimiter;
  names: string[];
  rows: (string | null)[][];
  lines?: number[];
  issues?: Record<string, number[] | undefined>;
  extra?: (string | null)[];
}

// The outcome of each of the 21 csvkit examples (none is refused). Issues map code → lines.
const CSVKIT: [string, Outcome][] = [
  ['bad.csv', {
    names: ['column_a', 'column_b', 'column_c'],
    rows: [['1', '27', ''], ['', "I'm too short!", null], ['0', 'mixed types.... uh oh', '17']],
    lines: [2, 3, 4],
    extra: ["I'm too long!", null, null],
    issues: { 'ragged-row-long': [2], 'ragged-row-short': [3] },
  }],
  ['bad_skip_lines.csv', {
    names: ['column_a', 'column_b', 'column_c'],
    rows: [['1', '27', ''], ['', "I'm too short!", null], ['0', 'mixed types.... uh oh', '17']],
    lines: [5, 6, 7],
    issues: { 'blank-lines': [1, 2, 3], 'ragged-row-long': [5], 'ragged-row-short': [6] },
  }],
  ['blanks.csv', { names: ['a', 'b', 'c', 'd', 'e', 'f'], rows: [['', 'NA', 'N/A', 'NONE', 'NULL', '.']] }],
  ['dummy.tsv', { delimiter: '\t', names: ['a', 'b', 'c'], rows: [['1', '2', '3']] }],
  ['mac_newlines.csv', { names: ['a', 'b', 'c'], rows: [['1', '2', '3'], ['Once upon\ra time', '5', '6']], lines: [2, 3] }],
  ['null_byte.csv', { names: ['a', 'b', 'c'], rows: [['', '2', '3']], issues: { 'nul-characters': [2] } }],
  ['optional_quote_characters.csv', { names: ['a', 'b', 'c'], rows: [['1', '2', '3']] }],
  ['sniff_limit.csv', { delimiter: ';', names: ['a', 'b', 'c'], rows: [['1', '2', '3']] }],
  ['test_date_format.csv', { names: ['a'], rows: [['02/01/2014'], ['31/12/2012']] }],
  // `,,,` under a 3-column header: a trailing delimiter, not a long row.
  ['test_empty_columns_long_row.csv', { names: ['a', 'b', 'c'], rows: [['', '', '']] }],
  ['test_empty_columns_short_row.csv', { names: ['a', 'b', 'c'], rows: [['', '', null]], issues: { 'ragged-row-short': [2] } }],
  ['test_header_newline.csv', { names: ['start end', 'b', 'c'], rows: [['d', 'e', 'f']], lines: [8], issues: { 'header-control-characters': undefined } }],
  ['test_latin1.csv', { encoding: 'windows-1252', detectedBy: 'fallback', names: ['a', 'b', 'c'], rows: [['1', '2', '3'], ['4', '5', '©']] }],
  ['test_locale.csv', { names: ['a', 'b', 'c'], rows: [['1,7', '200.000.000', '']] }],
  ['test_no_leading_zeroes.csv', { names: ['a', 'b', 'c'], rows: [['01', '00.11', '0.1']] }],
  ['test_numeric_date_format.csv', { names: ['a'], rows: [['20140102'], ['20121231']] }],
  ['test_skip_lines.csv', { names: ['a', 'b', 'c'], rows: [['1', '2', '3']], lines: [5], issues: { 'blank-lines': [1, 2, 3] } }],
  ['test_utf16_big.csv', { encoding: 'utf-16be', detectedBy: 'bom', names: ['a', 'b', 'c'], rows: [['1', '2', '3'], ['4', '5', 'ʤ']] }],
  ['test_utf16_little.csv', { encoding: 'utf-16le', detectedBy: 'bom', names: ['a', 'b', 'c'], rows: [['1', '2', '3'], ['4', '5', 'ʤ']] }],
  ['test_utf8.csv', { names: ['foo', 'bar', 'baz'], rows: [['1', '2', '3'], ['4', '5', 'ʤ']] }],
  ['test_utf8_bom.csv', { encoding: 'utf-8', detectedBy: 'bom', names: ['foo', 'bar', 'baz'], rows: [['1', '2', '3'], ['4', '5', 'ʤ']] }],
];

describeRealdata('csvkit examples: one stated outcome per file', () => {
  it('covers all 21 files', () => {
    expect(CSVKIT).toHaveLength(21);
  });

  it.each(CSVKIT)('%s', (file, outcome) => {
    const { decoded, dialect, raw, names, issues } = readTable(`csvkit-examples/${file}`);
    expect(decoded.encoding).toBe(outcome.encoding ?? 'utf-8');
    expect(decoded.detectedBy).toBe(outcome.detectedBy ?? 'valid-utf-8');
    expect(dialect).toEqual({ delimiter: outcome.delimiter ?? ',', skipLines: 0, hasHeader: true });
    expect(names).toEqual(outcome.names);
    expect(rowsOf(raw)).toEqual(outcome.rows);
    if (outcome.lines) expect(Array.from(raw.lineNumbers)).toEqual(outcome.lines);
    if (outcome.extra) expect(outcome.rows.map((_, row) => raw.extraFields(row))).toEqual(outcome.extra);
    expect(Object.fromEntries(issues.map((issue) => [issue.code, issue.lines]))).toEqual(outcome.issues ?? {});
  });
});

describeRealdata('real data sets: rows and columns as SOURCES.md counts them', () => {
  it('CDNOW_sample.txt: whitespace, CRLF, no header, 6,919 rows × 5 with zero-padded ids', () => {
    const { dialect, raw, issues } = readTable('lifetimes-cdnow/CDNOW_sample.txt');
    expect(dialect).toEqual({ delimiter: 'whitespace', skipLines: 0, hasHeader: false });
    expect(raw.header).toEqual(['column_1', 'column_2', 'column_3', 'column_4', 'column_5']);
    expect(raw.rowCount).toBe(6919);
    expect(new Set(raw.fieldCounts)).toEqual(new Set([5]));
    expect(rowsOf(raw)[0]).toEqual(['00004', '0001', '19970101', '2', '29.33']);
    expect(raw.lineNumbers[6918]).toBe(6919);
    expect(column(raw, 4).some((value) => value?.includes('\r'))).toBe(false);
    expect(issues.map((issue) => issue.code)).toEqual(['no-header']);
  });

  it('CDNOW_master.txt: whitespace header above 69,659 rows × 4', () => {
    const { dialect, raw, issues } = readTable('lifetimes-cdnow/CDNOW_master.txt');
    expect(dialect).toEqual({ delimiter: 'whitespace', skipLines: 0, hasHeader: true });
    expect(raw.header).toEqual(['customer_id', 'date', 'number_of_cds', 'dollar_value']);
    expect(raw.rowCount).toBe(69659);
    expect(new Set(raw.fieldCounts)).toEqual(new Set([4]));
    expect(rowsOf(raw)[0]).toEqual(['00001', '19970101', '1', '11.77']);
    expect(new Set(column(raw, 0)).size).toBe(23570);
    expect(issues).toEqual([]);
  });

  it('rfm_data_orders.csv: 4,906 rows × 6; names with an apostrophe stay whole', () => {
    const { raw, issues } = readTable('rfm-r-package/rfm_data_orders.csv');
    expect(raw.header).toEqual(['customer_id', 'order_date', 'revenue', 'first_name', 'last_name', 'email']);
    expect(raw.rowCount).toBe(4906);
    const ids = column(raw, 0);
    expect(new Set(ids).size).toBe(995);
    expect(new Set(ids.filter((id) => id?.includes("'"))).size).toBe(17);
    expect(issues).toEqual([]);
  });

  it('online_retail_customers_mod10.csv: 36,378 rows × 8 through the quoted path, quoted commas and quotes intact', () => {
    const { raw, issues } = readTable('uci-online-retail/online_retail_customers_mod10.csv');
    expect(raw.header).toEqual(['InvoiceNo', 'StockCode', 'Description', 'Quantity', 'InvoiceDate', 'UnitPrice', 'CustomerID', 'Country']);
    expect(raw.rowCount).toBe(36378);
    expect(new Set(raw.fieldCounts)).toEqual(new Set([8]));
    expect(new Set(column(raw, 6)).size).toBe(445);
    expect(column(raw, 0).filter((invoice) => invoice?.startsWith('C'))).toHaveLength(742);
    // Counted with Python's csv module on the same file.
    const descriptions = column(raw, 2);
    expect(descriptions.filter((text) => text?.includes(','))).toHaveLength(251);
    expect(descriptions.filter((text) => text?.includes('"'))).toHaveLength(69);
    expect(rowsOf(raw)[raw.rowCount - 1]).toEqual(['581587', '22138', 'BAKING SET 9 PIECE RETROSPOT ', '3', '2011-12-09 12:50:00', '4.95', '12680.0', 'France']);
    expect(raw.lineNumbers[raw.rowCount - 1]).toBe(36379);
    expect(issues).toEqual([]);
  });

  it('by-day_2010-12-01.csv: 3,108 rows, 1,140 with an empty CustomerID kept as empty text', () => {
    const { raw, issues } = readTable('uci-online-retail/by-day_2010-12-01.csv');
    expect(raw.rowCount).toBe(3108);
    expect(raw.columnCount).toBe(8);
    const customers = column(raw, 6);
    expect(customers.filter((id) => id === '')).toHaveLength(1140);
    expect(new Set(customers.filter((id) => id !== '')).size).toBe(98);
    expect(issues).toEqual([]);
  });

  it.each([
    ['lifetimes-cdnow/cdnow_customers_summary.csv', 2357, ['ID', 'frequency', 'recency', 'T']],
    ['lifetimes-cdnow/cdnow_customers_summary_with_transactions.csv', 2357, ['ID', 'x', 't_x', 'T', 'zbar']],
    ['rfm-r-package/rfm_data_customer.csv', 39999, ['customer_id', 'revenue', 'most_recent_visit', 'number_of_orders', 'recency_days', 'first_name', 'last_name', 'email']],
  ])('%s: %i rows', (path, rowCount, header) => {
    const { raw, issues } = readTable(path);
    expect(raw.header).toEqual(header);
    expect(raw.rowCount).toBe(rowCount);
    expect(issues).toEqual([]);
  });
});
