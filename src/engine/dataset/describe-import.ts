import type { ImportIssue, ImportResult } from './types.ts';

/** The JSON the command line's `inspect` prints: what was detected, per column, and every issue. */
export interface ImportDescription {
  table: string;
  /** Present for .xlsx files only (CSV descriptions are unchanged). */
  format?: 'xlsx';
  /** For .xlsx files: the sheet read and every sheet's name. */
  sheet?: string;
  sheets?: string[];
  bytes: number;
  encoding: string;
  encodingDetectedBy: string;
  delimiter: string;
  /** 1-based line of the header, or null when the file has none. */
  headerRow: number | null;
  skippedLinesAboveHeader: number;
  timeZone: string;
  columns: {
    name: string;
    originalName: string;
    type: string;
    inferredType: string;
    suggested?: { type: string; dateFormat?: string };
    nullCount: number;
    badCount: number;
    warnings: string[];
  }[];
  rows: number;
  inputRows: number;
  excludedRows: number;
  /** Lines of rows excluded or carrying problems (unparseable cells, ragged rows), first few each. */
  rejectedLines: number[];
  issues: ImportIssue[];
}

/** Returns the plain-data description of an import (the preview and `cli inspect` share it). */
export function describeImport(result: ImportResult): ImportDescription {
  const byColumn = new Map<string, string[]>();
  for (const issue of result.issues) {
    if (issue.column === undefined) continue;
    const list = byColumn.get(issue.column) ?? [];
    list.push(issue.message);
    byColumn.set(issue.column, list);
  }
  const rejected = new Set<number>();
  for (const issue of result.issues) {
    if (issue.code === 'rows-excluded' || issue.code === 'bad-cells' || issue.code.startsWith('ragged-row')) {
      for (const line of issue.lines ?? []) rejected.add(line);
    }
  }
  return {
    table: result.tableName,
    ...(result.format === 'xlsx' ? { format: 'xlsx' as const, sheet: result.sheet, sheets: result.sheets } : {}),
    bytes: result.byteLength,
    encoding: result.encoding,
    encodingDetectedBy: result.encodingDetectedBy,
    delimiter: result.dialect.delimiter === '\t' ? 'tab' : result.dialect.delimiter,
    headerRow: result.dialect.hasHeader ? result.dialect.skipLines + 1 : null,
    skippedLinesAboveHeader: result.dialect.skipLines,
    timeZone: result.timeZone,
    columns: result.columns.map((c) => ({
      name: c.name,
      originalName: c.originalName,
      type: c.spec.type,
      inferredType: c.inferredType,
      ...(c.suggestedSpec ? { suggested: { type: c.suggestedSpec.type, ...(c.suggestedSpec.dateFormat ? { dateFormat: c.suggestedSpec.dateFormat } : {}) } } : {}),
      nullCount: c.nullCount,
      badCount: c.badCount,
      warnings: byColumn.get(c.name) ?? [],
    })),
    rows: result.loadedRows,
    inputRows: result.inputRows,
    excludedRows: result.excludedRows,
    rejectedLines: [...rejected].sort((a, b) => a - b),
    issues: result.issues,
  };
}
