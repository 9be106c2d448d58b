import type { Database } from './sql-types.ts';

/** What `runCellScript` left to do: the final query's text, or null when the script ended otherwise. */
export interface CellScript {
  /** The last statement, when it is a query (SELECT / WITH / VALUES), without its `;`; it has not run. */
  finalQuery: string | null;
}

// Whitespace, `;`, `-- line` and `/* block */` comments (SQLite ends an unclosed block comment at the end of input).
const BLANK_SQL = /^(?:\s|;|--[^\n]*(?:\n|$)|\/\*[\s\S]*?(?:\*\/|$))*$/;
const LEADING_BLANK = /^(?:\s|--[^\n]*(?:\n|$)|\/\*[\s\S]*?(?:\*\/|$))*/;
const QUERY_KEYWORD = /^(?:select|with|values)\b/i;

/**
 * Runs the statements of `sql` in order, except a final query, which it returns unrun so the caller
 * can keep its rows (e.g. `CREATE TABLE … AS <query>`). Each statement is prepared only after the one
 * before it ran, so a script may create a table and then use it. SQLite errors are thrown as they are.
 * `bindings` (see sql-parameters.ts) are bound to every statement that names them.
 */
export function runCellScript(db: Database, sql: string, bindings: Record<string, number | string | null> = {}): CellScript {
  const bind = Object.keys(bindings).length > 0;
  const statements = db.iterateStatements(sql);
  for (const statement of statements) {
    try {
      const isLast = BLANK_SQL.test(statements.getRemainingSQL());
      // A WITH can also start an INSERT/UPDATE/DELETE: only a statement returning columns is a query.
      const text = statement.getSQL();
      if (isLast && QUERY_KEYWORD.test(text.replace(LEADING_BLANK, '')) && statement.getColumnNames().length > 0) {
        return { finalQuery: text.replace(/[\s;]+$/, '') };
      }
      if (bind) statement.bind(bindings);
      while (statement.step()) {
        // Rows of a query before the last are not kept.
      }
    } finally {
      statement.free();
    }
  }
  return { finalQuery: null };
}
