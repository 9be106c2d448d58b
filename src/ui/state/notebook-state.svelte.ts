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
  defaultTagDefinition,
  guessRoles,
  insertCell,
  moveCell,
  newCellId,
  nextResultName,
  removeCell,
  updateCell,
  type Cell,
  type CellKind,
  type ChartCell,
  type CustomersCell,
  type FormulaParameter,
  sqlParameterNames,
  sqlParameterTokens,
  type SqlParameter,
  thresholdStats,
  type ThresholdIndex,
  type ResultNameProblem,
  type SqlCell,
  type TagCell,
  type TagDefinition,
  type CustomerExplanation,
  type MetricProfile,
  parameterUse,
  thresholdOrderProblem,
  withThreshold,
} from '../../engine/index.ts';
import { isResultChartView, type ChartData, type ChartDefinition } from '../../engine/index.ts';
import type { AnalysisCell, AnalysisDefinition, AnalysisKind } from '../../engine/index.ts';
import { ANALYSIS_RESULT_BASE, defaultAnalysis, freeName } from './analysis-defaults.ts';
import type {
  AnalysisRequest,
  AnalysisResponse,
  CellResult,
  ColumnMatch,
  ColumnInfo,
  CustomerTableRequest,
  CustomerTableSummary,
  GridPage,
  GridSort,
  RebuildCallback,
  RowFilter,
  TagEvaluation,
  SegmentMembers,
  TagSummary,
  ThresholdMove,
  ValueCount,
} from '../../worker/api.ts';
import { SvelteMap } from 'svelte/reactivity';
import { toTagbookError } from '../../worker/client.ts';
import { localText, type LocalText } from '../i18n/messages.ts';
import type { ShownError } from './import-state.svelte.ts';

/** What the notebook needs of the workers (built from `Workers` in main.ts, or a fake in tests). */
export interface NotebookApi {
  runCell(resultName: string, sql: string, parameters?: SqlParameter[]): Promise<CellResult>;
  getResultRows(resultName: string, start: number, count: number, sort: GridSort | null): Promise<GridPage>;
  renameResult(from: string, to: string): Promise<void>;
  dropResult(name: string): Promise<void>;
  restartSql(onProgress: RebuildCallback): Promise<void>;
  /** Rows of an imported table (from the data worker's typed columns). */
  getRows(tableName: string, start: number, count: number, sort: GridSort | null, filter?: RowFilter | null): Promise<GridPage>;
  buildCustomerTable(request: CustomerTableRequest): Promise<CustomerTableSummary>;
  columnValues(tableName: string, column: string, limit: number): Promise<ValueCount[]>;
  /** The median of a numeric column (null when there is none): playbooks' suggestions read it. */
  columnMedian?(tableName: string, column: string): Promise<number | null>;
  dropTable(tableName: string): Promise<void>;
  /** Hands a SQL result's rows to the data worker, so a customer table can read it. */
  shareResult(name: string): Promise<void>;
  evaluateTags(tableName: string, definitions: TagDefinition[], parameters: FormulaParameter[]): Promise<TagEvaluation>;
  retagThresholds(tableName: string, moves: ThresholdMove[], parameters: FormulaParameter[]): Promise<TagSummary[]>;
  /** A kept cut or score tag's sorted metric and running sums, to show a threshold step's table at once. */
  thresholdIndex?(tableName: string, tagName: string): Promise<ThresholdIndex>;
  explainTagCustomer(tableName: string, tagName: string, customerId: string): Promise<CustomerExplanation>;
  segmentMembers(tableName: string, tagName: string, segment: number, limit: number): Promise<SegmentMembers>;
  segmentProfile(tableName: string, tagName: string): Promise<MetricProfile[]>;
  /** A chart's datasets over the table's columns and kept tags. */
  chartData(tableName: string, definition: ChartDefinition): Promise<ChartData>;
  /** A `series` chart's dataset over a SQL result's first rows. */
  resultChartData(resultName: string, definition: ChartDefinition): Promise<ChartData>;
  /** Runs an analysis (issue #9) in the data worker; its result table is installed there. */
  runAnalysis?(request: AnalysisRequest): Promise<AnalysisResponse>;
}

/** The last run of an analysis cell; a failed run keeps the last result (the error shown beside it). */
export interface AnalysisRun {
  status: 'idle' | 'running' | 'done' | 'error';
  response: AnalysisResponse | null;
  error: ShownError | null;
  version: number;
  /** The customer table or its tags changed since the run (Run again brings it up to date). */
  stale?: boolean;
}

const ANALYSIS_IDLE: AnalysisRun = { status: 'idle', response: null, error: null, version: 0 };

/** The last data of a chart cell; a failed request keeps the last data (the error is shown beside it). */
export interface ChartRun {
  status: 'idle' | 'running' | 'done' | 'error';
  data: ChartData | null;
  error: ShownError | null;
  /** Changes with every new `data`: the chart puts it into its view (no re-embedding). */
  version: number;
}

const CHART_IDLE: ChartRun = { status: 'idle', data: null, error: null, version: 0 };

/** The last evaluation of a tag cell; `problem` is a refused threshold move (kept until the next good one). */
export interface TagRun {
  status: 'idle' | 'running' | 'done' | 'error';
  summary: TagSummary | null;
  error: ShownError | null;
  problem: LocalText | null;
  version: number;
}

const TAG_IDLE: TagRun = { status: 'idle', summary: null, error: null, problem: null, version: 0 };

/** The last build of a customer table cell. */
export interface CustomersRun {
  status: 'idle' | 'running' | 'done' | 'error';
  summary: CustomerTableSummary | null;
  error: ShownError | null;
  version: number;
  /**
   * The table is the one a workspace file was saved with, without the orders it was built from
   * ("definitions and the tagged customer table only"): it is shown and tagged as saved, and
   * cannot be built again here.
   */
  savedOnly?: boolean;
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
  /** The result may read tag columns whose thresholds moved since (re-runs when the slider is released). */
  stale?: boolean;
}

const IDLE: CellRun = { status: 'idle', result: null, error: null, version: 0, startedAt: 0 };

/** The full evaluation (tag columns written, SQL readers re-run) follows the last slider input by this much… */
const SETTLE_AFTER_INPUT_MS = 400;
/** …or the slider's release by the pointer (`change`) by this much. */
const SETTLE_AFTER_RELEASE_MS = 100;
/** A customer table using a parameter is built again this long after the parameter's last change. */
const CUSTOMERS_AFTER_PARAMETER_MS = 300;

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
  /**
   * Tag and chart runs by cell id, in reactive maps: a slider step replaces one tag's run and a
   * few charts', and only what reads those ids updates (a plain object replaced whole woke every
   * tag and chart of the notebook on every step).
   */
  readonly tagRuns = new SvelteMap<string, TagRun>();
  readonly chartRuns = new SvelteMap<string, ChartRun>();
  readonly analysisRuns = new SvelteMap<string, AnalysisRun>();
  /** Hears of tables installed or dropped other than by a customer table build (analysis results). */
  onTablesChanged: () => void = () => {};
  /** Names of the imported tables, which results must not take. */
  tableNames: () => string[] = () => [];
  /** A loaded table's columns (for the role form's first guess). */
  tableColumns: (name: string) => ColumnInfo[] = () => [];
  /** The parameters formulas may name, with `as_of` left out while it is on auto. */
  formulaParameters: () => FormulaParameter[] = () => [];
  /** The parameters SQL cells may name (`:name`), with `as_of` on auto resolved when known (else null). */
  sqlParameters: () => SqlParameter[] = () => [];
  /** Hears of a table whose tag columns were written again (its column list changed). */
  onTableRewritten: (tableName: string) => void = () => {};
  /** Hears of a built customer table: the tables to list again, and the analysis date it used. */
  onCustomerTableBuilt: (summary: CustomerTableSummary, asOfWasAuto: boolean) => void = () => {};

  private nextVersion = 1;
  /** The latest tag request per table; older answers are dropped (a slider sends many). */
  private tagRequests: Record<string, number> = {};
  /** Pending full evaluations after a threshold moved, by table (debounced, see settleThresholds). */
  private settleTimers: Record<string, ReturnType<typeof setTimeout>> = {};

  constructor(private readonly api: NotebookApi) {}

  /** The names results use, so imports do not take them over silently. */
  resultNames(): string[] {
    return this.cells.flatMap((c) => (c.kind === 'sql' || c.kind === 'customers' || c.kind === 'analysis' ? [c.resultName] : []));
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
    else if (kind === 'tag') cell = this.newTagCell(id, tableName);
    else if (kind === 'chart') cell = this.newChartCell(id, tableName);
    else if (kind === 'analysis') cell = this.newAnalysisCell(id, (content || 'backtest') as AnalysisKind, tableName);
    else cell = { id, kind: 'sql', collapsed: false, sql: content, resultName: nextResultName([...this.tableNames(), ...this.resultNames()]) };
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
    this.tagRuns.delete(id);
    this.chartRuns.delete(id);
    const hadResult = this.analysisRun(id).response !== null;
    this.analysisRuns.delete(id);
    delete this.thresholdIndexes[id];
    if (cell.kind === 'analysis' && hadResult) {
      await this.api.dropTable(cell.resultName).catch(() => {});
      this.onTablesChanged();
    }
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
    if (this.isSavedOnly(cell)) {
      this.setCustomersRun(id, { status: 'done', summary: null, error: null, version: this.nextVersion++, savedOnly: true });
      if (this.tagCells(cell.resultName).length > 0) await this.evaluateTags(cell.resultName);
      return;
    }
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
      this.markAnalysesStale(cell.resultName);
      if (this.tagCells(cell.resultName).length > 0) await this.evaluateTags(cell.resultName);
    } catch (error) {
      const e = toTagbookError(error);
      const shown: ShownError = { title: localText('customers.failed'), code: e.code, message: e.message };
      if (e.line !== undefined) shown.line = e.line;
      this.setCustomersRun(id, { ...previous, status: 'error', error: shown });
    }
  }

  /**
   * Customer tables a workspace file brought without their orders (see CustomersRun.savedOnly):
   * while a cell's sources are missing and its table is one of these, it is used as saved.
   */
  savedOnlyTables: string[] = [];

  private isSavedOnly(cell: CustomersCell): boolean {
    if (!this.savedOnlyTables.includes(cell.resultName)) return false;
    const loaded = this.tableNames();
    return Object.values(cell.sources).some((name) => name && !loaded.includes(name) && !this.isSqlResult(name));
  }

  /**
   * Forgets every run, filter and pending timer: another workspace is being opened (its cells are
   * set next, and run from scratch).
   */
  resetRuns(): void {
    for (const timer of [...Object.values(this.settleTimers), ...Object.values(this.buildTimers)]) clearTimeout(timer);
    this.settleTimers = {};
    this.buildTimers = {};
    this.tagRequests = {};
    this.runs = {};
    this.customerRuns = {};
    this.tagRuns.clear();
    this.chartRuns.clear();
    this.analysisRuns.clear();
    this.thresholdIndexes = {};
    this.gridFilters = {};
    this.pickedCustomer = null;
    this.focusCellId = null;
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
  columnMedian(tableName: string, column: string): Promise<number | null> {
    return this.api.columnMedian?.(tableName, column) ?? Promise.resolve(null);
  }

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
    let cells = updateCell<'sql'>(this.cells, id, { resultName: name });
    // Charts of the result follow it.
    for (const chart of cells.filter((c): c is ChartCell => c.kind === 'chart' && c.tableName === cell.resultName)) cells = updateCell<'chart'>(cells, chart.id, { tableName: name });
    this.cells = cells;
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
      const result = await this.api.runCell(cell.resultName, cell.sql, this.sqlParameters());
      this.setRun(id, { status: 'done', result, error: null, version: this.nextVersion++, startedAt: 0 });
      void this.refreshCharts(result.name);
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
      else if (cell.kind === 'tag' && this.tagRun(cell.id).status === 'idle') await this.evaluateTags(cell.tableName);
      else if (cell.kind === 'chart' && this.chartRun(cell.id).status === 'idle') await this.refreshChart(cell.id);
      else if (cell.kind === 'analysis' && this.analysisRun(cell.id).status === 'idle' && this.api.runAnalysis) await this.runAnalysis(cell.id);
    }
  }

  tagRun(id: string): TagRun {
    return this.tagRuns.get(id) ?? TAG_IDLE;
  }

  /** The tag cells reading `tableName`, in notebook order. */
  tagCells(tableName: string): TagCell[] {
    return this.cells.filter((c): c is TagCell => c.kind === 'tag' && c.tableName === tableName);
  }

  /**
   * Adds one tag cell per definition (a tags file), after the last tag cell or at the end, over the
   * first customer table, in one step (one undo), then evaluates that table's tags. A definition
   * whose name is taken keeps it: the evaluation reports the duplicate on that tag alone.
   */
  async addTags(definitions: readonly TagDefinition[]): Promise<void> {
    if (definitions.length === 0) return;
    const tableName = this.cells.find((c): c is CustomersCell => c.kind === 'customers')?.resultName ?? 'customer_table';
    let cells = this.cells;
    const lastTag = cells.map((c) => c.kind).lastIndexOf('tag');
    let index = lastTag >= 0 ? lastTag + 1 : cells.length;
    let firstId: string | null = null;
    for (const definition of definitions) {
      const id = newCellId(cells);
      firstId ??= id;
      cells = insertCell(cells, { id, kind: 'tag', collapsed: false, tableName, definition }, index++);
    }
    this.cells = cells;
    this.focusCellId = firstId;
    await this.evaluateTags(tableName);
  }

  /** Every tag cell's definition, in notebook order, as a tags file (what the CLI's --tags reads). */
  tagsFileText(): string {
    const definitions = this.cells.flatMap((c) => (c.kind === 'tag' ? [$state.snapshot(c.definition)] : []));
    return `${JSON.stringify(definitions, null, 2)}\n`;
  }

  /** Replaces a tag cell's definition (recorded for undo) and evaluates the tags of its table again. */
  async updateTag(id: string, patch: Partial<Pick<TagCell, 'definition' | 'tableName'>>): Promise<void> {
    // An edit made from what the form shows replaces a threshold move still waiting for its answer.
    delete this.pendingDefinitions[id];
    this.cells = updateCell<'tag'>(this.cells, id, patch);
    const cell = this.tagCell(id);
    if (cell) this.markAnalysesStale(cell.tableName);
    if (cell) await this.evaluateTags(cell.tableName);
  }

  /**
   * Evaluates every tag cell reading `tableName` in one call (tags may use each other). A failing
   * call keeps each cell's last segment table and shows the error. When the worker wrote the tag
   * columns into the table again, the SQL cells reading it are re-run (see rerunReaders).
   */
  async evaluateTags(tableName: string): Promise<void> {
    this.applyPendingDefinitions();
    const cells = this.tagCells(tableName);
    if (cells.length === 0) return;
    const request = this.nextTagRequest(tableName);
    for (const cell of cells) this.setTagRun(cell.id, { ...this.tagRun(cell.id), status: 'running' });
    try {
      const definitions = cells.map((c) => $state.snapshot(c.definition) as TagDefinition);
      const { summaries, tableRewritten } = await this.api.evaluateTags(tableName, definitions, this.formulaParameters());
      if (this.tagRequests[tableName] !== request) return;
      cells.forEach((cell, i) => this.setTagRun(cell.id, { status: 'done', summary: summaries[i] ?? null, error: null, problem: null, version: this.nextVersion++ }));
      void this.refreshCharts(tableName);
      if (tableRewritten) {
        this.onTableRewritten(tableName);
        await this.rerunReaders(tableName);
      }
    } catch (error) {
      if (this.tagRequests[tableName] !== request) return;
      const e = toTagbookError(error);
      const shown: ShownError = { title: localText('tag.failed'), code: e.code, message: e.message };
      for (const cell of cells) this.setTagRun(cell.id, { ...this.tagRun(cell.id), status: 'error', error: shown });
    }
  }

  /**
   * Moves threshold `index` of a cut or score tag to `value`. Out-of-order thresholds are refused
   * (returns false and keeps the message on the run). Otherwise the edit is recorded for undo and,
   * when every threshold is a number, the worker re-cuts the kept metric (no formula, no SQL).
   */
  async moveThreshold(id: string, index: number, value: number): Promise<boolean> {
    const cell = this.tagCell(id);
    if (!cell || (cell.definition.kind !== 'cut' && cell.definition.kind !== 'score') || !Number.isFinite(value)) return false;
    const next = withThreshold(this.pendingDefinitions[id] ?? cell.definition, index, value);
    const thresholds = this.resolveThresholds(next);
    const outOfOrder = thresholds ? thresholdOrderProblem(thresholds) : null;
    if (outOfOrder !== null) {
      this.setTagRun(id, { ...this.tagRun(id), problem: localText('tag.outOfOrder', { index: outOfOrder }) });
      return false;
    }
    if (!thresholds || this.tagRun(id).status !== 'done') {
      this.applyPendingDefinitions();
      this.cells = updateCell<'tag'>(this.cells, id, { definition: next });
      await this.evaluateTags(cell.tableName);
      return true;
    }
    // The fast path. With the tag's threshold index (prepareThresholdSteps) the new threshold and
    // its segment table show at once, in this task; the worker's re-cut follows with the codes the
    // charts, the grid and the tags using this one read, and the same figures. Without it, the
    // threshold is put in place with the worker's answer, in one update: one flush and one frame
    // show the threshold and its table together, instead of a frame for each.
    const preview = this.previewRun(id, thresholds);
    if (preview) {
      this.applyPendingDefinitions();
      this.cells = updateCell<'tag'>(this.cells, id, { definition: next });
      this.setTagRun(id, preview);
    } else {
      this.pendingDefinitions[id] = next;
      this.prepareThresholdSteps(id);
    }
    await this.retag(cell.tableName, [{ tag: next.name, thresholds }]);
    return true;
  }

  /** Threshold indexes of tag cells (by id), with the key of what they were built from. */
  private thresholdIndexes: Record<string, { key: string; index: ThresholdIndex }> = {};
  /** Tag cells whose threshold index is being fetched. */
  private thresholdIndexRequests: Record<string, true> = {};

  /**
   * What a cut or score tag's index depends on: its metric (formula, components, inclusive rule)
   * and the build of its table — not its thresholds, which is what a step changes.
   */
  private thresholdIndexKey(cell: TagCell): string {
    const table = this.cells.find((c): c is CustomersCell => c.kind === 'customers' && c.resultName === cell.tableName);
    const metric = JSON.stringify({ ...cell.definition, thresholds: undefined, segments: undefined });
    return `${cell.tableName}\n${table ? this.customersRun(table.id).version : 0}\n${metric}`;
  }

  /**
   * Fetches, once per metric, the sorted index threshold steps of tag cell `id` use to show their
   * segment table at once (the sliders call this when focused or pressed). Nothing for tags
   * without movable thresholds or not yet evaluated.
   */
  prepareThresholdSteps(id: string): void {
    const cell = this.tagCell(id);
    if (!cell || (cell.definition.kind !== 'cut' && cell.definition.kind !== 'score') || this.tagRun(id).status !== 'done' || !this.api.thresholdIndex) return;
    const key = this.thresholdIndexKey(cell);
    if (this.thresholdIndexes[id]?.key === key || this.thresholdIndexRequests[id]) return;
    this.thresholdIndexRequests[id] = true;
    this.api
      .thresholdIndex(cell.tableName, cell.definition.name)
      .then((index) => {
        const now = this.tagCell(id);
        if (now && this.thresholdIndexKey(now) === key) this.thresholdIndexes[id] = { key, index };
      })
      .catch(() => {})
      .finally(() => delete this.thresholdIndexRequests[id]);
  }

  /** The tag run a threshold step shows at once: the current table with the index's figures for `thresholds`; null without a current index. */
  private previewRun(id: string, thresholds: number[]): TagRun | null {
    const cell = this.tagCell(id);
    const stored = this.thresholdIndexes[id];
    const run = this.tagRun(id);
    if (!cell || !stored || !run.summary || run.status !== 'done' || stored.key !== this.thresholdIndexKey(cell)) return null;
    const stats = thresholdStats(stored.index, thresholds);
    if (stats.segments.length !== run.summary.segments.length) return null;
    const segments = run.summary.segments.map((row, i) => {
      const s = stats.segments[i];
      return { ...row, count: s.count, customerShare: s.customerShare, revenue: s.revenue, revenueShare: s.revenueShare, averageOrderValue: s.averageOrderValue };
    });
    const cutPoints = run.summary.cutPoints.map((c, i) => (i === 0 ? { ...c, values: [...thresholds] } : c));
    return { ...run, summary: { ...run.summary, segments, nullCount: stats.nullCount, cutPoints }, problem: null, version: this.nextVersion++ };
  }

  /** Thresholds moved on the fast path whose cell is updated with the worker's answer, by tag cell id (the latest move). */
  private pendingDefinitions: Record<string, TagDefinition> = {};

  /** Puts the moved thresholds waiting for the worker's answer into their cells (recorded for undo as any edit). */
  private applyPendingDefinitions(): void {
    const pending = Object.entries(this.pendingDefinitions);
    if (pending.length === 0) return;
    this.pendingDefinitions = {};
    let cells = this.cells;
    for (const [id, definition] of pending) if (this.tagCell(id)) cells = updateCell<'tag'>(cells, id, { definition });
    this.cells = cells;
  }

  /**
   * The fast path: the worker re-cuts the moved tags and evaluates again the tags using them; each
   * answer goes to the tag cell of that name. SQL readers of the table are marked stale and the
   * full evaluation is scheduled. When the kept results are gone (the table was rebuilt), the tags
   * are evaluated from their definitions instead. Thresholds moved by moveThreshold are put into
   * their cells when the answer arrives (or fails).
   */
  private async retag(tableName: string, moves: ThresholdMove[]): Promise<void> {
    const request = this.nextTagRequest(tableName);
    try {
      const answer = this.api.retagThresholds(tableName, moves, this.formulaParameters());
      // The charts ask now: the worker takes messages in order, so they are computed right after
      // the re-cut, without waiting for its answer to come back here first.
      void this.refreshCharts(tableName);
      const summaries = await answer;
      // A newer move has been sent: its answer carries the latest thresholds and table.
      if (this.tagRequests[tableName] !== request) return;
      this.applyPendingDefinitions();
      const cells = this.tagCells(tableName);
      for (const summary of summaries) {
        const cell = cells.find((c) => c.definition.name.toLowerCase() === summary.name.toLowerCase());
        if (cell) this.setTagRun(cell.id, { status: 'done', summary, error: null, problem: null, version: this.nextVersion++ });
      }
      // SQLite still has the old tag columns: its readers are out of date until the full evaluation.
      for (const reader of this.sqlReaders(tableName)) if (!this.run(reader.id).stale) this.setRun(reader.id, { ...this.run(reader.id), stale: true });
      this.settleTable(tableName, SETTLE_AFTER_INPUT_MS);
    } catch {
      this.applyPendingDefinitions();
      await this.evaluateTags(tableName);
    }
  }

  /**
   * Parameters changed (by name). A customer table whose build uses one (its formulas, or the
   * analysis date) is built again, which evaluates its tags. Elsewhere, a tag whose formulas (or
   * weights, caps, breaks, reference values) use one is evaluated again; when the changed
   * parameters only sit in cut or score thresholds, those tags take the fast path, as a slider does.
   */
  parametersChanged(names: readonly string[], usedByCustomerTable: (cell: CustomersCell, name: string) => boolean): void {
    if (names.length === 0) return;
    this.sqlParametersChanged(names);
    const rebuilt: string[] = [];
    for (const cell of this.cells) {
      if (cell.kind !== 'customers' || !names.some((name) => usedByCustomerTable(cell, name))) continue;
      rebuilt.push(cell.resultName);
      this.buildCustomersSoon(cell.id);
    }
    const tables = this.cells.flatMap((c) => (c.kind === 'tag' ? [c.tableName] : [])).filter((t, i, all) => all.indexOf(t) === i);
    for (const tableName of tables) {
      if (rebuilt.includes(tableName)) continue;
      const moves: ThresholdMove[] = [];
      let evaluate = false;
      for (const cell of this.tagCells(tableName)) {
        const uses = names.map((name) => parameterUse(cell.definition, name));
        if (uses.some((u) => u.formula || u.other)) evaluate = true;
        else if (uses.some((u) => u.thresholds.length > 0)) {
          const thresholds = this.resolveThresholds(cell.definition);
          if (!thresholds || thresholdOrderProblem(thresholds) !== null || this.tagRun(cell.id).status !== 'done') evaluate = true;
          else moves.push({ tag: cell.definition.name, thresholds });
        }
      }
      if (evaluate) {
        // A metric formula may use the parameter: the threshold indexes of this table are stale.
        for (const cell of this.tagCells(tableName)) delete this.thresholdIndexes[cell.id];
        this.evaluateSoon(tableName);
      } else if (moves.length > 0) void this.retag(tableName, moves);
    }
  }

  /**
   * Parameters SQL cells may name changed: each SQL cell that has run and names one (`:name`) runs
   * again shortly after the last change (a slider sends many). Also called when `as_of` on auto
   * resolves to another date after a build.
   */
  sqlParametersChanged(names: readonly string[]): void {
    const changed = names.map((n) => n.toLowerCase());
    for (const cell of this.cells) {
      if (cell.kind !== 'sql' || this.run(cell.id).status === 'idle') continue;
      if (!sqlParameterTokens(cell.sql).some((t) => changed.includes(t.name.toLowerCase()))) continue;
      clearTimeout(this.sqlTimers[cell.id]);
      this.sqlTimers[cell.id] = setTimeout(() => {
        delete this.sqlTimers[cell.id];
        void this.runCell(cell.id);
      }, CUSTOMERS_AFTER_PARAMETER_MS);
    }
  }

  /** The SQL cells naming a parameter (`:name`), for the parameter's list of users. */
  sqlCellsUsing(name: string): SqlCell[] {
    return this.cells.filter((c): c is SqlCell => c.kind === 'sql' && sqlParameterNames(c.sql, [{ name }]).length > 0);
  }

  /** Debounced runs of SQL cells after parameter changes, by cell id. */
  private sqlTimers: Record<string, ReturnType<typeof setTimeout>> = {};

  /** Debounced builds of customer tables after parameter changes, by cell id. */
  private buildTimers: Record<string, ReturnType<typeof setTimeout>> = {};

  private buildCustomersSoon(id: string): void {
    clearTimeout(this.buildTimers[id]);
    this.buildTimers[id] = setTimeout(() => {
      delete this.buildTimers[id];
      void this.buildCustomers(id);
    }, CUSTOMERS_AFTER_PARAMETER_MS);
  }

  /** Tables whose tags are being evaluated, and whether another evaluation was asked for meanwhile. */
  private evaluating: Record<string, boolean> = {};

  /** Evaluates a table's tags now, or once more after the evaluation under way (many requests, one run). */
  private evaluateSoon(tableName: string): void {
    if (tableName in this.evaluating) {
      this.evaluating[tableName] = true;
      return;
    }
    this.evaluating[tableName] = false;
    void this.evaluateTags(tableName).finally(() => {
      const again = this.evaluating[tableName];
      delete this.evaluating[tableName];
      if (again) this.evaluateSoon(tableName);
    });
  }

  /**
   * Schedules the full evaluation of tag cell `id`'s table after a threshold move (`delayMs` after
   * the last call; a newer call replaces the pending one). The slider calls this with a short
   * delay when it is released (`change`); every fast-path move schedules it after 400 ms.
   */
  settleThresholds(id: string, delayMs = SETTLE_AFTER_RELEASE_MS): void {
    const cell = this.tagCell(id);
    if (cell) this.settleTable(cell.tableName, delayMs);
  }

  /**
   * Runs now the full evaluations threshold moves have scheduled (and waits for them), so SQLite
   * holds every tag column as the tags are: a save made from SQLite's tables needs that.
   */
  async settleNow(): Promise<void> {
    const tables = Object.keys(this.settleTimers);
    for (const tableName of tables) {
      clearTimeout(this.settleTimers[tableName]);
      delete this.settleTimers[tableName];
    }
    await Promise.all(tables.map((tableName) => this.evaluateTags(tableName)));
  }

  private settleTable(tableName: string, delayMs: number): void {
    clearTimeout(this.settleTimers[tableName]);
    this.settleTimers[tableName] = setTimeout(() => {
      delete this.settleTimers[tableName];
      void this.evaluateTags(tableName);
    }, delayMs);
  }

  /**
   * The SQL cells that may read `tableName`'s tag columns: their SQL names the table (a
   * case-insensitive word match) and they have a result. In notebook order.
   */
  sqlReaders(tableName: string): SqlCell[] {
    const word = new RegExp(`(^|[^A-Za-z0-9_$])${tableName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^A-Za-z0-9_$])`, 'i');
    return this.cells.filter((c): c is SqlCell => c.kind === 'sql' && this.run(c.id).result !== null && word.test(c.sql));
  }

  /** Runs the readers of a rewritten table again, in notebook order (each run waits for SQLite's fill). */
  private async rerunReaders(tableName: string): Promise<void> {
    for (const cell of this.sqlReaders(tableName)) await this.runCell(cell.id);
  }

  /**
   * The customer last picked (from a customer table's grid or a segment's list): every tag cell
   * reading that table explains why the customer is in its segment. `version` tells picks of the
   * same customer apart.
   */
  pickedCustomer = $state.raw<{ tableName: string; customerId: string; version: number } | null>(null);

  pickCustomer(tableName: string, customerId: string): void {
    this.pickedCustomer = { tableName, customerId, version: (this.pickedCustomer?.version ?? 0) + 1 };
  }

  /** Some customers of one segment of a tag cell (biggest revenue first), to pick from. */
  segmentMembers(id: string, segment: number, limit = 20): Promise<SegmentMembers> {
    const cell = this.tagCell(id);
    if (!cell) return Promise.reject(new Error(`No tag cell ${id}`));
    return this.api.segmentMembers(cell.tableName, cell.definition.name, segment, limit);
  }

  /** Every numeric metric's mean and median per segment of a tag cell's tag. */
  segmentProfile(id: string): Promise<MetricProfile[]> {
    const cell = this.tagCell(id);
    if (!cell) return Promise.reject(new Error(`No tag cell ${id}`));
    return this.api.segmentProfile(cell.tableName, cell.definition.name);
  }

  /** "Why is this customer here?" for a tag cell. */
  explainCustomer(id: string, customerId: string): Promise<CustomerExplanation> {
    const cell = this.tagCell(id);
    if (!cell) return Promise.reject(new Error(`No tag cell ${id}`));
    return this.api.explainTagCustomer(cell.tableName, cell.definition.name, customerId);
  }

  /** The thresholds as numbers (parameters resolved), or null when one cannot be resolved. */
  resolveThresholds(definition: TagDefinition): number[] | null {
    if (definition.kind !== 'cut' && definition.kind !== 'score') return null;
    const parameters = this.formulaParameters();
    const values = definition.thresholds.map((t) => {
      if (typeof t === 'number') return t;
      const found = parameters.find((p) => p.name.toLowerCase() === String(t).toLowerCase());
      return typeof found?.value === 'number' ? found.value : NaN;
    });
    return values.some((v) => Number.isNaN(v)) ? null : values;
  }

  private nextTagRequest(tableName: string): number {
    const request = (this.tagRequests[tableName] ?? 0) + 1;
    this.tagRequests[tableName] = request;
    return request;
  }

  private tagCell(id: string): TagCell | null {
    const cell = this.cells.find((c) => c.id === id);
    return cell?.kind === 'tag' ? cell : null;
  }

  private setTagRun(id: string, run: TagRun): void {
    this.tagRuns.set(id, run);
  }

  private newTagCell(id: string, tableName: string): TagCell {
    const table = tableName || this.cells.find((c): c is CustomersCell => c.kind === 'customers')?.resultName || 'customer_table';
    const taken = this.cells.flatMap((c) => (c.kind === 'tag' ? [c.definition.name.toLowerCase()] : []));
    let n = 1;
    while (taken.includes(`tag_${n}`)) n++;
    return { id, kind: 'tag', collapsed: false, tableName: table, definition: defaultTagDefinition('cut', `tag_${n}`, 'revenue') };
  }

  chartRun(id: string): ChartRun {
    return this.chartRuns.get(id) ?? CHART_IDLE;
  }

  /** The chart cells over `tableName`, in notebook order. */
  chartCells(tableName: string): ChartCell[] {
    return this.cells.filter((c): c is ChartCell => c.kind === 'chart' && c.tableName === tableName);
  }

  /**
   * Changes a chart cell's definition (recorded for undo) and fetches its data again; `cellPatch`
   * changes the cell itself (its table, the consent to a hand-edited spec).
   */
  async updateChart(id: string, patch: Partial<ChartDefinition>, cellPatch: Partial<Pick<ChartCell, 'tableName' | 'specAccepted'>> = {}): Promise<void> {
    const cell = this.chartCell(id);
    if (!cell) return;
    const chart = { ...cell.chart, ...patch };
    for (const key of Object.keys(chart) as (keyof ChartDefinition)[]) if (chart[key] === undefined) delete chart[key];
    this.cells = updateCell<'chart'>(this.cells, id, { ...cellPatch, chart });
    await this.refreshChart(id);
  }

  /** Fetches the data of every chart over `tableName` (after its tags were evaluated or a threshold moved). */
  async refreshCharts(tableName: string): Promise<void> {
    await Promise.all(this.chartCells(tableName).map((c) => this.refreshChart(c.id)));
  }

  /** Chart cells with a request under way, and whether another was asked for meanwhile. */
  private chartsInFlight: Record<string, boolean> = {};

  /**
   * Fetches one chart's data. One request per chart at a time: a call while one is under way asks
   * for one more request when it returns (a slider asks many times a second, the chart follows at
   * the worker's pace). An answer for a definition that has changed since is dropped.
   */
  async refreshChart(id: string): Promise<void> {
    if (id in this.chartsInFlight) {
      this.chartsInFlight[id] = true;
      return;
    }
    this.chartsInFlight[id] = false;
    try {
      for (;;) {
        const cell = this.chartCell(id);
        if (!cell) return;
        const asked = cell.chart;
        this.setChartRun(id, { ...this.chartRun(id), status: 'running' });
        try {
          const definition = $state.snapshot(asked) as ChartDefinition;
          const data = isResultChartView(definition.view) ? await this.api.resultChartData(cell.tableName, definition) : await this.api.chartData(cell.tableName, definition);
          if (this.chartCell(id)?.chart === asked) this.setChartRun(id, { status: 'done', data, error: null, version: this.nextVersion++ });
        } catch (error) {
          if (this.chartCell(id)?.chart === asked) {
            const e = toTagbookError(error);
            this.setChartRun(id, { ...this.chartRun(id), status: 'error', error: { title: localText('chart.failed'), code: e.code, message: e.message } });
          }
        }
        if (!this.chartsInFlight[id]) return;
        this.chartsInFlight[id] = false;
      }
    } finally {
      delete this.chartsInFlight[id];
    }
  }

  /** The tag cell a chart shows (by name, in the chart's table), whose thresholds its handles move. */
  chartTagCell(id: string): TagCell | null {
    const cell = this.chartCell(id);
    if (!cell) return null;
    const name = cell.chart.tag.toLowerCase();
    return this.tagCells(cell.tableName).find((c) => c.definition.name.toLowerCase() === name) ?? null;
  }

  /** A chart's threshold handle moved: the tag cell's threshold moves (false when refused). */
  async moveChartThreshold(id: string, index: number, value: number): Promise<boolean> {
    const tag = this.chartTagCell(id);
    return tag ? this.moveThreshold(tag.id, index, value) : false;
  }

  /** A chart's threshold handle was released: the full evaluation follows shortly. */
  settleChartThresholds(id: string): void {
    const tag = this.chartTagCell(id);
    if (tag) this.settleThresholds(tag.id);
  }

  private chartCell(id: string): ChartCell | null {
    const cell = this.cells.find((c) => c.id === id);
    return cell?.kind === 'chart' ? cell : null;
  }

  private setChartRun(id: string, run: ChartRun): void {
    this.chartRuns.set(id, run);
  }

  /**
   * The `series` chart a SQL result starts with: the first column along x, and up to three of the
   * other number columns drawn (null when the result has no number column besides x).
   */
  seriesChartFor(resultName: string): ChartDefinition | null {
    const columns = this.sqlResults().find((r) => r.name === resultName)?.columns ?? [];
    if (columns.length === 0) return null;
    const x = columns[0].name;
    const y = columns.slice(1).filter((c) => c.type === 'integer' || c.type === 'decimal').slice(0, 3).map((c) => c.name);
    return y.length > 0 ? { view: 'series', tag: '', x, y } : null;
  }

  /** Adds a chart of SQL cell `id`'s result right after it (a line per number column); returns its id. */
  addResultChart(id: string): string | null {
    const cell = this.sqlCell(id);
    const chart = cell ? this.seriesChartFor(cell.resultName) : null;
    if (!cell || !chart) return null;
    const chartId = newCellId(this.cells);
    this.cells = insertCell(this.cells, { id: chartId, kind: 'chart', collapsed: false, tableName: cell.resultName, chart }, this.cells.indexOf(cell) + 1);
    this.focusCellId = chartId;
    void this.refreshChart(chartId);
    return chartId;
  }

  /** A new chart: segment sizes of the first tag over the first customer table (or the table given). */
  private newChartCell(id: string, tableName: string): ChartCell {
    const table = tableName || this.cells.find((c): c is CustomersCell => c.kind === 'customers')?.resultName || 'customer_table';
    const tag = this.tagCells(table)[0]?.definition.name ?? '';
    return { id, kind: 'chart', collapsed: false, tableName: table, chart: { view: 'segments', tag } };
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

  analysisRun(id: string): AnalysisRun {
    return this.analysisRuns.get(id) ?? ANALYSIS_IDLE;
  }

  /** The analysis cells' result names (tables a workspace file does not keep: they are run again). */
  analysisResultNames(): string[] {
    return this.cells.flatMap((c) => (c.kind === 'analysis' ? [c.resultName] : []));
  }

  /** Adds an analysis cell of `kind` at the end, over the first customer table, and returns its id. */
  addAnalysis(kind: AnalysisKind): string {
    return this.addCell('analysis', null, kind);
  }

  /** Changes an analysis cell's form (it runs when asked: analyses read every order). */
  updateAnalysis(id: string, analysis: AnalysisDefinition, cellPatch: Partial<Pick<AnalysisCell, 'tableName'>> = {}): void {
    this.cells = updateCell<'analysis'>(this.cells, id, { ...cellPatch, analysis });
  }

  /** Runs an analysis cell in the data worker; a failure keeps the last result. */
  async runAnalysis(id: string): Promise<void> {
    const cell = this.cells.find((c): c is AnalysisCell => c.id === id && c.kind === 'analysis');
    const customers = cell ? this.cells.find((c): c is CustomersCell => c.kind === 'customers' && c.resultName === cell.tableName) : undefined;
    if (!cell || !this.api.runAnalysis) return;
    const previous = this.analysisRun(id);
    if (!customers) {
      const shown: ShownError = { title: localText('analysis.failed'), code: 'no-customer-table', message: `There is no customer table named “${cell.tableName}”.` };
      this.analysisRuns.set(id, { ...previous, status: 'error', error: shown });
      return;
    }
    this.analysisRuns.set(id, { ...previous, status: 'running', error: null });
    const parameters = this.formulaParameters();
    const definition = $state.snapshot(customers.definition) as CustomerTableRequest['definition'];
    const asOf = parameters.find((p) => p.name === AS_OF);
    const request: AnalysisRequest = {
      resultName: cell.resultName,
      customers: {
        sources: $state.snapshot(customers.sources),
        definition: asOf && typeof asOf.value === 'number' ? { ...definition, asOf: asOf.value } : definition,
        customMetrics: $state.snapshot(customers.customMetrics),
        parameters,
      },
      tags: this.tagCells(cell.tableName).map((c) => $state.snapshot(c.definition) as TagDefinition),
      analysis: $state.snapshot(cell.analysis) as AnalysisDefinition,
    };
    try {
      for (const name of Object.values(request.customers.sources)) if (name && this.isSqlResult(name)) await this.api.shareResult(name);
      const response = await this.api.runAnalysis(request);
      this.analysisRuns.set(id, { status: 'done', response, error: null, version: this.nextVersion++ });
      this.onTablesChanged();
    } catch (error) {
      const e = toTagbookError(error);
      const shown: ShownError = { title: localText('analysis.failed'), code: e.code, message: e.message };
      this.analysisRuns.set(id, { ...previous, status: 'error', error: shown });
    }
  }

  /** Rows of an analysis result, optionally only those matching `where` (a picked matrix cell). */
  fetchAnalysisPage(id: string, start: number, count: number, sort: GridSort | null, where: ColumnMatch[] | null = null): Promise<GridPage> {
    const cell = this.cells.find((c): c is AnalysisCell => c.id === id && c.kind === 'analysis');
    if (!cell || !this.analysisRun(id).response) return Promise.resolve({ start, rows: [], totalRows: 0 });
    return this.api.getRows(cell.resultName, start, count, sort, where ? { where } : null);
  }

  private markAnalysesStale(tableName: string): void {
    for (const cell of this.cells) {
      if (cell.kind !== 'analysis' || cell.tableName !== tableName) continue;
      const run = this.analysisRun(cell.id);
      if (run.response && !run.stale) this.analysisRuns.set(cell.id, { ...run, stale: true });
    }
  }

  private newAnalysisCell(id: string, kind: AnalysisKind, tableName: string): AnalysisCell {
    const customers = this.cells.find((c): c is CustomersCell => c.kind === 'customers' && (tableName === '' || c.resultName === tableName));
    const table = customers?.resultName ?? (tableName || 'customer_table');
    const built = customers ? this.customersRun(customers.id).summary : null;
    const tags = this.tagCells(table).map((c) => c.definition.name);
    const resultName = freeName(ANALYSIS_RESULT_BASE[kind], [...this.tableNames(), ...this.resultNames()]);
    return { id, kind: 'analysis', collapsed: false, tableName: table, resultName, analysis: defaultAnalysis(kind, { asOf: built?.asOf ?? null, tags, customers }) };
  }

  fetchResultPage(id: string, start: number, count: number, sort: GridSort | null): Promise<GridPage> {
    const cell = this.sqlCell(id);
    if (!cell) return Promise.resolve({ start, rows: [], totalRows: 0 });
    return this.api.getResultRows(cell.resultName, start, count, sort);
  }

  fetchTablePage(tableName: string, start: number, count: number, sort: GridSort | null, filter: RowFilter | null = null): Promise<GridPage> {
    return this.api.getRows(tableName, start, count, sort, filter);
  }

  /**
   * What each customer table's grid shows, by table name: a tag's segments (set from a segment
   * row or a chart's bar) and an id search. Not part of the workspace's history.
   */
  gridFilters = $state.raw<Record<string, RowFilter>>({});
  /** Results only (for showing a client): forms, SQL and definitions hidden; not part of the workspace's history. */
  resultsOnly = $state(false);
  /** The cells a presentation shows, in order (null: every note, tag, chart and analysis); saved with the workspace's view. */
  presentationCells = $state.raw<string[] | null>(null);

  /** Sets (or with null clears) the grid filter of `tableName`, keeping the part not given. */
  setGridFilter(tableName: string, patch: RowFilter | null): void {
    const next = patch === null ? {} : { ...this.gridFilters[tableName], ...patch };
    if (next.tag === undefined || (next.segments?.length ?? 0) === 0) {
      delete next.tag;
      delete next.segments;
    }
    if (!next.idContains) delete next.idContains;
    const rest = Object.fromEntries(Object.entries(this.gridFilters).filter(([name]) => name !== tableName));
    this.gridFilters = Object.keys(next).length ? { ...rest, [tableName]: next } : rest;
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
