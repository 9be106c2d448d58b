/**
 * Golden specs: one per view and language, built from a fixed table, compared with
 * test/unit/charts/golden/*.json. On a mismatch the new spec is written beside it as *.changed.json
 * to inspect (rename it over the golden file when the change is wanted); a missing golden file is
 * written only outside CI, so CI never regenerates one.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildChartSpec, computeChartData, type ChartDefinition } from '../../../src/engine/charts/index.ts';
import { chartInput } from './chart-harness.ts';

const GOLDEN = join(dirname(fileURLToPath(import.meta.url)), 'golden');

const input = chartInput(
  {
    recency_days: [3, 45, 120, 400, null, 30, 95, 200, 10, 60],
    orders: [5, 2, 1, 1, 3, 4, 2, 1, 6, 2],
    revenue: [900, 120, 40, 15, 300, 560, 80, null, 2400, 150],
  },
  [
    {
      kind: 'cut',
      name: 'lifecycle',
      metric: 'recency_days',
      thresholds: [30, 90, 180],
      segments: [{ label: 'active', labelZh: '活跃' }, { label: 'cooling', labelZh: '降温' }, { label: 'silent', labelZh: '沉默' }, { label: 'churned', labelZh: '流失' }],
    },
    { kind: 'rfm', name: 'rfm', recency: 'recency_days', frequency: 'orders', monetary: 'revenue', bins: 3 },
  ],
  [{ name: 'first_order_at', type: 'date', values: Float64Array.from([19_700, 19_710, 19_740, 19_800, 19_801, NaN, 19_750, 19_720, 19_705, 19_790]) }],
);

const CASES: ChartDefinition[] = [
  { view: 'segments', tag: 'lifecycle' },
  { view: 'share', tag: 'lifecycle' },
  { view: 'distribution', tag: 'lifecycle', bins: 10 },
  { view: 'distribution', tag: 'lifecycle', metric: 'revenue', log: true },
  { view: 'pareto', tag: 'lifecycle' },
  { view: 'rf-heatmap', tag: 'rfm' },
  { view: 'crosstab', tag: 'lifecycle', tag2: 'rfm', percent: true },
  { view: 'over-time', tag: 'lifecycle', period: 'week' },
  { view: 'scatter', tag: 'lifecycle', metric: 'recency_days', metric2: 'revenue' },
];

describe('buildChartSpec(definition, data, options) against golden files', () => {
  for (const language of ['en', 'zh-CN'] as const) {
    CASES.forEach((definition, k) => {
      const file = join(GOLDEN, `${definition.view}-${k}-${language}.json`);
      it(`matches ${definition.view}-${k}-${language}.json`, () => {
        const spec = buildChartSpec(definition, computeChartData(definition, input), { language, width: 640 });
        const text = `${JSON.stringify(spec, null, 2)}\n`;
        if (!existsSync(file)) {
          if (process.env.CI) throw new Error(`missing golden file ${file}`);
          mkdirSync(GOLDEN, { recursive: true });
          writeFileSync(file, text);
        }
        const golden = readFileSync(file, 'utf8');
        if (golden !== text) writeFileSync(file.replace(/\.json$/, '.changed.json'), text);
        expect(JSON.parse(text)).toEqual(JSON.parse(golden));
      });
    });
  }
});
