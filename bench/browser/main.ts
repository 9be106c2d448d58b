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
import { RFM_PACKAGE_0_2_RULES, type ImportOptions, type TagDefinition } from '../../src/engine/index.ts';
import type { CustomerTableRequest, TagSummary } from '../../src/worker/api.ts';
import { startWorkers, type Workers } from '../../src/worker/client.ts';
import { CUSTOMER_DEFINITION, customerTableSql } from '../customer-table-definition.ts';
import { runAnalyses, runDuckdbAnalyses } from './analyses-page.ts';
import type { BenchPage, CheckResult, CustomerCheck, DuckdbRun, DuckdbSegmentsRun, SegmentRow, SegmentsRun, TagbookRun } from './bench-page-api.ts';

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

/**
 * DuckDB-wasm started (a new worker, the bundle instantiated) and the CSV's bytes loaded into
 * TABLE with `read_csv_auto`, timed from the start; `db.terminate()` is the caller's.
 */
async function startDuckdbWithCsv(csvUrl: string) {
  let bytes: Uint8Array | null = await fetchBytes(csvUrl);
  const t0 = performance.now();
  const bundle = await duckdb.selectBundle(DUCKDB_BUNDLES);
  const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), new Worker(bundle.mainWorker!));
  try {
    await db.instantiate(bundle.mainModule, bundle.pthreadWorker);
    const startedAt = performance.now();
    await db.registerFileBuffer(FILE_NAME, bytes);
    bytes = null;
    const connection = await db.connect();
    await connection.query(`CREATE TABLE ${TABLE} AS SELECT * FROM read_csv_auto('${FILE_NAME}')`);
    return { db, connection, bundle, t0, startedAt, loadedAt: performance.now() };
  } catch (error) {
    await db.terminate();
    throw error;
  }
}

async function runDuckdb(csvUrl: string): Promise<DuckdbRun> {
  const { db, connection, bundle, t0, startedAt, loadedAt } = await startDuckdbWithCsv(csvUrl);
  try {
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

/**
 * Issue #5 (a), CSV to segments: two tags over the customer table, as a user sets them up. An
 * `rfm` tag (R/F/M quintiles by the app's default method, the R rfm package's; seven named score
 * ranges, first match wins, the rest Others) and a `cut` tag on recency_days.
 */
const RFM_RULES = RFM_PACKAGE_0_2_RULES.slice(0, 7);
const RFM_TAG: TagDefinition = {
  kind: 'rfm',
  name: 'rfm_segment',
  recency: 'recency_days',
  frequency: 'orders',
  monetary: 'revenue',
  bins: 5,
  method: 'rfm',
  rules: RFM_RULES.map((rule) => ({ ...rule, segment: { label: rule.segment.label } })),
  otherwise: { label: 'Others' },
};
const RECENCY_CUTS = [30, 90, 180];
const RECENCY_LABELS = ['active', 'cooling', 'silent', 'churned'];
const CUT_TAG: TagDefinition = {
  kind: 'cut',
  name: 'recency_stage',
  metric: 'recency_days',
  thresholds: RECENCY_CUTS,
  segments: RECENCY_LABELS.map((label) => ({ label })),
};
const SEGMENT_TAGS = [RFM_TAG, CUT_TAG];
/** The labels of each tag's segments, in segment order (the SQL reference returns segment indexes). */
const SEGMENT_LABELS: Record<string, string[]> = {
  [RFM_TAG.name]: [...RFM_RULES.map((rule) => rule.segment.label), 'Others'],
  [CUT_TAG.name]: RECENCY_LABELS,
};

/**
 * The same two tags as one DuckDB statement over the customer table. R/F/M scores as the app's
 * `rfm` method makes them: cut point k = quantile type 7 at k/5, plus 1 (`quantile_cont` is type
 * 7; the probabilities are R's `k * (1/5)`, so the third is 0.6000000000000001), a value equal to
 * a cut point moves up; R scores run the other way. A customer with a NULL R, F or M has no RFM
 * segment (-1), as in the app. The cut: `≤ 30 / ≤ 90 / ≤ 180 / else`, NULL recency -1.
 */
function segmentsSql(customerTable: string): string {
  const probabilities = [1, 2, 3, 4].map((k) => k * (1 / 5)).join(', ');
  const passes = (column: string, cuts: string) => [1, 2, 3, 4].map((k) => `(${column} >= ${cuts}[${k}] + 1)::INT`).join(' + ');
  const within = (score: string, [low, high]: [number, number]) => `${score} BETWEEN ${low} AND ${high}`;
  const rules = RFM_RULES.map((rule, i) => `WHEN ${within('r', rule.r)} AND ${within('f', rule.f)} AND ${within('m', rule.m)} THEN ${i}`).join(' ');
  const stages = RECENCY_CUTS.map((cut, i) => `WHEN recency_days <= ${cut} THEN ${i}`).join(' ');
  return `
  WITH q AS (
    SELECT quantile_cont(recency_days, [${probabilities}]) AS rq, quantile_cont(orders, [${probabilities}]) AS fq,
      quantile_cont(revenue, [${probabilities}]) AS mq
    FROM ${customerTable}
  ), s AS (
    SELECT recency_days, revenue, 5 - (${passes('recency_days', 'rq')}) AS r, 1 + (${passes('orders', 'fq')}) AS f, 1 + (${passes('revenue', 'mq')}) AS m
    FROM ${customerTable} CROSS JOIN q
  )
  SELECT '${RFM_TAG.name}' AS tag, CASE WHEN r IS NULL OR f IS NULL OR m IS NULL THEN -1 ${rules} ELSE ${RFM_RULES.length} END AS segment,
    count(*)::DOUBLE AS n, coalesce(sum(revenue), 0)::DOUBLE AS revenue
  FROM s GROUP BY ALL
  UNION ALL
  SELECT '${CUT_TAG.name}', CASE WHEN recency_days IS NULL THEN -1 ${stages} ELSE ${RECENCY_CUTS.length} END, count(*)::DOUBLE, coalesce(sum(revenue), 0)::DOUBLE
  FROM s GROUP BY ALL`;
}

/** Resolves once the frame after now has been painted: the rAF callback runs before that frame's paint, the task after it. */
function afterNextPaint(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
}

/** Puts each tag's segment table (label, customers, revenue) on the page, replacing the last run's. */
function renderSegments(tables: { name: string; rows: SegmentRow[] }[]): void {
  const money = new Intl.NumberFormat('en', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const count = new Intl.NumberFormat('en');
  const out = document.createElement('section');
  out.id = 'segments';
  for (const { name, rows } of tables) {
    const table = document.createElement('table');
    table.setAttribute('aria-label', `Segments of ${name}`);
    const head = table.createTHead().insertRow();
    for (const title of ['Segment', 'Customers', 'Revenue']) head.appendChild(document.createElement('th')).textContent = title;
    const body = table.createTBody();
    for (const row of rows) {
      const tr = body.insertRow();
      tr.appendChild(document.createElement('th')).textContent = row.label;
      tr.insertCell().textContent = count.format(row.count);
      tr.insertCell().textContent = money.format(row.revenue);
    }
    out.appendChild(table);
  }
  document.getElementById('segments')?.remove();
  document.body.appendChild(out);
}

/** A summary's rows as the check compares them; customers with no segment (NULL) as a last row. */
function summaryRows(summary: TagSummary): SegmentRow[] {
  if (summary.error) throw new Error(`tag ${summary.name}: ${summary.error.message}`);
  const rows = summary.segments.map((s) => ({ label: s.label, count: s.count, revenue: s.revenue }));
  return [...rows, { label: '(no segment)', count: summary.nullCount, revenue: NaN }];
}

/**
 * (a) CSV to segments through the app's workers: from startImport (the file's bytes in memory, as
 * when the user presses Load) through typed columns, `buildCustomerTable` and `evaluateTags` of
 * the two tags to their segment tables painted. SQLite is not waited for (the app shows segments
 * without it), but it fills in the background on the same cores, as a user gets; it is waited
 * for after the figure so the memory peak includes it.
 */
async function runSegments(csvUrl: string): Promise<SegmentsRun> {
  const file = new Blob([(await fetchBytes(csvUrl)) as Uint8Array<ArrayBuffer>]);
  const failures: string[] = [];
  const workers = startWorkers((message) => failures.push(message));
  try {
    // As at page load in the app: the workers are running and the preview has been read.
    const head = new Uint8Array(await file.slice(0, PREVIEW_BYTES).arrayBuffer());
    const preview = head.subarray(0, head.lastIndexOf(0x0a) + 1).slice();
    await Promise.all([workers.data.listTables(), workers.sql.fillStatus(), workers.preview(preview, FILE_NAME, IMPORT_OPTIONS)]);

    const t0 = performance.now();
    const job = workers.startImport(await readForTransfer(file), FILE_NAME, IMPORT_OPTIONS, Comlink.proxy(() => {}));
    await job.done;
    const typedAt = performance.now();
    await workers.data.buildCustomerTable(CUSTOMER_REQUEST);
    const customerAt = performance.now();
    const { summaries } = await workers.data.evaluateTags(CUSTOMER_TABLE, SEGMENT_TAGS, []);
    const taggedAt = performance.now();
    const tables = summaries.map((summary) => ({ name: summary.name, rows: summaryRows(summary) }));
    renderSegments(tables);
    await afterNextPaint();
    const paintedAt = performance.now();
    await window.__benchMark?.('painted');

    // Outside the figure: SQLite catches up (the orders, the customer table, its tag columns).
    await whenTableQueryable(workers, CUSTOMER_TABLE);
    await workers.sql.whenFilled();
    const sqliteAt = performance.now();
    if (failures.length) throw new Error(failures.join(' '));
    return {
      typedMs: typedAt - t0,
      customerTableMs: customerAt - typedAt,
      tagsMs: taggedAt - customerAt,
      paintMs: paintedAt - taggedAt,
      totalMs: paintedAt - t0,
      sqliteFilledMs: sqliteAt - t0,
      segments: Object.fromEntries(tables.map((t) => [t.name, t.rows])),
    };
  } finally {
    workers.terminate();
  }
}

/**
 * (a)'s reference: DuckDB-wasm from instantiate through read_csv, the customer table's GROUP BY
 * and one SQL statement for both tags' segments, to the same DOM tables painted.
 */
async function runDuckdbSegments(csvUrl: string): Promise<DuckdbSegmentsRun> {
  const { db, connection, t0, startedAt, loadedAt } = await startDuckdbWithCsv(csvUrl);
  try {
    await connection.query(GROUP_BY_SQL);
    const customerAt = performance.now();
    const result = (await connection.query(segmentsSql(CUSTOMER_TABLE))).toArray() as { tag: string; segment: number; n: number; revenue: number }[];
    const segments: Record<string, SegmentRow[]> = {};
    for (const tag of SEGMENT_TAGS) {
      const labels = SEGMENT_LABELS[tag.name];
      const rows = labels.map((label) => ({ label, count: 0, revenue: 0 }));
      const none: SegmentRow = { label: '(no segment)', count: 0, revenue: NaN };
      for (const row of result.filter((r) => r.tag === tag.name)) {
        const target = Number(row.segment) < 0 ? none : rows[Number(row.segment)];
        target.count += Number(row.n);
        if (Number(row.segment) >= 0) target.revenue += Number(row.revenue);
      }
      segments[tag.name] = [...rows, none];
    }
    const queriedAt = performance.now();
    renderSegments(SEGMENT_TAGS.map((tag) => ({ name: tag.name, rows: segments[tag.name] })));
    await afterNextPaint();
    const paintedAt = performance.now();
    await window.__benchMark?.('painted');
    await connection.close();
    return {
      startupMs: startedAt - t0,
      loadMs: loadedAt - startedAt,
      groupByMs: customerAt - loadedAt,
      segmentsMs: queriedAt - customerAt,
      totalMs: paintedAt - t0,
      segments,
    };
  } finally {
    await db.terminate();
  }
}

const page: BenchPage = {
  runTagbook,
  runDuckdb,
  runSegments,
  runDuckdbSegments,
  runAnalyses,
  runDuckdbAnalyses: (url, cutoffDay) => runDuckdbAnalyses(url, cutoffDay, DUCKDB_BUNDLES),
};
window.__bench = page;
