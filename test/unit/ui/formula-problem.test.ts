// Invariant: the live check points the editor at a visible span of the formula's first error, or says nothing.
import { describe, expect, it } from 'vitest';
import type { FormulaScope } from '../../../src/engine/index.ts';
import { findFormulaProblem, problemSpan } from '../../../src/ui/formula/find-formula-problem.ts';

const SCOPE: FormulaScope = {
  columns: [
    { name: 'revenue', type: 'decimal' },
    { name: 'orders', type: 'integer' },
  ],
  parameters: [{ name: 'as_of', type: 'date', value: 20_000 }],
};

describe('findFormulaProblem(source, scope)', () => {
  it('underlines an unknown name and keeps the did-you-mean', () => {
    expect(findFormulaProblem('revenue / ordrs', SCOPE)).toEqual({
      message: 'line 1, col 11: unknown column "ordrs" — did you mean "orders"?',
      from: 10,
      to: 15,
    });
  });

  it('marks the last character when the formula ends too early', () => {
    expect(findFormulaProblem('ROUND(revenue / ', SCOPE)).toMatchObject({ from: 14, to: 15 });
  });

  it('is null for a good formula, an empty one, or when the scope has no columns yet', () => {
    expect(findFormulaProblem('ROUND(revenue / orders, 2)', SCOPE)).toBeNull();
    expect(findFormulaProblem('  ', SCOPE)).toBeNull();
    expect(findFormulaProblem('anything', { columns: [], parameters: [] })).toBeNull();
  });
});

describe('problemSpan(source, offset, length)', () => {
  it.each([
    ['abc', 0, 3, { from: 0, to: 3 }],
    ['abc', 1, 0, { from: 1, to: 2 }],
    ['ab  ', 4, 1, { from: 1, to: 2 }],
    ['', 0, 1, { from: 0, to: 0 }],
  ])('%j at %d (%d) → %j', (source, offset, length, span) => expect(problemSpan(source, offset, length)).toEqual(span));
});
