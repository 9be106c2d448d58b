/**
 * Autosave of the data worker's tables in IndexedDB (see AutosaveState on the page): each import
 * is written once, straight from the worker's columns, so the page's main thread never copies a
 * million rows. A table's columns array is new for every import, so "stored already" is known by
 * its identity.
 */
import type { Column } from '../engine/index.ts';
import { AutosaveStore, isQuotaExceeded, StorageFullError } from '../ui/persist/autosave-store.ts';
import { workerError } from './worker-error.ts';

export interface PersistedTable {
  name: string;
  kind: 'imported' | 'customers';
}

export interface TableColumns {
  columns: Column[];
  rowCount: number;
}

export class TablePersistence {
  private store: Promise<AutosaveStore> | null = null;
  /** Which workspaces each columns array has been stored for. */
  private readonly stored = new WeakMap<Column[], Set<string>>();

  constructor(private readonly open: () => Promise<AutosaveStore> = () => AutosaveStore.open()) {}

  /**
   * Stores the listed tables of the workspace not stored yet (found through `lookup`), and forgets
   * its stored tables that are not listed. Rejects with `storage-full` when the quota is reached.
   */
  async persist(workspaceId: string, tables: readonly PersistedTable[], lookup: (name: string) => TableColumns | null): Promise<void> {
    try {
      const store = await this.storeOnce();
      for (const { name, kind } of tables) {
        const table = lookup(name);
        if (!table || this.stored.get(table.columns)?.has(workspaceId)) continue;
        await store.saveTable({ workspaceId, name, kind, rowCount: table.rowCount, columns: table.columns });
        this.mark(table.columns, workspaceId);
      }
      await store.pruneTables(
        workspaceId,
        tables.map((t) => t.name),
      );
    } catch (error) {
      throw persistenceError(error);
    }
  }

  /** The workspace's stored tables, in their order; marked as stored (restoring writes nothing back). */
  async restore(workspaceId: string): Promise<{ name: string; kind: 'imported' | 'customers'; columns: Column[]; rowCount: number }[]> {
    try {
      const tables = await (await this.storeOnce()).loadTables(workspaceId);
      for (const table of tables) this.mark(table.columns, workspaceId);
      return tables.map(({ name, kind, columns, rowCount }) => ({ name, kind, columns, rowCount }));
    } catch (error) {
      throw persistenceError(error);
    }
  }

  private storeOnce(): Promise<AutosaveStore> {
    this.store ??= this.open();
    return this.store;
  }

  private mark(columns: Column[], workspaceId: string): void {
    const ids = this.stored.get(columns) ?? new Set<string>();
    ids.add(workspaceId);
    this.stored.set(columns, ids);
  }
}

function persistenceError(error: unknown) {
  if (error instanceof StorageFullError || isQuotaExceeded(error)) {
    return workerError('storage-full', 'This browser’s storage is full: the tables could not be kept.');
  }
  return workerError('storage-failed', `The tables could not be kept in this browser: ${error instanceof Error ? error.message : String(error)}`);
}
