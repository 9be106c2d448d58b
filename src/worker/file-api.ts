import * as Comlink from 'comlink';
import { isWorkspaceFileError, readWorkspaceFile, writeWorkspaceFile, type SqlModule, type WorkspaceFile } from '../engine/index.ts';
import type { FileWorkerApi } from './api.ts';
import { columnBuffers } from './table-messages.ts';
import { workerError } from './worker-error.ts';

/**
 * Implements the file worker by calling the engine with its own sql.js. It keeps no state: the
 * page starts a worker per call and terminates it after. Unit tests call it directly in Node.
 */
export class FileApi implements FileWorkerApi {
  constructor(private readonly sql: SqlModule) {}

  async writeWorkspaceFile(file: Omit<WorkspaceFile, 'fileVersion'>): Promise<Uint8Array> {
    let bytes: Uint8Array;
    try {
      bytes = writeWorkspaceFile(this.sql, file);
    } catch (error) {
      throw workerError('write-failed', `The workspace file could not be written: ${error instanceof Error ? error.message : String(error)}`);
    }
    return Comlink.transfer(bytes, [bytes.buffer as ArrayBuffer]);
  }

  async readWorkspaceFile(bytes: Uint8Array): Promise<WorkspaceFile> {
    let file: WorkspaceFile;
    try {
      file = readWorkspaceFile(this.sql, bytes);
    } catch (error) {
      if (isWorkspaceFileError(error)) throw workerError(error.code, error.message, undefined, error.params);
      throw workerError('corrupt', `The workspace file could not be read: ${error instanceof Error ? error.message : String(error)}`);
    }
    return Comlink.transfer(file, columnBuffers(file.tables.flatMap((t) => t.columns)));
  }
}
