// Invariant: compileFormula on any input either returns a formula or throws a FormulaError —
// never another exception, never a hang — and whatever compiles also compiles to SQL.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileFormula, isFormulaError, type FormulaScope } from '../../../src/engine/formula/index.ts';

const scope: FormulaScope = {
  columns: [
    { name: 'x', type: 'decimal' },
    { name: 't', type: 'text' },
    { name: 'd', type: 'date' },
    { name: 'b', type: 'boolean' },
  ],
  parameters: [{ name: 'as_of', type: 'date', value: 19_000 }],
};

const TOKENS = ['x', 't', 'd', 'b', 'as_of', '1', '2.5', '"s"', "'q'", '[x]', '`t`', '(', ')', ',', '+', '-', '*', '/', '%', '&', '=', '<>', '<', '>=', 'AND', 'OR', 'NOT', 'IN', 'IS', 'NULL', 'BETWEEN', 'CASE', 'WHEN', 'THEN', 'ELSE', 'END', 'TRUE', 'IF(', 'SUM(', 'ROUND(', 'DATE(', 'NTILE(', 'MIN(', 'TODAY()', '客户', '"', '[', ' '];

function tryCompile(source: string, aggregate: boolean): void {
  try {
    const f = compileFormula(source, { ...scope, aggregate });
    f.toSql((n) => `"${n}"`);
  } catch (error) {
    if (!isFormulaError(error)) throw error;
  }
}

describe('compileFormula on arbitrary input', () => {
  it('only ever throws FormulaError on random strings', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60, unit: 'binary' }), fc.boolean(), (source, aggregate) => {
        tryCompile(source, aggregate);
      }),
      { numRuns: 2000 },
    );
  });

  it('only ever throws FormulaError on random token soup', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...TOKENS), { maxLength: 40 }), fc.boolean(), (tokens, aggregate) => {
        tryCompile(tokens.join(' '), aggregate);
      }),
      { numRuns: 3000 },
    );
  });

  it('refuses pathological nesting with too-deep instead of exhausting the stack', () => {
    for (const source of ['('.repeat(19_000), `${'NOT '.repeat(4000)}b`, `${'-'.repeat(19_000)}1`, 'IF('.repeat(6000), `${'x + '.repeat(4000)}x`, 'x IN ('.repeat(3000)]) {
      let code = '';
      try {
        compileFormula(source, scope);
      } catch (error) {
        code = isFormulaError(error) ? error.code : String(error);
      }
      expect(code).toBe('too-deep');
    }
  });

  it('runs the deepest accepted formula in SQLite (within its expression depth limit)', async () => {
    const { SQL } = await import('./formula-harness.ts');
    const f = compileFormula(`${'x + '.repeat(199)}x`, scope);
    const db = new SQL.Database();
    try {
      expect(db.exec(`SELECT ${f.toSql(() => '1.5')}`)[0].values[0][0]).toBe(300);
    } finally {
      db.close();
    }
  });
});
