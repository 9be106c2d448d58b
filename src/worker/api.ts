/**
 * The whole contract between the page and the worker. Everything crossing it is plain,
 * structured-cloneable data; errors cross as `WorkerError` objects with a code the UI translates.
 */
import type { ColumnSummary, ColumnType, Dialect, FileFormat, ImportIssue, ImportOptions, ImportProgress, ImportResult } from '../engine/index.ts';

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

/** A loaded table as the page lists it. */
export interface TableInfo {
  name: string;
  rowCount: number;
  columns: { name: string; type: ColumnType }[];
  /** Rows written into SQLite so far (equals rowCount when the SQLite copy is complete). */
  sqliteRows: number;
}

/** A page of rows as display text. */
export interface RowPage {
  columns: { name: string; type: ColumnType }[];
  rows: (string | null)[][];
  offset: number;
  totalRows: number;
}

/** A SQL result as display text. */
export interface SqlResult {
  columns: string[];
  rows: (string | number | null)[][];
  elapsedMs: number;
}

/** An error the UI can show: a code for translation, a message, and a line when known. */
export interface WorkerError {
  code: string;
  message: string;
  line?: number;
}

export type ProgressCallback = (progress: ImportProgress) => void;

/** The worker's interface, carried by comlink. */
export interface TagbookWorker {
  /** Reads a file and describes what would be loaded, without loading it. */
  previewFile(bytes: Uint8Array, fileName: string, options: ImportOptions): Promise<ImportPreview>;
  /** Loads a file as a table (replacing a table of the same name); SQLite fills in the background. */
  importFile(bytes: Uint8Array, fileName: string, options: ImportOptions, onProgress?: ProgressCallback): Promise<TableInfo>;
  /**
   * Loads the demo shop (customers, orders, order_items) when no table is loaded yet, so a first
   * visit shows real-looking data; returns the tables loaded afterwards (unchanged otherwise).
   */
  loadDemo(timeZone: string): Promise<TableInfo[]>;
  /** Lists loaded tables in load order. */
  listTables(): Promise<TableInfo[]>;
  /** Returns rows `offset..offset+limit` of a table as display text. */
  getRows(tableName: string, offset: number, limit: number): Promise<RowPage>;
  /** Runs SQL once every table's SQLite copy is complete. */
  runSql(sql: string): Promise<SqlResult>;
}
