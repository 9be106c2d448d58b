import type { IssueCode } from './types.ts';

/**
 * The one error type an import throws: a code the UI can translate, a clear English message,
 * and the 1-based line it concerns when there is one. Anything else escaping the importer is a bug.
 */
export class ImportError extends Error {
  override readonly name = 'ImportError';
  constructor(
    readonly code: IssueCode | 'unclosed-quote' | 'no-columns' | 'bad-option' | 'xlsx-unreadable',
    message: string,
    readonly line?: number,
  ) {
    super(message);
  }
}

/** True when `error` is an ImportError (also after crossing a worker boundary as plain data). */
export function isImportError(error: unknown): error is ImportError {
  return error instanceof ImportError || (typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'ImportError');
}
