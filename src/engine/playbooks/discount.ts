/**
 * Discount intensity (SPEC §5): how much of each customer's spend is coupons, banded none /
 * light / heavy, and a "buys only on discount" flag.
 *
 * Intensity is the customer table's `discount_ratio` (coupon amount ÷ amount paid for purchases,
 * NULL when nothing was paid or no coupon column is mapped), reused rather than redefined. The
 * customer table has no count of orders with a coupon, so the flag reads the ratio and the
 * order count instead of a share of orders.
 */
import type { Parameter } from '../parameters/parameters.ts';
import { namePicker } from './apply-playbook.ts';
import type { Playbook, PlaybookContext, PlaybookLanguage } from './types.ts';

interface Names {
  bands: string;
  flag: string;
  lightFrom: string;
  heavyFrom: string;
  seekerRatio: string;
  seekerOrders: string;
}

function note(language: PlaybookLanguage, n: Names): string {
  if (language === 'zh-CN') {
    return [
      '## 优惠力度',
      '',
      '优惠力度 = 客户表的 `discount_ratio`：购买所用优惠券金额 ÷ 购买实付金额（没有实付或未指定优惠券列时为空）。',
      '',
      `- \`${n.bands}\`：力度低于 \`${n.lightFrom}\`（默认 1%）为“无优惠”，低于 \`${n.heavyFrom}\`（默认 30%）为“轻度”，达到即为“重度”；力度为空的客户不分档。`,
      `- \`${n.flag}\`（只在有优惠时购买）：\`discount_ratio >= ${n.seekerRatio}\`（默认 0.3）且 \`orders >= ${n.seekerOrders}\`（默认 2 单，一单看不出习惯）；为空算“否”。`,
      '- 客户表没有“用券订单数”，所以这里不算“用券订单占比”；需要时可以在 SQL 单元格里按订单统计。',
      '- 需要在客户表里指定优惠券角色（优惠券金额列）；没有指定时 `coupon_amount` 和 `discount_ratio` 全为空，所有客户都不分档、标记为“否”。',
    ].join('\n');
  }
  return [
    '## Discount intensity',
    '',
    'Intensity is the customer table’s `discount_ratio`: coupon amount of purchases ÷ amount paid for them (empty when nothing was paid or no coupon column is mapped).',
    '',
    `- \`${n.bands}\`: intensity below \`${n.lightFrom}\` (default 1%) is "none", below \`${n.heavyFrom}\` (default 30%) "light", from there on "heavy"; customers without an intensity get no band.`,
    `- \`${n.flag}\` (buys only on discount): \`discount_ratio >= ${n.seekerRatio}\` (default 0.3) and \`orders >= ${n.seekerOrders}\` (default 2: one order shows no habit); empty counts as no.`,
    '- The customer table has no count of orders with a coupon, so the share of orders with a coupon is not computed here; a SQL cell over the orders can count it.',
    '- It needs the coupon role (a coupon amount column) mapped in the customer table; without it `coupon_amount` and `discount_ratio` are empty, so nobody gets a band and nobody is flagged.',
  ].join('\n');
}

function build(context: PlaybookContext) {
  const pick = namePicker(context.takenNames);
  const bands = pick('discount_intensity');
  const flag = pick('discount_only_buyer');
  const lightFrom = pick('discount_light_from');
  const heavyFrom = pick('discount_heavy_from');
  const seekerRatio = pick('discount_only_ratio');
  const seekerOrders = pick('discount_only_min_orders');
  const ratioSlider = { min: 0, max: 1, step: 0.01 };
  const parameters: Parameter[] = [
    { name: lightFrom, type: 'number', value: 0.01, slider: ratioSlider, description: 'Discount ratio from which a customer is a light discount user.' },
    { name: heavyFrom, type: 'number', value: 0.3, slider: ratioSlider, description: 'Discount ratio from which a customer is a heavy discount user.' },
    { name: seekerRatio, type: 'number', value: 0.3, slider: ratioSlider, description: 'Discount ratio from which a customer counts as buying only on discount.' },
    { name: seekerOrders, type: 'number', value: 2, slider: { min: 1, max: 20, step: 1 }, description: 'Fewest orders before a customer can count as buying only on discount.' },
  ];
  const names: Names = { bands, flag, lightFrom, heavyFrom, seekerRatio, seekerOrders };
  return {
    note: note(context.language, names),
    parameters,
    metrics: [],
    tags: [
      {
        kind: 'cut' as const,
        name: bands,
        metric: 'discount_ratio',
        thresholds: [lightFrom, heavyFrom],
        inclusive: 'lower' as const,
        segments: [
          { label: 'none', labelZh: '无优惠', colour: '#9e9e9e' },
          { label: 'light', labelZh: '轻度', colour: '#fbc02d' },
          { label: 'heavy', labelZh: '重度', colour: '#e64a19' },
        ],
      },
      {
        kind: 'flag' as const,
        name: flag,
        when: `discount_ratio >= ${seekerRatio} AND orders >= ${seekerOrders}`,
        whenTrue: { label: 'buys only on discount', labelZh: '只在有优惠时购买', colour: '#e64a19' },
        whenFalse: { label: 'also pays full price', labelZh: '也会原价购买', colour: '#607d8b' },
      },
    ],
    charts: [
      { view: 'segments' as const, tag: bands },
      { view: 'distribution' as const, tag: bands },
      { view: 'segments' as const, tag: flag, measure: 'revenue' as const },
    ],
  };
}

/** Discount intensity bands (none / light / heavy) over discount_ratio and a "buys only on discount" flag. */
export const DISCOUNT_PLAYBOOK: Playbook = {
  id: 'discount',
  title: { en: 'Discount intensity', zh: '优惠力度' },
  summary: {
    en: 'Coupon amount ÷ spend per customer in none / light / heavy bands, and who buys only on discount.',
    zh: '每个客户的优惠券金额 ÷ 实付金额，分成无 / 轻度 / 重度，并标出只在有优惠时购买的客户。',
  },
  needs: [
    { column: 'coupon_amount', needsValues: true, from: { en: 'a coupon amount column (the coupon role)', zh: '优惠券金额列（优惠券角色）' } },
    { column: 'discount_ratio', needsValues: true, from: { en: 'coupon amount ÷ amount paid (the coupon role)', zh: '优惠券金额 ÷ 实付金额（优惠券角色）' } },
    { column: 'orders', from: { en: 'the order count (the customer and order roles)', zh: '订单数（客户和订单角色）' } },
  ],
  build,
};
