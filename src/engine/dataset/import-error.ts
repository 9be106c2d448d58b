import type { IssueCode, IssueParams } from './types.ts';

/**
 * The one error type an import throws: a code the UI can translate, a clear English message,
 * the 1-based line it concerns when there is one, and the variable parts of the message (`params`,
 * as on ImportIssue) so the UI can say it in another language. Anything else escaping the importer is a bug.
 */
export class ImportError extends Error {
  override readonly name = 'ImportError';
  constructor(
    readonly code: IssueCode | 'unclosed-quote' | 'no-columns' | 'bad-option' | 'xlsx-unreadable',
    message: string,
    readonly line?: number,
    readonly params?: IssueParams,
  ) {
    super(message);
  }
}

/** True when `error` is an ImportError (also after crossing a worker boundary as plain data). */
export function isImportError(error: unknown): error is ImportError {
  return error instanceof ImportError || (typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'ImportError');
}
