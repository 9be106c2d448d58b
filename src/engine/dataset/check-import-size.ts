import { ImportError } from './import-error.ts';

/**
 * sql.js runs in a wasm heap capped at 2 GiB, and the SQLite copy of a table takes about as
 * many bytes as the CSV (text stays text; numbers shrink, row overhead grows). Exporting the
 * database for a workspace file copies it once more inside the heap, so a table may take at
 * most about half of it. The typed columns live beside it in the worker (≈1–3× the file).
 * One limit covers both: a file above it is refused before any parsing.
 */
export const MAX_IMPORT_BYTES = 700 * 1024 * 1024;

/** Throws ImportError('file-too-large') when a file of `byteLength` bytes cannot be imported. */
export function checkImportSize(byteLength: number, maxBytes: number = MAX_IMPORT_BYTES): void {
  if (byteLength > maxBytes) {
    throw new ImportError(
      'file-too-large',
      `This file is ${formatMegabytes(byteLength)}; Tagbook can import files up to ${formatMegabytes(maxBytes)} ` +
        '(SQLite in the browser is limited to 2 GB of memory, and the columns and the SQLite copy must both fit). ' +
        'Split the file, or use the command line.',
      undefined,
      { size: formatMegabytes(byteLength), maxSize: formatMegabytes(maxBytes) },
    );
  }
}

function formatMegabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(bytes < 10 * 1024 * 1024 ? 1 : 0)} MB`;
}
