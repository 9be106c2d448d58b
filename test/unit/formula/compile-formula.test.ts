// Invariant: compileFormula reports what a formula uses and returns, resolves names by the
// documented rules, and never hands out (or writes into) the caller's column arrays.
import { describe, expect, it } from 'vitest';
import type { Column } from '../../../src/engine/dataset/types.ts';
import { compileFormula, type FormulaScope } from '../../../src/engine/formula/index.ts';
import { bothWays, numberColumn, textColumn } from './formula-harness.ts';

const scope: FormulaScope = {
  columns: [
    { name: 'recency', type: 'integer' },
    { name: 'amount', type: 'decimal' },
    { name: 'window', type: 'integer' },
    { name: 'Year', type: 'integer' },
    { name: 'city', type: 'text' },
  ],
  parameters: [
    { name: 'window', type: 'number', value: 90 },
    { name: 'cut', type: 'number', value: 2.5 },
    { name: 'label', type: 'text', value: "o'brien" },
    { name: 'start', type: 'date', value: '2024-03-01' },
    { name: 'broken', type: 'number', value: Number.NaN },
  ],
};

describe('compileFormula(source, scope)', () => {
  it('reports references, type and flags', () => {
    const f = compileFormula('IF(recency <= cut AND city = label, amount, 0)', scope);
    expect(f.references).toEqual({ columns: ['recency', 'city', 'amount'], parameters: ['cut', 'label'] });
    expect([f.type, f.aggregate, f.window]).toEqual(['number', false, false]);
    expect(compileFormula('NTILE(amount, 4)', scope)).toMatchObject({ type: 'number', window: true, aggregate: false });
    expect(compileFormula('SUM(amount) > 0', { ...scope, aggregate: true })).toMatchObject({ type: 'bool', aggregate: true });
    expect(compileFormula('start + 1', scope).type).toBe('date');
    expect(compileFormula('NULL', scope).type).toBe('number');
  });

  it('looks a name up as a column first, then a parameter, exactly and then ignoring case', () => {
    expect(compileFormula('window', scope).references).toEqual({ columns: ['window'], parameters: [] });
    expect(compileFormula('CUT', scope).references).toEqual({ columns: [], parameters: ['cut'] });
    expect(compileFormula('year + YEAR(start)', scope).references.columns).toEqual(['Year']);
  });

  it('inlines parameters as SQL literals (text quoted, dates as days, invalid numbers as NULL)', () => {
    expect(compileFormula('label', scope).toSql((n) => `"${n}"`)).toBe("'o''brien'");
    expect(compileFormula('start', scope).toSql((n) => `"${n}"`)).toBe('date(2440587.5 + 19783)');
    expect(compileFormula('broken', scope).toSql((n) => `"${n}"`)).toBe('NULL');
    expect(compileFormula('-cut', scope).toSql((n) => `"${n}"`)).toBe('(-2.5)');
  });

  it('parses operators with the documented precedence', () => {
    const cols: Column[] = [numberColumn('a', 'integer', [1])];
    const one = (source: string) => bothWays(source, cols);
    expect(one('NOT 1 = 2')).toEqual({ js: [1], sql: [1] });
    expect(one('TRUE OR FALSE AND FALSE')).toEqual({ js: [1], sql: [1] });
    expect(one('"a" & 1 + 2')).toEqual({ js: ['a3'], sql: ['a3'] });
    expect(one('-a * 3 + 10 % 4 * 2')).toEqual({ js: [1], sql: [1] });
    expect(one('1 < 2 = TRUE')).toEqual({ js: [1], sql: [1] });
    expect(one('a BETWEEN 0 AND 1 AND a IN (1)')).toEqual({ js: [1], sql: [1] });
    expect(one('Not a Is Null')).toEqual({ js: [1], sql: [1] });
  });

  it('returns integer columns only for whole-number formulas, and decimal otherwise', () => {
    const cols = { recency: numberColumn('recency', 'integer', [1, 2]), amount: numberColumn('amount', 'decimal', [1.5, 2]) };
    const run = (source: string) => compileFormula(source, scope).evaluate({ rowCount: 2, columns: cols });
    expect(run('recency * 2').type).toBe('integer');
    expect(run('recency / 1').type).toBe('decimal');
    expect(run('ROUND(amount)').type).toBe('integer');
    expect(run('amount + 1').type).toBe('decimal');
    expect(run('recency > 1')).toMatchObject({ type: 'boolean', values: Float64Array.of(0, 1) });
  });

  it('copies a column it returns unchanged, so the caller may write into the result', () => {
    const recency = numberColumn('recency', 'integer', [1, 2]);
    const out = compileFormula('recency', scope).evaluate({ rowCount: 2, columns: { recency } });
    expect(out.type !== 'text' && out.values).not.toBe(recency.type !== 'text' && recency.values);
  });

  it('dictionary-encodes text results without duplicates', () => {
    const city = textColumn('city', ['a', 'b', 'a', null]);
    const out = compileFormula('UPPER(city) & "!"', scope).evaluate({ rowCount: 4, columns: { city } });
    expect(out).toMatchObject({ type: 'text', dictionary: ['A!', 'B!'], codes: Int32Array.of(0, 1, 0, -1) });
  });

  it('counts distinct text by value even when a dictionary repeats an entry', () => {
    const city: Column = { name: 'city', type: 'text', codes: Int32Array.of(0, 1, 2), dictionary: ['x', 'x', 'y'] };
    const f = compileFormula('COUNT_DISTINCT(city)', { ...scope, aggregate: true });
    expect(f.evaluate({ rowCount: 3, columns: { city }, groups: { index: Int32Array.of(0, 0, 0), count: 1 } })).toMatchObject({ values: Float64Array.of(2) });
  });

  it('breaks NTILE ties by the id column, byte-wise, in both paths', () => {
    const cols: Column[] = [numberColumn('v', 'integer', [5, 5, 5, 5]), textColumn('id', ['b', 'a', '😀', '\uE000'])];
    expect(bothWays('NTILE(v, 4)', cols, [], 'id')).toEqual({ js: [2, 1, 4, 3], sql: [2, 1, 4, 3] });
  });

  it('evaluates a million rows column at a time', () => {
    const n = 1_000_000;
    const amount = { name: 'amount', type: 'decimal', values: Float64Array.from({ length: n }, (_, i) => (i % 97 === 0 ? NaN : (i % 1000) / 7)) } as Column;
    const recency = { name: 'recency', type: 'integer', values: Float64Array.from({ length: n }, (_, i) => i % 400) } as Column;
    const out = compileFormula('IF(recency <= 90 AND amount > 50, ROUND(amount * 1.1, 2), 0)', scope).evaluate({ rowCount: n, columns: { amount, recency } });
    expect(out.type === 'decimal' && out.values.length).toBe(n);
  });
});
