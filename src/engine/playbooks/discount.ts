/**
 * Discount intensity (SPEC §5): how much of each customer's spend is coupons, banded none /
 * light / heavy, and a "buys only on discount" flag.
 *
 * Intensity is the customer table's `discount_ratio` (coupon amount ÷ amount paid for purchases,
 * NULL when nothing was paid or no coupon column is mapped), reused rather than redefined. The
 * share of orders with a coupon is a metric added to the customer table, `coupon_orders / orders`
 * (`coupon_orders` counts orders as `orders` does); the flag reads that share and the order count.
 */
import type { Parameter } from '../parameters/parameters.ts';
import { namePicker } from './apply-playbook.ts';
import type { Playbook, PlaybookContext, PlaybookLanguage } from './types.ts';

interface Names {
  share: string;
  bands: string;
  flag: string;
  lightFrom: string;
  heavyFrom: string;
  seekerShare: string;
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
      `- \`${n.share}\`（用券订单占比）= \`coupon_orders / orders\`：使用了优惠券（金额大于 0）的订单占全部订单的比例，订单按客户表的 \`orders\` 口径计数；没有订单时为空。`,
      `- \`${n.flag}\`（只在有优惠时购买）：\`${n.share} >= ${n.seekerShare}\`（默认 1，即每一单都用了券）且 \`orders >= ${n.seekerOrders}\`（默认 2 单，一单看不出习惯）；为空算“否”。把 \`${n.seekerShare}\` 调到 0.8 即“几乎只在有优惠时购买”。`,
      '- 需要在客户表里指定优惠券角色（优惠券金额列）；没有指定时 `coupon_amount`、`discount_ratio` 和 `coupon_orders` 全为空，所有客户都不分档、标记为“否”。',
    ].join('\n');
  }
  return [
    '## Discount intensity',
    '',
    'Intensity is the customer table’s `discount_ratio`: coupon amount of purchases ÷ amount paid for them (empty when nothing was paid or no coupon column is mapped).',
    '',
    `- \`${n.bands}\`: intensity below \`${n.lightFrom}\` (default 1%) is "none", below \`${n.heavyFrom}\` (default 30%) "light", from there on "heavy"; customers without an intensity get no band.`,
    `- \`${n.share}\` (share of orders with a coupon) = \`coupon_orders / orders\`: the orders that used a coupon (an amount above 0) out of all orders, counted as the customer table counts \`orders\`; empty without orders.`,
    `- \`${n.flag}\` (buys only on discount): \`${n.share} >= ${n.seekerShare}\` (default 1: every order used a coupon) and \`orders >= ${n.seekerOrders}\` (default 2: one order shows no habit); empty counts as no. Move \`${n.seekerShare}\` to 0.8 for "almost only on discount".`,
    '- It needs the coupon role (a coupon amount column) mapped in the customer table; without it `coupon_amount`, `discount_ratio` and `coupon_orders` are empty, so nobody gets a band and nobody is flagged.',
  ].join('\n');
}

function build(context: PlaybookContext) {
  const pick = namePicker(context.takenNames);
  const share = pick('coupon_order_share');
  const bands = pick('discount_intensity');
  const flag = pick('discount_only_buyer');
  const lightFrom = pick('discount_light_from');
  const heavyFrom = pick('discount_heavy_from');
  const seekerShare = pick('discount_only_share');
  const seekerOrders = pick('discount_only_min_orders');
  const ratioSlider = { min: 0, max: 1, step: 0.01 };
  const parameters: Parameter[] = [
    { name: lightFrom, type: 'number', value: 0.01, slider: ratioSlider, description: 'Discount ratio from which a customer is a light discount user.' },
    { name: heavyFrom, type: 'number', value: 0.3, slider: ratioSlider, description: 'Discount ratio from which a customer is a heavy discount user.' },
    { name: seekerShare, type: 'number', value: 1, slider: { min: 0, max: 1, step: 0.05 }, description: 'Share of orders with a coupon from which a customer counts as buying only on discount.' },
    { name: seekerOrders, type: 'number', value: 2, slider: { min: 1, max: 20, step: 1 }, description: 'Fewest orders before a customer can count as buying only on discount.' },
  ];
  const names: Names = { share, bands, flag, lightFrom, heavyFrom, seekerShare, seekerOrders };
  return {
    note: note(context.language, names),
    parameters,
    metrics: [{ name: share, formula: 'coupon_orders / orders' }],
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
        when: `${share} >= ${seekerShare} AND orders >= ${seekerOrders}`,
        whenTrue: { label: 'buys only on discount', labelZh: '只在有优惠时购买', colour: '#e64a19' },
        whenFalse: { label: 'also pays full price', labelZh: '也会原价购买', colour: '#607d8b' },
      },
    ],
    charts: [
      { view: 'segments' as const, tag: bands },
      { view: 'distribution' as const, tag: bands },
      { view: 'distribution' as const, tag: flag, metric: share, bins: 20 },
      { view: 'segments' as const, tag: flag, measure: 'revenue' as const },
    ],
  };
}

/** Discount intensity bands (none / light / heavy) over discount_ratio and a "buys only on discount" flag. */
export const DISCOUNT_PLAYBOOK: Playbook = {
  id: 'discount',
  title: { en: 'Discount intensity', zh: '优惠力度' },
  summary: {
    en: 'Coupon amount ÷ spend per customer in none / light / heavy bands, the share of orders with a coupon, and who buys only on discount.',
    zh: '每个客户的优惠券金额 ÷ 实付金额，分成无 / 轻度 / 重度；用券订单占比；并标出只在有优惠时购买的客户。',
  },
  needs: [
    { column: 'coupon_amount', needsValues: true, from: { en: 'a coupon amount column (the coupon role)', zh: '优惠券金额列（优惠券角色）' } },
    { column: 'discount_ratio', needsValues: true, from: { en: 'coupon amount ÷ amount paid (the coupon role)', zh: '优惠券金额 ÷ 实付金额（优惠券角色）' } },
    { column: 'coupon_orders', from: { en: 'the orders with a coupon (coupon_orders; rebuild the customer table)', zh: '用券订单数（coupon_orders；请重建客户表）' } },
    { column: 'orders', from: { en: 'the order count (the customer and order roles)', zh: '订单数（客户和订单角色）' } },
  ],
  build,
};
