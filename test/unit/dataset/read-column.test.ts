// Invariant: every raw column becomes a typed column whose cells are exactly what was written
// (or NULL, counted and located as a bad cell), ids stay text, and every guess the importer makes
// about a column is reported as an issue.
import { describe, expect, it } from 'vitest';
import { isImportError } from '../../../src/engine/dataset/import-error.ts';
import { readColumn, type ReadColumnOptions, type ReadColumnResult } from '../../../src/engine/dataset/read-column.ts';
import type { Column, ColumnSpec, ImportIssue, IssueCode, RawTable } from '../../../src/engine/dataset/types.ts';

const DAY = 86_400_000;

/** A RawTable over string cells; data row r sits on line r + 2 (the header is line 1). */
function rawTable(header: string[], rows: (string | null)[][]): RawTable {
  return {
    header,
    rowCount: rows.length,
    columnCount: header.length,
    cell: (column, row) => rows[row][column] ?? null,
    lineNumbers: Int32Array.from(rows, (_, r) => r + 2),
    fieldCounts: Int32Array.from(rows, (cells) => cells.length),
    extraFields: () => null,
  };
}

/** Reads a one-column table holding `cells`. */
function read(cells: (string | null)[], options: Partial<ReadColumnOptions> & { header?: string } = {}): ReadColumnResult {
  const header = options.header ?? 'value';
  return readColumn(rawTable([header], cells.map((c) => [c])), 0, header, { timeZone: 'UTC', ...options });
}

/** The cells of a built column as plain values: strings, numbers, or null. */
function valuesOf(column: Column): (string | number | null)[] {
  if (column.type === 'text') return Array.from(column.codes, (code) => (code < 0 ? null : column.dictionary[code]));
  return Array.from(column.values, (v) => (Number.isNaN(v) ? null : v));
}

function issue(result: ReadColumnResult, code: IssueCode): ImportIssue | undefined {
  return result.issues.find((i) => i.code === code);
}

describe('readColumn(raw, columnIndex, name, options): inferred types', () => {
  const cases: [string, (string | null)[], ColumnSpec['type'], (string | number | null)[]][] = [
    ['reads small whole numbers as integer', ['1', '2', '-3'], 'integer', [1, 2, -3]],
    ['reads 1 and 0 as integer, not boolean', ['1', '0', '1'], 'integer', [1, 0, 1]],
    ['reads a column with one decimal as decimal', ['1.5', '2', '3'], 'decimal', [1.5, 2, 3]],
    ['reads percentages as a decimal column', ['12.5%', '3%', '100%'], 'decimal', [0.125, 0.03, 1]],
    ['reads money in every written form', ['¥1,234.50', '￥１，２３４', 'RMB 12', '(12.50)', '12.50-', '1234.5元', '$3'], 'decimal', [1234.5, 1234, 12, -12.5, -12.5, 1234.5, 3]],
    ['reads 1e5 as the decimal 100000', ['1e5', '2'], 'decimal', [100000, 2]],
    ['keeps hex as text', ['0x1F', '0x20'], 'text', ['0x1F', '0x20']],
    ['reads 0 and 0.5 as numbers (no leading zeros)', ['0', '0.5'], 'decimal', [0, 0.5]],
    ['reads 1,7 and 0,5 with a comma decimal separator', ['1,7', '0,5', '12'], 'decimal', [1.7, 0.5, 12]],
    ['reads 1.234,5 and 200.000.000 with a comma decimal separator', ['1.234,5', '200.000.000'], 'decimal', [1234.5, 200000000]],
    ['reads 1,234 alone as a thousands separator', ['1,234', '5,000'], 'integer', [1234, 5000]],
    ['reads 1,5 and 1,500 together with a comma decimal separator', ['1,5', '1,500', '2,25'], 'decimal', [1.5, 1.5, 2.25]],
    ['reads true/false words as boolean', ['true', 'FALSE', 'yes', 'N', '是', '否', 'T', 'f'], 'boolean', [1, 0, 1, 0, 1, 0, 1, 0]],
    ['reads ISO dates as date', ['2019-03-13', '2019/3/14', '2019.3.15', '2019年3月16日'], 'date', [17968, 17969, 17970, 17971]],
    ['reads a column with one time as datetime (dates at midnight)', ['2019-03-13', '2019-03-13 10:05'], 'datetime', [17968 * DAY, 17968 * DAY + 36_300_000]],
    ['keeps words as text', ['apple', 'pear'], 'text', ['apple', 'pear']],
    ['keeps a column of only null tokens as text', ['NA', 'NA', ''], 'text', ['NA', 'NA', null]],
    ['keeps an empty column as text', ['', ' ', null], 'text', [null, null, null]],
    ['reads null tokens as NULL in a number column', ['1', 'NA', 'N/A', 'n/a', '-', '.', 'NaN', '#N/A', 'None', 'null', 'NULL', '', '  ', null], 'integer', [1, null, null, null, null, null, null, null, null, null, null, null, null, null]],
  ];
  it.each(cases)('%s', (_, cells, type, expected) => {
    const result = read(cells);
    expect(result.summary.inferredType).toBe(type);
    expect(result.summary.spec.type).toBe(type);
    expect(result.column.type).toBe(type);
    const values = valuesOf(result.column);
    expected.forEach((value, i) => {
      if (typeof value === 'number') expect(values[i]).toBeCloseTo(value, 9);
      else expect(values[i]).toBe(value);
    });
    expect(values).toHaveLength(expected.length);
  });

  it('checks reads of ISO dates against Date.UTC', () => {
    const result = read(['2019-03-13', '1969-12-31', '2020-02-29']);
    expect(valuesOf(result.column)).toEqual([Date.UTC(2019, 2, 13) / DAY, Date.UTC(1969, 11, 31) / DAY, Date.UTC(2020, 1, 29) / DAY]);
  });

  it('counts null cells and reports no issue for them', () => {
    const result = read(['1', 'NA', '', '3']);
    expect(result.summary).toMatchObject({ nullCount: 2, badCount: 0 });
    expect(result.issues).toEqual([]);
  });
});

describe('readColumn: the 95% rule and bad cells', () => {
  const twenty = (bad: number): string[] => Array.from({ length: 20 }, (_, i) => (i < 20 - bad ? String(i + 1) : `oops${i}`));

  it('keeps a column with 1 bad cell in 20 numeric and reports it', () => {
    const result = read(twenty(1));
    expect(result.summary.spec.type).toBe('integer');
    expect(result.summary.badCount).toBe(1);
    expect(issue(result, 'bad-cells')).toMatchObject({ severity: 'warning', column: 'value', count: 1, lines: [21] });
    expect(issue(result, 'bad-cells')?.message).toContain('“oops19”');
  });

  it('makes a column with 2 bad cells in 20 text', () => {
    const result = read(twenty(2));
    expect(result.summary.spec.type).toBe('text');
    expect(result.issues).toEqual([]);
  });

  it('reports 2019-02-30 as a bad cell with its line', () => {
    const cells = Array.from({ length: 30 }, (_, i) => `2019-01-${String(i + 1).padStart(2, '0')}`);
    cells[17] = '2019-02-30';
    const result = read(cells);
    expect(result.summary.spec.type).toBe('date');
    expect(valuesOf(result.column)[17]).toBeNull();
    expect(issue(result, 'bad-cells')).toMatchObject({ count: 1, lines: [19] });
    expect(issue(result, 'bad-cells')?.message).toContain('2019-02-30');
  });

  it('lists at most 10 lines of bad cells but counts them all', () => {
    const cells = Array.from({ length: 400 }, (_, i) => (i % 25 === 0 ? 'x' : String(i)));
    const result = read(cells);
    expect(issue(result, 'bad-cells')).toMatchObject({ count: 16, lines: [2, 27, 52, 77, 102, 127, 152, 177, 202, 227] });
  });

  it('is not fooled by text after the first 5% of a column', () => {
    const cells = [...Array.from({ length: 100 }, () => 'word'), ...Array.from({ length: 1000 }, (_, i) => String(i))];
    expect(read(cells).summary.spec.type).toBe('text');
    const late = [...Array.from({ length: 1000 }, (_, i) => String(i)), ...Array.from({ length: 100 }, () => 'word')];
    expect(read(late).summary.spec.type).toBe('text');
  });
});

describe('readColumn: identifiers stay text', () => {
  it('keeps 00004 as text and says why', () => {
    const result = read(['00004', '00012', '00100']);
    expect(result.summary.spec.type).toBe('text');
    expect(valuesOf(result.column)).toEqual(['00004', '00012', '00100']);
    expect(issue(result, 'id-kept-as-text')).toMatchObject({ severity: 'info', count: 3 });
    expect(issue(result, 'id-kept-as-text')?.message).toContain('leading zeros');
  });

  it('keeps 19-digit order numbers as text, exactly as written', () => {
    const result = read(['2019031312345678901', '2019031312345678902']);
    expect(result.summary.spec.type).toBe('text');
    expect(valuesOf(result.column)).toEqual(['2019031312345678901', '2019031312345678902']);
    expect(issue(result, 'id-kept-as-text')?.message).toContain('more than 15 digits');
  });

  it.each(['customer_id', 'CustomerID', 'order_no', '订单号', 'sku'])('keeps numbers under the header %j as text', (header) => {
    const result = read(['12', '34'], { header });
    expect(result.summary).toMatchObject({ inferredType: 'text', spec: { type: 'text' } });
    expect(issue(result, 'id-kept-as-text')?.message).toContain('name looks like an identifier');
  });

  it('does not report id-kept-as-text for ids that do not look numeric', () => {
    const result = read(['C0012345', 'C0012346'], { header: 'customer_id' });
    expect(result.summary.spec.type).toBe('text');
    expect(result.issues).toEqual([]);
  });

  it('warns about 17850.0-style ids and keeps them as written', () => {
    const result = read(['17850.0', '13047.0', '', '17850.0'], { header: 'CustomerID' });
    expect(valuesOf(result.column)).toEqual(['17850.0', '13047.0', null, '17850.0']);
    expect(issue(result, 'id-decimal-artifact')).toMatchObject({ severity: 'warning', count: 3, lines: [2, 3, 5] });
  });

  it('warns about ids in scientific notation with count and lines', () => {
    const result = read(['2019031312345678901', '2.01903E+18', '2.01903E+18'], { header: 'order_id' });
    expect(issue(result, 'id-scientific-notation')).toMatchObject({ severity: 'warning', count: 2, lines: [3, 4] });
    expect(issue(result, 'id-scientific-notation')?.message).toContain('2.01903E+18');
  });

  it('finds id artifacts in a numeric column kept as text by its values', () => {
    const result = read(['00017.0', '00018.0']);
    expect(issue(result, 'id-decimal-artifact')).toMatchObject({ count: 2 });
  });

  it('counts >15-digit ids as bad cells under an integer override instead of rounding them', () => {
    const result = read(['2019031312345678901', '42'], { header: 'order_id', override: { type: 'integer' } });
    expect(result.summary).toMatchObject({ inferredType: 'text', spec: { type: 'integer' }, badCount: 1 });
    expect(valuesOf(result.column)).toEqual([null, 42]);
    expect(issue(result, 'bad-cells')?.message).toContain('2^53');
    expect(issue(result, 'id-kept-as-text')).toBeUndefined();
  });

  it('reads 16-digit ids under an integer override only when they are safe integers', () => {
    const result = read(['9007199254740991', '9007199254740993'], { override: { type: 'integer' } });
    expect(valuesOf(result.column)).toEqual([9007199254740991, null]);
  });

  it('reads 17850.0 as 17850 under an integer override but 12.5 as a bad cell', () => {
    const result = read(['17850.0', '12.5'], { header: 'CustomerID', override: { type: 'integer' } });
    expect(valuesOf(result.column)).toEqual([17850, null]);
    expect(result.summary.badCount).toBe(1);
  });

  it('still reads a boolean column under an id-like header as boolean', () => {
    expect(read(['true', 'false'], { header: 'is_mobile' }).summary.spec.type).toBe('boolean');
  });
});

describe('readColumn: dates', () => {
  it('reads 13/03/2019 as day/month/year', () => {
    const result = read(['13/03/2019', '02/01/2014']);
    expect(result.summary.spec).toEqual({ type: 'date', dateOrder: 'dmy' });
    expect(valuesOf(result.column)).toEqual([Date.UTC(2019, 2, 13) / DAY, Date.UTC(2014, 0, 2) / DAY]);
    expect(result.issues).toEqual([]);
  });

  it('reads 03/13/2019 as month/day/year', () => {
    const result = read(['03/13/2019', '02/01/2014']);
    expect(result.summary.spec).toEqual({ type: 'date', dateOrder: 'mdy' });
    expect(valuesOf(result.column)).toEqual([Date.UTC(2019, 2, 13) / DAY, Date.UTC(2014, 1, 1) / DAY]);
  });

  it('keeps a column with both 13/03/2019 and 03/13/2019 as text', () => {
    expect(read(['13/03/2019', '03/13/2019']).summary.spec.type).toBe('text');
  });

  it('reads ambiguous slash dates month first and warns, naming the alternative', () => {
    const result = read(['03/04/2019', '05/06/2019']);
    expect(result.summary.spec).toEqual({ type: 'date', dateOrder: 'mdy' });
    expect(valuesOf(result.column)[0]).toBe(Date.UTC(2019, 2, 4) / DAY);
    const warning = issue(result, 'date-order-ambiguous');
    expect(warning).toMatchObject({ severity: 'warning', count: 2 });
    expect(warning?.message).toContain('“03/04/2019”');
    expect(warning?.message).toContain('Choose day/month/year');
  });

  it('does not warn about the order when the user chose it', () => {
    const result = read(['03/04/2019'], { override: { dateOrder: 'dmy' } });
    expect(valuesOf(result.column)).toEqual([Date.UTC(2019, 3, 3) / DAY]);
    expect(issue(result, 'date-order-ambiguous')).toBeUndefined();
  });

  it('reads a day/month column with one impossible date as a bad cell', () => {
    const cells = [...Array.from({ length: 25 }, (_, i) => `${i + 1}/03/2019`), '31/02/2019'];
    const result = read(cells);
    expect(result.summary.spec).toMatchObject({ type: 'date', dateOrder: 'dmy' });
    expect(issue(result, 'bad-cells')).toMatchObject({ count: 1, lines: [27] });
  });

  it('treats 8-digit yyyymmdd numbers as integers and suggests a date', () => {
    const result = read(['19970101', '19970118', '19971212']);
    expect(result.summary).toMatchObject({ inferredType: 'integer', suggestedSpec: { type: 'date', dateFormat: 'yyyymmdd' } });
    expect(issue(result, 'date-yyyymmdd-suggested')).toMatchObject({ severity: 'info' });
  });

  it('does not suggest yyyymmdd when one value is not a date', () => {
    const result = read(['19970101', '19971301']);
    expect(result.summary.suggestedSpec).toBeUndefined();
    expect(issue(result, 'date-yyyymmdd-suggested')).toBeUndefined();
  });

  it('reads yyyymmdd numbers as dates when the user chooses it', () => {
    const result = read(['19970101', '20121231', '20190229'], { override: { type: 'date', dateFormat: 'yyyymmdd' } });
    expect(result.summary.spec).toEqual({ type: 'date', dateFormat: 'yyyymmdd' });
    expect(valuesOf(result.column)).toEqual([Date.UTC(1997, 0, 1) / DAY, Date.UTC(2012, 11, 31) / DAY, null]);
    expect(issue(result, 'bad-cells')).toMatchObject({ count: 1, lines: [4] });
    expect(issue(result, 'date-yyyymmdd-suggested')).toBeUndefined();
  });

  it('reads Excel serials only when the user chooses it', () => {
    expect(read(['43537', '43538.5']).summary.spec.type).toBe('decimal');
    const result = read(['43537', '43538.5', '60'], { override: { type: 'datetime', dateFormat: 'excel-serial' } });
    expect(valuesOf(result.column)).toEqual([Date.UTC(2019, 2, 13), Date.UTC(2019, 2, 14, 12), null]);
    const asDates = read(['43537', '25569'], { override: { type: 'date', dateFormat: 'excel-serial' } });
    expect(valuesOf(asDates.column)).toEqual([Date.UTC(2019, 2, 13) / DAY, 0]);
  });

  it('drops the time of day when the user chooses date for date-times', () => {
    const result = read(['2019-03-13 10:05', '2019-03-14 23:59'], { override: { type: 'date' } });
    expect(result.summary.inferredType).toBe('datetime');
    expect(valuesOf(result.column)).toEqual([Date.UTC(2019, 2, 13) / DAY, Date.UTC(2019, 2, 14) / DAY]);
  });
});

describe('readColumn: time zones', () => {
  /** Wall clock of an instant in a zone, read independently with Intl. */
  function intlWallClock(instant: number, timeZone: string): number {
    const parts = new Intl.DateTimeFormat('en-GB', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
    }).formatToParts(instant);
    const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
    return Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  }

  const cells = ['2024-03-10T06:30:00Z', '2024-03-10T07:30:00Z', '2024-11-03T05:30:00Z', '2024-11-03T06:30:00+00:00', '2019-03-13T10:05:22+08:00'];
  const instants = [Date.UTC(2024, 2, 10, 6, 30), Date.UTC(2024, 2, 10, 7, 30), Date.UTC(2024, 10, 3, 5, 30), Date.UTC(2024, 10, 3, 6, 30), Date.UTC(2019, 2, 13, 2, 5, 22)];

  it.each(['Asia/Shanghai', 'America/New_York', 'UTC'])('converts values with offsets into %s wall-clock time', (timeZone) => {
    const result = read(cells, { timeZone });
    expect(result.summary.spec.type).toBe('datetime');
    expect(valuesOf(result.column)).toEqual(instants.map((t) => intlWallClock(t, timeZone)));
    expect(issue(result, 'date-zone-converted')).toMatchObject({ severity: 'info', count: 5 });
    expect(result.issues.filter((i) => i.code === 'date-zone-converted')).toHaveLength(1);
  });

  it('leaves values without an offset as written', () => {
    const result = read(['2019-03-13 10:05:22'], { timeZone: 'America/New_York' });
    expect(valuesOf(result.column)).toEqual([Date.UTC(2019, 2, 13, 10, 5, 22)]);
    expect(issue(result, 'date-zone-converted')).toBeUndefined();
  });

  it('buckets a converted value into the day of the workspace zone', () => {
    const result = read(['2019-03-13T20:00:00Z'], { timeZone: 'Asia/Shanghai', override: { type: 'date' } });
    expect(valuesOf(result.column)).toEqual([Date.UTC(2019, 2, 14) / DAY]);
  });

  it('throws a bad-option ImportError for an unknown zone', () => {
    expect(() => read(['1'], { timeZone: 'Mars/Olympus' })).toThrow(/time zone/);
    try {
      read(['1'], { timeZone: 'Mars/Olympus' });
    } catch (error) {
      expect(isImportError(error) && error.code).toBe('bad-option');
    }
  });
});

describe('readColumn: text columns', () => {
  it('dictionary-encodes text in first-seen order, keeping whitespace and null tokens as written', () => {
    const result = read([' a', 'b', ' a', 'NA', '', 'b ', null]);
    expect(result.column).toMatchObject({ type: 'text', name: 'value', dictionary: [' a', 'b', 'NA', 'b '] });
    expect(Array.from((result.column as { codes: Int32Array }).codes)).toEqual([0, 1, 0, 2, -1, 3, -1]);
    expect(result.summary.nullCount).toBe(2);
  });

  it('keeps numbers as written when the user chooses text', () => {
    const result = read(['1.50', '2'], { override: { type: 'text' } });
    expect(result.summary).toMatchObject({ inferredType: 'decimal', spec: { type: 'text' } });
    expect(valuesOf(result.column)).toEqual(['1.50', '2']);
  });
});

describe('readColumn: overrides and summary', () => {
  it('reports the original header, up to five distinct examples, and the counts', () => {
    const raw = rawTable([' Amount '], [['1'], ['2'], ['2'], [''], ['3'], ['4'], ['5'], ['6'], ['x']].map((r) => r));
    const result = readColumn(raw, 0, 'amount', { timeZone: 'UTC' });
    expect(result.summary).toMatchObject({
      name: 'amount',
      originalName: ' Amount ',
      inferredType: 'text',
      examples: ['1', '2', '3', '4', '5'],
      nullCount: 1,
      badCount: 0,
    });
  });

  it('merges the override over the inferred spec', () => {
    const result = read(['1,5', '2,25'], { override: { type: 'decimal' } });
    expect(result.summary.spec).toEqual({ type: 'decimal', decimalSeparator: ',' });
    const forced = read(['1.234', '2,5', '2.5'], { override: { type: 'decimal', decimalSeparator: ',' } });
    expect(forced.summary.spec).toEqual({ type: 'decimal', decimalSeparator: ',' });
    expect(valuesOf(forced.column)).toEqual([1234, 2.5, null]);
  });

  it('reads 1 and 0 as booleans when the user chooses boolean', () => {
    const result = read(['1', '0', 'yes', '2'], { override: { type: 'boolean' } });
    expect(valuesOf(result.column)).toEqual([1, 0, 1, null]);
    expect(result.summary.badCount).toBe(1);
  });

  it('rereads a text column fully under a type override', () => {
    const cells = [...Array.from({ length: 50 }, () => 'x'), ...Array.from({ length: 50 }, (_, i) => String(i))];
    const result = read(cells, { override: { type: 'integer' } });
    expect(result.summary.badCount).toBe(50);
    expect(valuesOf(result.column).slice(50)).toEqual(Array.from({ length: 50 }, (_, i) => i));
  });

  it('reads only the selected rows and reports their own lines', () => {
    const raw = rawTable(['n'], [['1'], ['bad'], ['2'], ['3']]);
    raw.lineNumbers.set([2, 5, 9, 12]);
    const result = readColumn(raw, 0, 'n', { timeZone: 'UTC', rows: Int32Array.of(0, 2, 3) });
    expect(valuesOf(result.column)).toEqual([1, 2, 3]);
    const withBad = readColumn(rawTable(['n'], Array.from({ length: 30 }, (_, i) => [i === 7 ? 'bad' : String(i)])), 0, 'n', {
      timeZone: 'UTC',
      rows: Int32Array.from({ length: 29 }, (_, i) => i + 1),
    });
    expect(issue(withBad, 'bad-cells')).toMatchObject({ count: 1, lines: [9] });
  });

  it('reads columns longer than a block like short ones, quoting cells and lines by index', () => {
    // 100k rows span several blocks of cells and pass the encoder's uniqueness check.
    const n = 100_000;
    const rows = Int32Array.from({ length: n - 1 }, (_, i) => (i < 50_000 ? i : i + 1));
    const numbers = rawTable(['n'], Array.from({ length: n }, (_, i) => [i === 70_001 ? 'oops' : i === 50_000 ? 'gone' : String(i)]));
    const typed = readColumn(numbers, 0, 'n', { timeZone: 'UTC', rows });
    expect(typed.summary).toMatchObject({ spec: { type: 'integer' }, badCount: 1 });
    expect(issue(typed, 'bad-cells')).toMatchObject({ count: 1, lines: [70_003] });
    expect(issue(typed, 'bad-cells')?.message).toContain('“oops”');

    const ids = Array.from({ length: n }, (_, i) => [i === 90_000 ? '17850.0' : i % 10 === 0 ? '' : `${1e18 + i * 7919}`]);
    const idColumn = readColumn(rawTable(['order_id'], ids), 0, 'order_id', { timeZone: 'UTC' });
    expect(idColumn.summary).toMatchObject({ spec: { type: 'text' }, nullCount: n / 10 - 1 });
    expect(valuesOf(idColumn.column)).toEqual(ids.map(([text]) => text || null));
    expect(issue(idColumn, 'id-decimal-artifact')).toMatchObject({ count: 1, lines: [90_002] });
    expect(issue(idColumn, 'id-decimal-artifact')?.message).toContain('“17850.0”');

    const words = Array.from({ length: n }, (_, i) => [i % 7 === 0 ? ' ' : `w${i % 5000}`]);
    const text = readColumn(rawTable(['w'], words), 0, 'w', { timeZone: 'UTC' });
    expect(valuesOf(text.column)).toEqual(words.map(([word]) => (word === ' ' ? null : word)));
  });

  it('reads the chosen column of a wider table', () => {
    const raw = rawTable(['a', 'b'], [['x', '1'], ['y', '2']]);
    const result = readColumn(raw, 1, 'b', { timeZone: 'UTC' });
    expect(result.column).toMatchObject({ name: 'b', type: 'integer' });
    expect(result.summary.originalName).toBe('b');
  });

  it('reads a table without rows as an empty text column', () => {
    const result = readColumn(rawTable(['a'], []), 0, 'a', { timeZone: 'UTC' });
    expect(result.summary).toMatchObject({ inferredType: 'text', nullCount: 0, badCount: 0, examples: [] });
    expect(valuesOf(result.column)).toEqual([]);
  });

  it('reads cells missing from short rows as NULL', () => {
    const raw = rawTable(['a', 'b'], [['1', '2'], ['3']]);
    expect(valuesOf(readColumn(raw, 1, 'b', { timeZone: 'UTC' }).column)).toEqual([2, null]);
  });

  it('shortens long cells quoted in messages', () => {
    const long = 'x'.repeat(500);
    const result = read([...Array.from({ length: 30 }, (_, i) => String(i)), long]);
    expect(issue(result, 'bad-cells')?.message).toContain(`“${'x'.repeat(39)}…”`);
  });

  it('rejects an override value no UI offers', () => {
    expect(() => read(['1'], { override: { type: 'money' as never } })).toThrow(/not a valid type/);
  });
});
