/**
 * How grid cells and counts read in each language. Pure: the same in Node tests and the page.
 *
 * Numbers go through `Intl.NumberFormat` of the language (standard notation, so a large value is never
 * shown as `1.2e+21`); money columns are recognised by name and always show two fraction digits.
 */
import type { ColumnInfo, GridValue } from '../../worker/api.ts';
import type { Language } from '../i18n/messages.ts';

/** The word shown for NULL; the same in every language, as SQL writes it. */
export const NULL_TEXT = 'NULL';

/** Fraction digits a decimal keeps at most (more are rounded off for display only). */
const MAX_DECIMAL_FRACTION_DIGITS = 6;

/**
 * Parts of column names that mean money, matched case-insensitively anywhere in the name, so
 * `order_amount`, `UnitPrice`, `实付金额` and `单价` all count.
 */
const MONEY_NAME_PATTERN = /amount|price|revenue|total|paid|coupon|discount|sales|spend|value|金额|价|实付|收入|销售额|优惠|券|消费/i;

/** The formatters are built once per language and style: `Intl.NumberFormat` construction is slow. */
const formatters = new Map<string, Intl.NumberFormat>();

function numberFormat(language: Language, style: 'integer' | 'decimal' | 'money' | 'compact'): Intl.NumberFormat {
  const key = `${language}/${style}`;
  let format = formatters.get(key);
  if (!format) {
    const options: Intl.NumberFormatOptions =
      style === 'integer'
        ? { maximumFractionDigits: 0 }
        : style === 'decimal'
          ? { maximumFractionDigits: MAX_DECIMAL_FRACTION_DIGITS }
          : style === 'money'
            ? { minimumFractionDigits: 2, maximumFractionDigits: 2 }
            : { maximumFractionDigits: 2, useGrouping: false };
    format = new Intl.NumberFormat(language, options);
    formatters.set(key, format);
  }
  return format;
}

/** Returns whether a column's name says it holds money (`amount`, `price`, `金额`, `实付`, …). */
export function isMoneyColumnName(name: string): boolean {
  return MONEY_NAME_PATTERN.test(name);
}

/**
 * Returns whether the grid treats `value` of `column` as a number: integer and decimal columns, and
 * numbers in 'unknown' columns (SQL results such as `SUM(amount) AS total`, whose type SQLite cannot tell).
 */
function isNumericValue(value: GridValue, column: ColumnInfo): value is number {
  if (typeof value !== 'number') return false;
  return column.type === 'integer' || column.type === 'decimal' || column.type === 'unknown';
}

/** Returns whether the grid aligns `column` as numbers (right-aligned, tabular digits). */
export function isNumericColumn(column: ColumnInfo): boolean {
  return column.type === 'integer' || column.type === 'decimal';
}

/**
 * Returns a cell's display text: numbers grouped for the language (money with two fraction digits and,
 * in zh-CN, a `¥` prefix), booleans as true/false or 是/否, dates and text as given, NULL as `NULL`.
 * A value whose JS type does not match the column's (a number in a text column) is shown as `String(value)`.
 */
export function formatGridValue(value: GridValue, column: ColumnInfo, language: Language): string {
  if (value === null) return NULL_TEXT;
  if (typeof value === 'boolean') {
    if (language === 'zh-CN') return value ? '是' : '否';
    return value ? 'true' : 'false';
  }
  if (isNumericValue(value, column)) {
    if (isMoneyColumnName(column.name)) return formatMoney(value, language);
    const style = column.type === 'integer' && Number.isInteger(value) ? 'integer' : 'decimal';
    return numberFormat(language, style).format(value);
  }
  return String(value);
}

/** Returns an amount with two fraction digits; zh-CN puts `¥` after the sign (`-¥12.50`). */
function formatMoney(value: number, language: Language): string {
  const digits = numberFormat(language, 'money').format(Math.abs(value));
  // Rounding can turn a tiny negative into 0.00: no sign for it.
  const sign = value < 0 && digits !== numberFormat(language, 'money').format(0) ? '-' : '';
  return language === 'zh-CN' ? `${sign}¥${digits}` : `${sign}${digits}`;
}

const WAN = 10_000;
const YI = 100_000_000;

/**
 * Returns a count as people say it: in zh-CN from 1万 up in 万 or 亿 with at most two fraction digits
 * and no trailing zeros (`40000` → `4万`, `123456` → `12.35万`, `120000000` → `1.2亿`); below 1万, and
 * always in en, grouped digits (`40,000`).
 */
export function formatCompactCount(n: number, language: Language): string {
  const magnitude = Math.abs(n);
  if (language !== 'zh-CN' || magnitude < WAN || !Number.isFinite(n)) return numberFormat(language, 'decimal').format(n);
  const compact = numberFormat(language, 'compact');
  const sign = n < 0 ? '-' : '';
  // 99,999,999 is 9999.9999万, which rounds to 10000万: that is 1亿.
  if (magnitude < YI && Number(compact.format(magnitude / WAN)) < WAN) return `${sign}${compact.format(magnitude / WAN)}万`;
  return `${sign}${compact.format(magnitude / YI)}亿`;
}
