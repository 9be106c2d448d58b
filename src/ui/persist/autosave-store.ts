/**
 * The autosave (SPEC §7): workspaces kept in IndexedDB, so a reload or a crashed tab loses nothing.
 * Works on the page and in a worker (IndexedDB is in both).
 *
 * Database `tagbook`, version 1:
 * - `workspaces` (key `id`): the definition as JSON text, its name, when it was saved, and the
 *   names of its tables; indexed by `updatedAt` for the "recent" list.
 * - `tables` (key `[workspaceId, name]`): one table's typed columns, stored as they are (typed
 *   arrays survive the structured clone, NaN included); indexed by `workspaceId`.
 * - `meta` (out-of-line keys): `lastOpened` → the workspace id to restore on the next start.
 *
 * The definition and the tables are written separately: an edit rewrites the small definition
 * only, an import writes one table. A full quota becomes StorageFullError, so the UI can say
 * "storage is full, save a file" while everything in memory stays as it is.
 */
import { wrap, type DBSchema, type IDBPDatabase } from 'idb';
import type { Column } from '../../engine/dataset/types.ts';

export const AUTOSAVE_DB_NAME = 'tagbook';
const DB_VERSION = 1;
const LAST_OPENED = 'lastOpened';

export interface WorkspaceRecord {
  id: string;
  name: string;
  /** When the definition was last saved (ms since the epoch). */
  updatedAt: number;
  /** The workspace definition, as serializeDefinition writes it. */
  definitionJson: string;
  /** The workspace's tables, in the order the notebook shows them. */
  tableNames: string[];
}

export interface TableRecord {
  workspaceId: string;
  name: string;
  kind: 'imported' | 'customers';
  rowCount: number;
  columns: Column[];
}

interface AutosaveSchema extends DBSchema {
  workspaces: { key: string; value: WorkspaceRecord; indexes: { updatedAt: number } };
  tables: { key: [string, string]; value: TableRecord; indexes: { workspaceId: string } };
  meta: { key: string; value: string };
}

/** The browser has no room left for the autosave: the work in memory is intact, and can be saved as a file. */
export class StorageFullError extends Error {
  override readonly name = 'StorageFullError';
  readonly code = 'storage-full';
  constructor(options?: { cause?: unknown }) {
    super('The browser storage is full: the workspace is no longer autosaved. Save it as a file to keep your work.', options);
  }
}

/** True when `error` is IndexedDB saying the quota is exceeded (a DOMException named QuotaExceededError, or its legacy code 22). */
export function isQuotaExceeded(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { name, code } = error as { name?: unknown; code?: unknown };
  return name === 'QuotaExceededError' || code === 22;
}

/** A new workspace id (a random UUID). */
export function newWorkspaceId(): string {
  return crypto.randomUUID();
}

/** The autosave database. Every method maps a full quota to StorageFullError; other IndexedDB errors pass through. */
export class AutosaveStore {
  private constructor(private readonly db: IDBPDatabase<AutosaveSchema>) {}

  /**
   * Opens (creating it the first time) the database `dbName` of `factory` (default: the global
   * `indexedDB`). Another tab asking for a newer version makes this one close its connection.
   */
  static async open(dbName: string = AUTOSAVE_DB_NAME, factory: IDBFactory = indexedDB): Promise<AutosaveStore> {
    const request = factory.open(dbName, DB_VERSION);
    request.addEventListener('upgradeneeded', () => {
      const db = request.result;
      if (!db.objectStoreNames.contains('workspaces')) db.createObjectStore('workspaces', { keyPath: 'id' }).createIndex('updatedAt', 'updatedAt');
      if (!db.objectStoreNames.contains('tables')) db.createObjectStore('tables', { keyPath: ['workspaceId', 'name'] }).createIndex('workspaceId', 'workspaceId');
      if (!db.objectStoreNames.contains('meta')) db.createObjectStore('meta');
    });
    const db = (await guard(() => wrap(request))) as IDBPDatabase<AutosaveSchema> | undefined;
    if (!db) throw new Error(`The autosave database "${dbName}" could not be opened.`);
    db.addEventListener('versionchange', () => db.close());
    return new AutosaveStore(db);
  }

  /** Saves a workspace's definition, stamped with the current time; keeps its stored table names unless `tableNames` is given. */
  saveDefinition(record: Omit<WorkspaceRecord, 'updatedAt' | 'tableNames'> & { tableNames?: string[] }): Promise<void> {
    return guard(async () => {
      const tx = this.db.transaction('workspaces', 'readwrite');
      await within(tx, async () => {
        const tableNames = record.tableNames ?? (await tx.store.get(record.id))?.tableNames ?? [];
        await tx.store.put({ id: record.id, name: record.name, definitionJson: record.definitionJson, tableNames: [...tableNames], updatedAt: Date.now() });
      });
    });
  }

  /** Saves one table of a workspace, replacing a table of the same name. */
  saveTable(table: TableRecord): Promise<void> {
    return guard(async () => {
      await this.db.put('tables', table);
    });
  }

  /** Deletes one table of a workspace; a no-op when there is none. */
  deleteTable(workspaceId: string, name: string): Promise<void> {
    return guard(async () => {
      await this.db.delete('tables', [workspaceId, name]);
    });
  }

  /** Deletes the workspace's tables whose names are not in `keep`. */
  pruneTables(workspaceId: string, keep: readonly string[]): Promise<void> {
    return guard(async () => {
      const kept = new Set(keep);
      const tx = this.db.transaction('tables', 'readwrite');
      await within(tx, async () => {
        const keys = await tx.store.index('workspaceId').getAllKeys(workspaceId);
        await Promise.all(keys.filter(([, name]) => !kept.has(name)).map((key) => tx.store.delete(key)));
      });
    });
  }

  /** The workspace `id` with its tables (see loadTables), read in one transaction; null when there is no such workspace. */
  load(id: string): Promise<{ workspace: WorkspaceRecord; tables: TableRecord[] } | null> {
    return guard(async () => {
      const tx = this.db.transaction(['workspaces', 'tables'], 'readonly');
      const [workspace, tables] = await within(tx, async () => Promise.all([tx.objectStore('workspaces').get(id), tx.objectStore('tables').index('workspaceId').getAll(id)]));
      return workspace ? { workspace, tables: inTableOrder(tables, workspace.tableNames) } : null;
    });
  }

  /** The workspace `id` without its tables, or null. */
  loadDefinition(id: string): Promise<WorkspaceRecord | null> {
    return guard(async () => (await this.db.get('workspaces', id)) ?? null);
  }

  /** The tables stored for workspace `id`: those its record names first, in that order, then any others by name. */
  loadTables(id: string): Promise<TableRecord[]> {
    return guard(async () => {
      const tx = this.db.transaction(['workspaces', 'tables'], 'readonly');
      const [workspace, tables] = await within(tx, async () => Promise.all([tx.objectStore('workspaces').get(id), tx.objectStore('tables').index('workspaceId').getAll(id)]));
      return inTableOrder(tables, workspace?.tableNames ?? []);
    });
  }

  /** Up to `limit` workspaces, the most recently saved first. */
  recent(limit = 20): Promise<WorkspaceRecord[]> {
    return guard(async () => {
      const found: WorkspaceRecord[] = [];
      if (limit <= 0) return found;
      const tx = this.db.transaction('workspaces');
      await within(tx, async () => {
        let cursor = await tx.store.index('updatedAt').openCursor(null, 'prev');
        while (cursor && found.length < limit) {
          found.push(cursor.value);
          cursor = await cursor.continue();
        }
      });
      return found;
    });
  }

  /** Deletes the workspace and its tables (and forgets it as the last opened); a no-op for an unknown id. */
  remove(id: string): Promise<void> {
    return guard(async () => {
      const tx = this.db.transaction(['workspaces', 'tables', 'meta'], 'readwrite');
      const tables = tx.objectStore('tables');
      const meta = tx.objectStore('meta');
      await within(tx, async () => {
        const [keys, last] = await Promise.all([tables.index('workspaceId').getAllKeys(id), meta.get(LAST_OPENED)]);
        await Promise.all([tx.objectStore('workspaces').delete(id), ...keys.map((key) => tables.delete(key)), ...(last === id ? [meta.delete(LAST_OPENED)] : [])]);
      });
    });
  }

  /** The id of the workspace opened last, or null. */
  lastOpened(): Promise<string | null> {
    return guard(async () => (await this.db.get('meta', LAST_OPENED)) ?? null);
  }

  /** Remembers `id` as the workspace to restore on the next start. */
  setLastOpened(id: string): Promise<void> {
    return guard(async () => {
      await this.db.put('meta', id, LAST_OPENED);
    });
  }

  /** Closes the connection; the store cannot be used afterwards. */
  close(): void {
    this.db.close();
  }
}

function inTableOrder(tables: TableRecord[], tableNames: readonly string[]): TableRecord[] {
  const rank = new Map(tableNames.map((name, i) => [name, i]));
  const order = (t: TableRecord) => rank.get(t.name) ?? tableNames.length;
  return [...tables].sort((a, b) => order(a) - order(b) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/**
 * Runs `body` in `tx` and waits for the transaction to finish: the answer is settled only once
 * the data is committed (a quota error often arrives as the transaction's abort, after every
 * request succeeded). When `body` fails, the transaction is aborted so that nothing of it is kept.
 */
async function within<T>(tx: { readonly done: Promise<void>; abort(): void }, body: () => Promise<T>): Promise<T> {
  const work = body().catch((error: unknown) => {
    try {
      tx.abort();
    } catch {
      // The transaction had already finished or aborted itself.
    }
    throw error;
  });
  const [result] = await Promise.all([work, tx.done]);
  return result;
}

/** Runs `run`, turning a quota error (thrown, or a transaction aborted with one) into StorageFullError. */
async function guard<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (isQuotaExceeded(error)) throw new StorageFullError({ cause: error });
    throw error;
  }
}
