/**
 * The formula language (SPEC §4): compile a formula once, then run it as SQLite SQL or over typed arrays.
 *
 * Grammar: parse-formula.ts. Reference for users: FUNCTION_HELP (function-help.ts). Decisions:
 * - Types are number, text, true/false, date and date-time; they never convert implicitly,
 *   except a date meeting a date-time (taken at midnight) and whole numbers joined with `&`.
 * - Names: a column first, then a parameter; exact, then ignoring case (an error if that is
 *   ambiguous). Parameters are inlined as literals. TODAY() is the date parameter `as_of`.
 * - NULL as in SQL: it propagates through operators and functions; AND/OR are three-valued;
 *   IF/CASE take the else branch on NULL; aggregates skip NULLs; SUM/AVG/MIN/MAX of nothing is
 *   NULL and COUNT is 0; multi-argument MIN/MAX skip NULLs. Results that are not finite
 *   (x / 0, x % 0, LN(0), EXP(1000), SQRT(-1), POWER(-8, 0.5)) are NULL, and so are dates
 *   outside 0001-01-01..9999-12-31.
 * - `/` is real division; `%` keeps the dividend's sign; ROUND is half away from zero on the
 *   decimal shown (round-half-away.ts); FLOOR/CEIL are exact; LN, LOG10, LOG(x, b) separate.
 * - Text compares by code point (SQLite's BINARY order); LEN/LEFT/RIGHT/MID count code points;
 *   UPPER/LOWER change ASCII letters only (as SQLite's do); TRIM also removes U+3000.
 * - SQL and typed arrays agree exactly on integers, text, booleans, dates and NULL, and on
 *   reals within 1e-9 relative (tested on random tables). LN, LOG10, LOG, EXP and POWER may
 *   differ in the last bit (SQLite's libm vs V8), so a later ROUND, %, FLOOR or comparison
 *   that falls exactly on that bit can differ between the two paths.
 * - Aggregates only where scope.aggregate (one value per group; every column inside an
 *   aggregate, as SQL's GROUP BY rule); window functions (NTILE, RANK, PERCENT_RANK) only in
 *   row formulas, ascending, NULLs left out, NTILE ties ordered by the id column.
 */
export type * from './contract.ts';
export { compileFormula } from './compile-formula.ts';
export { FormulaError, isFormulaError } from './formula-error.ts';
export { FUNCTION_HELP, type FunctionHelp, type FormulaHelp } from './function-help.ts';
export { formulaCompletions, quoteFormulaName, type FormulaCompletion } from './formula-completions.ts';
export type { ToSqlOptions } from './to-sql.ts';
