/**
 * The formula language's public contract (SPEC §4), shared by the customer table, tags and the UI.
 * Implemented in this folder; see index.ts.
 *
 * A formula is parsed by our own parser into an AST, type-checked against a scope (the columns
 * and parameters it may name), then either compiled to SQLite SQL or evaluated column-at-a-time
 * over typed arrays. It never becomes JavaScript source.
 */
import type { Column, ColumnType } from '../dataset/types.ts';

/** The types a formula works with. `datetime` values are wall-clock ms in the workspace zone. */
export type FormulaType = 'number' | 'text' | 'bool' | 'date' | 'datetime';

/** A parameter a formula may name: its type and current value (dates as civil day numbers). */
export interface FormulaParameter {
  name: string;
  type: Exclude<FormulaType, 'bool' | 'datetime'>;
  value: number | string;
}

/** What a formula may name. Column types are the dataset's; names are matched exactly, then case-insensitively. */
export interface FormulaScope {
  columns: readonly { name: string; type: ColumnType }[];
  parameters: readonly FormulaParameter[];
  /**
   * Whether aggregate functions (SUM, COUNT, AVG, MIN, MAX, COUNT_DISTINCT, FIRST/LAST…) are allowed:
   * true for metrics computed over each customer's order rows, false for row formulas.
   */
  aggregate?: boolean;
}

/** A formula error, pointing at the character: `line 1, col 14: unknown column "recnecy" — did you mean "recency"?` */
export interface FormulaErrorInfo {
  code: string;
  /** The whole sentence, with line and column. */
  message: string;
  line: number;
  column: number;
  /** Characters the error covers, from `column` (at least 1). */
  length: number;
  /** 0-based UTF-16 offset of `line`/`column` in the source, for editors (added; always set by compileFormula). */
  offset?: number;
}

/** How the evaluator reads the scope's columns and parameters. */
export interface EvaluationInput {
  rowCount: number;
  /** Every column the formula names, by name, each `rowCount` long. */
  columns: Readonly<Record<string, Column>>;
  /** For aggregate formulas: each row's group (0..groupCount-1, or -1 to skip the row). */
  groups?: { index: Int32Array; count: number };
  /** The id column's values, for window functions' tie order (`ORDER BY value, id`), byte-wise. */
  idColumn?: string;
}

/** A checked formula, ready to run either way. */
export interface CompiledFormula {
  source: string;
  type: FormulaType;
  /** Names it uses, as written in the scope (for dependency graphs and "parameter in use" checks). */
  references: { columns: string[]; parameters: string[] };
  /** True when it contains an aggregate function. */
  aggregate: boolean;
  /**
   * True when it contains a window function (NTILE, RANK, PERCENT_RANK): its SQL belongs in a
   * SELECT list (not WHERE or GROUP BY) and each value depends on the whole column. (Added.)
   */
  window?: boolean;
  /**
   * SQLite SQL for the expression. `columnSql(name)` returns the SQL for a column reference
   * (e.g. a quoted identifier, possibly qualified); parameters are inlined as literals.
   * `options.idColumn` (added) names the id column NTILE breaks ties with, as `EvaluationInput.idColumn`.
   */
  toSql(columnSql: (name: string) => string, options?: { idColumn?: string }): string;
  /**
   * Evaluates over typed arrays: a column of `rowCount` values (or `groups.count` for an aggregate
   * formula). Numbers come back as 'decimal' (or 'integer' when every value is whole and the
   * formula is integer-typed), bools as 'boolean' 0/1, dates as 'date' civil days.
   */
  evaluate(input: EvaluationInput): Column;
}
