/**
 * The slider move (issue #5 (b)): re-cut a metric column by thresholds and compute per-segment
 * count / revenue / orders, median of 100 moves, at the customer table of the 1M-order file
 * (≈125k customers) and that table tiled 8× (≈1M). The reference, in the same run, is a plain
 * branchless typed-array loop over the same column doing the same work inline.
 * Targets: ≤ 1 ms at 125k, ≤ 8 ms at 1M.
 */
import { readFileSync } from 'node:fs';
import { buildCustomerTable, evaluateTags, loadCsv, recut, segmentStats, type Column, type TagDefinition } from '../src/engine/index.ts';

const MOVES = 100;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

function numeric(columns: readonly Column[], name: string): Float64Array {
  const column = columns.find((c) => c.name === name);
  if (!column || column.type === 'text') throw new Error(`no numeric column ${name}`);
  return column.values;
}

function tile(values: Float64Array, times: number): Float64Array {
  const out = new Float64Array(values.length * times);
  for (let k = 0; k < times; k++) out.set(values, k * values.length);
  return out;
}

/** One move of the reference: 3 thresholds, branchless, counts and sums inline. */
function referenceMove(values: Float64Array, revenue: Float64Array, orders: Float64Array, t0: number, t1: number, t2: number, sums: Float64Array): void {
  sums.fill(0);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    const slot = v === v ? 1 + +(v > t0) + +(v > t1) + +(v > t2) : 0;
    const r = revenue[i];
    sums[slot] += 1;
    sums[5 + slot] += r === r ? r : 0;
    sums[10 + slot] += orders[i];
  }
}

function measure(recency: Float64Array, revenue: Float64Array, orders: Float64Array): { ours: number; reference: number } {
  const codes = new Int32Array(recency.length);
  const thresholds = Float64Array.of(30, 90, 180);
  const scratch = new Float64Array(60);
  const ours: number[] = [];
  const reference: number[] = [];
  for (let move = 0; move < MOVES + 10; move++) {
    const silent = 60 + (move % 60); // the slider moving between 60 and 119 days
    thresholds[1] = silent;
    let t = performance.now();
    recut(recency, thresholds, codes, 'upper');
    segmentStats(codes, 4, revenue, orders, scratch);
    const a = performance.now() - t;
    t = performance.now();
    referenceMove(recency, revenue, orders, 30, silent, 180, scratch);
    const b = performance.now() - t;
    if (move >= 10) {
      ours.push(a);
      reference.push(b);
    }
  }
  return { ours: median(ours), reference: median(reference) };
}

/** Prints the slider-move lines. */
export function runTagBench(options: { csvFile: string }): void {
  const loaded = loadCsv(new Uint8Array(readFileSync(options.csvFile)), { tableName: 'orders', timeZone: 'Asia/Shanghai' });
  const table = buildCustomerTable(
    { orders: { columns: loaded.data, rowCount: loaded.loadedRows } },
    { roles: { customer: 'customer_id', time: 'order_time', amount: 'paid_amount', order: 'order_id', status: 'status' }, refunds: { kind: 'status', values: ['refunded', 'cancelled'] } },
  );
  // The metric column is computed once per formula change: evaluate the tag, then only re-cut.
  const stage: TagDefinition = { kind: 'cut', name: 'stage', metric: 'recency_days', thresholds: [30, 90, 180], segments: [{ label: 'a' }, { label: 'b' }, { label: 'c' }, { label: 'd' }] };
  const [evaluated] = evaluateTags([stage], table, []);
  const recency = evaluated.inputs.metric;
  const revenue = numeric(table.columns, 'revenue');
  const orders = numeric(table.columns, 'orders');
  console.log(`Slider move (re-cut + segment count/revenue/orders), median of ${MOVES} moves, Node ${process.version}`);
  for (const [label, times, target] of [['', 1, 1], [' (tiled 8×)', 8, 8]] as const) {
    const r = measure(tile(recency, times), tile(revenue, times), tile(orders, times));
    const n = (table.rowCount * times).toLocaleString('en');
    console.log(`  ${n} customers${label}: recut + segmentStats ${r.ours.toFixed(2)} ms, branchless reference loop ${r.reference.toFixed(2)} ms (${(r.ours / r.reference).toFixed(1)}×; target ≤ ${target} ms)`);
  }
  console.log('');
}

if (import.meta.url === `file://${process.argv[1]}`) runTagBench({ csvFile: process.argv[2] });
