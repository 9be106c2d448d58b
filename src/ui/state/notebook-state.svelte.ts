/**
 * The notebook on the page: its cells, and for each SQL cell the state of its last run. Every
 * SQL call goes through here.
 *
 * Invariants: a cell's result table is named by its `resultName`, which is unique among cells
 * and imported tables; a failed run keeps the previous result on screen; a cancelled query
 * restarts SQLite, which is filled again from the data worker, and then the results of the
 * cells that had one are made again, in notebook order, so later cells can still query them.
 */
import {
  AS_OF,
  checkResultName,
  guessRoles,
  insertCell,
  moveCell,
  newCellId,
  nextResultName,
  removeCell,
  updateCell,
  type Cell,
  type CellKind,
  type CustomersCell,
  type FormulaParameter,
  type ResultNameProblem,
  type SqlCell,
} from '../../engine/index.ts';
import type { CellResult, ColumnInfo, CustomerTableRequest, CustomerTableSummary, GridPage, GridSort, RebuildCallback, ValueCount } from '../../worker/api.ts';
import { toTagbookError } from '../../worker/client.ts';
import { localText } from '../i18n/messages.ts';
import type { ShownError } from './import-state.svelte.ts';

/** What the notebook needs of the workers (built from `Workers` in main.ts, or a fake in tests). */
export interface NotebookApi {
  runCell(resultName: string, sql: string): Promise<CellResult>;
  getResultRows(resultName: string, start: number, count: number, sort: GridSort | null): Promise<GridPage>;
  renameResult(from: string, to: string): Promise<void>;
  dropResult(name: string): Promise<void>;
  restartSql(onProgress: RebuildCallback): Promise<void>;
  /** Rows of an imported table (from the data worker's typed columns). */
  getRows(tableName: string, start: number, count: number, sort: GridSort | null): Promise<GridPage>;
  buildCustomerTable(request: CustomerTableRequest): Promise<CustomerTableSummary>;
  columnValues(tableName: string, column: string, limit: number): Promise<ValueCount[]>;
  dropTable(tableName: string): Promise<void>;
  /** Hands a SQL result's rows to the data worker, so a customer table can read it. */
  shareResult(name: string): Promise<void>;
}

/** The last build of a customer table cell. */
export interface CustomersRun {
  status: 'idle' | 'running' | 'done' | 'error';
  summary: CustomerTableSummary | null;
  error: ShownError | null;
  version: number;
}

const CUSTOMERS_IDLE: CustomersRun = { status: 'idle', summary: null, error: null, version: 0 };

export type RunStatus = 'idle' | 'running' | 'done' | 'error' | 'cancelled';

/** The last run of a SQL cell. `version` changes whenever the result table does, so grids refetch. */
export interface CellRun {
  status: RunStatus;
  result: CellResult | null;
  error: ShownError | null;
  version: number;
  startedAt: number;
}

const IDLE: CellRun = { status: 'idle', result: null, error: null, version: 0, startedAt: 0 };

export class NotebookState {
  #cells = $state.raw<Cell[]>([]);
  /** Hears every new cell list (the undo history records them). */
  onCellsChange: (cells: Cell[]) => void = () => {};

  get cells(): Cell[] {
    return this.#cells;
  }

  set cells(cells: Cell[]) {
    this.#cells = cells;
    this.onCellsChange(cells);
  }
  runs = $state.raw<Record<string, CellRun>>({});
  /** SQLite being filled again after a cancelled query (null otherwise). */
  rebuild = $state.raw<{ rowsWritten: number; rowCount: number } | null>(null);
  /** The cell to bring into view after it was added (the page scrolls to it, then clears this). */
  focusCellId = $state<string | null>(null);
  customerRuns = $state.raw<Record<string, CustomersRun>>({});
  /** Names of the imported tables, which results must not take. */
  tableNames: () => string[] = () => [];
  /** A loaded table's columns (for the role form's first guess). */
  tableColumns: (name: string) => ColumnInfo[] = () => [];
  /** The parameters formulas may name, with `as_of` left out while it is on auto. */
  formulaParameters: () => FormulaParameter[] = () => [];
  /** Hears of a built customer table: the tables to list again, and the analysis date it used. */
  onCustomerTableBuilt: (summary: CustomerTableSummary, asOfWasAuto: boolean) => void = () => {};

  private nextVersion = 1;

  constructor(private readonly api: NotebookApi) {}

  /** The names results use, so imports do not take them over silently. */
  resultNames(): string[] {
    return this.cells.flatMap((c) => (c.kind === 'sql' || c.kind === 'customers' ? [c.resultName] : []));
  }

  customersRun(id: string): CustomersRun {
    return this.customerRuns[id] ?? CUSTOMERS_IDLE;
  }

  run(id: string): CellRun {
    return this.runs[id] ?? IDLE;
  }

  /** Adds a cell of `kind` after the cell `afterId` (at the end when null) and returns its id. */
  addCell(kind: CellKind, afterId: string | null = null, content = '', tableName = ''): string {
    const id = newCellId(this.cells);
    const index = afterId === null ? this.cells.length : this.cells.findIndex((c) => c.id === afterId) + 1;
    let cell: Cell;
    if (kind === 'note') cell = { id, kind, collapsed: false, markdown: content };
    else if (kind === 'source') cell = { id, kind, collapsed: false, tableName };
    else if (kind === 'customers') cell = this.newCustomersCell(id, tableName);
    else cell = { id, kind, collapsed: false, sql: content, resultName: nextResultName([...this.tableNames(), ...this.resultNames()]) };
    this.cells = insertCell(this.cells, cell, index);
    this.focusCellId = id;
    return id;
  }

  /** Shows a table in the notebook: its source cell, added at the end if it has none. */
  showTable(tableName: string): string {
    const existing = this.cells.find((c) => c.kind === 'source' && c.tableName === tableName);
    if (existing) {
      this.focusCellId = existing.id;
      return existing.id;
    }
    return this.addCell('source', null, '', tableName);
  }

  /** Deletes a cell; a SQL cell's result table (or a customer table) goes with it. */
  async deleteCell(id: string): Promise<void> {
    const cell = this.cells.find((c) => c.id === id);
    if (!cell) return;
    const hadTable = this.customersRun(id).summary !== null;
    this.cells = removeCell(this.cells, id);
    this.runs = Object.fromEntries(Object.entries(this.runs).filter(([key]) => key !== id));
    this.customerRuns = Object.fromEntries(Object.entries(this.customerRuns).filter(([key]) => key !== id));
    if (cell.kind === 'sql') await this.api.dropResult(cell.resultName).catch(() => {});
    if (cell.kind === 'customers' && hadTable) await this.api.dropTable(cell.resultName).catch(() => {});
  }

  /** Changes a customer table cell's sources, definition or metrics (the view rebuilds after). */
  updateCustomers(id: string, patch: Partial<Pick<CustomersCell, 'sources' | 'definition' | 'customMetrics'>>): void {
    this.cells = updateCell<'customers'>(this.cells, id, patch);
  }

  /** Builds a customer table cell's table in the data worker; a failure keeps the last table. */
  async buildCustomers(id: string): Promise<void> {
    const cell = this.cells.find((c): c is CustomersCell => c.id === id && c.kind === 'customers');
    if (!cell) return;
    const previous = this.customersRun(id);
    this.setCustomersRun(id, { ...previous, status: 'running', error: null });
    const parameters = this.formulaParameters();
    const request: CustomerTableRequest = {
      name: cell.resultName,
      sources: $state.snapshot(cell.sources),
      definition: $state.snapshot(cell.definition) as CustomerTableRequest['definition'],
      customMetrics: $state.snapshot(cell.customMetrics),
      parameters,
    };
    const asOf = parameters.find((p) => p.name === AS_OF);
    if (asOf && typeof asOf.value === 'number') request.definition = { ...request.definition, asOf: asOf.value };
    try {
      // A SQL result as a source is handed over as it is now (re-running that cell means building again).
      for (const name of Object.values(request.sources)) if (name && this.isSqlResult(name)) await this.api.shareResult(name);
      const summary = await this.api.buildCustomerTable(request);
      // A newer build of the same cell may have finished first; the last request wins.
      if (this.customersRun(id).status !== 'running') return;
      this.setCustomersRun(id, { status: 'done', summary, error: null, version: this.nextVersion++ });
      this.onCustomerTableBuilt(summary, !asOf);
    } catch (error) {
      const e = toTagbookError(error);
      const shown: ShownError = { title: localText('customers.failed'), code: e.code, message: e.message };
      if (e.line !== undefined) shown.line = e.line;
      this.setCustomersRun(id, { ...previous, status: 'error', error: shown });
    }
  }

  /** The SQL cells' results that exist now, with their columns (tables a customer table may read). */
  sqlResults(): { name: string; columns: ColumnInfo[] }[] {
    return this.cells.flatMap((c) => {
      const result = c.kind === 'sql' ? this.run(c.id).result : null;
      return result?.materialized ? [{ name: result.name, columns: result.columns }] : [];
    });
  }

  /** Makes a SQL result readable by the data worker before its values are listed or built on. */
  async prepareSource(name: string): Promise<void> {
    if (this.isSqlResult(name)) await this.api.shareResult(name);
  }

  private isSqlResult(name: string): boolean {
    return this.sqlResults().some((r) => r.name === name);
  }

  /** The most frequent values of a column (for the refund and channel pickers). */
  columnValues(tableName: string, column: string): Promise<ValueCount[]> {
    return this.api.columnValues(tableName, column, 200);
  }

  moveCell(id: string, delta: number): void {
    this.cells = moveCell(this.cells, id, delta);
  }

  toggleCollapsed(id: string): void {
    const cell = this.cells.find((c) => c.id === id);
    if (cell) this.cells = updateCell(this.cells, id, { collapsed: !cell.collapsed });
  }

  setNote(id: string, markdown: string): void {
    this.cells = updateCell<'note'>(this.cells, id, { markdown });
  }

  setSql(id: string, sql: string): void {
    this.cells = updateCell<'sql'>(this.cells, id, { sql });
  }

  /** Checks a proposed result name for cell `id` (null when it can be used). */
  checkName(id: string, name: string): ResultNameProblem | null {
    const others = [...this.tableNames(), ...this.cells.flatMap((c) => (c.kind === 'sql' && c.id !== id ? [c.resultName] : []))];
    return checkResultName(name, others);
  }

  /** Renames cell `id`'s result; returns the problem instead when the name cannot be used. */
  async renameResult(id: string, name: string): Promise<ResultNameProblem | 'failed' | null> {
    const cell = this.sqlCell(id);
    if (!cell || cell.resultName === name) return null;
    const problem = this.checkName(id, name);
    if (problem) return problem;
    if (this.run(id).result?.materialized) {
      try {
        await this.api.renameResult(cell.resultName, name);
      } catch {
        return 'failed';
      }
    }
    this.cells = updateCell<'sql'>(this.cells, id, { resultName: name });
    const run = this.run(id);
    if (run.result) this.setRun(id, { ...run, result: { ...run.result, name }, version: this.nextVersion++ });
    return null;
  }

  /** Runs a SQL cell (waiting for SQLite to be filled first); the result replaces the last one. */
  async runCell(id: string): Promise<void> {
    const cell = this.sqlCell(id);
    if (!cell || this.rebuild) return;
    const previous = this.run(id);
    this.setRun(id, { ...previous, status: 'running', error: null, startedAt: performance.now() });
    try {
      const result = await this.api.runCell(cell.resultName, cell.sql);
      this.setRun(id, { status: 'done', result, error: null, version: this.nextVersion++, startedAt: 0 });
    } catch (error) {
      const e = toTagbookError(error);
      if (e.code === 'sql-restarted') {
        this.setRun(id, { ...previous, status: 'cancelled', error: null, startedAt: 0 });
        return;
      }
      const shown: ShownError = { title: localText('cell.sqlFailed'), code: e.code, message: e.message };
      this.setRun(id, { ...previous, status: 'error', error: shown, startedAt: 0 });
    }
  }

  /** Builds every customer table and runs every SQL cell, in notebook order (the demo does this on opening). */
  async runAll(): Promise<void> {
    for (const cell of this.cells) {
      if (cell.kind === 'sql') await this.runCell(cell.id);
      else if (cell.kind === 'customers') await this.buildCustomers(cell.id);
    }
  }

  /**
   * Stops a running query: sql.js cannot be interrupted, so the SQL worker is terminated and a
   * fresh one filled again from the data worker (with progress), then earlier results are made again.
   */
  async cancelRuns(): Promise<void> {
    if (this.rebuild) return;
    this.rebuild = { rowsWritten: 0, rowCount: 0 };
    try {
      await this.api.restartSql((progress) => {
        this.rebuild = progress;
      });
    } finally {
      this.rebuild = null;
    }
    for (const cell of this.cells) {
      if (cell.kind !== 'sql') continue;
      const run = this.run(cell.id);
      if (run.status === 'done' && run.result?.materialized) await this.runCell(cell.id);
    }
  }

  fetchResultPage(id: string, start: number, count: number, sort: GridSort | null): Promise<GridPage> {
    const cell = this.sqlCell(id);
    if (!cell) return Promise.resolve({ start, rows: [], totalRows: 0 });
    return this.api.getResultRows(cell.resultName, start, count, sort);
  }

  fetchTablePage(tableName: string, start: number, count: number, sort: GridSort | null): Promise<GridPage> {
    return this.api.getRows(tableName, start, count, sort);
  }

  private newCustomersCell(id: string, ordersTable: string): CustomersCell {
    const tables = this.tableNames();
    const orders = ordersTable || tables.find((t) => /order/i.test(t) && !/item|line/i.test(t)) || tables[0] || '';
    const guessed = guessRoles(this.tableColumns(orders).flatMap((c) => (c.type === 'unknown' ? [] : [{ name: c.name, type: c.type }])));
    const customers = tables.find((t) => /^customers?$/i.test(t));
    const taken = [...tables, ...this.resultNames()];
    const resultName = checkResultName('customer_table', taken) === null ? 'customer_table' : nextResultName(taken);
    return {
      id,
      kind: 'customers',
      collapsed: false,
      resultName,
      sources: customers ? { orders, customers } : { orders },
      definition: { roles: { customer: guessed.customer ?? '', time: guessed.time ?? '', ...guessed } },
      customMetrics: [],
    };
  }

  private setCustomersRun(id: string, run: CustomersRun): void {
    this.customerRuns = { ...this.customerRuns, [id]: run };
  }

  private sqlCell(id: string): SqlCell | null {
    const cell = this.cells.find((c) => c.id === id);
    return cell?.kind === 'sql' ? cell : null;
  }

  private setRun(id: string, run: CellRun): void {
    this.runs = { ...this.runs, [id]: run };
  }
}
