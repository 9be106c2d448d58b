import type { ColumnType } from '../dataset/types.ts';

/** A column of an export: its name and type (as the grid lists it; SQL results may say 'unknown'). */
export interface ExportColumn {
  name: string;
  type: ColumnType | 'unknown';
}

/**
 * One exported value as the grid shows it: text as string, numbers as number, booleans as boolean,
 * dates as `YYYY-MM-DD`, datetimes as `YYYY-MM-DD HH:MM:SS` (wall clock), NULL as null.
 */
export type ExportValue = string | number | boolean | null;
