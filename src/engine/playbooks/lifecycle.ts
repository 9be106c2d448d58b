/**
 * Lifecycle (SPEC §5): a rules tag, first match wins, whose day windows are sliders:
 * prospect (no order) → churned (no order for more than the churn window) → silent (more than
 * the silent window) → new (one order) → active (2+ orders, last order within the active window)
 * → half-active (2+ orders, last order after the active window but within the silent window).
 *
 * Every customer with an order and a recency lands in one of these as long as
 * active ≤ silent; the `otherwise` segment catches only customers with 2+ orders but no recency
 * (which a customer table built from orders never has), so it is expected to stay empty.
 */
import type { Parameter } from '../parameters/parameters.ts';
import type { TagRule } from '../tags/types.ts';
import { namePicker } from './apply-playbook.ts';
import type { Bilingual, Playbook, PlaybookAddition, PlaybookContext } from './types.ts';

/** The windows used when the purchase cycle is unknown (SPEC §5's literal values). */
export const DEFAULT_LIFECYCLE_WINDOWS = { active: 45, silent: 90, churn: 180 } as const;

/** Each window as a multiple of the median purchase cycle, and the range it is kept in (days). */
const ACTIVE_CYCLES = 2;
const SILENT_CYCLES = 6;
const CHURN_CYCLES = 12;
const ACTIVE_RANGE = { min: 7, max: 180 };
const SILENT_RANGE = { min: 14, max: 365 };
const CHURN_RANGE = { min: 30, max: 730 };

const clamp = (value: number, range: { min: number; max: number }): number => Math.min(range.max, Math.max(range.min, value));
const roundTo5 = (days: number): number => Math.round(days / 5) * 5;

/**
 * Lifecycle windows that follow the data's purchase cycle (the median over repeat customers of
 * their mean days between orders): active = 2 cycles, silent = 6, churn = 12 (a monthly cycle
 * gives 60 / 180 / 360 days: about a year to churn; a weekly one 15 / 40 / 85), each rounded to
 * 5 days and kept within 7–180, 14–365 and 30–730 days, so active < silent < churn always.
 * A null, non-finite or non-positive cycle gives the defaults 45 / 90 / 180.
 */
export function suggestLifecycleWindows(medianDaysBetweenOrders: number | null): { active: number; silent: number; churn: number; reasoning: Bilingual } {
  const cycle = medianDaysBetweenOrders;
  if (cycle === null || !Number.isFinite(cycle) || cycle <= 0) {
    const { active, silent, churn } = DEFAULT_LIFECYCLE_WINDOWS;
    return {
      active,
      silent,
      churn,
      reasoning: {
        en: `The purchase cycle is unknown (no customer with 2+ orders), so the standard windows are used: active within ${active} days, silent after ${silent}, churned after ${churn}.`,
        zh: `无法得到购买周期（没有下单 2 次以上的客户），因此使用标准窗口：${active} 天内为活跃，超过 ${silent} 天为沉默，超过 ${churn} 天为流失。`,
      },
    };
  }
  const active = clamp(roundTo5(ACTIVE_CYCLES * cycle), ACTIVE_RANGE);
  const silent = clamp(roundTo5(SILENT_CYCLES * cycle), SILENT_RANGE);
  const churn = clamp(roundTo5(CHURN_CYCLES * cycle), CHURN_RANGE);
  const days = Math.round(cycle * 10) / 10;
  return {
    active,
    silent,
    churn,
    reasoning: {
      en:
        `The median customer with 2+ orders buys every ${days} days. Active = last order within ${ACTIVE_CYCLES} cycles (${active} days), ` +
        `silent = no order for more than ${SILENT_CYCLES} cycles (${silent} days), churned = no order for more than ${CHURN_CYCLES} cycles (${churn} days); ` +
        `each rounded to 5 days and kept within ${ACTIVE_RANGE.min}–${ACTIVE_RANGE.max}, ${SILENT_RANGE.min}–${SILENT_RANGE.max} and ${CHURN_RANGE.min}–${CHURN_RANGE.max} days.`,
      zh:
        `下单 2 次以上的客户，购买间隔的中位数是 ${days} 天。活跃 = 最近一单在 ${ACTIVE_CYCLES} 个周期内（${active} 天），` +
        `沉默 = 超过 ${SILENT_CYCLES} 个周期未下单（${silent} 天），流失 = 超过 ${CHURN_CYCLES} 个周期未下单（${churn} 天）；` +
        `均取整到 5 天，并限制在 ${ACTIVE_RANGE.min}–${ACTIVE_RANGE.max}、${SILENT_RANGE.min}–${SILENT_RANGE.max}、${CHURN_RANGE.min}–${CHURN_RANGE.max} 天之间。`,
    },
  };
}

interface Names {
  tag: string;
  active: string;
  silent: string;
  churn: string;
}

function note(context: PlaybookContext, names: Names, suggestion: ReturnType<typeof suggestLifecycleWindows> | null): string {
  const zh = context.language === 'zh-CN';
  const p = (n: string) => `\`${n}\``;
  if (zh) {
    return [
      '## 客户生命周期',
      '',
      `\`${names.tag}\` 按顺序判断，命中第一条即停：`,
      '',
      '1. **潜在客户**：没有订单（`orders` 为 0 或空）。',
      `2. **流失**：超过 ${p(names.churn)} 天未下单（\`recency_days\` > ${p(names.churn)}）。`,
      `3. **沉默**：超过 ${p(names.silent)} 天未下单。`,
      '4. **新客**：只下过 1 单（且未沉默）。',
      `5. **活跃**：2 单以上，最近一单在 ${p(names.active)} 天内（含当天）。`,
      `6. **半活跃**：2 单以上，最近一单在 ${p(names.active)} 天之后、${p(names.silent)} 天之内。`,
      '',
      '边界当天算在较“新”的一侧：例如沉默窗口为 90 天时，第 90 天仍不是沉默。只要活跃窗口不大于沉默窗口，每个有订单的客户都会落入前六类；“未归类”只收 2 单以上却没有最近下单天数的客户，应当为空。',
      '',
      suggestion
        ? `**建议窗口**（已采用）：${suggestion.reasoning.zh}`
        : `**建议窗口**：窗口应随数据的购买周期变化——低频品类（如按月购买）用长窗口（约一年流失），生鲜等按周购买的用短窗口。按购买间隔中位数 c：活跃 ${ACTIVE_CYCLES}c、沉默 ${SILENT_CYCLES}c、流失 ${CHURN_CYCLES}c，取整到 5 天。当前没有购买周期数据，因此使用默认的 45 / 90 / 180 天；拖动滑块即可调整。`,
    ].join('\n');
  }
  return [
    '## Customer lifecycle',
    '',
    `\`${names.tag}\` checks these in order; the first that matches wins:`,
    '',
    '1. **Prospect**: no orders (`orders` is 0 or empty).',
    `2. **Churned**: no order for more than ${p(names.churn)} days (\`recency_days\` > ${p(names.churn)}).`,
    `3. **Silent**: no order for more than ${p(names.silent)} days.`,
    '4. **New**: one order (and not silent).',
    `5. **Active**: 2+ orders, the last within ${p(names.active)} days (that day included).`,
    `6. **Half-active**: 2+ orders, the last after ${p(names.active)} days but within ${p(names.silent)}.`,
    '',
    'A boundary day stays on the more recent side: with a 90-day silent window, day 90 is not yet silent. As long as the active window is not longer than the silent one, every customer with an order falls into one of the six; "Unclassified" only takes customers with 2+ orders but no days since the last order, and should stay empty.',
    '',
    suggestion
      ? `**Suggested windows** (used here): ${suggestion.reasoning.en}`
      : `**Suggest windows**: the windows should follow the data's purchase cycle — long for low-frequency categories (a monthly cycle gives about a year to churn), short for weekly fresh food. From the median days between orders c: active ${ACTIVE_CYCLES}c, silent ${SILENT_CYCLES}c, churn ${CHURN_CYCLES}c, rounded to 5 days. No purchase cycle was given, so the defaults 45 / 90 / 180 days are used; move the sliders to change them.`,
  ].join('\n');
}

function build(context: PlaybookContext): PlaybookAddition {
  const pick = namePicker(context.takenNames);
  const names: Names = { tag: pick('lifecycle_stage'), active: pick('active_within_days'), silent: pick('silent_after_days'), churn: pick('churn_after_days') };
  const median = context.stats?.medianDaysBetweenOrders;
  const suggestion = median === undefined || median === null ? null : suggestLifecycleWindows(median);
  const windows = suggestion ?? DEFAULT_LIFECYCLE_WINDOWS;

  const parameters: Parameter[] = [
    {
      name: names.active,
      type: 'number',
      value: windows.active,
      slider: { min: ACTIVE_RANGE.min, max: ACTIVE_RANGE.max, step: 1 },
      description: `Active: 2+ orders and the last order at most this many days ago (${names.tag}).`,
    },
    {
      name: names.silent,
      type: 'number',
      value: windows.silent,
      slider: { min: SILENT_RANGE.min, max: SILENT_RANGE.max, step: 1 },
      description: `Silent: no order for more than this many days (${names.tag}).`,
    },
    {
      name: names.churn,
      type: 'number',
      value: windows.churn,
      slider: { min: CHURN_RANGE.min, max: CHURN_RANGE.max, step: 5 },
      description: `Churned: no order for more than this many days (${names.tag}).`,
    },
  ];

  const rules: TagRule[] = [
    {
      when: 'orders = 0 OR orders IS NULL',
      segment: {
        label: 'Prospect',
        labelZh: '潜在客户',
        colour: '#9e9e9e',
        description: 'Known customers without an order.',
        suggestedAction: 'Welcome offer for the first order.',
      },
    },
    {
      when: `recency_days > ${names.churn}`,
      segment: {
        label: 'Churned',
        labelZh: '流失',
        colour: '#b71c1c',
        description: `No order for more than ${names.churn} days.`,
        suggestedAction: 'Low-cost win-back at big promotions only; exclude from regular campaigns.',
      },
    },
    {
      when: `recency_days > ${names.silent}`,
      segment: {
        label: 'Silent',
        labelZh: '沉默',
        colour: '#ef6c00',
        description: `No order for more than ${names.silent} days, not yet churned.`,
        suggestedAction: 'Re-activation: a reminder with a time-limited coupon.',
      },
    },
    {
      when: 'orders = 1',
      segment: {
        label: 'New',
        labelZh: '新客',
        colour: '#42a5f5',
        description: `One order, within the last ${names.silent} days.`,
        suggestedAction: 'New-customer care: onboarding and an incentive for the second order.',
      },
    },
    {
      when: `orders >= 2 AND recency_days <= ${names.active}`,
      segment: {
        label: 'Active',
        labelZh: '活跃',
        colour: '#2e7d32',
        description: `2+ orders, the last within ${names.active} days.`,
        suggestedAction: 'Keep engaged: membership benefits, cross-sell, new arrivals.',
      },
    },
    {
      when: `orders >= 2 AND recency_days > ${names.active} AND recency_days <= ${names.silent}`,
      segment: {
        label: 'Half-active',
        labelZh: '半活跃',
        colour: '#c0ca33',
        description: `2+ orders, the last ${names.active}–${names.silent} days ago.`,
        suggestedAction: 'Repurchase incentive before they go silent.',
      },
    },
  ];

  return {
    note: note(context, names, suggestion),
    parameters,
    metrics: [],
    tags: [
      {
        kind: 'rules',
        name: names.tag,
        rules,
        otherwise: {
          label: 'Unclassified',
          labelZh: '未归类',
          colour: '#616161',
          description: '2+ orders but no days since the last order: expected to be empty; check the time role if not.',
        },
      },
    ],
    charts: [{ view: 'segments', tag: names.tag }],
  };
}

/** Lifecycle stages (prospect, churned, silent, new, active, half-active) with day windows as sliders. */
export const LIFECYCLE_PLAYBOOK: Playbook = {
  id: 'lifecycle',
  title: { en: 'Customer lifecycle', zh: '客户生命周期' },
  summary: {
    en: 'Prospect, new, active, half-active, silent and churned customers, with windows that follow your purchase cycle.',
    zh: '把客户分为潜在、新客、活跃、半活跃、沉默和流失，窗口随购买周期调整。',
  },
  needs: [
    { column: 'orders', from: { en: 'the order count (orders)', zh: '订单数（orders）' } },
    { column: 'recency_days', from: { en: 'the time role (recency_days)', zh: '时间角色（recency_days）' } },
  ],
  build,
};
