/** Why a customer table cannot be built; the UI translates `code` with `params`. */
export type CustomerTableErrorCode =
  | 'missing-role'
  | 'unknown-column'
  | 'wrong-column-type'
  | 'row-count-mismatch'
  | 'empty-table'
  | 'no-usable-rows'
  | 'formula-unavailable'
  | 'formula-failed'
  | 'bad-option';

/**
 * The one error type `buildCustomerTable` throws: a code, one clear English sentence naming the
 * role and the column concerned, and the variable parts of the sentence as `params`.
 */
export class CustomerTableError extends Error {
  override readonly name = 'CustomerTableError';
  constructor(
    readonly code: CustomerTableErrorCode,
    message: string,
    readonly params: Record<string, string | number> = {},
  ) {
    super(message);
  }
}

/** True when `error` is a CustomerTableError (also after crossing a worker boundary as plain data). */
export function isCustomerTableError(error: unknown): error is CustomerTableError {
  return error instanceof CustomerTableError || (typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'CustomerTableError');
}
