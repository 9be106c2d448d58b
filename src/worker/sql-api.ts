import * as Comlink from 'comlink';
import {
  columnsFromRows,
  describeTableColumns,
  MAX_RESULT_NAME_LENGTH,
  openDatabase,
  pickRowidName,
  quoteIdentifier,
  runCellScript,
  bindSqlParameters,
  exportWorkspaceFileFrom,
  type WorkspaceFile,
  isChartError,
  seriesChartData,
  seriesColumns,
  SERIES_ROW_LIMIT,
  type ChartData,
  type ChartDefinition,
  SqlParameterError,
  type SqlParameter,
  type Column,
  type Database,
  type SqlModule,
  type SqlValue,
} from '../engine/index.ts';
import type { CellResult, ColumnInfo, FillStatus, GridPage, GridSort, GridValue, SqlWorkerApi } from './api.ts';
import { foldSqlName, SqliteFills, type Yield } from './sqlite-fills.ts';
import type { SqlPortMessage } from './table-messages.ts';
import { isWorkerError, workerError } from './worker-error.ts';

/** A table holding a cell's result. */
interface ResultTable {
  name: string;
  rowCount: number;
  columns: ColumnInfo[];
  /** How to name the rowid here (`rowid` unless a result column is called that). */
  rowid: string;
  /** Temp tables listing the result's rowids in a sort order, by `column:direction`. */
  sortTables: Map<string, string>;
}

/** Internal tables start with this; `schema()` hides them. */
const INTERNAL_PREFIX = '__tagbook_';
const PENDING_RESULT = `${INTERNAL_PREFIX}pending_result`;

/**
 * The most rows a SQL cell's result keeps. SQLite runs in a wasm heap capped at 2 GB: a runaway
 * result (a cross join, a missing join condition) would fill it and take the tab with it, so the
 * query stops one row past the limit and the cell says why (issue #10).
 */
export const MAX_RESULT_ROWS = 5_000_000;

const yieldToEventLoop: Yield = () => new Promise((resolve) => setTimeout(resolve, 0));

/**
 * Implements the SQL worker: SQLite filled from the data worker's tables, and SQL cells whose
 * results are kept as tables. It knows nothing about transport, so unit tests call it directly in
 * Node with the sql.js module loaded there.
 */
export class SqlApi implements SqlWorkerApi {
  private readonly db: Database;
  private readonly fills: SqliteFills;
  private readonly results = new Map<string, ResultTable>();
  private port: MessagePort | null = null;
  private sortTableCount = 0;

  constructor(
    sql: SqlModule,
    pause: Yield = yieldToEventLoop,
    /** The result row limit (tests lower it). */
    private readonly maxResultRows = MAX_RESULT_ROWS,
  ) {
    this.db = openDatabase(sql);
    this.fills = new SqliteFills(this.db, pause);
  }

  async attach(port: MessagePort): Promise<void> {
    this.port?.close();
    this.port = port;
    port.onmessage = (event: MessageEvent<SqlPortMessage>) => this.receive(event.data);
  }

  async fillStatus(): Promise<FillStatus> {
    return this.fills.status();
  }

  async whenFilled(): Promise<void> {
    await this.fills.whenFilled();
  }

  async runCell(resultName: string, sql: string, parameters: SqlParameter[] = []): Promise<CellResult> {
    await this.fills.whenFilled();
    this.checkResultName(resultName, this.results.get(resultName));
    const started = performance.now();
    try {
      const bindings = bindSqlParameters(sql, parameters);
      const { finalQuery } = runCellScript(this.db, sql, bindings);
      if (finalQuery === null) {
        // The cell keeps no rows now, so a result it made before would only mislead later cells.
        this.dropResultTable(resultName);
        return { name: resultName, columns: [], rowCount: 0, elapsedMs: performance.now() - started, materialized: false };
      }
      // Written and described under another name first, so a failing query leaves the previous result in place.
      // One row past the limit at most: the query stops there instead of filling the heap.
      const create = `CREATE TABLE ${quoteIdentifier(PENDING_RESULT)} AS SELECT * FROM (${finalQuery}\n) LIMIT ${this.maxResultRows + 1}`;
      if (Object.keys(bindings).length > 0) this.db.run(create, bindings);
      else this.db.run(create);
      const result = { ...this.describeResult(PENDING_RESULT), name: resultName };
      if (result.rowCount > this.maxResultRows) {
        throw workerError(
          'result-too-large',
          `The result has more than ${this.maxResultRows.toLocaleString('en')} rows, more than SQLite in the browser can keep (its memory is capped at 2 GB). ` +
            'Add a filter, aggregate with GROUP BY, or add a LIMIT. The tables and the other results are unchanged.',
          undefined,
          { max: this.maxResultRows },
        );
      }
      this.dropResultTable(resultName);
      this.db.run(`ALTER TABLE ${quoteIdentifier(PENDING_RESULT)} RENAME TO ${quoteIdentifier(resultName)}`);
      this.results.set(resultName, result);
      return { name: resultName, columns: result.columns, rowCount: result.rowCount, elapsedMs: performance.now() - started, materialized: true };
    } catch (error) {
      throw toSqlError(error);
    } finally {
      this.db.run(`DROP TABLE IF EXISTS ${quoteIdentifier(PENDING_RESULT)}`);
    }
  }

  async getResultRows(resultName: string, start: number, count: number, sort: GridSort | null): Promise<GridPage> {
    const result = this.results.get(resultName);
    if (!result) throw workerError('no-such-table', `There is no result named “${resultName}”.`);
    const from = Math.max(0, Math.min(Math.floor(start), result.rowCount));
    const to = Math.min(result.rowCount, from + Math.max(0, Math.floor(count)));
    if (to <= from) return { start: from, rows: [], totalRows: result.rowCount };
    const table = quoteIdentifier(result.name);
    const rowid = result.rowid;
    // Keyset paging: rowids are 1..n in result order (CREATE TABLE … AS writes a fresh table),
    // so a page is a rowid range, as fast at the end as at the start. OFFSET would scan from row 1.
    try {
      const query = sort
        ? `SELECT r.* FROM ${quoteIdentifier(this.sortTable(result, sort))} AS s JOIN ${table} AS r ON r.${rowid} = s.src ` +
          'WHERE s.rowid BETWEEN ? AND ? ORDER BY s.rowid'
        : `SELECT * FROM ${table} WHERE ${rowid} BETWEEN ? AND ? ORDER BY ${rowid}`;
      const rows = selectRows(this.db, query, [from + 1, to]);
      return { start: from, rows: rows.map((row) => row.map(toGridValue)), totalRows: result.rowCount };
    } catch (error) {
      throw toSqlError(error);
    }
  }

  async resultChartData(name: string, definition: ChartDefinition): Promise<ChartData> {
    const result = this.results.get(name);
    if (!result) throw workerError('no-such-table', `There is no result named “${name}” (run its SQL cell first).`);
    try {
      const { x, y } = seriesColumns(definition, result.columns);
      const columns = [x, ...y].map(quoteIdentifier).join(', ');
      const rows = selectRows(this.db, `SELECT ${columns} FROM ${quoteIdentifier(name)} ORDER BY ${result.rowid} LIMIT ${SERIES_ROW_LIMIT}`, []);
      return seriesChartData(definition, { columns: result.columns, rows: rows.map((row) => row.map(toChartValue)), totalRows: result.rowCount });
    } catch (error) {
      if (isChartError(error)) throw workerError(error.code, error.message);
      throw toSqlError(error);
    }
  }

  async exportWorkspaceFile(file: Omit<WorkspaceFile, 'fileVersion'>): Promise<Uint8Array> {
    await this.fills.whenFilled();
    let bytes: Uint8Array;
    try {
      bytes = exportWorkspaceFileFrom(this.db, file);
    } catch (error) {
      throw workerError('tables-not-current', error instanceof Error ? error.message : String(error));
    }
    return Comlink.transfer(bytes, [bytes.buffer as ArrayBuffer]);
  }

  async exportResult(name: string): Promise<{ columns: Column[]; rowCount: number }> {
    const result = this.results.get(name);
    if (!result) throw workerError('no-such-table', `There is no result named “${name}”.`);
    const rows = this.db.exec(`SELECT * FROM ${quoteIdentifier(name)} ORDER BY ${result.rowid}`)[0]?.values ?? [];
    const columns = columnsFromRows(result.columns, rows);
    const buffers = columns.map((c) => (c.type === 'text' ? c.codes.buffer : c.values.buffer)) as ArrayBuffer[];
    return Comlink.transfer({ columns, rowCount: rows.length }, buffers);
  }

  async renameResult(from: string, to: string): Promise<void> {
    const result = this.results.get(from);
    if (!result) throw workerError('no-such-table', `There is no result named “${from}”.`);
    if (from === to) return;
    this.checkResultName(to, result);
    try {
      // SQLite refuses a rename that changes only the case of letters: go through another name.
      if (foldSqlName(from) === foldSqlName(to)) {
        this.db.run(`ALTER TABLE ${quoteIdentifier(from)} RENAME TO ${quoteIdentifier(PENDING_RESULT)}`);
        this.db.run(`ALTER TABLE ${quoteIdentifier(PENDING_RESULT)} RENAME TO ${quoteIdentifier(to)}`);
      } else {
        this.db.run(`ALTER TABLE ${quoteIdentifier(from)} RENAME TO ${quoteIdentifier(to)}`);
      }
    } catch (error) {
      throw toSqlError(error);
    }
    this.dropSortTables(result);
    this.results.delete(from);
    this.results.set(to, { ...result, name: to });
  }

  async dropResult(name: string): Promise<void> {
    this.dropResultTable(name);
  }

  async schema(): Promise<{ name: string; columns: string[] }[]> {
    const listed = this.db.exec(
      "SELECT name FROM sqlite_master WHERE type IN ('table', 'view') UNION ALL " +
        "SELECT name FROM sqlite_temp_master WHERE type IN ('table', 'view') ORDER BY 1",
    )[0];
    const names = (listed?.values ?? []).map((row) => String(row[0])).filter((name) => !name.startsWith(INTERNAL_PREFIX) && !name.startsWith('sqlite_'));
    return names.map((name) => ({ name, columns: describeTableColumns(this.db, name).map((c) => c.name) }));
  }

  private receive(message: SqlPortMessage): void {
    // An imported table replaces a result of the same name (SQLite has one namespace).
    for (const result of [...this.results.values()]) {
      if (foldSqlName(result.name) === foldSqlName(message.name)) this.forgetResult(result);
    }
    this.fills.receive(message);
  }

  /** Throws `bad-name` or `name-taken` unless `name` can hold the result `own` (null for a new one). */
  private checkResultName(name: string, own: ResultTable | undefined): void {
    if (name.trim() === '' || name.length > MAX_RESULT_NAME_LENGTH || name.includes('\u0000') || name.startsWith(INTERNAL_PREFIX)) {
      throw workerError('bad-name', `“${name}” cannot name a result: use 1 to ${MAX_RESULT_NAME_LENGTH} characters, not starting with “${INTERNAL_PREFIX}”.`);
    }
    const key = foldSqlName(name);
    const isOwn = own !== undefined && foldSqlName(own.name) === key;
    if (!isOwn && (this.fills.isImported(name) || this.tableExists(name))) {
      throw workerError('name-taken', `There is already a table named “${name}”.`);
    }
  }

  private tableExists(name: string): boolean {
    const found = this.db.exec(
      "SELECT 1 FROM sqlite_master WHERE name = ? COLLATE NOCASE UNION ALL SELECT 1 FROM sqlite_temp_master WHERE name = ? COLLATE NOCASE",
      [name, name],
    );
    return found.length > 0;
  }

  private describeResult(name: string): ResultTable {
    const columns = describeTableColumns(this.db, name);
    const rowid = pickRowidName(columns.map((c) => c.name));
    if (rowid === null) throw workerError('sql-error', 'A result cannot have columns named rowid, _rowid_ and oid all at once.');
    const rowCount = Number(this.db.exec(`SELECT count(*) FROM ${quoteIdentifier(name)}`)[0].values[0][0]);
    return { name, rowCount, columns, rowid, sortTables: new Map() };
  }

  /** Returns the temp table of the result's rowids in `sort` order, built on first use. */
  private sortTable(result: ResultTable, sort: GridSort): string {
    const column = result.columns[sort.column];
    if (!column) throw workerError('bad-sort', `Result “${result.name}” has no column ${sort.column}.`);
    const key = `${sort.column}:${sort.descending ? 'desc' : 'asc'}`;
    const existing = result.sortTables.get(key);
    if (existing) return existing;
    const name = `${INTERNAL_PREFIX}sort_${++this.sortTableCount}`;
    const col = quoteIdentifier(column.name);
    // NULLs last in both directions; ties keep result order.
    this.db.run(
      `CREATE TEMP TABLE ${quoteIdentifier(name)} AS SELECT ${result.rowid} AS src FROM ${quoteIdentifier(result.name)} ` +
        `ORDER BY ${col} IS NULL, ${col}${sort.descending ? ' DESC' : ''}, ${result.rowid}`,
    );
    result.sortTables.set(key, name);
    return name;
  }

  /** Drops a result table and its sort tables; does nothing for a name that is not a result. */
  private dropResultTable(name: string): void {
    const result = this.results.get(name);
    if (!result) return;
    this.forgetResult(result);
    this.db.run(`DROP TABLE IF EXISTS ${quoteIdentifier(result.name)}`);
  }

  private forgetResult(result: ResultTable): void {
    this.dropSortTables(result);
    this.results.delete(result.name);
  }

  private dropSortTables(result: ResultTable): void {
    for (const name of result.sortTables.values()) this.db.run(`DROP TABLE IF EXISTS temp.${quoteIdentifier(name)}`);
    result.sortTables.clear();
  }
}

function selectRows(db: Database, query: string, params: SqlValue[]): SqlValue[][] {
  return db.exec(query, params)[0]?.values ?? [];
}

/** Blobs are shown by size: the grid has no way to display bytes. */
function toGridValue(value: SqlValue): GridValue {
  return value instanceof Uint8Array ? `<${value.length} bytes>` : value;
}

function toSqlError(error: unknown): unknown {
  if (isWorkerError(error)) return error;
  if (error instanceof SqlParameterError) return workerError('unknown-parameter', error.message);
  return workerError('sql-error', error instanceof Error ? error.message : String(error));
}

/** A SQLite value as a chart takes it (blobs are not drawn). */
function toChartValue(value: SqlValue): string | number | null {
  if (value === null || typeof value === 'number' || typeof value === 'string') return value;
  return null;
}
