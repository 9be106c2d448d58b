import type { WorkerError } from './api.ts';

/**
 * Returns an error as it crosses the worker boundary: a plain object, which comlink clones
 * whole, whereas an Error instance would lose its `code` and `line`.
 */
export function workerError(code: string, message: string, line?: number): WorkerError {
  return line === undefined ? { code, message } : { code, message, line };
}

/** Returns true for an error made by `workerError` (so it is passed on as it is). */
export function isWorkerError(error: unknown): error is WorkerError {
  return typeof error === 'object' && error !== null && !(error instanceof Error) && 'code' in error && 'message' in error;
}
