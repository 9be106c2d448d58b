/**
 * Deciles / Pareto (SPEC §5): customers ranked by revenue, ten equal-count groups D1 (top) ..
 * D10, then the deciles merged into named groups G1..G5 whose boundaries are sliders.
 *
 * The decile number is `NTILE(-revenue, 10)`, written as a tag metric (not a custom metric) on
 * purpose: tag formulas break NTILE ties by the customer id (byte order), while custom metrics
 * would break them by the customer table's row order. Both tags use the same formula, so a
 * customer's group always agrees with its decile.
 */
import type { Parameter } from '../parameters/parameters.ts';
import type { SegmentSpec } from '../tags/types.ts';
import { namePicker } from './apply-playbook.ts';
import type { Playbook, PlaybookContext, PlaybookLanguage } from './types.ts';

/** Decile 1 = the top 10% by revenue; ties by customer id, the smaller id first. */
const DECILE_FORMULA = 'NTILE(-revenue, 10)';

/** The default merge: G1 = D1, G2 = D2, G3 = D3, G4 = D4–D6, G5 = D7–D10 (last decile of each of G1..G4). */
const GROUP_ENDS = [1, 2, 3, 6];

const GROUP_LABELS: { label: string; labelZh: string }[] = [
  { label: 'G1', labelZh: 'G1 头部' },
  { label: 'G2', labelZh: 'G2' },
  { label: 'G3', labelZh: 'G3' },
  { label: 'G4', labelZh: 'G4' },
  { label: 'G5', labelZh: 'G5 长尾' },
];

function note(language: PlaybookLanguage, names: { deciles: string; groups: string; ends: string[] }): string {
  const ends = names.ends.map((n) => `\`${n}\``).join(', ');
  if (language === 'zh-CN') {
    return [
      '## 十分位 / 帕累托',
      '',
      `按收入（\`revenue\`）从高到低给客户排名，分成人数相等的十组：\`${names.deciles}\` 的 D1 是收入最高的 10%，D10 是最低的 10%。`,
      '',
      `- 十分位号是 \`${DECILE_FORMULA}\`：收入相同的客户按客户编号（字节顺序）排，编号小的排前面，所以同一收入的客户可能分在相邻两组。`,
      '- 人数不能被 10 整除时，靠前的几组各多一人；客户少于 10 个时，后面的组是空的。',
      '- 收入为 0 的客户也参加排名（排在最后）；收入为空的客户不分组。',
      '- 标签的分组表给出每组的人数、收入合计、平均和占比；帕累托图给出累计占比（例如“前 30% 的客户贡献了多少收入”）。',
      '',
      `**合并分组**：\`${names.groups}\` 把十分位合并成 G1..G5。参数 ${ends} 是 G1..G4 各自包含的最后一个十分位（默认 G1 = D1、G2 = D2、G3 = D3、G4 = D4–D6、G5 = D7–D10），拖动滑块即可移动分组边界。`,
    ].join('\n');
  }
  return [
    '## Deciles / Pareto',
    '',
    `Customers ranked by revenue (\`revenue\`), highest first, in ten groups of equal size: in \`${names.deciles}\`, D1 is the top 10% and D10 the bottom 10%.`,
    '',
    `- The decile number is \`${DECILE_FORMULA}\`: customers with equal revenue are ordered by customer id (byte order), the smaller id first, so equal revenues can fall in two neighbouring deciles.`,
    '- When the count is not a multiple of 10, the first deciles get one customer more; with fewer than 10 customers the last deciles are empty.',
    '- Customers with zero revenue are ranked (last); customers with no revenue value get no decile.',
    '- The tag’s segment table gives each decile’s customers, total revenue, average and share; the Pareto chart adds the cumulative share ("the top 30% bring …% of revenue").',
    '',
    `**Merged groups**: \`${names.groups}\` merges the deciles into G1..G5. Parameters ${ends} are the last decile of G1..G4 (default G1 = D1, G2 = D2, G3 = D3, G4 = D4–D6, G5 = D7–D10); move the sliders to move the group boundaries.`,
  ].join('\n');
}

function build(context: PlaybookContext) {
  const pick = namePicker(context.takenNames);
  const deciles = pick('revenue_decile');
  const groups = pick('decile_group');
  const ends = GROUP_ENDS.map((_, i) => pick(`decile_group_${i + 1}_to`));

  const parameters: Parameter[] = ends.map((name, i) => ({
    name,
    type: 'number',
    value: GROUP_ENDS[i],
    slider: { min: 0, max: 10, step: 1 },
    description: `Last decile of group G${i + 1} (${deciles}: D1 = top 10% by revenue).`,
  }));
  const decileSegments: SegmentSpec[] = Array.from({ length: 10 }, (_, i) => ({
    label: `D${i + 1}`,
    labelZh: `D${i + 1}`,
    description: `Customers ranked ${i * 10}–${(i + 1) * 10}% by revenue (top first).`,
  }));
  const groupSegments: SegmentSpec[] = GROUP_LABELS.map((g) => ({ ...g }));

  return {
    note: note(context.language, { deciles, groups, ends }),
    parameters,
    metrics: [],
    tags: [
      { kind: 'cut' as const, name: deciles, metric: DECILE_FORMULA, thresholds: [1, 2, 3, 4, 5, 6, 7, 8, 9], inclusive: 'upper' as const, segments: decileSegments },
      { kind: 'cut' as const, name: groups, metric: DECILE_FORMULA, thresholds: [...ends], inclusive: 'upper' as const, segments: groupSegments },
    ],
    charts: [
      { view: 'pareto' as const, tag: deciles, metric: 'revenue' },
      { view: 'segments' as const, tag: deciles, measure: 'revenue' as const },
      { view: 'segments' as const, tag: groups, measure: 'revenue' as const },
    ],
  };
}

/** Deciles by revenue (D1 = top), the Pareto curve, and deciles merged into groups G1..G5 by sliders. */
export const DECILES_PLAYBOOK: Playbook = {
  id: 'deciles',
  title: { en: 'Deciles / Pareto', zh: '十分位 / 帕累托' },
  summary: {
    en: 'Ten equal-count groups by revenue with each group’s share and cumulative share, merged into groups G1..G5 by sliders.',
    zh: '按收入分成人数相等的十组，看每组的占比和累计占比，并用滑块合并成 G1..G5。',
  },
  needs: [{ column: 'revenue', from: { en: 'revenue (the amount role)', zh: '收入（金额角色）' } }],
  build,
};
