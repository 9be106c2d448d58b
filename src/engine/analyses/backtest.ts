/**
 * Backtest — does this tag predict? (issue #9, SPEC §5) The tag is computed again as of the cutoff
 * with the orders before it only (tag-scheme.ts); then, per segment, how many of its customers
 * bought in the outcome window [cutoff, cutoff + windowDays − 1], with a Wilson interval, their
 * revenue in the window per customer, and the lift of the rate against the whole base.
 *
 * The outcome reads the customer table's own definitions over the window alone (same filters,
 * refunds, order counting and revenue variant), so "bought again" means what `orders` means.
 */
import { buildCustomerTable } from '../customers/build-customer-table.ts';
import { isCustomerTableError } from '../customers/customer-table-error.ts';
import type { CustomerTableDefinition } from '../customers/types.ts';
import { tagAtDate, type TagScheme } from './tag-scheme.ts';
import { AnalysisError, MAX_WINDOW_DAYS, type BacktestResult, type BacktestSegment } from './types.ts';
import { wilsonInterval } from './wilson.ts';

/** The label of customers the tag leaves without a segment. */
export const NO_SEGMENT = '(no segment)';

export function backtestTag(scheme: TagScheme, options: { tag: string; cutoff: number; windowDays: number }): BacktestResult {
  const { cutoff, windowDays } = options;
  if (!Number.isInteger(cutoff)) throw new AnalysisError('bad-option', 'The cutoff must be a date.');
  if (!Number.isInteger(windowDays) || windowDays < 1 || windowDays > MAX_WINDOW_DAYS) {
    throw new AnalysisError('bad-option', `The outcome window is a whole number of days from 1 to ${MAX_WINDOW_DAYS}, not “${String(windowDays)}”.`);
  }
  const tag = tagAtDate(scheme, options.tag, cutoff);
  const outcome = windowOutcome(scheme, cutoff, windowDays);

  const segmentCount = tag.labels.length;
  // Index segmentCount holds the customers without a segment.
  const customers = new Float64Array(segmentCount + 1);
  const repeaters = new Float64Array(segmentCount + 1);
  const revenue = new Float64Array(segmentCount + 1);
  let allRepeaters = 0;
  tag.customerIds.forEach((id, row) => {
    const code = tag.codes[row];
    const at = code >= 0 ? code : segmentCount;
    customers[at]++;
    const after = outcome.get(id);
    if (after && after.orders > 0) {
      repeaters[at]++;
      allRepeaters++;
    }
    if (after && Number.isFinite(after.revenue)) revenue[at] += after.revenue;
  });
  const total = tag.customerIds.length;
  const baseRate = total > 0 ? allRepeaters / total : NaN;
  const segment = (at: number, label: string, code: number): BacktestSegment => {
    const n = customers[at];
    const rate = n > 0 ? repeaters[at] / n : NaN;
    const [rateLow, rateHigh] = wilsonInterval(repeaters[at], n);
    return {
      label,
      code,
      customers: n,
      repeaters: repeaters[at],
      rate,
      rateLow,
      rateHigh,
      revenuePerCustomer: n > 0 ? revenue[at] / n : NaN,
      lift: baseRate > 0 ? rate / baseRate : NaN,
    };
  };
  const segments = tag.labels.map((label, code) => segment(code, label, code));
  if (customers[segmentCount] > 0) segments.push(segment(segmentCount, NO_SEGMENT, -1));
  return { tag: options.tag, cutoff, windowDays, customers: total, repeaters: allRepeaters, rate: baseRate, segments, cutPoints: tag.cutPoints };
}

/** Purchases (as `orders` counts them) and revenue per customer id in [from, from + days − 1]. */
export function windowOutcome(scheme: TagScheme, from: number, days: number): Map<string, { orders: number; revenue: number }> {
  const base = scheme.definition;
  const range = base.filters?.dateRange;
  const start = Math.max(range?.from ?? -Infinity, from);
  const end = Math.min(range?.to ?? Infinity, from + days - 1);
  const out = new Map<string, { orders: number; revenue: number }>();
  if (end < start) return out;
  const definition: CustomerTableDefinition = {
    ...base,
    preset: 'default',
    productMetrics: [],
    asOf: from + days,
    metrics: { ...base.metrics, includeFirstPurchase: true },
    filters: { ...base.filters, dateRange: { from: start, to: end } },
  };
  delete definition.cutoff;
  let table;
  try {
    // Without the customers table: only who bought (or was refunded) in the window appears.
    table = buildCustomerTable({ orders: scheme.input.orders, items: scheme.input.items }, definition);
  } catch (error) {
    if (isCustomerTableError(error) && error.code === 'no-usable-rows') return out;
    throw error;
  }
  const id = table.columns.find((c) => c.name === 'customer_id');
  const orders = table.columns.find((c) => c.name === 'orders');
  const revenue = table.columns.find((c) => c.name === 'revenue');
  if (!id || id.type !== 'text' || !orders || orders.type === 'text' || !revenue || revenue.type === 'text') return out;
  for (let row = 0; row < table.rowCount; row++) out.set(id.dictionary[id.codes[row]], { orders: orders.values[row], revenue: revenue.values[row] });
  return out;
}
