import { formatCell, type ImportOptions } from '../engine/index.ts';
import type { ImportPreview, ImportWorkerApi, ProgressCallback } from './api.ts';
import { readFile } from './read-file.ts';
import { columnBuffers, type ImportedTableMessage } from './table-messages.ts';

const SAMPLE_ROWS = 20;

/**
 * Implements the import worker by calling the engine. It keeps no state, so cancelling an import
 * is terminating its worker. Unit tests call it directly in Node.
 */
export class ImportApi implements ImportWorkerApi {
  async previewFile(bytes: Uint8Array, fileName: string, options: ImportOptions): Promise<ImportPreview> {
    const result = await readFile(bytes, fileName, options);
    const count = Math.min(SAMPLE_ROWS, result.loadedRows);
    const sampleRows: (string | null)[][] = [];
    for (let r = 0; r < count; r++) sampleRows.push(result.data.map((c) => formatCell(c, r)));
    return {
      fileName,
      tableName: result.tableName,
      format: result.format ?? 'csv',
      ...(result.sheets ? { sheets: result.sheets } : {}),
      ...(result.sheet !== undefined ? { sheet: result.sheet } : {}),
      byteLength: result.byteLength,
      encoding: result.encoding,
      encodingDetectedBy: result.encodingDetectedBy,
      dialect: result.dialect,
      raggedRows: result.raggedRows,
      columns: result.columns,
      inputRows: result.inputRows,
      loadedRows: result.loadedRows,
      excludedRows: result.excludedRows,
      issues: result.issues,
      sampleRows,
    };
  }

  async importFile(
    bytes: Uint8Array,
    fileName: string,
    options: ImportOptions,
    onProgress: ProgressCallback | undefined,
    port: MessagePort,
  ): Promise<{ name: string; rowCount: number }> {
    try {
      const result = await readFile(bytes, fileName, options, onProgress);
      const message: ImportedTableMessage = { table: { name: result.tableName, columns: result.data } };
      // Transferred, not copied: this worker has no further use for the columns.
      port.postMessage(message, columnBuffers(result.data));
      return { name: result.tableName, rowCount: result.loadedRows };
    } finally {
      port.close();
    }
  }
}
