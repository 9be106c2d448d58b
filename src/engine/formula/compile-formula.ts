import { checkFormula } from './check-formula.ts';
import type { CompiledFormula, EvaluationInput, FormulaScope, FormulaType } from './contract.ts';
import { evaluateFormula } from './evaluate-formula.ts';
import { parseFormula } from './parse-formula.ts';
import { FormulaError } from './formula-error.ts';
import { formulaToSql, SqlTooLargeError, type ToSqlOptions } from './to-sql.ts';

/**
 * Parses and type-checks `source` against `scope`; returns a formula that runs as SQL or over typed
 * arrays. Throws FormulaError (with line, column and a stable code) for any mistake in the source.
 * The language is described in function-help.ts (FUNCTION_HELP) and shown in the app's help.
 */
export function compileFormula(source: string, scope: FormulaScope): CompiledFormula {
  const ast = parseFormula(source);
  const checked = checkFormula(source, ast, scope);
  const root = checked.root;
  const aggregateScope = scope.aggregate === true;
  return {
    source,
    type: root.type as FormulaType,
    references: { columns: checked.columns, parameters: checked.parameters },
    aggregate: checked.aggregate,
    window: checked.window,
    toSql: (columnSql: (name: string) => string, options?: ToSqlOptions) => {
      try {
        return formulaToSql(root, columnSql, options);
      } catch (error) {
        if (error instanceof SqlTooLargeError) {
          throw new FormulaError('sql-too-large', source, 0, source.length, 'this formula nests ROUND, FLOOR, CEIL, BETWEEN, MIN/MAX or date arithmetic too deeply to run as SQL; simplify it');
        }
        throw error;
      }
    },
    evaluate: (input: EvaluationInput) => evaluateFormula(source, root, aggregateScope, input),
  };
}
