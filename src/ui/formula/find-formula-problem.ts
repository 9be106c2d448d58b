/**
 * The formula editor's live check: compile against the scope and say where the first error is, as a
 * span of at least one character the editor can underline (an error at the very end, such as a
 * missing `)`, marks the last character).
 */
import { compileFormula, isFormulaError, type FormulaScope } from '../../engine/index.ts';

/** A problem the live check found: the message and the span it covers. */
export interface FormulaProblem {
  message: string;
  from: number;
  to: number;
}

/**
 * Returns the span to underline for a problem at `offset` (`length` characters) in `source`: at least
 * one character; a problem at the end marks the last character that is not white space.
 */
export function problemSpan(source: string, offset: number, length: number): { from: number; to: number } {
  if (source.length === 0) return { from: 0, to: 0 };
  if (offset >= source.length) {
    const last = source.trimEnd().length - 1;
    const from = Math.max(0, last);
    return { from, to: from + 1 };
  }
  const from = Math.max(0, offset);
  return { from, to: Math.min(source.length, Math.max(from + 1, offset + length)) };
}

/** Checks `source` against `scope`: null when it compiles, or when it is empty or there is nothing to check against. */
export function findFormulaProblem(source: string, scope: FormulaScope): FormulaProblem | null {
  if (source.trim() === '' || scope.columns.length === 0) return null;
  try {
    compileFormula(source, scope);
    return null;
  } catch (error) {
    if (!isFormulaError(error)) return null;
    return { message: error.message, ...problemSpan(source, error.offset, error.length) };
  }
}
