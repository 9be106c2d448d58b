/**
 * A first guess at the roles of an orders table's columns, from their names (English and Chinese
 * back-end exports) and types, so the role form opens filled in; the user corrects it.
 * A column is given to one role at most; a role without a plausible column stays unmapped.
 */
import type { ColumnType } from '../dataset/types.ts';
import type { OrderRoles } from './types.ts';

type RoleName = keyof OrderRoles;

/** Name patterns per role, most specific first; a column name matches when a pattern is found in it. */
const PATTERNS: [RoleName, RegExp, readonly ColumnType[]][] = [
  ['customer', /customer.?id|^customer$|cust.?id|member.?id|user.?id|buyer|客户(编号|id|ID)?$|会员|买家|用户(id|ID)?$/i, ['text', 'integer']],
  ['order', /order.?(id|no|number)|invoice.?no|^invoice$|订单(号|编号|id|ID)|单号/i, ['text', 'integer']],
  ['time', /order.?(time|date)|paid.?(at|on|time)|purchase.?(date|time)|invoice.?date|created|^date$|^time$|下单时间|付款时间|支付时间|日期|时间/i, ['date', 'datetime']],
  ['amount', /paid.?amount|^amount$|payment|revenue|sales|total|dollars?|实付|支付金额|付款金额|金额/i, ['decimal', 'integer']],
  ['coupon', /coupon|discount|voucher|优惠|折扣|券/i, ['decimal', 'integer']],
  ['status', /status|state|状态/i, ['text']],
  ['channel', /channel|store|shop|source|platform|渠道|店铺|平台|来源/i, ['text']],
  ['product', /product|sku|item.?id|stock.?code|商品(编号|id|ID)?|货号/i, ['text', 'integer']],
  ['category', /category|类目|品类|分类/i, ['text']],
  ['quantity', /quantity|qty|n_?cds|number.?of|数量|件数/i, ['integer', 'decimal']],
  ['unitPrice', /unit.?price|^price$|单价|价格/i, ['decimal', 'integer']],
];

/** Returns the roles guessed for columns `columns` (names as written). */
export function guessRoles(columns: readonly { name: string; type: ColumnType }[]): Partial<OrderRoles> {
  const roles: Partial<OrderRoles> = {};
  const used = new Set<string>();
  for (const [role, pattern, types] of PATTERNS) {
    const match = columns.find((c) => !used.has(c.name) && types.includes(c.type) && pattern.test(c.name));
    if (match) {
      roles[role] = match.name;
      used.add(match.name);
    }
  }
  // Without an amount column, quantity × unit price is the amount (the engine's default).
  return roles;
}
