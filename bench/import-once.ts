/**
 * One measured import in a fresh process (so peak memory is this import's alone):
 *   tsx bench/import-once.ts tagbook FILE   decode + parse to typed columns, then SQLite filled
 *   tsx bench/import-once.ts duckdb FILE    DuckDB native read_csv into a table (the reference)
 * Prints one JSON line with the timings in ms and the peak resident memory in bytes.
 */
import { readFileSync } from 'node:fs';
import initSqlJs from 'sql.js';
import { fillTable, loadCsv, openDatabase } from '../src/engine/index.ts';

const [engine, file] = process.argv.slice(2);
const baselineRss = process.memoryUsage().rss;

if (engine === 'tagbook') {
  const sql = await initSqlJs();
  let bytes: Uint8Array | null = new Uint8Array(readFileSync(file));
  const t0 = performance.now();
  const result = loadCsv(bytes, { tableName: 'orders', timeZone: 'Asia/Shanghai' });
  const t1 = performance.now();
  // As in the worker, the file's bytes are not kept once the columns exist.
  bytes = null;
  const db = openDatabase(sql);
  fillTable(db, 'orders', result.data);
  const t2 = performance.now();
  const check = db.exec('SELECT count(*) FROM orders')[0].values[0][0];
  print({ columnsMs: t1 - t0, sqliteMs: t2 - t1, rows: result.loadedRows, sqliteRows: check, types: result.columns.map((c) => c.spec.type) });
} else if (engine === 'duckdb') {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const instance = await DuckDBInstance.create(':memory:', { threads: '2' });
  const connection = await instance.connect();
  const t0 = performance.now();
  await connection.run(`CREATE TABLE orders AS SELECT * FROM read_csv('${file.replaceAll("'", "''")}')`);
  const t1 = performance.now();
  const reader = await connection.runAndReadAll('SELECT count(*) FROM orders');
  print({ readMs: t1 - t0, rows: Number(reader.getRows()[0][0]) });
} else {
  throw new Error('usage: import-once.ts tagbook|duckdb FILE');
}

function print(figures: Record<string, unknown>): void {
  // maxRSS is in kilobytes.
  process.stdout.write(`${JSON.stringify({ ...figures, peakRssBytes: process.resourceUsage().maxRSS * 1024, baselineRssBytes: baselineRss })}\n`);
}
