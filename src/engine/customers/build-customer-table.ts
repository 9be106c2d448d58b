/**
 * The customer table (issue #4): one row per customer from an orders table, in two passes over
 * typed arrays. The customer id's dictionary code is already a dense key, so grouping is an
 * Int32Array lookup per row; sums, minima and maxima accumulate into typed arrays indexed by
 * group; distinct counts use a hash set of (group, key) pairs. No per-row objects, no string keys
 * in the hot loops (strings are touched once per dictionary entry, never per row).
 *
 * Definitions (shown to the user through `metrics`, see describe-metrics.ts):
 * - a row is a refund when its amount (or quantity) is negative, or the refund rule matches it;
 *   every other used row is a purchase. Orders, first/last order, recency, tenure, purchase days
 *   and distinct products count purchases only.
 * - gross revenue is every positive amount (money taken in, refunded orders included); refunds
 *   are |amount| of refund rows; net of refunds = gross − refunds; coupons are summed over purchases;
 *   coupon_orders counts the purchases `orders` counts (same variant) that carry a coupon > 0.
 * - recency_days = as_of − last purchase day; tenure_days = as_of − first purchase day;
 *   mean_days_between_orders = (last − first purchase day) / (purchase days − 1), NULL with one day.
 * - as_of defaults to the day after the latest used row's day (after the filters; refunds count),
 *   never the machine clock; with the lifetimes preset, to the day after the cutoff.
 * - customers of the customers table without a purchase are prospects: orders 0, revenue and
 *   coupon/refund sums and coupon orders 0 (net revenue can be negative for a customer with refunds only), dates,
 *   recency, tenure, average order value, mean gap and discount ratio NULL, distinct counts 0.
 *
 * The lifetimes preset follows Python lifetimes' summary_data_from_transaction_data (daily
 * frequency, results in weeks) and differs from the default metrics on purpose:
 * - frequency = distinct purchase days − 1 (same-day purchases are one; the first day is not a
 *   repeat), where `orders` counts order ids and includes the first purchase;
 * - recency = (last − first purchase day) / 7, the customer's age at the last purchase, which is
 *   NOT recency_days (as_of − last purchase day, in days: "how long ago");
 * - T = (cutoff − first purchase day) / 7, where tenure_days counts to as_of (= cutoff + 1 by
 *   default), so T = (tenure_days − 1) / 7;
 * - monetary_value = the mean of the day totals after the first purchase day (0 without a repeat
 *   day), where avg_order_value is revenue per order with the first purchase included;
 * - orders after the cutoff are excluded (and reported); only customers with a purchase by the
 *   cutoff appear (no prospects). Refund rows are not purchases here either, whereas lifetimes has
 *   no refunds and would add a negative amount into its day's total. $0 purchases count, as there.
 */
import type { NumericColumn, TextColumn } from '../dataset/types.ts';
import { countDistinctPairs } from './count-distinct-pairs.ts';
import { CustomerTableError } from './customer-table-error.ts';
import { describeDefaultMetrics, describeLifetimesMetrics, formulaName, formulaString, type MetricTextInput } from './describe-metrics.ts';
import { countItemKeys } from './count-item-keys.ts';
import { describeIssues, withoutPurchase } from './describe-issues.ts';
import { filterOrderRows } from './filter-order-rows.ts';
import { readPurchaseLines } from './purchase-lines.ts';
import { DEFAULT_COLUMN_NAMES, productMetricColumns } from './product-metrics.ts';
import type { ItemDimension, PurchaseLines } from '../analyses/types.ts';
import { defaultEvaluateFormula } from './default-evaluate-formula.ts';
import { indexColumns, readFlags, readKeys, readNumbers, readTimes, resolveRole, roleLabel, type RoleKeys } from './resolve-roles.ts';
import type {
  BuildCustomerTableOptions,
  CustomerTable,
  CustomerTableDefinition,
  CustomerTableInput,
  RoleSource,
} from './types.ts';

const MS_PER_DAY = 86_400_000;

/**
 * Returns the customer table for `definition` over `input`. Throws CustomerTableError (never
 * anything else) for a missing role, an unknown column, a column of the wrong type, a failed
 * formula, an empty table or a table none of whose rows can be used.
 */
export function buildCustomerTable(input: CustomerTableInput, definition: CustomerTableDefinition, options: BuildCustomerTableOptions = {}): CustomerTable {
  const evaluate = options.evaluateFormula ?? defaultEvaluateFormula;
  const orders = input.orders;
  if (!orders || !(orders.rowCount > 0)) throw new CustomerTableError('empty-table', 'The orders table has no rows.', { table: 'orders' });
  const roles = definition.roles ?? ({} as CustomerTableDefinition['roles']);
  for (const role of ['customer', 'time'] as const) {
    if (!roles[role]) throw new CustomerTableError('missing-role', `Choose the column that holds the ${roleLabel(role)}.`, { role });
  }
  const rowCount = orders.rowCount;
  const columns = indexColumns(orders, 'orders');
  const resolve = (role: string, source: RoleSource) => resolveRole(columns, rowCount, role, source, 'orders', evaluate);
  const optionalKeys = (role: 'order' | 'status' | 'channel' | 'product' | 'category') => (roles[role] ? readKeys(resolve(role, roles[role]!)) : null);

  const customerKeys = readKeys(resolve('customer', roles.customer));
  const timeRole = resolve('time', roles.time);
  const time = readTimes(timeRole);
  const quantityRole = roles.quantity ? resolve('quantity', roles.quantity) : null;
  const quantities = quantityRole ? readNumbers(quantityRole) : null;
  let amounts: Float64Array;
  let amountText: string;
  if (roles.amount) {
    const amountRole = resolve('amount', roles.amount);
    amounts = readNumbers(amountRole);
    amountText = amountRole.isFormula ? `(${amountRole.label})` : formulaName(amountRole.label);
  } else if (quantities && roles.unitPrice) {
    const priceRole = resolve('unitPrice', roles.unitPrice);
    const prices = readNumbers(priceRole);
    amounts = new Float64Array(rowCount);
    for (let row = 0; row < rowCount; row++) amounts[row] = quantities[row] * prices[row];
    amountText = `${priceRole.isFormula ? `(${priceRole.label})` : formulaName(priceRole.label)} * ${formulaName(quantityRole!.label)}`;
  } else {
    throw new CustomerTableError('missing-role', 'Choose the column that holds the paid amount (or both quantity and unit price).', { role: 'amount' });
  }
  const orderKeys = optionalKeys('order');
  const statusKeys = optionalKeys('status');
  const channelKeys = optionalKeys('channel');
  const couponRole = roles.coupon ? resolve('coupon', roles.coupon) : null;
  const coupons = couponRole ? readNumbers(couponRole) : null;

  // Refund flags: negative amounts or quantities always; then the rule's rows.
  const rule = definition.refunds ?? { kind: 'negative' };
  const refund = new Uint8Array(rowCount);
  let refundText = `${amountText} < 0`;
  if (quantities) refundText += ` OR ${formulaName(quantityRole!.label)} < 0`;
  if (rule.kind === 'status') {
    if (!statusKeys) throw new CustomerTableError('missing-role', 'Refunds by status need the status column: choose it, or another refund rule.', { role: 'status' });
    const wanted = new Set(rule.values);
    const flag = Uint8Array.from(statusKeys.dictionary, (value) => (wanted.has(value) ? 1 : 0));
    const codes = statusKeys.codes;
    for (let row = 0; row < rowCount; row++) if (codes[row] >= 0 && flag[codes[row]]) refund[row] = 1;
    refundText += ` OR ${formulaName(statusKeys.column)} IN (${rule.values.map(formulaString).join(', ')})`;
  } else if (rule.kind === 'formula') {
    const flags = readFlags(resolveRole(columns, rowCount, 'refund', { formula: rule.formula }, 'orders', evaluate));
    for (let row = 0; row < rowCount; row++) if (flags[row] === 1) refund[row] = 1;
    refundText += ` OR (${rule.formula})`;
  } else if (rule.kind !== 'negative') {
    throw new CustomerTableError('bad-option', 'The refund rule must be negative, status or formula.', { option: 'refunds' });
  }
  for (let row = 0; row < rowCount; row++) if (amounts[row] < 0 || (quantities !== null && quantities[row] < 0)) refund[row] = 1;

  // Filters, before any metric.
  const filters = definition.filters ?? {};
  const preset = definition.preset ?? 'default';
  if (preset !== 'default' && preset !== 'lifetimes') throw new CustomerTableError('bad-option', `Unknown preset “${String(preset)}”.`, { option: 'preset' });
  const fromDay = checkDay(filters.dateRange?.from, 'dateRange.from') ?? -Infinity;
  const toDay = checkDay(filters.dateRange?.to, 'dateRange.to') ?? Infinity;
  const cutoffOption = checkDay(definition.cutoff, 'cutoff');
  const asOfOption = checkDay(definition.asOf, 'asOf');
  const excludedIds = new Set(filters.excludedCustomers ?? []);
  const excludedCustomerCodes = excludedIds.size ? Uint8Array.from(customerKeys.dictionary, (id) => (excludedIds.has(id) ? 1 : 0)) : null;
  let keptChannelCodes: Uint8Array | null = null;
  if (filters.channels) {
    if (!channelKeys) throw new CustomerTableError('missing-role', 'Filtering by channel needs the channel column: choose it, or clear the channel filter.', { role: 'channel' });
    const wanted = new Set(filters.channels);
    keptChannelCodes = Uint8Array.from(channelKeys.dictionary, (value) => (wanted.has(value) ? 1 : 0));
  }
  const orderRows = definition.orderRows ?? 'one-per-order';
  const productKeysOnOrders = definition.itemRoles?.product ? null : optionalKeys('product');
  const categoryKeysOnOrders = definition.itemRoles?.category ? null : optionalKeys('category');
  const compared: (Float64Array | Int32Array)[] = [customerKeys.codes, time.values, amounts];
  for (const extra of [orderKeys?.codes, statusKeys?.codes, channelKeys?.codes, productKeysOnOrders?.codes, categoryKeysOnOrders?.codes, coupons, quantities]) {
    if (extra) compared.push(extra);
  }
  const filtered = filterOrderRows({
    rowCount,
    customerCodes: customerKeys.codes,
    excludedCustomerCodes,
    times: time.values,
    timeType: time.type,
    fromDay,
    toDay,
    cutoffDay: cutoffOption ?? Infinity,
    channelCodes: channelKeys?.codes ?? null,
    keptChannelCodes,
    amounts,
    orderCodes: orderKeys?.codes ?? null,
    orderCount: orderKeys?.dictionary.length ?? 0,
    orderRows,
    compared,
  });
  const { keep, days } = filtered;
  if (filtered.keptRows === 0) {
    const reasons = Object.entries(filtered.exclusions).map(([code, count]) => `${count} ${code.replaceAll('-', ' ')}`);
    throw new CustomerTableError('no-usable-rows', `None of the ${rowCount} order rows can be used (${reasons.join(', ')}).`, { rows: rowCount, reasons: reasons.join(', ') });
  }

  // Groups: customers-table order first (prospects included), then new ids in order of first use.
  const ids: string[] = [];
  const groupOfCode = new Int32Array(customerKeys.dictionary.length).fill(-1);
  const idKeysNotes: RoleKeys[] = orderKeys ? [customerKeys, orderKeys] : [customerKeys];
  let duplicateCustomerIds = 0;
  if (input.customers) {
    const source = definition.customerRoles?.customer ?? roles.customer;
    const table = input.customers;
    const customerColumns = indexColumns(table, 'customers');
    const keys = readKeys(resolveRole(customerColumns, table.rowCount, 'customer', source, 'customers', evaluate));
    idKeysNotes.push(keys);
    const groupById = new Map<string, number>();
    const seenCode = new Uint8Array(keys.dictionary.length);
    for (let row = 0; row < table.rowCount; row++) {
      const code = keys.codes[row];
      if (code < 0) continue;
      if (seenCode[code]) {
        duplicateCustomerIds++;
        continue;
      }
      seenCode[code] = 1;
      const id = keys.dictionary[code];
      if (excludedIds.has(id)) continue;
      groupById.set(id, ids.length);
      ids.push(id);
    }
    customerKeys.dictionary.forEach((id, code) => {
      const group = groupById.get(id);
      if (group !== undefined) groupOfCode[code] = group;
    });
  }
  const rowGroup = new Int32Array(rowCount).fill(-1);
  let minDay = Infinity;
  let maxDay = -Infinity;
  for (let row = 0; row < rowCount; row++) {
    if (!keep[row]) continue;
    const code = customerKeys.codes[row];
    let group = groupOfCode[code];
    if (group < 0) {
      group = groupOfCode[code] = ids.length;
      ids.push(customerKeys.dictionary[code]);
    }
    rowGroup[row] = group;
    const day = days[row];
    if (day < minDay) minDay = day;
    if (day > maxDay) maxDay = day;
  }
  const groupCount = ids.length;
  const cutoff = preset === 'lifetimes' ? (cutoffOption ?? maxDay) : cutoffOption;
  const asOf = asOfOption ?? (preset === 'lifetimes' ? cutoff! + 1 : maxDay + 1);

  // Pass 1: purchases, first/last times and (with the first purchase included) every sum.
  const includeFirst = definition.metrics?.includeFirstPurchase ?? true;
  const purchaseRows = new Int32Array(groupCount);
  const firstTime = new Float64Array(groupCount).fill(Infinity);
  const lastTime = new Float64Array(groupCount).fill(-Infinity);
  const purchaseGroup = new Int32Array(rowCount).fill(-1);
  const sums = newSums(groupCount);
  const times = time.values;
  let refundRows = 0;
  for (let row = 0; row < rowCount; row++) {
    const group = rowGroup[row];
    if (group < 0) continue;
    if (refund[row]) {
      refundRows++;
    } else {
      purchaseRows[group]++;
      purchaseGroup[row] = group;
      const t = times[row];
      if (t < firstTime[group]) firstTime[group] = t;
      if (t > lastTime[group]) lastTime[group] = t;
    }
    if (includeFirst) addRow(sums, group, row, amounts, coupons, refund);
  }
  const toDayNumber = time.type === 'datetime' ? (t: number) => Math.floor(t / MS_PER_DAY) : (t: number) => t;
  const firstDay = new Float64Array(groupCount);
  const lastDay = new Float64Array(groupCount);
  for (let g = 0; g < groupCount; g++) {
    firstDay[g] = purchaseRows[g] ? toDayNumber(firstTime[g]) : NaN;
    lastDay[g] = purchaseRows[g] ? toDayNumber(lastTime[g]) : NaN;
  }
  // Pass 2 (repeat metrics only): the sums over rows after each customer's first purchase day.
  let countedGroup = purchaseGroup;
  if (!includeFirst) {
    countedGroup = new Int32Array(rowCount).fill(-1);
    for (let row = 0; row < rowCount; row++) {
      const group = rowGroup[row];
      if (group < 0 || !(days[row] > firstDay[group])) continue;
      if (!refund[row]) countedGroup[row] = group;
      addRow(sums, group, row, amounts, coupons, refund);
    }
  }

  // Distinct purchase days: keys are days since the earliest used day.
  const dayKeys = new Int32Array(rowCount);
  for (let row = 0; row < rowCount; row++) dayKeys[row] = purchaseGroup[row] >= 0 ? days[row] - minDay : -1;
  const purchaseDays = countDistinctPairs(purchaseGroup, dayKeys, groupCount, maxDay - minDay + 1);

  // The product analyses' purchase lines (issue #9), only when asked for or a product metric needs them.
  const linesBy: Partial<Record<ItemDimension, PurchaseLines>> = {};
  const linesOf = (by: ItemDimension): PurchaseLines =>
    (linesBy[by] ??= readPurchaseLines({
      input,
      definition,
      by,
      keysOnOrders: definition.itemRoles?.[by] ? null : optionalKeys(by),
      orderKeys,
      purchaseGroup,
      days,
      customerIds: ids,
      asOf,
      evaluate,
    }));
  const purchaseLines = options.purchaseLines ? linesOf(options.purchaseLines) : undefined;

  const metricText: MetricTextInput = {
    time: timeRole.isFormula ? `(${timeRole.label})` : formulaName(timeRole.label),
    timeType: time.type,
    amount: amountText,
    order: orderKeys ? formulaName(orderKeys.column) : undefined,
    coupon: couponRole ? formulaName(couponRole.label) : undefined,
    refund: refundText,
    orders: definition.metrics?.orders ?? 'orders',
    revenue: definition.metrics?.revenue ?? 'net-of-refunds',
    includeFirstPurchase: includeFirst,
  };
  checkVariants(metricText);
  const issues = describeIssues(filtered.exclusions, filtered.conflictingDuplicates, refundRows, duplicateCustomerIds, idKeysNotes, orderRows);
  const exclusionTotal = Object.values(filtered.exclusions).reduce((a, b) => a + (b ?? 0), 0);
  const base = {
    asOf,
    inputRows: rowCount,
    usedRows: rowCount - exclusionTotal,
    refundRows,
    exclusions: filtered.exclusions,
  };

  if (preset === 'lifetimes') {
    // One row per customer with a purchase up to the cutoff (lifetimes has no prospects).
    const groups: number[] = [];
    for (let g = 0; g < groupCount; g++) if (purchaseRows[g] > 0) groups.push(g);
    const repeat = new Float64Array(groupCount);
    for (let row = 0; row < rowCount; row++) {
      const group = purchaseGroup[row];
      if (group >= 0 && days[row] > firstDay[group]) repeat[group] += amounts[row];
    }
    const frequency = new Float64Array(groups.length);
    const recency = new Float64Array(groups.length);
    const tWeeks = new Float64Array(groups.length);
    const monetary = new Float64Array(groups.length);
    groups.forEach((g, i) => {
      frequency[i] = purchaseDays[g] - 1;
      recency[i] = (lastDay[g] - firstDay[g]) / 7;
      tWeeks[i] = (cutoff! - firstDay[g]) / 7;
      monetary[i] = frequency[i] > 0 ? repeat[g] / frequency[i] : 0;
    });
    if (purchaseLines || definition.productMetrics?.length) {
      throw new CustomerTableError('bad-option', 'Product analyses and product metrics need the default metrics, not the lifetimes preset.', { option: 'preset' });
    }
    return {
      ...base,
      cutoff,
      rowCount: groups.length,
      columns: [
        idColumn(groups.map((g) => ids[g])),
        numeric('frequency', 'integer', frequency),
        numeric('recency', 'decimal', recency),
        numeric('T', 'decimal', tWeeks),
        numeric('monetary_value', 'decimal', monetary),
      ],
      metrics: describeLifetimesMetrics(metricText),
      prospects: groupCount - groups.length,
      issues: groupCount > groups.length ? [...issues, withoutPurchase(groupCount - groups.length)] : issues,
    };
  }

  // Orders by the chosen variant, over the counted purchases.
  let orderCounts: Int32Array;
  if (metricText.orders === 'days') {
    orderCounts = includeFirst ? purchaseDays : purchaseDays.map((n) => Math.max(0, n - 1));
  } else if (metricText.orders === 'orders' && orderKeys && orderRows === 'lines') {
    orderCounts = countDistinctPairs(countedGroup, orderKeys.codes, groupCount, orderKeys.dictionary.length);
    // Rows without an order id are one order each.
    for (let row = 0; row < rowCount; row++) if (countedGroup[row] >= 0 && orderKeys.codes[row] < 0) orderCounts[countedGroup[row]]++;
  } else {
    orderCounts = sums.rows;
  }

  // Orders with a coupon (> 0), counted as `orders` counts: the same variant over the same purchases.
  let couponOrders: Float64Array | null = null;
  if (coupons) {
    const couponGroup = new Int32Array(rowCount).fill(-1);
    for (let row = 0; row < rowCount; row++) if (countedGroup[row] >= 0 && coupons[row] > 0) couponGroup[row] = countedGroup[row];
    if (metricText.orders === 'days') {
      couponOrders = Float64Array.from(countDistinctPairs(couponGroup, dayKeys, groupCount, maxDay - minDay + 1));
    } else if (metricText.orders === 'orders' && orderKeys && orderRows === 'lines') {
      couponOrders = Float64Array.from(countDistinctPairs(couponGroup, orderKeys.codes, groupCount, orderKeys.dictionary.length));
      for (let row = 0; row < rowCount; row++) if (couponGroup[row] >= 0 && orderKeys.codes[row] < 0) couponOrders[couponGroup[row]]++;
    } else {
      couponOrders = new Float64Array(groupCount);
      for (let row = 0; row < rowCount; row++) if (couponGroup[row] >= 0) couponOrders[couponGroup[row]]++;
    }
  }

  const distinct = (role: 'product' | 'category', onOrders: RoleKeys | null): Float64Array | null => {
    const itemSource = definition.itemRoles?.[role];
    if (itemSource) return countItemKeys(input, definition, role, itemSource, orderKeys, purchaseGroup, groupCount, evaluate, issues);
    if (!onOrders) return null;
    return Float64Array.from(countDistinctPairs(purchaseGroup, onOrders.codes, groupCount, onOrders.dictionary.length));
  };
  const products = distinct('product', productKeysOnOrders);
  const categories = distinct('category', categoryKeysOnOrders);
  if (definition.itemRoles?.product) metricText.product = formulaName(labelOf(definition.itemRoles.product));
  else if (productKeysOnOrders) metricText.product = formulaName(productKeysOnOrders.column);
  if (definition.itemRoles?.category) metricText.category = formulaName(labelOf(definition.itemRoles.category));
  else if (categoryKeysOnOrders) metricText.category = formulaName(categoryKeysOnOrders.column);

  const n = groupCount;
  const first = new Float64Array(n);
  const last = new Float64Array(n);
  const recency = new Float64Array(n);
  const ordersOut = new Float64Array(n);
  const revenue = new Float64Array(n);
  const aov = new Float64Array(n);
  const tenure = new Float64Array(n);
  const meanGap = new Float64Array(n);
  const couponOut = new Float64Array(n);
  const ratio = new Float64Array(n);
  const refundOut = new Float64Array(n);
  let prospects = 0;
  for (let g = 0; g < n; g++) {
    const bought = purchaseRows[g] > 0;
    if (!bought) prospects++;
    first[g] = bought ? firstTime[g] : NaN;
    last[g] = bought ? lastTime[g] : NaN;
    recency[g] = asOf - lastDay[g];
    tenure[g] = asOf - firstDay[g];
    meanGap[g] = purchaseDays[g] > 1 ? (lastDay[g] - firstDay[g]) / (purchaseDays[g] - 1) : NaN;
    ordersOut[g] = orderCounts[g];
    const couponSum = coupons ? sums.coupon[g] : 0;
    revenue[g] = revenueOf(metricText.revenue, sums.gross[g], sums.refunds[g], couponSum);
    aov[g] = orderCounts[g] > 0 ? revenue[g] / orderCounts[g] : NaN;
    couponOut[g] = coupons ? couponSum : NaN;
    ratio[g] = coupons && sums.paid[g] > 0 ? couponSum / sums.paid[g] : NaN;
    refundOut[g] = sums.refunds[g];
  }
  if (prospects > 0) {
    issues.push({
      code: 'prospects',
      severity: 'info',
      message: `${prospects} customer(s) have no purchase (listed in the customers table, or with refunds only): they appear as prospects with 0 orders.`,
      count: prospects,
      params: { count: prospects },
    });
  }
  const nullColumn = () => new Float64Array(n).fill(NaN);
  const product = productMetricColumns(definition.productMetrics ?? [], linesOf, DEFAULT_COLUMN_NAMES);
  return {
    ...base,
    ...(cutoff !== undefined ? { cutoff } : {}),
    rowCount: n,
    columns: [
      idColumn(ids),
      numeric('first_order_at', time.type, first),
      numeric('last_order_at', time.type, last),
      numeric('recency_days', 'integer', recency),
      numeric('orders', 'integer', ordersOut),
      numeric('revenue', 'decimal', revenue),
      numeric('avg_order_value', 'decimal', aov),
      numeric('tenure_days', 'integer', tenure),
      numeric('mean_days_between_orders', 'decimal', meanGap),
      numeric('coupon_amount', 'decimal', couponOut),
      numeric('discount_ratio', 'decimal', ratio),
      numeric('coupon_orders', 'integer', couponOrders ?? nullColumn()),
      numeric('refund_amount', 'decimal', refundOut),
      numeric('distinct_products', 'integer', products ?? nullColumn()),
      numeric('distinct_categories', 'integer', categories ?? nullColumn()),
      ...product.columns,
    ],
    metrics: [...describeDefaultMetrics(metricText), ...product.metrics],
    prospects,
    issues,
    ...(purchaseLines ? { purchaseLines } : {}),
  };
}

interface Sums {
  /** Counted purchase rows. */
  rows: Int32Array;
  gross: Float64Array;
  refunds: Float64Array;
  coupon: Float64Array;
  /** Amounts of counted purchases (the discount ratio's denominator). */
  paid: Float64Array;
}

function newSums(groupCount: number): Sums {
  return {
    rows: new Int32Array(groupCount),
    gross: new Float64Array(groupCount),
    refunds: new Float64Array(groupCount),
    coupon: new Float64Array(groupCount),
    paid: new Float64Array(groupCount),
  };
}

function addRow(sums: Sums, group: number, row: number, amounts: Float64Array, coupons: Float64Array | null, refund: Uint8Array): void {
  const amount = amounts[row];
  if (amount > 0) sums.gross[group] += amount;
  if (refund[row]) {
    sums.refunds[group] += Math.abs(amount);
    return;
  }
  sums.rows[group]++;
  sums.paid[group] += amount;
  if (coupons) {
    const coupon = coupons[row];
    // A NULL coupon is no coupon.
    if (coupon === coupon) sums.coupon[group] += coupon;
  }
}

function revenueOf(variant: MetricTextInput['revenue'], gross: number, refunds: number, coupons: number): number {
  if (variant === 'gross') return gross;
  if (variant === 'net-of-refunds') return gross - refunds;
  if (variant === 'net-of-coupons') return gross - coupons;
  return gross - refunds - coupons;
}

function checkVariants(text: MetricTextInput): void {
  if (!['rows', 'orders', 'days'].includes(text.orders)) throw new CustomerTableError('bad-option', `Unknown orders variant “${text.orders}” (use rows, orders or days).`, { option: 'metrics.orders' });
  if (!['gross', 'net-of-refunds', 'net-of-coupons', 'net-of-refunds-and-coupons'].includes(text.revenue)) {
    throw new CustomerTableError('bad-option', `Unknown revenue variant “${text.revenue}” (use gross, net-of-refunds, net-of-coupons or net-of-refunds-and-coupons).`, {
      option: 'metrics.revenue',
    });
  }
}

function checkDay(value: number | undefined, option: string): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value)) throw new CustomerTableError('bad-option', `${option} must be a date (a whole civil day number), not “${String(value)}”.`, { option });
  return value;
}

function labelOf(source: RoleSource): string {
  return typeof source === 'string' ? source : source.formula;
}

function idColumn(ids: string[]): TextColumn {
  return { name: 'customer_id', type: 'text', codes: Int32Array.from(ids, (_, i) => i), dictionary: ids };
}

function numeric(name: string, type: NumericColumn['type'], values: Float64Array): NumericColumn {
  return { name, type, values };
}
