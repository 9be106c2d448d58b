/**
 * Evaluates a checked formula column at a time over typed arrays (see vectors.ts for the value
 * shapes). Each node is one tight loop over the rows with no per-row objects; text functions run
 * once per dictionary entry. Every rule mirrors to-sql.ts so the two back ends agree.
 */
import type { Column, NumericColumn } from '../dataset/types.ts';
import { formatDay, formatWallClock } from '../sqlite/format-sql-value.ts';
import { civilFromDay, dayFromCivil, MAX_DAY, MIN_DAY, parseIsoDay } from './civil-date.ts';
import { codePointLength, compareText, rankDictionary, sliceCodePoints } from './compare-text.ts';
import type { EvaluationInput } from './contract.ts';
import { countDistinct, countRows, countValues, extremeTexts, extremeValues, sumValues, type Groups } from './evaluate-aggregate.ts';
import { ntileValues, rankValues } from './evaluate-window.ts';
import { FormulaError } from './formula-error.ts';
import { makeRounder } from './round-half-away.ts';
import type { TNode } from './typed-node.ts';
import { arith, arithScalar, comparator, finite, map1, map2, mapText2, mergeTexts, scalarOf, trimText } from './evaluate-kernels.ts';
import { constantText, mapTextToNumber, mapTextToText, TextBuilder, type TextVector } from './vectors.ts';

const MS_PER_DAY = 86_400_000;

/** Evaluates `root` for every row (or every group when `aggregateScope`); see CompiledFormula.evaluate. */
export function evaluateFormula(source: string, root: TNode, aggregateScope: boolean, input: EvaluationInput): Column {
  const rowCount = input.rowCount;
  const groups: Groups | null = input.groups ?? null;
  if (aggregateScope && !groups) throw new FormulaError('missing-groups', source, 0, source.length, 'this aggregate formula needs the rows grouped (EvaluationInput.groups)');

  const column = (name: string): Column => {
    const c = Object.hasOwn(input.columns, name) ? input.columns[name] : undefined;
    if (!c) throw new FormulaError('missing-column', source, 0, source.length, `column "${name}" is not in the data the formula runs on`);
    const length = c.type === 'text' ? c.codes.length : c.values.length;
    if (length !== rowCount) throw new FormulaError('missing-column', source, 0, source.length, `column "${name}" has ${length} rows, expected ${rowCount}`);
    return c;
  };

  // BETWEEN and simple CASE use their subject more than once: evaluate such shared nodes once,
  // or nested ones would cost 2^depth.
  const shared = findSharedNodes(root);
  const numMemo = new Map<TNode, Float64Array>();
  const textMemo = new Map<TNode, TextVector>();

  /** A numeric-like value (number, bool, date, datetime, or NULL) over `n` rows. */
  const num = (node: TNode, n: number): Float64Array => {
    if (!shared.has(node)) return numOnce(node, n);
    let v = numMemo.get(node);
    if (!v) numMemo.set(node, (v = numOnce(node, n)));
    return v;
  };

  /** A text value (or NULL) over `n` rows. */
  const text = (node: TNode, n: number): TextVector => {
    if (!shared.has(node)) return textOnce(node, n);
    let v = textMemo.get(node);
    if (!v) textMemo.set(node, (v = textOnce(node, n)));
    return v;
  };

  const numOnce = (node: TNode, n: number): Float64Array => {
    if (node.type === 'text') throw new Error('formula evaluator: text where a number was expected');
    if (node.type === 'null') return new Float64Array(n).fill(NaN);
    switch (node.k) {
      case 'lit':
        return new Float64Array(n).fill(node.value === null ? NaN : (node.value as number));
      case 'col': {
        const c = column(node.name);
        if (c.type === 'text') throw new FormulaError('missing-column', source, 0, source.length, `column "${node.name}" is text, expected ${node.colType}`);
        return c.values;
      }
      case 'neg':
        return map1(num(node.arg, n), (a) => -a);
      case 'not':
        return map1(num(node.arg, n), (a) => (a !== a ? NaN : 1 - a));
      case 'arith': {
        // A literal operand stays a number instead of becoming a filled column.
        const b = scalarOf(node.b);
        return b === undefined ? arith(node.op, num(node.a, n), num(node.b, n)) : arithScalar(node.op, num(node.a, n), b);
      }
      case 'date-add': {
        const a = num(node.a, n);
        const b = num(node.b, n);
        const out = new Float64Array(n);
        const whole = node.b.int;
        for (let i = 0; i < n; i++) {
          const r = whole ? a[i] + node.sign * b[i] : Math.floor(a[i] + node.sign * b[i]);
          out[i] = r >= MIN_DAY && r <= MAX_DAY ? r : NaN;
        }
        return out;
      }
      case 'date-diff': {
        const a = dayOf(node.a, n);
        const b = dayOf(node.b, n);
        const out = new Float64Array(n);
        for (let i = 0; i < n; i++) out[i] = b[i] - a[i];
        return out;
      }
      case 'to-datetime':
        return map1(num(node.arg, n), (a) => a * MS_PER_DAY);
      case 'cmp':
        return compare(node, n);
      case 'logic': {
        const a = num(node.a, n);
        const b = num(node.b, n);
        const out = new Float64Array(n);
        if (node.op === 'AND') {
          for (let i = 0; i < n; i++) out[i] = a[i] === 0 || b[i] === 0 ? 0 : a[i] !== a[i] || b[i] !== b[i] ? NaN : 1;
        } else {
          for (let i = 0; i < n; i++) out[i] = a[i] === 1 || b[i] === 1 ? 1 : a[i] !== a[i] || b[i] !== b[i] ? NaN : 0;
        }
        return out;
      }
      case 'is-null': {
        const out = new Float64Array(n);
        const yes = node.negated ? 0 : 1;
        if (node.arg.type === 'text') {
          const t = text(node.arg, n);
          for (let i = 0; i < n; i++) out[i] = t.codes[i] < 0 ? yes : 1 - yes;
        } else {
          const a = num(node.arg, n);
          for (let i = 0; i < n; i++) out[i] = a[i] !== a[i] ? yes : 1 - yes;
        }
        return out;
      }
      case 'in':
        return inList(node, n);
      case 'case':
        return caseNum(node, n);
      case 'fn':
        return fnNum(node, n);
      case 'agg':
        return aggNum(node);
      case 'win':
        return windowNum(node, n);
      default:
        throw new Error(`formula evaluator: ${node.k} is not numeric`);
    }
  };

  const textOnce = (node: TNode, n: number): TextVector => {
    if (node.type === 'null') return constantText(null, n);
    switch (node.k) {
      case 'lit':
        return constantText(node.value as string | null, n);
      case 'col': {
        const c = column(node.name);
        if (c.type !== 'text') throw new FormulaError('missing-column', source, 0, source.length, `column "${node.name}" is ${c.type}, expected text`);
        return { codes: c.codes, dict: c.dictionary, constant: false };
      }
      case 'concat': {
        const a = text(node.a, n);
        const b = text(node.b, n);
        return mapText2(a, b, (x, y) => x + y);
      }
      case 'case':
        return caseText(node, n);
      case 'fn':
        return fnText(node, n);
      case 'agg': {
        const g = groups as Groups;
        const arg = text(node.arg as TNode, rowCount);
        return extremeTexts(g, arg, node.name === 'MAX');
      }
      default:
        throw new Error(`formula evaluator: ${node.k} is not text`);
    }
  };

  const dayOf = (node: TNode, n: number): Float64Array => {
    const v = num(node, n);
    return node.type === 'datetime' ? map1(v, (a) => Math.floor(a / MS_PER_DAY)) : v;
  };

  /** Sort keys of a comparable value: numbers as they are, text as its code-point rank. */
  const keysOf = (node: TNode, n: number): Float64Array => {
    if (node.type !== 'text') return num(node, n);
    const t = text(node, n);
    const ranks = rankDictionary(t.dict);
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = t.codes[i] < 0 ? NaN : ranks[t.codes[i]];
    return out;
  };

  const compare = (node: Extract<TNode, { k: 'cmp' }>, n: number): Float64Array => {
    const test = comparator(node.op);
    const out = new Float64Array(n);
    if (node.a.type === 'text' || node.b.type === 'text') {
      const a = text(node.a, n);
      const b = text(node.b, n);
      if (b.constant || a.constant) {
        const [v, other, flip] = b.constant ? [a, b, false] : [b, a, true];
        const k = other.codes.length ? other.codes[0] : -1;
        const s = k < 0 ? null : other.dict[k];
        const per = mapTextToNumber(v, (x) => (s === null ? NaN : test(flip ? compareText(s, x) : compareText(x, s))));
        return s === null ? out.fill(NaN) : per;
      }
      for (let i = 0; i < n; i++) {
        const ca = a.codes[i];
        const cb = b.codes[i];
        out[i] = ca < 0 || cb < 0 ? NaN : test(compareText(a.dict[ca], b.dict[cb]));
      }
      return out;
    }
    const a = num(node.a, n);
    const s = scalarOf(node.b);
    if (s !== undefined) {
      if (s !== s) return out.fill(NaN);
      switch (node.op) {
        case '=':
          for (let i = 0; i < n; i++) out[i] = a[i] !== a[i] ? NaN : a[i] === s ? 1 : 0;
          break;
        case '<>':
          for (let i = 0; i < n; i++) out[i] = a[i] !== a[i] ? NaN : a[i] !== s ? 1 : 0;
          break;
        case '<':
          for (let i = 0; i < n; i++) out[i] = a[i] !== a[i] ? NaN : a[i] < s ? 1 : 0;
          break;
        case '<=':
          for (let i = 0; i < n; i++) out[i] = a[i] !== a[i] ? NaN : a[i] <= s ? 1 : 0;
          break;
        case '>':
          for (let i = 0; i < n; i++) out[i] = a[i] !== a[i] ? NaN : a[i] > s ? 1 : 0;
          break;
        case '>=':
          for (let i = 0; i < n; i++) out[i] = a[i] !== a[i] ? NaN : a[i] >= s ? 1 : 0;
          break;
      }
      return out;
    }
    const b = num(node.b, n);
    switch (node.op) {
      case '=':
        for (let i = 0; i < n; i++) out[i] = a[i] !== a[i] || b[i] !== b[i] ? NaN : a[i] === b[i] ? 1 : 0;
        break;
      case '<>':
        for (let i = 0; i < n; i++) out[i] = a[i] !== a[i] || b[i] !== b[i] ? NaN : a[i] !== b[i] ? 1 : 0;
        break;
      case '<':
        for (let i = 0; i < n; i++) out[i] = a[i] !== a[i] || b[i] !== b[i] ? NaN : a[i] < b[i] ? 1 : 0;
        break;
      case '<=':
        for (let i = 0; i < n; i++) out[i] = a[i] !== a[i] || b[i] !== b[i] ? NaN : a[i] <= b[i] ? 1 : 0;
        break;
      case '>':
        for (let i = 0; i < n; i++) out[i] = a[i] !== a[i] || b[i] !== b[i] ? NaN : a[i] > b[i] ? 1 : 0;
        break;
      case '>=':
        for (let i = 0; i < n; i++) out[i] = a[i] !== a[i] || b[i] !== b[i] ? NaN : a[i] >= b[i] ? 1 : 0;
        break;
    }
    return out;
  };

  const inList = (node: Extract<TNode, { k: 'in' }>, n: number): Float64Array => {
    const out = new Float64Array(n);
    const found = new Uint8Array(n);
    const sawNull = new Uint8Array(n);
    if (node.arg.type === 'text' || node.list.some((item) => item.type === 'text')) {
      const a = text(node.arg, n);
      for (const item of node.list) {
        const b = text(item, n);
        for (let i = 0; i < n; i++) {
          const cb = b.codes[i];
          if (cb < 0) sawNull[i] = 1;
          else if (a.codes[i] >= 0 && a.dict[a.codes[i]] === b.dict[cb]) found[i] = 1;
        }
      }
      for (let i = 0; i < n; i++) out[i] = a.codes[i] < 0 ? NaN : found[i] ? 1 : sawNull[i] ? NaN : 0;
    } else {
      const a = num(node.arg, n);
      for (const item of node.list) {
        const b = num(item, n);
        for (let i = 0; i < n; i++) {
          if (b[i] !== b[i]) sawNull[i] = 1;
          else if (a[i] === b[i]) found[i] = 1;
        }
      }
      for (let i = 0; i < n; i++) out[i] = a[i] !== a[i] ? NaN : found[i] ? 1 : sawNull[i] ? NaN : 0;
    }
    if (node.negated) for (let i = 0; i < n; i++) out[i] = out[i] !== out[i] ? NaN : 1 - out[i];
    return out;
  };

  /** For each row, the index of the first WHEN that is true, or whens.length for ELSE. */
  const pickBranches = (node: Extract<TNode, { k: 'case' }>, n: number): Uint32Array => {
    const pick = new Uint32Array(n).fill(node.whens.length);
    for (let w = node.whens.length - 1; w >= 0; w--) {
      const cond = num(node.whens[w].when, n);
      for (let i = 0; i < n; i++) if (cond[i] === 1) pick[i] = w;
    }
    return pick;
  };

  const caseNum = (node: Extract<TNode, { k: 'case' }>, n: number): Float64Array => {
    const pick = pickBranches(node, n);
    const branches = [...node.whens.map((w) => num(w.then, n)), num(node.otherwise, n)];
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = branches[pick[i]][i];
    return out;
  };

  const caseText = (node: Extract<TNode, { k: 'case' }>, n: number): TextVector => {
    const pick = pickBranches(node, n);
    const branches = [...node.whens.map((w) => text(w.then, n)), text(node.otherwise, n)];
    return mergeTexts(branches, pick, n);
  };

  const fnNum = (node: Extract<TNode, { k: 'fn' }>, n: number): Float64Array => {
    const args = node.args;
    switch (node.name) {
      case 'COALESCE': {
        const vs = args.map((a) => num(a, n));
        const out = new Float64Array(n).fill(NaN);
        for (let i = 0; i < n; i++) {
          for (const v of vs) {
            if (v[i] === v[i]) {
              out[i] = v[i];
              break;
            }
          }
        }
        return out;
      }
      case 'MIN':
      case 'MAX': {
        const vs = args.map((a) => num(a, n));
        const max = node.name === 'MAX';
        const out = new Float64Array(n).fill(NaN);
        for (const v of vs) {
          for (let i = 0; i < n; i++) {
            const x = v[i];
            if (x === x && (out[i] !== out[i] || (max ? x > out[i] : x < out[i]))) out[i] = x;
          }
        }
        return out;
      }
      case 'ROUND': {
        return map1(num(args[0], n), makeRounder(Number((args[1] as { value: number }).value)));
      }
      case 'FLOOR':
        return map1(num(args[0], n), (x) => Math.floor(x) + 0);
      case 'CEIL':
        return map1(num(args[0], n), (x) => Math.ceil(x) + 0);
      case 'ABS':
        return map1(num(args[0], n), Math.abs);
      case 'SQRT':
        return map1(num(args[0], n), (x) => (x >= 0 ? Math.sqrt(x) : NaN));
      case 'LN':
        return map1(num(args[0], n), (x) => (x > 0 ? Math.log(x) : NaN));
      case 'LOG10':
        return map1(num(args[0], n), (x) => (x > 0 ? Math.log10(x) : NaN));
      case 'EXP':
        return map1(num(args[0], n), (x) => finite(Math.exp(x)));
      case 'LOG':
        return map2(num(args[0], n), num(args[1], n), (x, b) => (x > 0 && b > 0 && b !== 1 ? Math.log(x) / Math.log(b) : NaN));
      case 'POWER':
        return map2(num(args[0], n), num(args[1], n), (x, y) => (x !== x || y !== y ? NaN : finite(Math.pow(x, y))));
      case 'LEN':
        return mapTextToNumber(text(args[0], n), codePointLength);
      case 'CONTAINS':
      case 'STARTS_WITH':
      case 'ENDS_WITH': {
        const test =
          node.name === 'CONTAINS' ? (s: string, p: string) => s.includes(p) : node.name === 'STARTS_WITH' ? (s: string, p: string) => s.startsWith(p) : (s: string, p: string) => s.endsWith(p);
        const a = text(args[0], n);
        const b = text(args[1], n);
        if (b.constant) {
          const k = b.codes.length ? b.codes[0] : -1;
          if (k < 0) return new Float64Array(n).fill(NaN);
          const p = b.dict[k];
          return mapTextToNumber(a, (s) => (test(s, p) ? 1 : 0));
        }
        const out = new Float64Array(n);
        for (let i = 0; i < n; i++) {
          const ca = a.codes[i];
          const cb = b.codes[i];
          out[i] = ca < 0 || cb < 0 ? NaN : test(a.dict[ca], b.dict[cb]) ? 1 : 0;
        }
        return out;
      }
      case 'DATE3': {
        const y = num(args[0], n);
        const m = num(args[1], n);
        const d = num(args[2], n);
        const out = new Float64Array(n);
        for (let i = 0; i < n; i++) out[i] = dayFromCivil(y[i], m[i], d[i]);
        return out;
      }
      case 'DAY_OF':
        return dayOf(args[0], n);
      case 'PARSE_DATE':
        return mapTextToNumber(text(args[0], n), parseIsoDay);
      case 'DAYS':
      case 'WEEKS': {
        const a = dayOf(args[0], n);
        const b = dayOf(args[1], n);
        const out = new Float64Array(n);
        if (node.name === 'DAYS') for (let i = 0; i < n; i++) out[i] = b[i] - a[i];
        else for (let i = 0; i < n; i++) out[i] = Math.trunc((b[i] - a[i]) / 7) + 0;
        return out;
      }
      case 'YEAR':
      case 'MONTH':
      case 'DAY': {
        const part = node.name === 'YEAR' ? 0 : node.name === 'MONTH' ? 1 : 2;
        return map1(dayOf(args[0], n), (d) => (d !== d ? NaN : civilFromDay(d)[part]));
      }
      case 'WEEKDAY':
        // Day 0 (1970-01-01) was a Thursday; ISO numbering, Monday = 1 … Sunday = 7.
        return map1(dayOf(args[0], n), (d) => (d !== d ? NaN : ((((d + 3) % 7) + 7) % 7) + 1));
    }
    throw new Error(`formula evaluator: no rule for ${node.name}`);
  };

  const fnText = (node: Extract<TNode, { k: 'fn' }>, n: number): TextVector => {
    const args = node.args;
    switch (node.name) {
      case 'COALESCE': {
        const vs = args.map((a) => text(a, n));
        const pick = new Uint32Array(n).fill(vs.length);
        for (let k = vs.length - 1; k >= 0; k--) for (let i = 0; i < n; i++) if (vs[k].codes[i] >= 0) pick[i] = k;
        return mergeTexts([...vs, constantText(null, n)], pick, n);
      }
      case 'MIN':
      case 'MAX': {
        const vs = args.map((a) => text(a, n));
        const max = node.name === 'MAX';
        const pick = new Uint32Array(n).fill(vs.length);
        for (let k = 0; k < vs.length; k++) {
          const v = vs[k];
          for (let i = 0; i < n; i++) {
            const c = v.codes[i];
            if (c < 0) continue;
            const cur = pick[i];
            if (cur === vs.length) pick[i] = k;
            else {
              const d = compareText(v.dict[c], vs[cur].dict[vs[cur].codes[i]]);
              if (max ? d > 0 : d < 0) pick[i] = k;
            }
          }
        }
        return mergeTexts([...vs, constantText(null, n)], pick, n);
      }
      case 'TEXT_NUMBER': {
        const digits = Number((args[1] as { value: number }).value);
        const round = makeRounder(digits);
        const limit = Number(`1e${15 - digits}`);
        const v = num(args[0], n);
        const builder = new TextBuilder();
        const codes = new Int32Array(n);
        for (let i = 0; i < n; i++) {
          const r = round(v[i]);
          codes[i] = Math.abs(r) < limit ? builder.add(r.toFixed(digits)) : -1;
        }
        return { codes, dict: builder.dict, constant: args[0].k === 'lit' };
      }
      case 'TEXT_DATE':
      case 'TEXT_DATETIME': {
        const format = node.name === 'TEXT_DATE' ? formatDay : formatWallClock;
        const v = num(args[0], n);
        const builder = new TextBuilder();
        const codes = new Int32Array(n);
        for (let i = 0; i < n; i++) codes[i] = v[i] !== v[i] ? -1 : builder.add(format(v[i]));
        return { codes, dict: builder.dict, constant: args[0].k === 'lit' };
      }
      case 'UPPER':
        return mapTextToText(text(args[0], n), (s) => s.replace(/[a-z]+/g, (m) => m.toUpperCase()));
      case 'LOWER':
        return mapTextToText(text(args[0], n), (s) => s.replace(/[A-Z]+/g, (m) => m.toLowerCase()));
      case 'TRIM':
        return mapTextToText(text(args[0], n), trimText);
      case 'LEFT':
      case 'RIGHT':
      case 'MID': {
        const take = (s: string, p: number, q: number): string | null => {
          if (node.name === 'LEFT') return p < 1 ? '' : sliceCodePoints(s, 0, Math.trunc(Math.min(p, 1e9)));
          if (node.name === 'RIGHT') {
            if (p < 1) return '';
            const k = Math.trunc(Math.min(p, 1e9));
            const len = codePointLength(s);
            return sliceCodePoints(s, Math.max(0, len - k), k);
          }
          if (p < 1 || q < 0) return null;
          return sliceCodePoints(s, Math.trunc(Math.min(p, 1e9)) - 1, Math.trunc(Math.min(q, 1e9)));
        };
        const s = text(args[0], n);
        const rest = args.slice(1);
        if (rest.every((a) => a.k === 'lit')) {
          const [p, q] = rest.map((a) => (a as { value: number | null }).value ?? NaN);
          if (p !== p || (node.name === 'MID' && q !== q)) return constantText(null, n);
          return mapTextToText(s, (x) => take(x, p, q));
        }
        const p = num(rest[0], n);
        const q = rest.length > 1 ? num(rest[1], n) : null;
        const builder = new TextBuilder();
        const codes = new Int32Array(n);
        for (let i = 0; i < n; i++) {
          const c = s.codes[i];
          const qi = q ? q[i] : 0;
          const r = c < 0 || p[i] !== p[i] || qi !== qi ? null : take(s.dict[c], p[i], qi);
          codes[i] = r === null ? -1 : builder.add(r);
        }
        return { codes, dict: builder.dict, constant: false };
      }
      case 'REPLACE': {
        const s = text(args[0], n);
        const f = text(args[1], n);
        const t = text(args[2], n);
        const replace = (x: string, from: string, to: string) => (from === '' ? x : x.split(from).join(to));
        if (f.constant && t.constant) {
          const from = (f.codes[0] ?? -1) < 0 ? null : f.dict[f.codes[0]];
          const to = (t.codes[0] ?? -1) < 0 ? null : t.dict[t.codes[0]];
          if (from === null || to === null) return constantText(null, n);
          return mapTextToText(s, (x) => replace(x, from, to));
        }
        const builder = new TextBuilder();
        const codes = new Int32Array(n);
        for (let i = 0; i < n; i++) {
          const cs = s.codes[i];
          const cf = f.codes[i];
          const ct = t.codes[i];
          codes[i] = cs < 0 || cf < 0 || ct < 0 ? -1 : builder.add(replace(s.dict[cs], f.dict[cf], t.dict[ct]));
        }
        return { codes, dict: builder.dict, constant: false };
      }
    }
    throw new Error(`formula evaluator: no text rule for ${node.name}`);
  };

  const aggNum = (node: Extract<TNode, { k: 'agg' }>): Float64Array => {
    const g = groups as Groups;
    const arg = node.arg;
    switch (node.name) {
      case 'COUNT':
        if (!arg) return countRows(g);
        return arg.type === 'text' ? countValues(g, null, text(arg, rowCount).codes) : countValues(g, num(arg, rowCount), null);
      case 'COUNT_DISTINCT':
        return countDistinct(g, keysOf(arg as TNode, rowCount));
      case 'SUM':
      case 'AVG':
        return sumValues(g, num(arg as TNode, rowCount), node.name === 'AVG');
      default:
        return extremeValues(g, num(arg as TNode, rowCount), node.name === 'MAX');
    }
  };

  const windowNum = (node: Extract<TNode, { k: 'win' }>, n: number): Float64Array => {
    const keys = keysOf(node.arg, n);
    if (node.name !== 'NTILE') return rankValues(keys, node.name === 'PERCENT_RANK');
    let ids: Float64Array | null = null;
    if (input.idColumn !== undefined) {
      const c = column(input.idColumn);
      if (c.type === 'text') {
        const ranks = rankDictionary(c.dictionary);
        ids = new Float64Array(n);
        for (let i = 0; i < n; i++) ids[i] = c.codes[i] < 0 ? NaN : ranks[c.codes[i]];
      } else ids = c.values;
    }
    return ntileValues(keys, ids, node.buckets);
  };

  const n = aggregateScope ? (groups as Groups).count : rowCount;
  if (root.type === 'text') {
    const t = text(root, n);
    return { name: '', type: 'text', codes: t.codes, dictionary: t.dict };
  }
  const values = num(root, n);
  // Never hand out an input column's own array: the caller may write into the result.
  const owned = root.k === 'col' ? values.slice() : values;
  return { name: '', type: numericType(root, owned), values: owned } satisfies NumericColumn;
}

/** Returns the nodes reachable from `root` by more than one path. */
function findSharedNodes(root: TNode): Set<TNode> {
  const seen = new Set<TNode>();
  const shared = new Set<TNode>();
  const visit = (node: TNode | null) => {
    if (!node) return;
    if (seen.has(node)) {
      shared.add(node);
      return;
    }
    seen.add(node);
    for (const child of childrenOf(node)) visit(child);
  };
  visit(root);
  return shared;
}

/** Returns a node's operands. */
export function childrenOf(node: TNode): (TNode | null)[] {
  switch (node.k) {
    case 'lit':
    case 'col':
      return [];
    case 'neg':
    case 'not':
    case 'is-null':
    case 'to-datetime':
    case 'win':
      return [node.arg];
    case 'agg':
      return [node.arg];
    case 'in':
      return [node.arg, ...node.list];
    case 'case':
      return [...node.whens.flatMap((w) => [w.when, w.then]), node.otherwise];
    case 'fn':
      return node.args;
    default:
      return [node.a, node.b];
  }
}

function numericType(root: TNode, values: Float64Array): NumericColumn['type'] {
  switch (root.type) {
    case 'bool':
      return 'boolean';
    case 'date':
      return 'date';
    case 'datetime':
      return 'datetime';
    default:
      if (!root.int) return 'decimal';
      for (let i = 0; i < values.length; i++) {
        const v = values[i];
        if (v === v && !Number.isInteger(v)) return 'decimal';
      }
      return 'integer';
  }
}

