/**
 * Autosave (SPEC §7): every change kept in this browser's IndexedDB, so a reload, a crash or a
 * closed tab loses nothing older than a moment.
 * - Definitions (cells, parameters, name, view state) are written a short moment after each change
 *   (coalesced), and at once when the page is hidden.
 * - Data are written once per import, by the data worker straight from its columns (the page never
 *   copies them); customer tables are built again from the definitions on restore, except those a
 *   customers-only file brought, which are kept like imports.
 * - The last workspace opens again on the next visit; others are listed under "Recent workspaces".
 * - A second tab on the same workspace is detected (Web Locks) and becomes read-only: it keeps
 *   nothing, so the two never overwrite each other.
 * - A full disk keeps the work in memory and says to save a file.
 */
import { untrack } from 'svelte';
import { readWorkspaceDefinition, serializeDefinition, type WorkspaceProblem } from '../../engine/index.ts';
import type { TableInfo } from '../../worker/api.ts';
import { toTagbookError } from '../../worker/client.ts';
import { AutosaveScheduler } from '../persist/autosave-scheduler.ts';
import { AutosaveStore, newWorkspaceId, StorageFullError, type WorkspaceRecord } from '../persist/autosave-store.ts';
import { claimWorkspace, waitForWorkspace } from '../persist/tab-lock.ts';
import type { ImportState } from './import-state.svelte.ts';
import type { NotebookState } from './notebook-state.svelte.ts';
import type { ParametersState } from './parameters-state.svelte.ts';
import type { WorkspaceState } from './workspace-state.svelte.ts';

/** What autosave needs from the data worker (which reads and writes the tables' columns itself). */
export interface AutosaveApi {
  /** Stores the named tables of the workspace that are not stored yet (each import once) and forgets its other stored tables. */
  persistTables(workspaceId: string, tables: { name: string; kind: 'imported' | 'customers' }[]): Promise<void>;
  /** Replaces every loaded table with the workspace's stored tables; returns them with their kinds. */
  restoreTables(workspaceId: string): Promise<{ name: string; kind: 'imported' | 'customers' }[]>;
}

export type AutosaveStatus = 'starting' | 'on' | 'read-only' | 'full' | 'failed' | 'unavailable';

export interface AutosaveOptions {
  openStore?: () => Promise<AutosaveStore>;
  claim?: typeof claimWorkspace;
  /** Waits for a workspace another tab holds to be free (a read-only tab then takes it over). */
  wait?: (id: string, signal: AbortSignal) => Promise<{ release(): void }>;
  /** How long after a change the definitions are written. */
  delayMs?: number;
}

export class AutosaveState {
  status = $state<AutosaveStatus>('starting');
  /** Why autosave stopped (a failure's message). */
  message = $state<string | null>(null);
  recent = $state.raw<WorkspaceRecord[]>([]);
  storage = $state.raw<{ used: number; quota: number; persisted: boolean } | null>(null);
  /** The workspace restored on opening the page, said once. */
  restoredName = $state<string | null>(null);
  /** Problems of an autosaved workspace that could not be restored (it is kept, not deleted). */
  restoreProblems = $state.raw<WorkspaceProblem[] | null>(null);
  /** A read-only tab took the workspace over when the other tab closed (said once). */
  tookOver = $state(false);
  /** Stops waiting for the other tab (this tab switched workspace or took a copy). */
  private waiting: AbortController | null = null;

  private store: AutosaveStore | null = null;
  private scheduler: AutosaveScheduler | null = null;
  private release: () => void = () => {};
  private tracking = false;
  private lastTables = '';

  constructor(
    private readonly api: AutosaveApi,
    private readonly workspace: WorkspaceState,
    private readonly notebook: NotebookState,
    private readonly parameters: ParametersState,
    private readonly importState: ImportState,
    private readonly options: AutosaveOptions = {},
  ) {}

  /**
   * Opens the store and restores the last workspace; resolves true when one was restored (else
   * the page opens the demo, which then becomes a new autosaved workspace).
   */
  async start(): Promise<boolean> {
    try {
      this.store = await (this.options.openStore ?? (() => AutosaveStore.open()))();
    } catch (error) {
      this.stop('unavailable', error);
      return false;
    }
    this.scheduler = new AutosaveScheduler(
      (json) => this.writeDefinition(json),
      (error) => this.fail(error),
      this.options.delayMs,
    );
    void this.requestPersistence();
    const last = await this.store.lastOpened().catch(() => null);
    if (last && (await this.restore(last))) return true;
    return false;
  }

  /**
   * Starts keeping the current workspace under a new id (after the demo opened, a file was opened
   * or a new workspace started): claims it, writes its definitions and tables now.
   */
  async adoptCurrent(): Promise<void> {
    if (!this.store) return;
    this.release();
    this.workspace.id = newWorkspaceId();
    await this.claim(this.workspace.id);
    this.lastTables = '';
    this.track();
    await this.store.setLastOpened(this.workspace.id).catch((e) => this.fail(e));
    await this.flushNow();
    await this.persistTables();
  }

  /** Opens another workspace kept in this browser (the current one is kept first). */
  async switchTo(id: string): Promise<void> {
    this.waiting?.abort();
    await this.flush();
    this.release();
    this.release = () => {};
    await this.restore(id);
  }

  /** A read-only tab takes a copy of the workspace as its own, which it keeps from now on. */
  async takeCopy(): Promise<void> {
    this.waiting?.abort();
    this.workspace.rename(`${this.workspace.name} (2)`);
    this.status = 'starting';
    await this.adoptCurrent();
  }

  /** Writes pending definitions now (the page is being hidden or closed). */
  async flush(): Promise<void> {
    await this.scheduler?.flush();
  }

  /** Deletes a workspace kept in this browser (not the open one), with its tables. */
  async remove(id: string): Promise<void> {
    if (!this.store || id === this.workspace.id) return;
    await this.store.remove(id).catch((error) => this.fail(error));
    await this.refreshRecent();
  }

  async refreshRecent(): Promise<void> {
    if (!this.store) return;
    this.recent = await this.store.recent(12).catch(() => []);
    await this.refreshStorage();
  }

  /** Restores workspace `id`: claims it, unless this tab already holds it (`held`). */
  private async restore(id: string, held?: { release(): void }): Promise<boolean> {
    const store = this.store;
    if (!store) return false;
    const record = await store.loadDefinition(id).catch(() => null);
    if (!record) return false;
    // Our own autosave: the consent given to hand-edited chart specs stays.
    const read = readWorkspaceDefinition(record.definitionJson, { keepSpecConsent: true });
    if ('problems' in read) {
      this.restoreProblems = read.problems;
      return false;
    }
    this.status = 'starting';
    let kinds: { name: string; kind: 'imported' | 'customers' }[];
    try {
      kinds = await this.api.restoreTables(id);
    } catch (error) {
      this.fail(error);
      return false;
    }
    this.workspace.id = id;
    this.notebook.savedOnlyTables = kinds.filter((t) => t.kind === 'customers').map((t) => t.name);
    if (read.definition.timeZone) this.importState.timeZone = read.definition.timeZone;
    this.workspace.load(read.definition);
    await this.importState.refreshTables();
    this.lastTables = tablesKey(kinds);
    this.restoredName = read.definition.name;
    // Claimed once everything is in place, so "work on a copy" in a read-only tab copies the restored workspace.
    if (held) {
      this.release = () => held.release();
      this.status = 'on';
      this.message = null;
    } else await this.claim(id);
    if ((this.status as AutosaveStatus) === 'on') await store.setLastOpened(id).catch(() => {});
    this.track();
    void this.notebook.runAll();
    return true;
  }

  /**
   * Watches the definitions, the view state and the tables; each change schedules a write. Cells
   * and parameters are heard through the states' change hooks (beside the undo history's); the
   * view state and the table list through effects.
   */
  private track(): void {
    if (this.tracking) return;
    this.tracking = true;
    const cellsChanged = this.notebook.onCellsChange;
    this.notebook.onCellsChange = (cells) => {
      cellsChanged(cells);
      this.schedule();
    };
    const parametersChanged = this.parameters.onParametersChange;
    this.parameters.onParametersChange = (parameters) => {
      parametersChanged(parameters);
      this.schedule();
    };
    this.workspace.onChange = () => this.schedule();
    $effect.root(() => {
      $effect(() => {
        // Read to subscribe: any of these changing is a change of the workspace.
        void [this.notebook.resultsOnly, this.notebook.gridFilters, this.notebook.presentationCells, this.importState.timeZone];
        untrack(() => this.schedule());
      });
      $effect(() => {
        void [this.importState.tables, this.importState.loads];
        untrack(() => void this.persistTables());
      });
    });
  }

  private schedule(): void {
    if (this.status !== 'on' || !this.scheduler) return;
    this.scheduler.schedule(() => this.serialize());
  }

  private async flushNow(): Promise<void> {
    if (this.status !== 'on' || !this.scheduler) return;
    this.scheduler.schedule(() => this.serialize());
    await this.scheduler.flush();
  }

  /** The definitions as JSON; its main-thread time is measured (`npm run bench` reads the measure). */
  private serialize(): string {
    const started = performance.now();
    const json = serializeDefinition(this.workspace.definition());
    performance.measure('tagbook:autosave-serialize', { start: started, end: performance.now() });
    return json;
  }

  private async writeDefinition(json: string): Promise<void> {
    if (!this.store || this.status !== 'on') return;
    // The synchronous part of the write (IndexedDB clones the record on the calling thread) is
    // measured too. With the table names given, the store puts the record at once, inside the measure.
    const started = performance.now();
    const tableNames = this.importState.tables.map((t) => t.name);
    const written = this.store.saveDefinition({ id: this.workspace.id, name: this.workspace.name, definitionJson: json, tableNames });
    performance.measure('tagbook:autosave-write', { start: started, end: performance.now() });
    await written;
  }

  /** Tables to keep: imports, and customer tables a customers-only file brought (the others are built again on restore). */
  private async persistTables(): Promise<void> {
    if (this.status !== 'on') return;
    const customers = this.notebook.cells.flatMap((c) => (c.kind === 'customers' ? [c.resultName] : []));
    // Analysis results are not kept: they are run again.
    const analyses = this.notebook.analysisResultNames();
    const tables = this.importState.tables.flatMap((t: TableInfo): { name: string; kind: 'imported' | 'customers' }[] => {
      if (analyses.includes(t.name)) return [];
      if (!customers.includes(t.name)) return [{ name: t.name, kind: 'imported' }];
      return this.notebook.savedOnlyTables.includes(t.name) ? [{ name: t.name, kind: 'customers' }] : [];
    });
    const key = tablesKey(tables) + `@${this.importState.loads}`;
    if (key === this.lastTables) return;
    this.lastTables = key;
    try {
      await this.api.persistTables(this.workspace.id, tables);
      await this.refreshStorage();
    } catch (error) {
      this.fail(error);
    }
  }

  private async claim(id: string): Promise<void> {
    this.waiting?.abort();
    this.waiting = null;
    const claim = await (this.options.claim ?? claimWorkspace)(id);
    this.release = claim.release;
    this.status = claim.owner ? 'on' : 'read-only';
    this.message = null;
    if (!claim.owner) void this.takeOverWhenFree(id);
  }

  /**
   * A read-only tab waits for the other tab to let go of the workspace (it closed, or switched
   * away), then reads what that tab kept and carries on as the owner.
   */
  private async takeOverWhenFree(id: string): Promise<void> {
    const waiting = new AbortController();
    this.waiting = waiting;
    let held: { release(): void };
    try {
      held = await (this.options.wait ?? ((workspaceId, signal) => waitForWorkspace(workspaceId, signal)))(id, waiting.signal);
    } catch {
      return; // Aborted: this tab went elsewhere.
    }
    if (waiting.signal.aborted || this.workspace.id !== id || this.status !== 'read-only') {
      held.release();
      return;
    }
    this.waiting = null;
    // The other tab's last state, read now: this tab's read-only changes were never kept.
    const restored = await this.restore(id, held);
    if (!restored) {
      held.release();
      this.status = 'read-only';
    }
    this.tookOver = restored;
  }

  private fail(error: unknown): void {
    if (error instanceof StorageFullError || toTagbookError(error).code === 'storage-full') this.stop('full', error);
    else this.stop('failed', error);
  }

  private stop(status: AutosaveStatus, error: unknown): void {
    this.status = status;
    this.message = error instanceof Error ? error.message : toTagbookError(error).message;
  }

  private async requestPersistence(): Promise<void> {
    try {
      if (navigator.storage?.persist && !(await navigator.storage.persisted())) await navigator.storage.persist();
    } catch {
      // Browsers may refuse quietly; the estimate still shows what is kept.
    }
    await this.refreshStorage();
  }

  private async refreshStorage(): Promise<void> {
    try {
      if (!navigator.storage?.estimate) return;
      const [estimate, persisted] = await Promise.all([navigator.storage.estimate(), navigator.storage.persisted?.() ?? Promise.resolve(false)]);
      this.storage = { used: estimate.usage ?? 0, quota: estimate.quota ?? 0, persisted };
    } catch {
      this.storage = null;
    }
  }
}

function tablesKey(tables: { name: string; kind: string }[]): string {
  return tables.map((t) => `${t.kind}:${t.name}`).join('|');
}
