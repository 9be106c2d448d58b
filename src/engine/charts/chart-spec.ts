/**
 * Vega-Lite v6 specs for the built-in chart views, as plain JSON. The data are never inlined:
 * every layer reads a named data source (`{name: 'table'}`, `thresholds`, `curve`, `deciles`; see
 * chart-data.ts), so the page updates a chart with `view.change(name, …)` and never re-embeds it.
 *
 * Languages: rows carry both `label` and `labelZh` (crosstab: `row`/`rowZh`, `col`/`colZh`); the
 * spec encodes `label` in English and `labelZh` in zh-CN, and the colour scale's domain is the
 * segments' labels in that language, in order, its range their colours. Numbers shown as text
 * (tooltips, cell labels) are built by `calculate` transforms with standard Vega expression
 * functions only (`format`, `abs`), which the CSP-safe interpreter (`ast: true`) runs: money is
 * `,.2f` in English and `¥` with 万 (10⁴) / 亿 (10⁸) in zh-CN, large counts 万/亿 in zh-CN.
 * Fields these transforms add: `countText`, `revenueText`, `valueText`, `monetaryText`,
 * `rangeText`, `xText`, `yText`, and `stackOrder` (the segment order with `no segment` last).
 */
import { SERIES_ROW_LIMIT, type ChartData, type ChartDefinition, type ChartSegment, type ChartSpecOptions } from './types.ts';

type Spec = Record<string, unknown>;
type Language = ChartSpecOptions['language'];

export const VEGA_LITE_SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

/** The font stack of every chart: Latin first, then CJK fonts common on each platform. */
export const CHART_FONT = '"Noto Sans", "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", sans-serif';

const LABELS = {
  en: {
    segment: 'Segment',
    customers: 'Customers',
    revenue: 'Revenue',
    customerShare: 'Share of customers',
    revenueShare: 'Share of revenue',
    share: 'Share',
    measure: 'Measure',
    range: 'Range',
    threshold: 'Threshold',
    rScore: 'R score (recency)',
    fScore: 'F score (frequency)',
    averageMonetary: 'Average monetary',
    rowPercent: 'Row %',
    month: 'Month',
    week: 'Week (from Monday)',
    period: 'Period',
    decile: 'Decile',
    paretoX: 'Share of customers (best first)',
    paretoY: 'Share of value (line: cumulative; bars: per decile)',
    cumulativeShare: 'Cumulative share',
    value: 'Value',
    column: 'Column',
  },
  'zh-CN': {
    segment: '分群',
    customers: '客户数',
    revenue: '收入',
    customerShare: '客户占比',
    revenueShare: '收入占比',
    share: '占比',
    measure: '指标',
    range: '区间',
    threshold: '阈值',
    rScore: 'R 分（最近购买）',
    fScore: 'F 分（购买频次）',
    averageMonetary: '平均消费金额',
    rowPercent: '行占比',
    month: '月份',
    week: '周（周一起）',
    period: '时段',
    decile: '十分位',
    paretoX: '客户占比（由高到低）',
    paretoY: '价值占比（折线：累计；柱：各十分位）',
    cumulativeShare: '累计占比',
    value: '数值',
    column: '列',
  },
} as const satisfies Record<Language, Record<string, string>>;

type Labels = (typeof LABELS)[Language];

/** Metrics shown as money (¥ in zh-CN): by name. */
const MONEY = /revenue|monetary|spend|amount|aov|sales|gmv|收入|金额|消费/i;

export function isMoneyMetric(name: string | undefined): boolean {
  return name !== undefined && MONEY.test(name);
}

/** Builds the Vega-Lite spec of a built-in view (a hand-edited `definition.spec` is the UI's). */
export function buildChartSpec(definition: ChartDefinition, data: ChartData, options: ChartSpecOptions): Record<string, unknown> {
  const language: Language = options.language === 'zh-CN' ? 'zh-CN' : 'en';
  const t = LABELS[language];
  const ctx: Context = { definition, data, language, t, labelField: language === 'zh-CN' ? 'labelZh' : 'label' };
  const body = VIEWS[data.view](ctx);
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: chartTitle(ctx),
    width: Math.max(120, Math.round(options.width || 600)),
    autosize: { type: 'fit-x', contains: 'padding' },
    ...body,
    config: {
      font: CHART_FONT,
      view: { stroke: null },
      axis: { labelFontSize: 11, titleFontSize: 12, labelLimit: 180 },
      legend: { labelLimit: 200 },
      title: { anchor: 'start', fontSize: 14, subtitleColor: '#555555' },
    },
  };
}

interface Context {
  definition: ChartDefinition;
  data: ChartData;
  language: Language;
  t: Labels;
  labelField: 'label' | 'labelZh';
}

// ---- number text (standard expression functions only) ----

/** `datum.x` as is; anything else in parentheses. */
function wrap(value: string): string {
  return /^[\w.]+$/.test(value) ? value : `(${value})`;
}

/** An expression giving money as text: `,.2f` (en); `¥` with 万/亿 (zh-CN); `trim` drops trailing zeros (axes). */
export function moneyExpression(value: string, language: Language, trim = false): string {
  const v = wrap(value);
  const f = trim ? ',.2~f' : ',.2f';
  if (language === 'en') return `format(${v}, '${f}')`;
  const sign = `(${v} < 0 ? '−' : '') + '¥'`; // U+2212, as d3-format writes minus
  return `(${sign} + (abs(${v}) >= 1e8 ? format(abs(${v}) / 1e8, '${f}') + '亿' : abs(${v}) >= 1e4 ? format(abs(${v}) / 1e4, '${f}') + '万' : format(abs(${v}), '${f}')))`;
}

/** An expression giving a count as text: `,d` (en); 万/亿 from 10⁴ (zh-CN). */
export function countExpression(value: string, language: Language): string {
  const v = wrap(value);
  if (language === 'en') return `format(${v}, ',d')`;
  return `(abs(${v}) >= 1e8 ? format(${v} / 1e8, ',.2~f') + '亿' : abs(${v}) >= 1e4 ? format(${v} / 1e4, ',.2~f') + '万' : format(${v}, ',d'))`;
}

/** A plain number as text (metric values that are not money). */
function numberExpression(value: string, language: Language): string {
  const v = wrap(value);
  if (language === 'en') return `format(${v}, ',.6~r')`;
  return `(abs(${v}) >= 1e8 ? format(${v} / 1e8, ',.2~f') + '亿' : abs(${v}) >= 1e4 ? format(${v} / 1e4, ',.2~f') + '万' : format(${v}, ',.6~r'))`;
}

function valueExpression(value: string, metric: string | undefined, language: Language): string {
  return isMoneyMetric(metric) ? moneyExpression(value, language) : numberExpression(value, language);
}

/** Axis labels of a count axis (whole numbers; 万/亿 in zh-CN). */
function countAxis(language: Language): Spec {
  return language === 'en' ? { format: ',d', tickMinStep: 1 } : { labelExpr: countExpression('datum.value', language), tickMinStep: 1 };
}

function metricAxis(metric: string | undefined, language: Language): Spec {
  if (isMoneyMetric(metric)) return language === 'en' ? { format: ',.2~f' } : { labelExpr: moneyExpression('datum.value', language, true) };
  return language === 'en' ? {} : { labelExpr: numberExpression('datum.value', language) };
}

const percentAxis: Spec = { format: '.0%', tickCount: 10 };

// ---- segments: colour, order ----

function displayOf(s: ChartSegment, language: Language): string {
  return language === 'zh-CN' ? (s.labelZh ?? s.label) : s.label;
}

/** Domain (labels in order, first of duplicates) and range (colours) of the segment colour scale. */
export function segmentScale(segments: readonly ChartSegment[], language: Language): { domain: string[]; range: string[] } {
  const domain: string[] = [];
  const range: string[] = [];
  for (const s of segments) {
    const label = displayOf(s, language);
    if (domain.includes(label)) continue;
    domain.push(label);
    range.push(s.colour);
  }
  return { domain, range };
}

function colourEncoding(ctx: Context, legend = true): Spec {
  const { domain, range } = segmentScale(ctx.data.segments, ctx.language);
  return { field: ctx.labelField, type: 'nominal', title: ctx.t.segment, scale: { domain, range }, sort: domain, ...(legend ? {} : { legend: null }) };
}

const stackOrderTransform: Spec = { calculate: 'datum.order < 0 ? 1e9 : datum.order', as: 'stackOrder' };
const stackOrder: Spec = { field: 'stackOrder', type: 'quantitative' };

function segmentTooltip(ctx: Context): Spec {
  return { field: ctx.labelField, type: 'nominal', title: ctx.t.segment };
}

// ---- titles ----

function chartTitle(ctx: Context): Spec {
  const { definition, data, language } = ctx;
  const text = definition.title?.trim() || defaultTitle(definition, data, language);
  const firstOf = data.notes.firstRowsOf;
  if (firstOf !== undefined) {
    const rows = SERIES_ROW_LIMIT;
    return { text, subtitle: language === 'zh-CN' ? `只画出前 ${groupDigits(rows)} / ${groupDigits(firstOf)} 行` : `First ${groupDigits(rows)} of ${groupDigits(firstOf)} rows drawn` };
  }
  const sampled = data.notes.sampledFrom;
  if (sampled === undefined) return { text };
  const shown = data.datasets.table?.length ?? 0;
  const subtitle = language === 'zh-CN' ? `抽样显示 ${groupDigits(shown)} / ${groupDigits(sampled)} 位客户` : `Sample of ${groupDigits(shown)} of ${groupDigits(sampled)} customers`;
  return { text, subtitle };
}

/** 1234567 → "1,234,567" (no Intl: the same everywhere). */
function groupDigits(n: number): string {
  return String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

export function defaultTitle(definition: ChartDefinition, data: ChartData, language: Language): string {
  const tag = definition.tag;
  const metric = data.metric ?? definition.metric ?? '';
  const zh = language === 'zh-CN';
  switch (data.view) {
    case 'segments':
      if (definition.measure === 'revenue') return zh ? `各分群收入：${tag}` : `Revenue by segment: ${tag}`;
      return zh ? `分群规模：${tag}` : `Segment sizes: ${tag}`;
    case 'share':
      return zh ? `客户与收入占比：${tag}` : `Share of customers and revenue: ${tag}`;
    case 'distribution':
      return zh ? `${metric} 的分布（按 ${tag} 分群）` : `Distribution of ${metric} by ${tag}`;
    case 'pareto':
      return zh ? `帕累托：${metric} 的累计占比` : `Pareto: cumulative share of ${metric}`;
    case 'rf-heatmap':
      return zh ? `R × F 热力图：${tag}` : `R × F heat map: ${tag}`;
    case 'crosstab':
      return `${tag} × ${definition.tag2 ?? ''}`;
    case 'over-time': {
      const first = (definition.basis ?? 'first') === 'first';
      const week = definition.period === 'week';
      if (zh) return `${tag}：按${first ? '首单' : '末单'}${week ? '周' : '月份'}的客户数`;
      return `${tag} by ${week ? 'week' : 'month'} of ${first ? 'first' : 'last'} order`;
    }
    case 'scatter':
      return zh ? `${definition.metric2 ?? ''} 与 ${metric}：${tag}` : `${definition.metric2 ?? ''} against ${metric}: ${tag}`;
    case 'series': {
      const ys = definition.y ?? [];
      return zh ? `${ys.join('、')}（按 ${definition.x ?? ''}）` : `${ys.join(', ')} by ${definition.x ?? ''}`;
    }
  }
}

// ---- the views ----

const VIEWS: Record<ChartData['view'], (ctx: Context) => Spec> = {
  segments: segmentsSpec,
  share: shareSpec,
  distribution: distributionSpec,
  pareto: paretoSpec,
  'rf-heatmap': rfHeatmapSpec,
  crosstab: crosstabSpec,
  'over-time': overTimeSpec,
  scatter: scatterSpec,
  series: seriesSpec,
};

function segmentsSpec(ctx: Context): Spec {
  const { t, language } = ctx;
  const revenue = ctx.definition.measure === 'revenue';
  const { domain } = segmentScale(ctx.data.segments, language);
  return {
    data: { name: 'table' },
    height: Math.max(60, 28 * domain.length),
    transform: [
      { calculate: countExpression('datum.count', language), as: 'countText' },
      { calculate: moneyExpression('datum.revenue', language), as: 'revenueText' },
    ],
    mark: { type: 'bar', cornerRadiusEnd: 2 },
    encoding: {
      y: { field: ctx.labelField, type: 'nominal', sort: domain, title: t.segment },
      x: revenue ? { field: 'revenue', type: 'quantitative', title: t.revenue, axis: metricAxis('revenue', language) } : { field: 'count', type: 'quantitative', title: t.customers, axis: countAxis(language) },
      color: colourEncoding(ctx, false),
      tooltip: [
        segmentTooltip(ctx),
        { field: 'countText', type: 'nominal', title: t.customers },
        { field: 'customerShare', type: 'quantitative', format: '.1%', title: t.customerShare },
        { field: 'revenueText', type: 'nominal', title: t.revenue },
        { field: 'revenueShare', type: 'quantitative', format: '.1%', title: t.revenueShare },
      ],
    },
  };
}

function shareSpec(ctx: Context): Spec {
  const { t, language } = ctx;
  return {
    data: { name: 'table' },
    height: 100,
    transform: [
      stackOrderTransform,
      { calculate: `datum.measure === 'revenue' ? '${t.revenueShare}' : '${t.customerShare}'`, as: 'measureLabel' },
      { calculate: `datum.measure === 'revenue' ? ${moneyExpression('datum.value', language)} : ${countExpression('datum.value', language)}`, as: 'valueText' },
    ],
    mark: { type: 'bar' },
    encoding: {
      y: { field: 'measureLabel', type: 'nominal', title: null, sort: [t.customerShare, t.revenueShare] },
      x: { field: 'share', type: 'quantitative', stack: 'zero', title: t.share, axis: percentAxis, scale: { domain: [0, 1] } },
      color: colourEncoding(ctx),
      order: stackOrder,
      tooltip: [
        segmentTooltip(ctx),
        { field: 'measureLabel', type: 'nominal', title: t.measure },
        { field: 'valueText', type: 'nominal', title: t.value },
        { field: 'share', type: 'quantitative', format: '.1%', title: t.share },
      ],
    },
  };
}

function distributionSpec(ctx: Context): Spec {
  const { t, language, data } = ctx;
  const log = ctx.definition.log === true;
  const metric = data.metric ?? ctx.definition.metric;
  const scale: Spec = log ? { type: 'log' } : { zero: false };
  return {
    height: 260,
    layer: [
      {
        data: { name: 'table' },
        transform: [
          stackOrderTransform,
          { calculate: countExpression('datum.count', language), as: 'countText' },
          { calculate: `${valueExpression('datum.x0', metric, language)} + ' – ' + ${valueExpression('datum.x1', metric, language)}`, as: 'rangeText' },
        ],
        mark: { type: 'bar', binSpacing: 0 },
        encoding: {
          x: { field: 'x0', type: 'quantitative', bin: { binned: true }, scale, title: metric ?? t.value, axis: metricAxis(metric, language) },
          x2: { field: 'x1' },
          y: { field: 'count', type: 'quantitative', stack: 'zero', title: t.customers, axis: countAxis(language) },
          color: colourEncoding(ctx),
          order: stackOrder,
          tooltip: [segmentTooltip(ctx), { field: 'rangeText', type: 'nominal', title: t.range }, { field: 'countText', type: 'nominal', title: t.customers }],
        },
      },
      {
        data: { name: 'thresholds' },
        transform: [{ calculate: valueExpression('datum.value', metric, language), as: 'valueText' }],
        mark: { type: 'rule', color: '#222222', strokeDash: [6, 4], strokeWidth: 2 },
        encoding: {
          x: { field: 'value', type: 'quantitative' },
          tooltip: [{ field: 'valueText', type: 'nominal', title: t.threshold }],
        },
      },
    ],
  };
}

function paretoSpec(ctx: Context): Spec {
  const { t, language } = ctx;
  const x: Spec = { type: 'quantitative', scale: { domain: [0, 1], nice: false }, axis: percentAxis, title: t.paretoX };
  const y: Spec = { type: 'quantitative', axis: percentAxis, title: t.paretoY };
  return {
    height: 280,
    layer: [
      {
        data: { name: 'deciles' },
        transform: [
          { calculate: '(datum.decile - 1) / 10', as: 'from' },
          { calculate: 'datum.decile / 10', as: 'to' },
          { calculate: countExpression('datum.customers', language), as: 'countText' },
        ],
        mark: { type: 'bar', color: '#a0cbe8', opacity: 0.8, binSpacing: 1 },
        encoding: {
          x: { field: 'from', ...x, bin: { binned: true } },
          x2: { field: 'to' },
          y: { field: 'valueShare', ...y },
          tooltip: [
            { field: 'decile', type: 'ordinal', title: t.decile },
            { field: 'countText', type: 'nominal', title: t.customers },
            { field: 'valueShare', type: 'quantitative', format: '.1%', title: t.share },
          ],
        },
      },
      {
        data: { values: [{ at: 0 }, { at: 1 }] },
        mark: { type: 'line', color: '#999999', strokeDash: [4, 4], strokeWidth: 1 },
        encoding: { x: { field: 'at', ...x }, y: { field: 'at', ...y } },
      },
      {
        data: { name: 'curve' },
        mark: { type: 'line', color: '#4e79a7', strokeWidth: 2 },
        encoding: {
          x: { field: 'customerShare', ...x },
          y: { field: 'valueShare', ...y },
          tooltip: [
            { field: 'customerShare', type: 'quantitative', format: '.1%', title: t.customerShare },
            { field: 'valueShare', type: 'quantitative', format: '.1%', title: t.cumulativeShare },
          ],
        },
      },
    ],
  };
}

function rfHeatmapSpec(ctx: Context): Spec {
  const { t, language } = ctx;
  const monetary = ctx.definition.measure === 'monetary';
  const field = monetary ? 'monetary' : 'count';
  const x: Spec = { field: 'f', type: 'ordinal', title: t.fScore, axis: { labelAngle: 0 } };
  const y: Spec = { field: 'r', type: 'ordinal', title: t.rScore, sort: 'descending' };
  return {
    data: { name: 'table' },
    height: 280,
    transform: [
      { joinaggregate: [{ op: 'max', field, as: 'maxValue' }] },
      { calculate: countExpression('datum.count', language), as: 'countText' },
      { calculate: `datum.monetary == null ? '–' : ${moneyExpression('datum.monetary', language)}`, as: 'monetaryText' },
    ],
    encoding: { x, y },
    layer: [
      {
        mark: { type: 'rect' },
        encoding: {
          color: { field, type: 'quantitative', title: monetary ? t.averageMonetary : t.customers, scale: { scheme: 'blues' }, legend: monetary ? metricAxis('monetary', language) : countAxis(language) },
          tooltip: [
            { field: 'r', type: 'ordinal', title: 'R' },
            { field: 'f', type: 'ordinal', title: 'F' },
            { field: 'countText', type: 'nominal', title: t.customers },
            { field: 'monetaryText', type: 'nominal', title: t.averageMonetary },
          ],
        },
      },
      {
        mark: { type: 'text', fontSize: 11 },
        encoding: {
          text: { field: monetary ? 'monetaryText' : 'countText', type: 'nominal' },
          color: { condition: { test: `datum.${field} != null && datum.${field} > datum.maxValue / 2`, value: '#ffffff' }, value: '#222222' },
        },
      },
    ],
  };
}

function crosstabSpec(ctx: Context): Spec {
  const { t, language } = ctx;
  const percent = ctx.definition.percent === true;
  const zh = language === 'zh-CN';
  return {
    data: { name: 'table' },
    height: Math.max(64, 32 * ctx.data.segments.length),
    transform: [
      { calculate: 'datum.rowOrder < 0 ? 1e9 : datum.rowOrder', as: 'rowSort' },
      { calculate: 'datum.colOrder < 0 ? 1e9 : datum.colOrder', as: 'colSort' },
      { calculate: countExpression('datum.count', language), as: 'countText' },
    ],
    encoding: {
      x: { field: zh ? 'colZh' : 'col', type: 'nominal', sort: { field: 'colSort', op: 'min' }, title: ctx.definition.tag2 ?? null, axis: { labelAngle: -30, labelAlign: 'right' } },
      y: { field: zh ? 'rowZh' : 'row', type: 'nominal', sort: { field: 'rowSort', op: 'min' }, title: ctx.definition.tag },
    },
    layer: [
      {
        mark: { type: 'rect' },
        encoding: {
          color: { field: percent ? 'rowPercent' : 'count', type: 'quantitative', title: percent ? t.rowPercent : t.customers, scale: { scheme: 'blues' }, ...(percent ? { legend: { format: '.0%' } } : {}) },
          tooltip: [
            { field: zh ? 'rowZh' : 'row', type: 'nominal', title: ctx.definition.tag },
            { field: zh ? 'colZh' : 'col', type: 'nominal', title: ctx.definition.tag2 ?? '' },
            { field: 'countText', type: 'nominal', title: t.customers },
            { field: 'rowPercent', type: 'quantitative', format: '.1%', title: t.rowPercent },
          ],
        },
      },
      {
        transform: [{ joinaggregate: [{ op: 'max', field: percent ? 'rowPercent' : 'count', as: 'maxValue' }] }],
        mark: { type: 'text', fontSize: 11 },
        encoding: {
          text: percent ? { field: 'rowPercent', type: 'quantitative', format: '.1%' } : { field: 'countText', type: 'nominal' },
          color: { condition: { test: `datum.${percent ? 'rowPercent' : 'count'} > datum.maxValue / 2`, value: '#ffffff' }, value: '#222222' },
        },
      },
    ],
  };
}

function overTimeSpec(ctx: Context): Spec {
  const { t, language } = ctx;
  const week = ctx.definition.period === 'week';
  const format = week ? '%Y-%m-%d' : '%Y-%m';
  return {
    data: { name: 'table' },
    height: 260,
    transform: [
      stackOrderTransform,
      { calculate: countExpression('datum.count', language), as: 'countText' },
      { stack: 'count', groupby: ['period'], sort: [{ field: 'stackOrder', order: 'ascending' }], as: ['count0', 'count1'] },
    ],
    mark: { type: 'rect', stroke: '#ffffff', strokeWidth: 0.5 },
    encoding: {
      x: { field: 'period', type: 'temporal', timeUnit: 'utcyearmonthdate', title: week ? t.week : t.month, axis: { format, labelAngle: 0 } },
      x2: { field: 'periodEnd', timeUnit: 'utcyearmonthdate' },
      y: { field: 'count0', type: 'quantitative', title: t.customers, axis: countAxis(language) },
      y2: { field: 'count1' },
      color: colourEncoding(ctx),
      tooltip: [
        segmentTooltip(ctx),
        { field: 'period', type: 'temporal', timeUnit: 'utcyearmonthdate', format, title: t.period },
        { field: 'countText', type: 'nominal', title: t.customers },
      ],
    },
  };
}

function scatterSpec(ctx: Context): Spec {
  const { language, definition } = ctx;
  const log = definition.log === true;
  const xName = ctx.data.metric ?? definition.metric;
  const yName = definition.metric2;
  return {
    data: { name: 'table' },
    height: 320,
    transform: [
      { calculate: valueExpression('datum.x', xName, language), as: 'xText' },
      { calculate: valueExpression('datum.y', yName, language), as: 'yText' },
    ],
    mark: { type: 'circle', opacity: 0.5, size: 16 },
    encoding: {
      x: { field: 'x', type: 'quantitative', title: xName ?? 'x', scale: log ? { type: 'log' } : { zero: false }, axis: metricAxis(xName, language) },
      y: { field: 'y', type: 'quantitative', title: yName ?? 'y', scale: { zero: false }, axis: metricAxis(yName, language) },
      color: colourEncoding(ctx),
      tooltip: [segmentTooltip(ctx), { field: 'xText', type: 'nominal', title: xName ?? 'x' }, { field: 'yText', type: 'nominal', title: yName ?? 'y' }],
    },
  };
}

/**
 * A result's columns against x: one line (points on) or one bar colour per y column. Dates are
 * read as UTC days (SQL gives 'YYYY-MM-DD'), text keeps the result's order.
 */
function seriesSpec(ctx: Context): Spec {
  const { t, language, definition, data } = ctx;
  const ys = data.segments.map((s) => s.label);
  const xName = data.metric ?? definition.x ?? 'x';
  const xType = data.xType ?? 'ordinal';
  const yName = ys.length === 1 ? ys[0] : undefined;
  const bar = definition.mark === 'bar';
  // Bars stand on bands: one per x value in the result's order (dates keep their day); a few
  // short labels stay level.
  const xs = new Set(data.datasets.table?.map((r) => String(r.x)) ?? []);
  const level = xs.size <= 12 && [...xs].every((x) => x.length <= 14);
  const bandAxis: Spec = level ? { labelAngle: 0 } : {};
  const xEncoding: Spec =
    xType === 'temporal'
      ? { field: 'x', type: 'temporal', title: xName, axis: { labelAngle: 0 }, scale: { type: 'utc' } }
      : xType === 'quantitative'
        ? { field: 'x', type: 'quantitative', title: xName, scale: { zero: false }, axis: metricAxis(xName, language) }
        : { field: 'x', type: 'ordinal', title: xName, sort: null, axis: bandAxis };
  // The x value as the result has it ('YYYY-MM-DD' for dates): a tooltip has no scale to read it in UTC.
  const xTooltip: Spec = { field: 'x', type: 'nominal', title: xName };
  const barX: Spec =
    xType === 'temporal'
      ? { field: 'x', type: 'ordinal', title: xName, sort: null, timeUnit: 'utcyearmonthdate', axis: { format: '%Y-%m-%d', ...bandAxis } }
      : { field: 'x', type: 'ordinal', title: xName, sort: null, axis: bandAxis };
  return {
    data: { name: 'table' },
    height: 280,
    transform: [{ calculate: valueExpression('datum.value', yName, language), as: 'valueText' }],
    mark: bar ? { type: 'bar' } : { type: 'line', point: { size: 18 }, interpolate: 'linear' },
    encoding: {
      x: bar ? barX : xEncoding,
      y: { field: 'value', type: 'quantitative', title: yName ?? t.value, axis: metricAxis(yName, language) },
      color: { field: ctx.labelField, type: 'nominal', title: t.column, scale: segmentScale(data.segments, language), sort: ys, ...(ys.length === 1 ? { legend: null } : {}) },
      ...(bar && ys.length > 1 ? { xOffset: { field: ctx.labelField, type: 'nominal', sort: ys } } : {}),
      tooltip: [xTooltip, { field: ctx.labelField, type: 'nominal', title: t.column }, { field: 'valueText', type: 'nominal', title: t.value }],
    },
  };
}
