/**
 * Formula-injection guard for exported text (OWASP "CSV Injection").
 *
 * Spreadsheet programs treat a cell whose text starts with `=`, `+`, `-` or `@` as a formula, and
 * tab, CR and NUL at the start can smuggle one past simple checks. Such text gets a single quote
 * `'` in front, which Excel, WPS and LibreOffice show as plain text. Only text is touched: numbers
 * stay numbers (a numeric column's `-1` is written as the number -1, never prefixed), while the
 * text `"-1"` in a text column is prefixed like any other text starting with `-`.
 *
 * XLSX text cells are never evaluated as formulas, but a workbook may be re-saved as CSV, so XLSX
 * text is neutralised the same way.
 */
const DANGEROUS_FIRST = new Set(['=', '+', '-', '@', '\t', '\r', '\0']);

/** Returns `text` with a leading `'` when it starts with a character a spreadsheet could read as a formula. */
export function neutralizeCell(text: string): string {
  return text.length > 0 && DANGEROUS_FIRST.has(text[0]) ? `'${text}` : text;
}

/** True when `neutralizeCell` would change `text`. */
export function isFormulaLike(text: string): boolean {
  return text.length > 0 && DANGEROUS_FIRST.has(text[0]);
}
