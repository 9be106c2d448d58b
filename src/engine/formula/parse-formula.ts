/**
 * The formula grammar (a Pratt parser over tokenize.ts's tokens), loosest binding first:
 *
 *   formula    = expr
 *   expr       = expr OR expr | expr AND expr | NOT expr
 *              | expr ( = | <> | != | == | < | <= | > | >= ) expr
 *              | expr [NOT] BETWEEN sum AND sum | expr [NOT] IN ( expr {, expr} ) | expr IS [NOT] NULL
 *              | expr & expr | expr ( + | - ) expr | expr ( * | / | % ) expr | - expr | + expr
 *              | primary
 *   primary    = number | string | TRUE | FALSE | NULL | name | [name] | `name`
 *              | name ( [expr {, expr}] )                      -- a function call
 *              | CASE [expr] WHEN expr THEN expr {WHEN expr THEN expr} [ELSE expr] END
 *              | ( expr )
 *   number     = digits [. digits] [e [+|-] digits]  |  . digits …
 *   string     = "…" with "" for a quote  |  '…' with '' for a quote
 *   name       = (letter | _) {letter | digit | _}   -- letters include CJK; keywords ignore case
 *
 * Nodes keep their source span, so the checker can point at the character. Nesting is capped
 * (MAX_FORMULA_DEPTH) so no later tree walk can exhaust the stack.
 */
import type { BinaryOp, Node } from './ast.ts';
import { FormulaError } from './formula-error.ts';
import { tokenize, type Token } from './tokenize.ts';

/** Longest formula accepted, in UTF-16 code units. */
export const MAX_FORMULA_LENGTH = 20_000;
/** Deepest nesting accepted (keeps the recursive parser, checker and evaluators off the stack limit). */
export const MAX_FORMULA_DEPTH = 200;

const KEYWORDS = new Set(['AND', 'OR', 'NOT', 'IN', 'IS', 'NULL', 'TRUE', 'FALSE', 'BETWEEN', 'CASE', 'WHEN', 'THEN', 'ELSE', 'END']);

// Binding powers, low to high: OR, AND, NOT, comparison, &, + -, * / %, unary minus.
const PREC_OR = 1;
const PREC_AND = 2;
const PREC_NOT = 3;
const PREC_CMP = 4;
const PREC_CONCAT = 5;
const PREC_ADD = 6;
const PREC_MUL = 7;
const PREC_UNARY = 8;

const BINARY_PREC: Record<string, number> = {
  '=': PREC_CMP, '<>': PREC_CMP, '<': PREC_CMP, '<=': PREC_CMP, '>': PREC_CMP, '>=': PREC_CMP,
  '&': PREC_CONCAT, '+': PREC_ADD, '-': PREC_ADD, '*': PREC_MUL, '/': PREC_MUL, '%': PREC_MUL,
};

/** Parses a formula into an AST; throws FormulaError pointing at the first problem. */
export function parseFormula(source: string): Node {
  if (source.length > MAX_FORMULA_LENGTH) {
    throw new FormulaError('too-long', source, 0, 1, `the formula is too long (more than ${MAX_FORMULA_LENGTH} characters)`);
  }
  const tokens = tokenize(source);
  let pos = 0;
  // The depth of the AST under construction along the current path: recursion plus left-nested
  // operator chains (`a + b + c` nests without recursing), so every later tree walk is bounded.
  let depth = 0;

  const peek = (): Token => tokens[pos];
  const keywordOf = (t: Token): string | null => (t.kind === 'name' && KEYWORDS.has(t.text.toUpperCase()) ? t.text.toUpperCase() : null);
  const isKeyword = (t: Token, kw: string) => keywordOf(t) === kw;
  const isOp = (t: Token, op: string) => t.kind === 'op' && t.text === op;
  const describe = (t: Token) => (t.kind === 'end' ? 'the end of the formula' : t.kind === 'string' ? `text "${t.text}"` : `"${source.slice(t.start, t.end)}"`);

  const fail = (t: Token, expected: string): never => {
    if (t.kind === 'end') throw new FormulaError('unexpected-end', source, t.start, 1, `the formula ends too early: expected ${expected}`);
    throw new FormulaError('unexpected-token', source, t.start, t.end - t.start, `expected ${expected} but found ${describe(t)}`);
  };
  const expectOp = (op: string, expected = `"${op}"`): Token => {
    const t = peek();
    if (!isOp(t, op)) fail(t, expected);
    pos++;
    return t;
  };
  const expectKeyword = (kw: string): Token => {
    const t = peek();
    if (!isKeyword(t, kw)) fail(t, kw);
    pos++;
    return t;
  };

  const deeper = () => {
    if (++depth > MAX_FORMULA_DEPTH) {
      const t = peek();
      throw new FormulaError('too-deep', source, t.start, 1, `the formula is nested too deeply (more than ${MAX_FORMULA_DEPTH} levels)`);
    }
  };

  const parseExpr = (minPrec: number): Node => {
    deeper();
    let chain = 0;
    let left = parsePrefix();
    for (;; chain++, deeper()) {
      const t = peek();
      const kw = keywordOf(t);
      if (kw === 'OR' || kw === 'AND') {
        const prec = kw === 'OR' ? PREC_OR : PREC_AND;
        if (prec < minPrec) break;
        pos++;
        const right = parseExpr(prec + 1);
        left = { kind: 'binary', op: kw, left, right, opStart: t.start, start: left.start, end: right.end };
        continue;
      }
      if (PREC_CMP >= minPrec && (kw === 'IS' || kw === 'IN' || kw === 'BETWEEN' || (kw === 'NOT' && (isKeyword(tokens[pos + 1], 'IN') || isKeyword(tokens[pos + 1], 'BETWEEN'))))) {
        left = parsePostfix(left);
        continue;
      }
      if (t.kind === 'op' && BINARY_PREC[t.text] !== undefined) {
        const prec = BINARY_PREC[t.text];
        if (prec < minPrec) break;
        pos++;
        const right = parseExpr(prec + 1);
        left = { kind: 'binary', op: t.text as BinaryOp, left, right, opStart: t.start, start: left.start, end: right.end };
        continue;
      }
      break;
    }
    depth -= 1 + chain;
    return left;
  };

  const parsePostfix = (left: Node): Node => {
    const t = tokens[pos++];
    if (isKeyword(t, 'IS')) {
      const negated = isKeyword(peek(), 'NOT');
      if (negated) pos++;
      const end = expectKeyword('NULL').end;
      return { kind: 'is-null', arg: left, negated, start: left.start, end };
    }
    const negated = isKeyword(t, 'NOT');
    const kw = negated ? keywordOf(tokens[pos++]) : keywordOf(t);
    if (kw === 'IN') {
      expectOp('(');
      const list: Node[] = [parseExpr(1)];
      while (isOp(peek(), ',')) {
        pos++;
        list.push(parseExpr(1));
      }
      const end = expectOp(')', '"," or ")"').end;
      return { kind: 'in', arg: left, list, negated, start: left.start, end };
    }
    const low = parseExpr(PREC_CMP + 1);
    expectKeyword('AND');
    const high = parseExpr(PREC_CMP + 1);
    return { kind: 'between', arg: left, low, high, negated, start: left.start, end: high.end };
  };

  const parsePrefix = (): Node => {
    const t = peek();
    switch (t.kind) {
      case 'number': {
        pos++;
        return { kind: 'number', value: Number(t.text), text: t.text, start: t.start, end: t.end };
      }
      case 'string':
        pos++;
        return { kind: 'string', value: t.text, start: t.start, end: t.end };
      case 'quoted-name':
        pos++;
        return { kind: 'name', name: t.text, quoted: true, start: t.start, end: t.end };
      case 'op':
        if (t.text === '(') {
          pos++;
          const inner = parseExpr(1);
          const close = expectOp(')', '")"');
          return { ...inner, start: t.start, end: close.end } as Node;
        }
        if (t.text === '-' || t.text === '+') {
          pos++;
          const arg = parseExpr(PREC_UNARY);
          if (t.text === '+') return arg;
          if (arg.kind === 'number' && arg.start === t.end) return { ...arg, value: -arg.value, text: `-${arg.text}`, start: t.start };
          return { kind: 'unary', op: '-', arg, start: t.start, end: arg.end };
        }
        return fail(t, 'a value');
      case 'name': {
        const kw = keywordOf(t);
        if (kw === null || ((kw === 'NULL' || kw === 'TRUE' || kw === 'FALSE') && isOp(tokens[pos + 1], '('))) {
          pos++;
          if (isOp(peek(), '(')) return parseCall(t);
          return { kind: 'name', name: t.text, quoted: false, start: t.start, end: t.end };
        }
        pos++;
        if (kw === 'TRUE' || kw === 'FALSE') return { kind: 'bool', value: kw === 'TRUE', start: t.start, end: t.end };
        if (kw === 'NULL') return { kind: 'null', start: t.start, end: t.end };
        if (kw === 'NOT') {
          const arg = parseExpr(PREC_NOT);
          return { kind: 'unary', op: 'NOT', arg, start: t.start, end: arg.end };
        }
        if (kw === 'CASE') return parseCase(t);
        pos--;
        return fail(t, 'a value');
      }
      default:
        return fail(t, 'a value');
    }
  };

  const parseCall = (nameToken: Token): Node => {
    pos++; // (
    const args: Node[] = [];
    if (!isOp(peek(), ')')) {
      args.push(parseExpr(1));
      while (isOp(peek(), ',')) {
        pos++;
        args.push(parseExpr(1));
      }
    }
    const end = expectOp(')', '"," or ")"').end;
    return { kind: 'call', name: nameToken.text, nameEnd: nameToken.end, args, start: nameToken.start, end };
  };

  const parseCase = (caseToken: Token): Node => {
    const subject = isKeyword(peek(), 'WHEN') ? null : parseExpr(1);
    const whens: { when: Node; then: Node }[] = [];
    while (isKeyword(peek(), 'WHEN')) {
      pos++;
      const when = parseExpr(1);
      expectKeyword('THEN');
      whens.push({ when, then: parseExpr(1) });
    }
    if (whens.length === 0) fail(peek(), 'WHEN');
    let otherwise: Node | null = null;
    if (isKeyword(peek(), 'ELSE')) {
      pos++;
      otherwise = parseExpr(1);
    }
    const t = peek();
    if (!isKeyword(t, 'END')) fail(t, otherwise ? 'END' : 'WHEN, ELSE or END');
    pos++;
    return { kind: 'case', subject, whens, otherwise, start: caseToken.start, end: t.end };
  };

  if (tokens[0].kind === 'end') throw new FormulaError('empty-formula', source, 0, 1, 'the formula is empty');
  const node = parseExpr(1);
  const rest = peek();
  if (rest.kind !== 'end') {
    throw new FormulaError('unexpected-token', source, rest.start, rest.end - rest.start, `unexpected ${describe(rest)} after a complete formula (missing an operator or a comma?)`);
  }
  return node;
}
