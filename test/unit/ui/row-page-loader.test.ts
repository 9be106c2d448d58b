// The loader must fetch page by page, keep only a few pages, skip pages scrolled away before their request
// went out, and ignore answers that arrive after it was disposed (a newer sort or source).
import { describe, expect, it } from 'vitest';
import { RowPageLoader } from '../../../src/ui/grid/row-page-loader.ts';
import { nextSort } from '../../../src/ui/grid/grid-header.ts';
import { measureColumnWidths } from '../../../src/ui/grid/column-widths.ts';
import type { GridPage, GridSort } from '../../../src/worker/api.ts';

/** A fetchPage whose answers are released by hand. */
function manualSource() {
  const calls: { start: number; count: number; sort: GridSort | null; resolve: () => void; reject: () => void }[] = [];
  const fetchPage = (start: number, count: number, sort: GridSort | null) =>
    new Promise<GridPage>((resolve, reject) => {
      calls.push({
        start,
        count,
        sort,
        resolve: () => resolve({ start, totalRows: 1000, rows: Array.from({ length: count }, (_, i) => [start + i]) }),
        reject: () => reject(new Error('boom')),
      });
    });
  return { calls, fetchPage };
}
const tick = () => new Promise((r) => setTimeout(r, 0));

describe('RowPageLoader', () => {
  it('fetches the pages under the wanted rows, two at a time, and serves their rows', async () => {
    const source = manualSource();
    let changes = 0;
    const loader = new RowPageLoader({ fetchPage: source.fetchPage, sort: null, rowCount: 1000, pageSize: 100, onchange: () => changes++ });
    loader.want(150, 420);
    expect(source.calls.map((c) => c.start)).toEqual([100, 200]);
    expect(loader.row(150)).toBeUndefined();
    expect(loader.loading).toBe(true);
    source.calls[0].resolve();
    await tick();
    expect(loader.row(150)).toEqual([150]);
    expect(changes).toBe(1);
    expect(source.calls.map((c) => c.start)).toEqual([100, 200, 300]);
  });

  it('drops queued pages that are no longer wanted', async () => {
    const source = manualSource();
    const loader = new RowPageLoader({ fetchPage: source.fetchPage, sort: null, rowCount: 100_000, pageSize: 100, onchange: () => {} });
    loader.want(0, 50);
    loader.want(10_000, 10_050);
    loader.want(20_000, 20_050);
    loader.want(50_000, 50_050);
    expect(source.calls.map((c) => c.start)).toEqual([0, 10_000]);
    source.calls[0].resolve();
    source.calls[1].resolve();
    await tick();
    expect(source.calls.map((c) => c.start)).toEqual([0, 10_000, 50_000]);
  });

  it('keeps at most maxPages pages, never evicting a wanted one', async () => {
    const source = manualSource();
    const loader = new RowPageLoader({ fetchPage: source.fetchPage, sort: null, rowCount: 10_000, pageSize: 10, maxPages: 2, maxInFlight: 5, onchange: () => {} });
    for (const first of [0, 10, 20]) {
      loader.want(first, first + 5);
      source.calls.at(-1)!.resolve();
      await tick();
    }
    expect(loader.row(20)).toEqual([20]);
    expect(loader.row(10)).toEqual([10]);
    expect(loader.row(0)).toBeUndefined();
  });

  it('ignores answers after dispose and fetches nothing more', async () => {
    const source = manualSource();
    let changes = 0;
    const loader = new RowPageLoader({ fetchPage: source.fetchPage, sort: { column: 1, descending: true }, rowCount: 1000, onchange: () => changes++ });
    loader.want(0, 10);
    expect(source.calls[0].sort).toEqual({ column: 1, descending: true });
    loader.dispose();
    source.calls[0].resolve();
    await tick();
    expect(changes).toBe(0);
    expect(loader.row(0)).toBeUndefined();
    loader.want(500, 510);
    expect(source.calls).toHaveLength(1);
  });

  it('reports a failed page and does not ask for it again', async () => {
    const source = manualSource();
    const loader = new RowPageLoader({ fetchPage: source.fetchPage, sort: null, rowCount: 1000, onchange: () => {} });
    loader.want(0, 10);
    source.calls[0].reject();
    await tick();
    expect(loader.failed).toBe(true);
    loader.want(0, 10);
    expect(source.calls).toHaveLength(1);
  });

  it('asks the last page for only the rows that exist', () => {
    const source = manualSource();
    new RowPageLoader({ fetchPage: source.fetchPage, sort: null, rowCount: 250, onchange: () => {} }).want(240, 400);
    expect(source.calls.map((c) => [c.start, c.count])).toEqual([[200, 50]]);
  });
});

describe('nextSort(sort, column)', () => {
  it('cycles ascending, descending, none, and starts another column ascending', () => {
    expect(nextSort(null, 2)).toEqual({ column: 2, descending: false });
    expect(nextSort({ column: 2, descending: false }, 2)).toEqual({ column: 2, descending: true });
    expect(nextSort({ column: 2, descending: true }, 2)).toBeNull();
    expect(nextSort({ column: 2, descending: true }, 0)).toEqual({ column: 0, descending: false });
  });
});

describe('measureColumnWidths(columns, badges, rows, language, measure)', () => {
  it('sizes from header and sample, within 64..320 px', () => {
    const measure = (text: string) => text.length * 10;
    const widths = measureColumnWidths(
      [{ name: 'id', type: 'text' }, { name: 'amount', type: 'decimal' }, { name: 'note', type: 'text' }],
      ['abc', '1.5', 'abc'],
      [['a', 1234.5, 'x'.repeat(100)], [null, 2, '']],
      'zh-CN',
      measure,
    );
    expect(widths[0]).toBe(Math.ceil(20 + 30 + 57));
    expect(widths[1]).toBe(Math.ceil(Math.max(60 + 30 + 57, '¥1,234.50'.length * 10 + 29)));
    expect(widths[2]).toBe(320);
  });
});
