// Invariant: the dialect is read from the file's own consistency — the delimiter that splits the
// first rows into equal widths (quotes honoured), the title lines above the header, and whether
// the first row names columns — and every non-obvious choice is reported as an issue.
import { describe, expect, it } from 'vitest';
import { sniffDialect } from '../../../src/engine/dataset/sniff-dialect.ts';
import type { Delimiter } from '../../../src/engine/dataset/types.ts';

const codes = (text: string): string[] => sniffDialect(text).issues.map((issue) => issue.code);

describe('sniffDialect(text): { dialect, issues }', () => {
  it.each<[string, string, Delimiter]>([
    ['commas', 'order_id,customer_id,amount\n1001,C001,12.50\n1002,C002,8.00\n', ','],
    ['semicolons with decimal commas', 'kunde;betrag;datum\nA;1,50;01.02.2024\nB;2,75;03.02.2024\nC;10,00;04.02.2024\n', ';'],
    ['tabs, values with spaces', 'name\tcity\tamount\nJohn Smith\tNew York\t12\nMary Ann Lee\tLos Angeles\t8\n', '\t'],
    ['pipes', 'a|b|c\n1|2|3\n4|5|6\n', '|'],
    ['commas, quoted fields holding semicolons and commas', 'id,note\n1,"a; b; c"\n2,"x, y; z"\n3,plain\n', ','],
    ['semicolons, quoted fields holding commas', 'id;address\n1;"Main St, 5"\n2;"Elm St, 7, back"\n', ';'],
    ['commas, a quoted field with an embedded newline', 'id,note,amount\n1,"two\nlines",3\n2,one,4\n', ','],
    ['commas, CR-only line ends (csvkit mac_newlines.csv)', 'a,b,c\r1,2,3\r"Once upon\ra time",5,6\r', ','],
    ['runs of spaces with leading spaces and CRLF (CDNOW)', '   00004 00001 19970101  2  29.33\r\n   00004 00001 19970118  2  29.73\r\n   00005 00002 19970101  1  11.77\r\n', 'whitespace'],
    ['a single column', 'a\n02/01/2014\n31/12/2012\n', ','],
  ])('picks the delimiter: %s', (_name, text, delimiter) => {
    expect(sniffDialect(text).dialect.delimiter).toBe(delimiter);
  });

  it('prefers the wider split when two delimiters are equally consistent (a comma inside every row of a ; file)', () => {
    expect(sniffDialect('id;name;amount;note\n1;Zhang, San;5;x\n2;Li, Si;6;y\n').dialect.delimiter).toBe(';');
  });

  it('keeps a one-column list of full names as one column instead of splitting on spaces', () => {
    expect(sniffDialect('Full Name\nJohn Smith\nMary Lee\n').dialect).toEqual({ delimiter: ',', skipLines: 0, hasHeader: true });
  });

  it('detects title and export lines above the header (Taobao/Excel export) and reports them', () => {
    const { dialect, issues } = sniffDialect('订单报表\n导出时间: 2024-01-01\n订单号,客户,金额\n2024031312345678901,张三,12.50\n2024031312345678902,李四,8.00\n');
    expect(dialect).toEqual({ delimiter: ',', skipLines: 2, hasHeader: true });
    expect(issues).toEqual([expect.objectContaining({ code: 'lines-skipped-above-header', severity: 'info', count: 2, lines: [1, 2] })]);
    expect(issues[0].message).toContain('订单报表');
  });

  it('detects a title line padded with delimiters to the full width, as Excel writes it', () => {
    const { dialect } = sniffDialect('订单报表,,\n导出时间:,2024-01-01,\n订单号,客户,金额\n1001,张三,12.50\n1002,李四,8.00\n');
    expect(dialect).toEqual({ delimiter: ',', skipLines: 2, hasHeader: true });
  });

  it.each<[string, string, number, boolean]>([
    ['a padded title above a two-column table', '报表,\n客户,金额\n张三,1\n', 1, true],
    ['a two-column text table (no title)', 'a,b\nc,d\ne,f\n', 0, true],
    ['a title above header-less numbers', 'Report 7\n1,2,3\n4,5,6\n', 1, false],
    ['a header with a trailing delimiter above data with one', 'a,b,c,\n1,2,3,\n4,5,6,\n', 0, true],
    ['a header without the trailing delimiter the data rows have', 'a,b,c\n1,2,3,\n4,5,6,\n', 0, true],
  ])('finds the header row: %s', (_name, text, skipLines, hasHeader) => {
    expect(sniffDialect(text).dialect).toEqual({ delimiter: ',', skipLines, hasHeader });
  });

  it('counts blank lines among the title lines in skipLines', () => {
    expect(sniffDialect('\n订单报表\n\n订单号,客户,金额\n1001,张三,12.50\n').dialect.skipLines).toBe(3);
  });

  it('leaves skipLines at 0 when only blank lines precede the header (parseRows reports them)', () => {
    const { dialect, issues } = sniffDialect('\n\n\na,b,c\n1,2,3\n');
    expect(dialect).toEqual({ delimiter: ',', skipLines: 0, hasHeader: true });
    expect(issues).toEqual([]);
  });

  it('does not take a sparse first data row for a title line', () => {
    expect(sniffDialect('1,,,\n2,3,4,5\n6,7,8,9\n').dialect).toEqual({ delimiter: ',', skipLines: 0, hasHeader: false });
  });

  it('detects a header-less file (CDNOW_sample: all-numeric first row) and reports no-header', () => {
    const { dialect, issues } = sniffDialect('   00004 00001 19970101  2  29.33\r\n   00004 00001 19970118  2  29.73\r\n');
    expect(dialect).toEqual({ delimiter: 'whitespace', skipLines: 0, hasHeader: false });
    expect(issues).toEqual([expect.objectContaining({ code: 'no-header', severity: 'info', lines: [1] })]);
    expect(issues[0].message).toContain('column_5');
  });

  it('reads a whitespace header above numeric rows (CDNOW_master)', () => {
    expect(sniffDialect(' customer_id  date number_of_cds  dollar_value\r\n   00001 19970101  1  11.77\r\n   00002 19970112  1  12.00\r\n').dialect).toEqual({
      delimiter: 'whitespace',
      skipLines: 0,
      hasHeader: true,
    });
  });

  it.each<[string, string, boolean]>([
    ['text names above a numeric column', 'customer,amount\nC001,12.50\nC002,8.00\n', true],
    ['text names above a date column', 'customer,signup\nalice,2024-01-02\nbob,2024-02-03\n', true],
    ['text names above text only, names distinct and not repeated below', 'first_name,last_name\nBrion,Stark\nEthyl,Botsford\n', true],
    ['a first row whose values repeat in their columns below', 'paid,north\npaid,south\nrefund,north\n', false],
    ['a first row with a repeated value and no typed column', 'x,x\ny,z\n', false],
    ['duplicate names above a numeric column (renamed later)', 'amount,amount\n1,2\n3,4\n', true],
    ['a numeric first row', '2023,2024\n1,2\n', false],
    ['a first row holding a date', 'alice,2024-01-02\nbob,2024-02-03\n', false],
    ['a first row holding money', 'alice,¥12.50\nbob,¥8.00\n', false],
    ['a header alone', 'order_id,customer_id\n', true],
    ['Chinese names above numbers', '客户,金额\n张三,100\n', true],
  ])('decides the header: %s → %s', (_name, text, hasHeader) => {
    expect(sniffDialect(text).dialect.hasHeader).toBe(hasHeader);
  });

  it('returns the default dialect and no issues for text without rows', () => {
    expect(sniffDialect('\n \n')).toEqual({ dialect: { delimiter: ',', skipLines: 0, hasHeader: true }, issues: [] });
  });

  it('sniffs only the start of a large file', () => {
    const rows = Array.from({ length: 50_000 }, (_, i) => `${i},C${i},${i}.50`);
    const text = `id,customer,amount\n${rows.join('\n')}\n`;
    expect(text.length).toBeGreaterThan(256 * 1024);
    expect(sniffDialect(text)).toEqual({ dialect: { delimiter: ',', skipLines: 0, hasHeader: true }, issues: [] });
  });

  it('reports nothing for an ordinary file', () => {
    expect(codes('a,b\n1,2\n')).toEqual([]);
  });
});

describe('sniffDialect(text, delimiter) — regressions from the import page', () => {
  it('picks ";" over "," for semicolon files with decimal commas', () => {
    const { dialect } = sniffDialect('customer_id;amount\n00004;12,50\n00005;3,00\n00006;7,25\n');
    expect(dialect).toEqual({ delimiter: ';', skipLines: 0, hasHeader: true });
  });

  it('detects the header for the delimiter the user chose', () => {
    const text = 'customer_id;amount\n00004;12,50\n00005;3,00\n';
    expect(sniffDialect(text, ';').dialect).toEqual({ delimiter: ';', skipLines: 0, hasHeader: true });
    expect(sniffDialect(text, ',').dialect.delimiter).toBe(',');
  });
});
