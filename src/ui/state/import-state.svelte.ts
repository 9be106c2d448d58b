/**
 * The state of the import page: the file being previewed (kept as a Blob, so every
 * override re-previews from the original), the options the user chose, the preview, the loaded
 * tables (with how far their SQLite copies are written). Components read these fields and call the methods; every call to
 * the worker goes through here.
 *
 * Invariants: a failed preview or load never touches `tables`; a failed override restores the
 * options that last previewed successfully; only the newest preview request may write `preview`.
 */
import * as Comlink from 'comlink';
import type { ColumnSpec, ColumnType, DateFormat, DateOrder, Delimiter, Encoding, ImportOptions, ImportProgress, RaggedRowPolicy } from '../../engine/index.ts';
import type { ColumnInfo, FillStatus, ImportPreview, ProgressCallback, TableInfo } from '../../worker/api.ts';
import { toTagbookError, type ImportJob } from '../../worker/client.ts';
import { localText, type LocalText } from '../i18n/messages.ts';

/** What the import page needs of the workers (built from `Workers` in main.ts, or a fake in tests). */
export interface ImportApi {
  preview(bytes: Uint8Array, fileName: string, options: ImportOptions): Promise<ImportPreview>;
  startImport(bytes: Uint8Array, fileName: string, options: ImportOptions, onProgress?: ProgressCallback): ImportJob;
  loadDemo(timeZone: string): Promise<TableInfo[]>;
  listTables(): Promise<TableInfo[]>;
  fillStatus(): Promise<FillStatus>;
}

/** How a load treats a table of the same name: replace it, or load beside it under a new name. */
export type LoadMode = 'replace' | 'keep-both';

/**
 * The file being previewed: its name and the file itself. Each worker call reads it afresh and
 * transfers those bytes, so the page never holds (or copies) a large file on its main thread.
 */
export interface ImportSource {
  fileName: string;
  file: Blob;
}

/**
 * An error as the page shows it: what the user was doing, then the worker's message (English), or
 * the page's own message; the page's own words are LocalTexts, put into words in the page's language.
 */
export interface ShownError {
  title: LocalText;
  code: string;
  message: string | LocalText;
  /** What to do about it, when the page knows. */
  hint?: LocalText;
  line?: number;
  /** The variable parts of `message` (an import error's), for saying it in the page's language. */
  params?: Record<string, string | number>;
}

export type ImportActivity = 'idle' | 'reading' | 'previewing' | 'loading';

/** How often the SQLite copy's progress is polled while it is being filled. */
export const SQLITE_POLL_MS = 250;
/** The name given to pasted text. */
export const PASTED_FILE_NAME = 'pasted.csv';

export class ImportState {
  /**
   * The workspace's IANA time zone, passed with every import: the browser's, or the zone of an
   * opened workspace file (its date-times were read in that zone).
   */
  timeZone = $state('');

  source = $state.raw<ImportSource | null>(null);
  options = $state.raw<ImportOptions>({});
  preview = $state.raw<ImportPreview | null>(null);
  /** The name the table will be loaded as (the preview's name until the user edits it). */
  tableName = $state('');
  activity = $state<ImportActivity>('idle');
  progress = $state.raw<ImportProgress | null>(null);
  tables = $state.raw<TableInfo[]>([]);
  error = $state.raw<ShownError | null>(null);
  /** Said once after a cancelled import (nothing was changed); cleared by the next action. */
  cancelledNotice = $state(false);
  /** Counts finished loads, so views of a replaced table fetch its rows again. */
  loads = $state(0);
  /** When the running load started (for rows per second). */
  loadStartedAt = $state(0);
  /** Names of other tables in the workspace (SQL cell results), which an import must not take over silently. */
  otherNames: () => string[] = () => [];

  /** True while the SQLite copy of some table is still being written. */
  readonly sqliteFilling = $derived(this.tables.some((t) => t.sqliteRows < t.rowCount));
  /** The table name the next load will use. */
  readonly effectiveTableName = $derived(this.tableName.trim() || this.preview?.tableName || '');
  /** True when loading would replace a table already loaded under the same name. */
  readonly replacesTable = $derived(this.takenNames().some((n) => n.toLowerCase() === this.effectiveTableName.toLowerCase()));
  /** The name "keep both" loads under: the name with the first free `_2`, `_3`, … suffix. */
  readonly keepBothName = $derived(uniqueName(this.effectiveTableName, this.takenNames()));
  /** Rows parsed per second in the running load (0 until measurable). */
  readonly rowsPerSecond = $derived.by(() => {
    const elapsed = (this.progressAt - this.loadStartedAt) / 1000;
    return this.progress && elapsed > 0.05 ? Math.round(this.progress.rowsParsed / elapsed) : 0;
  });

  private progressAt = $state(0);
  private job: ImportJob | null = null;
  private loadToken = 0;

  private previewRequest = 0;
  private pollTimer: ReturnType<typeof setTimeout> | null = null;
  private disposed = false;

  constructor(
    private readonly api: ImportApi,
    timeZone: string = Intl.DateTimeFormat().resolvedOptions().timeZone,
  ) {
    this.timeZone = timeZone;
  }

  /** Reads a dropped or picked file and previews it with everything detected. */
  async openFile(file: File): Promise<void> {
    await this.openSource({ fileName: file.name, file });
  }

  /** Previews pasted CSV text (encoded as UTF-8); does nothing but explain when it is blank. */
  async openText(text: string): Promise<void> {
    if (text.trim() === '') {
      this.error = { title: localText('error.emptyText'), code: 'empty-text', message: localText('error.emptyTextMessage') };
      return;
    }
    await this.openSource({ fileName: PASTED_FILE_NAME, file: new Blob([new TextEncoder().encode(text)]) });
  }

  /** Reads another sheet of an .xlsx workbook; settings found for the last sheet start afresh. */
  setSheet(sheet: string): Promise<void> {
    return this.changeOptions({ sheet, skipLines: undefined, hasHeader: undefined, raggedRows: undefined, columns: undefined, renames: undefined });
  }

  setEncoding(encoding: Encoding): Promise<void> {
    return this.changeOptions({ encoding });
  }

  setDelimiter(delimiter: Delimiter): Promise<void> {
    return this.changeOptions({ delimiter });
  }

  setHasHeader(hasHeader: boolean): Promise<void> {
    return this.changeOptions({ hasHeader });
  }

  /** Sets the number of lines above the header; ignores values that are not whole numbers ≥ 0. */
  setSkipLines(skipLines: number): Promise<void> {
    if (!Number.isInteger(skipLines) || skipLines < 0) return Promise.resolve();
    return this.changeOptions({ skipLines });
  }

  setRaggedRows(raggedRows: RaggedRowPolicy): Promise<void> {
    return this.changeOptions({ raggedRows });
  }

  /**
   * Renames column `name` (e.g. `column_3` of a header-less file) to `newName`; a blank or
   * unchanged name is a no-op. Type choices follow the column to its new name.
   */
  renameColumn(name: string, newName: string): Promise<void> {
    const target = newName.trim();
    if (!target || target === name) return Promise.resolve();
    const renames = Object.entries(this.options.renames ?? {});
    // Renames are keyed by the name the file gives the column, whatever it is called now.
    const fileName = renames.find(([, current]) => current === name)?.[0] ?? name;
    const otherRenames = renames.filter(([key]) => key !== fileName);
    if (target !== fileName) otherRenames.push([fileName, target]);
    // Type choices are keyed by the current name: move this column's to its new name.
    const columns = Object.entries(this.options.columns ?? {}).map(([key, spec]) => [key === name ? target : key, spec] as const);
    return this.changeOptions({ renames: Object.fromEntries(otherRenames), columns: Object.fromEntries(columns) });
  }

  /**
   * Reads column `name` as `type`. Choosing the type the importer suggests applies the whole
   * suggestion (a date column of 8-digit numbers needs its yyyymmdd format to read at all).
   */
  setColumnType(name: string, type: ColumnType): Promise<void> {
    const column = this.preview?.columns.find((c) => c.name === name);
    const suggested = column?.suggestedSpec;
    const spec: ColumnSpec = suggested?.type === type ? { ...suggested } : { type };
    return this.setColumnSpec(name, spec);
  }

  /** Applies the importer's suggested spec for column `name`; a no-op without a suggestion. */
  applySuggestion(name: string): Promise<void> {
    const suggested = this.preview?.columns.find((c) => c.name === name)?.suggestedSpec;
    if (!suggested) return Promise.resolve();
    return this.setColumnSpec(name, { ...suggested });
  }

  setDateFormat(name: string, dateFormat: DateFormat): Promise<void> {
    return this.updateColumnSpec(name, { dateFormat });
  }

  setDateOrder(name: string, dateOrder: DateOrder): Promise<void> {
    return this.updateColumnSpec(name, { dateOrder });
  }

  /** Forgets the previewed file without loading it. */
  discardPreview(): void {
    this.previewRequest++;
    this.source = null;
    this.preview = null;
    this.options = {};
    this.tableName = '';
    if (this.activity === 'previewing' || this.activity === 'reading') this.activity = 'idle';
  }

  /**
   * Loads the previewed file as a table with the current options. When the name is taken,
   * `mode` says whether to replace that table or to load beside it under `keepBothName`.
   * Resolves with the loaded table's name (null when the load failed or was cancelled).
   */
  async load(mode: LoadMode = 'replace'): Promise<string | null> {
    const source = this.source;
    if (!source || !this.preview || this.activity !== 'idle') return null;
    const tableName = mode === 'keep-both' && this.replacesTable ? this.keepBothName : this.effectiveTableName;
    const options: ImportOptions = { ...$state.snapshot(this.options), tableName };
    this.activity = 'loading';
    this.progress = { phase: 'decode', fraction: 0, rowsParsed: 0 };
    this.loadStartedAt = this.progressAt = performance.now();
    this.error = null;
    this.cancelledNotice = false;
    // Progress from an earlier, cancelled load must not move this one's bar.
    const token = ++this.loadToken;
    const onProgress = Comlink.proxy((progress: ImportProgress) => {
      if (this.loadToken !== token) return;
      this.progress = progress;
      this.progressAt = performance.now();
    });
    let bytes: Uint8Array;
    try {
      bytes = await readForTransfer(source);
    } catch (error) {
      this.activity = 'idle';
      this.progress = null;
      this.showError(localText('error.readFile', { name: source.fileName }), error);
      return null;
    }
    if (this.loadToken !== token) {
      // Cancelled while the file was being read: nothing was started.
      this.activity = 'idle';
      this.progress = null;
      this.cancelledNotice = true;
      return null;
    }
    const job = this.api.startImport(bytes, source.fileName, options, onProgress);
    this.job = job;
    try {
      const table = await job.done;
      this.loads++;
      this.source = null;
      this.preview = null;
      this.options = {};
      this.tableName = '';
      await this.refreshTables();
      return table.name;
    } catch (error) {
      if (toTagbookError(error).code === 'cancelled') this.cancelledNotice = true;
      else this.showError(localText('error.loadFile', { name: source.fileName }), error);
      return null;
    } finally {
      if (this.job === job) this.job = null;
      this.loadToken++;
      this.activity = 'idle';
      this.progress = null;
    }
  }

  /** Stops the running load; the preview stays and the loaded tables are as they were. */
  cancelLoad(): void {
    if (this.job) this.job.cancel();
    else if (this.activity === 'loading') this.loadToken++;
  }

  /** Loads the demo shop when nothing is loaded yet (a first visit). */
  async loadDemo(): Promise<boolean> {
    try {
      this.tables = await this.api.loadDemo(this.timeZone);
    } catch (error) {
      this.showError(localText('error.loadDemo'), error);
      return false;
    }
    await this.refreshTables();
    return true;
  }

  /** Lists the loaded tables again (after a table was dropped, or SQLite restarted). */
  async refreshTables(): Promise<void> {
    let tables: TableInfo[];
    let status: FillStatus;
    try {
      [tables, status] = await Promise.all([this.api.listTables(), this.api.fillStatus()]);
    } catch (error) {
      this.showError(localText('error.listTables'), error);
      return;
    }
    const written = Object.fromEntries(status.tables.map((t) => [t.name, t.rowsWritten]));
    const previous = Object.fromEntries(this.tables.map((t) => [t.name, t]));
    this.tables = tables.map((t) => {
      // Keep the same columns array while a table is unchanged: grids treat new columns as a new
      // source and go back to the top, which a poll of the SQLite progress must not cause.
      const before = Object.hasOwn(previous, t.name) ? previous[t.name] : null;
      const columns = before && sameColumns(before.columns, t.columns) ? before.columns : t.columns;
      return { ...t, columns, sqliteRows: Object.hasOwn(written, t.name) ? written[t.name] : 0 };
    });
    if (this.sqliteFilling) this.schedulePoll();
  }

  dismissError(): void {
    this.error = null;
  }

  dismissCancelledNotice(): void {
    this.cancelledNotice = false;
  }

  /** Stops polling the worker; the state is not used afterwards. */
  dispose(): void {
    this.disposed = true;
    if (this.pollTimer !== null) clearTimeout(this.pollTimer);
    this.pollTimer = null;
  }

  private async openSource(source: ImportSource): Promise<void> {
    const request = ++this.previewRequest;
    const options: ImportOptions = { timeZone: this.timeZone };
    this.activity = 'previewing';
    this.error = null;
    this.cancelledNotice = false;
    try {
      const preview = await this.api.preview(await readForTransfer(source), source.fileName, options);
      if (request !== this.previewRequest) return;
      this.source = source;
      this.options = options;
      this.preview = preview;
      this.tableName = preview.tableName;
    } catch (error) {
      if (request !== this.previewRequest) return;
      this.source = null;
      this.preview = null;
      this.options = {};
      this.tableName = '';
      this.showError(localText('error.readFile', { name: source.fileName }), error);
    } finally {
      if (request === this.previewRequest) this.activity = 'idle';
    }
  }

  /** Re-previews with `change` applied; on failure keeps the last options that worked. */
  private async changeOptions(change: Partial<ImportOptions>): Promise<void> {
    const source = this.source;
    if (!source || this.activity === 'loading') return;
    const request = ++this.previewRequest;
    const previous = this.options;
    const options: ImportOptions = { ...$state.snapshot(previous), ...change, timeZone: this.timeZone };
    this.options = options;
    this.activity = 'previewing';
    this.error = null;
    try {
      const preview = await this.api.preview(await readForTransfer(source), source.fileName, options);
      if (request !== this.previewRequest) return;
      this.preview = preview;
    } catch (error) {
      if (request !== this.previewRequest) return;
      this.options = previous;
      this.showError(localText('error.changeFailed'), error);
    } finally {
      if (request === this.previewRequest) this.activity = 'idle';
    }
  }

  private setColumnSpec(name: string, spec: ColumnSpec): Promise<void> {
    return this.changeOptions({ columns: { ...this.options.columns, [name]: spec } });
  }

  private updateColumnSpec(name: string, change: Partial<ColumnSpec>): Promise<void> {
    const current = this.preview?.columns.find((c) => c.name === name)?.spec;
    if (!current) return Promise.resolve();
    return this.setColumnSpec(name, { ...current, ...change });
  }

  private takenNames(): string[] {
    return [...this.tables.map((t) => t.name), ...this.otherNames()];
  }

  private schedulePoll(): void {
    if (this.pollTimer !== null || this.disposed) return;
    this.pollTimer = setTimeout(() => {
      this.pollTimer = null;
      void this.refreshTables();
    }, SQLITE_POLL_MS);
  }

  /** Shows that the worker itself failed (it could not start, or crashed); loaded work is kept on screen. */
  reportWorkerFailure(message: string): void {
    this.activity = 'idle';
    this.progress = null;
    this.error = { title: localText('error.workerFailed'), code: 'worker-failed', message, hint: localText('error.workerFailedHint') };
  }

  private showError(title: LocalText, error: unknown): void {
    const e = toTagbookError(error);
    const shown: ShownError = { title, code: e.code, message: e.message };
    if (e.line !== undefined) shown.line = e.line;
    if (e.params !== undefined) shown.params = e.params;
    this.error = shown;
  }
}

function sameColumns(a: readonly ColumnInfo[], b: readonly ColumnInfo[]): boolean {
  return a.length === b.length && a.every((column, i) => column.name === b[i].name && column.type === b[i].type);
}

/** Returns `name`, or `name_2`, `name_3`, … whichever is first not in `taken` (case-insensitively). */
export function uniqueName(name: string, taken: readonly string[]): string {
  const lower = taken.map((n) => n.toLowerCase());
  if (!lower.includes(name.toLowerCase())) return name;
  for (let i = 2; ; i++) if (!lower.includes(`${name}_${i}`.toLowerCase())) return `${name}_${i}`;
}

/** Reads the source's bytes afresh, marked for transfer to a worker (the read happens off the main thread). */
async function readForTransfer(source: ImportSource): Promise<Uint8Array> {
  const bytes = new Uint8Array(await source.file.arrayBuffer());
  return Comlink.transfer(bytes, [bytes.buffer]);
}
