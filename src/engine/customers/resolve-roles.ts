/**
 * Turns a role mapping into typed arrays, checking that each role is played by the right kind of
 * column. Identifiers stay text (SPEC §6a): a text column is used as is; an integer column is
 * accepted as an id only by its decimal digits (leading zeros and digits beyond 2^53 are already
 * lost by then, which an issue says); any other type is refused.
 */
import type { Column, ColumnType } from '../dataset/types.ts';
import { CustomerTableError } from './customer-table-error.ts';
import type { EvaluateFormula, InputTable, RoleSource } from './types.ts';

/** Dictionary-encoded keys of an id-like role: `codes[row]` indexes `dictionary`, -1 is NULL. */
export interface RoleKeys {
  codes: Int32Array;
  dictionary: string[];
  /** True when the column was a number and its values were turned into text. */
  fromNumber: boolean;
  column: string;
}

/** A role resolved against one table: the column that plays it (possibly computed by a formula). */
export interface ResolvedRole {
  role: string;
  /** The column's name, or the formula's source. */
  label: string;
  isFormula: boolean;
  column: Column;
}

/** Returns a table's columns by name, after checking every column has `rowCount` values. */
export function indexColumns(table: InputTable, tableLabel: string): Record<string, Column> {
  const byName: Record<string, Column> = Object.create(null);
  for (const column of table.columns) {
    const length = column.type === 'text' ? column.codes.length : column.values.length;
    if (length !== table.rowCount) {
      throw new CustomerTableError(
        'row-count-mismatch',
        `Column “${column.name}” of the ${tableLabel} table has ${length} values, but the table has ${table.rowCount} rows.`,
        { column: column.name, table: tableLabel, values: length, rows: table.rowCount },
      );
    }
    byName[column.name] = column;
  }
  return byName;
}

/** Resolves `source` (a column name or a formula) for `role`; throws CustomerTableError when the column does not exist or the formula fails. */
export function resolveRole(
  columns: Record<string, Column>,
  rowCount: number,
  role: string,
  source: RoleSource,
  tableLabel: string,
  evaluateFormula: EvaluateFormula | undefined,
): ResolvedRole {
  if (typeof source === 'string') {
    const column = columns[source];
    if (!column) {
      const names = Object.keys(columns);
      const suggestion = suggestName(source, names);
      throw new CustomerTableError(
        'unknown-column',
        `The ${roleLabel(role)} role names column “${source}”, which the ${tableLabel} table does not have` +
          (suggestion ? ` — did you mean “${suggestion}”?` : `; its columns are: ${names.join(', ') || '(none)'}.`),
        { role, column: source, table: tableLabel, suggestion: suggestion ?? '' },
      );
    }
    return { role, label: source, isFormula: false, column };
  }
  if (!evaluateFormula) {
    throw new CustomerTableError('formula-unavailable', `The ${roleLabel(role)} role is the formula “${source.formula}”, but no formula evaluator is available.`, {
      role,
      formula: source.formula,
    });
  }
  let column: Column;
  try {
    column = evaluateFormula(source.formula, columns, rowCount);
  } catch (error) {
    if (error instanceof CustomerTableError) throw error;
    const detail = error instanceof Error ? error.message : String(error);
    // A formula error points at a character: keep where, so the role form can underline it.
    const at = error as { line?: unknown; column?: unknown };
    const position: Record<string, number> = typeof at.line === 'number' && typeof at.column === 'number' ? { formulaLine: at.line, formulaColumn: at.column } : {};
    throw new CustomerTableError('formula-failed', `The ${roleLabel(role)} role’s formula “${source.formula}” failed: ${detail}`, {
      role,
      formula: source.formula,
      detail,
      ...position,
    });
  }
  const length = column.type === 'text' ? column.codes.length : column.values.length;
  if (length !== rowCount) {
    throw new CustomerTableError('formula-failed', `The ${roleLabel(role)} role’s formula “${source.formula}” gave ${length} values for ${rowCount} rows.`, {
      role,
      formula: source.formula,
      detail: 'length',
    });
  }
  return { role, label: source.formula, isFormula: true, column: { ...column, name: source.formula } };
}

/** Reads an id-like role (customer, order, status, channel, product, category) as dictionary keys. */
export function readKeys(resolved: ResolvedRole): RoleKeys {
  const { column } = resolved;
  if (column.type === 'text') return { codes: column.codes, dictionary: column.dictionary, fromNumber: false, column: resolved.label };
  if (column.type !== 'integer') throw wrongType(resolved, 'text (or whole numbers)');
  // Whole numbers become their decimal digits; a Map is fine here: this is the rare path.
  const values = column.values;
  const codes = new Int32Array(values.length);
  const dictionary: string[] = [];
  const seen = new Map<number, number>();
  for (let row = 0; row < values.length; row++) {
    const value = values[row];
    if (Number.isNaN(value)) {
      codes[row] = -1;
      continue;
    }
    let code = seen.get(value);
    if (code === undefined) {
      code = dictionary.length;
      dictionary.push(String(value));
      seen.set(value, code);
    }
    codes[row] = code;
  }
  return { codes, dictionary, fromNumber: true, column: resolved.label };
}

/** Reads a money or count role as numbers (NaN = NULL). */
export function readNumbers(resolved: ResolvedRole): Float64Array {
  const { column } = resolved;
  if (column.type !== 'integer' && column.type !== 'decimal') throw wrongType(resolved, 'a number');
  return column.values;
}

/** Reads the order time: a date (civil days) or a datetime (wall-clock ms). */
export function readTimes(resolved: ResolvedRole): { values: Float64Array; type: 'date' | 'datetime' } {
  const { column } = resolved;
  if (column.type !== 'date' && column.type !== 'datetime') throw wrongType(resolved, 'a date or date-time');
  return { values: column.values, type: column.type };
}

/** Reads a boolean row formula's result (refund rule): 1 where true. */
export function readFlags(resolved: ResolvedRole): Float64Array {
  const { column } = resolved;
  if (column.type !== 'boolean') throw wrongType(resolved, 'true/false');
  return column.values;
}

function wrongType(resolved: ResolvedRole, expected: string): CustomerTableError {
  const actual: ColumnType = resolved.column.type;
  const what = resolved.isFormula ? `formula “${resolved.label}”` : `column “${resolved.label}”`;
  const hint =
    actual === 'decimal' && expected.startsWith('text')
      ? ' Ids must stay text: import the column as text so zeros and long numbers stay exact.'
      : resolved.isFormula
        ? ''
        : expected.includes('date') && actual === 'integer'
          ? ' If it holds 8-digit dates such as 19970101, import it as a date (format yyyymmdd).'
          : ' Change the column’s type at import if it holds values of that kind.';
  return new CustomerTableError('wrong-column-type', `The ${roleLabel(resolved.role)} role needs ${expected}, but ${what} is ${actual}.${hint}`, {
    role: resolved.role,
    column: resolved.label,
    type: actual,
    expected,
  });
}

/** The role's name as a sentence says it. */
export function roleLabel(role: string): string {
  const labels: Record<string, string> = { unitPrice: 'unit price', customer: 'customer id', order: 'order id', time: 'order time', refund: 'refund' };
  return labels[role] ?? role;
}

/** The closest column name (case-insensitive match, then within an edit distance of 2, then the one column containing it), or undefined. */
function suggestName(name: string, names: string[]): string | undefined {
  const lower = name.toLowerCase();
  const exact = names.find((n) => n.toLowerCase() === lower);
  if (exact) return exact;
  let best: string | undefined;
  let bestDistance = 3;
  for (const candidate of names) {
    const d = editDistance(lower, candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  if (best) return best;
  // `amount` for `paid_amount`: one column containing the name (or contained in it).
  const containing = names.filter((n) => n.toLowerCase().includes(lower) || (n.length > 2 && lower.includes(n.toLowerCase())));
  return containing.length === 1 ? containing[0] : undefined;
}

function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2 || a.length > 64 || b.length > 64) return 99;
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = current;
  }
  return previous[b.length];
}
