// A `series` chart draws a SQL cell's result as it is: checked against the rows read back in a
// plain loop (one point per row and column with a number), on the sleeping playbook's real output
// over the demo shop, and as specs that compile and draw in both languages.
import { describe, expect, it } from 'vitest';
import { buildChartSpec, seriesChartData, SERIES_ROW_LIMIT, type ChartDefinition, type SeriesInput } from '../../../src/engine/charts/index.ts';
import { SLEEPING_PLAYBOOK } from '../../../src/engine/playbooks/sleeping.ts';
import { demoShop, parametersOf, runSqlCells, sqlContext } from '../playbooks/sql-cells.ts';
import { compileQuietly, runView } from './chart-harness.ts';

const COLUMNS: SeriesInput['columns'] = [
  { name: 'week', type: 'text' },
  { name: 'sleeping', type: 'integer' },
  { name: 'share', type: 'decimal' },
  { name: 'label', type: 'text' },
];

describe('seriesChartData(definition, input)', () => {
  it('gives one point per row and drawn column with a number, as a loop over the result does (sleeping customers on the demo shop)', () => {
    const { db, sources } = demoShop();
    const addition = SLEEPING_PLAYBOOK.build(sqlContext(sources));
    const [weeks] = runSqlCells(db, addition.sql!, parametersOf(addition));
    const definition = addition.sql![0].chart!;
    const columns = [
      { name: 'week_start', type: 'text' },
      { name: 'sleeping_customers', type: 'integer' },
      { name: 'customers_so_far', type: 'integer' },
    ];
    const data = seriesChartData({ ...definition, y: ['sleeping_customers', 'customers_so_far'] }, {
      columns,
      rows: weeks.map((w) => [w.week_start as string, w.sleeping_customers as number, w.customers_so_far as number]),
      totalRows: weeks.length,
    });
    const expected: Record<string, unknown>[] = [];
    for (const w of weeks) {
      expected.push({ x: w.week_start, order: 0, label: 'sleeping_customers', labelZh: 'sleeping_customers', value: w.sleeping_customers });
      expected.push({ x: w.week_start, order: 1, label: 'customers_so_far', labelZh: 'customers_so_far', value: w.customers_so_far });
    }
    expect(data.datasets.table).toEqual(expected);
    expect(data.xType).toBe('temporal');
    expect(data.segments.map((s) => s.label)).toEqual(['sleeping_customers', 'customers_so_far']);
    expect(data.notes).toEqual({});
    expect(Math.max(...weeks.map((w) => w.sleeping_customers as number))).toBeGreaterThan(0);
  });

  it('leaves out rows without x, skips missing values per column, and says when only the first rows were read', () => {
    const rows: SeriesInput['rows'] = [
      ['2024-01-01', 3, 0.5, 'a'],
      [null, 4, 0.1, 'b'],
      ['', 5, 0.2, 'c'],
      ['2024-01-08', null, 0.25, 'd'],
    ];
    const data = seriesChartData({ view: 'series', tag: '', x: 'WEEK', y: ['sleeping', 'share'] }, { columns: COLUMNS, rows, totalRows: 4 });
    expect(data.datasets.table.map((r) => [r.x, r.label, r.value])).toEqual([
      ['2024-01-01', 'sleeping', 3],
      ['2024-01-01', 'share', 0.5],
      ['2024-01-08', 'share', 0.25],
    ]);
    expect(data.notes).toEqual({ leftOut: 2 });
    expect(data.metric).toBe('week');
    const many = Array.from({ length: SERIES_ROW_LIMIT }, (_, i) => [i, i * 2, 0, 'x'] as (string | number | null)[]);
    const cut = seriesChartData({ view: 'series', tag: '', x: 'sleeping', y: ['share'] }, { columns: COLUMNS, rows: many, totalRows: SERIES_ROW_LIMIT + 5 });
    expect(cut.notes.firstRowsOf).toBe(SERIES_ROW_LIMIT + 5);
    expect(cut.xType).toBe('quantitative');
  });

  it('scales text x that is not all dates as ordinal, in the result order', () => {
    const data = seriesChartData({ view: 'series', tag: '', x: 'label', y: ['sleeping'] }, { columns: COLUMNS, rows: [['b', 1, 0, 'z'], ['2024-01-01', 2, 0, 'a']].map((r) => [r[3], r[1]]), totalRows: 2 });
    expect(data.xType).toBe('ordinal');
    expect(data.datasets.table.map((r) => r.x)).toEqual(['z', 'a']);
  });

  it('refuses a missing x, no columns to draw, an unknown column and a text column, naming the field', () => {
    const input: SeriesInput = { columns: COLUMNS, rows: [], totalRows: 0 };
    const attempt = (definition: Partial<ChartDefinition>) => {
      try {
        seriesChartData({ view: 'series', tag: '', ...definition }, input);
        return null;
      } catch (error) {
        return { code: (error as { code: string }).code, field: (error as { field: string }).field, message: (error as Error).message };
      }
    };
    expect(attempt({ y: ['sleeping'] })).toMatchObject({ code: 'missing-field', field: 'x' });
    expect(attempt({ x: 'week', y: [] })).toMatchObject({ code: 'missing-field', field: 'y' });
    expect(attempt({ x: 'weeks', y: ['sleeping'] })).toMatchObject({ code: 'no-such-metric', field: 'x', message: 'The result has no column "weeks".' });
    expect(attempt({ x: 'week', y: ['label'] })).toMatchObject({ code: 'not-numeric', field: 'y', message: 'The column "label" holds text values, not numbers.' });
  });
});

describe.each(['en', 'zh-CN'] as const)('series specs in %s', (language) => {
  const rows: SeriesInput['rows'] = Array.from({ length: 12 }, (_, i) => [`2024-0${1 + Math.floor(i / 4)}-1${i % 4}`, 100 + i * 7, (i % 5) / 10, `g${i % 3}`]);
  const cases: ChartDefinition[] = [
    { view: 'series', tag: '', x: 'week', y: ['sleeping'] },
    { view: 'series', tag: '', x: 'week', y: ['sleeping', 'share'], mark: 'bar' },
    { view: 'series', tag: '', x: 'sleeping', y: ['share'] },
    { view: 'series', tag: '', x: 'label', y: ['sleeping', 'share'], mark: 'bar', title: 'Mine' },
  ];
  for (const definition of cases) {
    it(`compiles without warnings and draws marks: ${JSON.stringify(definition)}`, async () => {
      const order = COLUMNS.map((c) => c.name);
      const picked = [definition.x!, ...definition.y!].map((name) => order.indexOf(name));
      const data = seriesChartData(definition, { columns: COLUMNS, rows: rows.map((r) => picked.map((i) => r[i])), totalRows: rows.length });
      const spec = buildChartSpec(definition, data, { language, width: 500 });
      const { spec: compiled, warnings } = compileQuietly(spec);
      expect(warnings).toEqual([]);
      const view = await runView(compiled, data);
      const svg = await view.toSVG();
      expect(svg).toContain('<svg');
      expect(svg).toContain(definition.title ?? (language === 'zh-CN' ? '（按 ' : ' by '));
      view.finalize();
    });
  }
});
