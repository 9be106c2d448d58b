import { afterEach, describe, expect, it } from 'vitest';
import type { TagDefinition } from '../../../src/engine/index.ts';
import { toCsv } from '../../../src/engine/index.ts';
import { DataApi } from '../../../src/worker/data-api.ts';
import { closeAllPorts, encode, importInto } from './pipes.ts';

afterEach(closeAllPorts);

// customer_id, recency_days, revenue, city; c6 has no recency (NULL), c4 a formula-like city.
const ROWS: [string, number | null, number, string][] = [
  ['c1', 10, 100, '北京'],
  ['c2', 45, -50, '上海'],
  ['c3', 60, 300, '广州'],
  ['c4', 90, 0, '=cmd'],
  ['c5', 200, 80, '深圳'],
  ['c6', null, 20, '杭州'],
  ['c7', 30, 5, '成都'],
];
const CSV = 'customer_id,recency_days,revenue,city\n' + ROWS.map((r) => r.map((v) => v ?? '').join(',')).join('\n') + '\n';

const LIFECYCLE: TagDefinition = {
  kind: 'cut',
  name: 'lifecycle',
  metric: 'recency_days',
  thresholds: [45, 90, 180],
  segments: [{ label: 'active' }, { label: 'cooling' }, { label: 'silent' }, { label: 'churned' }],
};

/** The segment of a recency computed a second way: the cut points walked by hand (upper bounds inclusive). */
function referenceSegment(recency: number | null): number {
  if (recency === null) return -1;
  if (recency <= 45) return 0;
  if (recency <= 90) return 1;
  if (recency <= 180) return 2;
  return 3;
}

async function loaded(): Promise<DataApi> {
  const data = new DataApi();
  await importInto(data, encode(CSV), 'customer_table.csv');
  await data.evaluateTags('customer_table', [LIFECYCLE], []);
  return data;
}

describe('DataApi.exportRows', () => {
  it('exports the rows of the chosen segments in table order, with the chosen columns in the order given', async () => {
    const data = await loaded();
    for (const segments of [[0], [1], [0, 3], [-1], [], [0, 1, 2, 3, -1]]) {
      const exported = await data.exportRows('customer_table', { tag: 'Lifecycle', segments }, ['revenue', 'customer_id']);
      expect(exported.columns).toEqual([
        { name: 'revenue', type: 'integer' },
        { name: 'customer_id', type: 'text' },
      ]);
      const expected = ROWS.filter(([, recency]) => segments.includes(referenceSegment(recency))).map(([id, , revenue]) => [revenue, id]);
      expect(exported.rows).toEqual(expected);
    }
  });

  it('exports every row and every column (tag label columns too) without a filter', async () => {
    const data = await loaded();
    const exported = await data.exportRows('customer_table', null, null);
    expect(exported.columns.map((c) => c.name)).toEqual(['customer_id', 'recency_days', 'revenue', 'city', 'lifecycle']);
    expect(exported.rows).toHaveLength(ROWS.length);
    expect(exported.rows[5]).toEqual(['c6', null, 20, '杭州', null]);
    expect(exported.rows[0][4]).toBe('active');
    // As a CSV: numbers typed, the formula-like city neutralised, Chinese intact.
    const csv = toCsv(exported.columns, exported.rows);
    expect(csv).toContain('\r\nc2,45,-50,上海,active\r\n');
    expect(csv).toContain("\r\nc4,90,0,'=cmd,cooling\r\n");
  });

  it('writes the tag label column as the segments are now, after a threshold move', async () => {
    const data = await loaded();
    await data.retagThresholds('customer_table', [{ tag: 'lifecycle', thresholds: [30, 90, 180] }], []);
    const exported = await data.exportRows('customer_table', { tag: 'lifecycle', segments: [1] }, ['customer_id', 'lifecycle']);
    // Cooling is now 30 < recency <= 90: c2 (45), c3 (60), c4 (90); c7 (30) stays active.
    expect(exported.rows).toEqual([
      ['c2', 'cooling'],
      ['c3', 'cooling'],
      ['c4', 'cooling'],
    ]);
  });

  it('rejects an unknown table, tag or column', async () => {
    const data = await loaded();
    await expect(data.exportRows('nothing', null, null)).rejects.toMatchObject({ code: 'no-such-table' });
    await expect(data.exportRows('customer_table', { tag: 'nope', segments: [0] }, null)).rejects.toMatchObject({ code: 'not-evaluated' });
    await expect(data.exportRows('customer_table', null, ['customer_id', 'missing'])).rejects.toMatchObject({ code: 'no-such-column', params: { column: 'missing' } });
  });
});
