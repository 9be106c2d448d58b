export { neutralizeCell, isFormulaLike } from './neutralize-cell.ts';
export { toCsv, UTF8_BOM } from './to-csv.ts';
export { toXlsxSheet, xlsxSheetName, parseWallClock, XLSX_DATE_FORMAT, XLSX_DATETIME_FORMAT, type XlsxCell, type XlsxSheet } from './to-xlsx-sheet.ts';
export { readExportRows } from './read-export-rows.ts';
export { exportFileName } from './export-file-name.ts';
export type { ExportColumn, ExportValue } from './export-types.ts';
