/**
 * Names of SQL cell results. A result is a SQLite table, so its name shares one namespace with
 * the imported tables, and it must be a name a user can type unquoted in the next cell.
 */

/** Why a name cannot be used; null when it can. */
export type ResultNameProblem = 'empty' | 'too-long' | 'invalid' | 'reserved' | 'taken';

export const MAX_RESULT_NAME_LENGTH = 64;

// Letters (any script, so 复购客户 works), digits and underscores, not starting with a digit:
// such names need no quoting in SQLite.
const PLAIN_NAME = /^[\p{L}_][\p{L}\p{N}_]*$/u;

// SQLite keywords a table name would collide with when unquoted (the common ones in queries).
const RESERVED = new Set(
  'select from where group by order having limit offset join left right inner outer cross on using as and or not null is in between like glob case when then else end union all except intersect with recursive values insert update delete create drop table view index into distinct exists cast collate default primary key references check unique'
    .split(' '),
);

/** Returns the first `q1`, `q2`, … not in `taken` (compared case-insensitively, as SQLite does). */
export function nextResultName(taken: Iterable<string>): string {
  const lower = new Set([...taken].map((n) => n.toLowerCase()));
  for (let i = 1; ; i++) if (!lower.has(`q${i}`)) return `q${i}`;
}

/** Checks `name` as a new result name; `taken` holds every other table name in the workspace. */
export function checkResultName(name: string, taken: Iterable<string>): ResultNameProblem | null {
  if (name === '') return 'empty';
  if (name.length > MAX_RESULT_NAME_LENGTH) return 'too-long';
  if (!PLAIN_NAME.test(name)) return 'invalid';
  const lower = name.toLowerCase();
  if (RESERVED.has(lower) || lower.startsWith('sqlite_')) return 'reserved';
  for (const other of taken) if (other.toLowerCase() === lower) return 'taken';
  return null;
}
