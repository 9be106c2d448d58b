/**
 * Completion of table and column names for the SQL editor.
 *
 * Two sources work together. lang-sql's schema source gets the namespace built here: it completes
 * members after a dot (`orders.`, `o.` for an alias, `"订单".`) and names inside an opened quote. Its
 * tokenizer only knows ASCII words, though, and without `defaultTable` it offers no column at the top
 * level; `completeSchemaNames` fills that gap for any word (`订`, `amo`) that does not follow a dot.
 * Both sources hand out the same Completion objects for tables, so the popup shows each table once
 * (the autocomplete plugin drops identical neighbours).
 */
import { ifNotIn, type Completion, type CompletionContext, type CompletionResult, type CompletionSource } from '@codemirror/autocomplete';
import type { SQLNamespace } from '@codemirror/lang-sql';
import { quoteIdentifierIfNeeded } from './quote-identifier-if-needed.ts';

/** One table of the database, as the completion sees it. */
export interface SchemaTable {
  name: string;
  columns: string[];
}

/** A word being typed: letters of any script, digits, `_` and `$`. */
const WORD_BEFORE = /[\p{L}\p{N}_$]+$/u;
const WORD = /^[\p{L}\p{N}_$]*$/u;

/** The keywords after which a table name comes next. */
const TABLE_KEYWORD_BEFORE = /\b(?:FROM|JOIN|INTO|UPDATE|TABLE)\s+$/i;

/** Syntax nodes inside which no name is offered (lang-sql completes quoted names itself). */
const NO_COMPLETION_IN = ['String', 'QuotedIdentifier', 'LineComment', 'BlockComment'];

/** Returns the completion of `name`, inserting it quoted where SQLite needs quotes (`"订单"`). */
function nameCompletion(name: string, type: 'type' | 'property', detail?: string): Completion {
  const written = quoteIdentifierIfNeeded(name);
  return written === name ? { label: name, type, detail } : { label: name, type, detail, apply: written };
}

/** The completions made from one schema, shared by both sources. */
export interface SchemaCompletions {
  tables: Completion[];
  /** One entry per distinct column name; `detail` names the tables that have it. */
  columns: Completion[];
  namespace: SQLNamespace;
}

/**
 * Returns the completions of `schema`: tables, distinct columns, and lang-sql's namespace (table name
 * → column completions). Dots in a table name are escaped, since lang-sql reads an unescaped dot as
 * `schema.table`. Names containing NUL (impossible in SQLite) are left out.
 */
export function buildSchemaCompletions(schema: readonly SchemaTable[]): SchemaCompletions {
  const tables: Completion[] = [];
  const tablesOfColumn = new Map<string, string[]>();
  // A null-prototype object, so a table called `__proto__` or `constructor` is an ordinary key.
  const namespace: Record<string, SQLNamespace> = Object.create(null);
  for (const table of schema) {
    if (table.name.includes('\u0000')) continue;
    const tableCompletion = nameCompletion(table.name, 'type');
    tables.push(tableCompletion);
    const columns = table.columns.filter((column) => !column.includes('\u0000'));
    for (const column of columns) tablesOfColumn.set(column, [...(tablesOfColumn.get(column) ?? []), table.name]);
    namespace[table.name.replaceAll('.', '\\.')] = {
      self: tableCompletion,
      children: columns.map((column) => nameCompletion(column, 'property')),
    };
  }
  const columns = [...tablesOfColumn].map(([column, owners]) => nameCompletion(column, 'property', owners.join(', ')));
  return { tables, columns, namespace };
}

/**
 * Returns a completion source offering every table and column for the word before the cursor, or for
 * an empty word when completion is asked for explicitly (Ctrl+Space); right after FROM, JOIN, INTO,
 * UPDATE or TABLE the columns rank below the tables. Returns null after a dot (lang-sql completes
 * members there), inside strings, quoted names and comments.
 */
export function completeSchemaNames(completions: SchemaCompletions): CompletionSource {
  const anywhere = [...completions.tables, ...completions.columns];
  const afterTableKeyword = [...completions.tables, ...completions.columns.map((column) => ({ ...column, boost: -1 }))];
  return ifNotIn(NO_COMPLETION_IN, (context: CompletionContext): CompletionResult | null => {
    if (anywhere.length === 0) return null;
    const word = context.matchBefore(WORD_BEFORE);
    const from = word ? word.from : context.pos;
    if (!word && !context.explicit) return null;
    const before = context.state.sliceDoc(Math.max(0, from - 1), from);
    if (before === '.' || before === '"' || before === '`' || before === '[') return null;
    const wantsTable = TABLE_KEYWORD_BEFORE.test(context.state.sliceDoc(Math.max(0, from - 24), from));
    return { from, options: wantsTable ? afterTableKeyword : anywhere, validFor: WORD };
  });
}
