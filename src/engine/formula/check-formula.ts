import type { ColumnType } from '../dataset/types.ts';
import type { Node } from './ast.ts';
import { parseIsoDay } from './civil-date.ts';
import type { FormulaParameter, FormulaScope } from './contract.ts';
import { AGGREGATES, FUNCTION_ARITY, WINDOWS } from './function-arity.ts';
import { FormulaError } from './formula-error.ts';
import { suggestName } from './suggest-name.ts';
import type { CompareOp, TNode, ValueType } from './typed-node.ts';

/** The result of checking: the typed tree and what it refers to. */
export interface CheckedFormula {
  root: TNode;
  columns: string[];
  parameters: string[];
  aggregate: boolean;
  window: boolean;
}

const ALIASES: Record<string, string> = { SUBSTR: 'MID' };

const TYPE_WORDS: Record<ValueType, string> = {
  number: 'a number',
  text: 'text',
  bool: 'true/false',
  date: 'a date',
  datetime: 'a date-time',
  null: 'NULL',
};

/** Returns the formula type of a dataset column type. */
export function valueTypeOf(type: ColumnType): ValueType {
  switch (type) {
    case 'integer':
    case 'decimal':
      return 'number';
    case 'boolean':
      return 'bool';
    default:
      return type;
  }
}

/**
 * Resolves names and types every node. Name lookup: an exact column name, then an exact parameter
 * name, then the same case-insensitively (an error if that matches more than one).
 */
export function checkFormula(source: string, ast: Node, scope: FormulaScope): CheckedFormula {
  const aggregateScope = scope.aggregate === true;
  const usedColumns = new Set<string>();
  const usedParameters = new Set<string>();
  let hasAggregate = false;
  let hasWindow = false;

  const fail = (node: { start: number; end: number }, code: string, text: string): never => {
    throw new FormulaError(code, source, node.start, node.end - node.start, text);
  };

  const lit = (type: ValueType, value: number | string | null): TNode => ({
    k: 'lit',
    type,
    value,
    int: typeof value === 'number' ? Number.isInteger(value) : type === 'null',
  });

  const resolveName = (node: Extract<Node, { kind: 'name' }>): { column?: { name: string; type: ColumnType }; parameter?: FormulaParameter } => {
    const column = scope.columns.find((c) => c.name === node.name);
    if (column) return { column };
    const parameter = scope.parameters.find((p) => p.name === node.name);
    if (parameter) return { parameter };
    const lower = node.name.toLowerCase();
    const columns = scope.columns.filter((c) => c.name.toLowerCase() === lower);
    const parameters = scope.parameters.filter((p) => p.name.toLowerCase() === lower);
    const matches = [...columns.map((c) => c.name), ...parameters.map((p) => p.name)];
    if (matches.length > 1) {
      fail(node, 'ambiguous-name', `"${node.name}" matches several names when case is ignored: ${matches.map((m) => `"${m}"`).join(', ')} — write it exactly`);
    }
    if (columns.length === 1) return { column: columns[0] };
    if (parameters.length === 1) return { parameter: parameters[0] };
    const suggestion = suggestName(node.name, [...scope.columns.map((c) => c.name), ...scope.parameters.map((p) => p.name)]);
    const hint = suggestion ? ` — did you mean "${suggestion}"?` : '';
    const asFunction = !hint && FUNCTION_ARITY[node.name.toUpperCase()] ? ` (to call the function, write ${node.name.toUpperCase()}(...))` : '';
    return fail(node, 'unknown-name', `unknown column "${node.name}"${hint}${asFunction}`);
  };

  const parameterLiteral = (p: FormulaParameter): TNode => {
    usedParameters.add(p.name);
    if (p.type === 'text') return lit('text', typeof p.value === 'string' ? p.value : String(p.value));
    const value = typeof p.value === 'number' ? p.value : p.type === 'date' ? parseIsoDay(p.value) : Number(p.value);
    return lit(p.type, Number.isFinite(value) ? value : null);
  };

  /** Unifies result types (NULL fits anything; a date meets a date-time as a date-time). */
  const unify = (nodes: TNode[], spans: { start: number; end: number }[], what: string): { type: ValueType; nodes: TNode[] } => {
    let type: ValueType = 'null';
    for (let i = 0; i < nodes.length; i++) {
      const t = nodes[i].type;
      if (t === 'null' || t === type) continue;
      if (type === 'null') type = t;
      else if ((type === 'date' && t === 'datetime') || (type === 'datetime' && t === 'date')) type = 'datetime';
      else fail(spans[i], 'type-mismatch', `${what} must have the same type, got ${TYPE_WORDS[type]} and ${TYPE_WORDS[t]}`);
    }
    const converted = nodes.map((n): TNode => (type === 'datetime' && n.type === 'date' ? { k: 'to-datetime', type: 'datetime', int: false, arg: n } : n));
    return { type, nodes: converted };
  };

  const expectType = (node: TNode, span: { start: number; end: number }, types: ValueType[], what: string): TNode => {
    if (node.type === 'null' || types.includes(node.type)) return node;
    const wanted = types.map((t) => TYPE_WORDS[t]).join(' or ');
    return fail(span, 'type-mismatch', `${what} needs ${wanted}, got ${TYPE_WORDS[node.type]}`);
  };

  const constantNumber = (node: TNode, span: { start: number; end: number }, what: string, min: number, max: number): number => {
    if (node.k !== 'lit' || typeof node.value !== 'number' || node.type !== 'number') {
      return fail(span, 'constant-required', `${what} must be a number or a parameter, not a calculation over columns`);
    }
    const v = node.value;
    if (!Number.isInteger(v) || v < min || v > max) return fail(span, 'invalid-argument', `${what} must be a whole number from ${min} to ${max}, got ${v}`);
    return v;
  };

  interface Context {
    aggregate: string | null;
    window: string | null;
  }

  const check = (node: Node, ctx: Context): TNode => {
    switch (node.kind) {
      case 'number':
        if (!Number.isFinite(node.value)) fail(node, 'bad-number', `${node.text} is too large`);
        return lit('number', node.value);
      case 'string':
        return lit('text', node.value);
      case 'bool':
        return lit('bool', node.value ? 1 : 0);
      case 'null':
        return lit('null', null);
      case 'name': {
        const { column, parameter } = resolveName(node);
        if (parameter) return parameterLiteral(parameter);
        const c = column as { name: string; type: ColumnType };
        if (aggregateScope && !ctx.aggregate) {
          fail(node, 'column-outside-aggregate', `column "${c.name}" must be inside an aggregate such as SUM(${node.quoted ? `[${c.name}]` : c.name}) or MAX(...), because this formula gives one value per group`);
        }
        usedColumns.add(c.name);
        return { k: 'col', name: c.name, colType: c.type, type: valueTypeOf(c.type), int: c.type === 'integer' };
      }
      case 'unary': {
        const arg = check(node.arg, ctx);
        if (node.op === 'NOT') return { k: 'not', type: 'bool', int: false, arg: expectType(arg, node.arg, ['bool'], 'NOT') };
        return { k: 'neg', type: 'number', int: arg.int, arg: expectType(arg, node.arg, ['number'], 'unary minus') };
      }
      case 'binary':
        return checkBinary(node, ctx);
      case 'is-null':
        return { k: 'is-null', type: 'bool', int: false, arg: check(node.arg, ctx), negated: node.negated };
      case 'in': {
        const all = [node.arg, ...node.list];
        const { nodes } = unify(all.map((n) => check(n, ctx)), all, 'the values of IN');
        return { k: 'in', type: 'bool', int: false, arg: nodes[0], list: nodes.slice(1), negated: node.negated };
      }
      case 'between': {
        const arg = check(node.arg, ctx);
        const low = compare('>=', arg, check(node.low, ctx), node.low, node);
        const high = compare('<=', arg, check(node.high, ctx), node.high, node);
        const both: TNode = { k: 'logic', op: 'AND', type: 'bool', int: false, a: low, b: high };
        return node.negated ? { k: 'not', type: 'bool', int: false, arg: both } : both;
      }
      case 'case': {
        const subject = node.subject ? check(node.subject, ctx) : null;
        const whens = node.whens.map(({ when, then }) => {
          const w = check(when, ctx);
          const cond = subject && node.subject ? compare('=', subject, w, when, when) : expectType(w, when, ['bool'], 'WHEN');
          return { when: cond, then: check(then, ctx) };
        });
        const otherwise = node.otherwise ? check(node.otherwise, ctx) : lit('null', null);
        const spans = [...node.whens.map((w) => w.then), node.otherwise ?? node];
        return makeCase(whens, otherwise, spans, 'the results of CASE');
      }
      case 'call':
        return checkCall(node, ctx);
    }
  };

  const makeCase = (whens: { when: TNode; then: TNode }[], otherwise: TNode, spans: { start: number; end: number }[], what: string): TNode => {
    const { type, nodes } = unify([...whens.map((w) => w.then), otherwise], spans, what);
    return {
      k: 'case',
      type,
      int: nodes.every((n) => n.int),
      whens: whens.map((w, i) => ({ when: w.when, then: nodes[i] })),
      otherwise: nodes[nodes.length - 1],
    };
  };

  const expectComparable = (type: ValueType, span: { start: number; end: number }) => {
    if (type === 'null') return;
    if (type === 'bool') fail(span, 'type-mismatch', 'true/false values cannot be ordered; compare them with = or <>');
  };

  const compare = (op: CompareOp, a: TNode, b: TNode, bSpan: { start: number; end: number }, span: { start: number; end: number }): TNode => {
    const ta = a.type;
    const tb = b.type;
    const ok = ta === 'null' || tb === 'null' || ta === tb || ((ta === 'date' || ta === 'datetime') && (tb === 'date' || tb === 'datetime'));
    if (!ok) fail(bSpan, 'type-mismatch', `cannot compare ${TYPE_WORDS[ta]} with ${TYPE_WORDS[tb]}`);
    const { nodes } = unify([a, b], [span, bSpan], 'compared values');
    if ((ta === 'bool' || tb === 'bool') && op !== '=' && op !== '<>') expectComparable('bool', span);
    return { k: 'cmp', op, type: 'bool', int: false, a: nodes[0], b: nodes[1] };
  };

  const checkBinary = (node: Extract<Node, { kind: 'binary' }>, ctx: Context): TNode => {
    const a = check(node.left, ctx);
    const b = check(node.right, ctx);
    const opSpan = { start: node.opStart, end: node.opStart + node.op.length };
    switch (node.op) {
      case 'AND':
      case 'OR':
        return { k: 'logic', op: node.op, type: 'bool', int: false, a: expectType(a, node.left, ['bool'], node.op), b: expectType(b, node.right, ['bool'], node.op) };
      case '=':
      case '<>':
      case '<':
      case '<=':
      case '>':
      case '>=':
        return compare(node.op, a, b, node.right, node);
      case '&': {
        const asText = (n: TNode, span: Node): TNode => {
          if (n.type === 'text' || n.type === 'null') return n;
          if (n.type === 'number' && n.int) return { k: 'fn', name: 'TEXT_NUMBER', type: 'text', int: false, args: [n, lit('number', 0)] };
          return fail(span, 'type-mismatch', `& joins text (and whole numbers), got ${TYPE_WORDS[n.type]}; convert it with TEXT(...)`);
        };
        return { k: 'concat', type: 'text', int: false, a: asText(a, node.left), b: asText(b, node.right) };
      }
      default: {
        const isDate = (t: ValueType) => t === 'date';
        if ((node.op === '+' || node.op === '-') && isDate(a.type) && (b.type === 'number' || b.type === 'null')) {
          return { k: 'date-add', type: 'date', int: false, a, b, sign: node.op === '+' ? 1 : -1 };
        }
        if (node.op === '+' && a.type === 'number' && isDate(b.type)) return { k: 'date-add', type: 'date', int: false, a: b, b: a, sign: 1 };
        if (node.op === '-' && isDate(a.type) && isDate(b.type)) return { k: 'date-diff', type: 'number', int: true, a: b, b: a };
        if (a.type === 'datetime' || b.type === 'datetime') {
          fail(opSpan, 'type-mismatch', `"${node.op}" cannot be used on date-times; use DAYS(a, b) or DATE(x) first`);
        }
        const ok = (t: ValueType) => t === 'number' || t === 'null';
        if (!ok(a.type) || !ok(b.type)) {
          const dates = node.op === '+' || node.op === '-' ? ' (or a date and a number of days)' : '';
          fail(opSpan, 'type-mismatch', `"${node.op}" needs numbers${dates}, got ${TYPE_WORDS[a.type]} and ${TYPE_WORDS[b.type]}`);
        }
        return { k: 'arith', op: node.op, type: 'number', int: node.op !== '/' && a.int && b.int, a, b };
      }
    }
  };

  const checkCall = (node: Extract<Node, { kind: 'call' }>, ctx: Context): TNode => {
    const upper = node.name.toUpperCase();
    const name = ALIASES[upper] ?? upper;
    const nameSpan = { start: node.start, end: node.nameEnd };
    const arity = FUNCTION_ARITY[upper];
    if (!arity) {
      const suggestion = suggestName(node.name, Object.keys(FUNCTION_ARITY));
      return fail(nameSpan, 'unknown-function', `unknown function "${node.name}"${suggestion ? ` — did you mean ${suggestion}?` : ''}`);
    }
    const [min, max] = arity;
    const n = node.args.length;
    if (n < min || (max >= 0 && n > max)) {
      const wanted = min === max ? `${min} argument${min === 1 ? '' : 's'}` : max < 0 ? `at least ${min} argument${min === 1 ? '' : 's'}` : `${min} to ${max} arguments`;
      fail(node, 'argument-count', `${name} takes ${wanted}, got ${n}`);
    }
    const isAggregate = AGGREGATES.has(name) && !((name === 'MIN' || name === 'MAX') && n > 1);
    if (isAggregate) {
      if (!aggregateScope) {
        const minMax = name === 'MIN' || name === 'MAX' ? ` (for the smaller or larger of several values, give ${name} two or more arguments)` : '';
        fail(nameSpan, 'aggregate-not-allowed', `${name} is an aggregate and this formula is computed per row${minMax}`);
      }
      if (ctx.aggregate) fail(nameSpan, 'nested-aggregate', `aggregate ${name} cannot be inside another aggregate (${ctx.aggregate})`);
      hasAggregate = true;
      const inner: Context = { aggregate: name, window: ctx.window };
      const arg = n ? check(node.args[0], inner) : null;
      if (arg && (name === 'SUM' || name === 'AVG')) expectType(arg, node.args[0], ['number'], name);
      if (arg && (name === 'MIN' || name === 'MAX')) expectComparable(arg.type, node.args[0]);
      const type: ValueType = name === 'COUNT' || name === 'COUNT_DISTINCT' || name === 'SUM' || name === 'AVG' ? 'number' : (arg?.type ?? 'number');
      const int = name === 'COUNT' || name === 'COUNT_DISTINCT' || ((name === 'SUM' || name === 'MIN' || name === 'MAX') && (arg?.int ?? false));
      return { k: 'agg', name, arg, type: type === 'null' ? 'number' : type, int };
    }
    if (WINDOWS.has(name)) {
      if (aggregateScope) fail(nameSpan, 'window-not-allowed', `${name} works over a whole column and cannot be used in an aggregate formula`);
      if (ctx.window) fail(nameSpan, 'nested-window', `${name} cannot be inside another window function (${ctx.window})`);
      hasWindow = true;
      const inner: Context = { aggregate: ctx.aggregate, window: name };
      const arg = check(node.args[0], inner);
      expectComparable(arg.type, node.args[0]);
      const buckets = name === 'NTILE' ? constantNumber(check(node.args[1], inner), node.args[1], "NTILE's number of groups", 1, 1_000_000) : 0;
      return { k: 'win', name, arg, buckets, type: 'number', int: name !== 'PERCENT_RANK' };
    }
    if (name === 'TODAY') {
      const asOf = scope.parameters.find((p) => p.name.toLowerCase() === 'as_of');
      if (!asOf || asOf.type !== 'date') fail(node, 'no-as-of', 'TODAY() means the analysis date, the date parameter "as_of", which this workspace does not have');
      return parameterLiteral(asOf as FormulaParameter);
    }
    const args = node.args.map((a) => check(a, ctx));
    const want = (i: number, types: ValueType[], what = name) => expectType(args[i], node.args[i], types, what);
    const fn = (type: ValueType, int: boolean, fnArgs: TNode[] = args, fnName = name): TNode => ({ k: 'fn', name: fnName, args: fnArgs, type, int });
    switch (name) {
      case 'IF': {
        want(0, ['bool'], "IF's condition");
        return makeCase([{ when: args[0], then: args[1] }], args[2], [node.args[1], node.args[2]], 'both results of IF');
      }
      case 'IFS': {
        const whens: { when: TNode; then: TNode }[] = [];
        const spans: Node[] = [];
        for (let i = 0; i + 1 < n; i += 2) {
          want(i, ['bool'], `IFS's condition ${i / 2 + 1}`);
          whens.push({ when: args[i], then: args[i + 1] });
          spans.push(node.args[i + 1]);
        }
        spans.push(n % 2 ? node.args[n - 1] : node);
        return makeCase(whens, n % 2 ? args[n - 1] : lit('null', null), spans, 'the results of IFS');
      }
      case 'COALESCE': {
        const { type, nodes } = unify(args, node.args, 'the values of COALESCE');
        return fn(type, nodes.every((a) => a.int), nodes);
      }
      case 'MIN':
      case 'MAX': {
        const { type, nodes } = unify(args, node.args, `the values of ${name}`);
        expectComparable(type, node);
        return fn(type, nodes.every((a) => a.int), nodes);
      }
      case 'ROUND': {
        want(0, ['number']);
        const digits = n > 1 ? constantNumber(args[1], node.args[1], "ROUND's number of digits", -15, 15) : 0;
        return fn('number', digits <= 0, [args[0], lit('number', digits)]);
      }
      case 'FLOOR':
      case 'CEIL':
        want(0, ['number']);
        return fn('number', true);
      case 'ABS':
        want(0, ['number']);
        return fn('number', args[0].int);
      case 'SQRT':
      case 'LN':
      case 'LOG10':
      case 'EXP':
        want(0, ['number']);
        return fn('number', false);
      case 'POWER':
      case 'LOG':
        want(0, ['number']);
        want(1, ['number']);
        return fn('number', false);
      case 'LEFT':
      case 'RIGHT':
        want(0, ['text']);
        want(1, ['number']);
        return fn('text', false);
      case 'MID':
        want(0, ['text']);
        want(1, ['number']);
        if (n > 2) want(2, ['number']);
        return fn('text', false, n > 2 ? args : [...args, lit('number', 1e9)]);
      case 'LEN':
        want(0, ['text']);
        return fn('number', true);
      case 'UPPER':
      case 'LOWER':
      case 'TRIM':
        want(0, ['text']);
        return fn('text', false);
      case 'CONTAINS':
      case 'STARTS_WITH':
      case 'ENDS_WITH':
        want(0, ['text']);
        want(1, ['text']);
        return fn('bool', false);
      case 'REPLACE':
        want(0, ['text']);
        want(1, ['text']);
        want(2, ['text']);
        return fn('text', false);
      case 'TEXT': {
        const a = want(0, ['number', 'date', 'datetime', 'text'], 'TEXT');
        if (a.type === 'number' || (a.type === 'null' && n > 1)) {
          const digits = n > 1 ? constantNumber(args[1], node.args[1], "TEXT's number of digits", 0, 10) : 0;
          return fn('text', false, [a, lit('number', digits)], 'TEXT_NUMBER');
        }
        if (n > 1) fail(node.args[1], 'argument-count', 'TEXT takes a number of digits only for numbers');
        if (a.type === 'text' || a.type === 'null') return a.type === 'null' ? lit('null', null) : a;
        return fn('text', false, [a], a.type === 'date' ? 'TEXT_DATE' : 'TEXT_DATETIME');
      }
      case 'DATE': {
        if (n === 2) fail(node, 'argument-count', 'DATE takes 1 argument ("YYYY-MM-DD" or a date-time) or 3 (year, month, day), got 2');
        if (n === 3) {
          for (let i = 0; i < 3; i++) want(i, ['number'], 'DATE(year, month, day)');
          return fn('date', false, args, 'DATE3');
        }
        const a = args[0];
        if (a.type === 'text') {
          const text = a.k === 'lit' && typeof a.value === 'string' ? a.value : null;
          // Text from a column is read strictly as YYYY-MM-DD per row (anything else is NULL).
          if (text === null) return fn('date', false, args, 'PARSE_DATE');
          const day = parseIsoDay(text);
          if (Number.isNaN(day)) fail(node.args[0], 'invalid-date', `"${text}" is not a date (write "YYYY-MM-DD", for example "2024-03-01")`);
          return lit('date', day);
        }
        want(0, ['date', 'datetime', 'text'], 'DATE');
        return a.type === 'datetime' ? fn('date', false, args, 'DAY_OF') : a.type === 'null' ? lit('null', null) : a;
      }
      case 'DAYS':
      case 'WEEKS':
        want(0, ['date', 'datetime']);
        want(1, ['date', 'datetime']);
        return fn('number', true);
      case 'YEAR':
      case 'MONTH':
      case 'DAY':
      case 'WEEKDAY':
        want(0, ['date', 'datetime']);
        return fn('number', true);
    }
    return fail(nameSpan, 'unknown-function', `unknown function "${node.name}"`);
  };

  const root = check(ast, { aggregate: null, window: null });
  const typed: TNode = root.type === 'null' ? { ...root, type: 'number' } : root;
  return { root: typed, columns: [...usedColumns], parameters: [...usedParameters], aggregate: hasAggregate, window: hasWindow };
}
