import * as Comlink from 'comlink';
import type { ImportOptions } from '../engine/index.ts';
import type {
  DataWorkerApi,
  FileWorkerApi,
  ImportPreview,
  ImportWorkerApi,
  ProgressCallback,
  RebuildCallback,
  SqlWorkerApi,
  TableInfo,
  WorkerError,
} from './api.ts';

/** An error from the worker, as an Error on the page with the worker's code, line and message params. */
export class TagbookError extends Error {
  override readonly name = 'TagbookError';
  constructor(
    readonly code: string,
    message: string,
    readonly line?: number,
    readonly params?: WorkerError['params'],
  ) {
    super(message);
  }
}

/** Returns `error` as a TagbookError (worker errors arrive as plain `{code, message}` objects). */
export function toTagbookError(error: unknown): TagbookError {
  if (error instanceof TagbookError) return error;
  if (typeof error === 'object' && error !== null && 'code' in error && 'message' in error) {
    const e = error as WorkerError;
    return new TagbookError(String(e.code), String(e.message), e.line, e.params);
  }
  return new TagbookError('internal', error instanceof Error ? error.message : String(error));
}

/** An import under way: `done` settles when the table is loaded, or with the reason it is not. */
export interface ImportJob {
  done: Promise<TableInfo>;
  cancel(): void;
}

/** The page's handles on its three workers. */
export interface Workers {
  data: Comlink.Remote<DataWorkerApi>;
  /** The current SQL worker (a new one after restartSql). */
  readonly sql: Comlink.Remote<SqlWorkerApi>;
  preview(bytes: Uint8Array, fileName: string, options: ImportOptions): Promise<ImportPreview>;
  /**
   * Imports through the import worker into the data worker; cancel() terminates the import worker
   * (a new one is started lazily) and rejects done with TagbookError code 'cancelled' (unless the
   * table had reached the data worker already: then done resolves, as the table is loaded).
   */
  startImport(bytes: Uint8Array, fileName: string, options: ImportOptions, onProgress?: ProgressCallback): ImportJob;
  /**
   * Terminates the SQL worker (stopping a runaway query; its calls in flight reject with code
   * 'sql-restarted'), starts a fresh one, reconnects the data worker, and resolves once it is
   * filled again, reporting progress — or, with `untilFilled: false`, once it is connected (SQL
   * cells wait for the fill themselves).
   */
  restartSql(onProgress?: RebuildCallback, options?: { untilFilled?: boolean }): Promise<void>;
  /**
   * Starts a fresh file worker, gives it to `use`, and terminates it once `use` settles: a hostile
   * file that crashes SQLite never touches the SQL worker, and the file's memory goes with the
   * worker. Worker errors reject as TagbookErrors; a worker that dies rejects with 'file-worker-failed'.
   */
  withFileWorker<T>(use: (api: Comlink.Remote<FileWorkerApi>) => Promise<T>): Promise<T>;
  terminate(): void;
}

/** A running worker: its typed remote, whose calls in flight reject once the worker is stopped. */
interface WorkerHandle<T> {
  remote: Comlink.Remote<T>;
  stop(reason: TagbookError): void;
}

const REBUILD_POLL_MS = 200;

/**
 * Starts the data and SQL workers (the import worker starts on first use, a file worker for each
 * withFileWorker call) and connects SQL to data. `onFailure` hears of a worker that cannot start
 * (a missing or blocked script) or fails outside any call; a file worker's failure rejects its call instead.
 */
export function startWorkers(onFailure: (message: string) => void = () => {}): Workers {
  // Each `new Worker(new URL(…))` is written out in full: that is the form Vite finds and bundles.
  const data = startWorker<DataWorkerApi>(
    new Worker(new URL('./data.worker.ts', import.meta.url), { type: 'module', name: 'tagbook-data' }),
    'data engine',
    onFailure,
  );
  const startSql = () =>
    startWorker<SqlWorkerApi>(new Worker(new URL('./sql.worker.ts', import.meta.url), { type: 'module', name: 'tagbook-sql' }), 'SQL engine', onFailure);
  const startImporter = () =>
    startWorker<ImportWorkerApi>(
      new Worker(new URL('./import.worker.ts', import.meta.url), { type: 'module', name: 'tagbook-import' }),
      'file reader',
      onFailure,
    );

  const startFiles = (onStopped: (message: string) => void) =>
    startWorker<FileWorkerApi>(new Worker(new URL('./file.worker.ts', import.meta.url), { type: 'module', name: 'tagbook-file' }), 'workspace file reader', onStopped);

  let sql = startSql();
  let importer: WorkerHandle<ImportWorkerApi> | null = null;
  const fileWorkers = new Set<WorkerHandle<FileWorkerApi>>();
  let lastReceiveId = 0;
  const currentImporter = () => (importer ??= startImporter());

  /** Gives the data worker a new channel to `target`, which then receives every loaded table. */
  const connectSql = async (target: WorkerHandle<SqlWorkerApi>) => {
    const channel = new MessageChannel();
    await Promise.all([
      target.remote.attach(Comlink.transfer(channel.port1, [channel.port1])),
      data.remote.connectSql(Comlink.transfer(channel.port2, [channel.port2])),
    ]);
  };

  connectSql(sql).catch((error: unknown) => {
    if (toTagbookError(error).code !== 'sql-restarted') onFailure(`The SQL engine could not be connected: ${toTagbookError(error).message}`);
  });

  return {
    data: data.remote,
    get sql() {
      return sql.remote;
    },

    preview(bytes, fileName, options) {
      return currentImporter().remote.previewFile(bytes, fileName, options).catch((error: unknown) => {
        throw toTagbookError(error);
      });
    },

    startImport(bytes, fileName, options, onProgress) {
      const receiveId = ++lastReceiveId;
      const channel = new MessageChannel();
      const received = data.remote.receiveTable(Comlink.transfer(channel.port2, [channel.port2]), receiveId);
      const handle = currentImporter();
      const progress = onProgress ? Comlink.proxy(onProgress) : undefined;
      const imported = handle.remote.importFile(bytes, fileName, options, progress, Comlink.transfer(channel.port1, [channel.port1]));
      const done = (async () => {
        const importError = await imported.then(
          () => null,
          (error: unknown) => toTagbookError(error),
        );
        // A finished import's worker is retired: its heap (the file's bytes, the scan buffers) goes
        // with it at once instead of waiting for a collection, and the next preview starts a fresh one.
        if (importer === handle) {
          importer = null;
          handle.stop(new TagbookError('retired', 'The file reader was retired after its import.'));
        }
        // The import failed or was cancelled: the data worker must stop waiting for the table.
        if (importError) void data.remote.cancelReceive(receiveId);
        try {
          return await received;
        } catch (error) {
          throw importError ?? toTagbookError(error);
        }
      })();
      return {
        done,
        cancel() {
          if (importer === handle) {
            importer = null;
            handle.stop(new TagbookError('cancelled', 'The import was cancelled.'));
          }
          void data.remote.cancelReceive(receiveId);
        },
      };
    },

    async restartSql(onProgress, { untilFilled = true } = {}) {
      sql.stop(new TagbookError('sql-restarted', 'The SQL engine was restarted.'));
      const fresh = startSql();
      sql = fresh;
      await connectSql(fresh);
      if (untilFilled) await reportRebuild(fresh.remote, onProgress);
    },

    async withFileWorker(use) {
      // A worker that fails (a crash in SQLite, a script that cannot load) would never answer: stop
      // it, which rejects the calls in flight, instead of reporting it as an app-wide failure.
      const handle = startFiles((message) => handle.stop(new TagbookError('file-worker-failed', message)));
      fileWorkers.add(handle);
      try {
        return await use(handle.remote);
      } catch (error) {
        throw toTagbookError(error);
      } finally {
        fileWorkers.delete(handle);
        handle.stop(new TagbookError('retired', 'The workspace file reader was retired after its call.'));
      }
    },

    terminate() {
      const reason = new TagbookError('terminated', 'The workers were stopped.');
      for (const handle of fileWorkers) handle.stop(reason);
      fileWorkers.clear();
      importer?.stop(reason);
      importer = null;
      sql.stop(reason);
      data.stop(reason);
    },
  };
}

/** Wraps a started worker: its errors go to `onFailure`, and `stop` terminates it and rejects its calls. */
function startWorker<T>(worker: Worker, label: string, onFailure: (message: string) => void): WorkerHandle<T> {
  worker.addEventListener('error', (event) => {
    event.preventDefault();
    onFailure(event.message ? `The ${label} failed: ${event.message}.` : `The ${label} could not be started.`);
  });
  let rejectCalls: (reason: TagbookError) => void = () => {};
  const stopped = new Promise<never>((_, reject) => (rejectCalls = reject));
  // Nobody may be waiting when the worker stops; that is not an unhandled error.
  stopped.catch(() => {});
  return {
    remote: rejectWhenStopped(Comlink.wrap<T>(worker), stopped),
    stop(reason) {
      worker.terminate();
      rejectCalls(reason);
    },
  };
}

/**
 * Returns `remote` with every method call racing `stopped`: a terminated worker never answers,
 * so without this its calls in flight would wait for ever.
 */
function rejectWhenStopped<T>(remote: Comlink.Remote<T>, stopped: Promise<never>): Comlink.Remote<T> {
  return new Proxy(remote as object, {
    get(target, key) {
      const member: unknown = Reflect.get(target, key);
      if (typeof key !== 'string' || typeof member !== 'function') return member;
      return (...args: unknown[]) => Promise.race([member(...args), stopped]);
    },
  }) as Comlink.Remote<T>;
}

/** Reports the fresh SQL worker's fill progress until every table is written again, ending with the full count. */
async function reportRebuild(sql: Comlink.Remote<SqlWorkerApi>, onProgress: RebuildCallback | undefined): Promise<void> {
  let filled = false;
  const finished = sql.whenFilled().then(() => {
    filled = true;
  });
  for (;;) {
    // Read before asking: a status asked for after the fill finished is complete.
    const wasFilled = filled;
    const status = await sql.fillStatus();
    onProgress?.({
      rowsWritten: status.tables.reduce((sum, t) => sum + t.rowsWritten, 0),
      rowCount: status.tables.reduce((sum, t) => sum + t.rowCount, 0),
    });
    if (wasFilled) break;
    await Promise.race([finished, new Promise((resolve) => setTimeout(resolve, REBUILD_POLL_MS))]);
  }
  await finished;
}
