// Invariant: unreachableRules names exactly the rules that never win on any of the 125 codes
// (first match wins), and the built-in presets cover what their comments say.
import { describe, expect, it } from 'vitest';
import {
  KLAVIYO_STYLE_RULES,
  RFM_PACKAGE_0_2_RULES,
  RFM_PACKAGE_0_3_RULES,
  RFM_RULE_PRESETS,
  SHOPIFY_STYLE_RULES,
  unreachableRules,
  type RfmSegmentRule,
} from '../../../src/engine/tags/index.ts';

/** Brute force: the first rule holding each code r, f, m in 1..bins (-1 = Others). */
function winners(rules: readonly RfmSegmentRule[], bins = 5): Map<string, number> {
  const inside = (s: number, [lo, hi]: [number, number]) => s >= lo && s <= hi;
  const out = new Map<string, number>();
  for (let r = 1; r <= bins; r++)
    for (let f = 1; f <= bins; f++) for (let m = 1; m <= bins; m++) out.set(`${r}${f}${m}`, rules.findIndex((x) => inside(r, x.r) && inside(f, x.f) && inside(m, x.m)));
  return out;
}

function neverWin(rules: readonly RfmSegmentRule[], bins = 5): number[] {
  const won = new Set(winners(rules, bins).values());
  return rules.map((_, i) => i).filter((i) => !won.has(i));
}

describe('unreachableRules(rules, bins)', () => {
  it("names New Customers, Promising and Can't Lose Them in the 0.2.x set", () => {
    const found = unreachableRules(RFM_PACKAGE_0_2_RULES);
    expect(found).toEqual(neverWin(RFM_PACKAGE_0_2_RULES));
    expect(found.map((i) => RFM_PACKAGE_0_2_RULES[i].segment.label)).toEqual(['New Customers', 'Promising', "Can't Lose Them"]);
  });

  it.each(RFM_RULE_PRESETS.map((p) => [p.id, p.rules] as const))('agrees with the brute force on %s', (_, rules) => {
    expect(unreachableRules(rules)).toEqual(neverWin(rules));
  });

  it.each([
    ['a rule after a catch-all', [{ segment: { label: 'all' }, r: [1, 5], f: [1, 5], m: [1, 5] }, { segment: { label: 'x' }, r: [5, 5], f: [5, 5], m: [5, 5] }], 5, [1]],
    ['an empty box (low > high)', [{ segment: { label: 'x' }, r: [4, 3], f: [1, 5], m: [1, 5] }], 5, [0]],
    ['a box outside the bins', [{ segment: { label: 'x' }, r: [6, 9], f: [1, 5], m: [1, 5] }], 5, [0]],
    ['a box covered by two earlier rules together', [
      { segment: { label: 'a' }, r: [1, 2], f: [1, 3], m: [1, 3] },
      { segment: { label: 'b' }, r: [3, 3], f: [1, 3], m: [1, 3] },
      { segment: { label: 'c' }, r: [1, 3], f: [1, 3], m: [1, 3] },
    ], 3, [2]],
    ['no rules', [], 5, []],
  ] as [string, RfmSegmentRule[], number, number[]][])('handles %s', (_, rules, bins, expected) => {
    expect(unreachableRules(rules, bins)).toEqual(expected);
    expect(unreachableRules(rules, bins)).toEqual(neverWin(rules, bins));
  });
});

describe('RFM rule presets', () => {
  it('lists the 0.3.0 rules in the package\'s evaluation order, every one reachable', () => {
    expect(RFM_PACKAGE_0_3_RULES.map((r) => [r.segment.label, r.r, r.f, r.m])).toEqual([
      ['Champions', [5, 5], [5, 5], [5, 5]],
      ['Potential Loyalist', [3, 5], [3, 5], [2, 5]],
      ['Loyal Customers', [2, 4], [2, 4], [2, 4]],
      ['Promising', [3, 4], [1, 3], [3, 5]],
      ['New Customers', [4, 5], [1, 3], [1, 5]],
      ["Can't Lose Them", [1, 2], [3, 4], [4, 5]],
      ['At Risk', [1, 2], [2, 5], [4, 5]],
      ['Need Attention', [1, 3], [3, 5], [3, 5]],
      ['About To Sleep', [2, 3], [1, 3], [1, 4]],
      ['Lost', [1, 1], [1, 5], [1, 5]],
    ]);
    expect(unreachableRules(RFM_PACKAGE_0_3_RULES)).toEqual([]);
  });

  it('gives the Klaviyo-style and Shopify-style sets full coverage and no dead rule', () => {
    for (const rules of [KLAVIYO_STYLE_RULES, SHOPIFY_STYLE_RULES]) {
      expect([...winners(rules).values()].filter((w) => w < 0)).toEqual([]);
      expect(unreachableRules(rules)).toEqual([]);
    }
    expect(KLAVIYO_STYLE_RULES.map((r) => r.segment.label)).toEqual(['Champions', 'Loyal', 'Recent', 'Needs attention', 'At risk', 'Inactive']);
    expect(SHOPIFY_STYLE_RULES.map((r) => r.segment.label)).toEqual([
      'Champions', 'Loyal', 'Active', 'New', 'Promising', 'Needs attention', 'Almost lost', 'Previously loyal', 'At risk', 'Dormant', 'Prospects',
    ]);
  });

  it('gives every preset rule a Chinese label, and the new sets colours', () => {
    for (const preset of RFM_RULE_PRESETS) {
      expect(preset.title.en && preset.title.zh).toBeTruthy();
      for (const r of preset.rules) expect(r.segment.labelZh).toMatch(/[\u4e00-\u9fff]/);
    }
    for (const rules of [RFM_PACKAGE_0_3_RULES, KLAVIYO_STYLE_RULES, SHOPIFY_STYLE_RULES]) for (const r of rules) expect(r.segment.colour).toMatch(/^#[0-9a-f]{6}$/);
    expect(RFM_RULE_PRESETS[0].rules).toBe(RFM_PACKAGE_0_3_RULES);
  });
});
