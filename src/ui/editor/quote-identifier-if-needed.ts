import { quoteIdentifier } from '../../engine/sqlite/quote-identifier.ts';

/**
 * SQLite's keywords (https://sqlite.org/lang_keywords.html). SQLite accepts some of them as bare names,
 * but only in some positions, so a completion quotes every one of them.
 */
const SQLITE_KEYWORDS = new Set(
  (
    'ABORT ACTION ADD AFTER ALL ALTER ALWAYS ANALYZE AND AS ASC ATTACH AUTOINCREMENT BEFORE BEGIN BETWEEN BY ' +
    'CASCADE CASE CAST CHECK COLLATE COLUMN COMMIT CONFLICT CONSTRAINT CREATE CROSS CURRENT CURRENT_DATE ' +
    'CURRENT_TIME CURRENT_TIMESTAMP DATABASE DEFAULT DEFERRABLE DEFERRED DELETE DESC DETACH DISTINCT DO DROP ' +
    'EACH ELSE END ESCAPE EXCEPT EXCLUDE EXCLUSIVE EXISTS EXPLAIN FAIL FILTER FIRST FOLLOWING FOR FOREIGN FROM ' +
    'FULL GENERATED GLOB GROUP GROUPS HAVING IF IGNORE IMMEDIATE IN INDEX INDEXED INITIALLY INNER INSERT INSTEAD ' +
    'INTERSECT INTO IS ISNULL JOIN KEY LAST LEFT LIKE LIMIT MATCH MATERIALIZED NATURAL NO NOT NOTHING NOTNULL ' +
    'NULL NULLS OF OFFSET ON OR ORDER OTHERS OUTER OVER PARTITION PLAN PRAGMA PRECEDING PRIMARY QUERY RAISE ' +
    'RANGE RECURSIVE REFERENCES REGEXP REINDEX RELEASE RENAME REPLACE RESTRICT RETURNING RIGHT ROLLBACK ROW ROWS ' +
    'SAVEPOINT SELECT SET TABLE TEMP TEMPORARY THEN TIES TO TRANSACTION TRIGGER UNBOUNDED UNION UNIQUE UPDATE ' +
    'USING VACUUM VALUES VIEW VIRTUAL WHEN WHERE WINDOW WITH WITHOUT'
  ).split(' '),
);

/** The names SQLite reads bare: ASCII letters, digits and `_`, not starting with a digit. */
const BARE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Returns true when `name` is an SQLite keyword, in any letter case (`order`, `Select`). */
export function isSqliteKeyword(name: string): boolean {
  return SQLITE_KEYWORDS.has(name.toUpperCase());
}

/**
 * Returns `name` as it must be written in SQLite: bare when it is a plain ASCII name that is not a
 * keyword (`amount`, `Amount`), otherwise double-quoted with inner quotes doubled (`"订单"`,
 * `"order"`, `"first name"`, `"a""b"`). Bare names are kept bare so completed SQL reads like typed SQL.
 * Throws for a name containing NUL, which no SQLite table can have.
 */
export function quoteIdentifierIfNeeded(name: string): string {
  if (BARE_NAME.test(name) && !isSqliteKeyword(name)) return name;
  return quoteIdentifier(name);
}
