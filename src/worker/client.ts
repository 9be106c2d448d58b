import * as Comlink from 'comlink';
import type { TagbookWorker, WorkerError } from './api.ts';

/** An error from the worker, as an Error on the page with the worker's code and line. */
export class TagbookError extends Error {
  override readonly name = 'TagbookError';
  constructor(
    readonly code: string,
    message: string,
    readonly line?: number,
  ) {
    super(message);
  }
}

/** Returns `error` as a TagbookError (worker errors arrive as plain `{code, message}` objects). */
export function toTagbookError(error: unknown): TagbookError {
  if (error instanceof TagbookError) return error;
  if (typeof error === 'object' && error !== null && 'code' in error && 'message' in error) {
    const e = error as WorkerError;
    return new TagbookError(String(e.code), String(e.message), e.line);
  }
  return new TagbookError('internal', error instanceof Error ? error.message : String(error));
}

/** The page's handle on the worker: the typed remote plus a way to stop it. */
export interface WorkerClient {
  api: Comlink.Remote<TagbookWorker>;
  terminate(): void;
}

/**
 * Starts the engine worker and returns its typed remote interface. `onFailure` hears of a worker
 * that cannot start (a missing or blocked script) or fails outside any call, since calls in
 * flight would otherwise wait for ever.
 */
export function startWorker(onFailure: (message: string) => void = () => {}): WorkerClient {
  const worker = new Worker(new URL('./engine.worker.ts', import.meta.url), { type: 'module', name: 'tagbook-engine' });
  worker.addEventListener('error', (event) => {
    event.preventDefault();
    onFailure(event.message ? `The data engine failed: ${event.message}.` : 'The data engine could not be started.');
  });
  return { api: Comlink.wrap<TagbookWorker>(worker), terminate: () => worker.terminate() };
}
