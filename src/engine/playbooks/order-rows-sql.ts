/**
 * SQL pieces shared by the playbooks that add SQL cells over the orders (sleeping, nlr,
 * price-tier). Days are whole numbers of days since 1970-01-01, taken from the first ten
 * characters of the time column: the app stores dates as 'YYYY-MM-DD' text and datetimes as
 * 'YYYY-MM-DD HH:MM:SS' wall-clock text (see sqlite/fill-table.ts), so the day is the local day.
 */
import { quoteIdentifier } from '../sqlite/quote-identifier.ts';
import type { PlaybookNeed, PlaybookSources } from './types.ts';

/** Returns `text` as a SQL string literal (single quotes doubled). */
export function sqlText(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

/** Returns a SQL expression for the day number (days since 1970-01-01) of a date or datetime text; NULL when it is not one. */
export function dayNumberSql(expression: string): string {
  return `CAST(julianday(substr(${expression}, 1, 10)) - 2440587.5 AS INTEGER)`;
}

/** Returns a SQL expression for the 'YYYY-MM-DD' text of a day number. */
export function dayTextSql(expression: string): string {
  return `date((${expression}) * 86400, 'unixepoch')`;
}

/**
 * Returns a SQL condition that is true for a refund row of the orders (as the customer table
 * counts them: a negative amount or quantity, or a status of the refund rule), never NULL.
 * `alias` prefixes the columns (`o.`) when given.
 */
export function refundConditionSql(orders: PlaybookSources['orders'], alias = ''): string {
  const col = (name: string) => `${alias ? `${alias}.` : ''}${quoteIdentifier(name)}`;
  const parts: string[] = [];
  if (orders.refundStatuses && orders.refundStatuses.values.length > 0) {
    parts.push(`CAST(${col(orders.refundStatuses.column)} AS TEXT) IN (${orders.refundStatuses.values.map(sqlText).join(', ')})`);
  }
  if (orders.amount) parts.push(`${col(orders.amount)} < 0`);
  if (orders.quantity) parts.push(`${col(orders.quantity)} < 0`);
  return parts.length === 0 ? '0' : `COALESCE(${parts.join(' OR ')}, 0)`;
}

/** Says in words which rows are refunds (for notes), in English and Chinese. */
export function describeRefunds(orders: PlaybookSources['orders']): { en: string; zh: string } {
  const en: string[] = [];
  const zh: string[] = [];
  if (orders.refundStatuses && orders.refundStatuses.values.length > 0) {
    const values = orders.refundStatuses.values.map((v) => `'${v}'`).join(', ');
    en.push(`rows whose \`${orders.refundStatuses.column}\` is ${values}`);
    zh.push(`\`${orders.refundStatuses.column}\` 为 ${values} 的行`);
  }
  if (orders.amount) {
    en.push(`rows with a negative \`${orders.amount}\``);
    zh.push(`\`${orders.amount}\` 为负的行`);
  }
  if (orders.quantity) {
    en.push(`rows with a negative \`${orders.quantity}\``);
    zh.push(`\`${orders.quantity}\` 为负的行`);
  }
  return en.length === 0 ? { en: 'no rows (no refund rule is set)', zh: '无（未设置退款规则）' } : { en: en.join(' and '), zh: zh.join('和') };
}

/** What the SQL playbooks need of the orders table: its customer and time role columns. */
export const ORDERS_CUSTOMER_NEED: PlaybookNeed = {
  column: 'orders.customer',
  from: { en: 'the orders table’s customer column (the customer role)', zh: '订单表的客户列（客户角色）' },
};
export const ORDERS_TIME_NEED: PlaybookNeed = { column: 'orders.time', from: { en: 'the orders table’s time column (the time role)', zh: '订单表的时间列（时间角色）' } };

