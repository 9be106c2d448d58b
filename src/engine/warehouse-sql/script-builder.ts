/**
 * The exported script's shape: one WITH query whose steps (CTEs) each carry a comment, then a
 * final SELECT. Steps only ever add columns to the previous step's rows (`SELECT c.*, …`), so a
 * data engineer can run the script up to any step to look at it.
 */
import type { ColumnType } from '../dataset/types.ts';
import { checkFormula } from '../formula/check-formula.ts';
import type { FormulaParameter } from '../formula/contract.ts';
import type { Node } from '../formula/ast.ts';
import { isFormulaError } from '../formula/formula-error.ts';
import { parseFormula } from '../formula/parse-formula.ts';
import type { TNode } from '../formula/typed-node.ts';
import type { Dialect } from './dialects.ts';
import { formulaSql } from './formula-sql.ts';
import { WarehouseSqlError } from './warehouse-sql-error.ts';

/** One step of the WITH query. */
export interface Step {
  name: string;
  /** Lines of explanation, written as `-- ` comments above the step. */
  comment: string[];
  sql: string;
}

/** A column a formula may name, with where it lives: the previous step (`c`) or the parameters (`p`). */
export interface ScopeColumn {
  name: string;
  type: ColumnType;
  from: 'row' | 'params';
}

/** The steps so far and what the latest one holds. */
export class ScriptBuilder {
  readonly dialect: Dialect;
  readonly steps: Step[] = [];
  readonly warnings: string[] = [];

  constructor(dialect: Dialect) {
    this.dialect = dialect;
  }

  /** Adds a step; returns its quoted name. */
  add(name: string, comment: string[], sql: string): string {
    this.steps.push({ name, comment, sql });
    return this.dialect.ident(name);
  }

  /** Quotes an identifier. */
  id(name: string): string {
    return this.dialect.ident(name);
  }

  /**
   * Returns the whole script: header comment, preamble, the steps and `finalSql` (a SELECT), or
   * `CREATE TABLE createTable AS` that SELECT.
   */
  render(header: string[], finalSql: string, createTable?: string): string {
    const d = this.dialect;
    const comment = (lines: string[]) => lines.map((l) => `-- ${l}`.trimEnd()).join('\n');
    const create = createTable ? (d.id === 'clickhouse' ? `CREATE TABLE ${d.table(createTable)} ENGINE = MergeTree ORDER BY tuple() AS\n` : `CREATE TABLE ${d.table(createTable)} AS\n`) : '';
    if (d.stepsAsTempTables) {
      const steps = this.steps.map((s) => `${comment(s.comment)}\nDROP TABLE IF EXISTS temp.${d.ident(s.name)};\nCREATE TEMP TABLE ${d.ident(s.name)} AS\n${s.sql};`);
      return `${comment(header)}\n${d.preamble}\n${steps.join('\n\n')}\n\n-- The result.\n${create}${finalSql};\n`;
    }
    // Step names are plain lower-case words, written bare (some parsers accept no quoted WITH name).
    const stepName = (name: string) => (/^[a-z_][a-z0-9_]*$/.test(name) ? name : d.ident(name));
    const steps = this.steps.map((s) => `${comment(s.comment)}\n${stepName(s.name)} AS ${d.stepHint}(\n${indentLines(s.sql, '  ')}\n)`);
    return `${comment(header)}\n${d.preamble}${create}WITH\n${steps.join(',\n\n')}\n${finalSql};\n`;
  }
}

/** Indents every line of `text`. */
export function indentLines(text: string, indent: string): string {
  return text
    .split('\n')
    .map((line) => (line ? indent + line : line))
    .join('\n');
}

/** Replaces `TODAY()` by the name `as_of`, which the export keeps as a column of the parameters step. */
function todayAsName(node: Node): Node {
  switch (node.kind) {
    case 'call':
      if (node.name.toUpperCase() === 'TODAY' && node.args.length === 0) return { kind: 'name', name: 'as_of', quoted: false, start: node.start, end: node.end };
      return { ...node, args: node.args.map(todayAsName) };
    case 'unary':
    case 'is-null':
      return { ...node, arg: todayAsName(node.arg) };
    case 'binary':
      return { ...node, left: todayAsName(node.left), right: todayAsName(node.right) };
    case 'in':
      return { ...node, arg: todayAsName(node.arg), list: node.list.map(todayAsName) };
    case 'between':
      return { ...node, arg: todayAsName(node.arg), low: todayAsName(node.low), high: todayAsName(node.high) };
    case 'case':
      return {
        ...node,
        subject: node.subject && todayAsName(node.subject),
        whens: node.whens.map((w) => ({ when: todayAsName(w.when), then: todayAsName(w.then) })),
        otherwise: node.otherwise && todayAsName(node.otherwise),
      };
    default:
      return node;
  }
}

/** A checked formula and its SQL. */
export interface FormulaOutput {
  sql: string;
  root: TNode;
  /** Column names it reads (table columns and parameters alike). */
  columns: string[];
}

/**
 * Checks `source` against `scope` as the app does, except that parameters are columns of the
 * parameters step rather than inlined values (so changing one at the top of the script changes the
 * result). A parameter used where the language needs a constant (ROUND's digits, NTILE's buckets)
 * is inlined with its current value instead, and a warning says so.
 */
export function compileForExport(
  builder: ScriptBuilder,
  source: string,
  scope: readonly ScopeColumn[],
  parameters: readonly FormulaParameter[],
  subject: string,
  rowAlias = 'c',
  idColumn: string | null = 'customer_id',
): FormulaOutput {
  const d = builder.dialect;
  if (typeof source !== 'string' || source.trim() === '') throw new WarehouseSqlError(subject, 'the formula is empty.');
  const fromRow = new Set(scope.filter((c) => c.from === 'row').map((c) => c.name));
  const columnSql = (name: string) => `${fromRow.has(name) ? rowAlias : 'p'}.${d.ident(name)}`;
  const check = (ast: Node, withParameters: boolean) =>
    checkFormula(source, ast, {
      columns: withParameters ? scope.filter((c) => c.from === 'row') : scope,
      parameters: withParameters ? parameters : [],
    });
  let checked;
  try {
    const ast = parseFormula(source);
    try {
      checked = check(todayAsName(ast), false);
    } catch (error) {
      if (!isFormulaError(error) || error.code !== 'constant-required') throw error;
      checked = check(ast, true);
      builder.warnings.push(`${subject}: "${source}" uses a parameter where a fixed number is needed; its current value is written into the SQL.`);
    }
  } catch (error) {
    if (isFormulaError(error)) throw new WarehouseSqlError(subject, error.message);
    throw error;
  }
  const idSql = idColumn && fromRow.has(idColumn) ? `${rowAlias}.${d.ident(idColumn)}` : null;
  return { sql: formulaSql(checked.root, { dialect: d, columnSql, idSql, subject }), root: checked.root, columns: checked.columns };
}

/** The column type a formula's result is stored as (what a later formula sees). */
export function columnTypeOf(root: TNode): ColumnType {
  switch (root.type) {
    case 'number':
    case 'null':
      return root.int ? 'integer' : 'decimal';
    case 'bool':
      return 'boolean';
    default:
      return root.type;
  }
}
