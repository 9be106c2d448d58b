import type { WorkerError } from './api.ts';

/**
 * Returns an error as it crosses the worker boundary: a plain object, which comlink clones
 * whole, whereas an Error instance would lose its `code`, `line` and `params`.
 */
export function workerError(code: string, message: string, line?: number, params?: WorkerError['params']): WorkerError {
  const error: WorkerError = { code, message };
  if (line !== undefined) error.line = line;
  if (params !== undefined) error.params = params;
  return error;
}

/** Returns true for an error made by `workerError` (so it is passed on as it is). */
export function isWorkerError(error: unknown): error is WorkerError {
  return typeof error === 'object' && error !== null && !(error instanceof Error) && 'code' in error && 'message' in error;
}
