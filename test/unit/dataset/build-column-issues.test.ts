// Invariant: each finding about a column becomes exactly one issue with its count and first
// lines, and nothing is reported for a column read as written.
import { describe, expect, it } from 'vitest';
import { buildColumnIssues, type ColumnFindings } from '../../../src/engine/dataset/build-column-issues.ts';
import { buildNumericColumn } from '../../../src/engine/dataset/build-numeric-column.ts';
import { inferCellKinds } from '../../../src/engine/dataset/infer-cell-kinds.ts';
import { inferColumnType } from '../../../src/engine/dataset/infer-column-type.ts';
import type { ColumnSpec } from '../../../src/engine/dataset/types.ts';

function findings(cells: string[], spec: ColumnSpec | null, header = 'c'): ColumnFindings {
  const inference = inferColumnType(cells, [header]);
  const used = spec ?? inference.spec;
  const scan = used.type === 'text' ? null : inferCellKinds(cells, { decimalSeparator: '.', dateOrder: used.dateOrder ?? 'mdy', dateFormat: used.dateFormat ?? 'auto' }, false);
  return {
    name: 'c',
    spec: used,
    inference,
    numeric: scan && used.type !== 'text' ? { scan, built: buildNumericColumn(scan, used.type, 'UTC') } : null,
    userChoseDateOrder: false,
    timeZone: 'UTC',
    cellAt: (i) => cells[i],
    lineOf: (i) => i + 2,
  };
}

describe('buildColumnIssues(findings)', () => {
  it('reports nothing for a clean column', () => {
    expect(buildColumnIssues(findings(['1', '2'], null))).toEqual([]);
  });

  it('reports ids kept as text before their damage', () => {
    const codes = buildColumnIssues(findings(['17850.0', '1.7E+4'], null, 'CustomerID')).map((i) => i.code);
    expect(codes).toEqual(['id-kept-as-text', 'id-decimal-artifact', 'id-scientific-notation']);
  });

  it('reports bad cells with count, lines and the first value', () => {
    const [bad] = buildColumnIssues(findings(['1', 'x', '3', 'y'], { type: 'integer' }));
    expect(bad).toMatchObject({ code: 'bad-cells', count: 2, lines: [3, 5], column: 'c' });
    expect(bad.message).toContain('“x” on line 3');
  });

  it('reports a guessed day/month order only for date columns', () => {
    expect(buildColumnIssues(findings(['01/02/2019'], null)).map((i) => i.code)).toEqual(['date-order-ambiguous']);
    expect(buildColumnIssues(findings(['01/02/2019'], { type: 'text' }))).toEqual([]);
  });
});
