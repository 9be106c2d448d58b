/**
 * Label presets for the RFM 8 classes: the names marketing tools and teaching material give the
 * same eight high/low patterns. Every preset lists its eight labels in the engine's segment order
 * (RFM_8_CLASSES: M high first, then R, then F; see `rfm8Index`), so picking one renames the
 * classes without changing who is in which.
 *
 * Sources:
 * - The standard Chinese names 重要价值客户 … 一般挽留客户 with their R/F/M patterns, as in much
 *   teaching material and e.g. an ordering system's manual that spells out each pattern,
 *   https://bz.zhsmjxc.com/pages/viewpage.action?pageId=2821466 ("系统根据上述3个指标，将老客户分为
 *   8个类别": 重要发展客户 = 最近订货时间较近、订货金额高，但频次不高, and so on).
 * - Alibaba Cloud Quick Audience, "用户分析概述", https://help.aliyun.com/document_detail/273067.html:
 *   "依据这三类指标划分八类客户：高价值客户、重点保持客户、重点发展客户、重点挽留客户、一般价值客户、
 *   一般保持客户、一般发展客户、潜在客户". The names are the product's; which name goes with which
 *   high/low pattern is our reading by analogy with the standard set (its "RFM user type
 *   segmentation rules" page was not available to check), hence "Quick Audience-style".
 * - Volcano Engine VeCDP, "RFM标签", https://www.volcengine.com/docs/7139/191751: "8种用户价值类型，
 *   分别为：重要价值客户、重要换回客户、重要深耕客户、重要挽留客户、潜力客户、新客户、一般维持客户、
 *   流失客户". Again the names are the product's and the pattern of each is our reading (a new
 *   customer = recent, low F, low M; lost = all low), hence "VeCDP-style".
 * - English names in the style of the segment names of the R rfm package (Champions, Can't Lose
 *   Them, New Customers, Need Attention, Lost) and Shopify's RFM groups
 *   (https://shopify.dev/docs/api/admin-graphql/latest/enums/customerrfmgroup: "AT_RISK Customers
 *   without recent purchases, but with a strong history of orders and spend"). Neither names the
 *   8 classes; the mapping to patterns is ours.
 */
import { RFM_8_CLASSES } from './rfm-presets.ts';
import type { Rfm8Tag, SegmentSpec } from './types.ts';

/** One preset: an id kept in no file (only matched by labels), a title per language, and 8 labels in segment order. */
export interface Rfm8LabelPreset {
  id: string;
  title: { en: string; zh: string };
  labels: readonly { label: string; labelZh: string }[];
}

/**
 * What a class is and what to do with it, per class in segment order. A preset renames a class;
 * its meaning stays, so every preset shares these.
 */
export const RFM_8_CLASS_NOTES: readonly { description: string; suggestedAction: string }[] = [
  { description: 'Recent, frequent, high spend: the best customers.', suggestedAction: 'Keep them: member benefits, early access, personal service; no discounts needed.' },
  { description: 'Recent and high spend, but few orders.', suggestedAction: 'Develop them: recommendations and a reason to come back soon (membership, bundles).' },
  { description: 'Frequent and high spend, but not recently.', suggestedAction: 'Stay in touch: a personal reminder or a member offer before they drift away.' },
  { description: 'High spend, but few orders and not recently.', suggestedAction: 'Win them back: a strong, personal offer; find out why they left.' },
  { description: 'Recent and frequent, but low spend.', suggestedAction: 'Raise the basket: cross-sell, bundles, a threshold discount.' },
  { description: 'Recent, but few orders and low spend: often new customers.', suggestedAction: 'Nurture: welcome series, second-order coupon.' },
  { description: 'Frequent, but low spend and not recently.', suggestedAction: 'Re-activate cheaply: reminders and small coupons.' },
  { description: 'Not recent, few orders, low spend.', suggestedAction: 'Low priority: include only in big promotions.' },
];

const labels = (pairs: readonly [string, string][]): { label: string; labelZh: string }[] => pairs.map(([label, labelZh]) => ({ label, labelZh }));

/** The RFM 8 class label sets a user can pick from, the standard Chinese names first (the default labels). */
export const RFM8_LABEL_PRESETS: readonly Rfm8LabelPreset[] = [
  {
    id: 'standard',
    title: { en: 'Standard (重要价值客户 …)', zh: '标准（重要价值客户 …）' },
    labels: RFM_8_CLASSES.map(({ label, labelZh }) => ({ label, labelZh: labelZh ?? label })),
  },
  {
    id: 'short',
    title: { en: 'Short (重要价值 …)', zh: '简称（重要价值 …）' },
    labels: labels([
      ['Key value', '重要价值'],
      ['Key develop', '重要发展'],
      ['Key retain', '重要保持'],
      ['Key win-back', '重要挽留'],
      ['Value', '一般价值'],
      ['Develop', '一般发展'],
      ['Retain', '一般保持'],
      ['Win-back', '一般挽留'],
    ]),
  },
  {
    id: 'quick-audience-style',
    title: { en: 'Quick Audience-style (高价值客户 …)', zh: 'Quick Audience 风格（高价值客户 …）' },
    labels: labels([
      ['High value', '高价值客户'],
      ['Priority development', '重点发展客户'],
      ['Priority retain', '重点保持客户'],
      ['Priority win-back', '重点挽留客户'],
      ['General value', '一般价值客户'],
      ['General development', '一般发展客户'],
      ['General retain', '一般保持客户'],
      ['Potential', '潜在客户'],
    ]),
  },
  {
    id: 'vecdp-style',
    title: { en: 'VeCDP-style (重要深耕客户 …)', zh: 'VeCDP 风格（重要深耕客户 …）' },
    labels: labels([
      ['Important value', '重要价值客户'],
      ['Important to deepen', '重要深耕客户'],
      ['Important to bring back', '重要换回客户'],
      ['Important win-back', '重要挽留客户'],
      ['Potential', '潜力客户'],
      ['New', '新客户'],
      ['General maintain', '一般维持客户'],
      ['Lost', '流失客户'],
    ]),
  },
  {
    id: 'english-segment-style',
    title: { en: 'English segment names (Champions …)', zh: '英文分群名（Champions …）' },
    labels: labels([
      ['Champions', '冠军客户'],
      ['Promising big spenders', '高消费潜力客户'],
      ["Can't lose them", '不能失去'],
      ['At risk big spenders', '高消费流失风险'],
      ['Loyal low spenders', '忠诚低消费客户'],
      ['New customers', '新客户'],
      ['Need attention', '需要关注'],
      ['Lost', '已流失'],
    ]),
  },
];

/**
 * Returns `definition` with the preset's labels (en and zh), class descriptions and suggested
 * actions on its 8 segments; colours stay as they are (the default class colours when the tag had
 * no segments or a segment had none). Everything else of the definition is unchanged.
 */
export function applyRfm8LabelPreset(definition: Rfm8Tag, preset: Rfm8LabelPreset): Rfm8Tag {
  const segments: SegmentSpec[] = preset.labels.map(({ label, labelZh }, i) => {
    const colour = definition.segments?.[i]?.colour ?? RFM_8_CLASSES[i].colour;
    return { label, labelZh, ...(colour ? { colour } : {}), ...RFM_8_CLASS_NOTES[i] };
  });
  return { ...definition, segments };
}

/**
 * Returns the id of the preset whose labels (en and zh) the tag's segments carry, or null when
 * they match none (edited labels). A tag without segments shows the standard labels.
 */
export function rfm8LabelPresetOf(definition: Rfm8Tag): string | null {
  const current = Array.from({ length: 8 }, (_, i) => definition.segments?.[i] ?? RFM_8_CLASSES[i]);
  const found = RFM8_LABEL_PRESETS.find((p) => p.labels.every((l, i) => l.label === current[i].label && l.labelZh === (current[i].labelZh ?? current[i].label)));
  return found?.id ?? null;
}
