/**
 * What the bench page (main.ts) exposes as `window.__bench` for the driver (bench/browser-bench.ts),
 * which calls one run at a time so it can reset and read the renderer's memory high-water mark
 * around each. Times are in ms from `performance.now()`.
 */

/** The result of the check query, `count(*)` and `sum(paid_amount)` over the loaded table. */
export interface CheckResult {
  rows: number;
  paidSum: number;
}

/** One import through the app's workers. */
export interface TagbookRun {
  /** startWorkers() until the data and SQL workers answer and the import worker has read a preview. */
  startupMs: number;
  /** startImport() (the app's copy and transfer of the bytes included) until `done`: typed columns ready. */
  typedMs: number;
  /** startImport() until the SQL worker's `whenFilled()`: SQLite queryable. */
  sqliteMs: number;
  check: CheckResult;
  /** The longest main-thread long task between startImport() and SQLite queryable (0 when none). */
  longestTaskMs: number;
  /** When the longest task started, in ms after startImport() (0 when none). */
  longestTaskAtMs: number;
  /** Main-thread long tasks over 50 ms in the same span. */
  longTasksOver50Ms: number;
}

/** One DuckDB-wasm load of the same bytes. */
export interface DuckdbRun {
  /** new Worker + instantiate the bundle. */
  startupMs: number;
  /** registerFileBuffer + CREATE TABLE … AS SELECT * FROM read_csv_auto(…). */
  loadMs: number;
  /** startupMs + loadMs. */
  totalMs: number;
  bundle: string;
  check: CheckResult;
}

export interface BenchPage {
  runTagbook(csvUrl: string): Promise<TagbookRun>;
  runDuckdb(csvUrl: string): Promise<DuckdbRun>;
}

declare global {
  interface Window {
    __bench?: BenchPage;
    /** Set by the driver: reads the renderer's memory high-water mark now (the page does not wait for it). */
    __benchMark?: (moment: 'typed') => Promise<void>;
  }
}
