/**
 * The formula editor's highlighting, from the formula language's own tokenizer (tokenize.ts), so the
 * colours never disagree with what the parser reads. The tokenizer stops at the first character it
 * cannot read; here the text after such a spot is tokenized again, so one stray character does not
 * leave the rest of the formula grey, and an unclosed string or [name] colours to the end.
 */
import { isFormulaError } from '../../engine/index.ts';
import { tokenize, type Token } from '../../engine/formula/tokenize.ts';

/** What a highlighted stretch of a formula is. */
export type FormulaTokenKind = 'function' | 'name' | 'quoted-name' | 'string' | 'number' | 'literal' | 'keyword' | 'operator' | 'bracket' | 'invalid';

/** One highlighted stretch: `from`/`to` are UTF-16 offsets into the formula. */
export interface FormulaSpan {
  from: number;
  to: number;
  kind: FormulaTokenKind;
}

const KEYWORDS = new Set(['AND', 'OR', 'NOT', 'IN', 'IS', 'BETWEEN', 'CASE', 'WHEN', 'THEN', 'ELSE', 'END']);
const LITERALS = new Set(['TRUE', 'FALSE', 'NULL']);

/** Returns the highlighted stretches of `source`, in order, skipping white space. Never throws. */
export function highlightFormula(source: string): FormulaSpan[] {
  const spans: FormulaSpan[] = [];
  let start = 0;
  while (start < source.length) {
    const rest = source.slice(start);
    let tokens: Token[];
    let stop: { offset: number; length: number; code: string } | null = null;
    try {
      tokens = tokenize(rest);
    } catch (error) {
      if (!isFormulaError(error)) throw error;
      stop = { offset: error.offset, length: error.length, code: error.code };
      tokens = tokenize(rest.slice(0, error.offset));
    }
    tokens.forEach((token, i) => {
      if (token.kind === 'end') return;
      spans.push({ from: start + token.start, to: start + token.end, kind: kindOf(token, tokens[i + 1]) });
    });
    if (!stop) break;
    const from = start + stop.offset;
    if (stop.code === 'unterminated-string' || stop.code === 'unterminated-name') {
      spans.push({ from, to: source.length, kind: stop.code === 'unterminated-string' ? 'string' : 'quoted-name' });
      break;
    }
    const to = Math.min(source.length, from + Math.max(1, stop.length));
    spans.push({ from, to, kind: 'invalid' });
    start = to;
  }
  return spans;
}

function kindOf(token: Token, next: Token | undefined): FormulaTokenKind {
  switch (token.kind) {
    case 'number':
      return 'number';
    case 'string':
      return 'string';
    case 'quoted-name':
      return 'quoted-name';
    case 'op':
      return token.text === '(' || token.text === ')' ? 'bracket' : 'operator';
    case 'name': {
      const upper = token.text.toUpperCase();
      if (next?.kind === 'op' && next.text === '(') return 'function';
      if (KEYWORDS.has(upper)) return 'keyword';
      if (LITERALS.has(upper)) return 'literal';
      return 'name';
    }
    default:
      return 'invalid';
  }
}

/** Returns the CSS class the editor gives a stretch of `kind` (styled in formula-editor-theme.ts). */
export function formulaTokenClass(kind: FormulaTokenKind): string {
  return `cm-formula-${kind}`;
}
