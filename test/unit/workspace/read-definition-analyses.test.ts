// Analysis cells and product metrics (issue #9) in a workspace file: read back exactly, and every
// bad value refused with its path before anything is used.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readWorkspaceDefinition, serializeDefinition, type WorkspaceProblem } from '../../../src/engine/index.ts';

const fixture = readFileSync(join(import.meta.dirname, 'fixtures/workspace-v1.json'), 'utf8');

/** The fixture with an analysis cell over its customer table and product metrics, as parsed JSON. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- hand edits of untyped JSON
function withAnalyses(): Record<string, any> {
  const raw = JSON.parse(fixture);
  const customers = raw.cells[3];
  const tag = raw.cells[4];
  customers.definition.productMetrics = [
    { kind: 'bought', name: 'bought_tea', by: 'product', items: ['tea'] },
    { kind: 'replenishment', name: 'replenish_ratio', by: 'category', items: ['fresh', 'milk'], minPairs: 20 },
  ];
  raw.cells.push(
    { id: 'a1', kind: 'analysis', collapsed: false, tableName: customers.resultName, resultName: 'backtest', analysis: { kind: 'backtest', tag: tag.definition.name, cutoff: 19_700, windowDays: 90, compareCutoff: 19_600 } },
    { id: 'a2', kind: 'analysis', collapsed: false, tableName: customers.resultName, resultName: 'migration', analysis: { kind: 'migration', tag: tag.definition.name, from: 19_500, to: 19_700 } },
    { id: 'a3', kind: 'analysis', collapsed: true, tableName: customers.resultName, resultName: 'replenishment', analysis: { kind: 'replenishment', by: 'product', minPairs: 30 } },
    { id: 'a4', kind: 'analysis', collapsed: false, tableName: customers.resultName, resultName: 'cross_sell', analysis: { kind: 'cross-sell', by: 'product', minOrders: 5, minSupport: 0.001, limit: 100 } },
    { id: 'a5', kind: 'analysis', collapsed: false, tableName: customers.resultName, resultName: 'shopping_path', analysis: { kind: 'shopping-path', by: 'category', minCustomers: 3, limit: 50 } },
  );
  return raw;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- hand edits of untyped JSON
function problemsAfter(edit: (raw: Record<string, any>) => void): WorkspaceProblem[] {
  const raw = withAnalyses();
  edit(raw);
  const read = readWorkspaceDefinition(raw);
  if (!('problems' in read)) throw new Error('expected problems');
  return read.problems;
}

describe('analysis cells and product metrics in a workspace file', () => {
  it('reads every analysis kind and both product metrics back exactly', () => {
    const raw = withAnalyses();
    const read = readWorkspaceDefinition(raw);
    if ('problems' in read) throw new Error(JSON.stringify(read.problems));
    expect(read.definition.cells.slice(-5).map((c) => (c.kind === 'analysis' ? c.analysis.kind : c.kind))).toEqual(['backtest', 'migration', 'replenishment', 'cross-sell', 'shopping-path']);
    expect(readWorkspaceDefinition(serializeDefinition(read.definition))).toEqual(read);
    expect(JSON.parse(serializeDefinition(read.definition))).toEqual(JSON.parse(JSON.stringify(raw)));
  });

  it('refuses unknown kinds, bad values and references, naming each path', () => {
    const problems = problemsAfter((raw) => {
      const n = raw.cells.length;
      raw.cells[n - 5].analysis.windowDays = 0;
      raw.cells[n - 5].analysis.tag = 'no_such_tag';
      raw.cells[n - 4].tableName = 'orders_elsewhere';
      raw.cells[n - 3].analysis.by = 'brand';
      raw.cells[n - 2].analysis.minSupport = 1.5;
      raw.cells[n - 1].analysis = { kind: 'forecast' };
      raw.cells[3].definition.productMetrics[0].items = 'tea';
      raw.cells[3].definition.productMetrics[1].kind = 'churn';
    });
    const paths = problems.map((p) => p.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^cells\[\d+\]\.analysis\.windowDays$/),
        expect.stringMatching(/^cells\[\d+\]\.analysis\.by$/),
        expect.stringMatching(/^cells\[\d+\]\.analysis\.minSupport$/),
        expect.stringMatching(/^cells\[\d+\]\.analysis\.kind$/),
        'cells[3].definition.productMetrics[0].items',
        'cells[3].definition.productMetrics[1].kind',
      ]),
    );
    // References are checked once the shapes are right.
    const references = problemsAfter((raw) => {
      const n = raw.cells.length;
      raw.cells[n - 5].analysis.tag = 'no_such_tag';
      raw.cells[n - 4].tableName = 'orders_elsewhere';
      raw.cells[n - 3].resultName = raw.cells[3].resultName;
    });
    expect(references.map((p) => p.message)).toEqual(
      expect.arrayContaining([expect.stringMatching(/no tag "no_such_tag"/), expect.stringMatching(/"orders_elsewhere" is not a customer table/), expect.stringMatching(/already keeps its result as/)]),
    );
  });
});

describe('a definition object with holes (found by fuzzing)', () => {
  it('reports the hole in a list instead of failing', () => {
    const raw = JSON.parse(fixture);
    const cells = [...raw.cells];
    delete cells[0];
    expect(readWorkspaceDefinition({ ...raw, cells })).toEqual({ problems: [{ path: 'cells[0]', message: 'Expected cell (an object), found nothing.' }] });
  });
});
