// Grid cells must read the same for every analyst: grouped digits in the page's language, money with two
// fraction digits (¥ in zh-CN), NULL as the word NULL in both languages, and text exactly as stored.
import { describe, expect, it } from 'vitest';
import { formatCompactCount, formatGridValue, isMoneyColumnName, isNumericColumn } from '../../../src/ui/format/format-value.ts';
import type { ColumnInfo } from '../../../src/worker/api.ts';

const integer: ColumnInfo = { name: 'quantity', type: 'integer' };
const decimal: ColumnInfo = { name: 'weight_kg', type: 'decimal' };
const text: ColumnInfo = { name: 'order_id', type: 'text' };

describe('formatGridValue(value, column, language)', () => {
  it.each([
    [1234567, integer, 'en', '1,234,567'],
    [1234567, integer, 'zh-CN', '1,234,567'],
    [-42, integer, 'en', '-42'],
    [0, integer, 'en', '0'],
    [1234.5, decimal, 'en', '1,234.5'],
    [0.125, decimal, 'zh-CN', '0.125'],
    [3, decimal, 'en', '3'],
    [1.23456789, decimal, 'en', '1.234568'],
    [1e21, decimal, 'en', '1,000,000,000,000,000,000,000'],
  ] as const)('formats %s in %o for %s as %s', (value, column, language, expected) => {
    expect(formatGridValue(value, column, language)).toBe(expected);
  });

  it.each([
    ['amount', 1234.5, 'en', '1,234.50'],
    ['amount', 1234.5, 'zh-CN', '¥1,234.50'],
    ['unit_price', 8, 'zh-CN', '¥8.00'],
    ['TotalPaid', 19.999, 'en', '20.00'],
    ['实付金额', 99.9, 'zh-CN', '¥99.90'],
    ['单价', 12, 'en', '12.00'],
    ['优惠券', -5.5, 'zh-CN', '-¥5.50'],
    ['discount', -0.001, 'zh-CN', '¥0.00'],
  ] as const)('formats money column %s value %s in %s as %s', (name, value, language, expected) => {
    expect(formatGridValue(value, { name, type: 'decimal' }, language)).toBe(expected);
  });

  it('formats money in integer and unknown columns too, but not numbers in text columns', () => {
    expect(formatGridValue(1200, { name: 'revenue', type: 'integer' }, 'en')).toBe('1,200.00');
    expect(formatGridValue(1200, { name: 'SUM(amount)', type: 'unknown' }, 'zh-CN')).toBe('¥1,200.00');
    expect(formatGridValue(1200, { name: 'count(*)', type: 'unknown' }, 'en')).toBe('1,200');
    expect(formatGridValue(1200, { name: 'price', type: 'text' }, 'en')).toBe('1200');
  });

  it('shows booleans as true/false in en and 是/否 in zh-CN', () => {
    const column: ColumnInfo = { name: 'is_member', type: 'boolean' };
    expect(formatGridValue(true, column, 'en')).toBe('true');
    expect(formatGridValue(false, column, 'en')).toBe('false');
    expect(formatGridValue(true, column, 'zh-CN')).toBe('是');
    expect(formatGridValue(false, column, 'zh-CN')).toBe('否');
  });

  it('shows dates, datetimes and text exactly as given', () => {
    expect(formatGridValue('2024-03-01', { name: 'order_date', type: 'date' }, 'zh-CN')).toBe('2024-03-01');
    expect(formatGridValue('2024-03-01 08:05:00', { name: 'paid_at', type: 'datetime' }, 'en')).toBe('2024-03-01 08:05:00');
    expect(formatGridValue('00012345678901234567', text, 'en')).toBe('00012345678901234567');
    expect(formatGridValue('  spaced ', text, 'en')).toBe('  spaced ');
  });

  it('shows NULL as NULL in both languages and empty text as empty', () => {
    expect(formatGridValue(null, integer, 'en')).toBe('NULL');
    expect(formatGridValue(null, text, 'zh-CN')).toBe('NULL');
    expect(formatGridValue('', text, 'en')).toBe('');
  });
});

describe('isMoneyColumnName(name)', () => {
  it.each(['amount', 'Order_Amount', 'PRICE', 'revenue_2024', 'subtotal', 'paid', 'coupon_value', 'discount', 'sales', 'spend', '订单金额', '单价', '实付', '收入', '销售额', '优惠', '券', '消费次数'])(
    'recognises %s',
    (name) => expect(isMoneyColumnName(name)).toBe(true),
  );
  it.each(['quantity', 'customer_id', 'city', '数量', '城市'])('does not recognise %s', (name) => expect(isMoneyColumnName(name)).toBe(false));
});

describe('isNumericColumn(column)', () => {
  it('is true for integer and decimal columns only', () => {
    expect(isNumericColumn(integer)).toBe(true);
    expect(isNumericColumn(decimal)).toBe(true);
    expect(isNumericColumn(text)).toBe(false);
    expect(isNumericColumn({ name: 'x', type: 'unknown' })).toBe(false);
  });
});

describe('formatCompactCount(n, language)', () => {
  it.each([
    [0, '0'],
    [9999, '9,999'],
    [10000, '1万'],
    [40000, '4万'],
    [12345, '1.23万'],
    [123456, '12.35万'],
    [1_000_000, '100万'],
    [12_340_000, '1234万'],
    [99_999_999, '1亿'],
    [120_000_000, '1.2亿'],
    [123_456_789, '1.23亿'],
    [-40000, '-4万'],
  ])('writes %d in zh-CN as %s', (n, expected) => {
    expect(formatCompactCount(n, 'zh-CN')).toBe(expected);
  });

  it('writes grouped digits in en', () => {
    expect(formatCompactCount(40000, 'en')).toBe('40,000');
    expect(formatCompactCount(120_000_000, 'en')).toBe('120,000,000');
    expect(formatCompactCount(7, 'en')).toBe('7');
  });
});
