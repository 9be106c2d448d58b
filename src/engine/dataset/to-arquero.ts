import { ColumnTable } from 'arquero';
import type { Column } from './types.ts';

/**
 * An Arquero column over a dictionary-encoded text column: values are looked up on read, so the
 * frame shares the typed codes instead of copying a million strings.
 */
class DictionaryColumn {
  constructor(
    private readonly codes: Int32Array,
    private readonly dictionary: readonly string[],
  ) {}
  get length(): number {
    return this.codes.length;
  }
  at(row: number): string | null {
    const code = this.codes[row];
    return code < 0 ? null : this.dictionary[code];
  }
  *[Symbol.iterator](): Iterator<string | null> {
    for (let i = 0; i < this.codes.length; i++) yield this.at(i);
  }
}

/** An Arquero column over a Float64Array where NaN means NULL (Arquero expects null). */
class NullableNumberColumn {
  constructor(private readonly values: Float64Array) {}
  get length(): number {
    return this.values.length;
  }
  at(row: number): number | null {
    const v = this.values[row];
    return v !== v ? null : v;
  }
  *[Symbol.iterator](): Iterator<number | null> {
    for (let i = 0; i < this.values.length; i++) yield this.at(i);
  }
}

/** An Arquero table over typed columns, with the key under which each column name lives. */
export interface ArqueroFrame {
  table: ColumnTable;
  /** Returns the Arquero column key for a column name (undefined when there is no such column). */
  keyOf(name: string): string | undefined;
}

/**
 * Returns an Arquero table that wraps the typed columns without copying them. Dates stay day
 * numbers and datetimes wall-clock milliseconds (see types.ts). Arquero builds plain objects
 * keyed by column names inside its verbs, where a column named `__proto__` or `constructor`
 * misbehaves, so columns live under positional keys (`c0`, `c1`, …) and names are passed
 * as data through `keyOf`.
 */
export function toArqueroFrame(columns: readonly Column[]): ArqueroFrame {
  const data: Record<string, DictionaryColumn | NullableNumberColumn> = {};
  const keys = new Map<string, string>();
  columns.forEach((column, i) => {
    const key = `c${i}`;
    keys.set(column.name, key);
    data[key] = column.type === 'text' ? new DictionaryColumn(column.codes, column.dictionary) : new NullableNumberColumn(column.values);
  });
  return { table: new ColumnTable(data, [...keys.values()]), keyOf: (name) => keys.get(name) };
}
