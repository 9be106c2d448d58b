/**
 * Action stages by days since the last order (SPEC §5): a cut tag on `recency_days` at
 * 45 / 90 / 180 / 360 days, each stage with the action it calls for.
 *
 * The thresholds are number parameters rather than fixed numbers, so each boundary is a slider
 * and the distribution chart can draw it; the tag stays a plain cut. Cuts are `inclusive: upper`:
 * a customer exactly on a boundary day (45, 90, 180, 360) stays in the earlier stage, i.e.
 * 0–45 care, 46–90 incentive, 91–180 re-activation, 181–360 recall, 361+ wake-up. Customers
 * without an order (NULL recency) get no stage.
 */
import type { Parameter } from '../parameters/parameters.ts';
import type { SegmentSpec } from '../tags/types.ts';
import { namePicker } from './apply-playbook.ts';
import type { Playbook, PlaybookAddition, PlaybookContext } from './types.ts';

/** The default stage boundaries in days since the last order. */
export const ACTION_STAGE_DAYS = [45, 90, 180, 360] as const;

const BOUNDARY_BASES = ['care_until_days', 'incentive_until_days', 'reactivate_until_days', 'recall_until_days'];

const STAGES: SegmentSpec[] = [
  {
    label: 'New-customer care',
    labelZh: '新客关怀',
    colour: '#2e7d32',
    description: 'Last order within the first window (0–45 days by default).',
    suggestedAction: 'New-customer care: thank-you message, usage tips, service follow-up; no discount needed.',
  },
  {
    label: 'Repurchase incentive',
    labelZh: '复购激励',
    colour: '#7cb342',
    description: 'Last order 45–90 days ago by default.',
    suggestedAction: 'Repurchase incentive: recommendations from their last order and a small repurchase coupon.',
  },
  {
    label: 'Re-activation',
    labelZh: '激活',
    colour: '#fbc02d',
    description: 'Last order 90–180 days ago by default.',
    suggestedAction: 'Re-activation: a reminder with a time-limited coupon or member benefit.',
  },
  {
    label: 'Recall',
    labelZh: '召回',
    colour: '#ef6c00',
    description: 'Last order 180–360 days ago by default.',
    suggestedAction: 'Recall: a stronger offer (bigger coupon, free shipping) through SMS or direct channels.',
  },
  {
    label: 'Wake-up at the next big promotion',
    labelZh: '大促唤醒',
    colour: '#b71c1c',
    description: 'Last order more than 360 days ago by default.',
    suggestedAction: 'Wake up at the next big promotion (618, Double 11) only; keep them out of regular campaigns.',
  },
];

function note(context: PlaybookContext, tag: string, bounds: string[]): string {
  const [care, incentive, reactivate, recall] = bounds.map((b) => `\`${b}\``);
  if (context.language === 'zh-CN') {
    return [
      '## 按未购天数分阶段运营',
      '',
      `\`${tag}\` 按距最近一单的天数（\`recency_days\`）把客户分成五个运营阶段，边界是参数（默认 45 / 90 / 180 / 360 天），可拖动滑块调整：`,
      '',
      `- **新客关怀**（0–${care} 天）：感谢、使用指导、售后回访，无需优惠。`,
      `- **复购激励**（${care}–${incentive} 天）：按上次购买推荐，配小额复购券。`,
      `- **激活**（${incentive}–${reactivate} 天）：限时优惠券或会员权益提醒。`,
      `- **召回**（${reactivate}–${recall} 天）：更大力度的优惠（大额券、包邮），短信等直达渠道。`,
      `- **大促唤醒**（${recall} 天以上）：只在下一次大促（618、双 11）时唤醒，平时不打扰。`,
      '',
      '边界当天算在前一个阶段：正好第 45 天仍是新客关怀，第 46 天起为复购激励（90、180、360 同理）。没有订单的客户（`recency_days` 为空）不分阶段。',
    ].join('\n');
  }
  return [
    '## Action stages by days since the last order',
    '',
    `\`${tag}\` puts customers into five stages by days since their last order (\`recency_days\`). The boundaries are parameters (45 / 90 / 180 / 360 days by default); move the sliders to change them:`,
    '',
    `- **New-customer care** (0–${care} days): thank-you, usage tips, service follow-up; no discount needed.`,
    `- **Repurchase incentive** (${care}–${incentive} days): recommendations from the last order, a small repurchase coupon.`,
    `- **Re-activation** (${incentive}–${reactivate} days): a time-limited coupon or member-benefit reminder.`,
    `- **Recall** (${reactivate}–${recall} days): a stronger offer (bigger coupon, free shipping) through direct channels.`,
    `- **Wake-up at the next big promotion** (more than ${recall} days): only at the next big sale; kept out of regular campaigns.`,
    '',
    'A boundary day stays in the earlier stage: day 45 exactly is still new-customer care, day 46 is repurchase incentive (likewise 90, 180, 360). Customers without an order (empty `recency_days`) get no stage.',
  ].join('\n');
}

function build(context: PlaybookContext): PlaybookAddition {
  const pick = namePicker(context.takenNames);
  const tag = pick('action_stage');
  const bounds = BOUNDARY_BASES.map(pick);
  const parameters: Parameter[] = bounds.map((name, i) => ({
    name,
    type: 'number',
    value: ACTION_STAGE_DAYS[i],
    slider: { min: 0, max: 730, step: 5 },
    description: `Last day (since the last order) of the stage "${STAGES[i].label}" in ${tag}.`,
  }));
  return {
    note: note(context, tag, bounds),
    parameters,
    metrics: [],
    tags: [{ kind: 'cut', name: tag, metric: 'recency_days', thresholds: [...bounds], inclusive: 'upper', segments: STAGES.map((s) => ({ ...s })) }],
    charts: [{ view: 'segments', tag }],
  };
}

/** Five action stages by days since the last order (45 / 90 / 180 / 360, sliders), each with its action. */
export const ACTION_STAGES_PLAYBOOK: Playbook = {
  id: 'action-stages',
  title: { en: 'Action stages by days since last order', zh: '按未购天数分阶段运营' },
  summary: {
    en: 'New-customer care, repurchase incentive, re-activation, recall and big-promotion wake-up by days since the last order.',
    zh: '按距最近一单的天数分为新客关怀、复购激励、激活、召回和大促唤醒五个阶段。',
  },
  needs: [{ column: 'recency_days', from: { en: 'the time role (recency_days)', zh: '时间角色（recency_days）' } }],
  build,
};
