// Invariant: the discount playbook bands each customer by coupon amount ÷ amount paid for
// purchases (the customer table's discount_ratio; refunds and NULL coupons add nothing) at
// 1% / 30% (≥ moves up), computes the share of orders with a coupon (> 0), and flags "buys only
// on discount" at a share ≥ 1 with 2+ orders; customers without a ratio get no band, without a
// share no flag. References are loops over the order rows.
import { describe, expect, it } from 'vitest';
import { buildCustomerTable } from '../../../src/engine/customers/build-customer-table.ts';
import { evaluateCustomMetrics } from '../../../src/engine/metrics/custom-metrics.ts';
import { missingNeeds } from '../../../src/engine/playbooks/apply-playbook.ts';
import { DISCOUNT_PLAYBOOK } from '../../../src/engine/playbooks/discount.ts';
import { day, num, table, text } from '../customers/columns.ts';
import { sqlCodes } from '../tags/tag-harness.ts';
import { checkPlaybook, context, evaluateAddition, formulaParameters } from './playbook-checks.ts';

const COLUMNS = ['customer_id', 'recency_days', 'orders', 'revenue', 'coupon_amount', 'discount_ratio', 'coupon_orders', 'refund_amount'];

/** [customer, amount, coupon]: one order per row, a day apart. */
const ORDERS: [string, number, number | null][] = [
  ['A', 100, 30], ['A', 100, 30], // 0.3 on the heavy edge, every one of 2 orders with a coupon: flagged
  ['B', 100, 50], // 0.5 heavy, one order: not flagged
  ['C', 100, 0], ['C', 100, 0], ['C', 100, 0], // none
  ['D', 200, 2], ['D', 200, null], // 0.005: none (NULL coupon = no coupon), half the orders
  ['E', 100, 1], ['E', 100, 1], // 0.01 on the light edge, a tiny coupon on every order: flagged
  ['F', 50, 10], ['F', 50, 10], ['F', 50, 10], // 0.2 light, 3 of 3: flagged
  ['G', 100, 40], ['G', -100, 0], // refund: not a purchase, ratio 40/100, one order
  ['H', 0, 5], // nothing paid: no ratio; one order, with a coupon
  ['I', 80, 40], ['I', 80, 40], ['I', 40, 0], // 0.4 heavy, 2 of 3 orders
];

function buildShop(withCoupon = true) {
  const orders = table(
    text('order', ORDERS.map((_, i) => `o${i}`)),
    text('cust', ORDERS.map((o) => o[0])),
    num('time', 'date', ORDERS.map((_, i) => day('2024-01-01') + i)),
    num('amount', 'decimal', ORDERS.map((o) => o[1])),
    num('coupon', 'decimal', ORDERS.map((o) => o[2])),
  );
  const roles = { customer: 'cust', time: 'time', amount: 'amount', order: 'order', ...(withCoupon ? { coupon: 'coupon' } : {}) };
  return buildCustomerTable({ orders }, { roles });
}

/** Reference per customer (in the table's row order): ratio, coupon-order share, band (0 none, 1 light, 2 heavy, -1) and flag (0 yes, 1 no). */
function reference(ids: string[], lightFrom = 0.01, heavyFrom = 0.3, seekerShare = 1, seekerOrders = 2) {
  return ids.map((id) => {
    let paid = 0;
    let coupon = 0;
    let orders = 0;
    let couponOrders = 0;
    for (const [c, amount, k] of ORDERS) {
      if (c !== id || amount < 0) continue;
      paid += amount;
      coupon += k ?? 0;
      orders++;
      if ((k ?? 0) > 0) couponOrders++;
    }
    const ratio = paid > 0 ? coupon / paid : null;
    const share = orders > 0 ? couponOrders / orders : null;
    const band = ratio === null ? -1 : ratio < lightFrom ? 0 : ratio < heavyFrom ? 1 : 2;
    const flag = share !== null && share >= seekerShare && orders >= seekerOrders ? 0 : 1;
    return { ratio, share, band, flag };
  });
}

function idsOf(t: ReturnType<typeof buildShop>): string[] {
  const id = t.columns[0];
  if (id.type !== 'text') throw new Error('ids');
  return Array.from(id.codes, (c) => id.dictionary[c]);
}

describe('DISCOUNT_PLAYBOOK.build(context)', () => {
  it('passes the common playbook checks', () => {
    checkPlaybook(DISCOUNT_PLAYBOOK, COLUMNS);
  });

  it('says the coupon role is missing when the customer table has no coupon columns', () => {
    const missing = missingNeeds(DISCOUNT_PLAYBOOK, ['customer_id', 'orders', 'revenue']);
    expect(missing.map((m) => m.column)).toEqual(['coupon_amount', 'discount_ratio', 'coupon_orders']);
    expect(missing[0].from.en).toContain('coupon role');
    expect(missing[0].from.zh).toContain('优惠券');
  });

  it('bands and flags each customer as the loop over the order rows does', () => {
    const shop = buildShop();
    const addition = DISCOUNT_PLAYBOOK.build(context(shop.columns.map((c) => c.name)));
    const results = evaluateAddition(addition, shop);
    const ids = idsOf(shop);
    expect(ids).toEqual(['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I']);
    const expected = reference(ids);
    const ratio = shop.columns.find((c) => c.name === 'discount_ratio')!;
    if (ratio.type === 'text') throw new Error('numeric');
    expect(Array.from(ratio.values, (v) => (Number.isNaN(v) ? null : v))).toEqual(expected.map((e) => e.ratio));
    const bands = results.get('discount_intensity')!;
    const flag = results.get('discount_only_buyer')!;
    expect([...bands.codes]).toEqual(expected.map((e) => e.band));
    expect([...bands.codes]).toEqual([2, 2, 0, 0, 1, 1, 2, -1, 2]);
    expect([...flag.codes]).toEqual(expected.map((e) => e.flag));
    expect([...flag.codes]).toEqual([0, 1, 1, 1, 0, 0, 1, 1, 1]);
    const shares = evaluateCustomMetrics(shop.columns, shop.rowCount, addition.metrics, [])[0];
    if (!shares.ok || shares.column.type === 'text') throw new Error('share');
    expect(Array.from(shares.column.values, (v) => (Number.isNaN(v) ? null : v))).toEqual(expected.map((e) => e.share));
    const parameters = formulaParameters(addition);
    const withShare = { ...shop, columns: [...shop.columns, shares.column] };
    for (const tag of addition.tags) expect(sqlCodes(tag, results.get(tag.name)!, withShare, parameters)).toEqual([...results.get(tag.name)!.codes]);
  });

  it('follows moved thresholds', () => {
    const shop = buildShop();
    const addition = DISCOUNT_PLAYBOOK.build(context(shop.columns.map((c) => c.name)));
    const moved = { discount_light_from: 0.006, discount_heavy_from: 0.45, discount_only_share: 0.6, discount_only_min_orders: 3 };
    const results = evaluateAddition(addition, shop, formulaParameters(addition, moved));
    const expected = reference(idsOf(shop), 0.006, 0.45, 0.6, 3);
    expect([...results.get('discount_intensity')!.codes]).toEqual(expected.map((e) => e.band));
    expect([...results.get('discount_only_buyer')!.codes]).toEqual(expected.map((e) => e.flag));
    expect([...results.get('discount_only_buyer')!.codes]).toEqual([1, 1, 1, 1, 1, 0, 1, 1, 0]);
  });

  it('gives nobody a band or a flag when the coupon role is not mapped (the columns exist but are empty)', () => {
    const shop = buildShop(false);
    const addition = DISCOUNT_PLAYBOOK.build(context(shop.columns.map((c) => c.name)));
    const results = evaluateAddition(addition, shop);
    expect([...results.get('discount_intensity')!.codes].every((c) => c === -1)).toBe(true);
    expect([...results.get('discount_only_buyer')!.codes].every((c) => c === 1)).toBe(true);
  });
});
