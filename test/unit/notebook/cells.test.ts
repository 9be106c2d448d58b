import { describe, expect, it } from 'vitest';
import { insertCell, moveCell, newCellId, removeCell, updateCell, withoutSpecConsent, type Cell } from '../../../src/engine/index.ts';

const note = (id: string): Cell => ({ id, kind: 'note', collapsed: false, markdown: id });
const ids = (cells: readonly Cell[]) => cells.map((c) => c.id);

describe('notebook cells', () => {
  const cells = [note('cell-1'), note('cell-2'), note('cell-3')];

  it('gives new cells an id above every id in use, so a deleted id is never reused', () => {
    expect(newCellId([])).toBe('cell-1');
    expect(newCellId(cells)).toBe('cell-4');
    expect(newCellId(removeCell(cells, 'cell-3'))).toBe('cell-3');
    expect(newCellId([note('cell-9'), note('intro')])).toBe('cell-10');
  });

  it('inserts at a clamped index, at the end by default', () => {
    expect(ids(insertCell(cells, note('x')))).toEqual(['cell-1', 'cell-2', 'cell-3', 'x']);
    expect(ids(insertCell(cells, note('x'), 1))).toEqual(['cell-1', 'x', 'cell-2', 'cell-3']);
    expect(ids(insertCell(cells, note('x'), -5))).toEqual(['x', 'cell-1', 'cell-2', 'cell-3']);
  });

  it('moves a cell and stops at either end', () => {
    expect(ids(moveCell(cells, 'cell-1', 1))).toEqual(['cell-2', 'cell-1', 'cell-3']);
    expect(ids(moveCell(cells, 'cell-3', -1))).toEqual(['cell-1', 'cell-3', 'cell-2']);
    expect(ids(moveCell(cells, 'cell-1', -1))).toEqual(['cell-1', 'cell-2', 'cell-3']);
    expect(ids(moveCell(cells, 'cell-2', 10))).toEqual(['cell-1', 'cell-3', 'cell-2']);
    expect(ids(moveCell(cells, 'nope', 1))).toEqual(ids(cells));
  });

  it('never changes its input', () => {
    const before = structuredClone(cells);
    insertCell(cells, note('x'), 0);
    moveCell(cells, 'cell-1', 2);
    removeCell(cells, 'cell-2');
    updateCell<'note'>(cells, 'cell-2', { markdown: 'changed', collapsed: true });
    expect(cells).toEqual(before);
  });

  it('updates only the named cell', () => {
    const next = updateCell<'note'>(cells, 'cell-2', { collapsed: true });
    expect(next.map((c) => c.collapsed)).toEqual([false, true, false]);
    expect(next[0]).toBe(cells[0]);
  });

  it("drops the consent to a chart's hand-edited spec from cells read from a file, leaving the rest as it is", () => {
    const spec = '{"mark": "bar"}';
    const chart: Cell = { id: 'cell-4', kind: 'chart', collapsed: false, tableName: 't', chart: { view: 'segments', tag: 'x', spec }, specAccepted: true };
    const read = withoutSpecConsent([...cells, chart]);
    expect(read[3]).toEqual({ id: 'cell-4', kind: 'chart', collapsed: false, tableName: 't', chart: { view: 'segments', tag: 'x', spec } });
    expect(read.slice(0, 3).every((c, i) => c === cells[i])).toBe(true);
  });
});
