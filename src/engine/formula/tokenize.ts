import { FormulaError } from './formula-error.ts';

export type TokenKind = 'number' | 'string' | 'name' | 'quoted-name' | 'op' | 'end';

/** One token; `start`/`end` are UTF-16 offsets into the source. */
export interface Token {
  kind: TokenKind;
  /** The operator, the name (unquoted), the string's value, or the number's text. */
  text: string;
  start: number;
  end: number;
}

const OPERATORS = ['<=', '>=', '<>', '!=', '==', '+', '-', '*', '/', '%', '&', '=', '<', '>', '(', ')', ','];
const NAME_START = /[\p{L}_]/u;
const NAME_PART = /[\p{L}\p{N}\p{M}_]/u;

/** Splits a formula into tokens; throws FormulaError on a character that starts no token. */
export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const n = source.length;
  while (i < n) {
    const c = source[i];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\u3000' || c === '\u00a0') {
      i++;
      continue;
    }
    const start = i;
    if ((c >= '0' && c <= '9') || (c === '.' && source[i + 1] >= '0' && source[i + 1] <= '9')) {
      while (i < n && source[i] >= '0' && source[i] <= '9') i++;
      if (source[i] === '.') {
        i++;
        while (i < n && source[i] >= '0' && source[i] <= '9') i++;
      }
      if (source[i] === 'e' || source[i] === 'E') {
        let j = i + 1;
        if (source[j] === '+' || source[j] === '-') j++;
        if (source[j] >= '0' && source[j] <= '9') {
          while (j < n && source[j] >= '0' && source[j] <= '9') j++;
          i = j;
        } else {
          throw new FormulaError('bad-number', source, start, j - start, `"${source.slice(start, j)}" is not a number: the exponent needs digits`);
        }
      }
      if (i < n && NAME_PART.test(source[i])) {
        let j = i;
        while (j < n && NAME_PART.test(source[j])) j++;
        throw new FormulaError('bad-number', source, start, j - start, `"${source.slice(start, j)}" is not a number or a name (a name cannot start with a digit; write [${source.slice(start, j)}])`);
      }
      tokens.push({ kind: 'number', text: source.slice(start, i), start, end: i });
      continue;
    }
    if (c === '"' || c === "'") {
      let value = '';
      i++;
      for (;;) {
        if (i >= n) throw new FormulaError('unterminated-string', source, start, 1, `text starting here is not closed with ${c}`);
        if (source[i] === c) {
          if (source[i + 1] === c) {
            value += c;
            i += 2;
            continue;
          }
          i++;
          break;
        }
        value += source[i++];
      }
      tokens.push({ kind: 'string', text: value, start, end: i });
      continue;
    }
    if (c === '[' || c === '`') {
      const close = c === '[' ? ']' : '`';
      let value = '';
      i++;
      for (;;) {
        if (i >= n) throw new FormulaError('unterminated-name', source, start, 1, `name starting here is not closed with ${close}`);
        if (source[i] === close) {
          if (source[i + 1] === close) {
            value += close;
            i += 2;
            continue;
          }
          i++;
          break;
        }
        value += source[i++];
      }
      if (value === '') throw new FormulaError('empty-name', source, start, i - start, 'empty name');
      tokens.push({ kind: 'quoted-name', text: value, start, end: i });
      continue;
    }
    const cp = source.codePointAt(i) ?? 0;
    const ch = String.fromCodePoint(cp);
    if (NAME_START.test(ch)) {
      i += ch.length;
      while (i < n) {
        const p = String.fromCodePoint(source.codePointAt(i) ?? 0);
        if (!NAME_PART.test(p)) break;
        i += p.length;
      }
      tokens.push({ kind: 'name', text: source.slice(start, i), start, end: i });
      continue;
    }
    const op = OPERATORS.find((o) => source.startsWith(o, i));
    if (op) {
      i += op.length;
      tokens.push({ kind: 'op', text: op === '==' ? '=' : op === '!=' ? '<>' : op, start, end: i });
      continue;
    }
    throw new FormulaError('unexpected-character', source, start, ch.length, `unexpected character "${ch}"`);
  }
  tokens.push({ kind: 'end', text: '', start: n, end: n });
  return tokens;
}
