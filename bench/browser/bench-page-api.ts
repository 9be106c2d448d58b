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

/** The customer table's check: its row count and `sum(revenue)`. */
export interface CustomerCheck {
  customers: number;
  revenueSum: number;
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
  /**
   * After the import (SQLite filled and the check query run): `workers.data.buildCustomerTable`
   * on the imported table, from the call until its promise resolves (the first build in the page).
   */
  customerTableMs: number;
  /** The same build again, once the SQL worker has taken in the first one: a warm build. */
  customerTableWarmMs: number;
  /** The built table's row count (the build's summary) and `sum(revenue)` (from its SQLite copy). */
  customerCheck: CustomerCheck;
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
  /** After the load and check query: the customer table's GROUP BY (CREATE OR REPLACE TABLE … AS …) alone. */
  groupByMs: number;
  customerCheck: CustomerCheck;
}

/** One row of a segment table as (a) renders and checks it; the customers in no segment (NULL) are a last row with revenue NaN. */
export interface SegmentRow {
  label: string;
  count: number;
  revenue: number;
}

/** Issue #5 (a), CSV to segments, through the app's workers. */
export interface SegmentsRun {
  /** startImport() until typed columns are ready. */
  typedMs: number;
  /** Then `buildCustomerTable`. */
  customerTableMs: number;
  /** Then `evaluateTags` of the rfm and cut tags. */
  tagsMs: number;
  /** Then the segment tables rendered and the next frame painted. */
  paintMs: number;
  /** startImport() until the segment tables are painted: the figure. */
  totalMs: number;
  /** startImport() until SQLite has everything (in the background, waited for after the figure). */
  sqliteFilledMs: number;
  /** By tag name: its segment rows. */
  segments: Record<string, SegmentRow[]>;
}

/** (a)'s reference: DuckDB-wasm loading the same bytes and computing the same segments in SQL. */
export interface DuckdbSegmentsRun {
  /** new Worker + instantiate. */
  startupMs: number;
  /** registerFileBuffer + CREATE TABLE … read_csv_auto. */
  loadMs: number;
  /** The customer table's GROUP BY. */
  groupByMs: number;
  /** The segments statement (quintiles, cut, rules, GROUP BY) and reading its rows. */
  segmentsMs: number;
  /** Instantiate until the segment tables are painted: the reference. */
  totalMs: number;
  segments: Record<string, SegmentRow[]>;
}

/** Issue #9: the three analyses on 1M order lines, each timed alone, with figures to check. */
export interface AnalysesRun {
  importMs: number;
  customerTableMs: number;
  backtestMs: number;
  crossSellMs: number;
  replenishmentMs: number;
  cutoffDay: number;
  check: AnalysesCheck;
}

export interface AnalysesCheck {
  /** Per recency segment (0..3, −1 none): customers and repeaters. */
  backtest: Record<string, [number, number]>;
  /** The top pairs: "a|b" → orders with both. */
  pairs: Record<string, number>;
  /** Per product of the top by repeat pairs: [pairs, median]. */
  cycles: Record<string, [number, number]>;
}

export interface DuckdbAnalysesRun {
  loadMs: number;
  backtestMs: number;
  crossSellMs: number;
  replenishmentMs: number;
  check: AnalysesCheck;
}

export interface BenchPage {
  runAnalyses(csvUrl: string): Promise<AnalysesRun>;
  runDuckdbAnalyses(csvUrl: string, cutoffDay: number): Promise<DuckdbAnalysesRun>;
  runTagbook(csvUrl: string): Promise<TagbookRun>;
  runDuckdb(csvUrl: string): Promise<DuckdbRun>;
  runSegments(csvUrl: string): Promise<SegmentsRun>;
  runDuckdbSegments(csvUrl: string): Promise<DuckdbSegmentsRun>;
}

declare global {
  interface Window {
    __bench?: BenchPage;
    /**
     * Set by the driver: reads the renderers' memory high-water mark now. At 'typed' the page does
     * not wait for it; at 'loaded' (the import's figures are done, the customer table comes next)
     * it does, and the run's memory figures are those read then. At 'painted' ((a)'s segment
     * tables are on screen) it does too, and the mark is kept beside the run's final peak.
     */
    __benchMark?: (moment: 'typed' | 'loaded' | 'painted') => Promise<void>;
  }
}
