// "What changed": cells and parameters added, removed, changed or moved, in short sentences.
import { describe, expect, it } from 'vitest';
import { defaultParameters, demoNotebook, diffDefinitions, toTemplate, type Cell, type WorkspaceDefinition } from '../../../src/engine/index.ts';

const before: WorkspaceDefinition = { format: 'tagbook-workspace', version: 1, name: 'Demo', cells: demoNotebook('en'), parameters: defaultParameters() };
const describeAll = (a: WorkspaceDefinition, b: WorkspaceDefinition) => diffDefinitions(a, b).map((c) => c.description);
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- edits reach into any cell kind, as a hand edit of the file would
const edit = (cells: Cell[], id: string, change: (cell: any) => void): Cell[] =>
  cells.map((c) => {
    if (c.id !== id) return c;
    const copy = structuredClone(c);
    change(copy);
    return copy;
  });

describe('diffDefinitions', () => {
  it('finds nothing between a workspace and itself, or its template (collapsed state is not a definition)', () => {
    expect(diffDefinitions(before, structuredClone(before))).toEqual([]);
    expect(diffDefinitions(before, toTemplate(before))).toEqual([]);
    expect(diffDefinitions(before, { ...before, cells: before.cells.map((c) => ({ ...c, collapsed: true })) })).toEqual([]);
  });

  it('says what changed in a tag, a chart, a SQL cell, a note and the customer table', () => {
    const lifecycle = before.cells.find((c) => c.kind === 'tag')!.id;
    let cells = edit(before.cells, lifecycle, (c) => (c.definition.thresholds = [45, 120, 180]));
    cells = edit(cells, 'cell-1', (c) => (c.markdown += '\nMore.'));
    cells = edit(cells, 'cell-3', (c) => (c.sql = 'SELECT 1'));
    cells = edit(cells, 'cell-7', (c) => {
      c.definition.roles.amount = { formula: 'paid_amount - coupon_amount' };
      c.definition.refunds.values.push('returned');
      c.customMetrics[0].formula = 'orders >= 3';
    });
    cells = edit(cells, 'cell-13', (c) => {
      c.chart.bins = 20;
      c.chart.log = true;
    });
    expect(describeAll(before, { ...before, cells })).toEqual([
      'note "Welcome to Tagbook": text changed',
      'SQL orders_by_status: SQL changed',
      'customer table customer_table: roles.amount "paid_amount" → {"formula":"paid_amount - coupon_amount"}; refunds.values refunded/cancelled → refunded/cancelled/returned; customMetrics[0].formula "orders >= 2" → "orders >= 3"',
      'tag lifecycle: thresholds 45/90/180 → 45/120/180',
      'chart distribution of lifecycle: bins 40 → 20; log set to true',
    ]);
  });

  it('lists cells added, removed and moved, and parameters added, removed and changed', () => {
    const cells = before.cells.filter((c) => c.id !== 'cell-4');
    const [moved] = cells.splice(cells.findIndex((c) => c.id === 'cell-12'), 1);
    cells.splice(2, 0, moved);
    cells.push({ id: 'cell-16', kind: 'tag', collapsed: false, tableName: 'customer_table', definition: { kind: 'flag', name: 'vip', when: 'revenue > 5000', whenTrue: { label: 'vip' }, whenFalse: { label: 'no' } } });
    const after: WorkspaceDefinition = {
      ...before,
      name: 'Demo 2',
      cells,
      parameters: [{ ...before.parameters[0], value: 19905 }, { name: 'silent_days', type: 'number', value: 90, slider: { min: 0, max: 365, step: 1 } }],
    };
    expect(diffDefinitions(before, after)).toEqual([
      { subject: 'workspace', change: 'changed', key: 'name', title: 'workspace name', description: 'workspace name: "Demo" → "Demo 2"' },
      { subject: 'cell', change: 'moved', key: 'cell-12', title: 'tag win_back', description: 'tag win_back moved from cell 12 to cell 3' },
      { subject: 'cell', change: 'added', key: 'cell-16', title: 'tag vip', description: 'tag vip added (cell 14)' },
      { subject: 'cell', change: 'removed', key: 'cell-4', title: 'SQL monthly_revenue', description: 'SQL monthly_revenue removed' },
      { subject: 'parameter', change: 'changed', key: 'as_of', title: 'parameter as_of', description: 'parameter as_of: value auto → 2024-07-01' },
      { subject: 'parameter', change: 'added', key: 'silent_days', title: 'parameter silent_days', description: 'parameter silent_days added (number, 90)' },
    ]);
    expect(describeAll(after, before)).toContain('parameter silent_days removed');
  });

  it('names a cell whose kind changed under the same id', () => {
    const cells = edit(before.cells, 'cell-1', (c) => Object.assign(c, { kind: 'source', tableName: 'orders', markdown: undefined }));
    expect(describeAll(before, { ...before, cells })).toEqual(['source orders: replaces note "Welcome to Tagbook"']);
  });
});
