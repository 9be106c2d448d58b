/**
 * Vega-Lite specs of the analyses' results (issue #9), with their rows inline. Titles and axes in
 * English or Simplified Chinese; product names and segment labels are data values only (never
 * put into an expression or a field name), so they are shown as text. Number text is made by
 * `format` in tooltips, which the page's CSP-safe expression interpreter runs.
 */
import { CHART_FONT, VEGA_LITE_SCHEMA } from '../charts/chart-spec.ts';
import type { BacktestResult, CrossSellRow, MigrationResult, ReplenishmentRow, ShoppingPathRow } from './types.ts';

export type AnalysisLanguage = 'en' | 'zh-CN';
type Spec = Record<string, unknown>;

const TEXT = {
  en: {
    backtest: (tag: string, days: number) => `Does “${tag}” predict? Repurchase within ${days} days of the cutoff`,
    segment: 'Segment',
    rate: 'Repurchase rate',
    lift: 'Lift vs whole base',
    base: 'Whole base',
    cutoff: 'Cutoff',
    customers: 'Customers',
    interval: '95% interval',
    revenue: 'Revenue per customer',
    migration: (tag: string) => `Where each “${tag}” segment went`,
    from: 'Segment then',
    to: 'Segment now',
    rowShare: 'Share of the row',
    replenishment: 'Replenishment cycle: days between purchases (median, quartiles)',
    item: 'Item',
    days: 'Days',
    pairs: 'Repeat pairs',
    few: 'Few pairs',
    crossSell: 'Products bought together (orders with both)',
    pair: 'Pair',
    orders: 'Orders with both',
    support: 'Support',
    confidenceAB: 'Confidence A→B',
    confidenceBA: 'Confidence B→A',
    path: 'Shopping paths: bought A, later B',
    pathLabel: 'Path',
    share: 'Share of A buyers',
    medianDays: 'Median days A → B',
  },
  'zh-CN': {
    backtest: (tag: string, days: number) => `“${tag}”能预测复购吗？截止日后 ${days} 天内的复购率`,
    segment: '分群',
    rate: '复购率',
    lift: '相对全体的提升度',
    base: '全体客户',
    cutoff: '截止日期',
    customers: '客户数',
    interval: '95% 区间',
    revenue: '人均收入',
    migration: (tag: string) => `“${tag}”各分群的去向`,
    from: '当时分群',
    to: '现在分群',
    rowShare: '行占比',
    replenishment: '补货周期：两次购买间隔天数（中位数、四分位）',
    item: '商品',
    days: '天数',
    pairs: '复购对数',
    few: '对数过少',
    crossSell: '一起购买的商品（同时包含两者的订单）',
    pair: '商品对',
    orders: '同时购买的订单数',
    support: '支持度',
    confidenceAB: '置信度 A→B',
    confidenceBA: '置信度 B→A',
    path: '购物路径：先买 A，后买 B',
    pathLabel: '路径',
    share: '占 A 买家比例',
    medianDays: 'A → B 天数中位数',
  },
};

const CONFIG = {
  font: CHART_FONT,
  view: { stroke: null },
  axis: { labelFontSize: 11, titleFontSize: 12, labelLimit: 220 },
  legend: { labelLimit: 200 },
  title: { anchor: 'start', fontSize: 14 },
};

function frame(title: string, body: Spec): Spec {
  // A concatenation sizes its parts (each `width: 'container'`), not itself.
  const size = 'vconcat' in body ? {} : { width: 'container', autosize: { type: 'fit-x', contains: 'padding' } };
  return { $schema: VEGA_LITE_SCHEMA, title, ...size, ...body, config: CONFIG };
}

function dayText(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

/** Rate per segment with its Wilson interval, and lift; a second cutoff side by side. */
export function backtestChartSpec(result: BacktestResult, language: AnalysisLanguage, compare?: BacktestResult): Spec {
  const t = TEXT[language];
  const runs = compare ? [result, compare] : [result];
  const values = runs.flatMap((run) =>
    run.segments.map((s, i) => ({ segment: s.label, order: i, cutoff: dayText(run.cutoff), rate: s.rate, low: s.rateLow, high: s.rateHigh, lift: s.lift, customers: s.customers, base: run.rate })),
  );
  const order = [...new Set(runs.flatMap((run) => run.segments.map((s) => s.label)))];
  const x = { field: 'segment', type: 'nominal', sort: order, title: t.segment, axis: { labelAngle: 0 } };
  const offset = compare ? { xOffset: { field: 'cutoff', type: 'nominal' }, color: { field: 'cutoff', type: 'nominal', title: t.cutoff } } : {};
  const tooltip = [
    { field: 'segment', type: 'nominal', title: t.segment },
    { field: 'cutoff', type: 'nominal', title: t.cutoff },
    { field: 'customers', type: 'quantitative', title: t.customers, format: ',d' },
    { field: 'rate', type: 'quantitative', title: t.rate, format: '.1%' },
    { field: 'low', type: 'quantitative', title: `${t.interval} −`, format: '.1%' },
    { field: 'high', type: 'quantitative', title: `${t.interval} +`, format: '.1%' },
    { field: 'lift', type: 'quantitative', title: t.lift, format: '.2f' },
  ];
  return frame(t.backtest(result.tag, result.windowDays), {
    data: { values },
    vconcat: [
      {
        height: 220,
        width: 'container',
        layer: [
          { mark: { type: 'bar', color: '#4c78a8', opacity: 0.85 }, encoding: { x, y: { field: 'rate', type: 'quantitative', title: t.rate, axis: { format: '.0%' } }, ...offset, tooltip } },
          { mark: { type: 'rule', color: '#222', strokeWidth: 1.5 }, encoding: { x, ...(compare ? { xOffset: offset.xOffset } : {}), y: { field: 'low', type: 'quantitative' }, y2: { field: 'high' }, tooltip } },
          { mark: { type: 'rule', strokeDash: [4, 3], color: '#d62728' }, encoding: { y: { aggregate: 'mean', field: 'base', type: 'quantitative' } } },
        ],
      },
      {
        height: 120,
        width: 'container',
        layer: [
          { mark: { type: 'bar', color: '#f58518' }, encoding: { x, y: { field: 'lift', type: 'quantitative', title: t.lift }, ...(compare ? offset : {}), tooltip } },
          { mark: { type: 'rule', strokeDash: [4, 3], color: '#222' }, encoding: { y: { datum: 1 } } },
        ],
      },
    ],
  });
}

/** Where each segment went: one bar per earlier segment, stacked by the later one (row %). */
export function migrationChartSpec(result: MigrationResult, language: AnalysisLanguage): Spec {
  const t = TEXT[language];
  const values = result.cells.map((c) => ({ from: c.from, to: c.to, fromOrder: result.fromLabels.indexOf(c.from), toOrder: result.toLabels.indexOf(c.to), customers: c.customers, share: c.rowShare }));
  return frame(t.migration(result.tag), {
    data: { values },
    height: Math.max(120, 28 * result.fromLabels.length),
    mark: { type: 'bar' },
    encoding: {
      y: { field: 'from', type: 'nominal', sort: result.fromLabels, title: `${t.from} (${dayText(result.from)})` },
      x: { field: 'share', type: 'quantitative', stack: 'normalize', title: t.rowShare, axis: { format: '.0%' } },
      color: { field: 'to', type: 'nominal', sort: result.toLabels, title: `${t.to} (${dayText(result.to)})`, scale: { scheme: 'tableau10' } },
      order: { field: 'toOrder', type: 'quantitative' },
      tooltip: [
        { field: 'from', type: 'nominal', title: t.from },
        { field: 'to', type: 'nominal', title: t.to },
        { field: 'customers', type: 'quantitative', title: t.customers, format: ',d' },
        { field: 'share', type: 'quantitative', title: t.rowShare, format: '.1%' },
      ],
    },
  });
}

/** Median and quartiles of the cycle per item (top by repeat pairs); thin figures greyed. */
export function replenishmentChartSpec(rows: readonly ReplenishmentRow[], language: AnalysisLanguage, top = 20): Spec {
  const t = TEXT[language];
  const values = rows
    .filter((r) => r.pairs > 0)
    .slice(0, top)
    .map((r, i) => ({ item: r.item, order: i, q1: r.q1, median: r.median, q3: r.q3, pairs: r.pairs, few: r.fewPairs ? t.few : '' }));
  const y = { field: 'item', type: 'nominal', sort: { field: 'order' }, title: t.item };
  const tooltip = [
    { field: 'item', type: 'nominal', title: t.item },
    { field: 'median', type: 'quantitative', title: t.days, format: ',.1f' },
    { field: 'q1', type: 'quantitative', title: 'Q1', format: ',.1f' },
    { field: 'q3', type: 'quantitative', title: 'Q3', format: ',.1f' },
    { field: 'pairs', type: 'quantitative', title: t.pairs, format: ',d' },
    { field: 'few', type: 'nominal', title: ' ' },
  ];
  const colour = { condition: { test: "datum.few !== ''", value: '#b0b0b0' }, value: '#4c78a8' };
  return frame(t.replenishment, {
    data: { values },
    height: Math.max(120, 22 * values.length),
    layer: [
      { mark: { type: 'bar', height: 10, opacity: 0.5 }, encoding: { y, x: { field: 'q1', type: 'quantitative', title: t.days }, x2: { field: 'q3' }, color: colour, tooltip } },
      { mark: { type: 'tick', thickness: 3, size: 16 }, encoding: { y, x: { field: 'median', type: 'quantitative' }, color: colour, tooltip } },
    ],
  });
}

/** Top pairs by orders with both, coloured by lift. */
export function crossSellChartSpec(rows: readonly CrossSellRow[], language: AnalysisLanguage, top = 20): Spec {
  const t = TEXT[language];
  const values = rows.slice(0, top).map((r, i) => ({ pair: `${r.a} + ${r.b}`, order: i, orders: r.orders, support: r.support, ab: r.confidenceAB, ba: r.confidenceBA, lift: r.lift }));
  return frame(t.crossSell, {
    data: { values },
    height: Math.max(120, 22 * values.length),
    mark: { type: 'bar' },
    encoding: {
      y: { field: 'pair', type: 'nominal', sort: { field: 'order' }, title: t.pair },
      x: { field: 'orders', type: 'quantitative', title: t.orders },
      color: { field: 'lift', type: 'quantitative', title: 'Lift', scale: { scheme: 'blues' } },
      tooltip: [
        { field: 'pair', type: 'nominal', title: t.pair },
        { field: 'orders', type: 'quantitative', title: t.orders, format: ',d' },
        { field: 'support', type: 'quantitative', title: t.support, format: '.2%' },
        { field: 'ab', type: 'quantitative', title: t.confidenceAB, format: '.1%' },
        { field: 'ba', type: 'quantitative', title: t.confidenceBA, format: '.1%' },
        { field: 'lift', type: 'quantitative', title: 'Lift', format: '.2f' },
      ],
    },
  });
}

/** Top paths A → B by customers, coloured by the share of A's buyers. */
export function shoppingPathChartSpec(rows: readonly ShoppingPathRow[], language: AnalysisLanguage, top = 20): Spec {
  const t = TEXT[language];
  const values = rows.slice(0, top).map((r, i) => ({ path: `${r.a} → ${r.b}`, order: i, customers: r.customers, share: r.shareOfA, days: r.medianDays }));
  return frame(t.path, {
    data: { values },
    height: Math.max(120, 22 * values.length),
    mark: { type: 'bar' },
    encoding: {
      y: { field: 'path', type: 'nominal', sort: { field: 'order' }, title: t.pathLabel },
      x: { field: 'customers', type: 'quantitative', title: t.customers },
      color: { field: 'share', type: 'quantitative', title: t.share, scale: { scheme: 'greens' }, legend: { format: '.0%' } },
      tooltip: [
        { field: 'path', type: 'nominal', title: t.pathLabel },
        { field: 'customers', type: 'quantitative', title: t.customers, format: ',d' },
        { field: 'share', type: 'quantitative', title: t.share, format: '.1%' },
        { field: 'days', type: 'quantitative', title: t.medianDays, format: ',.1f' },
      ],
    },
  });
}
