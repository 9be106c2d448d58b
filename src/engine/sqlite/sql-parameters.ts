/**
 * Parameters in SQL cells: a SQL cell names a workspace parameter as `:name` (SQLite's named
 * parameter syntax; `@name` and `$name` work too), and the value is bound when the cell runs —
 * never pasted into the text, so a text parameter cannot change the query. A number is bound as a
 * number, a date as 'YYYY-MM-DD' text (how dates are stored in the tables), text as text, and
 * `as_of` on auto as the resolved analysis date when one is known, else NULL.
 *
 * Only real tokens count: `:x` inside a string, a quoted name or a comment is not a parameter.
 * A name that is not a parameter is an error that lists the parameters, because SQLite would
 * silently bind NULL to it.
 */
import { formatDay } from './format-sql-value.ts';

/** A parameter as SQL cells see it (dates as civil day numbers; null: `as_of` on auto with no date known yet). */
export interface SqlParameter {
  name: string;
  type: 'number' | 'date' | 'text';
  value: number | string | null;
}

/** A parameter written in a SQL text: the token as written (`:min_orders`) and the name (`min_orders`). */
export interface SqlParameterToken {
  token: string;
  name: string;
}

/** A SQL cell names something that is not a workspace parameter. */
export class SqlParameterError extends Error {
  constructor(
    readonly unknown: readonly string[],
    readonly known: readonly string[],
  ) {
    const list = known.length > 0 ? known.join(', ') : 'none';
    super(`${unknown.map((t) => `“${t}”`).join(', ')} ${unknown.length === 1 ? 'is not a parameter' : 'are not parameters'} of this workspace (parameters: ${list}).`);
    this.name = 'SqlParameterError';
  }
}

const NAME_START = /[A-Za-z_\u0080-\uffff]/;
const NAME_PART = /[A-Za-z0-9_$\u0080-\uffff]/;

/**
 * Returns the parameter tokens of `sql` in order of first appearance (each token once), skipping
 * string literals, quoted identifiers (`"…"`, `` `…` ``, `[…]`) and comments.
 */
export function sqlParameterTokens(sql: string): SqlParameterToken[] {
  const found: SqlParameterToken[] = [];
  const seen = new Set<string>();
  let i = 0;
  const n = sql.length;
  while (i < n) {
    const c = sql[i];
    if (c === "'" || c === '"' || c === '`') {
      i = skipQuoted(sql, i, c);
    } else if (c === '[') {
      const end = sql.indexOf(']', i + 1);
      i = end < 0 ? n : end + 1;
    } else if (c === '-' && sql[i + 1] === '-') {
      const end = sql.indexOf('\n', i + 2);
      i = end < 0 ? n : end + 1;
    } else if (c === '/' && sql[i + 1] === '*') {
      const end = sql.indexOf('*/', i + 2);
      i = end < 0 ? n : end + 2;
    } else if ((c === ':' || c === '@' || c === '$') && i + 1 < n && NAME_START.test(sql[i + 1])) {
      let end = i + 2;
      while (end < n && NAME_PART.test(sql[end])) end++;
      const token = sql.slice(i, end);
      if (!seen.has(token)) {
        seen.add(token);
        found.push({ token, name: token.slice(1) });
      }
      i = end;
    } else if (NAME_PART.test(c)) {
      // A word (`a:b` is not SQLite syntax, but `x$y` is one identifier): skip it whole.
      while (i < n && NAME_PART.test(sql[i])) i++;
    } else {
      i++;
    }
  }
  return found;
}

/** The end of a quoted run starting at `start` (a doubled quote stays inside). */
function skipQuoted(sql: string, start: number, quote: string): number {
  let i = start + 1;
  while (i < sql.length) {
    if (sql[i] === quote) {
      if (sql[i + 1] === quote) i += 2;
      else return i + 1;
    } else i++;
  }
  return sql.length;
}

/** The names of the parameters `sql` uses (as the parameters spell them), matching case-insensitively. */
export function sqlParameterNames(sql: string, parameters: readonly { name: string }[]): string[] {
  const names: string[] = [];
  for (const { name } of sqlParameterTokens(sql)) {
    const parameter = parameters.find((p) => p.name.toLowerCase() === name.toLowerCase());
    if (parameter && !names.includes(parameter.name)) names.push(parameter.name);
  }
  return names;
}

/**
 * Returns sql.js bindings (`{ ':name': value }`) for every parameter token of `sql`. Throws
 * SqlParameterError when a token names no parameter.
 */
export function bindSqlParameters(sql: string, parameters: readonly SqlParameter[]): Record<string, number | string | null> {
  const bindings: Record<string, number | string | null> = {};
  const unknown: string[] = [];
  for (const { token, name } of sqlParameterTokens(sql)) {
    const parameter = parameters.find((p) => p.name.toLowerCase() === name.toLowerCase());
    if (!parameter) unknown.push(token);
    else bindings[token] = sqlValueOf(parameter);
  }
  if (unknown.length > 0) throw new SqlParameterError(unknown, parameters.map((p) => p.name));
  return bindings;
}

function sqlValueOf(parameter: SqlParameter): number | string | null {
  if (parameter.value === null) return null;
  if (parameter.type === 'date' && typeof parameter.value === 'number') return formatDay(parameter.value);
  return parameter.value;
}
