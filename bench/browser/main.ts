/**
 * The in-browser bench page. It exposes `window.__bench` (see bench-page-api.ts); the driver,
 * bench/browser-bench.ts, calls one run at a time. Each run fetches the CSV from this origin
 * first, outside the timings (in the app the file's bytes are already in memory when the user
 * presses Load). After the import's figures, each run also times the customer table (issue #4):
 * Tagbook's `buildCustomerTable` in the data worker, DuckDB-wasm's equivalent GROUP BY.
 */
import * as duckdb from '@duckdb/duckdb-wasm';
import duckdbEhWasm from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import duckdbMvpWasm from '@duckdb/duckdb-wasm/dist/duckdb-mvp.wasm?url';
import duckdbEhWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url';
import duckdbMvpWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-mvp.worker.js?url';
import * as Comlink from 'comlink';
import type { ImportOptions } from '../../src/engine/index.ts';
import type { CustomerTableRequest } from '../../src/worker/api.ts';
import { startWorkers, type Workers } from '../../src/worker/client.ts';
import { CUSTOMER_DEFINITION, customerTableSql } from '../customer-table-definition.ts';
import type { BenchPage, CheckResult, CustomerCheck, DuckdbRun, TagbookRun } from './bench-page-api.ts';

const TABLE = 'orders';
const FILE_NAME = 'orders.csv';
const IMPORT_OPTIONS: ImportOptions = { tableName: TABLE, timeZone: 'Asia/Shanghai' };
/** Bytes of the file's head the warm-up preview reads (cut at a line end). */
const PREVIEW_BYTES = 64 * 1024;
const CHECK_SQL = `SELECT count(*) AS n, sum(paid_amount) AS paid FROM ${TABLE}`;

/** The customer table (issue #4): the definition and SQL the Node figure uses too (customer-table-definition.ts). */
const CUSTOMER_TABLE = 'customer_table';
const CUSTOMER_REQUEST: CustomerTableRequest = {
  name: CUSTOMER_TABLE,
  sources: { orders: TABLE },
  definition: CUSTOMER_DEFINITION,
  customMetrics: [],
  parameters: [],
};
const GROUP_BY_SQL = customerTableSql(TABLE, CUSTOMER_TABLE);

/** Same-origin bundles only: the files are copied into the build, never fetched from a CDN. */
const DUCKDB_BUNDLES: duckdb.DuckDBBundles = {
  mvp: { mainModule: duckdbMvpWasm, mainWorker: duckdbMvpWorker },
  eh: { mainModule: duckdbEhWasm, mainWorker: duckdbEhWorker },
};

async function fetchBytes(url: string): Promise<Uint8Array> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

/** As the app's ImportState does: the file (a Blob) read afresh at Load, its bytes transferred to the import worker. */
async function readForTransfer(file: Blob): Promise<Uint8Array> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  return Comlink.transfer(bytes, [bytes.buffer]);
}

/** Resolves after pending tasks and observer callbacks have run. */
function nextTask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * Resolves once the SQL worker holds `table` completely. `whenFilled()` alone could answer before
 * the table has arrived (it comes from the data worker over another port), so the fill status is
 * polled until the table is listed first.
 */
async function whenTableQueryable(workers: Workers, table: string): Promise<void> {
  for (;;) {
    const status = await workers.sql.fillStatus();
    if (status.tables.some((t) => t.name === table)) break;
    await nextTask();
  }
  await workers.sql.whenFilled();
}

async function runTagbook(csvUrl: string): Promise<TagbookRun> {
  // The app keeps a picked file as a File (a Blob), never as bytes on the page.
  const file = new Blob([(await fetchBytes(csvUrl)) as Uint8Array<ArrayBuffer>]);
  const failures: string[] = [];
  const startedAt = performance.now();
  const workers = startWorkers((message) => failures.push(message));
  try {
    // Warm up as the app does before Load: the workers are running and the import worker has
    // already read the file's preview.
    const head = new Uint8Array(await file.slice(0, PREVIEW_BYTES).arrayBuffer());
    const preview = head.subarray(0, head.lastIndexOf(0x0a) + 1).slice();
    await Promise.all([workers.data.listTables(), workers.sql.fillStatus(), workers.preview(preview, FILE_NAME, IMPORT_OPTIONS)]);
    const startupMs = performance.now() - startedAt;

    const longTasks: PerformanceEntry[] = [];
    const observer = new PerformanceObserver((list) => longTasks.push(...list.getEntries()));
    observer.observe({ type: 'longtask', buffered: true });
    const t0 = performance.now();
    // A progress callback as the app passes one: its calls reach the main thread during the import.
    const job = workers.startImport(await readForTransfer(file), FILE_NAME, IMPORT_OPTIONS, Comlink.proxy(() => {}));
    await job.done;
    const typedAt = performance.now();
    void window.__benchMark?.('typed');
    await whenTableQueryable(workers, TABLE);
    const sqliteAt = performance.now();
    await nextTask();
    longTasks.push(...observer.takeRecords());
    observer.disconnect();
    const during = longTasks.filter((task) => task.startTime + task.duration >= t0 && task.startTime <= sqliteAt);
    const longest = during.reduce<PerformanceEntry | null>((a, b) => (a && a.duration >= b.duration ? a : b), null);

    const cell = await workers.sql.runCell('bench_check', CHECK_SQL);
    const page = await workers.sql.getResultRows(cell.name, 0, 1, null);
    const [rows, paid] = page.rows[0];
    if (failures.length) throw new Error(failures.join(' '));

    // The import's figures (memory included) end here; the driver reads the memory mark before the build.
    await window.__benchMark?.('loaded');
    // Only until the promise resolves: the install also posts the built table to the SQL worker,
    // which then fills SQLite with it in the background; that fill is not in this figure.
    const c0 = performance.now();
    const built = await workers.data.buildCustomerTable(CUSTOMER_REQUEST);
    const customerTableMs = performance.now() - c0;
    // Outside the timings: the check reads sum(revenue) from the table's SQLite copy, which also
    // leaves the SQL worker idle again before the warm build.
    await whenTableQueryable(workers, CUSTOMER_TABLE);
    const customerCell = await workers.sql.runCell('bench_customer_check', `SELECT count(*) AS n, sum(revenue) AS revenue FROM ${CUSTOMER_TABLE}`);
    const [customerRows, revenue] = (await workers.sql.getResultRows(customerCell.name, 0, 1, null)).rows[0];
    if (Number(customerRows) !== built.table.rowCount) failures.push(`customer table: ${built.table.rowCount} rows built, ${Number(customerRows)} in SQLite`);
    // A warm build: the same request again in the same worker (it replaces the table, as a rebuild in the app does).
    const w0 = performance.now();
    const rebuilt = await workers.data.buildCustomerTable(CUSTOMER_REQUEST);
    const customerTableWarmMs = performance.now() - w0;
    if (rebuilt.table.rowCount !== built.table.rowCount) failures.push(`customer table: ${built.table.rowCount} rows, rebuilt ${rebuilt.table.rowCount}`);
    if (failures.length) throw new Error(failures.join(' '));
    return {
      startupMs,
      typedMs: typedAt - t0,
      sqliteMs: sqliteAt - t0,
      check: { rows: Number(rows), paidSum: Number(paid) },
      longestTaskMs: longest?.duration ?? 0,
      longestTaskAtMs: longest ? longest.startTime - t0 : 0,
      longTasksOver50Ms: during.filter((task) => task.duration > 50).length,
      customerTableMs,
      customerTableWarmMs,
      customerCheck: { customers: built.table.rowCount, revenueSum: Number(revenue) },
    };
  } finally {
    workers.terminate();
  }
}

async function runDuckdb(csvUrl: string): Promise<DuckdbRun> {
  let bytes: Uint8Array | null = await fetchBytes(csvUrl);
  const t0 = performance.now();
  const bundle = await duckdb.selectBundle(DUCKDB_BUNDLES);
  const worker = new Worker(bundle.mainWorker!);
  const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
  try {
    await db.instantiate(bundle.mainModule, bundle.pthreadWorker);
    const startedAt = performance.now();
    await db.registerFileBuffer(FILE_NAME, bytes);
    bytes = null;
    const connection = await db.connect();
    await connection.query(`CREATE TABLE ${TABLE} AS SELECT * FROM read_csv_auto('${FILE_NAME}')`);
    const loadedAt = performance.now();
    const result = await connection.query(`SELECT count(*)::DOUBLE AS n, sum(paid_amount)::DOUBLE AS paid FROM ${TABLE}`);
    const row = result.toArray()[0] as { n: number; paid: number };
    const check: CheckResult = { rows: Number(row.n), paidSum: Number(row.paid) };

    await window.__benchMark?.('loaded');
    // The customer table's GROUP BY alone, on the table just loaded.
    const g0 = performance.now();
    await connection.query(GROUP_BY_SQL);
    const groupByMs = performance.now() - g0;
    const customers = await connection.query(`SELECT count(*)::DOUBLE AS n, sum(revenue)::DOUBLE AS revenue FROM ${CUSTOMER_TABLE}`);
    const customerRow = customers.toArray()[0] as { n: number; revenue: number };
    const customerCheck: CustomerCheck = { customers: Number(customerRow.n), revenueSum: Number(customerRow.revenue) };
    await connection.close();
    return {
      startupMs: startedAt - t0,
      loadMs: loadedAt - startedAt,
      totalMs: loadedAt - t0,
      bundle: bundle.mainModule === duckdbEhWasm ? 'eh' : 'mvp',
      check,
      groupByMs,
      customerCheck,
    };
  } finally {
    await db.terminate();
  }
}

const page: BenchPage = { runTagbook, runDuckdb };
window.__bench = page;
