import type { ImportIssue } from './types.ts';

/**
 * What a row scanner hands to makeRawTable: every non-blank row from the first line after the
 * skipped ones, the header row (if any) included as row 0.
 */
export interface ScannedRows {
  rowCount: number;
  /** 1-based physical line where each row starts (at least rowCount entries). */
  lineNumbers: Int32Array;
  /** Fields each row had (at least rowCount entries); makeRawTable may lower them for a trailing delimiter. */
  fieldCounts: Int32Array;
  /** The text of field `index` of `row`; `index` must be below the row's scanned field count. */
  field(row: number, index: number): string;
  /** Blank lines met (after the skipped lines): how many, and the first ten. */
  blankLines: { count: number; lines: number[] };
  /** Problems the scanner found and recovered from (stray quotes). */
  issues: ImportIssue[];
}
