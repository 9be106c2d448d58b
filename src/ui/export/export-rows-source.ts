import type { DataWorkerApi } from '../../worker/api.ts';

/** How the export dialog reaches the data worker's `exportRows` (main.ts wires it; tests may stub it). */
export type ExportRowsSource = DataWorkerApi['exportRows'];

let source: ExportRowsSource | null = null;

/** Sets where exports read their rows from (main.ts: the data worker). */
export function setExportRowsSource(next: ExportRowsSource): void {
  source = next;
}

/** Reads the rows of an export through the wired source. */
export function fetchExportRows(...args: Parameters<ExportRowsSource>): ReturnType<ExportRowsSource> {
  if (!source) return Promise.reject(new Error('Export is not connected to the data worker.'));
  return source(...args);
}
