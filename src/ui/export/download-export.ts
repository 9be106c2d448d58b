import { toCsv, toXlsxSheet } from '../../engine/index.ts';
import type { ExportedRows } from '../../worker/api.ts';

export type ExportFormat = 'csv' | 'xlsx';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * Makes the file of an export: CSV text (UTF-8 with BOM) or an XLSX workbook written by
 * `write-excel-file` (loaded on first use, so the page does not carry it until someone exports).
 */
export async function makeExportBlob(format: ExportFormat, sheetName: string, exported: ExportedRows): Promise<Blob> {
  if (format === 'csv') return new Blob([toCsv(exported.columns, exported.rows)], { type: 'text/csv;charset=utf-8' });
  const { default: writeExcelFile } = await import('write-excel-file/universal');
  const { data, options } = toXlsxSheet(sheetName, exported.columns, exported.rows);
  const blob = await writeExcelFile(data, options).toBlob();
  return blob.type ? blob : new Blob([blob], { type: XLSX_TYPE });
}

/** Saves a Blob as a download named `fileName` (an object URL on a temporary `<a download>`). */
export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
