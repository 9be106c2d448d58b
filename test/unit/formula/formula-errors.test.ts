// Invariant (SPEC §4): every mistake in a formula is a FormulaError with a stable code and a
// sentence that points at the character (`line L, col C: …`), raised before anything runs.
import { describe, expect, it } from 'vitest';
import { compileFormula, isFormulaError, type FormulaScope } from '../../../src/engine/formula/index.ts';

const base: FormulaScope = {
  columns: [
    { name: 'recency', type: 'integer' },
    { name: 'amount', type: 'decimal' },
    { name: 'city', type: 'text' },
    { name: 'first_order', type: 'date' },
    { name: 'order_time', type: 'datetime' },
    { name: 'vip', type: 'boolean' },
    { name: 'Amount2', type: 'integer' },
    { name: 'AMOUNT2', type: 'integer' },
  ],
  parameters: [
    { name: 'as_of', type: 'date', value: 19_800 },
    { name: 'window', type: 'number', value: 90 },
  ],
};
const aggregate: FormulaScope = { ...base, aggregate: true };
const noAsOf: FormulaScope = { ...base, parameters: [] };

/** [source, scope, code, message, length] */
const CASES: [string, FormulaScope, string, string, number][] = [
  ['IF(recnecy > 30, 1, 0)', base, 'unknown-name', 'line 1, col 4: unknown column "recnecy" — did you mean "recency"?', 7],
  ['Rcency', base, 'unknown-name', 'line 1, col 1: unknown column "Rcency" — did you mean "recency"?', 6],
  ['实付', base, 'unknown-name', 'line 1, col 1: unknown column "实付"', 2],
  ['year', base, 'unknown-name', 'line 1, col 1: unknown column "year" (to call the function, write YEAR(...))', 4],
  ['SUMM(amount)', aggregate, 'unknown-function', 'line 1, col 1: unknown function "SUMM" — did you mean SUM?', 4],
  ['FOO(1)', base, 'unknown-function', 'line 1, col 1: unknown function "FOO"', 3],
  ['amount2 + 1', base, 'ambiguous-name', 'line 1, col 1: "amount2" matches several names when case is ignored: "Amount2", "AMOUNT2" — write it exactly', 7],
  ['', base, 'empty-formula', 'line 1, col 1: the formula is empty', 1],
  ['  \n ', base, 'empty-formula', 'line 1, col 1: the formula is empty', 1],
  ['1 +', base, 'unexpected-end', 'line 1, col 4: the formula ends too early: expected a value', 1],
  ['(1 + 2', base, 'unexpected-end', 'line 1, col 7: the formula ends too early: expected ")"', 1],
  ['1 2', base, 'unexpected-token', 'line 1, col 3: unexpected "2" after a complete formula (missing an operator or a comma?)', 1],
  ['IF(vip,\n  1 1, 2)', base, 'unexpected-token', 'line 2, col 5: expected "," or ")" but found "1"', 1],
  ['CASE END', base, 'unexpected-token', 'line 1, col 6: expected a value but found "END"', 3],
  ['CASE WHEN vip THEN 1 ELSE 2', base, 'unexpected-end', 'line 1, col 28: the formula ends too early: expected END', 1],
  ['1 BETWEEN 2', base, 'unexpected-end', 'line 1, col 12: the formula ends too early: expected AND', 1],
  ['"abc', base, 'unterminated-string', 'line 1, col 1: text starting here is not closed with "', 1],
  ["'abc", base, 'unterminated-string', "line 1, col 1: text starting here is not closed with '", 1],
  ['[abc', base, 'unterminated-name', 'line 1, col 1: name starting here is not closed with ]', 1],
  ['[]', base, 'empty-name', 'line 1, col 1: empty name', 2],
  ['1 # 2', base, 'unexpected-character', 'line 1, col 3: unexpected character "#"', 1],
  ['12abc', base, 'bad-number', 'line 1, col 1: "12abc" is not a number or a name (a name cannot start with a digit; write [12abc])', 5],
  ['1e', base, 'bad-number', 'line 1, col 1: "1e" is not a number: the exponent needs digits', 2],
  ['1e400', base, 'bad-number', 'line 1, col 1: 1e400 is too large', 5],
  ['IF(1, 2)', base, 'argument-count', 'line 1, col 1: IF takes 3 arguments, got 2', 8],
  ['ROUND(1, 2, 3)', base, 'argument-count', 'line 1, col 1: ROUND takes 1 to 2 arguments, got 3', 14],
  ['COALESCE()', base, 'argument-count', 'line 1, col 1: COALESCE takes at least 1 argument, got 0', 10],
  ['DATE(1, 2)', base, 'argument-count', 'line 1, col 1: DATE takes 1 argument ("YYYY-MM-DD" or a date-time) or 3 (year, month, day), got 2', 10],
  ['LEN("a", "b")', base, 'argument-count', 'line 1, col 1: LEN takes 1 argument, got 2', 13],
  ['CASE WHEN vip THEN 1 ELSE "a" END', base, 'type-mismatch', 'line 1, col 27: the results of CASE must have the same type, got a number and text', 3],
  ['CASE WHEN amount THEN 1 END', base, 'type-mismatch', 'line 1, col 11: WHEN needs true/false, got a number', 6],
  ['CASE city WHEN 1 THEN 2 END', base, 'type-mismatch', 'line 1, col 16: cannot compare text with a number', 1],
  ['IFS(vip, 1, amount, 2)', base, 'type-mismatch', "line 1, col 13: IFS's condition 2 needs true/false, got a number", 6],
  ['IFS(vip, 1, "x")', base, 'type-mismatch', 'line 1, col 13: the results of IFS must have the same type, got a number and text', 3],
  ['COALESCE(amount, city)', base, 'type-mismatch', 'line 1, col 18: the values of COALESCE must have the same type, got a number and text', 4],
  ['MAX(amount, first_order)', base, 'type-mismatch', 'line 1, col 13: the values of MAX must have the same type, got a number and a date', 11],
  ['DATE(2024, "1", 1)', base, 'type-mismatch', 'line 1, col 12: DATE(year, month, day) needs a number, got text', 3],
  ['TEXT(vip)', base, 'type-mismatch', 'line 1, col 6: TEXT needs a number or a date or a date-time or text, got true/false', 3],
  ['TEXT(first_order, 2)', base, 'argument-count', 'line 1, col 19: TEXT takes a number of digits only for numbers', 1],
  ['TEXT(amount, 11)', base, 'invalid-argument', "line 1, col 14: TEXT's number of digits must be a whole number from 0 to 10, got 11", 2],
  ['city > 3', base, 'type-mismatch', 'line 1, col 8: cannot compare text with a number', 1],
  ['DATE(2024, 1, 1) > "2024-01-01"', base, 'type-mismatch', 'line 1, col 20: cannot compare a date with text', 12],
  ['1 = 1 = 1', base, 'type-mismatch', 'line 1, col 9: cannot compare true/false with a number', 1],
  ['city + 1', base, 'type-mismatch', 'line 1, col 6: "+" needs numbers (or a date and a number of days), got text and a number', 1],
  ['first_order + first_order', base, 'type-mismatch', 'line 1, col 13: "+" needs numbers (or a date and a number of days), got a date and a date', 1],
  ['order_time + 1', base, 'type-mismatch', 'line 1, col 12: "+" cannot be used on date-times; use DAYS(a, b) or DATE(x) first', 1],
  ['amount AND vip', base, 'type-mismatch', 'line 1, col 1: AND needs true/false, got a number', 6],
  ['NOT amount', base, 'type-mismatch', 'line 1, col 5: NOT needs true/false, got a number', 6],
  ['-city', base, 'type-mismatch', 'line 1, col 2: unary minus needs a number, got text', 4],
  ['IF(amount, 1, 2)', base, 'type-mismatch', "line 1, col 4: IF's condition needs true/false, got a number", 6],
  ['IF(vip, 1, "a")', base, 'type-mismatch', 'line 1, col 12: both results of IF must have the same type, got a number and text', 3],
  ['city & amount', base, 'type-mismatch', 'line 1, col 8: & joins text (and whole numbers), got a number; convert it with TEXT(...)', 6],
  ['amount IN ("a")', base, 'type-mismatch', 'line 1, col 12: the values of IN must have the same type, got a number and text', 3],
  ['vip < vip', base, 'type-mismatch', 'line 1, col 1: true/false values cannot be ordered; compare them with = or <>', 9],
  ['LEN(amount)', base, 'type-mismatch', 'line 1, col 5: LEN needs text, got a number', 6],
  ['DAYS(amount, first_order)', base, 'type-mismatch', 'line 1, col 6: DAYS needs a date or a date-time, got a number', 6],
  ['SUM(city)', aggregate, 'type-mismatch', 'line 1, col 5: SUM needs a number, got text', 4],
  ['SUM(amount)', base, 'aggregate-not-allowed', 'line 1, col 1: SUM is an aggregate and this formula is computed per row', 3],
  ['MIN(amount)', base, 'aggregate-not-allowed', 'line 1, col 1: MIN is an aggregate and this formula is computed per row (for the smaller or larger of several values, give MIN two or more arguments)', 3],
  ['SUM(SUM(amount))', aggregate, 'nested-aggregate', 'line 1, col 5: aggregate SUM cannot be inside another aggregate (SUM)', 3],
  ['amount + SUM(amount)', aggregate, 'column-outside-aggregate', 'line 1, col 1: column "amount" must be inside an aggregate such as SUM(amount) or MAX(...), because this formula gives one value per group', 6],
  ['NTILE(amount, 5)', aggregate, 'window-not-allowed', 'line 1, col 1: NTILE works over a whole column and cannot be used in an aggregate formula', 5],
  ['NTILE(RANK(amount), 5)', base, 'nested-window', 'line 1, col 7: RANK cannot be inside another window function (NTILE)', 4],
  ['NTILE(amount, recency)', base, 'constant-required', "line 1, col 15: NTILE's number of groups must be a number or a parameter, not a calculation over columns", 7],
  ['NTILE(amount, 0)', base, 'invalid-argument', "line 1, col 15: NTILE's number of groups must be a whole number from 1 to 1000000, got 0", 1],
  ['ROUND(amount, recency)', base, 'constant-required', "line 1, col 15: ROUND's number of digits must be a number or a parameter, not a calculation over columns", 7],
  ['ROUND(amount, 20)', base, 'invalid-argument', "line 1, col 15: ROUND's number of digits must be a whole number from -15 to 15, got 20", 2],
  ['DATE("2024-13-01")', base, 'invalid-date', 'line 1, col 6: "2024-13-01" is not a date (write "YYYY-MM-DD", for example "2024-03-01")', 12],
  ['TODAY()', noAsOf, 'no-as-of', 'line 1, col 1: TODAY() means the analysis date, the date parameter "as_of", which this workspace does not have', 7],
  [`${'('.repeat(201)}1${')'.repeat(201)}`, base, 'too-deep', 'line 1, col 201: the formula is nested too deeply (more than 200 levels)', 1],
  [`${'amount + '.repeat(200)}1`, base, 'too-deep', 'line 1, col 1801: the formula is nested too deeply (more than 200 levels)', 1],
  ['1 + '.repeat(6000) + '1', base, 'too-long', 'line 1, col 1: the formula is too long (more than 20000 characters)', 1],
];

describe('compileFormula(source, scope) errors', () => {
  it.each(CASES)('%s', (source, scope, code, message, length) => {
    let caught: unknown = null;
    try {
      compileFormula(source, scope);
    } catch (error) {
      caught = error;
    }
    expect(isFormulaError(caught)).toBe(true);
    const error = caught as Error & { code: string; line: number; column: number; length: number; offset: number };
    expect({ code: error.code, message: error.message, length: error.length }).toEqual({ code, message, length });
    expect(error).toBeInstanceOf(Error);
    const [, line, column] = /^line (\d+), col (\d+):/.exec(message) ?? [];
    expect([error.line, error.column]).toEqual([Number(line), Number(column)]);
  });

  it('isFormulaError is false for other errors and values', () => {
    expect(isFormulaError(new Error('x'))).toBe(false);
    expect(isFormulaError({ code: 'unknown-name' })).toBe(false);
    expect(isFormulaError(null)).toBe(false);
  });

  it('evaluate throws missing-column when the input lacks a named column', () => {
    const f = compileFormula('amount * 2', base);
    expect(() => f.evaluate({ rowCount: 1, columns: {} })).toThrow('line 1, col 1: column "amount" is not in the data the formula runs on');
  });

  it('evaluate throws missing-column when an input column has the wrong length or type', () => {
    const amount = compileFormula('amount * 2', base);
    expect(() => amount.evaluate({ rowCount: 2, columns: { amount: { name: 'amount', type: 'decimal', values: new Float64Array(1) } } })).toThrow(
      'line 1, col 1: column "amount" has 1 rows, expected 2',
    );
    expect(() => amount.evaluate({ rowCount: 1, columns: { amount: { name: 'amount', type: 'text', codes: new Int32Array(1), dictionary: ['a'] } } })).toThrow(
      'line 1, col 1: column "amount" is text, expected decimal',
    );
    const city = compileFormula('city & "!"', base);
    expect(() => city.evaluate({ rowCount: 1, columns: { city: { name: 'city', type: 'integer', values: new Float64Array(1) } } })).toThrow(
      'line 1, col 1: column "city" is integer, expected text',
    );
  });

  it('evaluate throws missing-groups for an aggregate formula without groups', () => {
    const f = compileFormula('SUM(amount)', aggregate);
    expect(() => f.evaluate({ rowCount: 1, columns: { amount: { name: 'amount', type: 'decimal', values: new Float64Array(1) } } })).toThrow(
      'line 1, col 1: this aggregate formula needs the rows grouped (EvaluationInput.groups)',
    );
  });

  it('toSql throws sql-too-large when nested rules would repeat operands geometrically', () => {
    const source = `${'ROUND('.repeat(12)}amount${')'.repeat(12)}`;
    const f = compileFormula(source, base);
    expect(f.evaluate({ rowCount: 1, columns: { amount: { name: 'amount', type: 'decimal', values: Float64Array.of(1.25) } } })).toMatchObject({ values: Float64Array.of(1) });
    let info = {};
    try {
      f.toSql((n) => `"${n}"`);
    } catch (error) {
      info = isFormulaError(error) ? { code: error.code, message: error.message } : { error };
    }
    expect(info).toEqual({
      code: 'sql-too-large',
      message: 'line 1, col 1: this formula nests ROUND, FLOOR, CEIL, BETWEEN, MIN/MAX or date arithmetic too deeply to run as SQL; simplify it',
    });
  });
});
