/**
 * Points and tiers (SPEC §5): a 淘气值-like member score as one `score` tag. Base points (tenure,
 * no refunds), purchase points (recency, orders, revenue) and, where the customer table has such
 * columns, reward points (reviews, interactions); each component is weighted and capped by
 * number parameters, and the total is cut into four tiers at 400 / 600 / 1000 (parameters).
 *
 * A component's points are `MIN(weight × value, cap)` as evaluate-tags.ts computes them (the cap
 * bounds the points, not the value); a NULL value gives 0.
 */
import type { Parameter } from '../parameters/parameters.ts';
import { formulaName } from '../customers/describe-metrics.ts';
import type { ScoreComponent, SegmentSpec } from '../tags/types.ts';
import { namePicker } from './apply-playbook.ts';
import type { Bilingual, Playbook, PlaybookContext, PlaybookLanguage } from './types.ts';

/** Reward columns looked for (case-insensitively), in this order: the first name found of each. */
const REWARD_COLUMNS: { names: string[]; key: string; weight: number; cap: number; text: Bilingual }[] = [
  { names: ['reviews', 'review_count', 'reviews_count'], key: 'reviews', weight: 10, cap: 100, text: { en: 'reviews written', zh: '评价数' } },
  { names: ['interactions', 'interaction_count', 'interactions_count'], key: 'interactions', weight: 1, cap: 100, text: { en: 'interactions', zh: '互动次数' } },
];

const TIERS: SegmentSpec[] = [
  { label: 'Basic', labelZh: '普通会员', colour: '#9e9e9e' },
  { label: 'Silver', labelZh: '白银会员', colour: '#78909c' },
  { label: 'Gold', labelZh: '黄金会员', colour: '#f9a825' },
  { label: 'Super', labelZh: '超级会员', colour: '#6a1b9a' },
];

interface Part {
  group: 'base' | 'purchase' | 'reward';
  text: Bilingual;
  formula: string;
  weight: string;
  cap?: string;
}

function note(language: PlaybookLanguage, tag: string, parts: Part[], rewardsFound: boolean, tiers: string[]): string {
  const zh = language === 'zh-CN';
  const groupText = { base: zh ? '基础分' : 'base', purchase: zh ? '购买分' : 'purchase', reward: zh ? '奖励分' : 'reward' };
  const rows = parts.map(
    (p) => `| ${groupText[p.group]} | ${zh ? p.text.zh : p.text.en} | \`${p.formula}\` | \`${p.weight}\` | ${p.cap ? `\`${p.cap}\`` : '—'} |`,
  );
  const tierList = tiers.map((t) => `\`${t}\``).join(' / ');
  if (zh) {
    return [
      '## 积分与等级（类似淘气值）',
      '',
      `\`${tag}\` 把下面各项积分相加，再按 ${tierList}（默认 400 / 600 / 1000，达到即升级）分成普通、白银、黄金、超级会员。每项积分 = MIN(权重 × 数值, 上限)，数值为空记 0；权重和上限都是参数，可以拖动。`,
      '',
      '| 类别 | 项目 | 数值 | 权重 | 上限 |',
      '| --- | --- | --- | --- | --- |',
      ...rows,
      '',
      '- 无退款：买过东西且退款金额为 0（或为空）的客户得这项分；没有购买的潜在客户不得分。',
      '- 最近购买：最近一次购买离分析日越近分越高，超过窗口天数不得分。',
      rewardsFound ? '- 奖励分来自客户表里的评价、互动列。' : '- 客户表里没有评价（reviews）或互动（interactions）列，所以没有奖励分；加上这样的列后可以在标签里添加一项。',
    ].join('\n');
  }
  return [
    '## Points and tiers (a 淘气值-like member score)',
    '',
    `\`${tag}\` adds up the points below and cuts the total at ${tierList} (default 400 / 600 / 1000; reaching a threshold moves up) into Basic, Silver, Gold and Super members. Each component gives MIN(weight × value, cap) points, 0 when the value is empty; weights and caps are parameters with sliders.`,
    '',
    '| part | component | value | weight | cap |',
    '| --- | --- | --- | --- | --- |',
    ...rows,
    '',
    '- No refunds: customers who bought and whose refund amount is 0 (or empty) get these points; prospects without a purchase do not.',
    '- Recent purchase: the closer the last purchase to the analysis date, the more points; none beyond the window.',
    rewardsFound
      ? '- Reward points come from the customer table’s review and interaction columns.'
      : '- The customer table has no reviews or interactions column, so there are no reward points; with such a column, add a component to the tag.',
  ].join('\n');
}

function build(context: PlaybookContext) {
  const pick = namePicker(context.takenNames);
  const tag = pick('member_points');
  const parameters: Parameter[] = [];
  const parameter = (base: string, value: number, slider: Parameter['slider'], description: string): string => {
    const name = pick(base);
    parameters.push({ name, type: 'number', value, slider, description });
    return name;
  };
  const weightSlider = (max: number, step: number) => ({ min: 0, max, step });
  const capSlider = { min: 0, max: 1000, step: 10 };

  const parts: Part[] = [];
  const tenureWeight = parameter('points_tenure_weight', 0.5, weightSlider(5, 0.1), 'Points per day since the first purchase (tenure_days).');
  const tenureCap = parameter('points_tenure_cap', 200, capSlider, 'Most tenure points a customer can get.');
  parts.push({ group: 'base', text: { en: 'tenure (days since the first purchase)', zh: '会员时长（首购至今天数）' }, formula: 'tenure_days', weight: tenureWeight, cap: tenureCap });
  const noRefund = parameter('points_no_refund', 100, weightSlider(500, 10), 'Points for a customer who bought and has no refunds.');
  parts.push({ group: 'base', text: { en: 'no refunds', zh: '无退款' }, formula: 'IF(orders > 0 AND COALESCE(refund_amount, 0) = 0, 1, 0)', weight: noRefund });

  const recencyWindow = parameter('points_recency_days', 365, { min: 30, max: 730, step: 5 }, 'Window of the recency points: a last purchase longer ago gives none.');
  const recencyWeight = parameter('points_recency_weight', 0.5, weightSlider(5, 0.1), 'Points per day the last purchase is inside the window.');
  const recencyCap = parameter('points_recency_cap', 150, capSlider, 'Most recency points a customer can get.');
  parts.push({
    group: 'purchase',
    text: { en: 'recent purchase (days inside the window)', zh: '最近购买（窗口内剩余天数）' },
    formula: `MAX(${recencyWindow} - recency_days, 0)`,
    weight: recencyWeight,
    cap: recencyCap,
  });
  const ordersWeight = parameter('points_orders_weight', 25, weightSlider(100, 1), 'Points per order.');
  const ordersCap = parameter('points_orders_cap', 300, capSlider, 'Most order points a customer can get.');
  parts.push({ group: 'purchase', text: { en: 'orders', zh: '订单数' }, formula: 'orders', weight: ordersWeight, cap: ordersCap });
  const revenueWeight = parameter('points_revenue_weight', 0.5, weightSlider(5, 0.01), 'Points per unit of revenue.');
  const revenueCap = parameter('points_revenue_cap', 300, capSlider, 'Most revenue points a customer can get.');
  parts.push({ group: 'purchase', text: { en: 'revenue', zh: '收入' }, formula: 'MAX(revenue, 0)', weight: revenueWeight, cap: revenueCap });

  const have = new Map(context.columns.map((c) => [c.toLowerCase(), c]));
  let rewardsFound = false;
  for (const reward of REWARD_COLUMNS) {
    const column = reward.names.map((n) => have.get(n)).find((c) => c !== undefined);
    if (column === undefined) continue;
    rewardsFound = true;
    const weight = parameter(`points_${reward.key}_weight`, reward.weight, weightSlider(100, 1), `Points per unit of ${column} (${reward.text.en}).`);
    const cap = parameter(`points_${reward.key}_cap`, reward.cap, capSlider, `Most ${reward.key} points a customer can get.`);
    parts.push({ group: 'reward', text: reward.text, formula: formulaName(column), weight, cap });
  }

  const tiers = [
    parameter('points_tier_silver', 400, { min: 0, max: 2000, step: 10 }, 'Points from which a member is Silver.'),
    parameter('points_tier_gold', 600, { min: 0, max: 2000, step: 10 }, 'Points from which a member is Gold.'),
    parameter('points_tier_super', 1000, { min: 0, max: 2000, step: 10 }, 'Points from which a member is Super.'),
  ];
  const components: ScoreComponent[] = parts.map((p) => ({ formula: p.formula, weight: p.weight, ...(p.cap ? { cap: p.cap } : {}) }));

  return {
    note: note(context.language, tag, parts, rewardsFound, tiers),
    parameters,
    metrics: [],
    tags: [{ kind: 'score' as const, name: tag, components, thresholds: tiers, inclusive: 'lower' as const, segments: TIERS.map((s) => ({ ...s })) }],
    charts: [
      { view: 'segments' as const, tag },
      { view: 'distribution' as const, tag },
    ],
  };
}

/** A member score (base + purchase + reward points, each weighted and capped) cut into tiers at 400 / 600 / 1000. */
export const POINTS_PLAYBOOK: Playbook = {
  id: 'points',
  title: { en: 'Points and tiers', zh: '积分与会员等级' },
  summary: {
    en: 'A 淘气值-like member score from tenure, refunds, recency, orders and revenue, cut into four tiers.',
    zh: '用会员时长、退款、最近购买、订单数和收入算出类似淘气值的积分，分成四个会员等级。',
  },
  needs: [
    { column: 'tenure_days', from: { en: 'days since the first purchase (the time role)', zh: '首购至今天数（时间角色）' } },
    { column: 'refund_amount', from: { en: 'refunds (negative amounts or the refund rule)', zh: '退款金额（负金额或退款规则）' } },
    { column: 'recency_days', from: { en: 'days since the last purchase (the time role)', zh: '最近购买距今天数（时间角色）' } },
    { column: 'orders', from: { en: 'the order count (the customer and order roles)', zh: '订单数（客户和订单角色）' } },
    { column: 'revenue', from: { en: 'revenue (the amount role)', zh: '收入（金额角色）' } },
  ],
  build,
};
