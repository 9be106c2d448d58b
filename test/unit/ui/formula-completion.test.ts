// Invariant: a completed name or function is inserted as valid formula text, bracketed exactly when it must be.
import { CompletionContext, type Completion, type CompletionResult } from '@codemirror/autocomplete';
import { EditorState } from '@codemirror/state';
import { describe, expect, it } from 'vitest';
import type { FormulaScope } from '../../../src/engine/index.ts';
import { buildFormulaCompletions, completeFormula, insideString } from '../../../src/ui/formula/formula-completion-source.ts';

const SCOPE: FormulaScope = {
  columns: [
    { name: 'orders', type: 'integer' },
    { name: 'first name', type: 'text' },
  ],
  parameters: [{ name: 'as_of', type: 'date', value: 20_089 }],
};

const completions = buildFormulaCompletions(SCOPE, (name) => (name === 'ROUND' ? 'Rounds.' : null));

/** Runs the completion source with the cursor at `|` in `text`. */
function complete(text: string, explicit = false): CompletionResult | null {
  const pos = text.indexOf('|');
  const state = EditorState.create({ doc: text.replace('|', ''), selection: { anchor: pos } });
  return completeFormula(() => completions)(new CompletionContext(state, pos, explicit)) as CompletionResult | null;
}

/** Applies `completion` over [from, to) of `doc` through a stand-in view and returns the text and cursor. */
function apply(doc: string, completion: Completion, from: number, to: number): string {
  let state = EditorState.create({ doc });
  const view = { state, dispatch: (spec: Parameters<EditorState['update']>[0]) => (state = state.update(spec).state) };
  if (typeof completion.apply !== 'function') throw new Error('expected an apply function');
  completion.apply(view as never, completion, from, to);
  const cursor = state.selection.main.head;
  return `${state.doc.sliceString(0, cursor)}|${state.doc.sliceString(cursor)}`;
}

describe('buildFormulaCompletions(scope, describe)', () => {
  it('offers columns, parameters, functions with signatures and keywords', () => {
    const byLabel = new Map(completions.map((c) => [c.label, c]));
    expect(byLabel.get('orders')).toMatchObject({ type: 'property', detail: 'integer' });
    expect(byLabel.get('as_of')).toMatchObject({ type: 'variable', detail: 'date = 2025-01-01' });
    expect(byLabel.get('ROUND')).toMatchObject({ type: 'function', detail: 'ROUND(x, [digits])', info: 'Rounds.' });
    expect(byLabel.get('AND')).toMatchObject({ type: 'keyword' });
    expect(byLabel.has('SUM')).toBe(false);
  });

  it('brackets a name with a space, and puts the cursor inside a function’s parentheses', () => {
    const first = completions.find((c) => c.label === 'first name')!;
    expect(apply('x + fir', first, 4, 7)).toBe('x + [first name]|');
    const round = completions.find((c) => c.label === 'ROUND')!;
    expect(apply('rou', round, 0, 3)).toBe('ROUND(|)');
    expect(apply('rou(x)', round, 0, 3)).toBe('ROUND(|x)');
  });
});

describe('completeFormula(completions)', () => {
  it('completes the word before the cursor, and everything on Ctrl+Space', () => {
    expect(complete('revenue / ord|')?.from).toBe(10);
    expect(complete('revenue / |')).toBeNull();
    expect(complete('revenue / |', true)?.options.length).toBe(completions.length);
  });

  it('inside an open bracket offers only names, replacing the bracket and a closing one', () => {
    const result = complete('[fir|]')!;
    expect(result.from).toBe(1);
    expect(result.options.every((o) => o.type === 'property' || o.type === 'variable')).toBe(true);
    const first = result.options.find((o) => o.label === 'first name')!;
    expect(apply('[fir]', first, 1, 4)).toBe('[first name]|');
  });

  it('stays quiet inside a string and after a digit', () => {
    expect(complete('"ab|', true)).toBeNull();
    expect(complete('"a""b|')).toBeNull();
    expect(complete('12|', true)).toBeNull();
  });
});

describe('insideString(text)', () => {
  it.each([
    ['"abc', true],
    ['"a" & "b', true],
    ['"a""b', true],
    ['"a" & x', false],
    ["[it's]", false],
  ])('%j → %s', (text, inside) => expect(insideString(text)).toBe(inside));
});
