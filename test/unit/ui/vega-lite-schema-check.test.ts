// Hand-edited specs are checked against Vega-Lite's JSON schema: every spec the app builds passes,
// and a broken one is refused saying where.
import { describe, expect, it } from 'vitest';
import { buildChartSpec, computeChartData, seriesChartData, type ChartDefinition } from '../../../src/engine/charts/index.ts';
import { vegaLiteSchemaProblem } from '../../../src/ui/notebook/charts/vega-lite-schema-check.ts';
import { chartInput, seg } from '../charts/chart-harness.ts';

const n = 40;
const input = chartInput(
  {
    revenue: Array.from({ length: n }, (_, i) => (i * 37) % 500),
    recency_days: Array.from({ length: n }, (_, i) => (i * 13) % 400),
    orders: Array.from({ length: n }, (_, i) => 1 + (i % 7)),
  },
  [
    { kind: 'cut', name: 'lifecycle', metric: 'recency_days', thresholds: [30, 90, 180], segments: seg('a', 'b', 'c', 'd') },
    { kind: 'rfm', name: 'rfm', recency: 'recency_days', frequency: 'orders', monetary: 'revenue' },
  ],
  [{ name: 'first_order_at', type: 'date', values: Float64Array.from({ length: n }, (_, i) => 19_700 + i * 5) }],
);

const DEFINITIONS: ChartDefinition[] = [
  { view: 'segments', tag: 'lifecycle' },
  { view: 'segments', tag: 'lifecycle', measure: 'revenue' },
  { view: 'share', tag: 'lifecycle' },
  { view: 'distribution', tag: 'lifecycle' },
  { view: 'distribution', tag: 'lifecycle', metric: 'revenue', log: true },
  { view: 'pareto', tag: 'lifecycle' },
  { view: 'rf-heatmap', tag: 'rfm' },
  { view: 'crosstab', tag: 'lifecycle', tag2: 'rfm', percent: true },
  { view: 'over-time', tag: 'lifecycle', period: 'week' },
  { view: 'scatter', tag: 'lifecycle', metric: 'recency_days', metric2: 'revenue' },
];

describe('vegaLiteSchemaProblem(spec)', () => {
  it.each(['en', 'zh-CN'] as const)('accepts every spec the app builds (%s)', (language) => {
    for (const definition of DEFINITIONS) {
      const spec = buildChartSpec(definition, computeChartData(definition, input), { language, width: 500 });
      expect(vegaLiteSchemaProblem(spec), definition.view).toBeNull();
    }
    for (const mark of ['line', 'bar'] as const) {
      const definition: ChartDefinition = { view: 'series', tag: '', x: 'week', y: ['n'], mark };
      const data = seriesChartData(definition, { columns: [{ name: 'week', type: 'text' }, { name: 'n', type: 'integer' }], rows: [['2024-01-01', 3], ['2024-01-08', 5]], totalRows: 2 });
      expect(vegaLiteSchemaProblem(buildChartSpec(definition, data, { language, width: 500 })), mark).toBeNull();
    }
  });

  it('refuses a misspelt value, a property Vega-Lite does not have, and a wrong type, saying where', () => {
    const base = { data: { name: 'table' }, mark: 'bar', encoding: { x: { field: 'a', type: 'nominal' } } };
    expect(vegaLiteSchemaProblem(base)).toBeNull();
    expect(vegaLiteSchemaProblem({ ...base, encoding: { x: { field: 'a', type: 'nominall' } } })).toMatch(/^encoding\.x\.type: .*"nominal"/);
    expect(vegaLiteSchemaProblem({ ...base, colour: 'red' })).toBe('colour: not a property Vega-Lite allows here');
    expect(vegaLiteSchemaProblem({ ...base, width: 'wide' })).toMatch(/^width: /);
  });
});
