// Invariant: a cell is either read as exactly the number its writer meant (money, percentages,
// grouped thousands, full-width digits) or rejected — never silently read as a different number,
// as SQLite's CAST('1,234.50' AS REAL) = 1 does.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NumberShape, parseNumber, scanNumber, type DecimalSeparator } from '../../../src/engine/dataset/parse-number.ts';

describe('parseNumber(text, decimalSeparator)', () => {
  const cases: [string, number, DecimalSeparator?][] = [
    ['0', 0],
    ['7', 7],
    ['-123.45', -123.45],
    ['+5', 5],
    ['.5', 0.5],
    ['-.5', -0.5],
    ['5.', 5],
    ['1,234,567.89', 1234567.89],
    ['1,234', 1234],
    ['1.234.567,89', 1234567.89, ','],
    ['200.000.000', 200000000, ','],
    ['1,7', 1.7, ','],
    ['0,5', 0.5, ','],
    ['¥1,234.50', 1234.5],
    ['￥1,234.50', 1234.5],
    ['1234.5元', 1234.5],
    ['RMB 12', 12],
    ['rmb12', 12],
    ['CNY 1,000', 1000],
    ['$3.99', 3.99],
    ['-$3.99', -3.99],
    ['$-3.99', -3.99],
    ['€ 3,50', 3.5, ','],
    ['3,50 €', 3.5, ','],
    ['£12', 12],
    ['12 USD', 12],
    ['(12.50)', -12.5],
    ['(¥1,234.50)', -1234.5],
    ['12.50-', -12.5],
    ['12.5%', 0.125],
    ['-3%', -0.03],
    ['100 %', 1],
    ['１２３．４５', 123.45],
    ['￥１，２３４', 1234],
    ['－５', -5],
    ['1e5', 100000],
    ['2.01903E+18', 2.01903e18],
    ['1.5e-3', 0.0015],
    ['  42  ', 42],
    ['\u00a042\u3000', 42],
    ['-0', 0],
    ['00004', 4],
    ['123456789012345678901234567890', 1.2345678901234568e29],
    ['0.1234567890123456789', 0.12345678901234568],
  ];
  it.each(cases)('reads %j as %d', (text, expected, separator = '.') => {
    expect(parseNumber(text, separator)).toBeCloseTo(expected, 10);
  });

  it('reads -0 as positive zero', () => {
    expect(Object.is(parseNumber('-0'), 0)).toBe(true);
  });

  it('gives the correctly rounded double, like Number(), for plain decimals', () => {
    for (const text of ['0.1', '0.3', '123.45', '9007199254740.993', '1234567.891', '3.14159265358979']) {
      expect(parseNumber(text)).toBe(Number(text));
    }
  });

  const rejected: [string, DecimalSeparator?][] = [
    [''],
    ['   '],
    ['-'],
    ['.'],
    ['abc'],
    ['0x1F'],
    ['Infinity'],
    ['NaN'],
    ['1e400'],
    ['12abc'],
    ['1,23'],
    ['1,2345'],
    ['12,34,567'],
    ['0,123'],
    ['1.234,5'],
    ['1,7'],
    ['1,234.5', ','],
    ['--5'],
    ['+-5'],
    ['(-5)'],
    ['-5-'],
    ['¥¥5'],
    ['5%%'],
    ['¥5%'],
    ['()'],
    ['1 2'],
    ['2019-03-13'],
    ['2019/3/13'],
    ['12:30'],
    ['1e'],
    ['e5'],
  ];
  it.each(rejected)('rejects %j', (text, separator = '.') => {
    expect(parseNumber(text, separator)).toBeNaN();
  });
});

describe('scanNumber(text, decimalSeparator, shape)', () => {
  const shape = new NumberShape();
  const cases: [string, Partial<NumberShape>][] = [
    ['123', { fractional: false, leadingZero: false, integerDigits: 3, plainDigits: 3, separatorHint: 0 }],
    ['00004', { leadingZero: true, integerDigits: 1, plainDigits: 5 }],
    ['-01', { leadingZero: true, plainDigits: 0 }],
    ['0', { leadingZero: false, integerDigits: 0 }],
    ['0.5', { leadingZero: false, fractional: true, separatorHint: 1 }],
    ['17850.0', { fractional: true, zeroFraction: true, integerDigits: 5 }],
    ['17850.05', { zeroFraction: false }],
    ['12.5%', { fractional: true }],
    ['1e5', { fractional: true, exponent: true }],
    ['19970101', { plainDigits: 8, fractional: false }],
    ['1234567890123456789', { integerDigits: 19, fractional: false }],
    ['1,234', { separatorHint: 0, plainDigits: 0 }],
    ['1.234', { separatorHint: 0 }],
    ['1,234,567', { separatorHint: 1 }],
    ['1,234.5', { separatorHint: 1 }],
    ['0.123', { separatorHint: 1 }],
    ['1234.567', { separatorHint: 1 }],
  ];
  it.each(cases)('describes %j', (text, expected) => {
    expect(scanNumber(text, '.', shape)).not.toBeNaN();
    expect(shape).toMatchObject(expected);
  });

  it.each([
    ['1,7', 2],
    ['1.234,5', 2],
    ['200.000.000', 2],
    ['1.234', 0],
  ] as const)('hints the comma decimal separator for %j read with ","', (text, hint) => {
    expect(scanNumber(text, ',', shape)).not.toBeNaN();
    expect(shape.separatorHint).toBe(hint);
  });

  it('keeps integers beyond 2^53 on the unsafe side when exactness is not asked', () => {
    const value = scanNumber('9007199254740993', '.', shape, false);
    expect(Number.isSafeInteger(value)).toBe(false);
    expect(shape.integerDigits).toBe(16);
  });
});

describe('parseNumber round trip (property)', () => {
  const group = (digits: string, separator: string): string => digits.replace(/\B(?=(\d{3})+(?!\d))/g, separator);

  it('reads back a formatted safe integer with thousands separators and currency', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }),
        fc.constantFrom('', '¥', '￥', '$', '€ ', 'RMB ', 'CNY'),
        fc.constantFrom('', '元', ' USD'),
        fc.boolean(),
        (value, prefix, suffix, grouped) => {
          const digits = String(Math.abs(value));
          const body = grouped ? group(digits, ',') : digits;
          const text = value < 0 ? `-${prefix}${body}${prefix ? '' : suffix}` : `${prefix}${body}${prefix ? '' : suffix}`;
          expect(parseNumber(text)).toBeCloseTo(value, 6);
        },
      ),
    );
  });

  it('reads back a formatted decimal in either separator convention', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -999_999_999_999, max: 999_999_999_999 }),
        fc.integer({ min: 0, max: 4 }),
        fc.constantFrom<DecimalSeparator>('.', ','),
        fc.boolean(),
        (units, scale, separator, accounting) => {
          const value = units / 10 ** scale;
          const [whole, fraction = ''] = Math.abs(units).toString().padStart(scale + 1, '0').replace(new RegExp(`(\\d{${scale}})$`), '.$1').split('.');
          const body = group(whole, separator === '.' ? ',' : '.') + (scale > 0 ? separator + fraction : '');
          const text = value < 0 ? (accounting ? `(¥${body})` : `¥${body}-`) : `¥${body}`;
          expect(parseNumber(text, separator)).toBeCloseTo(value, 8);
        },
      ),
    );
  });
});
