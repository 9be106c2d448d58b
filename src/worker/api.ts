/**
 * The contract between the page and its workers. Everything crossing it is plain,
 * structured-cloneable data; errors cross as `WorkerError` objects with a code the UI translates.
 *
 * - The **import worker** reads files (preview and import). It is disposable: Cancel terminates it,
 *   so a running import never touches what is loaded.
 * - The **data worker** holds the loaded tables as typed columns (the tag engine works on them) and
 *   serves grid pages from them.
 * - The **SQL worker** holds SQLite (sql.js), filled from the data worker's columns. sql.js cannot be
 *   interrupted, so a runaway query is stopped by terminating this worker and starting a fresh one,
 *   which the data worker fills again.
 * - The **file worker** writes and reads workspace files; one is started for each call and then
 *   terminated.
 *
 * Tables travel between workers over `MessagePort`s the page creates (import → data, data → SQL),
 * so big column buffers never pass through the page's main thread.
 */
import type {
  AnalysisDefinition,
  AnalysisResult,
  Column,
  ColumnSummary,
  ColumnType,
  CustomerIssue,
  CustomerTableDefinition,
  Dialect,
  FileFormat,
  FormulaParameter,
  ImportIssue,
  ImportOptions,
  ImportProgress,
  ImportResult,
  MetricDefinition,
  CustomerExplanation,
  MetricProfile,
  TagDefinition,
  ColumnRef,
  SavedTable,
  SavedTableKind,
  SqlParameter,
  ThresholdIndex,
  WorkspaceFile,
} from '../engine/index.ts';
import type { ChartData, ChartDefinition } from '../engine/charts/types.ts';
import type { TagSummary } from './tag-summary.ts';

export type { TagSegmentRow, TagSummary } from './tag-summary.ts';

/** A full tag evaluation: one summary per definition, and whether the table's tag columns were written again. */
/** New thresholds for one tag (parameters already resolved to numbers). */
export interface ThresholdMove {
  tag: string;
  thresholds: number[];
}

export interface TagEvaluation {
  summaries: TagSummary[];
  /** True when the table (base columns + tag columns) was installed again and sent to SQLite. */
  tableRewritten: boolean;
}

/** What the preview shows before anything is loaded. */
export interface ImportPreview {
  fileName: string;
  tableName: string;
  /** The format read: CSV (delimited text) or an .xlsx workbook. */
  format?: FileFormat;
  /** For .xlsx files: every sheet's name, in workbook order. */
  sheets?: string[];
  /** For .xlsx files: the sheet read (choose another with ImportOptions.sheet). */
  sheet?: string;
  byteLength: number;
  encoding: ImportResult['encoding'];
  encodingDetectedBy: ImportResult['encodingDetectedBy'];
  dialect: Dialect;
  raggedRows: ImportResult['raggedRows'];
  columns: ColumnSummary[];
  inputRows: number;
  loadedRows: number;
  excludedRows: number;
  issues: ImportIssue[];
  /** The first rows as display text (null = NULL), after typing. */
  sampleRows: (string | null)[][];
}

/** A column as grids and the sources panel show it. SQL results whose type SQLite cannot tell are 'unknown'. */
export interface ColumnInfo {
  name: string;
  type: ColumnType | 'unknown';
}

/** A loaded table as the page lists it. */
export interface TableInfo {
  name: string;
  rowCount: number;
  columns: ColumnInfo[];
  /** Rows written into SQLite so far (the page fills this in from the SQL worker's `fillStatus`). */
  sqliteRows: number;
}

/**
 * One grid cell's value: text as string, numbers as number, booleans as boolean, dates as
 * `YYYY-MM-DD`, datetimes as `YYYY-MM-DD HH:MM:SS` (wall clock in the workspace zone), NULL as null.
 * The page formats numbers for the current language.
 */
export type GridValue = string | number | boolean | null;

/** A sort: by the column at `column` (index into the columns), NULLs last in both directions. */
export interface GridSort {
  column: number;
  descending: boolean;
}

/**
 * Which rows a grid shows: the customers of some segments of a tag (-1: those with no segment),
 * and/or those whose id (the `customer_id` column, else the first) contains `idContains`
 * (case-insensitive). Both given: rows matching both.
 */
export interface RowFilter {
  tag?: string;
  segments?: number[];
  idContains?: string;
  /** Rows whose text column equals one of the values, for every entry (an analysis' picked cell). */
  where?: ColumnMatch[];
}

/** A text column's value must be one of `values` (compared exactly). */
export interface ColumnMatch {
  column: string;
  values: string[];
}

/** What an analysis cell asks the data worker to run (issue #9). */
export interface AnalysisRequest {
  /** The result table's name (installed here and sent to SQLite). */
  resultName: string;
  /** The customer table's definition and inputs, as its cell builds it. */
  customers: Omit<CustomerTableRequest, 'name'>;
  /** Every tag of the customer table (a tag may use others). */
  tags: TagDefinition[];
  analysis: AnalysisDefinition;
}

/** What an analysis gives the cell: its summary and the installed result table. */
export interface AnalysisResponse {
  result: AnalysisResult;
  table: TableInfo;
  elapsedMs: number;
}

/** Rows `start..start+rows.length` of a table or result in the given sort. */
export interface GridPage {
  start: number;
  rows: GridValue[][];
  totalRows: number;
}

/** What a SQL cell shows after running: its result is now a table named `name`. */
export interface CellResult {
  /** The table holding the result (the cell's name, e.g. `q1`); later cells can query it. */
  name: string;
  columns: ColumnInfo[];
  rowCount: number;
  elapsedMs: number;
  /**
   * False when the last statement returned no rows to keep (e.g. `CREATE TABLE`, `INSERT`):
   * then no result table was made and `columns` is empty.
   */
  materialized: boolean;
}

/** How far the SQLite copy of each table has been written. */
export interface FillStatus {
  tables: { name: string; rowCount: number; rowsWritten: number }[];
}

/** An error the UI can show: a code for translation, a message, and a line when known. */
export interface WorkerError {
  code: string;
  message: string;
  line?: number;
  /** The variable parts of `message`, for saying it in another language (see ImportIssue.params). */
  params?: Record<string, string | number>;
}

export type ProgressCallback = (progress: ImportProgress) => void;

/** Progress of filling SQLite again after a restart: rows written of all rows. */
export type RebuildCallback = (progress: { rowsWritten: number; rowCount: number }) => void;

/** The import worker: stateless; terminated to cancel. */
export interface ImportWorkerApi {
  /** Reads a file and describes what would be loaded, without loading it. */
  previewFile(bytes: Uint8Array, fileName: string, options: ImportOptions): Promise<ImportPreview>;
  /**
   * Reads a file and posts the typed table to `port` (the data worker listens on the other end via
   * `receiveTable`), transferring the column buffers. `options.tableName` is the final name.
   * Resolves with the name and row count once posted.
   */
  importFile(bytes: Uint8Array, fileName: string, options: ImportOptions, onProgress: ProgressCallback | undefined, port: MessagePort): Promise<{ name: string; rowCount: number }>;
}

/** The data worker: owns the typed columns. */
export interface DataWorkerApi {
  /**
   * Waits for one table on `port` (posted by the import worker's `importFile`), installs it,
   * replacing a table of the same name, and sends it on to SQLite. Rejects with code `cancelled`
   * if `cancelReceive` is called with the same `receiveId` first, and then installs nothing.
   */
  receiveTable(port: MessagePort, receiveId: number): Promise<TableInfo>;
  /** Gives up waiting in `receiveTable(…, receiveId)` (the import was cancelled). */
  cancelReceive(receiveId: number): Promise<void>;
  /** Loads the demo shop (customers, orders, order_items) when no table is loaded yet; returns the tables. */
  loadDemo(timeZone: string): Promise<TableInfo[]>;
  /** Lists loaded tables in load order. */
  listTables(): Promise<TableInfo[]>;
  /** Returns rows `start..start+count` of a table in `sort` order (load order when null). */
  /** Rows of a loaded table in `sort` order; with `filter`, only the matching rows (totalRows counts those). */
  getRows(tableName: string, start: number, count: number, sort: GridSort | null, filter?: RowFilter | null): Promise<GridPage>;
  /** Removes a table (and its SQLite copy). */
  dropTable(tableName: string): Promise<void>;
  /**
   * Connects a (new) SQL worker: from now on every table, the loaded ones first, is sent through
   * `port`, whose other end was given to that worker's `attach`. A previous connection is dropped.
   */
  connectSql(port: MessagePort): Promise<void>;
  /** Builds (or rebuilds) a customer table from loaded tables and installs it as `request.name`. */
  buildCustomerTable(request: CustomerTableRequest): Promise<CustomerTableSummary>;
  /** Runs an analysis (issue #9) and installs its result table as `request.resultName`. */
  runAnalysis(request: AnalysisRequest): Promise<AnalysisResponse>;
  /** The most frequent values of a text column (at most `limit`), most frequent first. */
  columnValues(tableName: string, column: string, limit: number): Promise<ValueCount[]>;
  /** The median of a numeric column's non-NULL values (null: no such numeric column, or no value), e.g. for a playbook's suggestion. */
  columnMedian(tableName: string, column: string): Promise<number | null>;
  /**
   * Keeps a SQL result's columns for customer tables to read (not listed, not sent back to SQLite,
   * which already has it); replaces an earlier copy of the same name.
   */
  putResultColumns(name: string, columns: Column[], rowCount: number): Promise<void>;
  /**
   * Evaluates tags over a loaded (customer) table, in dependency order, and returns each tag's
   * segment table. Each tag's result is kept, so `retagThresholds` can re-cut it without
   * computing its metric again. A tag's error stays with that tag. Tags read the table's columns
   * as loaded or built (never earlier tag columns). Afterwards each successful tag's label column
   * is written into the table (base columns + one text column per tag, named after it; a tag named
   * like a base column is skipped, the base column stays) and the table is sent to SQLite again.
   * `retagThresholds` does not write: SQL sees new thresholds only after the next evaluation.
   */
  evaluateTags(tableName: string, definitions: TagDefinition[], parameters: FormulaParameter[]): Promise<TagEvaluation>;
  /**
   * The threshold fast path: re-cuts kept cut (or score) tags by new thresholds over typed arrays,
   * never SQL, then evaluates again only the kept tags that use a moved tag (directly or through
   * another), reading the moved tags' new segments. Returns the moved tags' summaries, in the order
   * given, then the dependents'. Rejects with `threshold-not-number`, `thresholds-out-of-order` or
   * `not-evaluated` before anything is changed.
   */
  retagThresholds(tableName: string, moves: ThresholdMove[], parameters: FormulaParameter[]): Promise<TagSummary[]>;
  /**
   * A kept cut or score tag's metric sorted with running sums of revenue and orders (see
   * threshold-index.ts), for the page to show a threshold step's segment table at once; its
   * buffers are transferred. Rejects with `not-evaluated` for another kind or a tag without a result.
   */
  thresholdIndex(tableName: string, tagName: string): Promise<ThresholdIndex>;
  /** Why is this customer here: the tag's values, cut points and rules for one customer id. */
  explainTagCustomer(tableName: string, tagName: string, customerId: string): Promise<CustomerExplanation>;
  /**
   * Customers of segment `segment` of a kept tag (-1: those with no segment), biggest revenue
   * first (then table order), at most `limit`, and how many the segment has.
   */
  segmentMembers(tableName: string, tagName: string, segment: number, limit: number): Promise<SegmentMembers>;
  /**
   * The rows an export writes (CSV/XLSX are made on the page): all rows of a table, or with
   * `filter` the customers in the given segments of a kept tag (-1: those with no segment), in
   * table order; the named columns in the order given (all when null). Rejects with
   * `no-such-table`, `not-evaluated` or `no-such-column`.
   */
  exportRows(tableName: string, filter: ExportFilter | null, columns: string[] | null, where?: ColumnMatch[] | null): Promise<ExportedRows>;
  /**
   * A chart's datasets (small aggregates; a scatter's sample) over the table's base columns and its
   * kept tags as they are now (after a threshold move, the moved segments). Rejects with the
   * chart's error code (`no-such-tag`, `tag-failed`, `no-such-metric`, …) and an English sentence.
   */
  chartData(tableName: string, definition: ChartDefinition): Promise<ChartData>;
  /** Every numeric metric's mean and median per segment of a kept tag (no-segment customers last). */
  segmentProfile(tableName: string, tagName: string): Promise<MetricProfile[]>;
  /**
   * Copies of the named loaded tables, in the order given, to save in a workspace file: base
   * columns, then each kept tag's label column with its current segments (so a threshold moved
   * since the last evaluation is saved as moved); the chosen columns dropped or hashed with a fresh
   * random key (applyPrivacy). Rejects with `no-such-table` or `bad-privacy-choice`.
   */
  savedTables(request: SavedTablesRequest): Promise<SavedTable[]>;
  /**
   * Replaces everything loaded (tables and kept SQL result columns, dropped from SQLite too) by
   * `tables`, each installed in order with its base columns only (tag columns are left out: the
   * app evaluates the tags again). Rejects with `bad-table`, before anything is dropped, when a
   * table's columns do not match its row count or two tables share a name. Returns the tables.
   */
  replaceTables(tables: SavedTable[]): Promise<TableInfo[]>;
  /**
   * Autosave: stores the listed tables of workspace `workspaceId` in IndexedDB that are not stored
   * yet (each import once; base columns only) and forgets its other stored tables. Rejects with
   * `storage-full` when the browser's quota is reached.
   */
  persistTables(workspaceId: string, tables: { name: string; kind: SavedTableKind }[]): Promise<void>;
  /** Replaces every loaded table with the workspace's stored tables; returns their names and kinds, in order. */
  restoreTables(workspaceId: string): Promise<{ name: string; kind: SavedTableKind }[]>;
}

/** Which tables a workspace file saves, and what privacy does to them. */
export interface SavedTablesRequest {
  tables: string[];
  /** Each table's kind (a missing one is 'imported'). */
  kinds: Record<string, SavedTableKind>;
  drop: ColumnRef[];
  hash: ColumnRef[];
}

/**
 * The file worker: writes and reads `.tagbook` files with its own sql.js. It is started for one
 * call and terminated after it, so a hostile file never touches the SQL worker, and its memory is
 * released at once. Errors cross with the WorkspaceFileError codes (`not-sqlite`, `corrupt`,
 * `not-tagbook`, `newer-version`, `bad-data`, `too-large`), or `write-failed`.
 */
export interface FileWorkerApi {
  /** The bytes of a `.tagbook` file holding `file` (its buffer is transferred). */
  writeWorkspaceFile(file: Omit<WorkspaceFile, 'fileVersion'>): Promise<Uint8Array>;
  /** The workspace in a `.tagbook` file, checked through (every column buffer is transferred). */
  readWorkspaceFile(bytes: Uint8Array): Promise<WorkspaceFile>;
}

/** Which customers an export takes: those in `segments` of tag `tag` (-1: no segment). */
export interface ExportFilter {
  tag: string;
  segments: number[];
}

/** What `exportRows` returns: the columns written and the rows' values as the grid shows them. */
export interface ExportedRows {
  columns: ColumnInfo[];
  rows: GridValue[][];
}

/** Some customers of one segment, to pick one and ask why they are there. */
export interface SegmentMembers {
  customers: { id: string; revenue: number | null }[];
  count: number;
}

/** The SQL worker: SQLite, filled from the data worker. */
export interface SqlWorkerApi {
  /** Listens on `port` for tables from the data worker and fills SQLite with them in the background. */
  attach(port: MessagePort): Promise<void>;
  /** How far each table has been written. */
  fillStatus(): Promise<FillStatus>;
  /** Resolves when every table received so far is completely written. */
  whenFilled(): Promise<void>;
  /**
   * Runs a SQL cell once SQLite is filled. Statements before the last run as they are; when the
   * last is a query (SELECT / WITH / VALUES), its rows are kept as table `resultName` (replaced if
   * it exists). SQLite errors reject with code `sql-error` and SQLite's message. `:name` tokens
   * are bound to `parameters` (code `unknown-parameter` when one names no parameter).
   */
  runCell(resultName: string, sql: string, parameters?: SqlParameter[]): Promise<CellResult>;
  /** Returns rows of a result table in `sort` order (its row order when null), paged by rowid ranges (keyset, never OFFSET). */
  getResultRows(resultName: string, start: number, count: number, sort: GridSort | null): Promise<GridPage>;
  /** Renames a result table; rejects with `name-taken` or `bad-name`. */
  renameResult(from: string, to: string): Promise<void>;
  /** Drops a result table (no error when it does not exist). */
  dropResult(name: string): Promise<void>;
  /** Every table and its columns, for completion in the editor. */
  schema(): Promise<{ name: string; columns: string[] }[]>;
  /**
   * The `.tagbook` file of `file` made from this worker's live database, where every saved table
   * already is (once filled): Tagbook's tables are added, the database exported, and they are
   * dropped again. The file also holds the SQL cells' results. Rejects with `tables-not-current`
   * when a saved table is not there with exactly its columns and rows (the caller writes the file
   * the long way instead).
   */
  exportWorkspaceFile(file: Omit<WorkspaceFile, 'fileVersion'>): Promise<Uint8Array>;
  /** A `series` chart's data over result `name`'s first SERIES_ROW_LIMIT rows (chart error codes as chartData's). */
  resultChartData(name: string, definition: ChartDefinition): Promise<ChartData>;
  /** A result's rows as typed columns (ISO date text read back as dates), e.g. to feed a customer table. */
  exportResult(name: string): Promise<{ columns: Column[]; rowCount: number }>;
}

/** What the customer table cell asks the data worker to build (SPEC §2, issue #4). */
export interface CustomerTableRequest {
  /** The table the result is installed as (and sent to SQLite under). */
  name: string;
  sources: { orders: string; items?: string; customers?: string };
  definition: CustomerTableDefinition;
  /** The user's metrics: row formulas over the customer table. */
  customMetrics: { name: string; formula: string }[];
  /** Parameters formulas may name (`as_of` resolved). */
  parameters: FormulaParameter[];
}

/** The built customer table, as the cell shows it. */
export interface CustomerTableSummary {
  table: TableInfo;
  metrics: MetricDefinition[];
  asOf: number;
  cutoff?: number;
  inputRows: number;
  usedRows: number;
  refundRows: number;
  prospects: number;
  issues: CustomerIssue[];
  /** Each custom metric's outcome: an error stays with its metric, the others are columns of the table. */
  custom: { name: string; ok: boolean; error?: { code: string; message: string; line?: number; column?: number } }[];
}

/** A text column's most frequent values, for pickers (refund statuses, channels). */
export interface ValueCount {
  value: string | null;
  count: number;
}
