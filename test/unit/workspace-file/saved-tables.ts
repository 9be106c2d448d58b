/** Small builders for saved tables in workspace-file tests. */
import type { Column, NumericColumn, TextColumn } from '../../../src/engine/dataset/types.ts';
import type { SavedTable, WorkspaceFile } from '../../../src/engine/workspace-file/index.ts';

/** A text column from values (null = NULL), dictionary in first-seen order. */
export function textColumn(name: string, values: (string | null)[]): TextColumn {
  const dictionary: string[] = [];
  const index = new Map<string, number>();
  const codes = Int32Array.from(values, (v) => {
    if (v === null) return -1;
    let code = index.get(v);
    if (code === undefined) index.set(v, (code = dictionary.push(v) - 1));
    return code;
  });
  return { name, type: 'text', codes, dictionary };
}

/** A numeric column from values (null = NULL). */
export function numericColumn(name: string, type: NumericColumn['type'], values: (number | null)[]): NumericColumn {
  return { name, type, values: Float64Array.from(values, (v) => (v === null ? NaN : v)) };
}

export function savedTable(name: string, columns: Column[], tagColumns: string[] = [], kind: SavedTable['kind'] = 'imported'): SavedTable {
  const rowCount = columns.length ? (columns[0].type === 'text' ? columns[0].codes.length : columns[0].values.length) : 0;
  return { name, kind, rowCount, columns, tagColumns };
}

/** A file's fields besides its tables. */
export function fileOf(tables: SavedTable[], overrides: Partial<Omit<WorkspaceFile, 'fileVersion' | 'tables'>> = {}): Omit<WorkspaceFile, 'fileVersion'> {
  return {
    definitionJson: '{"format":"tagbook-workspace","version":1}',
    tables,
    savedAt: '2026-11-23T08:00:00.000Z',
    app: 'Tagbook 0.1.0',
    contents: 'all',
    dropped: [],
    hashed: [],
    ...overrides,
  };
}

/** The customers table used across tests: ids that must stay exact, a tag column, NULLs. */
export function customersTable(): SavedTable {
  return savedTable(
    'customers',
    [
      textColumn('customer_id', ['00004', '3000000000786505093', '客户一', "o'brien \"q\"", null]),
      textColumn('phone', ['13800138000', '13900139000', '13800138000', null, '15000150000']),
      numericColumn('revenue', 'decimal', [120.5, 0, null, -3.25, 1e15]),
      numericColumn('orders', 'integer', [2, 0, 1, null, 9_007_199_254_740_991]),
      numericColumn('first_order', 'date', [17_000, -1, null, 0, 20_000]),
      numericColumn('last_seen', 'datetime', [1.7e12, 1.7e12 + 61_001, null, 0, -86_400_000]),
      numericColumn('vip', 'boolean', [1, 0, null, 1, 0]),
      textColumn('lifecycle', ['active', 'cooling', 'active', null, 'churned']),
    ],
    ['lifecycle'],
    'customers',
  );
}
