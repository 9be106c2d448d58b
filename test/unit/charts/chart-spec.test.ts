import { changeset, type View } from 'vega';
import { describe, expect, it } from 'vitest';
import { buildChartSpec, CHART_FONT, CHART_VIEWS, computeChartData, SCATTER_SAMPLE, type ChartData, type ChartDefinition, type ChartInput, type ChartSpecOptions } from '../../../src/engine/charts/index.ts';
import type { Column } from '../../../src/engine/dataset/types.ts';
import type { TagDefinition } from '../../../src/engine/tags/index.ts';
import { chartInput, compileQuietly, runView, seg, type Value } from './chart-harness.ts';

type Json = Record<string, unknown>;
type Language = ChartSpecOptions['language'];

const n = 60;
const wave = (i: number, k: number) => ((i * k) % 97) / 97;
const revenue: Value[] = Array.from({ length: n }, (_, i) => (i % 11 === 0 ? null : Math.round(wave(i, 31) ** 3 * 40_000 * 100) / 100));
const recency: Value[] = Array.from({ length: n }, (_, i) => (i === 5 ? null : Math.round(wave(i, 17) * 400)));
const orders: Value[] = Array.from({ length: n }, (_, i) => 1 + Math.floor(wave(i, 13) * 8));
const firstOrder: Column = { name: 'first_order_at', type: 'date', values: Float64Array.from({ length: n }, (_, i) => (i % 9 === 0 ? NaN : 19_700 + Math.floor(wave(i, 23) * 150))) };
const lastOrder: Column = { name: 'last_order_at', type: 'datetime', values: Float64Array.from(firstOrder.values, (d, i) => (d + (i % 40)) * 86_400_000 + 3_600_000) };
const tags: TagDefinition[] = [
  {
    kind: 'cut',
    name: 'lifecycle',
    metric: 'recency_days',
    thresholds: [30, 90, 180],
    segments: [{ label: 'active', labelZh: '活跃', colour: '#1f77b4' }, { label: 'cooling', labelZh: '降温' }, { label: 'silent' }, { label: 'churned', labelZh: '流失' }],
  },
  { kind: 'rfm', name: 'rfm', recency: 'recency_days', frequency: 'orders', monetary: 'revenue', rules: [{ segment: { label: 'champions', labelZh: '冠军' }, r: [4, 5], f: [4, 5], m: [4, 5] }] },
  { kind: 'quantile', name: 'value', metric: 'revenue', bins: 4 },
];
const input = chartInput({ recency_days: recency, revenue, orders }, tags, [firstOrder, lastOrder]);

const DEFINITIONS: ChartDefinition[] = [
  { view: 'segments', tag: 'lifecycle' },
  { view: 'segments', tag: 'lifecycle', measure: 'revenue' },
  { view: 'share', tag: 'lifecycle' },
  { view: 'distribution', tag: 'lifecycle' },
  { view: 'distribution', tag: 'lifecycle', metric: 'revenue', log: true, bins: 20 },
  { view: 'distribution', tag: 'value', metric: 'revenue' },
  { view: 'pareto', tag: 'lifecycle' },
  { view: 'rf-heatmap', tag: 'rfm' },
  { view: 'rf-heatmap', tag: 'rfm', measure: 'monetary' },
  { view: 'crosstab', tag: 'lifecycle', tag2: 'rfm' },
  { view: 'crosstab', tag: 'lifecycle', tag2: 'value', percent: true },
  { view: 'over-time', tag: 'lifecycle' },
  { view: 'over-time', tag: 'lifecycle', period: 'week', basis: 'last' },
  { view: 'scatter', tag: 'lifecycle', metric: 'recency_days', metric2: 'revenue' },
  { view: 'scatter', tag: 'value', metric: 'revenue', metric2: 'orders', log: true, title: 'My scatter' },
];

/** Every encoding object of a unit or layered spec. */
function encodings(spec: Json): Json[] {
  const out: Json[] = [];
  if (spec.encoding) out.push(spec.encoding as Json);
  for (const layer of (spec.layer as Json[] | undefined) ?? []) out.push(...encodings(layer));
  return out;
}

function markItems(view: View): number {
  let count = 0;
  const walk = (node: { marktype?: string; items?: unknown[] }): void => {
    for (const item of node.items ?? []) {
      const child = item as { marktype?: string; items?: unknown[] };
      if (node.marktype && node.marktype !== 'group' && node.marktype !== 'text') count++;
      walk(child);
    }
  };
  walk((view.scenegraph() as unknown as { root: never }).root);
  return count;
}

describe.each(['en', 'zh-CN'] as Language[])('specs in %s', (language) => {
  for (const definition of DEFINITIONS) {
    const name = `${definition.view} ${JSON.stringify(definition).slice(0, 80)}`;
    it(`compiles, parses with ast: true and renders marks from named data: ${name}`, async () => {
      const data = computeChartData(definition, input);
      const spec = buildChartSpec(definition, data, { language, width: 600 });
      expect(JSON.parse(JSON.stringify(spec))).toEqual(spec); // plain JSON
      expect(spec.$schema).toBe('https://vega.github.io/schema/vega-lite/v6.json');
      expect((spec.config as Json).font).toBe(CHART_FONT);
      expect(CHART_FONT).toContain('Noto Sans CJK SC');
      expect(spec.width).toBe(600);
      const { spec: compiled, warnings } = compileQuietly(spec);
      expect(warnings).toEqual([]);
      const names = (compiled.data as Json[]).map((d) => d.name);
      for (const dataset of Object.keys(data.datasets)) expect(names).toContain(dataset);
      for (const d of compiled.data as Json[]) if (Object.keys(data.datasets).includes(d.name as string)) expect(d.values).toBeUndefined(); // never inlined
      const view = await runView(compiled, data);
      expect(markItems(view)).toBeGreaterThan(0);
      await expect(view.toSVG()).resolves.toContain('<svg');
      view.finalize();
    });
  }

  it('colours segments with the tag\'s order, labels in the language, and colours', () => {
    for (const definition of DEFINITIONS.filter((d) => ['segments', 'share', 'distribution', 'over-time', 'scatter'].includes(d.view))) {
      const data = computeChartData(definition, input);
      const spec = buildChartSpec(definition, data, { language, width: 500 });
      const colours = encodings(spec)
        .map((e) => e.color as Json | undefined)
        .filter((c): c is Json => c?.field === 'label' || c?.field === 'labelZh');
      expect(colours.length, definition.view).toBeGreaterThan(0);
      for (const colour of colours) {
        expect(colour.field).toBe(language === 'zh-CN' ? 'labelZh' : 'label');
        const expected = data.segments.map((s) => (language === 'zh-CN' ? (s.labelZh ?? s.label) : s.label));
        expect((colour.scale as Json).domain).toEqual(expected);
        expect((colour.scale as Json).range).toEqual(data.segments.map((s) => s.colour));
      }
    }
    const lifecycle = computeChartData({ view: 'segments', tag: 'lifecycle' }, input);
    expect(lifecycle.segments.map((s) => s.label)).toEqual(['active', 'cooling', 'silent', 'churned', 'no segment']);
  });

  it('draws the distribution\'s thresholds as a dashed rule layer from `thresholds`, and a log x scale on request', () => {
    const definition: ChartDefinition = { view: 'distribution', tag: 'lifecycle' };
    const spec = buildChartSpec(definition, computeChartData(definition, input), { language, width: 500 });
    const [bars, rules] = spec.layer as Json[];
    expect(bars.data).toEqual({ name: 'table' });
    expect((bars.mark as Json).type).toBe('bar');
    expect(((bars.encoding as Json).y as Json).stack).toBe('zero');
    expect(rules.data).toEqual({ name: 'thresholds' });
    expect(rules.mark).toMatchObject({ type: 'rule', strokeDash: [6, 4] });
    expect(((rules.encoding as Json).x as Json).field).toBe('value');
    expect((((bars.encoding as Json).x as Json).scale as Json).type).toBeUndefined();
    const log: ChartDefinition = { view: 'distribution', tag: 'lifecycle', metric: 'revenue', log: true };
    const logSpec = buildChartSpec(log, computeChartData(log, input), { language, width: 500 });
    expect(((((logSpec.layer as Json[])[0].encoding as Json).x as Json).scale as Json).type).toBe('log');
    const scatter: ChartDefinition = { view: 'scatter', tag: 'lifecycle', metric: 'revenue', metric2: 'orders', log: true };
    const scatterSpec = buildChartSpec(scatter, computeChartData(scatter, input), { language, width: 500 });
    expect((((scatterSpec.encoding as Json).x as Json).scale as Json).type).toBe('log');
    expect(scatterSpec.mark).toMatchObject({ opacity: 0.5 });
  });

  it('moves a threshold rule through view.change on the named dataset, without a new view', async () => {
    const definition: ChartDefinition = { view: 'distribution', tag: 'lifecycle' };
    const data = computeChartData(definition, input);
    const view = await runView(compileQuietly(buildChartSpec(definition, data, { language, width: 500 })).spec, data);
    const ruleX = (): number[] => {
      const xs: number[] = [];
      const walk = (node: { marktype?: string; role?: string; items?: Json[] }): void => {
        for (const item of node.items ?? []) {
          if (node.marktype === 'rule' && node.role === 'mark') xs.push(item.x as number);
          walk(item as never);
        }
      };
      walk((view.scenegraph() as unknown as { root: never }).root);
      return xs;
    };
    const before = ruleX();
    expect(before).toHaveLength(3);
    await view.change('thresholds', changeset().remove(() => true).insert([{ value: 60, index: 0 }, { value: 90, index: 1 }, { value: 180, index: 2 }])).runAsync();
    const after = ruleX();
    expect(after).toHaveLength(3);
    expect(after[0]).toBeGreaterThan(before[0]);
    expect(after.slice(1)).toEqual(before.slice(1));
    view.finalize();
  });

  it('titles charts by view and tag, or the user\'s title; says when the scatter is sampled', () => {
    const seg1: ChartDefinition = { view: 'segments', tag: 'lifecycle' };
    const title = (d: ChartDefinition, data = computeChartData(d, input)) => buildChartSpec(d, data, { language, width: 500 }).title as Json;
    expect(title(seg1).text).toBe(language === 'zh-CN' ? '分群规模：lifecycle' : 'Segment sizes: lifecycle');
    expect(title({ ...seg1, title: 'Mine' })).toEqual({ text: 'Mine' });
    for (const view of CHART_VIEWS) {
      const definition = DEFINITIONS.find((d) => d.view === view)!;
      expect(String(title(definition).text).length, view).toBeGreaterThan(3);
    }
    const sampled: ChartData = { ...computeChartData({ view: 'scatter', tag: 'lifecycle', metric: 'revenue', metric2: 'orders' }, input), notes: { sampledFrom: 123_456 } };
    sampled.datasets = { table: Array.from({ length: SCATTER_SAMPLE }, () => ({ x: 1, y: 1, order: 0, label: 'active', labelZh: '活跃' })) };
    expect(title({ view: 'scatter', tag: 'lifecycle', metric: 'revenue', metric2: 'orders' }, sampled).subtitle).toBe(language === 'zh-CN' ? '抽样显示 50,000 / 123,456 位客户' : 'Sample of 50,000 of 123,456 customers');
  });
});

describe('number text', () => {
  const money: Value[] = [12_345.678, 300, 250_000_000, -45_000, null];
  const on: ChartInput = chartInput({ revenue: money, orders: [1, 2, 3, 4, 5] }, [{ kind: 'cut', name: 't', metric: 'orders', thresholds: [1, 2, 3, 4], segments: seg('a', 'b', 'c', 'd', 'e') }]);

  /** The rows of the compiled dataset that computes `field`, after the spec's transforms ran under the interpreter. */
  async function computed(definition: ChartDefinition, language: Language, field: string): Promise<Json[]> {
    const data = computeChartData(definition, on);
    const compiled = compileQuietly(buildChartSpec(definition, data, { language, width: 500 })).spec;
    const view = await runView(compiled, data);
    const source = (compiled.data as Json[]).find((d) => JSON.stringify(d.transform ?? []).includes(`"as":"${field}"`));
    expect(source, field).toBeDefined();
    const rows = view.data(source!.name as string) as Json[];
    view.finalize();
    return rows;
  }

  it('formats money with ¥ and 万/亿 in zh-CN and ,.2f in English; counts with 万 in zh-CN', async () => {
    const definition: ChartDefinition = { view: 'segments', tag: 't' };
    const zh = await computed(definition, 'zh-CN', 'revenueText');
    expect(zh.map((r) => r.revenueText)).toEqual(['¥1.23万', '¥300.00', '¥2.50亿', '−¥4.50万', '¥0.00']);
    const en = await computed(definition, 'en', 'revenueText');
    expect(en.map((r) => r.revenueText)).toEqual(['12,345.68', '300.00', '250,000,000.00', '−45,000.00', '0.00']);
    expect(en.map((r) => r.countText)).toEqual(['1', '1', '1', '1', '1']);
    const big = chartInput({ orders: Array.from({ length: 23_456 }, () => 1) }, [{ kind: 'cut', name: 't', metric: 'orders', thresholds: [], segments: seg('all') }]);
    const data = computeChartData(definition, big);
    const compiled = compileQuietly(buildChartSpec(definition, data, { language: 'zh-CN', width: 500 })).spec;
    const view = await runView(compiled, data);
    const source = (compiled.data as Json[]).find((d) => JSON.stringify(d.transform ?? []).includes('"as":"countText"'))!;
    expect((view.data(source.name as string) as Json[])[0].countText).toBe('2.35万');
    view.finalize();
  });
});
