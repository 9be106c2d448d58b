import {
  demoShopFiles,
  formatCell,
  isImportError,
  loadCsv,
  loadXlsx,
  looksLikeZip,
  openDatabase,
  runQuery,
  startFillTable,
  tableNameFromFile,
  type Column,
  type Database,
  type ImportOptions,
  type ImportResult,
  type SqlModule,
  type TableFiller,
} from '../engine/index.ts';
import type { ImportPreview, ProgressCallback, RowPage, SqlResult, TableInfo, TagbookWorker, WorkerError } from './api.ts';

const SAMPLE_ROWS = 20;
const FILL_ROWS_PER_STEP = 50_000;

interface LoadedTable {
  name: string;
  columns: Column[];
  rowCount: number;
  sqliteRows: number;
  filler: TableFiller | null;
}

/** Waits for the next macrotask, so messages queued for the worker are handled in between. */
export type Yield = () => Promise<void>;

const yieldToEventLoop: Yield = () => new Promise((resolve) => setTimeout(resolve, 0));

/**
 * Implements the worker interface by calling the engine. It knows nothing about transport, so
 * unit tests call it directly in Node with the sql.js module loaded there.
 */
export class WorkerApi implements TagbookWorker {
  private readonly db: Database;
  private readonly tables = new Map<string, LoadedTable>();
  private filling: Promise<void> | null = null;

  constructor(sql: SqlModule, private readonly pause: Yield = yieldToEventLoop) {
    this.db = openDatabase(sql);
  }

  async previewFile(bytes: Uint8Array, fileName: string, options: ImportOptions): Promise<ImportPreview> {
    const result = await this.read(bytes, fileName, options);
    const count = Math.min(SAMPLE_ROWS, result.loadedRows);
    const sampleRows: (string | null)[][] = [];
    for (let r = 0; r < count; r++) sampleRows.push(result.data.map((c) => formatCell(c, r)));
    return {
      fileName,
      tableName: result.tableName,
      format: result.format ?? 'csv',
      ...(result.sheets ? { sheets: result.sheets } : {}),
      ...(result.sheet !== undefined ? { sheet: result.sheet } : {}),
      byteLength: result.byteLength,
      encoding: result.encoding,
      encodingDetectedBy: result.encodingDetectedBy,
      dialect: result.dialect,
      raggedRows: result.raggedRows,
      columns: result.columns,
      inputRows: result.inputRows,
      loadedRows: result.loadedRows,
      excludedRows: result.excludedRows,
      issues: result.issues,
      sampleRows,
    };
  }

  async importFile(bytes: Uint8Array, fileName: string, options: ImportOptions, onProgress?: ProgressCallback): Promise<TableInfo> {
    const result = await this.read(bytes, fileName, options, onProgress);
    const previous = this.tables.get(result.tableName);
    previous?.filler?.abort();
    this.tables.delete(result.tableName);
    const table: LoadedTable = {
      name: result.tableName,
      columns: result.data,
      rowCount: result.loadedRows,
      sqliteRows: 0,
      filler: startFillTable(this.db, result.tableName, result.data),
    };
    this.tables.set(table.name, table);
    this.fillInBackground();
    return describe(table);
  }

  async loadDemo(timeZone: string): Promise<TableInfo[]> {
    if (this.tables.size === 0) {
      for (const file of demoShopFiles()) await this.importFile(file.bytes, file.fileName, { timeZone });
    }
    return this.listTables();
  }

  async listTables(): Promise<TableInfo[]> {
    return [...this.tables.values()].map(describe);
  }

  async getRows(tableName: string, offset: number, limit: number): Promise<RowPage> {
    const table = this.tables.get(tableName);
    if (!table) throw workerError('no-such-table', `There is no table named “${tableName}”.`);
    const start = Math.max(0, Math.min(offset, table.rowCount));
    const end = Math.min(table.rowCount, start + Math.max(0, limit));
    const rows: (string | null)[][] = [];
    for (let r = start; r < end; r++) rows.push(table.columns.map((c) => formatCell(c, r)));
    return { columns: table.columns.map((c) => ({ name: c.name, type: c.type })), rows, offset: start, totalRows: table.rowCount };
  }

  async runSql(sql: string): Promise<SqlResult> {
    await this.filling;
    const started = performance.now();
    try {
      const result = runQuery(this.db, sql);
      return {
        columns: result.columns,
        rows: result.rows.map((row) => row.map((v) => (v instanceof Uint8Array ? `<${v.length} bytes>` : v))),
        elapsedMs: performance.now() - started,
      };
    } catch (error) {
      throw workerError('sql-error', error instanceof Error ? error.message : String(error));
    }
  }

  /** Resolves when every table's SQLite copy is complete (for tests and the CLI). */
  async whenFilled(): Promise<void> {
    await this.filling;
  }

  /** Reads an .xlsx workbook (a ZIP archive named .xlsx) or a delimited text file. */
  private async read(bytes: Uint8Array, fileName: string, options: ImportOptions, onProgress?: ProgressCallback): Promise<ImportResult> {
    const loadOptions = { ...options, tableName: options.tableName ?? tableNameFromFile(fileName), onProgress };
    try {
      if (isXlsx(bytes, fileName)) return await loadXlsx(bytes, loadOptions);
      return loadCsv(bytes, loadOptions);
    } catch (error) {
      if (isImportError(error)) throw workerError(error.code, error.message, error.line);
      throw error;
    }
  }

  private fillInBackground(): void {
    if (this.filling) return;
    this.filling = (async () => {
      for (;;) {
        const next = [...this.tables.values()].find((t) => t.filler);
        if (!next?.filler) break;
        const progress = next.filler.step(FILL_ROWS_PER_STEP);
        next.sqliteRows = progress.rowsWritten;
        if (progress.done) next.filler = null;
        await this.pause();
      }
      this.filling = null;
    })();
  }
}

/** An Excel workbook: the ZIP signature and an .xlsx name (other ZIP files stay CSV, and fail as binary). */
function isXlsx(bytes: Uint8Array, fileName: string): boolean {
  return looksLikeZip(bytes) && /\.xlsx$/i.test(fileName);
}

function describe(table: LoadedTable): TableInfo {
  return {
    name: table.name,
    rowCount: table.rowCount,
    columns: table.columns.map((c) => ({ name: c.name, type: c.type })),
    sqliteRows: table.sqliteRows,
  };
}

/**
 * Errors cross the worker boundary as plain objects: comlink clones those whole, whereas an
 * Error instance would lose its `code` and `line`.
 */
function workerError(code: string, message: string, line?: number): WorkerError {
  return line === undefined ? { code, message } : { code, message, line };
}
