import type { FormulaScope } from './contract.ts';
import { AGGREGATES, FUNCTION_ARITY } from './function-arity.ts';
import { FUNCTION_HELP } from './function-help.ts';

/** One completion for a formula editor. `insert` is what to type (names needing brackets come bracketed). */
export interface FormulaCompletion {
  label: string;
  kind: 'column' | 'parameter' | 'function' | 'keyword';
  insert: string;
  detail: string;
}

const KEYWORDS = ['AND', 'OR', 'NOT', 'IN', 'IS NULL', 'IS NOT NULL', 'BETWEEN', 'CASE', 'WHEN', 'THEN', 'ELSE', 'END', 'TRUE', 'FALSE', 'NULL'];
const BARE_NAME = /^[\p{L}_][\p{L}\p{N}\p{M}_]*$/u;
const RESERVED = new Set(['AND', 'OR', 'NOT', 'IN', 'IS', 'NULL', 'TRUE', 'FALSE', 'BETWEEN', 'CASE', 'WHEN', 'THEN', 'ELSE', 'END']);

/** Returns a name as it must be written in a formula: bare when possible, else in brackets. */
export function quoteFormulaName(name: string): string {
  return BARE_NAME.test(name) && !RESERVED.has(name.toUpperCase()) ? name : `[${name.replaceAll(']', ']]')}]`;
}

/** Returns the columns, parameters, functions and keywords a formula in `scope` may use, in that order. */
export function formulaCompletions(scope: FormulaScope): FormulaCompletion[] {
  const signatures = new Map(FUNCTION_HELP.functions.map((f) => [f.name, f.signature]));
  const functions = Object.keys(FUNCTION_ARITY).filter((name) => {
    const onlyAggregate = AGGREGATES.has(name) && name !== 'MIN' && name !== 'MAX';
    if (onlyAggregate) return scope.aggregate === true;
    if (name === 'NTILE' || name === 'RANK' || name === 'PERCENT_RANK') return scope.aggregate !== true;
    if (name === 'TODAY') return scope.parameters.some((p) => p.name.toLowerCase() === 'as_of' && p.type === 'date');
    return true;
  });
  return [
    ...scope.columns.map((c): FormulaCompletion => ({ label: c.name, kind: 'column', insert: quoteFormulaName(c.name), detail: c.type })),
    ...scope.parameters.map((p): FormulaCompletion => ({ label: p.name, kind: 'parameter', insert: quoteFormulaName(p.name), detail: `${p.type} = ${p.value}` })),
    ...functions.map((name): FormulaCompletion => ({ label: name, kind: 'function', insert: `${name}(`, detail: signatures.get(name) ?? signatures.get('MID') ?? name })),
    ...KEYWORDS.map((k): FormulaCompletion => ({ label: k, kind: 'keyword', insert: k, detail: 'keyword' })),
  ];
}
