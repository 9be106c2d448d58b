/**
 * Built-in segment sets: the RFM 8 classes (SPEC §5), the R rfm package's 0.2.x and 0.3.0 segment
 * rules, and two rule sets in the style of e-commerce tools. Rules are RFM score boxes (inclusive
 * R, F, M ranges, R high = recent) tried in order: the first box that holds a customer's scores wins.
 */
import type { RfmSegmentRule, SegmentSpec } from './types.ts';

/**
 * The 8 classes in segment order; `high` = [R high, F high, M high]. R high = more recent than
 * the reference, F and M high = at or above it.
 */
export const RFM_8_CLASSES: readonly (SegmentSpec & { high: readonly [boolean, boolean, boolean] })[] = [
  { label: 'Important value', labelZh: '重要价值客户', high: [true, true, true], colour: '#1b9e77' },
  { label: 'Important development', labelZh: '重要发展客户', high: [true, false, true], colour: '#66a61e' },
  { label: 'Important retain', labelZh: '重要保持客户', high: [false, true, true], colour: '#e6ab02' },
  { label: 'Important win-back', labelZh: '重要挽留客户', high: [false, false, true], colour: '#d95f02' },
  { label: 'General value', labelZh: '一般价值客户', high: [true, true, false], colour: '#7570b3' },
  { label: 'General development', labelZh: '一般发展客户', high: [true, false, false], colour: '#a6761d' },
  { label: 'General retain', labelZh: '一般保持客户', high: [false, true, false], colour: '#e7298a' },
  { label: 'General win-back', labelZh: '一般挽留客户', high: [false, false, false], colour: '#666666' },
];

/** Returns the rfm8 segment index for R/F/M high flags (the inverse of RFM_8_CLASSES' `high`). */
export function rfm8Index(rHigh: boolean, fHigh: boolean, mHigh: boolean): number {
  return (mHigh ? 0 : 4) + (rHigh ? 0 : 2) + (fHigh ? 0 : 1);
}

type Range = [number, number];

const rule = (label: string, labelZh: string, r: Range, f: Range, m: Range, colour?: string): RfmSegmentRule => ({
  segment: colour ? { label, labelZh, colour } : { label, labelZh },
  r,
  f,
  m,
});

/** The rfm package's 0.2.x default segments, in evaluation order (first match wins, else Others). */
export const RFM_PACKAGE_0_2_RULES: readonly RfmSegmentRule[] = [
  rule('Champions', '冠军客户', [4, 5], [4, 5], [4, 5]),
  rule('Loyal Customers', '忠诚客户', [2, 5], [3, 5], [3, 5]),
  rule('Potential Loyalist', '潜在忠诚客户', [3, 5], [1, 3], [1, 3]),
  rule('New Customers', '新客户', [4, 5], [1, 1], [1, 1]),
  rule('Promising', '有潜力客户', [3, 4], [1, 1], [1, 1]),
  rule('Need Attention', '需要关注', [2, 3], [2, 3], [2, 3]),
  rule('About To Sleep', '即将沉睡', [2, 3], [1, 2], [1, 2]),
  rule('At Risk', '有流失风险', [1, 2], [2, 5], [2, 5]),
  rule("Can't Lose Them", '不能失去', [1, 1], [4, 5], [4, 5]),
  rule('Lost', '已流失', [1, 2], [1, 2], [1, 2]),
];

/**
 * The rfm package's 0.3.0 default segments (`rfm_segment`'s defaults upstream), in evaluation
 * order; customers no rule holds are Others. Unlike 0.2.x, every rule can win.
 */
export const RFM_PACKAGE_0_3_RULES: readonly RfmSegmentRule[] = [
  rule('Champions', '冠军客户', [5, 5], [5, 5], [5, 5], '#1b7837'),
  rule('Potential Loyalist', '潜在忠诚客户', [3, 5], [3, 5], [2, 5], '#7fbc41'),
  rule('Loyal Customers', '忠诚客户', [2, 4], [2, 4], [2, 4], '#4393c3'),
  rule('Promising', '有潜力客户', [3, 4], [1, 3], [3, 5], '#92c5de'),
  rule('New Customers', '新客户', [4, 5], [1, 3], [1, 5], '#b8e186'),
  rule("Can't Lose Them", '不能失去', [1, 2], [3, 4], [4, 5], '#b2182b'),
  rule('At Risk', '有流失风险', [1, 2], [2, 5], [4, 5], '#d6604d'),
  rule('Need Attention', '需要关注', [1, 3], [3, 5], [3, 5], '#f4a582'),
  rule('About To Sleep', '即将沉睡', [2, 3], [1, 3], [1, 4], '#fddbc7'),
  rule('Lost', '已流失', [1, 1], [1, 5], [1, 5], '#878787'),
];

/**
 * Six segments in the style of Klaviyo's RFM groups: our own score boxes, not the vendor's
 * published rules (it does not publish score ranges). Together they cover all 125 codes of 5 bins,
 * so nobody is Others, and every rule can win.
 */
export const KLAVIYO_STYLE_RULES: readonly RfmSegmentRule[] = [
  rule('Champions', '冠军客户', [4, 5], [4, 5], [4, 5], '#1b7837'),
  rule('Loyal', '忠诚客户', [3, 5], [3, 5], [1, 5], '#4393c3'),
  rule('Recent', '近期客户', [4, 5], [1, 2], [1, 5], '#b8e186'),
  rule('Needs attention', '需要关注', [3, 3], [1, 2], [1, 5], '#f4a582'),
  rule('At risk', '有流失风险', [1, 2], [3, 5], [1, 5], '#d6604d'),
  rule('Inactive', '不活跃', [1, 2], [1, 2], [1, 5], '#878787'),
];

/**
 * Eleven segments in the style of Shopify's RFM customer groups: our own score boxes over R and F
 * (M only tells Champions and Previously loyal apart), not the vendor's published rules. They
 * cover all 125 codes of 5 bins, and every rule can win. "Prospects" here are customers with one
 * order some time ago (a customer table built from orders has no one without an order).
 */
export const SHOPIFY_STYLE_RULES: readonly RfmSegmentRule[] = [
  rule('Champions', '冠军客户', [4, 5], [4, 5], [4, 5], '#1b7837'),
  rule('Loyal', '忠诚客户', [3, 5], [4, 5], [1, 5], '#4393c3'),
  rule('Active', '活跃客户', [4, 5], [3, 3], [1, 5], '#5aae61'),
  rule('New', '新客户', [5, 5], [1, 1], [1, 5], '#b8e186'),
  rule('Promising', '有潜力客户', [4, 5], [1, 2], [1, 5], '#92c5de'),
  rule('Needs attention', '需要关注', [3, 3], [2, 3], [1, 5], '#f4a582'),
  rule('Almost lost', '即将流失', [2, 2], [2, 3], [1, 5], '#fdb863'),
  rule('Previously loyal', '曾经忠诚', [1, 2], [4, 5], [4, 5], '#b2182b'),
  rule('At risk', '有流失风险', [1, 2], [3, 5], [1, 5], '#d6604d'),
  rule('Dormant', '沉睡客户', [1, 1], [1, 2], [1, 5], '#878787'),
  rule('Prospects', '潜在客户', [2, 3], [1, 1], [1, 5], '#c2a5cf'),
];

/** The RFM rule sets a user can pick from, 0.3.0 first (the playbook's default). */
export const RFM_RULE_PRESETS: readonly { id: string; title: { en: string; zh: string }; rules: readonly RfmSegmentRule[] }[] = [
  { id: 'rfm-package-0.3', title: { en: 'R rfm package 0.3.0', zh: 'R rfm 包 0.3.0' }, rules: RFM_PACKAGE_0_3_RULES },
  { id: 'rfm-package-0.2', title: { en: 'R rfm package 0.2.x', zh: 'R rfm 包 0.2.x' }, rules: RFM_PACKAGE_0_2_RULES },
  { id: 'klaviyo-style', title: { en: 'Klaviyo-style (6 groups)', zh: 'Klaviyo 风格（6 类）' }, rules: KLAVIYO_STYLE_RULES },
  { id: 'shopify-style', title: { en: 'Shopify-style (11 groups)', zh: 'Shopify 风格（11 类）' }, rules: SHOPIFY_STYLE_RULES },
];

/**
 * Returns the indexes of rules that can never win: every score code in their box (clipped to
 * 1..bins) is taken by an earlier rule, or the box holds no code at all. In the 0.2.x set these
 * are New Customers, Promising and Can't Lose Them.
 */
export function unreachableRules(rules: readonly RfmSegmentRule[], bins = 5): number[] {
  const clip = (range: readonly [number, number]): [number, number] => [Math.max(1, Math.ceil(range[0])), Math.min(bins, Math.floor(range[1]))];
  const inside = (s: number, range: readonly [number, number]): boolean => s >= range[0] && s <= range[1];
  const unreachable: number[] = [];
  rules.forEach((rule, i) => {
    const [r, f, m] = [clip(rule.r), clip(rule.f), clip(rule.m)];
    for (let a = r[0]; a <= r[1]; a++) {
      for (let b = f[0]; b <= f[1]; b++) {
        for (let c = m[0]; c <= m[1]; c++) {
          const taken = rules.slice(0, i).some((e) => inside(a, e.r) && inside(b, e.f) && inside(c, e.m));
          if (!taken) return;
        }
      }
    }
    unreachable.push(i);
  });
  return unreachable;
}
