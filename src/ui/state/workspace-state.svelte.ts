/**
 * The workspace as a whole (SPEC §7): its name and identity, saving it as a `.tagbook` file,
 * opening one (or a template, or a share link), "what changed", and starting afresh. Everything a
 * file brings is validated before the current workspace is touched; replacing current work is
 * asked first (see `pending`).
 *
 * The definitions are the notebook's cells and the parameters; the data are the data worker's
 * tables. Files are written and read in a disposable worker (see FileWorkerApi).
 */
import {
  AS_OF,
  applyTemplate,
  DEFINITION_VERSION,
  defaultParameters,
  diffDefinitions,
  readAnyDefinition,
  readWorkspaceDefinition,
  serializeDefinition,
  toTemplate,
  WORKSPACE_FORMAT,
  type ColumnRef,
  type Definition,
  type DefinitionChange,
  type FileContents,
  type SavedTable,
  type TemplateDefinition,
  type WorkspaceDefinition,
  type WorkspaceFile,
  type WorkspaceProblem,
} from '../../engine/index.ts';
import type { TableInfo } from '../../worker/api.ts';
import { toTagbookError } from '../../worker/client.ts';
import type { WorkspaceHistory } from './history.svelte.ts';
import type { ImportState } from './import-state.svelte.ts';
import type { NotebookState } from './notebook-state.svelte.ts';
import type { ParametersState } from './parameters-state.svelte.ts';

/** What the page needs from the workers to save and open files. */
export interface WorkspaceApi {
  savedTables(request: { tables: string[]; kinds: Record<string, 'imported' | 'customers'>; drop: ColumnRef[]; hash: ColumnRef[] }): Promise<SavedTable[]>;
  replaceTables(tables: SavedTable[]): Promise<TableInfo[]>;
  writeFile(file: Omit<WorkspaceFile, 'fileVersion'>): Promise<Uint8Array>;
  /**
   * The same file made from the SQL worker's live database, where the tables already are (no
   * row-by-row writing): for a save of all data with no column dropped or hashed. Rejects when
   * SQLite's tables are not the saved tables as they are; the file is then written the long way.
   */
  exportLiveFile?(file: Omit<WorkspaceFile, 'fileVersion'>): Promise<Uint8Array>;
  readFile(bytes: Uint8Array): Promise<WorkspaceFile>;
  /** A fresh SQL worker filled from the data worker (drops the previous workspace's SQL results). */
  restartSql(): Promise<void>;
}

/** The first bytes of every SQLite database file. */
const SQLITE_HEADER = 'SQLite format 3\0';

export const APP_NAME = 'Tagbook 0.1.0';

/** The choices of the save dialog. */
export interface SaveChoice {
  contents: FileContents;
  drop: ColumnRef[];
  hash: ColumnRef[];
}

/** A file read and checked, waiting to be opened (or applied) once the user agrees. */
export type OpenCandidate =
  | { kind: 'workspace'; fileName: string; definition: WorkspaceDefinition; file: WorkspaceFile | null; changes: DefinitionChange[] }
  | { kind: 'template'; fileName: string; template: TemplateDefinition; definition: WorkspaceDefinition; unmapped: WorkspaceProblem[]; changes: DefinitionChange[]; fromLink: boolean };

/** Why a file could not be opened: a sentence, and each problem found in its definitions. */
export interface OpenProblem {
  fileName: string;
  code: string;
  message: string;
  problems: WorkspaceProblem[];
}

export class WorkspaceState {
  /** Identifies the workspace in this browser's storage (autosave, second-tab detection). */
  id = $state('');
  name = $state('Untitled workspace');
  /** A file (or link) read and waiting for the user to agree to open it. */
  pending = $state.raw<OpenCandidate | null>(null);
  /** The last file that could not be opened. */
  problem = $state.raw<OpenProblem | null>(null);
  /** What a comparison with a file found (null: no comparison shown). */
  comparison = $state.raw<{ fileName: string; changes: DefinitionChange[] } | null>(null);
  /** True while a file is being written or read. */
  busy = $state(false);
  /** The last thing done, said once (saved, opened). */
  notice = $state<string | null>(null);
  /** Hears every opened workspace (autosave starts storing it under its new id). */
  onOpened: (tables: SavedTable[] | null) => void = () => {};

  constructor(
    private readonly api: WorkspaceApi,
    readonly importState: ImportState,
    private readonly notebook: NotebookState,
    private readonly parameters: ParametersState,
    private readonly history: WorkspaceHistory,
  ) {}

  /** Hears a change that is not a cell or parameter edit (the name, the view state): autosave keeps it. */
  onChange: () => void = () => {};

  /** Renames the workspace (a blank name keeps the old one). */
  rename(name: string): void {
    const trimmed = name.trim();
    if (!trimmed || trimmed === this.name) return;
    this.name = trimmed;
    this.onChange();
  }

  /** The current workspace's definitions, with its view state. */
  definition(): WorkspaceDefinition {
    const gridFilters = Object.entries(this.notebook.gridFilters).map(([table, filter]) => ({ table, ...$state.snapshot(filter) }));
    const definition: WorkspaceDefinition = {
      format: WORKSPACE_FORMAT,
      version: DEFINITION_VERSION,
      name: this.name,
      cells: $state.snapshot(this.notebook.cells),
      parameters: $state.snapshot(this.parameters.parameters),
      timeZone: this.importState.timeZone,
    };
    const presentation = this.notebook.presentationCells;
    if (this.notebook.resultsOnly || gridFilters.length > 0 || presentation) {
      definition.view = {};
      if (this.notebook.resultsOnly) definition.view.resultsOnly = true;
      if (gridFilters.length > 0) definition.view.gridFilters = gridFilters;
      if (presentation) definition.view.presentation = { cells: [...presentation] };
    }
    return definition;
  }

  /** The current definitions as a template (`.tagbook.json`): no data, no time zone, no spec consent. */
  templateText(): string {
    return serializeDefinition(toTemplate(this.definition()));
  }

  /** Which loaded tables are customer tables (built by a cell, or saved as one). */
  tableKinds(): Record<string, 'imported' | 'customers'> {
    const customers = this.notebook.cells.flatMap((c) => (c.kind === 'customers' ? [c.resultName] : []));
    return Object.fromEntries(this.importState.tables.map((t) => [t.name, customers.includes(t.name) ? 'customers' : 'imported']));
  }

  /** The tables a save with `contents` writes, in load order. */
  tablesToSave(contents: FileContents): TableInfo[] {
    const kinds = this.tableKinds();
    // Analysis results are not saved: opening the file runs the analyses again.
    const analyses = this.notebook.analysisResultNames();
    return this.importState.tables.filter((t) => !analyses.includes(t.name) && (contents === 'all' || kinds[t.name] === 'customers'));
  }

  /**
   * Writes the workspace as a `.tagbook` file: its bytes and the file name to offer. All data with
   * every column kept is exported from SQLite's live tables (pending tag evaluations run first, so
   * its tag columns are current); otherwise, or when that fails, the file worker writes it.
   */
  async save(choice: SaveChoice): Promise<{ bytes: Uint8Array; fileName: string }> {
    this.busy = true;
    try {
      const tables = this.tablesToSave(choice.contents).map((t) => t.name);
      // The phases are measured (performance entries `tagbook:save-*`) for the bench.
      const measured = async <T>(phase: string, work: Promise<T>): Promise<T> => {
        const started = performance.now();
        try {
          return await work;
        } finally {
          performance.measure(`tagbook:save-${phase}`, { start: started, end: performance.now() });
        }
      };
      const file = async () => ({
        definitionJson: serializeDefinition(this.definition()),
        tables: await measured('tables', this.api.savedTables({ tables, kinds: this.tableKinds(), drop: choice.drop, hash: choice.hash })),
        // A timestamp written into the file, not state: nothing reacts to it.
        // eslint-disable-next-line svelte/prefer-svelte-reactivity
        savedAt: new Date().toISOString(),
        app: APP_NAME,
        contents: choice.contents,
        dropped: choice.drop.map((c) => `${c.table}.${c.column}`),
        hashed: choice.hash.map((c) => `${c.table}.${c.column}`),
      });
      let bytes: Uint8Array | null = null;
      if (this.api.exportLiveFile && choice.contents === 'all' && choice.drop.length === 0 && choice.hash.length === 0) {
        await measured('settle', this.notebook.settleNow());
        // The columns go to the SQL worker (transferred): the long way asks for them again.
        const live = this.api.exportLiveFile;
        bytes = await file()
          .then((f) => measured<Uint8Array>('export', live(f)))
          .catch(() => null);
      }
      if (bytes === null) {
        const longWay = await file();
        bytes = await measured<Uint8Array>('write', this.api.writeFile(longWay));
      }
      return { bytes, fileName: `${fileStem(this.name)}.tagbook` };
    } finally {
      this.busy = false;
    }
  }

  /**
   * Reads a dropped or picked file (a `.tagbook` database, a `.tagbook.json` template or
   * workspace definition) and checks everything in it. Nothing changes yet: a good file waits in
   * `pending` for the user to agree; a bad one is explained in `problem`.
   */
  async readFile(file: Blob, fileName: string): Promise<void> {
    this.problem = null;
    this.busy = true;
    try {
      const bytes = new Uint8Array(await file.arrayBuffer());
      if (isSqlite(bytes)) await this.readDatabase(bytes, fileName);
      else this.readDefinitionText(new TextDecoder().decode(bytes), fileName, false);
    } catch (error) {
      const e = toTagbookError(error);
      this.problem = { fileName, code: e.code, message: e.message, problems: [] };
    } finally {
      this.busy = false;
    }
  }

  /** Reads a template that came in a share link (already decoded and validated). */
  offerTemplate(template: TemplateDefinition, fileName: string): void {
    this.problem = null;
    this.pending = this.templateCandidate(template, fileName, true);
  }

  /** Reports a share link that could not be read. */
  reportProblem(problem: OpenProblem): void {
    this.problem = problem;
  }

  private async readDatabase(bytes: Uint8Array, fileName: string): Promise<void> {
    const file = await this.api.readFile(bytes);
    const read = readWorkspaceDefinition(file.definitionJson);
    if ('problems' in read) {
      this.problem = { fileName, code: 'bad-definition', message: 'The workspace definitions in this file are not valid.', problems: read.problems };
      return;
    }
    const missing = missingTables(read.definition, file);
    if (missing.length > 0) {
      this.problem = { fileName, code: 'missing-tables', message: 'The file does not hold every table its notebook needs.', problems: missing };
      return;
    }
    this.pending = { kind: 'workspace', fileName, definition: read.definition, file, changes: diffDefinitions(this.definition(), read.definition) };
  }

  private readDefinitionText(text: string, fileName: string, fromLink: boolean): void {
    const read = readAnyDefinition(text);
    if ('problems' in read) {
      this.problem = { fileName, code: 'bad-definition', message: 'This file is not a Tagbook workspace or template Tagbook can open.', problems: read.problems };
      return;
    }
    const definition = read.definition;
    if (definition.format === WORKSPACE_FORMAT) {
      // A workspace definition without data: applied to the loaded data like a template.
      this.pending = this.templateCandidate(toTemplate(definition), fileName, fromLink);
    } else {
      this.pending = this.templateCandidate(definition, fileName, fromLink);
    }
  }

  private templateCandidate(template: TemplateDefinition, fileName: string, fromLink: boolean): OpenCandidate {
    const columns = Object.fromEntries(this.importState.tables.map((t) => [t.name, t.columns.flatMap((c) => (c.type === 'unknown' ? [] : [{ name: c.name, type: c.type }]))]));
    const applied = applyTemplate(template, columns, this.importState.timeZone);
    applied.definition.name = this.name;
    return {
      kind: 'template',
      fileName,
      template,
      definition: applied.definition,
      unmapped: applied.unmapped,
      changes: diffDefinitions(toTemplate(this.definition()), template),
      fromLink,
    };
  }

  /** Drops the file waiting to be opened. */
  cancelPending(): void {
    this.pending = null;
  }

  /** Opens (or applies) the file waiting in `pending`: the user agreed to replace the current work. */
  async confirmPending(): Promise<void> {
    const candidate = this.pending;
    if (!candidate) return;
    this.pending = null;
    this.busy = true;
    try {
      if (candidate.kind === 'workspace') {
        const file = candidate.file;
        if (file) {
          await this.api.replaceTables(file.tables);
          this.notebook.savedOnlyTables = file.contents === 'customers-only' ? file.tables.filter((t) => t.kind === 'customers').map((t) => t.name) : [];
          await this.api.restartSql();
        }
        if (candidate.definition.timeZone) this.importState.timeZone = candidate.definition.timeZone;
        this.load(candidate.definition);
        await this.importState.refreshTables();
        this.onOpened(file ? file.tables : null);
        this.notice = candidate.fileName;
      } else {
        // A template keeps the data and replaces the definitions (the name stays).
        this.load(candidate.definition);
        this.onOpened(null);
        this.notice = candidate.fileName;
      }
    } catch (error) {
      const e = toTagbookError(error);
      this.problem = { fileName: candidate.fileName, code: e.code, message: e.message, problems: [] };
    } finally {
      this.busy = false;
    }
    // The customer tables saved in the file are tagged at once, so the segment tables show while
    // the notebook runs from the top (its SQL cells wait for SQLite; the tables are built again).
    if (candidate.kind === 'workspace' && candidate.file) {
      const saved = candidate.file.tables.filter((t) => t.kind === 'customers').map((t) => t.name);
      const tagged = candidate.definition.cells.flatMap((c) => (c.kind === 'tag' && saved.includes(c.tableName) ? [c.tableName] : []));
      for (const table of tagged.filter((t, i) => tagged.indexOf(t) === i)) void this.notebook.evaluateTags(table);
    }
    await this.notebook.runAll();
  }

  /** Puts a checked definition in place of the current one (the data are already in place) and starts history afresh. */
  load(definition: WorkspaceDefinition): void {
    this.notebook.resetRuns();
    this.name = definition.name;
    this.parameters.parameters = definition.parameters.some((p) => p.name === AS_OF) ? definition.parameters : [...defaultParameters(), ...definition.parameters];
    this.notebook.cells = definition.cells;
    this.notebook.resultsOnly = definition.view?.resultsOnly ?? false;
    this.notebook.presentationCells = definition.view?.presentation ? [...definition.view.presentation.cells] : null;
    const filters: Record<string, { tag?: string; segments?: number[]; idContains?: string }> = {};
    for (const { table, ...filter } of definition.view?.gridFilters ?? []) filters[table] = filter;
    this.notebook.gridFilters = filters;
    this.history.reset();
  }

  /** Starts an empty workspace: no tables, no cells, default parameters. */
  async newWorkspace(name: string): Promise<void> {
    this.busy = true;
    try {
      await this.api.replaceTables([]);
      this.notebook.savedOnlyTables = [];
      await this.api.restartSql();
      this.load({ format: WORKSPACE_FORMAT, version: DEFINITION_VERSION, name, cells: [], parameters: defaultParameters() });
      await this.importState.refreshTables();
      this.onOpened([]);
    } finally {
      this.busy = false;
    }
  }

  /** Compares the current definitions with a file's (a template, a workspace definition or a `.tagbook`). */
  async compareWith(file: Blob, fileName: string): Promise<void> {
    this.problem = null;
    this.busy = true;
    try {
      const bytes = new Uint8Array(await file.arrayBuffer());
      let other: Definition;
      if (isSqlite(bytes)) {
        const read = readWorkspaceDefinition((await this.api.readFile(bytes)).definitionJson);
        if ('problems' in read) {
          this.problem = { fileName, code: 'bad-definition', message: 'The workspace definitions in this file are not valid.', problems: read.problems };
          return;
        }
        other = read.definition;
      } else {
        const read = readAnyDefinition(new TextDecoder().decode(bytes));
        if ('problems' in read) {
          this.problem = { fileName, code: 'bad-definition', message: 'This file is not a Tagbook workspace or template.', problems: read.problems };
          return;
        }
        other = read.definition;
      }
      // Compared as definitions: a template has no time zone, so it is compared with the current workspace's template.
      const current = other.format === WORKSPACE_FORMAT ? this.definition() : toTemplate(this.definition());
      this.comparison = { fileName, changes: diffDefinitions(other, current) };
    } catch (error) {
      const e = toTagbookError(error);
      this.problem = { fileName, code: e.code, message: e.message, problems: [] };
    } finally {
      this.busy = false;
    }
  }
}

/** True when `bytes` start like a SQLite database (a `.tagbook` file), whatever the file is called. */
export function isSqlite(bytes: Uint8Array): boolean {
  if (bytes.length < SQLITE_HEADER.length) return false;
  for (let i = 0; i < SQLITE_HEADER.length; i++) if (bytes[i] !== SQLITE_HEADER.charCodeAt(i)) return false;
  return true;
}

/** A file name's stem for a workspace name: what file systems refuse replaced, never empty. */
export function fileStem(name: string): string {
  const stem = Array.from(name, (c) => (c.charCodeAt(0) < 32 ? '-' : c))
    .join('')
    .replace(/[\\/:*?"<>|]+/g, '-')
    .replace(/^[.\s-]+|[.\s]+$/g, '')
    .slice(0, 120);
  return stem || 'workspace';
}

/**
 * Tables the definition needs that the file does not hold: a source cell's table, and a customer
 * table's sources unless the customer table itself was saved (a customers-only file).
 */
function missingTables(definition: WorkspaceDefinition, file: WorkspaceFile): WorkspaceProblem[] {
  const saved = new Set(file.tables.map((t) => t.name));
  const results = new Set(definition.cells.flatMap((c) => (c.kind === 'sql' || c.kind === 'customers' ? [c.resultName] : [])));
  const problems: WorkspaceProblem[] = [];
  definition.cells.forEach((cell, i) => {
    if (cell.kind === 'source' && !saved.has(cell.tableName) && file.contents === 'all') {
      problems.push({ path: `cells[${i}].tableName`, message: `The table "${cell.tableName}" is not in the file.` });
    }
    if (cell.kind === 'customers' && !saved.has(cell.resultName)) {
      for (const [key, table] of Object.entries(cell.sources)) {
        if (table && !saved.has(table) && !results.has(table)) problems.push({ path: `cells[${i}].sources.${key}`, message: `The ${key} table "${table}" is not in the file.` });
      }
    }
  });
  return problems;
}
