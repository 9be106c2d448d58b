/**
 * Completion for the formula editor: the scope's columns and parameters, then the functions (with
 * their signatures) and keywords, from `formulaCompletions` (engine/formula). Names that need
 * brackets are inserted bracketed; a function is inserted with its parentheses, the cursor between.
 */
import type { Completion, CompletionContext, CompletionResult, CompletionSource } from '@codemirror/autocomplete';
import type { EditorView } from '@codemirror/view';
import { formatDay, formulaCompletions, type FormulaScope } from '../../engine/index.ts';

/** The word being typed: a bare name, or a bracketed name still open. */
const WORD_BEFORE = /(?:\[[^\]]*|[\p{L}_][\p{L}\p{N}\p{M}_]*)$/u;

const TYPES = { column: 'property', parameter: 'variable', function: 'function', keyword: 'keyword' } as const;

/**
 * Returns the completions for `scope`; `describe(name)` gives a function's description in the
 * page's language (shown beside the list), or null.
 */
export function buildFormulaCompletions(scope: FormulaScope, describe: (name: string) => string | null): Completion[] {
  return formulaCompletions(scope).map((c, i): Completion => {
    const parameter = c.kind === 'parameter' ? scope.parameters.find((p) => p.name === c.label) : undefined;
    const detail = parameter ? `${parameter.type} = ${parameter.type === 'date' && typeof parameter.value === 'number' ? formatDay(parameter.value) : String(parameter.value)}` : c.detail;
    const info = c.kind === 'function' ? describe(c.label) : null;
    return {
      label: c.label,
      type: TYPES[c.kind],
      detail,
      ...(info ? { info } : {}),
      // Columns first, then parameters, functions and keywords, as formulaCompletions orders them.
      boost: c.kind === 'column' ? 3 : c.kind === 'parameter' ? 2 : c.kind === 'function' ? 1 : 0,
      sortText: String(i).padStart(4, '0'),
      apply: c.kind === 'function' ? applyFunction(c.label) : applyText(c.insert),
    };
  });
}

/** Inserts `NAME()` with the cursor inside the parentheses (a `(` already typed after the word is reused). */
function applyFunction(name: string) {
  return (view: EditorView, _completion: Completion, from: number, to: number) => {
    const after = view.state.sliceDoc(to, to + 1);
    const insert = after === '(' ? name : `${name}()`;
    view.dispatch({
      changes: { from, to, insert },
      selection: { anchor: from + name.length + 1 },
      userEvent: 'input.complete',
    });
  };
}

/** Inserts `text`; when it replaces an open `[…` (see withBracketStart), also over a `]` closeBrackets put after it. */
function applyText(text: string) {
  return (view: EditorView, _completion: Completion, from: number, to: number) => {
    const end = view.state.sliceDoc(from, from + 1) === '[' && view.state.sliceDoc(to, to + 1) === ']' ? to + 1 : to;
    view.dispatch({ changes: { from, to: end, insert: text }, selection: { anchor: from + text.length }, userEvent: 'input.complete' });
  };
}

/** Returns the completion source over `completions()` (read at each request, so scope changes apply at once). */
export function completeFormula(completions: () => readonly Completion[]): CompletionSource {
  return (context: CompletionContext): CompletionResult | null => {
    const word = context.matchBefore(WORD_BEFORE);
    if (!word && !context.explicit) return null;
    // After a number ("12a") or inside a string, there is nothing to complete.
    const from = word ? word.from : context.pos;
    const before = context.state.sliceDoc(Math.max(0, from - 1), from);
    if (/[\p{N}.]/u.test(before) && !word?.text.startsWith('[')) return null;
    if (insideString(context.state.sliceDoc(0, from))) return null;
    const bracketed = word?.text.startsWith('[') ?? false;
    return {
      from: bracketed ? from + 1 : from,
      options: bracketed ? completions().filter((c) => c.type === 'property' || c.type === 'variable').map(withBracketStart) : [...completions()],
      validFor: bracketed ? /^[^\]]*$/ : /^[\p{L}\p{N}\p{M}_]*$/u,
    };
  };
}

/** Inside an open bracket the option replaces the bracket too, so `[fir` becomes `[first name]` or `first_name`. */
function withBracketStart(completion: Completion): Completion {
  const apply = completion.apply;
  if (typeof apply !== 'function') return completion;
  return { ...completion, apply: (view, c, from, to) => apply(view, c, from - 1, to) };
}

/** Returns true when `text` ends inside an open string (quotes doubled inside count as one). */
export function insideString(text: string): boolean {
  let quote: string | null = null;
  let bracket: string | null = null;
  for (const c of text) {
    if (quote) {
      if (c === quote) quote = null;
    } else if (bracket) {
      if (c === bracket) bracket = null;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '[') bracket = ']';
    else if (c === '`') bracket = '`';
  }
  return quote !== null;
}
