/**
 * The visible definition of every customer-table metric: a formula in the formula language's
 * style (documentation for the user; the computation is typed-array code in
 * build-customer-table.ts) and one line in en and zh-CN, reflecting the chosen variants.
 *
 * Two named terms appear in the texts: `refund` is the refund condition spelled out, and
 * `first_purchase_day` is the customer's first purchase day.
 */
import type { ColumnType } from '../dataset/types.ts';
import type { MetricDefinition, OrdersVariant, RevenueVariant } from './types.ts';

/** What the descriptions need to know about the definition. */
export interface MetricTextInput {
  time: string;
  timeType: 'date' | 'datetime';
  amount: string;
  order?: string;
  coupon?: string;
  product?: string;
  category?: string;
  /** The refund condition, e.g. `paid_amount < 0 OR status IN ("refunded")`. */
  refund: string;
  orders: OrdersVariant;
  revenue: RevenueVariant;
  includeFirstPurchase: boolean;
}

/** Returns a column reference as the formula language writes it (bare when it is a plain name). */
export function formulaName(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : `[${name.replaceAll(']', ']]')}]`;
}

/** Returns a formula string literal. */
export function formulaString(text: string): string {
  return `"${text.replaceAll('"', '""')}"`;
}

function metric(name: string, type: ColumnType, formula: string, en: string, zh: string): MetricDefinition {
  return { name, type, formula, description: { en, 'zh-CN': zh } };
}

/** `orders`' formula restricted to purchases with a coupon above 0 (NULL without a coupon column). */
function couponOrdersFormula(input: MetricTextInput, counted: string, day: string): string {
  if (!input.coupon) return 'NULL';
  const withCoupon = `${counted} AND ${input.coupon} > 0`;
  if (input.orders === 'rows' || (input.orders === 'orders' && !input.order)) return `SUM(IF(${withCoupon}, 1, 0))`;
  return `COUNT_DISTINCT(IF(${withCoupon}, ${input.orders === 'orders' ? input.order : day}, NULL))`;
}

/** Returns the default metrics' definitions, in column order (customer_id first). */
export function describeDefaultMetrics(input: MetricTextInput): MetricDefinition[] {
  const time = input.time;
  const amount = input.amount;
  const purchase = `NOT (${input.refund})`;
  const day = `DATE(${time})`;
  const counted = input.includeFirstPurchase ? purchase : `${purchase} AND ${day} > first_purchase_day`;
  const countedAll = input.includeFirstPurchase ? '' : ` AND ${day} > first_purchase_day`;
  const repeatEn = input.includeFirstPurchase ? '' : ' after the first purchase day';
  const repeatZh = input.includeFirstPurchase ? '' : '（不含首购日）';
  const ordersFormula =
    input.orders === 'rows' || (input.orders === 'orders' && !input.order)
      ? `SUM(IF(${counted}, 1, 0))`
      : input.orders === 'orders'
        ? `COUNT_DISTINCT(IF(${counted}, ${input.order}, NULL))`
        : `COUNT_DISTINCT(IF(${counted}, ${day}, NULL))`;
  const ordersEn = { rows: 'Purchase rows', orders: input.order ? 'Distinct purchase orders' : 'Purchase rows (each row is one order)', days: 'Distinct purchase days' }[input.orders];
  const ordersZh = { rows: '购买行数', orders: input.order ? '不同购买订单数' : '购买行数（每行一单）', days: '不同购买天数' }[input.orders];
  const gross = `SUM(IF(${amount} > 0${countedAll}, ${amount}, 0))`;
  const refunds = `SUM(IF((${input.refund})${countedAll}, ABS(${amount}), 0))`;
  const coupons = input.coupon ? `SUM(IF(${counted}, COALESCE(${input.coupon}, 0), 0))` : '0';
  const revenueFormula = {
    gross,
    'net-of-refunds': `${gross} - ${refunds}`,
    'net-of-coupons': `${gross} - ${coupons}`,
    'net-of-refunds-and-coupons': `${gross} - ${refunds} - ${coupons}`,
  }[input.revenue];
  const revenueEn = {
    gross: 'Money taken in (every positive amount, refunded orders included)',
    'net-of-refunds': 'Money taken in less money refunded',
    'net-of-coupons': 'Money taken in less coupon amounts',
    'net-of-refunds-and-coupons': 'Money taken in less refunds and coupon amounts',
  }[input.revenue];
  const revenueZh = {
    gross: '收款总额（所有正金额，含已退款订单）',
    'net-of-refunds': '收款总额减退款',
    'net-of-coupons': '收款总额减优惠券金额',
    'net-of-refunds-and-coupons': '收款总额减退款和优惠券金额',
  }[input.revenue];
  const firstAt = `MIN(IF(${purchase}, ${time}, NULL))`;
  const lastAt = `MAX(IF(${purchase}, ${time}, NULL))`;
  const timeType = input.timeType;
  return [
    metric('customer_id', 'text', 'customer_id', 'The customer’s id, as written (text)', '客户编号（文本，原样保留）'),
    metric('first_order_at', timeType, firstAt, 'Time of the first purchase (refunds are not purchases)', '首次购买时间（退款不算购买）'),
    metric('last_order_at', timeType, lastAt, 'Time of the latest purchase', '最近一次购买时间'),
    metric('recency_days', 'integer', `DAYS(${lastAt}, TODAY())`, 'Days from the latest purchase day to the analysis date (as_of)', '最近一次购买日到分析日（as_of）的天数'),
    metric('orders', 'integer', ordersFormula, `${ordersEn}${repeatEn}`, `${ordersZh}${repeatZh}`),
    metric('revenue', 'decimal', revenueFormula, `${revenueEn}${repeatEn}`, `${revenueZh}${repeatZh}`),
    metric('avg_order_value', 'decimal', 'revenue / orders', 'Revenue per order (empty when there is no order)', '客单价：收入 ÷ 订单数（无订单时为空）'),
    metric('tenure_days', 'integer', `DAYS(${firstAt}, TODAY())`, 'Days from the first purchase day to the analysis date (as_of)', '首次购买日到分析日（as_of）的天数'),
    metric(
      'mean_days_between_orders',
      'decimal',
      `DAYS(first_order_at, last_order_at) / (COUNT_DISTINCT(IF(${purchase}, ${day}, NULL)) - 1)`,
      'Mean days between consecutive purchase days (empty with one purchase day)',
      '相邻两个购买日的平均间隔天数（只有一个购买日时为空）',
    ),
    metric(
      'coupon_amount',
      'decimal',
      coupons === '0' ? 'NULL' : coupons,
      input.coupon ? `Coupon amounts of purchases${repeatEn}` : 'Empty: no coupon column is mapped',
      input.coupon ? `购买使用的优惠券金额${repeatZh}` : '空：未指定优惠券列',
    ),
    metric(
      'discount_ratio',
      'decimal',
      input.coupon ? `coupon_amount / SUM(IF(${counted}, ${amount}, 0))` : 'NULL',
      input.coupon ? 'Coupon amount ÷ amount paid for purchases (empty when nothing was paid)' : 'Empty: no coupon column is mapped',
      input.coupon ? '优惠券金额 ÷ 购买实付金额（无实付时为空）' : '空：未指定优惠券列',
    ),
    metric(
      'coupon_orders',
      'integer',
      couponOrdersFormula(input, counted, day),
      input.coupon ? `${ordersEn} with a coupon (coupon amount above 0)${repeatEn}` : 'Empty: no coupon column is mapped',
      input.coupon ? `${ordersZh}中使用了优惠券（优惠券金额大于 0）的部分${repeatZh}` : '空：未指定优惠券列',
    ),
    metric('refund_amount', 'decimal', refunds, `Money refunded${repeatEn}`, `退款金额${repeatZh}`),
    metric(
      'distinct_products',
      'integer',
      input.product ? `COUNT_DISTINCT(IF(${purchase}, ${input.product}, NULL))` : 'NULL',
      input.product ? 'Distinct products purchased' : 'Empty: no product column is mapped',
      input.product ? '购买过的不同商品数' : '空：未指定商品列',
    ),
    metric(
      'distinct_categories',
      'integer',
      input.category ? `COUNT_DISTINCT(IF(${purchase}, ${input.category}, NULL))` : 'NULL',
      input.category ? 'Distinct categories purchased' : 'Empty: no category column is mapped',
      input.category ? '购买过的不同品类数' : '空：未指定品类列',
    ),
  ];
}

/** Returns the lifetimes preset's definitions (Python lifetimes' summary_data_from_transaction_data, in weeks). */
export function describeLifetimesMetrics(input: MetricTextInput): MetricDefinition[] {
  const purchase = `NOT (${input.refund})`;
  const day = `DATE(${input.time})`;
  return [
    metric('customer_id', 'text', 'customer_id', 'The customer’s id, as written (text)', '客户编号（文本，原样保留）'),
    metric(
      'frequency',
      'integer',
      `COUNT_DISTINCT(IF(${purchase}, ${day}, NULL)) - 1`,
      'Repeat purchase days up to the cutoff (same-day purchases are one)',
      '截止日前的复购天数（同一天的购买算一次）',
    ),
    metric('recency', 'decimal', `DAYS(first_order_at, last_order_at) / 7`, 'Weeks from the first to the last purchase day', '首购日到末次购买日的周数'),
    metric('T', 'decimal', `DAYS(first_order_at, cutoff) / 7`, 'Weeks from the first purchase day to the cutoff', '首购日到截止日的周数'),
    metric(
      'monetary_value',
      'decimal',
      `IF(frequency = 0, 0, SUM(IF(${purchase} AND ${day} > first_purchase_day, ${input.amount}, 0)) / frequency)`,
      'Mean amount of a repeat purchase day (0 without repeats)',
      '复购日的平均金额（无复购时为 0）',
    ),
  ];
}
