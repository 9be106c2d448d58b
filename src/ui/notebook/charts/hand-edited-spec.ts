/**
 * Checks a hand-edited Vega-Lite spec before it is drawn. A spec is code (it may come in a shared
 * file), so: it must be a JSON object that Vega-Lite's JSON schema accepts and its compiler
 * compiles; it may not name a URL (data,
 * images, links: every dataset arrives by name); `usermeta` (which can carry embed options) is
 * dropped; and its expressions may call only the functions of an allow-list (formatting, maths,
 * dates, strings), whatever else Vega's expression language offers.
 */
import { parseExpression } from 'vega';
import { compile } from 'vega-lite';
import { localText, type LocalText } from '../../i18n/messages.ts';
import { vegaLiteSchemaProblem } from './vega-lite-schema-check.ts';

/** The expression functions a hand-edited spec may call. */
export const ALLOWED_FUNCTIONS: ReadonlySet<string> = new Set([
  // numbers and maths
  'abs', 'ceil', 'clamp', 'exp', 'floor', 'isFinite', 'isNaN', 'log', 'max', 'min', 'pow', 'round', 'sqrt', 'toNumber', 'isNumber', 'isValid',
  // text and formatting
  'format', 'length', 'lower', 'upper', 'pad', 'replace', 'slice', 'substring', 'trim', 'truncate', 'indexOf', 'lastIndexOf', 'join', 'toString', 'isString', 'toBoolean', 'if',
  // dates
  'datetime', 'date', 'day', 'dayofyear', 'hours', 'minutes', 'month', 'quarter', 'seconds', 'milliseconds', 'now', 'time', 'timeFormat', 'timeParse', 'utc', 'utcFormat', 'utcParse', 'week', 'year',
  'utcdate', 'utcday', 'utcyear', 'utcmonth', 'utcquarter', 'utchours', 'utcminutes', 'utcseconds', 'toDate', 'isDate',
  // arrays
  'extent', 'span', 'sequence', 'peek', 'reverse', 'isArray',
]);

/** Keys whose string value is a Vega expression. */
const EXPRESSION_KEYS = new Set(['expr', 'calculate', 'filter', 'test', 'signal', 'update']);

export type HandEditedSpec = { spec: Record<string, unknown> } | { problem: LocalText };

export function parseHandEditedSpec(text: string): HandEditedSpec {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return { problem: localText('chart.specNotJson', { message: error instanceof Error ? error.message : String(error) }) };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return { problem: localText('chart.specNotObject') };
  const spec = parsed as Record<string, unknown>;
  delete spec.usermeta;
  const problem = checkNode(spec, '');
  if (problem) return { problem };
  const schemaProblem = vegaLiteSchemaProblem(spec);
  if (schemaProblem) return { problem: localText('chart.specSchema', { message: schemaProblem }) };
  try {
    compile(structuredClone(spec) as never);
  } catch (error) {
    return { problem: localText('chart.specInvalid', { message: error instanceof Error ? error.message : String(error) }) };
  }
  return { spec };
}

function checkNode(node: unknown, path: string): LocalText | null {
  if (Array.isArray(node)) {
    for (let i = 0; i < node.length; i++) {
      const problem = checkNode(node[i], `${path}[${i}]`);
      if (problem) return problem;
    }
    return null;
  }
  if (typeof node !== 'object' || node === null) return null;
  for (const [key, value] of Object.entries(node)) {
    const where = path ? `${path}.${key}` : key;
    if ((key === 'url' || key === 'href') && value !== null && value !== undefined) return localText('chart.specUrl', { where });
    if (typeof value === 'string' && EXPRESSION_KEYS.has(key)) {
      const problem = checkExpression(value, where);
      if (problem) return problem;
    } else {
      const problem = checkNode(value, where);
      if (problem) return problem;
    }
  }
  return null;
}

/** Parses an expression and refuses calls outside the allow-list. */
export function checkExpression(expression: string, where: string): LocalText | null {
  let ast: unknown;
  try {
    ast = parseExpression(expression);
  } catch (error) {
    return localText('chart.specInvalid', { message: `${where}: ${error instanceof Error ? error.message : String(error)}` });
  }
  const refused = refusedCall(ast);
  return refused ? localText('chart.specInvalid', { message: `${where}: ${refused}() is not allowed in a chart's expressions` }) : null;
}

function refusedCall(node: unknown): string | null {
  if (Array.isArray(node)) {
    for (const child of node) {
      const found = refusedCall(child);
      if (found) return found;
    }
    return null;
  }
  if (typeof node !== 'object' || node === null) return null;
  const n = node as { type?: string; callee?: { type?: string; name?: string } };
  if (n.type === 'CallExpression') {
    const name = n.callee?.type === 'Identifier' ? n.callee.name : undefined;
    if (!name || !ALLOWED_FUNCTIONS.has(name)) return name ?? '(computed)';
  }
  for (const value of Object.values(node)) {
    const found = refusedCall(value);
    if (found) return found;
  }
  return null;
}
