// Invariant: the points playbook's score equals, customer by customer, a loop that adds
// MIN(weight × value, cap) over tenure, no refunds, recency, orders, revenue (and reviews where
// the column exists), an empty value counting 0; tiers start at 400 / 600 / 1000 (inclusive).
import { describe, expect, it } from 'vitest';
import { POINTS_PLAYBOOK } from '../../../src/engine/playbooks/points.ts';
import { customers, sqlCodes, type Value } from '../tags/tag-harness.ts';
import { checkPlaybook, context, evaluateAddition, formulaParameters } from './playbook-checks.ts';

const COLUMNS = ['customer_id', 'first_order_at', 'last_order_at', 'recency_days', 'orders', 'revenue', 'tenure_days', 'refund_amount'];

interface Row {
  tenure: Value;
  refund: Value;
  recency: Value;
  orders: Value;
  revenue: Value;
  reviews?: Value;
}

const DEFAULTS = {
  tenureWeight: 0.5,
  tenureCap: 200,
  noRefund: 100,
  window: 365,
  recencyWeight: 0.5,
  recencyCap: 150,
  ordersWeight: 25,
  ordersCap: 300,
  revenueWeight: 0.5,
  revenueCap: 300,
  reviewsWeight: 10,
  reviewsCap: 100,
};

/** Reference points of one customer, written out as a loop over its components. */
function refPoints(r: Row, p = DEFAULTS): number {
  const part = (value: number | null, weight: number, cap = Infinity) => (value === null ? 0 : Math.min(weight * value, cap));
  let total = 0;
  total += part(r.tenure, p.tenureWeight, p.tenureCap);
  total += part(r.orders !== null && r.orders > 0 && (r.refund === null || r.refund === 0) ? 1 : 0, p.noRefund);
  total += part(r.recency === null ? null : Math.max(p.window - r.recency, 0), p.recencyWeight, p.recencyCap);
  total += part(r.orders, p.ordersWeight, p.ordersCap);
  total += part(r.revenue === null ? null : Math.max(r.revenue, 0), p.revenueWeight, p.revenueCap);
  if (r.reviews !== undefined) total += part(r.reviews, p.reviewsWeight, p.reviewsCap);
  return total;
}

function refTier(points: number, tiers = [400, 600, 1000]): number {
  return tiers.filter((t) => points >= t).length;
}

const ROWS: Row[] = [
  { tenure: 1000, refund: 0, recency: 0, orders: 20, revenue: 2000 }, // every cap hit: 1050, Super
  { tenure: 100, refund: 50, recency: 300, orders: 2, revenue: 100 }, // refunds: no bonus
  { tenure: 100, refund: null, recency: 300, orders: 2, revenue: 100 }, // NULL refund counts as none
  { tenure: 200, refund: 0, recency: null, orders: 4, revenue: 200 }, // exactly 400: Silver
  { tenure: 199, refund: 0, recency: null, orders: 4, revenue: 200 }, // 399.5: Basic
  { tenure: 400, refund: 0, recency: null, orders: 8, revenue: 200 }, // exactly 600: Gold
  { tenure: 400, refund: 0, recency: 165, orders: 12, revenue: 600 }, // exactly 1000: Super
  { tenure: 400, refund: 0, recency: 166, orders: 12, revenue: 600 }, // 999.5: Gold
  { tenure: null, refund: 0, recency: null, orders: 0, revenue: 0 }, // prospect: 0
  { tenure: 30, refund: 80, recency: 400, orders: 1, revenue: -50 }, // negative revenue, outside the window
];

function tableOf(rows: Row[], withReviews = false) {
  const columns: Record<string, Value[]> = {
    tenure_days: rows.map((r) => r.tenure),
    refund_amount: rows.map((r) => r.refund),
    recency_days: rows.map((r) => r.recency),
    orders: rows.map((r) => r.orders),
    revenue: rows.map((r) => r.revenue),
  };
  if (withReviews) columns.Reviews = rows.map((r) => r.reviews ?? null);
  return customers(columns);
}

describe('POINTS_PLAYBOOK.build(context)', () => {
  it('passes the common playbook checks, with and without a reviews column', () => {
    checkPlaybook(POINTS_PLAYBOOK, COLUMNS);
    checkPlaybook(POINTS_PLAYBOOK, [...COLUMNS, 'reviews', 'interactions']);
  });

  it('is one score tag with tiers at 400 / 600 / 1000 (parameters), and says when there are no reward columns', () => {
    const addition = POINTS_PLAYBOOK.build(context(COLUMNS));
    expect(addition.tags).toHaveLength(1);
    const [tag] = addition.tags;
    if (tag.kind !== 'score') throw new Error('score');
    expect(tag.thresholds).toEqual(['points_tier_silver', 'points_tier_gold', 'points_tier_super']);
    expect(tag.thresholds.map((t) => addition.parameters.find((p) => p.name === t)?.value)).toEqual([400, 600, 1000]);
    expect(tag.components).toHaveLength(5);
    expect(addition.note).toContain('no reviews or interactions column');
    expect(POINTS_PLAYBOOK.build(context(COLUMNS, { language: 'zh-CN' })).note).toContain('没有奖励分');
    const rewarded = POINTS_PLAYBOOK.build(context([...COLUMNS, 'Reviews']));
    expect(rewarded.tags[0].kind === 'score' && rewarded.tags[0].components.at(-1)).toEqual({ formula: 'Reviews', weight: 'points_reviews_weight', cap: 'points_reviews_cap' });
    expect(rewarded.note).not.toContain('no reviews or interactions column');
  });

  it('gives each crafted customer the loop reference’s points and tier (caps, refunds, tier boundaries)', () => {
    const table = tableOf(ROWS);
    const addition = POINTS_PLAYBOOK.build(context(COLUMNS));
    const result = evaluateAddition(addition, table).get('member_points')!;
    const expected = ROWS.map((r) => refPoints(r));
    expect([...result.inputs.total]).toEqual(expected);
    expect(expected.slice(0, 8)).toEqual([1050, 182.5, 282.5, 400, 399.5, 600, 1000, 999.5]);
    expect([...result.codes]).toEqual(expected.map((p) => refTier(p)));
    expect(sqlCodes(addition.tags[0], result, table, formulaParameters(addition))).toEqual([...result.codes]);
    // Tier counts: Basic, Silver, Gold, Super.
    const counts = [0, 1, 2, 3].map((t) => [...result.codes].filter((c) => c === t).length);
    expect(counts).toEqual([5, 1, 2, 2]);
  });

  it('follows moved weights, caps and tiers', () => {
    const table = tableOf(ROWS);
    const addition = POINTS_PLAYBOOK.build(context(COLUMNS));
    const moved = { ...DEFAULTS, ordersCap: 100, tenureWeight: 1, window: 200 };
    const parameters = formulaParameters(addition, { points_orders_cap: 100, points_tenure_weight: 1, points_recency_days: 200, points_tier_gold: 500 });
    const result = evaluateAddition(addition, table, parameters).get('member_points')!;
    const expected = ROWS.map((r) => refPoints(r, moved));
    expect([...result.inputs.total]).toEqual(expected);
    expect([...result.codes]).toEqual(expected.map((p) => refTier(p, [400, 500, 1000])));
  });

  it('adds reward points from a reviews column, capped', () => {
    const rows = ROWS.map((r, i) => ({ ...r, reviews: [30, 2, null, 0, 1, 5, 0, 0, 3, 12][i] }));
    const table = tableOf(rows, true);
    const addition = POINTS_PLAYBOOK.build(context([...COLUMNS, 'Reviews']));
    const result = evaluateAddition(addition, table).get('member_points')!;
    const expected = rows.map((r) => refPoints(r));
    expect(expected[0]).toBe(1150);
    expect([...result.inputs.total]).toEqual(expected);
    expect([...result.codes]).toEqual(expected.map((p) => refTier(p)));
  });
});
