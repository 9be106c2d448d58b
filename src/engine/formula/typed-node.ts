/**
 * The checked formula: the AST with names resolved, parameters inlined, sugar removed
 * (BETWEEN, IF, IFS and CASE become `case`/`logic` nodes) and every node typed.
 * Both back ends (SQL and the typed-array evaluator) read only this shape.
 */
import type { ColumnType } from '../dataset/types.ts';

/** A value's type while checking; `null` is the type of the NULL literal (fits anywhere). */
export type ValueType = 'number' | 'text' | 'bool' | 'date' | 'datetime' | 'null';

export type ArithOp = '+' | '-' | '*' | '/' | '%';
export type CompareOp = '=' | '<>' | '<' | '<=' | '>' | '>=';

interface Typed {
  type: ValueType;
  /** True when every value is a whole number (integer columns, COUNT, DAYS, ...). */
  int: boolean;
}

export type TNode = Typed &
  (
    | { k: 'lit'; value: number | string | null }
    | { k: 'col'; name: string; colType: ColumnType }
    | { k: 'neg'; arg: TNode }
    | { k: 'not'; arg: TNode }
    | { k: 'arith'; op: ArithOp; a: TNode; b: TNode }
    | { k: 'date-add'; a: TNode; b: TNode; sign: 1 | -1 }
    | { k: 'date-diff'; a: TNode; b: TNode }
    | { k: 'concat'; a: TNode; b: TNode }
    | { k: 'cmp'; op: CompareOp; a: TNode; b: TNode }
    | { k: 'logic'; op: 'AND' | 'OR'; a: TNode; b: TNode }
    | { k: 'is-null'; arg: TNode; negated: boolean }
    | { k: 'in'; arg: TNode; list: TNode[]; negated: boolean }
    | { k: 'case'; whens: { when: TNode; then: TNode }[]; otherwise: TNode }
    | { k: 'fn'; name: string; args: TNode[] }
    | { k: 'agg'; name: string; arg: TNode | null }
    | { k: 'win'; name: string; arg: TNode; buckets: number }
    | { k: 'to-datetime'; arg: TNode }
  );
