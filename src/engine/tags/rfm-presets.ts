/** Built-in segment sets: the RFM 8 classes (SPEC §5) and the R rfm package's 0.2.x segment rules. */
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

const rule = (label: string, labelZh: string, r: [number, number], f: [number, number], m: [number, number]): RfmSegmentRule => ({
  segment: { label, labelZh },
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
