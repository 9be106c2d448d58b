/** Why a workspace file cannot be opened; the UI says it in its language from `code` and `params`. */
export type WorkspaceFileErrorCode = 'not-sqlite' | 'corrupt' | 'not-tagbook' | 'newer-version' | 'bad-data' | 'too-large';

/** A workspace file that cannot be opened: `message` is one English sentence naming what is wrong. */
export class WorkspaceFileError extends Error {
  override readonly name = 'WorkspaceFileError';
  constructor(
    readonly code: WorkspaceFileErrorCode,
    message: string,
    readonly params?: Record<string, string | number>,
  ) {
    super(message);
  }
}

/** Returns true for a WorkspaceFileError. */
export function isWorkspaceFileError(error: unknown): error is WorkspaceFileError {
  return error instanceof WorkspaceFileError;
}
