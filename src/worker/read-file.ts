import { isImportError, loadCsv, loadXlsx, looksLikeZip, tableNameFromFile, type ImportOptions, type ImportResult } from '../engine/index.ts';
import type { ProgressCallback } from './api.ts';
import { workerError } from './worker-error.ts';

/**
 * Reads an .xlsx workbook (a ZIP archive named .xlsx) or a delimited text file into typed columns,
 * named `options.tableName` or after the file. Import errors are thrown as worker errors.
 */
export async function readFile(bytes: Uint8Array, fileName: string, options: ImportOptions, onProgress?: ProgressCallback): Promise<ImportResult> {
  const loadOptions = { ...options, tableName: options.tableName ?? tableNameFromFile(fileName), onProgress };
  try {
    if (isXlsx(bytes, fileName)) return await loadXlsx(bytes, loadOptions);
    return loadCsv(bytes, loadOptions);
  } catch (error) {
    if (isImportError(error)) throw workerError(error.code, error.message, error.line, error.params);
    throw error;
  }
}

/** An Excel workbook: the ZIP signature and an .xlsx name (other ZIP files stay CSV, and fail as binary). */
function isXlsx(bytes: Uint8Array, fileName: string): boolean {
  return looksLikeZip(bytes) && /\.xlsx$/i.test(fileName);
}
