/**
 * The customer table's speed (issue #4): building it from the 1M-order file's typed columns in
 * Node, against DuckDB (native, in-process) running the equivalent GROUP BY over the same file
 * loaded as a table, in the same run. Only the aggregation is timed on both sides: the import
 * has its own line in run-bench.ts. Target: ≤ 0.4 s in the browser for 1M orders.
 */
import { readFileSync } from 'node:fs';
import { buildCustomerTable, loadCsv } from '../src/engine/index.ts';
import { CUSTOMER_DEFINITION, customerTableSql } from './customer-table-definition.ts';

const DEFINITION = CUSTOMER_DEFINITION;
const GROUP_BY_SQL = customerTableSql('orders', 'customer_table');

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
