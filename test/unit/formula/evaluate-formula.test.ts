// Invariant (SPEC §4): every operator and function means what FUNCTION_HELP says, NULL propagates
// as in SQL, and the SQL path gives the same answer as the typed-array path for each case.
import { describe, expect, it } from 'vitest';
import type { Column } from '../../../src/engine/dataset/types.ts';
import { parseIsoDay } from '../../../src/engine/formula/civil-date.ts';
import { compileFormula, type FormulaParameter } from '../../../src/engine/formula/index.ts';
import { bothWays, cellsAgree, numberColumn, runGrouped, scopeOf, textColumn, type Cell } from './formula-harness.ts';

const day = (s: string) => parseIsoDay(s);
const at = (s: string) => Date.parse(`${s.replace(' ', 'T')}Z`);

const columns: Column[] = [
  numberColumn('i', 'integer', [1, -7, 0, null, 3, 3]),
  numberColumn('x', 'decimal', [1.005, 2.5, -2.5, null, 0.125, 0]),
  textColumn('t', ['a', 'B', '客户', null, '', ' x ']),
  numberColumn('b', 'boolean', [true, false, null, true, false, true]),
  numberColumn('d', 'date', [day('2024-03-01'), day('2024-02-29'), day('1970-01-01'), null, day('2023-12-31'), day('2024-03-01')]),
  numberColumn('ts', 'datetime', [at('2024-03-01 23:59:59'), at('2024-03-02 00:00:00.500'), null, at('1969-12-31 12:00:00'), at('2024-01-01 00:00:00'), at('2024-03-01 00:00:00')]),
  textColumn('id', ['c', 'a', 'f', 'b', 'e', 'd']),
  textColumn('实付 金额', ['1', '2', '3', '4', '5', '6']),
];
const parameters: FormulaParameter[] = [
  { name: 'as_of', type: 'date', value: day('2024-03-10') },
  { name: 'window', type: 'number', value: 2 },
  { name: 'label', type: 'text', value: 'vip' },
];

const N = null;
const CASES: [string, Cell[]][] = [
  // literals and names
  ['12', [12, 12, 12, 12, 12, 12]],
  ['1e3 + .5', [1000.5, 1000.5, 1000.5, 1000.5, 1000.5, 1000.5]],
  ['"say ""hi"""', ['say "hi"', 'say "hi"', 'say "hi"', 'say "hi"', 'say "hi"', 'say "hi"']],
  ["'it''s'", ["it's", "it's", "it's", "it's", "it's", "it's"]],
  ['TRUE', [1, 1, 1, 1, 1, 1]],
  ['false', [0, 0, 0, 0, 0, 0]],
  ['NULL', [N, N, N, N, N, N]],
  ['I', [1, -7, 0, N, 3, 3]],
  ['[实付 金额]', ['1', '2', '3', '4', '5', '6']],
  ['`实付 金额`', ['1', '2', '3', '4', '5', '6']],
  ['window * 10', [20, 20, 20, 20, 20, 20]],
  ['label & "!"', ['vip!', 'vip!', 'vip!', 'vip!', 'vip!', 'vip!']],
  // arithmetic
  ['i + 1', [2, -6, 1, N, 4, 4]],
  ['i - x', [-0.00499999999999989, -9.5, 2.5, N, 2.875, 3]],
  ['i * 2', [2, -14, 0, N, 6, 6]],
  ['7 / 2', [3.5, 3.5, 3.5, 3.5, 3.5, 3.5]],
  ['i / 2', [0.5, -3.5, 0, N, 1.5, 1.5]],
  ['1 / i', [1, -1 / 7, N, N, 1 / 3, 1 / 3]],
  ['i % 3', [1, -1, 0, N, 0, 0]],
  ['7.5 % 2', [1.5, 1.5, 1.5, 1.5, 1.5, 1.5]],
  ['x % 0', [N, N, N, N, N, N]],
  ['-i', [-1, 7, 0, N, -3, -3]],
  ['2 + 3 * 4 - 6 / 3', [12, 12, 12, 12, 12, 12]],
  ['(2 + 3) * 4', [20, 20, 20, 20, 20, 20]],
  ['- 2 * 3', [-6, -6, -6, -6, -6, -6]],
  // text
  ['t & "|"', ['a|', 'B|', '客户|', N, '|', ' x |']],
  ['"#" & i', ['#1', '#-7', '#0', N, '#3', '#3']],
  ['t < "a"', [0, 1, 0, N, 1, 1]],
  ['t > "z"', [0, 0, 1, N, 0, 0]],
  ['"\uE000" > "😀"', [0, 0, 0, 0, 0, 0]],
  ['t = ""', [0, 0, 0, N, 1, 0]],
  ['t <> "a"', [0, 1, 1, N, 1, 1]],
  ['t != "a"', [0, 1, 1, N, 1, 1]],
  // comparison and logic
  ['i > 0', [1, 0, 0, N, 1, 1]],
  ['i >= 3', [0, 0, 0, N, 1, 1]],
  ['i <= 0', [0, 1, 1, N, 0, 0]],
  ['i == 3', [0, 0, 0, N, 1, 1]],
  ['b AND i > 0', [1, 0, 0, N, 0, 1]],
  ['b OR i > 0', [1, 0, N, 1, 1, 1]],
  ['NOT b', [0, 1, N, 0, 1, 0]],
  ['NULL AND FALSE', [0, 0, 0, 0, 0, 0]],
  ['NULL OR TRUE', [1, 1, 1, 1, 1, 1]],
  ['NOT i = 3', [1, 1, 1, N, 0, 0]],
  ['b = TRUE', [1, 0, N, 1, 0, 1]],
  ['i BETWEEN 0 AND 3', [1, 0, 1, N, 1, 1]],
  ['i NOT BETWEEN 0 AND 3', [0, 1, 0, N, 0, 0]],
  ['i IN (1, 3)', [1, 0, 0, N, 1, 1]],
  ['i NOT IN (1, 3)', [0, 1, 1, N, 0, 0]],
  ['i IN (1, NULL)', [1, N, N, N, N, N]],
  ['i NOT IN (1, NULL)', [0, N, N, N, N, N]],
  ['t IN ("a", "客户")', [1, 0, 1, N, 0, 0]],
  ['i IS NULL', [0, 0, 0, 1, 0, 0]],
  ['t IS NOT NULL', [1, 1, 1, 0, 1, 1]],
  ['i > 0 and x > 0 or b', [1, 0, N, 1, 1, 1]],
  // conditionals
  ['IF(i > 0, "pos", "other")', ['pos', 'other', 'other', 'other', 'pos', 'pos']],
  ['IF(b, i, NULL)', [1, N, N, N, N, 3]],
  ['IFS(i > 2, "big", i > 0, "small")', ['small', N, N, N, 'big', 'big']],
  ['IFS(i > 2, "big", i > 0, "small", "none")', ['small', 'none', 'none', 'none', 'big', 'big']],
  ['CASE WHEN i > 2 THEN 2 WHEN i > 0 THEN 1 ELSE 0 END', [1, 0, 0, 0, 2, 2]],
  ['CASE WHEN i > 2 THEN 2 END', [N, N, N, N, 2, 2]],
  ['case i when 3 then "three" when -7 then "minus" else "?" end', ['?', 'minus', '?', '?', 'three', 'three']],
  ['COALESCE(i, x, 0)', [1, -7, 0, 0, 3, 3]],
  ['COALESCE(t, "none")', ['a', 'B', '客户', 'none', '', ' x ']],
  // math
  ['ROUND(x, 2)', [1.01, 2.5, -2.5, N, 0.13, 0]],
  ['ROUND(x)', [1, 3, -3, N, 0, 0]],
  ['ROUND(1234.5, -2)', [1200, 1200, 1200, 1200, 1200, 1200]],
  ['ROUND(-1250, -2)', [-1300, -1300, -1300, -1300, -1300, -1300]],
  ['ROUND(0.285, 2)', [0.29, 0.29, 0.29, 0.29, 0.29, 0.29]],
  ['ROUND(-0.4)', [0, 0, 0, 0, 0, 0]],
  ['FLOOR(x)', [1, 2, -3, N, 0, 0]],
  ['CEIL(x)', [2, 3, -2, N, 1, 0]],
  ['ABS(i)', [1, 7, 0, N, 3, 3]],
  ['SQRT(i)', [1, N, 0, N, Math.sqrt(3), Math.sqrt(3)]],
  ['POWER(i, 2)', [1, 49, 0, N, 9, 9]],
  ['POWER(-8, 0.5)', [N, N, N, N, N, N]],
  ['POWER(NULL, 0)', [N, N, N, N, N, N]],
  ['LN(i)', [0, N, N, N, Math.log(3), Math.log(3)]],
  ['LOG10(1000)', [3, 3, 3, 3, 3, 3]],
  ['LOG(8, 2)', [3, 3, 3, 3, 3, 3]],
  ['LOG(8, 1)', [N, N, N, N, N, N]],
  ['EXP(0)', [1, 1, 1, 1, 1, 1]],
  ['EXP(1000)', [N, N, N, N, N, N]],
  ['MIN(i, x)', [1, -7, -2.5, N, 0.125, 0]],
  ['MAX(i, x, 2)', [2, 2.5, 2, 2, 3, 3]],
  ['MAX(t, "b")', ['b', 'b', '客户', 'b', 'b', 'b']],
  // text functions
  ['LEFT(t, 1)', ['a', 'B', '客', N, '', ' ']],
  ['LEFT(t, 0)', ['', '', '', N, '', '']],
  ['RIGHT(t, 2)', ['a', 'B', '客户', N, '', 'x ']],
  ['RIGHT("a😀b", 2)', ['😀b', '😀b', '😀b', '😀b', '😀b', '😀b']],
  ['MID(t, 2, 1)', ['', '', '户', N, '', 'x']],
  ['MID(t, 2)', ['', '', '户', N, '', 'x ']],
  ['SUBSTR("2024-03-01", 6, 2)', ['03', '03', '03', '03', '03', '03']],
  ['MID("abc", 0, 1)', [N, N, N, N, N, N]],
  ['LEN(t)', [1, 1, 2, N, 0, 3]],
  ['LEN("a😀")', [2, 2, 2, 2, 2, 2]],
  ['UPPER(t)', ['A', 'B', '客户', N, '', ' X ']],
  ['LOWER("ÀB")', ['Àb', 'Àb', 'Àb', 'Àb', 'Àb', 'Àb']],
  ['TRIM(t)', ['a', 'B', '客户', N, '', 'x']],
  ['TRIM("\u3000会员\t")', ['会员', '会员', '会员', '会员', '会员', '会员']],
  ['CONTAINS(t, "x")', [0, 0, 0, N, 0, 1]],
  ['CONTAINS(t, "")', [1, 1, 1, N, 1, 1]],
  ['STARTS_WITH(t, "客")', [0, 0, 1, N, 0, 0]],
  ['ENDS_WITH(t, "户")', [0, 0, 1, N, 0, 0]],
  ['ENDS_WITH(t, "")', [1, 1, 1, N, 1, 1]],
  ['REPLACE(t, "客", "顾客")', ['a', 'B', '顾客户', N, '', ' x ']],
  ['TEXT(x, 2)', ['1.01', '2.50', '-2.50', N, '0.13', '0.00']],
  ['TEXT(i) & "件"', ['1件', '-7件', '0件', N, '3件', '3件']],
  ['TEXT(-0.001, 2)', ['0.00', '0.00', '0.00', '0.00', '0.00', '0.00']],
  ['TEXT(123456789012.345, 3)', ['123456789012.345', '123456789012.345', '123456789012.345', '123456789012.345', '123456789012.345', '123456789012.345']],
  ['TEXT(123456789012.345, 4)', [N, N, N, N, N, N]],
  ['TEXT(d)', ['2024-03-01', '2024-02-29', '1970-01-01', N, '2023-12-31', '2024-03-01']],
  ['TEXT(ts)', ['2024-03-01 23:59:59', '2024-03-02 00:00:00.500', N, '1969-12-31 12:00:00', '2024-01-01 00:00:00', '2024-03-01 00:00:00']],
  ['TEXT(t)', ['a', 'B', '客户', N, '', ' x ']],
  ['REPLACE("aaa", "", "b")', ['aaa', 'aaa', 'aaa', 'aaa', 'aaa', 'aaa']],
  // dates
  ['d', ['2024-03-01', '2024-02-29', '1970-01-01', N, '2023-12-31', '2024-03-01']],
  ['d + 1', ['2024-03-02', '2024-03-01', '1970-01-02', N, '2024-01-01', '2024-03-02']],
  ['1 + d', ['2024-03-02', '2024-03-01', '1970-01-02', N, '2024-01-01', '2024-03-02']],
  ['d - 1.5', ['2024-02-28', '2024-02-27', '1969-12-30', N, '2023-12-29', '2024-02-28']],
  ['d - DATE(2024, 1, 1)', [60, 59, -19723, N, -1, 60]],
  ['DATE("2024-03-01") - d', [0, 1, 19783, N, 61, 0]],
  ['DATE(2024, 2, 30)', [N, N, N, N, N, N]],
  ['DATE(2024, i, 1)', ['2024-01-01', N, N, N, '2024-03-01', '2024-03-01']],
  ['DATE(REPLACE(t, "客户", "2024-02-29"))', [N, N, '2024-02-29', N, N, N]],
  ['DATE(COALESCE(t, "2023-02-29"))', [N, N, N, N, N, N]],
  ['DATE(ts)', ['2024-03-01', '2024-03-02', N, '1969-12-31', '2024-01-01', '2024-03-01']],
  ['TODAY()', ['2024-03-10', '2024-03-10', '2024-03-10', '2024-03-10', '2024-03-10', '2024-03-10']],
  ['DAYS(d, TODAY())', [9, 10, 19792, N, 70, 9]],
  ['DAYS(ts, d)', [0, -2, N, N, -1, 0]],
  ['WEEKS(d, TODAY())', [1, 1, 2827, N, 10, 1]],
  ['WEEKS(TODAY(), d)', [-1, -1, -2827, N, -10, -1]],
  ['YEAR(d)', [2024, 2024, 1970, N, 2023, 2024]],
  ['MONTH(ts)', [3, 3, N, 12, 1, 3]],
  ['DAY(d)', [1, 29, 1, N, 31, 1]],
  ['WEEKDAY(d)', [5, 4, 4, N, 7, 5]],
  ['d > DATE("2024-01-01")', [1, 1, 0, N, 0, 1]],
  ['ts >= d', [1, 1, N, N, 1, 1]],
  ['ts', ['2024-03-01 23:59:59', '2024-03-02 00:00:00.500', N, '1969-12-31 12:00:00', '2024-01-01 00:00:00', '2024-03-01 00:00:00']],
  ['COALESCE(ts, d)', ['2024-03-01 23:59:59', '2024-03-02 00:00:00.500', '1970-01-01 00:00:00', '1969-12-31 12:00:00', '2024-01-01 00:00:00', '2024-03-01 00:00:00']],
  ['MAX(d, DATE(2024, 1, 1))', ['2024-03-01', '2024-02-29', '2024-01-01', '2024-01-01', '2024-01-01', '2024-03-01']],
  // window functions
  ['RANK(i)', [3, 1, 2, N, 4, 4]],
  ['RANK(-i)', [3, 5, 4, N, 1, 1]],
  ['PERCENT_RANK(i)', [0.5, 0, 0.25, N, 0.75, 0.75]],
  ['RANK(t)', [4, 3, 5, N, 1, 2]],
  ['NTILE(i, 2)', [1, 1, 1, N, 2, 2]],
  ['NTILE(x, 3)', [2, 3, 1, N, 2, 1]],
  ['NTILE(d, 2)', [2, 1, 1, N, 1, 2]],
  ['NTILE(i, 10)', [3, 1, 2, N, 5, 4]],
  ['IF(NTILE(i, 2) = 2, "top", "rest")', ['rest', 'rest', 'rest', 'rest', 'top', 'top']],
];

describe('compileFormula(source, scope).evaluate / .toSql', () => {
  it.each(CASES)('%s', (source, expected) => {
    const { js, sql } = bothWays(source, columns, parameters, 'id');
    expect(js.length).toBe(expected.length);
    js.forEach((v, k) => expect(cellsAgree(v, expected[k]), `row ${k}: got ${JSON.stringify(v)}, expected ${JSON.stringify(expected[k])}`).toBe(true));
    sql.forEach((v, k) => expect(cellsAgree(v, js[k]), `row ${k}: sql ${JSON.stringify(v)}, js ${JSON.stringify(js[k])}`).toBe(true));
  });
});

const GROUPS = [0, 1, 0, 0, -1, 1];
const GROUP_CASES: [string, Cell[]][] = [
  ['COUNT()', [3, 2, 0]],
  ['COUNT(x)', [2, 2, 0]],
  ['COUNT(t)', [2, 2, 0]],
  ['COUNT_DISTINCT(d)', [2, 2, 0]],
  ['SUM(i)', [1, -4, N]],
  ['SUM(x)', [-1.495, 2.5, N]],
  ['AVG(i)', [0.5, -2, N]],
  ['MIN(i)', [0, -7, N]],
  ['MAX(t)', ['客户', 'B', N]],
  ['MIN(d)', ['1970-01-01', '2024-02-29', N]],
  ['MAX(ts)', ['2024-03-01 23:59:59', '2024-03-02 00:00:00.500', N]],
  ['DAYS(MIN(d), MAX(d))', [19783, 1, N]],
  ['SUM(IF(b, 1, 0)) / COUNT()', [2 / 3, 0.5, N]],
  ['ROUND(AVG(x), 1)', [-0.7, 1.3, N]],
  ['COALESCE(SUM(i), 0) + window', [3, -2, 2]],
  ['MAX(t) & "!"', ['客户!', 'B!', N]],
  ['COUNT() > 2', [1, 0, 0]],
];

describe('compileFormula(source, { aggregate: true }) per group', () => {
  it.each(GROUP_CASES)('%s', (source, expected) => {
    const f = compileFormula(source, scopeOf(columns, parameters, true));
    expect(f.aggregate || !/[A-Z]+\(/.test(source)).toBe(true);
    const out = f.evaluate({ rowCount: 6, columns: Object.fromEntries(columns.map((c) => [c.name, c])), groups: { index: Int32Array.from(GROUPS), count: 3 } });
    const values = Array.from({ length: 3 }, (_, g) => {
      if (out.type === 'text') return out.codes[g] < 0 ? null : out.dictionary[out.codes[g]];
      const v = out.values[g];
      return Number.isNaN(v) ? null : v;
    });
    const { js, sql } = runGrouped(f, columns, GROUPS, 3);
    // Groups 0 and 1 exist in SQL; group 2 has no rows and exists only in the typed-array result.
    expect(sql.length).toBe(2);
    sql.forEach((v, k) => expect(cellsAgree(v, js[k]), `group ${k}: sql ${JSON.stringify(v)}, js ${JSON.stringify(js[k])}`).toBe(true));
    js.forEach((v, k) => expect(cellsAgree(v, expected[k]), `group ${k}: got ${JSON.stringify(v)}, expected ${JSON.stringify(expected[k])}`).toBe(true));
    const last = expected[2];
    if (out.type === 'date' || out.type === 'datetime') expect(Number.isNaN(values[2] as number) || values[2] === null).toBe(last === null);
    else expect(values[2]).toBe(last);
  });
});
