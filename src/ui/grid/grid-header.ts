import type { ColumnInfo, GridSort } from '../../worker/api.ts';
import type { MessageKey } from '../i18n/messages.ts';

/** The small badge after a column's name, by type. */
export const TYPE_BADGES: Record<ColumnInfo['type'], MessageKey> = {
  text: 'grid.badge.text',
  integer: 'grid.badge.integer',
  decimal: 'grid.badge.decimal',
  boolean: 'grid.badge.boolean',
  date: 'grid.badge.date',
  datetime: 'grid.badge.datetime',
  unknown: 'grid.badge.unknown',
};

/** The badge's tooltip: the type's full name. */
export const TYPE_NAMES: Record<ColumnInfo['type'], MessageKey> = {
  text: 'grid.type.text',
  integer: 'grid.type.integer',
  decimal: 'grid.type.decimal',
  boolean: 'grid.type.boolean',
  date: 'grid.type.date',
  datetime: 'grid.type.datetime',
  unknown: 'grid.type.unknown',
};

/** Returns the sort after clicking column `column`'s header: ascending, then descending, then none; another column starts ascending. */
export function nextSort(sort: GridSort | null, column: number): GridSort | null {
  if (sort?.column !== column) return { column, descending: false };
  return sort.descending ? null : { column, descending: true };
}
