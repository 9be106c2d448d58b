import { compileFormula } from '../formula/index.ts';
import type { EvaluateFormula } from './types.ts';

/** Evaluates a row formula with the formula language, every column of the table in scope; throws its FormulaError. */
export const defaultEvaluateFormula: EvaluateFormula = (source, columns, rowCount) => {
  const scope = { columns: Object.values(columns).map((c) => ({ name: c.name, type: c.type })), parameters: [] };
  return compileFormula(source, scope).evaluate({ rowCount, columns });
};
