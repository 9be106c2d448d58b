/** The evaluator's row loops that need no evaluation context: arithmetic, comparisons, text merging. */
import type { TNode } from './typed-node.ts';
import { constantText, mapTextToText, TextBuilder, type TextVector } from './vectors.ts';

const TRIM_CHARS = new Set([' ', '\t', '\n', '\r', '\u3000']);

/** Returns x, or NaN (NULL) when it is infinite. */
export function finite(x: number): number {
  return x === Infinity || x === -Infinity ? NaN : x;
}

/** Removes spaces, tabs, line breaks and U+3000 at both ends (TRIM). */
export function trimText(s: string): string {
  let start = 0;
  let end = s.length;
  while (start < end && TRIM_CHARS.has(s[start])) start++;
  while (end > start && TRIM_CHARS.has(s[end - 1])) end--;
  return s.slice(start, end);
}

/** Applies f to every row. */
export function map1(a: Float64Array, f: (x: number) => number): Float64Array {
  const n = a.length;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = f(a[i]);
  return out;
}

/** Applies f to every pair of rows. */
export function map2(a: Float64Array, b: Float64Array, f: (x: number, y: number) => number): Float64Array {
  const n = a.length;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = f(a[i], b[i]);
  return out;
}

/** `a op b` row by row; x / 0 and x % 0 are NaN (NULL). */
export function arith(op: string, a: Float64Array, b: Float64Array): Float64Array {
  const n = a.length;
  const out = new Float64Array(n);
  switch (op) {
    case '+':
      for (let i = 0; i < n; i++) out[i] = a[i] + b[i];
      break;
    case '-':
      for (let i = 0; i < n; i++) out[i] = a[i] - b[i];
      break;
    case '*':
      for (let i = 0; i < n; i++) out[i] = a[i] * b[i];
      break;
    case '/':
      for (let i = 0; i < n; i++) out[i] = b[i] === 0 ? NaN : a[i] / b[i];
      break;
    default:
      for (let i = 0; i < n; i++) out[i] = b[i] === 0 ? NaN : a[i] % b[i];
  }
  return out;
}

/** Returns a numeric literal's value (NaN for NULL), or undefined when the node is not a literal. */
export function scalarOf(node: TNode): number | undefined {
  if (node.k !== 'lit' || typeof node.value === 'string') return undefined;
  return node.value === null ? NaN : node.value;
}

/** `a op b` with a literal b. */
export function arithScalar(op: string, a: Float64Array, b: number): Float64Array {
  const n = a.length;
  const out = new Float64Array(n);
  if (b !== b || ((op === '/' || op === '%') && b === 0)) return out.fill(NaN);
  switch (op) {
    case '+':
      for (let i = 0; i < n; i++) out[i] = a[i] + b;
      break;
    case '-':
      for (let i = 0; i < n; i++) out[i] = a[i] - b;
      break;
    case '*':
      for (let i = 0; i < n; i++) out[i] = a[i] * b;
      break;
    case '/':
      for (let i = 0; i < n; i++) out[i] = a[i] / b;
      break;
    default:
      for (let i = 0; i < n; i++) out[i] = a[i] % b;
  }
  return out;
}

/** Returns the 0/1 test of a comparison operator on a three-way comparison result. */
export function comparator(op: string): (d: number) => number {
  switch (op) {
    case '=':
      return (d) => (d === 0 ? 1 : 0);
    case '<>':
      return (d) => (d !== 0 ? 1 : 0);
    case '<':
      return (d) => (d < 0 ? 1 : 0);
    case '<=':
      return (d) => (d <= 0 ? 1 : 0);
    case '>':
      return (d) => (d > 0 ? 1 : 0);
    default:
      return (d) => (d >= 0 ? 1 : 0);
  }
}

/** Combines text vectors row by row: row i takes `branches[pick[i]]`. */
export function mergeTexts(branches: TextVector[], pick: Uint32Array, n: number): TextVector {
  const builder = new TextBuilder();
  const remaps = branches.map((b) => new Int32Array(b.dict.length).fill(-2));
  const codes = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const k = pick[i];
    const c = branches[k].codes[i];
    if (c < 0) {
      codes[i] = -1;
      continue;
    }
    const remap = remaps[k];
    if (remap[c] === -2) remap[c] = builder.add(branches[k].dict[c]);
    codes[i] = remap[c];
  }
  return { codes, dict: builder.dict, constant: false };
}

/** Applies a binary text function, once per distinct pair when one side is constant. */
export function mapText2(a: TextVector, b: TextVector, f: (x: string, y: string) => string): TextVector {
  if (b.constant || a.constant) {
    const k = (b.constant ? b : a).codes[0] ?? -1;
    if (k < 0) return constantText(null, a.codes.length);
    const s = (b.constant ? b : a).dict[k];
    return mapTextToText(b.constant ? a : b, (x) => (b.constant ? f(x, s) : f(s, x)));
  }
  const n = a.codes.length;
  const builder = new TextBuilder();
  const codes = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const ca = a.codes[i];
    const cb = b.codes[i];
    codes[i] = ca < 0 || cb < 0 ? -1 : builder.add(f(a.dict[ca], b.dict[cb]));
  }
  return { codes, dict: builder.dict, constant: false };
}
