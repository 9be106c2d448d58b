/**
 * Heavy / medium / light spenders (SPEC §5 practice): among customers who spent something,
 * heavy = the top 20% by revenue, medium = the next 30%, light = the rest; customers with no or
 * negative revenue (refunds) are "zero", apart, and do not count in the shares.
 *
 * The rank is a custom metric, `spend_rank_share = PERCENT_RANK(IF(revenue > 0, -revenue, NULL))`:
 * the share of the *other* spenders who spent strictly more (0 for the top spender and for a
 * lone spender; NULL for non-spenders, whom PERCENT_RANK leaves out of its window). A customer is
 * heavy when that share is below 20%, medium when below 50%. Tie rule: customers with equal
 * revenue get the same share, so they always share a group — the higher one; when everyone spends
 * the same, everyone is heavy. Without ties heavy holds ⌈0.2·(spenders − 1)⌉ customers (20% of
 * the spenders within one customer).
 */
import type { Parameter } from '../parameters/parameters.ts';
import { namePicker } from './apply-playbook.ts';
import type { Playbook, PlaybookAddition, PlaybookContext } from './types.ts';

/** The share of the other spenders with strictly more revenue; NULL for non-spenders. */
export const SPEND_RANK_SHARE_FORMULA = 'PERCENT_RANK(IF(revenue > 0, -revenue, NULL))';

/** Default shares of spenders, in percent: heavy, then medium (light is the rest). */
export const HML_SHARES_PCT = { heavy: 20, medium: 30 } as const;

interface Names {
  share: string;
  tag: string;
  heavy: string;
  medium: string;
}

function note(context: PlaybookContext, names: Names): string {
  const p = (n: string) => `\`${n}\``;
  if (context.language === 'zh-CN') {
    return [
      '## 重度 / 中度 / 轻度消费客户',
      '',
      `\`${names.tag}\` 只在消费过的客户（\`revenue\` > 0）中分组：消费最高的 ${p(names.heavy)}%（默认 20%）为**重度**，接下来的 ${p(names.medium)}%（默认 30%）为**中度**，其余（默认 50%）为**轻度**。收入为空、为 0 或因退款为负的客户单独归为**零消费**，不计入比例。`,
      '',
      `- 排名是自定义指标 ${p(names.share)} = \`${SPEND_RANK_SHARE_FORMULA}\`：其他消费客户中消费严格更高的比例（最高者为 0；零消费客户为空）。比例小于 ${p(names.heavy)}% 为重度，小于 ${p(names.heavy)}% + ${p(names.medium)}% 为中度。`,
      '- **并列规则**：消费相同的客户比例相同，总在同一组，且归入较高的一组；所有人消费都相同时，全部为重度。因此在分界处有并列时，重度可能略多于 20%。',
      '- 拖动两个滑块即可调整比例。',
    ].join('\n');
  }
  return [
    '## Heavy / medium / light spenders',
    '',
    `\`${names.tag}\` groups only customers who spent something (\`revenue\` > 0): the top ${p(names.heavy)}% by revenue (20% by default) are **heavy**, the next ${p(names.medium)}% (30%) **medium**, the rest (50%) **light**. Customers with empty, zero or — after refunds — negative revenue are **zero**, apart, and do not count in the shares.`,
    '',
    `- The rank is the custom metric ${p(names.share)} = \`${SPEND_RANK_SHARE_FORMULA}\`: the share of the other spenders who spent strictly more (0 for the top spender; empty for non-spenders). Below ${p(names.heavy)}% is heavy, below ${p(names.heavy)}% + ${p(names.medium)}% medium.`,
    '- **Ties**: customers with equal revenue get the same share, so they always share a group — the higher one; when everyone spends the same, everyone is heavy. With ties at the edge, heavy can hold a little more than 20%.',
    '- Move the two sliders to change the shares.',
  ].join('\n');
}

function build(context: PlaybookContext): PlaybookAddition {
  const pick = namePicker(context.takenNames);
  const names: Names = { share: pick('spend_rank_share'), tag: pick('spend_level'), heavy: pick('heavy_share_pct'), medium: pick('medium_share_pct') };
  const parameters: Parameter[] = [
    {
      name: names.heavy,
      type: 'number',
      value: HML_SHARES_PCT.heavy,
      slider: { min: 1, max: 50, step: 1 },
      description: `Heavy spenders: the top this-many percent of spenders by revenue (${names.tag}).`,
    },
    {
      name: names.medium,
      type: 'number',
      value: HML_SHARES_PCT.medium,
      slider: { min: 1, max: 80, step: 1 },
      description: `Medium spenders: the next this-many percent of spenders after the heavy ones (${names.tag}).`,
    },
  ];
  return {
    note: note(context, names),
    parameters,
    metrics: [{ name: names.share, formula: SPEND_RANK_SHARE_FORMULA }],
    tags: [
      {
        kind: 'rules',
        name: names.tag,
        rules: [
          {
            when: 'revenue IS NULL OR revenue <= 0',
            segment: {
              label: 'Zero',
              labelZh: '零消费',
              colour: '#9e9e9e',
              description: 'No spend: empty, zero or (after refunds) negative revenue; not counted in the shares.',
              suggestedAction: 'First-purchase offer; check refund-only customers.',
            },
          },
          {
            when: `${names.share} < ${names.heavy} / 100`,
            segment: {
              label: 'Heavy',
              labelZh: '重度',
              colour: '#1b5e20',
              description: `The top ${names.heavy}% of spenders by revenue (ties go up).`,
              suggestedAction: 'VIP care: exclusive service and early access; protect, do not over-discount.',
            },
          },
          {
            when: `${names.share} < (${names.heavy} + ${names.medium}) / 100`,
            segment: {
              label: 'Medium',
              labelZh: '中度',
              colour: '#66bb6a',
              description: `The next ${names.medium}% of spenders.`,
              suggestedAction: 'Grow spend: bundles, cross-sell and tier upgrades.',
            },
          },
        ],
        otherwise: {
          label: 'Light',
          labelZh: '轻度',
          colour: '#c5e1a5',
          description: 'The remaining spenders (the bottom 50% by default).',
          suggestedAction: 'Low-cost nudges: threshold coupons, entry products.',
        },
      },
    ],
    charts: [{ view: 'segments', tag: names.tag, measure: 'revenue' }],
  };
}

/** Heavy (top 20%), medium (next 30%) and light spenders by revenue, zero spenders apart; shares are sliders. */
export const HML_PLAYBOOK: Playbook = {
  id: 'hml',
  title: { en: 'Heavy / medium / light spenders', zh: '重度 / 中度 / 轻度消费' },
  summary: {
    en: 'The top 20% of spenders by revenue, the next 30% and the rest, with non-spenders apart.',
    zh: '按收入把消费客户分为前 20%、接下来 30% 和其余，零消费客户单独列出。',
  },
  needs: [{ column: 'revenue', from: { en: 'revenue (the amount role)', zh: '收入（金额角色）' } }],
  build,
};
