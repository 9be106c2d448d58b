// Hand-edited specs are checked against Vega-Lite's JSON schema: every spec the app builds passes
// (the chart golden files, one per view and language, and the series views), and a broken one is
// refused saying where.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildChartSpec, seriesChartData, type ChartDefinition } from '../../../src/engine/charts/index.ts';
import { vegaLiteSchemaProblem } from '../../../src/ui/notebook/charts/vega-lite-schema-check.ts';

const GOLDEN = join(import.meta.dirname, '../charts/golden');

describe('vegaLiteSchemaProblem(spec)', () => {
  it('accepts every built-in view\'s spec, in both languages (the golden files)', () => {
    const files = readdirSync(GOLDEN).filter((f) => f.endsWith('.json'));
    expect(files.length).toBeGreaterThanOrEqual(18);
    for (const file of files) expect(vegaLiteSchemaProblem(JSON.parse(readFileSync(join(GOLDEN, file), 'utf8'))), file).toBeNull();
  });

  it.each(['en', 'zh-CN'] as const)('accepts the series views\' specs (%s)', (language) => {
    for (const [x, type, mark] of [['week', 'text', 'line'], ['week', 'text', 'bar'], ['n', 'integer', 'line'], ['label', 'text', 'bar']] as const) {
      const definition: ChartDefinition = { view: 'series', tag: '', x, y: ['m'], mark };
      const columns = [{ name: x, type }, { name: 'm', type: 'decimal' }];
      const rows = x === 'week' ? [['2024-01-01', 3], ['2024-01-08', 5]] : x === 'n' ? [[1, 3], [2, 5]] : [['a', 3], ['b', 5]];
      const data = seriesChartData(definition, { columns, rows, totalRows: 2 });
      expect(vegaLiteSchemaProblem(buildChartSpec(definition, data, { language, width: 500 })), `${x} ${mark}`).toBeNull();
    }
  });

  it('refuses a misspelt value, a property Vega-Lite does not have, and a wrong type, saying where', () => {
    const base = { data: { name: 'table' }, mark: 'bar', encoding: { x: { field: 'a', type: 'nominal' } } };
    expect(vegaLiteSchemaProblem(base)).toBeNull();
    expect(vegaLiteSchemaProblem({ ...base, encoding: { x: { field: 'a', type: 'nominall' } } })).toMatch(/^encoding\.x\.type: .*"nominal"/);
    expect(vegaLiteSchemaProblem({ ...base, colour: 'red' })).toBe('colour: not a property Vega-Lite allows here');
    expect(vegaLiteSchemaProblem({ ...base, width: 'wide' })).toMatch(/^width: /);
    expect(vegaLiteSchemaProblem({ ...base, encoding: { tooltip: [{ field: 'a', scale: { type: 'utc' } }] } })).toBe('encoding.tooltip.0.scale: not a property Vega-Lite allows here');
  });
});
