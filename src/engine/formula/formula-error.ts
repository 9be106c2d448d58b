import type { FormulaErrorInfo } from './contract.ts';

/** A formula that cannot be parsed, checked or run; `message` starts with `line L, col C:`. */
export class FormulaError extends Error implements FormulaErrorInfo {
  readonly code: string;
  readonly line: number;
  readonly column: number;
  readonly length: number;
  /** 0-based UTF-16 offset of the error in the source (for editors). */
  readonly offset: number;

  constructor(code: string, source: string, offset: number, length: number, text: string) {
    const { line, column } = locate(source, offset);
    super(`line ${line}, col ${column}: ${text}`);
    this.name = 'FormulaError';
    this.code = code;
    this.line = line;
    this.column = column;
    this.length = Math.max(1, length);
    this.offset = offset;
  }

  /** The plain-data fields, for crossing the worker boundary. */
  toInfo(): FormulaErrorInfo & { offset: number } {
    return { code: this.code, message: this.message, line: this.line, column: this.column, length: this.length, offset: this.offset };
  }
}

/** Returns true when `error` is a FormulaError thrown by this module (use `toInfo()` to send one across the worker boundary). */
export function isFormulaError(error: unknown): error is FormulaError {
  return error instanceof FormulaError;
}

/** Returns the 1-based line and column (in UTF-16 code units) of `offset` in `source`. */
function locate(source: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(offset, source.length);
  for (let i = 0; i < end; i++) {
    if (source.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}
