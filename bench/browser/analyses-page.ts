/**
 * The analyses bench in the page (issue #9): the app's workers import 1M order lines and build
 * the customer table, then `runAnalysis` times a backtest, a cross-sell and a replenishment cycle
 * one by one; DuckDB-wasm, in the same page, loads the same file and runs the equivalent SQL. Both
 * return the same check figures so the driver can say they agree.
 */
import * as duckdb from '@duckdb/duckdb-wasm';
import * as Comlink from 'comlink';
import { formatDay, type AnalysisResult } from '../../src/engine/index.ts';
import type { AnalysisRequest, CustomerTableRequest } from '../../src/worker/api.ts';
import { startWorkers } from '../../src/worker/client.ts';
import type { AnalysesCheck, AnalysesRun, DuckdbAnalysesRun } from './bench-page-api.ts';

const TABLE = 'lines';
const FILE_NAME = 'lines.csv';
const TOP_PAIRS = 20;
const TOP_CYCLES = 50;

const CUSTOMERS: Omit<CustomerTableRequest, 'name'> = {
  sources: { orders: TABLE },
  definition: {
    roles: { customer: 'customer_id', time: 'order_time', amount: 'amount', order: 'order_id', status: 'status', product: 'product_id', category: 'category' },
    refunds: { kind: 'status', values: ['refunded'] },
    orderRows: 'lines',
  },
  customMetrics: [],
  parameters: [],
};
const TAGS: AnalysisRequest['tags'] = [
  { kind: 'cut', name: 'recency', metric: 'recency_days', thresholds: [30, 90, 180], segments: [{ label: '0' }, { label: '1' }, { label: '2' }, { label: '3' }] },
];

export async function runAnalyses(csvUrl: string): Promise<AnalysesRun> {
  const response = await fetch(csvUrl);
  const bytes = new Uint8Array(await response.arrayBuffer());
  const failures: string[] = [];
  const workers = startWorkers((message) => failures.push(message));
  try {
    const t0 = performance.now();
    const job = workers.startImport(Comlink.transfer(bytes, [bytes.buffer]), FILE_NAME, { tableName: TABLE, timeZone: 'Asia/Shanghai' }, Comlink.proxy(() => {}));
    await job.done;
    const importMs = performance.now() - t0;
    const c0 = performance.now();
    const built = await workers.data.buildCustomerTable({ name: 'customer_table', ...CUSTOMERS });
    const customerTableMs = performance.now() - c0;
    const cutoffDay = built.asOf - 90;
    const run = async (analysis: AnalysisRequest['analysis']): Promise<{ ms: number; result: AnalysisResult }> => {
      const t = performance.now();
      const answer = await workers.data.runAnalysis({ resultName: `bench_${analysis.kind.replace('-', '_')}`, customers: CUSTOMERS, tags: TAGS, analysis });
      return { ms: performance.now() - t, result: answer.result };
    };
    const backtest = await run({ kind: 'backtest', tag: 'recency', cutoff: cutoffDay, windowDays: 90 });
    const crossSell = await run({ kind: 'cross-sell', by: 'product', minOrders: 20, minSupport: 0, limit: 200 });
    const replenishment = await run({ kind: 'replenishment', by: 'product', minPairs: 30 });
    if (failures.length) throw new Error(failures.join(' '));
    const check: AnalysesCheck = { backtest: {}, pairs: {}, cycles: {} };
    if (backtest.result.kind === 'backtest') for (const s of backtest.result.backtest.segments) check.backtest[String(s.code)] = [s.customers, s.repeaters];
    if (crossSell.result.kind === 'cross-sell') for (const r of crossSell.result.rows.slice(0, TOP_PAIRS)) check.pairs[[r.a, r.b].sort().join('|')] = r.orders;
    if (replenishment.result.kind === 'replenishment') for (const r of replenishment.result.rows.slice(0, TOP_CYCLES)) check.cycles[r.item] = [r.pairs, r.median];
    return { importMs, customerTableMs, backtestMs: backtest.ms, crossSellMs: crossSell.ms, replenishmentMs: replenishment.ms, cutoffDay, check };
  } finally {
    workers.terminate();
  }
}

export async function runDuckdbAnalyses(csvUrl: string, cutoffDay: number, bundles: duckdb.DuckDBBundles): Promise<DuckdbAnalysesRun> {
  const bytes = new Uint8Array(await (await fetch(csvUrl)).arrayBuffer());
  const bundle = await duckdb.selectBundle(bundles);
  const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), new Worker(bundle.mainWorker!));
  try {
    await db.instantiate(bundle.mainModule, bundle.pthreadWorker);
    const l0 = performance.now();
    await db.registerFileBuffer(FILE_NAME, bytes);
    const connection = await db.connect();
    await connection.query(`CREATE TABLE ${TABLE} AS SELECT order_id::VARCHAR AS order_id, customer_id, order_time, product_id, category, amount, status FROM read_csv_auto('${FILE_NAME}')`);
    const loadMs = performance.now() - l0;
    const timed = async <T>(sql: string): Promise<{ ms: number; rows: T[] }> => {
      const t = performance.now();
      const rows = (await connection.query(sql)).toArray().map((r) => r.toJSON() as T);
      return { ms: performance.now() - t, rows };
    };
    const cutoff = `DATE '${formatDay(cutoffDay)}'`;
    // (a) The recency cut as of the cutoff (orders before it), and who bought in the 90 days after.
    const backtest = await timed<{ seg: number; n: number; rep: number }>(`
      WITH p AS (SELECT customer_id, CAST(order_time AS DATE) AS d, status = 'refunded' AS refund FROM ${TABLE}),
      pre AS (SELECT customer_id, MAX(CASE WHEN NOT refund THEN d END) AS last FROM p WHERE d < ${cutoff} GROUP BY customer_id),
      w AS (SELECT DISTINCT customer_id FROM p WHERE NOT refund AND d >= ${cutoff} AND d < ${cutoff} + 90)
      SELECT CASE WHEN last IS NULL THEN -1 WHEN ${cutoff} - last <= 30 THEN 0 WHEN ${cutoff} - last <= 90 THEN 1 WHEN ${cutoff} - last <= 180 THEN 2 ELSE 3 END AS seg,
             count(*)::DOUBLE AS n, count(w.customer_id)::DOUBLE AS rep
      FROM pre LEFT JOIN w USING (customer_id) GROUP BY seg`);
    // (b) Pairs in the same order (an order counts once per pair), with support, confidences and lift.
    const crossSell = await timed<{ a: string; b: string; n_both: number }>(`
      WITH b AS (SELECT DISTINCT order_id, product_id FROM ${TABLE} WHERE status <> 'refunded'),
      n AS (SELECT product_id, count(*)::DOUBLE AS c FROM b GROUP BY product_id),
      t AS (SELECT count(DISTINCT order_id)::DOUBLE AS o FROM b),
      pairs AS (SELECT x.product_id AS a, y.product_id AS b, count(*)::DOUBLE AS n_both FROM b x JOIN b y ON x.order_id = y.order_id AND x.product_id < y.product_id GROUP BY 1, 2 HAVING count(*) >= 20)
      SELECT a, b, n_both, n_both / t.o AS support, n_both / na.c AS conf_ab, n_both / nb.c AS conf_ba, (n_both / t.o) / ((na.c / t.o) * (nb.c / t.o)) AS lift
      FROM pairs CROSS JOIN t JOIN n na ON na.product_id = a JOIN n nb ON nb.product_id = b
      ORDER BY n_both DESC, lift DESC LIMIT 200`);
    // (c) Days between a customer's consecutive purchase days of each product: quartiles and pairs.
    const replenishment = await timed<{ product_id: string; pairs: number; median: number }>(`
      WITH d AS (SELECT DISTINCT customer_id, product_id, CAST(order_time AS DATE) AS day FROM ${TABLE} WHERE status <> 'refunded'),
      g AS (SELECT product_id, day - lag(day) OVER (PARTITION BY customer_id, product_id ORDER BY day) AS gap FROM d)
      SELECT product_id, count(gap)::DOUBLE AS pairs, quantile_cont(gap, 0.25) AS q1, quantile_cont(gap, 0.5) AS median, quantile_cont(gap, 0.75) AS q3
      FROM g GROUP BY product_id ORDER BY pairs DESC, product_id`);
    await connection.close();
    const check: AnalysesCheck = { backtest: {}, pairs: {}, cycles: {} };
    for (const r of backtest.rows) check.backtest[String(r.seg)] = [Number(r.n), Number(r.rep)];
    for (const r of crossSell.rows.slice(0, TOP_PAIRS)) check.pairs[[r.a, r.b].sort().join('|')] = Number(r.n_both);
    for (const r of replenishment.rows.slice(0, TOP_CYCLES)) check.cycles[r.product_id] = [Number(r.pairs), Number(r.median)];
    return { loadMs, backtestMs: backtest.ms, crossSellMs: crossSell.ms, replenishmentMs: replenishment.ms, check };
  } finally {
    await db.terminate();
  }
}
