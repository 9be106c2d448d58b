import { afterEach, describe, expect, it } from 'vitest';
import type { ChartData, TagDefinition } from '../../../src/engine/index.ts';
import { DataApi } from '../../../src/worker/data-api.ts';
import { closeAllPorts, encode, importInto } from './pipes.ts';

afterEach(closeAllPorts);

// customer_id, recency_days, revenue, orders; c6 has no recency (NULL).
const ROWS: [string, number | null, number, number][] = [
  ['c1', 10, 100, 2],
  ['c2', 45, 50, 1],
  ['c3', 60, 300, 3],
  ['c4', 90, 0, 0],
  ['c5', 200, 80, 4],
  ['c6', null, 20, 1],
];
const CSV = 'customer_id,recency_days,revenue,orders\n' + ROWS.map((r) => r.map((v) => v ?? '').join(',')).join('\n') + '\n';

const LIFECYCLE: TagDefinition = {
  kind: 'cut',
  name: 'lifecycle',
  metric: 'recency_days',
  thresholds: [45, 90, 180],
  segments: [{ label: 'active' }, { label: 'cooling' }, { label: 'silent' }, { label: 'churned' }],
};

async function loaded(): Promise<DataApi> {
  const data = new DataApi();
  await importInto(data, encode(CSV), 'customer_table.csv');
  return data;
}

/** Customers per segment label in a `segments` chart's table. */
function counts(data: ChartData): Record<string, unknown> {
  return Object.fromEntries(data.datasets.table.map((row) => [row.label, row.count]));
}

/** A second way: customers per lifecycle segment by plain loops over the rows. */
function referenceCounts(thresholds: number[]): Record<string, number> {
  const labels = ['active', 'cooling', 'silent', 'churned'];
  const out: Record<string, number> = Object.fromEntries(labels.map((l) => [l, 0]));
  for (const [, recency] of ROWS) {
    if (recency === null) continue;
    let segment = 0;
    while (segment < thresholds.length && recency > thresholds[segment]) segment++;
    out[labels[segment]]++;
  }
  return out;
}

describe('DataApi chartData', () => {
  it('charts the kept tags, and follows a threshold moved on the fast path', async () => {
    const data = await loaded();
    await data.evaluateTags('customer_table', [LIFECYCLE], []);
    const before = await data.chartData('customer_table', { view: 'segments', tag: 'lifecycle' });
    expect(before.view).toBe('segments');
    expect(before.segments.map((s) => s.label)).toEqual(['active', 'cooling', 'silent', 'churned', 'no segment']);
    expect(counts(before)).toMatchObject(referenceCounts([45, 90, 180]));

    await data.retagThresholds('customer_table', [{ tag: 'lifecycle', thresholds: [45, 120, 180] }], []);
    const after = await data.chartData('customer_table', { view: 'segments', tag: 'lifecycle' });
    expect(counts(after)).toMatchObject(referenceCounts([45, 120, 180]));

    const distribution = await data.chartData('customer_table', { view: 'distribution', tag: 'lifecycle' });
    expect(distribution.thresholds).toEqual({ values: [45, 120, 180], movable: true });
    expect(distribution.datasets.thresholds.map((t) => t.value)).toEqual([45, 120, 180]);
    expect(distribution.notes.leftOut).toBe(1);
  });

  it("rejects with the chart's error code and message, as a plain object that crosses the worker boundary", async () => {
    const data = await loaded();
    await data.evaluateTags('customer_table', [LIFECYCLE], []);
    const missing = data.chartData('customer_table', { view: 'segments', tag: 'nothing' });
    await expect(missing).rejects.toMatchObject({ code: 'no-such-tag' });
    await expect(missing).rejects.not.toBeInstanceOf(Error);
    await expect(data.chartData('customer_table', { view: 'distribution', tag: 'lifecycle', metric: 'no_column' })).rejects.toMatchObject({ code: 'no-such-metric' });
    await expect(data.chartData('customer_table', { view: 'rf-heatmap', tag: 'lifecycle' })).rejects.toMatchObject({ code: 'not-rfm' });
    await expect(data.chartData('nowhere', { view: 'segments', tag: 'lifecycle' })).rejects.toMatchObject({ code: 'no-such-table' });
  });
});
