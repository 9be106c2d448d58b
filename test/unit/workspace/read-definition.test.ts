// Reading definitions validates everything before any of it is used; every refusal names its path.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  defaultParameters,
  demoNotebook,
  readAnyDefinition,
  readTemplateDefinition,
  readWorkspaceDefinition,
  serializeDefinition,
  toTemplate,
  type WorkspaceDefinition,
  type WorkspaceProblem,
} from '../../../src/engine/index.ts';

const fixture = readFileSync(join(import.meta.dirname, 'fixtures/workspace-v1.json'), 'utf8');
const demo = (language = 'en'): WorkspaceDefinition => ({
  format: 'tagbook-workspace',
  version: 1,
  name: 'Demo shop',
  cells: demoNotebook(language),
  parameters: defaultParameters(),
  timeZone: 'Asia/Shanghai',
});

/** The fixture, changed by `edit` (on a parsed copy), read back: its problems. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a hand edit of the parsed file, which is untyped JSON
function problemsAfter(edit: (raw: Record<string, any>) => void): WorkspaceProblem[] {
  const raw = JSON.parse(fixture);
  edit(raw);
  const read = readWorkspaceDefinition(raw);
  if (!('problems' in read)) throw new Error('expected problems');
  return read.problems;
}

describe('readWorkspaceDefinition', () => {
  it('reads the version 1 fixture (every cell kind, formula roles, parameter thresholds)', () => {
    const read = readWorkspaceDefinition(fixture);
    if ('problems' in read) throw new Error(JSON.stringify(read.problems));
    expect(read.definition.cells.map((c) => c.kind)).toEqual(['note', 'source', 'sql', 'customers', 'tag', 'tag', 'tag', 'tag', 'chart', 'chart']);
    expect(read.definition.parameters.map((p) => p.name)).toEqual(['as_of', 'silent_days', 'order_weight', 'region']);
    expect(serializeDefinition(read.definition)).toBe(fixture);
  });

  it('round-trips and validates the demo notebook with the default parameters, in both languages', () => {
    for (const language of ['en', 'zh-CN']) {
      const workspace = demo(language);
      const text = serializeDefinition(workspace);
      expect(readWorkspaceDefinition(text)).toEqual({ definition: workspace });
      expect(readWorkspaceDefinition(JSON.parse(text))).toEqual({ definition: workspace });
      const template = toTemplate(workspace);
      expect(readTemplateDefinition(serializeDefinition(template))).toEqual({ definition: template });
    }
  });

  it('refuses truncated or damaged JSON, and what is not a definition', () => {
    const cut = readWorkspaceDefinition(fixture.slice(0, fixture.length / 2));
    expect(cut).toEqual({ problems: [{ path: '', message: expect.stringMatching(/^The file is not valid JSON \(it may be cut short or damaged\): /) }] });
    expect(readWorkspaceDefinition('')).toHaveProperty('problems');
    expect(readWorkspaceDefinition('[1, 2]')).toEqual({ problems: [{ path: '', message: 'The file does not hold a Tagbook definition (a JSON object).' }] });
    expect(readWorkspaceDefinition('{"format":"vega-lite"}')).toEqual({
      problems: [{ path: 'format', message: 'This is not a Tagbook file: its format is "vega-lite", not "tagbook-workspace".' }],
    });
    expect(readWorkspaceDefinition(serializeDefinition(toTemplate(demo())))).toEqual({
      problems: [{ path: 'format', message: 'This is a template file ("tagbook-template"), but a "tagbook-workspace" file is needed here.' }],
    });
  });

  it('refuses a newer version naming it, and a malformed version', () => {
    expect(problemsAfter((raw) => (raw.version = 3))).toEqual([
      { path: 'version', message: 'This file was saved by a newer Tagbook (format version 3); this version reads up to 1.' },
    ]);
    expect(problemsAfter((raw) => (raw.version = '1'))).toEqual([{ path: 'version', message: 'The format version must be a whole number from 1, not "1".' }]);
    expect(problemsAfter((raw) => delete raw.version)).toEqual([{ path: 'version', message: 'The file has no format "version".' }]);
  });

  it('refuses unknown fields, naming each with its path', () => {
    expect(
      problemsAfter((raw) => {
        raw.author = 'x';
        raw.cells[4].definition.threshold = [1];
        raw.cells[3].definition.roles.email = 'email';
        raw.parameters[1].slider.big = 1;
      }),
    ).toEqual([
      { path: 'author', message: 'Unknown field "author".' },
      { path: 'cells[3].definition.roles.email', message: 'Unknown field "email".' },
      { path: 'cells[4].definition.threshold', message: 'Unknown field "threshold".' },
      { path: 'parameters[1].slider.big', message: 'Unknown field "big".' },
    ]);
    // JSON.parse makes `__proto__` an own field: refused like any other, never merged into a prototype.
    expect(readWorkspaceDefinition(fixture.replace('"id": "cell-1",', '"id": "cell-1", "__proto__": {"polluted": true},'))).toEqual({
      problems: [{ path: 'cells[0].__proto__', message: 'Unknown field "__proto__".' }],
    });
  });

  it("refuses a cell of unknown kind, a missing field, a wrong type, and a duplicate cell id", () => {
    expect(problemsAfter((raw) => (raw.cells[0].kind = 'html'))).toEqual([
      { path: 'cells[0].kind', message: 'Unknown cell kind "html"; expected one of note, source, sql, customers, tag, chart, analysis.' },
    ]);
    expect(problemsAfter((raw) => delete raw.cells[2].resultName)).toEqual([{ path: 'cells[2].resultName', message: 'The field "resultName" is missing.' }]);
    expect(problemsAfter((raw) => (raw.cells[0].markdown = { html: '<b>' }))).toEqual([{ path: 'cells[0].markdown', message: 'Expected text, found an object.' }]);
    expect(problemsAfter((raw) => (raw.cells[4].definition.kind = 'magic'))).toEqual([
      { path: 'cells[4].definition.kind', message: 'Unknown tag kind "magic"; expected one of cut, quantile, rules, flag, score, rfm, rfm8.' },
    ]);
    expect(problemsAfter((raw) => (raw.cells[8].chart.view = 'pie'))).toEqual([{ path: 'cells[8].chart.view', message: expect.stringMatching(/^Expected one of "segments", /) }]);
    expect(problemsAfter((raw) => (raw.cells[5].id = 'cell-5'))).toEqual([{ path: 'cells[5].id', message: 'Another cell already has the id "cell-5".' }]);
  });

  it('keeps a note with HTML in it as text (notes are sanitised when rendered), but refuses a note that is not text', () => {
    const read = readWorkspaceDefinition(JSON.stringify({ ...JSON.parse(fixture), cells: [{ id: 'n', kind: 'note', collapsed: false, markdown: '<script>alert(1)</script>' }] }));
    expect(read).toHaveProperty('definition.cells.0.markdown', '<script>alert(1)</script>');
    expect(problemsAfter((raw) => (raw.cells[0].markdown = 42))).toEqual([{ path: 'cells[0].markdown', message: 'Expected text, found a number.' }]);
  });

  it('refuses a formula that does not parse, wherever it is', () => {
    expect(
      problemsAfter((raw) => {
        raw.cells[3].definition.roles.amount.formula = 'quantity * ';
        raw.cells[3].definition.refunds.formula = 'LEFT(order_id, 1 = "C"';
        raw.cells[3].customMetrics[0].formula = 'revenue / / orders';
        raw.cells[4].definition.metric = 'recency_days +';
        raw.cells[7].definition.rules[0].when = 'revenue >= ';
      }),
    ).toEqual([
      { path: 'cells[3].customMetrics[0].formula', message: expect.stringMatching(/^The formula does not parse: line 1, col \d+: /) },
      { path: 'cells[3].definition.roles.amount.formula', message: expect.stringMatching(/^The formula does not parse: line 1, col \d+: /) },
      { path: 'cells[3].definition.refunds.formula', message: expect.stringMatching(/^The formula does not parse: /) },
      { path: 'cells[4].definition.metric', message: expect.stringMatching(/^The formula does not parse: /) },
      { path: 'cells[7].definition.rules[0].when', message: expect.stringMatching(/^The formula does not parse: /) },
    ]);
  });

  it('refuses names with SQL in them: tables, results, tags, metrics, parameters', () => {
    const plain = 'A name is letters, digits and underscores only, not starting with a digit.';
    expect(
      problemsAfter((raw) => {
        raw.cells[1].tableName = 'x; DROP TABLE t';
        raw.cells[2].resultName = 'r"; DELETE FROM orders; --';
        raw.cells[3].sources.customers = 'customers--';
        raw.cells[3].customMetrics[0].name = 'a b';
        raw.cells[4].definition.name = "lifecycle'";
        raw.parameters[1].name = '1st';
      }),
    ).toEqual([
      { path: 'cells[1].tableName', message: `${plain} Found "x; DROP TABLE t".` },
      { path: 'cells[2].resultName', message: `${plain} Found "r\\"; DELETE FROM orders; --".` },
      { path: 'cells[3].sources.customers', message: `${plain} Found "customers--".` },
      { path: 'cells[3].customMetrics[0].name', message: `${plain} Found "a b".` },
      { path: 'cells[4].definition.name', message: `${plain} Found "lifecycle'".` },
      { path: 'parameters[1].name', message: `${plain} Found "1st".` },
    ]);
    expect(problemsAfter((raw) => (raw.cells[2].resultName = 'select'))).toEqual([
      { path: 'cells[2].resultName', message: 'That name is a SQL keyword (or starts with sqlite_). Found "select".' },
    ]);
    expect(problemsAfter((raw) => (raw.cells[3].definition.roles.customer = 'id\u0000'))).toEqual([
      { path: 'cells[3].definition.roles.customer', message: 'Not a column name: at most 256 characters, no control characters.' },
    ]);
  });

  it('reads a series chart of a SQL cell\'s result, and refuses one over a table that is not a SQL result', () => {
    const series = { view: 'series', tag: '', x: 'n', y: ['total'], mark: 'bar' };
    const withSeries = (tableName: string) => {
      const raw = JSON.parse(fixture);
      raw.cells.push({ id: 'cell-99', kind: 'chart', collapsed: false, tableName, chart: series });
      const read = readWorkspaceDefinition(raw);
      return 'problems' in read ? read.problems : [];
    };
    const sqlResult = JSON.parse(fixture).cells[2].resultName as string;
    expect(withSeries(sqlResult)).toEqual([]);
    const good = JSON.parse(fixture);
    good.cells.push({ id: 'cell-99', kind: 'chart', collapsed: false, tableName: sqlResult, chart: series });
    expect(readWorkspaceDefinition(good)).toEqual({ definition: good });
    expect(withSeries('customer_table')).toEqual([{ path: 'cells[10].tableName', message: '"customer_table" is not the result of a SQL cell of this notebook.' }]);
    expect(withSeries('nowhere')).toEqual([{ path: 'cells[10].tableName', message: '"nowhere" is not the result of a SQL cell of this notebook.' }]);
    expect(problemsAfter((raw) => raw.cells.push({ id: 'cell-99', kind: 'chart', collapsed: false, tableName: sqlResult, chart: { ...series, mark: 'area' } }))).toEqual([
      { path: 'cells[10].chart.mark', message: expect.stringContaining('"line"') },
    ]);
  });

  it('refuses bad references between cells and to parameters', () => {
    // The charts of the lifecycle tag lose it too, and say so.
    expect(problemsAfter((raw) => (raw.cells[4].tableName = 'customer_tabel'))).toEqual([
      { path: 'cells[4].tableName', message: '"customer_tabel" is neither a customer table of this notebook nor an imported table shown in a source cell.' },
      { path: 'cells[8].chart.tag', message: 'There is no tag "lifecycle" on "customer_table".' },
      { path: 'cells[9].chart.tag', message: 'There is no tag "lifecycle" on "customer_table".' },
    ]);
    expect(problemsAfter((raw) => (raw.cells[8].chart.tag = 'lifecycel'))).toEqual([{ path: 'cells[8].chart.tag', message: 'There is no tag "lifecycel" on "customer_table".' }]);
    expect(problemsAfter((raw) => (raw.cells[5].definition.name = 'LIFECYCLE'))).toEqual([
      { path: 'cells[5].definition.name', message: 'Another tag of "customer_table" is already named "LIFECYCLE".' },
    ]);
    expect(problemsAfter((raw) => (raw.cells[2].resultName = 'Customer_Table'))).toEqual([
      { path: 'cells[3].resultName', message: 'Cell 3 already keeps its result as "customer_table".' },
    ]);
    expect(problemsAfter((raw) => (raw.cells[2].resultName = 'orders'))).toEqual([{ path: 'cells[2].resultName', message: '"orders" is the name of an imported table.' }]);
    expect(problemsAfter((raw) => (raw.cells[4].definition.thresholds[1] = 'region'))).toEqual([
      { path: 'cells[4].definition.thresholds[1]', message: '"region" is not the name of a number parameter.' },
    ]);
    expect(problemsAfter((raw) => (raw.cells[6].definition.reference.monetary = 'nope'))).toEqual([
      { path: 'cells[6].definition.reference.monetary', message: '"nope" is not the name of a number parameter.' },
    ]);
  });

  it('refuses bad parameters', () => {
    expect(problemsAfter((raw) => (raw.parameters = raw.parameters.slice(1)))).toEqual([{ path: 'parameters', message: 'The parameter "as_of" (the analysis date) is missing.' }]);
    expect(problemsAfter((raw) => (raw.parameters[1].value = 'ninety'))).toEqual([{ path: 'parameters[1].value', message: 'The number parameter "silent_days" needs a number.' }]);
    expect(problemsAfter((raw) => (raw.parameters[0].value = 1.5))).toEqual([
      { path: 'parameters[0].value', message: 'The date parameter "as_of" needs a day number (days since 1970-01-01) or null (auto).' },
    ]);
    expect(problemsAfter((raw) => (raw.parameters[1].slider.step = 0))).toEqual([
      { path: 'parameters[1].slider', message: 'A slider belongs to a number parameter and needs min < max and 0 < step ≤ max − min.' },
    ]);
    expect(problemsAfter((raw) => (raw.parameters[3].name = 'Silent_Days'))).toEqual([{ path: 'parameters[3].name', message: 'Another parameter is already named "Silent_Days".' }]);
    expect(problemsAfter((raw) => (raw.timeZone = 'Mars/Olympus'))).toEqual([
      { path: 'timeZone', message: 'Not a time zone: "Mars/Olympus" (expected an IANA name such as "Asia/Shanghai").' },
    ]);
  });

  it('drops the consent to render a hand-edited chart spec unless told to keep it (own autosave)', () => {
    const raw = JSON.parse(fixture);
    raw.cells[8].chart.spec = '{"mark":"bar"}';
    raw.cells[8].specAccepted = true;
    const shared = readWorkspaceDefinition(raw);
    expect(shared).toHaveProperty('definition.cells.8.chart.spec', '{"mark":"bar"}');
    expect(shared).not.toHaveProperty('definition.cells.8.specAccepted');
    expect(readWorkspaceDefinition(raw, { keepSpecConsent: true })).toHaveProperty('definition.cells.8.specAccepted', true);
  });

  it('keeps the view state (results only, grid filters), checks its shape, and leaves it out of templates', () => {
    const view = { resultsOnly: true, gridFilters: [{ table: 'customers', tag: 'lifecycle', segments: [0, -1], idContains: '00' }] };
    const read = readWorkspaceDefinition(serializeDefinition({ ...demo(), view }));
    if ('problems' in read) throw new Error(JSON.stringify(read.problems));
    expect(read.definition.view).toEqual(view);
    expect(toTemplate(read.definition)).not.toHaveProperty('view');
    expect(problemsAfter((raw) => (raw.view = { resultsOnly: 'yes' }))).toEqual([{ path: 'view.resultsOnly', message: expect.stringContaining('true or false') }]);
    expect(problemsAfter((raw) => (raw.view = { gridFilters: [{ table: 'x; DROP TABLE y' }] }))[0].path).toBe('view.gridFilters[0].table');
    expect(problemsAfter((raw) => (raw.view = { zoom: 2 }))[0].path).toBe('view.zoom');
  });

  it('returns a copy: changing the input later does not change the definition', () => {
    const raw = JSON.parse(fixture);
    const read = readWorkspaceDefinition(raw);
    raw.cells[0].markdown = 'changed';
    expect(read).toHaveProperty('definition.cells.0.markdown', JSON.parse(fixture).cells[0].markdown);
  });

  it('reads either format with readAnyDefinition', () => {
    expect(readAnyDefinition(fixture)).toHaveProperty('definition.format', 'tagbook-workspace');
    expect(readAnyDefinition(serializeDefinition(toTemplate(demo())))).toHaveProperty('definition.format', 'tagbook-template');
  });
});
