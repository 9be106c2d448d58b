// The analyses' chart specs: valid against Vega-Lite's JSON schema, compiled without warnings and
// run as the page runs them (CSP-safe interpreter) in both languages; the marks get the result's
// rows; hostile product names and labels stay data.
import { describe, expect, it } from 'vitest';
import { parse, View } from 'vega';
import { expressionInterpreter } from 'vega-interpreter';
import { backtestChartSpec, crossSellChartSpec, migrationChartSpec, replenishmentChartSpec, shoppingPathChartSpec } from '../../../src/engine/analyses/analysis-charts.ts';
import type { BacktestResult, MigrationResult } from '../../../src/engine/analyses/types.ts';
import { vegaLiteSchemaProblem } from '../../../src/ui/notebook/charts/vega-lite-schema-check.ts';
import { compileQuietly } from '../charts/chart-harness.ts';

const EVIL = '<img src=x onerror=alert(1)>"]; alert(1); //';

const backtest: BacktestResult = {
  tag: 'lifecycle',
  cutoff: 19_900,
  windowDays: 90,
  customers: 30,
  repeaters: 12,
  rate: 0.4,
  cutPoints: [30, 90],
  segments: [
    { label: 'active', code: 0, customers: 10, repeaters: 7, rate: 0.7, rateLow: 0.4, rateHigh: 0.89, revenuePerCustomer: 120, lift: 1.75 },
    { label: EVIL, code: 1, customers: 20, repeaters: 5, rate: 0.25, rateLow: 0.11, rateHigh: 0.47, revenuePerCustomer: 20, lift: 0.625 },
  ],
};
const migration: MigrationResult = {
  tag: 'lifecycle',
  from: 19_800,
  to: 19_900,
  fromLabels: ['(not yet a customer)', 'active', EVIL],
  toLabels: ['active', EVIL],
  cells: [
    { from: '(not yet a customer)', to: 'active', fromCode: -2, toCode: 0, customers: 3, rowShare: 1 },
    { from: 'active', to: 'active', fromCode: 0, toCode: 0, customers: 4, rowShare: 0.4 },
    { from: 'active', to: EVIL, fromCode: 0, toCode: 1, customers: 6, rowShare: 0.6 },
    { from: EVIL, to: EVIL, fromCode: 1, toCode: 1, customers: 5, rowShare: 1 },
  ],
  customerIds: [],
  fromCodes: new Int32Array(0),
  toCodes: new Int32Array(0),
  moved: 9,
};

async function run(spec: Record<string, unknown>): Promise<View> {
  expect(vegaLiteSchemaProblem(spec)).toBeNull();
  const { spec: compiled, warnings } = compileQuietly(spec);
  expect(warnings, JSON.stringify(spec).slice(0, 120)).toEqual([]);
  const view = new View(parse(compiled as never, undefined, { ast: true }), { renderer: 'none', expr: expressionInterpreter as never });
  await view.runAsync();
  return view;
}

/** Every row of the spec's inline data, as the view holds them. */
function sourceRows(view: View): Record<string, unknown>[] {
  return view.data('source_0') as Record<string, unknown>[];
}

describe('analysis chart specs', () => {
  for (const language of ['en', 'zh-CN'] as const) {
    it(`compile and run in ${language}, with the result's rows as data`, async () => {
      const specs = [
        backtestChartSpec(backtest, language),
        backtestChartSpec(backtest, language, { ...backtest, cutoff: 19_800 }),
        migrationChartSpec(migration, language),
        replenishmentChartSpec([{ item: EVIL, customers: 5, repeatCustomers: 3, pairs: 4, q1: 7, median: 10, q3: 20, fewPairs: true }], language),
        crossSellChartSpec([{ a: 'milk', b: EVIL, orders: 4, support: 0.1, confidenceAB: 0.5, confidenceBA: 0.8, lift: 2, ordersA: 8, ordersB: 5 }], language),
        shoppingPathChartSpec([{ a: EVIL, b: 'milk', customers: 3, shareOfA: 0.3, medianDays: 12, buyersA: 10 }], language),
      ];
      for (const spec of specs) {
        const view = await run(spec);
        expect(sourceRows(view).length).toBeGreaterThan(0);
        expect(JSON.stringify(spec.title)).toMatch(language === 'en' ? /[A-Za-z]/ : /[\u4e00-\u9fff]/);
        // User text is only ever data, never part of an expression.
        expect(JSON.stringify(spec).split(EVIL.replace(/"/g, '\\"')).length - 1).toBeGreaterThan(0);
        for (const test of JSON.stringify(spec).match(/"(?:test|calculate|labelExpr)":"[^"]*"/g) ?? []) expect(test).not.toContain('alert');
      }
      const rows = sourceRows(await run(backtestChartSpec(backtest, language)));
      expect(rows.map((r) => [r.segment, r.rate, r.low, r.high, r.lift])).toEqual(backtest.segments.map((s) => [s.label, s.rate, s.rateLow, s.rateHigh, s.lift]));
      const cells = sourceRows(await run(migrationChartSpec(migration, language)));
      expect(cells.map((r) => [r.from, r.to, r.customers])).toEqual(migration.cells.map((c) => [c.from, c.to, c.customers]));
    });
  }
});
