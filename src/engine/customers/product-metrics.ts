/**
 * The customer table's product metrics (issue #9, analyses/types.ts ProductMetric): columns from
 * the products each customer bought, computed from the same purchase lines as the analyses, so a
 * replenishment cycle is measured on the orders the table uses (and again at every analysis date).
 */
import { boughtOrders } from '../analyses/cross-sell.ts';
import { replenishmentCycles, replenishmentRatio } from '../analyses/replenishment.ts';
import type { ItemDimension, ProductMetric, PurchaseLines } from '../analyses/types.ts';
import type { NumericColumn } from '../dataset/types.ts';
import { checkResultName } from '../notebook/result-names.ts';
import { CustomerTableError } from './customer-table-error.ts';
import { formulaString } from './describe-metrics.ts';
import type { MetricDefinition } from './types.ts';

/** The default preset's columns, which a product metric cannot be named like. */
export const DEFAULT_COLUMN_NAMES: readonly string[] = [
  'customer_id',
  'first_order_at',
  'last_order_at',
  'recency_days',
  'orders',
  'revenue',
  'avg_order_value',
  'tenure_days',
  'mean_days_between_orders',
  'coupon_amount',
  'discount_ratio',
  'coupon_orders',
  'refund_amount',
  'distinct_products',
  'distinct_categories',
];

/** Most items one product metric may list (a chosen set, not a catalogue). */
export const MAX_METRIC_ITEMS = 1000;

export function productMetricColumns(
  metrics: readonly ProductMetric[],
  linesOf: (by: ItemDimension) => PurchaseLines,
  taken: readonly string[],
): { columns: NumericColumn[]; metrics: MetricDefinition[] } {
  const names = new Set(taken.map((n) => n.toLowerCase()));
  const columns: NumericColumn[] = [];
  const definitions: MetricDefinition[] = [];
  for (const metric of metrics) {
    checkMetric(metric, names);
    names.add(metric.name.toLowerCase());
    const lines = linesOf(metric.by);
    const role = metric.by === 'product' ? 'product' : 'category';
    const list = metric.items.map(formulaString).join(', ');
    if (metric.kind === 'bought') {
      columns.push({ name: metric.name, type: 'integer', values: boughtOrders(lines, metric.items) });
      definitions.push({
        name: metric.name,
        type: 'integer',
        formula: `COUNT(DISTINCT order WHERE ${role} IN (${list}))`,
        description: {
          en: `Orders holding any of ${metric.items.length === 1 ? `the ${role}` : `${metric.items.length} ${role === 'product' ? 'products' : 'categories'}`} ${list} (0 when none).`,
          'zh-CN': `包含${role === 'product' ? '商品' : '品类'} ${list} 之一的订单数（没有则为 0）。`,
        },
      });
    } else {
      const cycles = replenishmentCycles(lines, { minPairs: metric.minPairs }).filter((row) => !row.fewPairs);
      columns.push({ name: metric.name, type: 'decimal', values: replenishmentRatio(lines, cycles, metric.items) });
      definitions.push({
        name: metric.name,
        type: 'decimal',
        formula: `MAX over ${role} IN (${list}) of (as_of − last purchase day of it) / its median replenishment cycle`,
        description: {
          en: `Days since the last purchase of each of ${list} divided by its median cycle (days between a customer's consecutive purchase days of it, from ≥ ${metric.minPairs} repeat pairs); the largest. 1 = one cycle since; NULL when the customer bought none of them.`,
          'zh-CN': `距上次购买 ${list} 各自的天数除以其补货周期中位数（同一客户相邻两次购买日的间隔，至少 ${metric.minPairs} 对）中的最大值。1 表示已过一个周期；没买过则为空。`,
        },
      });
    }
  }
  return { columns, metrics: definitions };
}

function checkMetric(metric: ProductMetric, names: Set<string>): void {
  const problem = checkResultName(metric.name, []);
  if (problem !== null) throw new CustomerTableError('bad-option', `“${metric.name}” cannot name a product metric (${problem}).`, { option: 'productMetrics' });
  if (names.has(metric.name.toLowerCase())) throw new CustomerTableError('bad-option', `A product metric cannot be named “${metric.name}”: the customer table already has that column.`, { option: 'productMetrics' });
  if (metric.by !== 'product' && metric.by !== 'category') throw new CustomerTableError('bad-option', `A product metric is by product or by category, not “${String(metric.by)}”.`, { option: 'productMetrics' });
  if (!Array.isArray(metric.items) || metric.items.length === 0) throw new CustomerTableError('bad-option', `The product metric “${metric.name}” lists no ${metric.by}.`, { option: 'productMetrics' });
  if (metric.items.length > MAX_METRIC_ITEMS) throw new CustomerTableError('bad-option', `The product metric “${metric.name}” lists more than ${MAX_METRIC_ITEMS} items.`, { option: 'productMetrics' });
  if (metric.kind !== 'bought' && metric.kind !== 'replenishment') throw new CustomerTableError('bad-option', `Unknown product metric kind “${String((metric as { kind: unknown }).kind)}”.`, { option: 'productMetrics' });
}
