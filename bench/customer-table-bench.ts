/**
 * The customer table's speed (issue #4): building it from the 1M-order file's typed columns in
 * Node, against DuckDB (native, in-process) running the equivalent GROUP BY over the same file
 * loaded as a table, in the same run. Only the aggregation is timed on both sides: the import
 * has its own line in run-bench.ts. Target: ≤ 0.4 s in the browser for 1M orders.
 */
import { readFileSync } from 'node:fs';
import { buildCustomerTable, loadCsv, type CustomerTableDefinition } from '../src/engine/index.ts';

const DEFINITION: CustomerTableDefinition = {
  roles: { customer: 'customer_id', time: 'order_time', amount: 'paid_amount', order: 'order_id', coupon: 'coupon_amount', status: 'status' },
  refunds: { kind: 'status', values: ['refunded', 'cancelled'] },
};

// The same metrics as buildCustomerTable's defaults, as one SQL statement.
const GROUP_BY_SQL = `
  CREATE OR REPLACE TABLE customer_table AS
  WITH o AS (SELECT *, (paid_amount < 0 OR status IN ('refunded', 'cancelled')) AS r, CAST(order_time AS DATE) AS d FROM orders),
  g AS (
    SELECT customer_id,
      min(order_time) FILTER (WHERE NOT r) AS first_order_at,
      max(order_time) FILTER (WHERE NOT r) AS last_order_at,
      count(DISTINCT order_id) FILTER (WHERE NOT r) AS orders,
      sum(CASE WHEN paid_amount > 0 THEN paid_amount ELSE 0 END) - sum(CASE WHEN r THEN abs(paid_amount) ELSE 0 END) AS revenue,
      count(DISTINCT d) FILTER (WHERE NOT r) AS days,
      min(d) FILTER (WHERE NOT r) AS first_day,
      max(d) FILTER (WHERE NOT r) AS last_day,
      sum(coupon_amount) FILTER (WHERE NOT r) AS coupon_amount,
      sum(paid_amount) FILTER (WHERE NOT r) AS paid,
      sum(CASE WHEN r THEN abs(paid_amount) ELSE 0 END) AS refund_amount
    FROM o GROUP BY customer_id
  ), a AS (SELECT max(d) + 1 AS as_of FROM o)
  SELECT customer_id, first_order_at, last_order_at, as_of - last_day AS recency_days, orders, revenue,
    revenue / nullif(orders, 0) AS avg_order_value, as_of - first_day AS tenure_days,
    CASE WHEN days > 1 THEN (last_day - first_day) / (days - 1) END AS mean_days_between_orders,
    coupon_amount, coupon_amount / nullif(paid, 0) AS discount_ratio, refund_amount
  FROM g CROSS JOIN a`;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Prints the customer-table line: Tagbook's typed-array build vs DuckDB's GROUP BY, median of `runs`. */
export async function runCustomerTableBench(options: { csvFile: string; runs: number }): Promise<void> {
  const loaded = loadCsv(new Uint8Array(readFileSync(options.csvFile)), { tableName: 'orders', timeZone: 'Asia/Shanghai' });
  const input = { orders: { columns: loaded.data, rowCount: loaded.loadedRows } };
  const ours: number[] = [];
  let customers = 0;
  for (let i = 0; i < options.runs; i++) {
    const t0 = performance.now();
    customers = buildCustomerTable(input, DEFINITION).rowCount;
    ours.push(performance.now() - t0);
  }

  const { DuckDBInstance } = await import('@duckdb/node-api');
  const instance = await DuckDBInstance.create(':memory:', { threads: '2' });
  const connection = await instance.connect();
  await connection.run(`CREATE TABLE orders AS SELECT * FROM read_csv('${options.csvFile.replaceAll("'", "''")}', types = {'order_id': 'VARCHAR', 'customer_id': 'VARCHAR'})`);
  const duck: number[] = [];
  for (let i = 0; i < options.runs; i++) {
    const t0 = performance.now();
    await connection.run(GROUP_BY_SQL);
    duck.push(performance.now() - t0);
  }
  const duckCustomers = Number((await connection.runAndReadAll('SELECT count(*) FROM customer_table')).getRows()[0][0]);
  connection.closeSync();

  const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  console.log(`Customer table: ${loaded.loadedRows.toLocaleString('en')} orders → ${customers.toLocaleString('en')} customers (DuckDB: ${duckCustomers.toLocaleString('en')}), median of ${options.runs} runs`);
  console.log(`  DuckDB GROUP BY, 2 threads (reference)   ${s(median(duck))}`);
  console.log(`  buildCustomerTable (typed arrays)         ${s(median(ours))}   ${(median(ours) / median(duck)).toFixed(1)}× DuckDB   (target ≤ 0.4 s in the browser)`);
  console.log('');
}
