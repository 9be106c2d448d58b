// Invariant: the help panel documents every function the checker accepts, in both languages,
// and every example in it is a formula that compiles.
import { describe, expect, it } from 'vitest';
import { FUNCTION_ARITY } from '../../../src/engine/formula/function-arity.ts';
import { compileFormula, formulaCompletions, FUNCTION_HELP, quoteFormulaName, type FormulaScope } from '../../../src/engine/formula/index.ts';

const columns: FormulaScope['columns'] = [
  { name: 'orders', type: 'integer' },
  { name: 'recency', type: 'integer' },
  { name: 'revenue', type: 'decimal' },
  { name: 'discount', type: 'decimal' },
  { name: 'amount', type: 'decimal' },
  { name: 'days', type: 'integer' },
  { name: 'category', type: 'text' },
  { name: 'product', type: 'text' },
  { name: 'sku', type: 'text' },
  { name: 'email', type: 'text' },
  { name: 'city', type: 'text' },
  { name: 'channel', type: 'text' },
  { name: 'phone', type: 'text' },
  { name: 'first_order', type: 'date' },
  { name: 'last_order', type: 'date' },
  { name: 'order_time', type: 'datetime' },
];
const scope: FormulaScope = { columns, parameters: [{ name: 'as_of', type: 'date', value: 19_800 }] };

describe('FUNCTION_HELP', () => {
  it('documents every function (SUBSTR under MID) and nothing else', () => {
    const documented = FUNCTION_HELP.functions.map((f) => f.name).sort();
    expect(documented).toEqual(Object.keys(FUNCTION_ARITY).filter((n) => n !== 'SUBSTR').sort());
  });

  it('has an English and a Chinese description and example for every function and section', () => {
    for (const f of FUNCTION_HELP.functions) {
      expect(f.signature.startsWith(f.name), f.name).toBe(true);
      for (const text of [f.description.en, f.description['zh-CN'], f.example.en, f.example['zh-CN']]) expect(text.length, f.name).toBeGreaterThan(0);
      expect(/[\u4e00-\u9fff]/.test(f.description['zh-CN']), f.name).toBe(true);
    }
    for (const s of FUNCTION_HELP.sections) expect(/[\u4e00-\u9fff]/.test(s.body['zh-CN']) && s.body.en.length > 50, s.id).toBe(true);
  });

  it.each(FUNCTION_HELP.functions.map((f) => [f.name, f.example.formula, f.category]))('the %s example compiles: %s', (_, formula, category) => {
    const f = compileFormula(formula, { ...scope, aggregate: category === 'aggregate' || formula === 'MAX(order_time)' });
    expect(f.source).toBe(formula);
  });
});

describe('formulaCompletions(scope)', () => {
  it('lists columns, parameters, row functions and keywords, bracketing names that need it', () => {
    const items = formulaCompletions({ columns: [{ name: '实付 金额', type: 'decimal' }, { name: 'recency', type: 'integer' }, { name: 'end', type: 'text' }], parameters: [{ name: 'as_of', type: 'date', value: 1 }] });
    expect(items.filter((c) => c.kind === 'column').map((c) => c.insert)).toEqual(['[实付 金额]', 'recency', '[end]']);
    expect(items.find((c) => c.kind === 'parameter')).toMatchObject({ label: 'as_of', insert: 'as_of', detail: 'date = 1' });
    const functions = items.filter((c) => c.kind === 'function').map((c) => c.label);
    expect(functions).toContain('NTILE');
    expect(functions).toContain('TODAY');
    expect(functions).toContain('MIN');
    expect(functions).not.toContain('SUM');
    expect(items.find((c) => c.label === 'ROUND')).toMatchObject({ insert: 'ROUND(', detail: 'ROUND(x, [digits])' });
    expect(items.some((c) => c.kind === 'keyword' && c.label === 'BETWEEN')).toBe(true);
  });

  it('offers aggregates and no window functions in an aggregate scope, and no TODAY without as_of', () => {
    const functions = formulaCompletions({ columns: [], parameters: [], aggregate: true }).filter((c) => c.kind === 'function').map((c) => c.label);
    expect(functions).toContain('SUM');
    expect(functions).toContain('COUNT_DISTINCT');
    expect(functions).not.toContain('NTILE');
    expect(functions).not.toContain('TODAY');
  });

  it('quoteFormulaName escapes closing brackets and keywords', () => {
    expect(quoteFormulaName('a]b')).toBe('[a]]b]');
    expect(quoteFormulaName('And')).toBe('[And]');
    expect(quoteFormulaName('客户_1')).toBe('客户_1');
    expect(compileFormula(quoteFormulaName('a]b'), { columns: [{ name: 'a]b', type: 'integer' }], parameters: [] }).references.columns).toEqual(['a]b']);
  });
});
