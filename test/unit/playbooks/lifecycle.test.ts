// Invariant: the lifecycle playbook's tag gives every customer the stage a plain first-match loop
// gives (prospect, churned, silent, new, active, half-active), at every boundary day and for
// any window values; "Suggest windows" follows the purchase cycle within its ranges.
import { describe, expect, it } from 'vitest';
import { LIFECYCLE_PLAYBOOK, suggestLifecycleWindows } from '../../../src/engine/playbooks/lifecycle.ts';
import { customers, type Value } from '../tags/tag-harness.ts';
import { contextOf, evaluateAddition, expectAddsTwiceAsValidWorkspace, labelsOf } from './run-addition.ts';

const COLUMNS = ['customer_id', 'orders', 'recency_days', 'revenue'];

/** The reference: the SPEC's rules as a plain loop. */
function refStage(orders: Value, recency: Value, w: { active: number; silent: number; churn: number }): string {
  if (orders === null || orders === 0) return 'Prospect';
  if (recency !== null && recency > w.churn) return 'Churned';
  if (recency !== null && recency > w.silent) return 'Silent';
  if (orders === 1) return 'New';
  if (recency !== null && orders >= 2 && recency <= w.active) return 'Active';
  if (recency !== null && orders >= 2 && recency > w.active && recency <= w.silent) return 'Half-active';
  return 'Unclassified';
}

/** Customers with no orders, one order and 2+ orders at and around each boundary day. */
function crafted(w: { active: number; silent: number; churn: number }) {
  const orders: Value[] = [0, null, 0];
  const recency: Value[] = [null, null, 5];
  const days = new Set<number>([0, 1]);
  for (const d of [w.active, w.silent, w.churn]) for (const x of [d - 1, d, d + 1]) days.add(Math.max(0, x));
  days.add(w.churn * 3);
  for (const n of [1, 2, 3, 7]) {
    for (const d of days) {
      orders.push(n);
      recency.push(d);
    }
  }
  orders.push(3, 1);
  recency.push(null, null);
  return { orders, recency };
}

describe('LIFECYCLE_PLAYBOOK.build(context)', () => {
  it('matches the loop reference with the default windows 45 / 90 / 180, including every boundary day', () => {
    const addition = LIFECYCLE_PLAYBOOK.build(contextOf(COLUMNS));
    expect(addition.parameters.map((p) => [p.name, p.value])).toEqual([
      ['active_within_days', 45],
      ['silent_after_days', 90],
      ['churn_after_days', 180],
    ]);
    const w = { active: 45, silent: 90, churn: 180 };
    const { orders, recency } = crafted(w);
    const table = customers({ orders, recency_days: recency, revenue: orders.map(() => 1) });
    const [tag] = evaluateAddition(addition, table).tags;
    expect(labelsOf(tag)).toEqual(orders.map((o, i) => refStage(o, recency[i], w)));
    const at = (n: number, d: number) => labelsOf(tag)[orders.findIndex((o, i) => o === n && recency[i] === d)];
    expect([at(2, 45), at(2, 46), at(2, 90), at(2, 91), at(2, 180), at(2, 181)]).toEqual(['Active', 'Half-active', 'Half-active', 'Silent', 'Silent', 'Churned']);
    expect([at(1, 90), at(1, 91)]).toEqual(['New', 'Silent']);
    // Only a 2+ order customer without a recency is left over.
    expect(labelsOf(tag).filter((l) => l === 'Unclassified')).toHaveLength(1);
  });

  it('follows the window sliders (moved values, and an active window longer than the silent one)', () => {
    const addition = LIFECYCLE_PLAYBOOK.build(contextOf(COLUMNS));
    for (const w of [
      { active: 10, silent: 30, churn: 60 },
      { active: 100, silent: 60, churn: 400 },
    ]) {
      const { orders, recency } = crafted(w);
      const table = customers({ orders, recency_days: recency, revenue: orders.map(() => 1) });
      const [tag] = evaluateAddition(addition, table, { active_within_days: w.active, silent_after_days: w.silent, churn_after_days: w.churn }).tags;
      expect(labelsOf(tag)).toEqual(orders.map((o, i) => refStage(o, recency[i], w)));
    }
  });

  it('uses the suggested windows when the purchase cycle is given, and says why in the note', () => {
    const addition = LIFECYCLE_PLAYBOOK.build(contextOf(COLUMNS, 'en', { medianDaysBetweenOrders: 30 }));
    expect(addition.parameters.map((p) => p.value)).toEqual([60, 180, 360]);
    expect(addition.note).toContain(suggestLifecycleWindows(30).reasoning.en);
    const zh = LIFECYCLE_PLAYBOOK.build(contextOf(COLUMNS, 'zh-CN', { medianDaysBetweenOrders: 30 }));
    expect(zh.note).toContain(suggestLifecycleWindows(30).reasoning.zh);
    const none = LIFECYCLE_PLAYBOOK.build(contextOf(COLUMNS, 'en', { medianDaysBetweenOrders: null }));
    expect(none.parameters.map((p) => p.value)).toEqual([45, 90, 180]);
    expect(none.note).toMatch(/Suggest windows/);
  });

  it('gives a note in both languages and names every window it uses', () => {
    for (const language of ['en', 'zh-CN'] as const) {
      const addition = LIFECYCLE_PLAYBOOK.build(contextOf(COLUMNS, language));
      for (const p of addition.parameters) expect(addition.note).toContain(p.name);
      expect(addition.note).toContain('lifecycle_stage');
    }
    const zh = LIFECYCLE_PLAYBOOK.build(contextOf(COLUMNS, 'zh-CN'));
    expect(zh.note).toMatch(/生命周期/);
  });

  it('added twice gets fresh names throughout and reads back as a valid workspace', () => {
    const [first, second] = expectAddsTwiceAsValidWorkspace(LIFECYCLE_PLAYBOOK, COLUMNS, 'en', { medianDaysBetweenOrders: 12 });
    expect(first).toEqual(['lifecycle_stage', 'active_within_days', 'silent_after_days', 'churn_after_days']);
    expect(second).toEqual(['lifecycle_stage_2', 'active_within_days_2', 'silent_after_days_2', 'churn_after_days_2']);
    expectAddsTwiceAsValidWorkspace(LIFECYCLE_PLAYBOOK, COLUMNS, 'zh-CN');
  });

  it('needs orders and recency_days', () => {
    expect(LIFECYCLE_PLAYBOOK.needs.map((n) => n.column)).toEqual(['orders', 'recency_days']);
  });
});

describe('suggestLifecycleWindows(medianDaysBetweenOrders)', () => {
  it.each([
    [30, 60, 180, 360],
    [7, 15, 40, 85],
    [1, 7, 14, 30],
    [14, 30, 85, 170],
    [90, 180, 365, 730],
    [400, 180, 365, 730],
  ])('a cycle of %d days gives active %d, silent %d, churn %d', (cycle, active, silent, churn) => {
    const s = suggestLifecycleWindows(cycle);
    expect([s.active, s.silent, s.churn]).toEqual([active, silent, churn]);
    expect(s.reasoning.en).toContain(`every ${cycle} days`);
    expect(s.reasoning.zh).toContain(`${cycle} 天`);
  });

  it('keeps 7 ≤ active < silent < churn ≤ 730 for any cycle', () => {
    for (let c = 0.1; c < 1000; c *= 1.07) {
      const s = suggestLifecycleWindows(c);
      expect(s.active).toBeGreaterThanOrEqual(7);
      expect(s.active).toBeLessThan(s.silent);
      expect(s.silent).toBeLessThan(s.churn);
      expect(s.churn).toBeLessThanOrEqual(730);
    }
  });

  it('gives the defaults 45 / 90 / 180 for an unknown, zero or non-finite cycle', () => {
    for (const c of [null, 0, -3, Number.NaN, Number.POSITIVE_INFINITY]) {
      const s = suggestLifecycleWindows(c);
      expect([s.active, s.silent, s.churn]).toEqual([45, 90, 180]);
      expect(s.reasoning.en).toMatch(/unknown/);
    }
  });
});
