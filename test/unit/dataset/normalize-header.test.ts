// Invariant: header names become unique, non-empty and free of control characters, names as
// written win over generated ones, and every change is reported; otherwise names stay exactly
// as written (Chinese, inner spaces, `__proto__`).
import { describe, expect, it } from 'vitest';
import { normalizeHeader } from '../../../src/engine/dataset/normalize-header.ts';

const names = (input: string[]): string[] => normalizeHeader(input).names;
const codes = (input: string[]): string[] => normalizeHeader(input).issues.map((issue) => issue.code);

describe('normalizeHeader(names): { names, issues }', () => {
  it.each<[string, string[], string[]]>([
    ['keeps ordinary names', ['order_id', 'customer_id', 'paid_amount'], ['order_id', 'customer_id', 'paid_amount']],
    ['keeps Chinese names and inner spaces', ['订单号', '实付 金额'], ['订单号', '实付 金额']],
    ['keeps names that are Object.prototype keys', ['__proto__', 'constructor', 'toString', 'hasOwnProperty'], ['__proto__', 'constructor', 'toString', 'hasOwnProperty']],
    ['trims spaces, ideographic spaces and a stray BOM', [' a ', '\u3000金额\u3000', '\uFEFFid'], ['a', '金额', 'id']],
    ['names empty columns after their 1-based position', ['a', '', '  ', 'd'], ['a', 'column_2', 'column_3', 'd']],
    ['numbers repeats _2, _3', ['a', 'a', 'b', 'a'], ['a', 'a_2', 'b', 'a_3']],
    ['skips suffixes that are already names', ['a', 'a', 'a_2'], ['a', 'a_3', 'a_2']],
    ['lets a written name win over a generated one', ['', 'column_1'], ['column_1_2', 'column_1']],
    ['de-duplicates __proto__ like any other name', ['__proto__', '__proto__'], ['__proto__', '__proto___2']],
    ['treats names equal after trimming as repeats', ['a', ' a'], ['a', 'a_2']],
    ['replaces a run of control characters with one space (csvkit test_header_newline.csv)', ['\t\n\v\f\r start \t\n\v\f\r end \t\n\v\f\r', 'b', 'c'], ['start end', 'b', 'c']],
    ['reads a line break inside a name as a space', ['order\r\ndate', 'paid\u0085amount', 'x\u0000y'], ['order date', 'paid amount', 'x y']],
    ['names a column that held only control characters', ['\n', 'b'], ['column_1', 'b']],
  ])('%s', (_name, input, output) => {
    expect(names(input)).toEqual(output);
  });

  it('reports nothing when nothing changes', () => {
    expect(normalizeHeader(['a', 'b'])).toEqual({ names: ['a', 'b'], issues: [] });
  });

  it('reports each kind of change once, with how many names it concerns', () => {
    const { issues } = normalizeHeader([' a', 'b\n', '', 'c', 'c', 'c', '']);
    expect(issues).toEqual([
      expect.objectContaining({ code: 'header-control-characters', severity: 'info', count: 1 }),
      expect.objectContaining({ code: 'header-trimmed', severity: 'info', count: 1 }),
      expect.objectContaining({ code: 'header-empty', severity: 'info', count: 2, message: 'Named 2 unnamed columns after their positions: column_3, column_7.' }),
      expect.objectContaining({ code: 'header-duplicate', severity: 'info', count: 2, message: 'Renamed repeated column names: “c” → “c_2”, “c” → “c_3”.' }),
    ]);
  });

  it.each<[string[], string[]]>([
    [['a '], ['header-trimmed']],
    [['a\tb'], ['header-control-characters']],
    [[''], ['header-empty']],
    [['x', 'x'], ['header-duplicate']],
  ])('reports %j as %j', (input, expected) => {
    expect(codes(input)).toEqual(expected);
  });

  it('returns an empty list for no names', () => {
    expect(normalizeHeader([])).toEqual({ names: [], issues: [] });
  });
});
