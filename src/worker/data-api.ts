import * as Comlink from 'comlink';
import {
  applyPrivacy,
  buildSortPermutation,
  buildThresholdIndex,
  columnLength,
  demoShopFiles,
  dependentTags,
  segmentProfile,
  tagMentions,
  evaluateTags,
  explainCustomer,
  loadCsv,
  readExportRows,
  readGridValue,
  recut,
  runAnalysis,
  isAnalysisError,
  isCustomerTableError,
  isFormulaError,
  type AnalysisOutput,
  tableNameFromFile,
  tagColumn,
  thresholdOrderProblem,
  type Column,
  type CustomerExplanation,
  type FormulaParameter,
  type MetricProfile,
  type SavedTable,
  type TagDefinition,
  type TagResult,
  type ThresholdIndex,
} from '../engine/index.ts';
import type {
  AnalysisRequest,
  AnalysisResponse,
  ColumnMatch,
  CustomerTableRequest,
  CustomerTableSummary,
  DataWorkerApi,
  ExportedRows,
  ExportFilter,
  GridPage,
  GridSort,
  GridValue,
  RowFilter,
  SavedTablesRequest,
  SegmentMembers,
  TableInfo,
  TagEvaluation,
  ThresholdMove,
  ValueCount,
} from './api.ts';
import { numericColumn, summarizeTag, valueRange, type TagSummary } from './tag-summary.ts';
import { customerTableInput, runCustomerTable, withTable } from './customer-table.ts';
import { columnBuffers, type ImportedTableMessage, type SqlPortMessage } from './table-messages.ts';
import { workerError } from './worker-error.ts';
import { TablePersistence, type PersistedTable } from './table-persistence.ts';
import { computeChartData } from '../engine/charts/chart-data.ts';
import { isChartError } from '../engine/charts/chart-error.ts';
import type { ChartData, ChartDefinition } from '../engine/charts/types.ts';

interface LoadedTable {
  name: string;
  columns: Column[];
  rowCount: number;
  /**
   * The columns as loaded or built, before any tag column was written; tags always read these, so
   * a tag is never shadowed by a stale copy of a tag column of the same name.
   */
  baseColumns: Column[];
  /** Row orders already built, by `column:direction`; a replaced table starts with none. */
  sortOrders: Map<string, Uint32Array>;
  /** Evaluated tags over this table, by lower-case name (a replaced table starts with none). */
  tags: Map<string, KeptTag>;
  /** Counts changes of the tags' codes (evaluations and threshold moves), for caches of filtered rows. */
  tagsVersion: number;
  /** The last filtered row list, by filter, sort and tags version. */
  filtered?: { key: string; rows: Uint32Array };
  /**
   * The kept tags that use the moved tags, by the moved names: found once per evaluation, not on
   * every slider step (finding them parses every kept tag's formulas).
   */
  dependents: Map<string, TagDefinition[]>;
}

/** An evaluated tag kept for the threshold fast path and explanations. */
interface KeptTag {
  definition: TagDefinition;
  result: TagResult;
  range?: { min: number; max: number };
}

interface PendingReceive {
  port: MessagePort;
  reject: (error: unknown) => void;
}

/**
 * Implements the data worker: it owns the loaded tables as typed columns, serves grid pages from
 * them and sends every table on to the connected SQL worker. Unit tests call it directly in Node.
 */
export class DataApi implements DataWorkerApi {
  private readonly tables = new Map<string, LoadedTable>();
  /** SQL results' columns, kept for customer tables to read (see putResultColumns). */
  private readonly results = new Map<string, { columns: Column[]; rowCount: number }>();
  private readonly pending = new Map<number, PendingReceive>();
  private sqlPort: MessagePort | null = null;

  /** `persistence`: where autosave keeps the tables (IndexedDB; tests pass their own). */
  constructor(private readonly persistence: TablePersistence = new TablePersistence()) {}

  receiveTable(port: MessagePort, receiveId: number): Promise<TableInfo> {
    return new Promise<TableInfo>((resolve, reject) => {
      this.pending.set(receiveId, { port, reject });
      port.onmessage = (event: MessageEvent<ImportedTableMessage>) => {
        this.stopReceiving(receiveId);
        const { name, columns } = event.data.table;
        resolve(this.install(name, columns));
      };
      port.onmessageerror = () => {
        this.stopReceiving(receiveId);
        reject(workerError('internal', 'The imported table could not be read.'));
      };
    });
  }

  async cancelReceive(receiveId: number): Promise<void> {
    const waiting = this.pending.get(receiveId);
    if (!waiting) return;
    this.stopReceiving(receiveId);
    waiting.reject(workerError('cancelled', 'The import was cancelled.'));
  }

  async loadDemo(timeZone: string): Promise<TableInfo[]> {
    if (this.tables.size === 0) {
      for (const file of demoShopFiles()) {
        const result = loadCsv(file.bytes, { timeZone, tableName: tableNameFromFile(file.fileName) });
        this.install(result.tableName, result.data);
      }
    }
    return this.listTables();
  }

  async listTables(): Promise<TableInfo[]> {
    return [...this.tables.values()].map(describe);
  }

  async getRows(tableName: string, start: number, count: number, sort: GridSort | null, filter: RowFilter | null = null): Promise<GridPage> {
    const table = this.tables.get(tableName);
    if (!table) throw workerError('no-such-table', `There is no table named “${tableName}”.`);
    const order = sort ? this.sortOrder(table, sort) : null;
    const kept = filter ? this.filteredRows(table, order, sort, filter) : null;
    const total = kept ? kept.length : table.rowCount;
    const from = Math.max(0, Math.min(Math.floor(start), total));
    const to = Math.min(total, from + Math.max(0, Math.floor(count)));
    const rows: GridValue[][] = [];
    for (let i = from; i < to; i++) {
      const row = kept ? kept[i] : order ? order[i] : i;
      rows.push(table.columns.map((c) => readGridValue(c, row)));
    }
    return { start: from, rows, totalRows: total };
  }

  /**
   * The rows matching `filter`, in `order` (table order without one). The last answer is kept for
   * the next page of the same filter, sort and tag results (a threshold move changes the codes:
   * `tagsVersion` tells).
   */
  private filteredRows(table: LoadedTable, order: Uint32Array | null, sort: GridSort | null, filter: RowFilter): Uint32Array {
    const key = JSON.stringify([filter.tag ?? null, filter.segments ?? null, filter.idContains ?? '', filter.where ?? null, sort, table.tagsVersion]);
    if (table.filtered?.key === key) return table.filtered.rows;
    let codes: Int32Array | null = null;
    let wanted: Set<number> | null = null;
    if (filter.tag) {
      const tag = table.tags.get(filter.tag.toLowerCase());
      if (!tag) throw workerError('not-evaluated', `The tag “${filter.tag}” has no result yet.`);
      codes = tag.result.codes;
      wanted = new Set(filter.segments ?? []);
    }
    const needle = (filter.idContains ?? '').trim().toLowerCase();
    const id = needle ? this.idColumn(table) : undefined;
    // Text ids: the dictionary entries that match, looked up once.
    let idMatches: Uint8Array | null = null;
    if (id && id.type === 'text') idMatches = Uint8Array.from(id.dictionary, (v) => (v.toLowerCase().includes(needle) ? 1 : 0));
    const matches = filter.where?.length ? columnMatches(table, filter.where) : null;
    const out = new Uint32Array(table.rowCount);
    let n = 0;
    for (let i = 0; i < table.rowCount; i++) {
      const row = order ? order[i] : i;
      if (codes && wanted && !wanted.has(codes[row])) continue;
      if (matches && !matches(row)) continue;
      if (id) {
        if (idMatches && id.type === 'text') {
          const code = id.codes[row];
          if (code < 0 || !idMatches[code]) continue;
        } else if (!String(readGridValue(id, row) ?? '').toLowerCase().includes(needle)) continue;
      }
      out[n++] = row;
    }
    const rows = out.slice(0, n);
    table.filtered = { key, rows };
    return rows;
  }

  async dropTable(tableName: string): Promise<void> {
    if (!this.tables.delete(tableName)) return;
    this.sendToSql({ type: 'drop', name: tableName });
  }

  async connectSql(port: MessagePort): Promise<void> {
    this.sqlPort?.close();
    this.sqlPort = port;
    for (const table of this.tables.values()) this.sendToSql({ type: 'table', name: table.name, columns: table.columns });
  }

  /** Adds a table (a table of the same name is replaced and moves to the end) and sends it to SQL. */
  async buildCustomerTable(request: CustomerTableRequest): Promise<CustomerTableSummary> {
    const built = runCustomerTable(request, (name) => {
      const table = this.tables.get(name) ?? this.results.get(name);
      return table ? { columns: table.columns, rowCount: table.rowCount } : null;
    });
    return withTable(built.summary, this.install(request.name, built.columns));
  }

  async runAnalysis(request: AnalysisRequest): Promise<AnalysisResponse> {
    const started = performance.now();
    const input = customerTableInput(request.customers.sources, (name) => this.inputTable(name));
    let output: AnalysisOutput;
    try {
      output = runAnalysis(
        { input, definition: request.customers.definition, customMetrics: request.customers.customMetrics, tags: request.tags, parameters: request.customers.parameters },
        request.analysis,
      );
    } catch (error) {
      if (isAnalysisError(error) || isCustomerTableError(error)) throw workerError(error.code, error.message);
      if (isFormulaError(error)) throw workerError(error.code, error.message, error.line);
      throw error;
    }
    const table = this.install(request.resultName, output.table.columns);
    return { result: output.result, table, elapsedMs: performance.now() - started };
  }

  private inputTable(name: string): { columns: Column[]; rowCount: number } | null {
    const table = this.tables.get(name) ?? this.results.get(name);
    return table ? { columns: table.columns, rowCount: table.rowCount } : null;
  }

  async putResultColumns(name: string, columns: Column[], rowCount: number): Promise<void> {
    this.results.set(name, { columns, rowCount });
  }

  async columnMedian(tableName: string, column: string): Promise<number | null> {
    const table = this.tables.get(tableName);
    const found = table?.columns.find((c) => c.name === column);
    if (!found || found.type === 'text') return null;
    const values = found.values.filter((v) => !Number.isNaN(v)).sort();
    if (values.length === 0) return null;
    const middle = values.length >> 1;
    return values.length % 2 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
  }

  async columnValues(tableName: string, column: string, limit: number): Promise<ValueCount[]> {
    const table = this.tables.get(tableName) ?? this.results.get(tableName);
    const found = table?.columns.find((c) => c.name === column);
    if (!table || !found) throw workerError('no-such-column', `There is no column “${column}” in “${tableName}”.`);
    if (found.type !== 'text') return [];
    // Counts per dictionary code in one pass; index dictionary.length counts NULLs.
    const counts = new Int32Array(found.dictionary.length + 1);
    for (let i = 0; i < found.codes.length; i++) counts[found.codes[i] < 0 ? found.dictionary.length : found.codes[i]]++;
    const values: ValueCount[] = [];
    for (let code = 0; code <= found.dictionary.length; code++) {
      if (counts[code] > 0) values.push({ value: code < found.dictionary.length ? found.dictionary[code] : null, count: counts[code] });
    }
    values.sort((a, b) => b.count - a.count);
    return values.slice(0, Math.max(0, limit));
  }

  async evaluateTags(tableName: string, definitions: TagDefinition[], parameters: FormulaParameter[]): Promise<TagEvaluation> {
    const table = this.table(tableName);
    const results = evaluateTags(definitions, { columns: table.baseColumns, rowCount: table.rowCount }, parameters);
    const { revenue, orders } = this.money(table);
    table.tags.clear();
    table.dependents.clear();
    table.tagsVersion++;
    const summaries = results.map((result, i) => this.keepTag(table, definitions[i], result, revenue, orders));
    return { summaries, tableRewritten: this.writeTagColumns(table, results) };
  }

  async retagThresholds(tableName: string, moves: ThresholdMove[], parameters: FormulaParameter[]): Promise<TagSummary[]> {
    const table = this.table(tableName);
    // Every move is checked before any tag is touched.
    const checked = moves.map(({ tag, thresholds }) => {
      const kept = table.tags.get(tag.toLowerCase());
      if (!kept || (kept.definition.kind !== 'cut' && kept.definition.kind !== 'score')) {
        throw workerError('not-evaluated', `The tag “${tag}” has not been evaluated with thresholds yet.`);
      }
      if (thresholds.length !== kept.definition.thresholds.length || thresholds.some((t) => typeof t !== 'number' || Number.isNaN(t))) {
        throw workerError('threshold-not-number', 'Every threshold must be a number.');
      }
      const outOfOrder = thresholdOrderProblem(thresholds);
      if (outOfOrder !== null) {
        const [low, high] = [thresholds[outOfOrder - 2], thresholds[outOfOrder - 1]];
        throw workerError('thresholds-out-of-order', `Threshold ${outOfOrder} (${high}) is below threshold ${outOfOrder - 1} (${low}).`, undefined, { index: outOfOrder });
      }
      return { kept, thresholds, definition: kept.definition };
    });
    const { revenue, orders } = this.money(table);
    table.tagsVersion++;
    const summaries = checked.map(({ kept, thresholds, definition }) => {
      const input = definition.kind === 'cut' ? kept.result.inputs.metric : kept.result.inputs.total;
      const inclusive = definition.inclusive ?? (definition.kind === 'cut' ? 'upper' : 'lower');
      recut(input, Float64Array.from(thresholds), kept.result.codes, inclusive);
      kept.result.cutPoints = kept.result.cutPoints.map((c, i) => (i === 0 ? { ...c, values: [...thresholds] } : c));
      kept.definition = { ...definition, thresholds: [...thresholds] };
      return summarizeTag(kept.result, revenue, orders, kept.range);
    });
    // The tags that use a moved one are computed again (only those), over the base columns and
    // the other kept tags' segments as they are now.
    const keptTags = [...table.tags.values()];
    const movedKey = moves.map((m) => m.tag.toLowerCase()).join('\n');
    let dependents = table.dependents.get(movedKey);
    if (!dependents) {
      dependents = dependentTags(
        keptTags.map((k) => k.definition),
        moves.map((m) => m.tag),
      );
      table.dependents.set(movedKey, dependents);
    }
    if (dependents.length === 0) return summaries;
    const again = new Set(dependents.map((d) => d.name.toLowerCase()));
    const taken = new Set(table.baseColumns.map((c) => c.name.toLowerCase()));
    const tagColumns = keptTags.filter((k) => !again.has(k.definition.name.toLowerCase()) && !taken.has(k.definition.name.toLowerCase())).map((k) => tagColumn(k.result));
    const results = evaluateTags(dependents, { columns: [...table.baseColumns, ...tagColumns], rowCount: table.rowCount }, parameters);
    results.forEach((result, i) => summaries.push(this.keepTag(table, dependents[i], result, revenue, orders)));
    return summaries;
  }

  async thresholdIndex(tableName: string, tagName: string): Promise<ThresholdIndex> {
    const table = this.table(tableName);
    const kept = table.tags.get(tagName.toLowerCase());
    if (!kept || kept.result.error || (kept.definition.kind !== 'cut' && kept.definition.kind !== 'score')) {
      throw workerError('not-evaluated', `The tag “${tagName}” has no thresholds to move.`);
    }
    const metric = kept.definition.kind === 'cut' ? kept.result.inputs.metric : kept.result.inputs.total;
    const inclusive = kept.definition.inclusive ?? (kept.definition.kind === 'cut' ? 'upper' : 'lower');
    const { revenue, orders } = this.money(table);
    const index = buildThresholdIndex(metric, revenue, orders, inclusive);
    return Comlink.transfer(index, [index.values.buffer, index.revenue.buffer, index.orders.buffer] as ArrayBuffer[]);
  }

  async explainTagCustomer(tableName: string, tagName: string, customerId: string): Promise<CustomerExplanation> {
    const table = this.table(tableName);
    const kept = table.tags.get(tagName.toLowerCase());
    if (!kept) throw workerError('not-evaluated', `The tag “${tagName}” has no result yet.`);
    const id = this.idColumn(table);
    const wanted = customerId.trim();
    let row = -1;
    for (let i = 0; i < table.rowCount && id; i++) {
      if (String(readGridValue(id, i)) === wanted) {
        row = i;
        break;
      }
    }
    if (row < 0) throw workerError('no-such-customer', `There is no customer “${wanted}” in “${tableName}”.`, undefined, { id: wanted });
    const explanation = explainCustomer(kept.definition, kept.result, row);
    // What the formulas read for this customer: base columns first, then other tags (as now).
    const mentioned: { name: string; value: string | number | null }[] = [];
    for (const name of tagMentions(kept.definition)) {
      const key = name.toLowerCase();
      const column = table.baseColumns.find((c) => c.name.toLowerCase() === key);
      if (column) {
        const value = readGridValue(column, row);
        mentioned.push({ name: column.name, value: typeof value === 'boolean' ? String(value) : value });
        continue;
      }
      const other = table.tags.get(key);
      if (other) {
        const code = other.result.codes[row];
        mentioned.push({ name: other.result.name, value: code >= 0 ? (other.result.segments[code]?.label ?? null) : null });
      }
    }
    if (mentioned.length) explanation.mentioned = mentioned;
    return explanation;
  }

  async segmentMembers(tableName: string, tagName: string, segment: number, limit: number): Promise<SegmentMembers> {
    const table = this.table(tableName);
    const kept = table.tags.get(tagName.toLowerCase());
    if (!kept) throw workerError('not-evaluated', `The tag “${tagName}” has no result yet.`);
    const codes = kept.result.codes;
    const rows: number[] = [];
    for (let i = 0; i < codes.length; i++) if (codes[i] === segment) rows.push(i);
    const revenue = table.baseColumns.find((c) => c.name === 'revenue');
    const money = revenue && revenue.type !== 'text' ? revenue.values : null;
    // NaN (NULL revenue) last; ties keep table order (the sort is stable).
    const key = (row: number) => (money && money[row] === money[row] ? money[row] : -Infinity);
    if (money) rows.sort((a, b) => key(b) - key(a) || a - b);
    const id = this.idColumn(table);
    const customers = rows.slice(0, Math.max(0, limit)).map((row) => ({
      id: id ? String(readGridValue(id, row)) : String(row + 1),
      revenue: money && money[row] === money[row] ? money[row] : null,
    }));
    return { customers, count: rows.length };
  }

  async segmentProfile(tableName: string, tagName: string): Promise<MetricProfile[]> {
    const table = this.table(tableName);
    const kept = table.tags.get(tagName.toLowerCase());
    if (!kept) throw workerError('not-evaluated', `The tag “${tagName}” has no result yet.`);
    return segmentProfile(table.baseColumns, kept.result.codes, kept.result.segments.length);
  }

  async chartData(tableName: string, definition: ChartDefinition): Promise<ChartData> {
    const table = this.table(tableName);
    try {
      return computeChartData(definition, { columns: table.baseColumns, rowCount: table.rowCount, tags: table.tags });
    } catch (error) {
      if (isChartError(error)) throw workerError(error.code, error.message);
      throw error;
    }
  }

  async exportRows(tableName: string, filter: ExportFilter | null, columns: string[] | null, where: ColumnMatch[] | null = null): Promise<ExportedRows> {
    const table = this.table(tableName);
    if (where?.length) {
      // An analysis' picked rows (e.g. the customers who moved from one segment to another).
      const rows = await this.getRows(tableName, 0, table.rowCount, null, { where });
      const chosen = columns ?? table.columns.map((c) => c.name);
      const missingColumn = chosen.find((name) => !table.columns.some((c) => c.name === name));
      if (missingColumn !== undefined) throw workerError('no-such-column', `The table “${tableName}” has no column “${missingColumn}”.`, undefined, { column: missingColumn });
      const index = chosen.map((name) => table.columns.findIndex((c) => c.name === name));
      return {
        columns: index.map((i) => ({ name: table.columns[i].name, type: table.columns[i].type })),
        rows: rows.rows.map((row) => index.map((i) => row[i])),
      };
    }
    let codes: Int32Array | null = null;
    if (filter) {
      const kept = table.tags.get(filter.tag.toLowerCase());
      if (!kept) throw workerError('not-evaluated', `The tag “${filter.tag}” has no result yet.`);
      codes = kept.result.codes;
    }
    const missing = columns?.find((name) => !table.columns.some((c) => c.name === name));
    if (missing !== undefined) throw workerError('no-such-column', `The table “${tableName}” has no column “${missing}”.`, undefined, { column: missing });
    // A tag's label column as written at the last evaluation may predate a threshold move: the
    // export writes the tag's current segments, the ones the filter reads.
    const base = new Set(table.baseColumns);
    const current = table.columns.map((c) => {
      const kept = base.has(c) ? undefined : table.tags.get(c.name.toLowerCase());
      return kept ? { ...tagColumn(kept.result), name: c.name } : c;
    });
    return readExportRows(current, table.rowCount, codes, filter?.segments ?? null, columns);
  }

  async savedTables(request: SavedTablesRequest): Promise<SavedTable[]> {
    const copies = request.tables.map((name): SavedTable => {
      const table = this.table(name);
      const kind = request.kinds[name] === 'customers' ? 'customers' : 'imported';
      const tagColumns = table.columns.slice(table.baseColumns.length);
      // Copies, never this worker's own buffers (they are transferred away). A tag column is
      // written from the kept tag's codes, which a threshold move may have changed since.
      const columns = [...table.baseColumns, ...tagColumns].map((column): Column => {
        if (column.type !== 'text') return { ...column, values: column.values.slice() };
        const kept = table.baseColumns.includes(column) ? undefined : table.tags.get(column.name.toLowerCase());
        const current = kept ? { ...tagColumn(kept.result), name: column.name } : column;
        return { ...current, codes: current.codes.slice(), dictionary: [...current.dictionary] } as Column;
      });
      return { name: table.name, kind, rowCount: table.rowCount, columns, tagColumns: tagColumns.map((c) => c.name) };
    });
    let saved: SavedTable[];
    try {
      // A fresh key per save: hashes join within one file, and are useless outside it.
      saved = applyPrivacy(copies, { drop: request.drop, hash: request.hash }, crypto.getRandomValues(new Uint8Array(32)));
    } catch (error) {
      throw workerError('bad-privacy-choice', error instanceof Error ? error.message : String(error));
    }
    return Comlink.transfer(saved, columnBuffers(saved.flatMap((t) => t.columns)));
  }

  async persistTables(workspaceId: string, tables: PersistedTable[]): Promise<void> {
    await this.persistence.persist(workspaceId, tables, (name) => {
      const table = this.tables.get(name);
      return table ? { columns: table.baseColumns, rowCount: table.rowCount } : null;
    });
  }

  async restoreTables(workspaceId: string): Promise<PersistedTable[]> {
    const stored = await this.persistence.restore(workspaceId);
    this.dropAll();
    for (const { name, columns } of stored) this.install(name, columns);
    return stored.map(({ name, kind }) => ({ name, kind }));
  }

  /** Drops every loaded table and result copy, here and in SQLite. */
  private dropAll(): void {
    for (const name of [...this.tables.keys(), ...this.results.keys()]) this.sendToSql({ type: 'drop', name });
    this.tables.clear();
    this.results.clear();
  }

  async replaceTables(tables: SavedTable[]): Promise<TableInfo[]> {
    const names = new Set<string>();
    const bases = tables.map((table) => {
      if (names.has(table.name)) throw workerError('bad-table', `Two tables are named “${table.name}”.`, undefined, { table: table.name });
      names.add(table.name);
      const tags = new Set(table.tagColumns);
      const base = table.columns.filter((c) => !tags.has(c.name));
      if (base.some((c) => columnLength(c) !== table.rowCount)) {
        throw workerError('bad-table', `The columns of “${table.name}” do not all have ${table.rowCount} rows.`, undefined, { table: table.name });
      }
      return { name: table.name, columns: base };
    });
    this.dropAll();
    for (const { name, columns } of bases) this.install(name, columns);
    return this.listTables();
  }

  /** The customer id column of a table: `customer_id`, else its first column. */
  private idColumn(table: LoadedTable): Column | undefined {
    return table.columns.find((c) => c.name === 'customer_id') ?? table.columns[0];
  }

  /** Keeps a successful tag for the fast path and explanations (a failed one is dropped) and summarizes it. */
  private keepTag(table: LoadedTable, definition: TagDefinition, result: TagResult, revenue: Float64Array, orders: Float64Array): TagSummary {
    const input = result.inputs.metric ?? result.inputs.total;
    const range = input ? valueRange(input) : undefined;
    if (result.error) {
      // A tag gone from the kept ones changes who depends on whom.
      if (table.tags.delete(result.name.toLowerCase())) table.dependents.clear();
    }
    else table.tags.set(result.name.toLowerCase(), { definition, result, range });
    return summarizeTag(result, revenue, orders, range);
  }

  private table(tableName: string): LoadedTable {
    const table = this.tables.get(tableName);
    if (!table) throw workerError('no-such-table', `There is no table named “${tableName}”.`);
    return table;
  }

  /** The customer table's revenue and orders columns (zeros when it has none). */
  private money(table: LoadedTable): { revenue: Float64Array; orders: Float64Array } {
    return { revenue: numericColumn(table.baseColumns, 'revenue', table.rowCount), orders: numericColumn(table.baseColumns, 'orders', table.rowCount) };
  }

  private install(name: string, columns: Column[]): TableInfo {
    this.tables.delete(name);
    const table: LoadedTable = {
      name,
      columns,
      baseColumns: columns,
      rowCount: columns.length ? columnLength(columns[0]) : 0,
      sortOrders: new Map(),
      tags: new Map(),
      tagsVersion: 0,
      dependents: new Map(),
    };
    this.tables.set(name, table);
    this.sendToSql({ type: 'table', name, columns });
    return describe(table);
  }

  /**
   * Writes each successful tag's label column into the table (base columns + one text column per
   * tag, named after it) and sends the table on to SQLite under the same name. A tag named like a
   * base column is not written (the base column stays); a failed tag has no column. Returns false
   * when nothing changed (no tag column before or after). The table keeps its place and its kept
   * tags; the codes are copied, as the threshold fast path re-cuts the kept ones in place.
   */
  private writeTagColumns(table: LoadedTable, results: readonly TagResult[]): boolean {
    const taken = new Set(table.baseColumns.map((c) => c.name.toLowerCase()));
    const tagColumns: Column[] = [];
    for (const result of results) {
      const key = result.name.toLowerCase();
      if (result.error || taken.has(key)) continue;
      taken.add(key);
      const column = tagColumn(result);
      tagColumns.push({ ...column, codes: column.codes.slice() });
    }
    if (tagColumns.length === 0 && table.columns === table.baseColumns) return false;
    table.columns = tagColumns.length ? [...table.baseColumns, ...tagColumns] : table.baseColumns;
    table.sortOrders.clear();
    this.sendToSql({ type: 'table', name: table.name, columns: table.columns });
    return true;
  }

  /** Posts to the SQL worker, if one is connected. The columns are copied: this worker keeps its own. */
  private sendToSql(message: SqlPortMessage): void {
    this.sqlPort?.postMessage(message);
  }

  private stopReceiving(receiveId: number): void {
    const waiting = this.pending.get(receiveId);
    if (!waiting) return;
    this.pending.delete(receiveId);
    waiting.port.onmessage = null;
    waiting.port.onmessageerror = null;
    waiting.port.close();
  }

  /** Returns the table's row order for `sort`, built on first use and then reused for every page. */
  private sortOrder(table: LoadedTable, sort: GridSort): Uint32Array {
    const column = table.columns[sort.column];
    if (!column) throw workerError('bad-sort', `Table “${table.name}” has no column ${sort.column}.`);
    const key = `${sort.column}:${sort.descending ? 'desc' : 'asc'}`;
    let order = table.sortOrders.get(key);
    if (!order) table.sortOrders.set(key, (order = buildSortPermutation(column, sort.descending)));
    return order;
  }
}

function describe(table: LoadedTable): TableInfo {
  return {
    name: table.name,
    rowCount: table.rowCount,
    columns: table.columns.map((c) => ({ name: c.name, type: c.type })),
    sqliteRows: 0,
  };
}

/** A row test for `where`: every entry's text column holds one of its values. Unknown or non-text columns are an error. */
function columnMatches(table: LoadedTable, where: readonly ColumnMatch[]): (row: number) => boolean {
  const tests = where.map(({ column, values }) => {
    const found = table.columns.find((c) => c.name === column);
    if (!found) throw workerError('no-such-column', `The table “${table.name}” has no column “${column}”.`, undefined, { column });
    if (found.type !== 'text') throw workerError('not-text', `The column “${column}” is not text.`, undefined, { column });
    const wanted = new Set(values);
    const ok = Uint8Array.from(found.dictionary, (v) => (wanted.has(v) ? 1 : 0));
    return { codes: found.codes, ok };
  });
  return (row) => tests.every(({ codes, ok }) => codes[row] >= 0 && ok[codes[row]] === 1);
}
