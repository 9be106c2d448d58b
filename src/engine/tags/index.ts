/**
 * Tags (SPEC §4, §5, §6): definitions of every kind, their evaluation in dependency order, the
 * threshold fast path (recut + segmentStats over typed arrays), SQL, and explanations.
 */
export type * from './types.ts';
export { evaluateTags, tagColumn, tagFormulas, quantileCodes, ruleOverlap, OTHERS, type TagTable } from './evaluate-tags.ts';
export { recut, segmentStats, type SegmentStat, type SegmentStats } from './recut.ts';
export { quantileType7, rankCutPoints, rfmCutPoints, sortedValues } from './quantile-cut-points.ts';
export { tagToSql, type TagSqlOptions } from './tag-to-sql.ts';
export { explainCustomer, inputLabel, type CustomerExplanation, type RuleCheck } from './explain-customer.ts';
export {
  KLAVIYO_STYLE_RULES,
  RFM_8_CLASSES,
  RFM_PACKAGE_0_2_RULES,
  RFM_PACKAGE_0_3_RULES,
  RFM_RULE_PRESETS,
  SHOPIFY_STYLE_RULES,
  rfm8Index,
  unreachableRules,
} from './rfm-presets.ts';
export { dependentTags, parameterUse, tagMentions, tagUsesParameter, type ParameterUse } from './tag-dependencies.ts';
export { segmentProfile, type MetricProfile, type ProfileFigures } from './segment-profile.ts';
export { RFM8_LABEL_PRESETS, RFM_8_CLASS_NOTES, applyRfm8LabelPreset, rfm8LabelPresetOf, type Rfm8LabelPreset } from './rfm8-label-presets.ts';
