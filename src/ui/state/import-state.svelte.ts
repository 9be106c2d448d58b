/**
 * The state of the import page: the file being previewed (its bytes stay here, so every
 * override re-previews from the original), the options the user chose, the preview, the loaded
 * tables and the rows shown. Components read these fields and call the methods; every call to
 * the worker goes through here.
 *
 * Invariants: a failed preview or load never touches `tables`; a failed override restores the
 * options that last previewed successfully; only the newest preview request may write `preview`.
 */
import * as Comlink from 'comlink';
import type { ColumnSpec, ColumnType, DateFormat, DateOrder, Delimiter, Encoding, ImportOptions, ImportProgress, RaggedRowPolicy } from '../../engine/index.ts';
import type { ImportPreview, RowPage, TableInfo, TagbookWorker } from '../../worker/api.ts';
import { toTagbookError } from '../../worker/client.ts';
import { localText, type LocalText } from '../i18n/messages.ts';

/** The worker methods the import page uses (the comlink remote, or a fake in tests). */
export type ImportApi = Pick<TagbookWorker, 'previewFile' | 'importFile' | 'loadDemo' | 'listTables' | 'getRows'>;

/** The file being previewed: its name and its original bytes, never transferred away. */
export interface ImportSource {
  fileName: string;
  bytes: ArrayBuffer;
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
}

export type ImportActivity = 'idle' | 'reading' | 'previewing' | 'loading';

/** Rows of the selected table shown on the page. */
export const ROWS_SHOWN = 100;
/** How often the SQLite copy's progress is polled while it is being filled. */
export const SQLITE_POLL_MS = 250;
/** The name given to pasted text. */
export const PASTED_FILE_NAME = 'pasted.csv';

export class ImportState {
  /** The browser's IANA time zone, passed with every import. */
  readonly timeZone: string;

  source = $state.raw<ImportSource | null>(null);
  options = $state.raw<ImportOptions>({});
  preview = $state.raw<ImportPreview | null>(null);
  /** The name the table will be loaded as (the preview's name until the user edits it). */
  tableName = $state('');
  activity = $state<ImportActivity>('idle');
  progress = $state.raw<ImportProgress | null>(null);
  tables = $state.raw<TableInfo[]>([]);
  selectedTable = $state<string | null>(null);
  rows = $state.raw<RowPage | null>(null);
  error = $state.raw<ShownError | null>(null);

  /** True while the SQLite copy of some table is still being written. */
  readonly sqliteFilling = $derived(this.tables.some((t) => t.sqliteRows < t.rowCount));
  /** The table name the next load will use. */
  readonly effectiveTableName = $derived(this.tableName.trim() || this.preview?.tableName || '');
  /** True when loading would replace a table already loaded under the same name. */
  readonly replacesTable = $derived(this.tables.some((t) => t.name === this.effectiveTableName));

  private previewRequest = 0;
  private rowsRequest = 0;
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
    this.activity = 'reading';
    let bytes: ArrayBuffer;
    try {
      bytes = await file.arrayBuffer();
    } catch (error) {
      this.activity = 'idle';
      this.showError(localText('error.readFile', { name: file.name }), error);
      return;
    }
    await this.openSource({ fileName: file.name, bytes });
  }

  /** Previews pasted CSV text (encoded as UTF-8); does nothing but explain when it is blank. */
  async openText(text: string): Promise<void> {
    if (text.trim() === '') {
      this.error = { title: localText('error.emptyText'), code: 'empty-text', message: localText('error.emptyTextMessage') };
      return;
    }
    const encoded = new TextEncoder().encode(text);
    await this.openSource({ fileName: PASTED_FILE_NAME, bytes: encoded.buffer as ArrayBuffer });
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

  /** Loads the previewed file as a table with the current options, then shows its first rows. */
  async load(): Promise<void> {
    const source = this.source;
    if (!source || !this.preview || this.activity !== 'idle') return;
    const options: ImportOptions = { ...$state.snapshot(this.options), tableName: this.effectiveTableName };
    this.activity = 'loading';
    this.progress = { phase: 'decode', fraction: 0, rowsParsed: 0 };
    this.error = null;
    try {
      const onProgress = Comlink.proxy((progress: ImportProgress) => {
        this.progress = progress;
      });
      const table = await this.api.importFile(transferableCopy(source.bytes), source.fileName, options, onProgress);
      this.source = null;
      this.preview = null;
      this.options = {};
      this.tableName = '';
      await this.refreshTables();
      await this.selectTable(table.name);
    } catch (error) {
      this.showError(localText('error.loadFile', { name: source.fileName }), error);
    } finally {
      this.activity = 'idle';
      this.progress = null;
    }
  }

  /**
   * Loads the demo shop when nothing is loaded yet (a first visit) and shows its orders, unless
   * the user has picked a table in the meantime.
   */
  async loadDemo(): Promise<void> {
    try {
      this.tables = await this.api.loadDemo(this.timeZone);
    } catch (error) {
      this.showError(localText('error.loadDemo'), error);
      return;
    }
    if (this.sqliteFilling) this.schedulePoll();
    if (this.selectedTable === null && this.tables.some((t) => t.name === 'orders')) await this.selectTable('orders');
  }

  /** Shows the first rows of a loaded table. */
  async selectTable(name: string): Promise<void> {
    const request = ++this.rowsRequest;
    this.selectedTable = name;
    try {
      const rows = await this.api.getRows(name, 0, ROWS_SHOWN);
      if (request === this.rowsRequest) this.rows = rows;
    } catch (error) {
      if (request === this.rowsRequest) this.showError(localText('error.showRows', { name }), error);
    }
  }

  dismissError(): void {
    this.error = null;
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
    try {
      const preview = await this.api.previewFile(transferableCopy(source.bytes), source.fileName, options);
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
      const preview = await this.api.previewFile(transferableCopy(source.bytes), source.fileName, options);
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

  private async refreshTables(): Promise<void> {
    try {
      this.tables = await this.api.listTables();
    } catch (error) {
      this.showError(localText('error.listTables'), error);
      return;
    }
    if (this.sqliteFilling) this.schedulePoll();
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
    this.error = e.line === undefined ? { title, code: e.code, message: e.message } : { title, code: e.code, message: e.message, line: e.line };
  }
}

/** Returns a copy of `bytes` marked for transfer, so the original stays here for re-previews. */
function transferableCopy(bytes: ArrayBuffer): Uint8Array {
  const copy = new Uint8Array(bytes.slice(0));
  return Comlink.transfer(copy, [copy.buffer]);
}
