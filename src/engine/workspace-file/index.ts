export { exportWorkspaceFileFrom, liveTablesProblem, writeWorkspaceFile } from './write-workspace-file.ts';
export { readWorkspaceFile } from './read-workspace-file.ts';
export { applyPrivacy, type ColumnRef } from './privacy.ts';
export { isWorkspaceFileError, WorkspaceFileError, type WorkspaceFileErrorCode } from './workspace-file-error.ts';
export {
  FILE_CONTENTS,
  MAX_SAVED_COLUMNS,
  MAX_SAVED_ROWS,
  MAX_WORKSPACE_FILE_BYTES,
  SAVED_TABLE_KINDS,
  WORKSPACE_FILE_FORMAT,
  WORKSPACE_FILE_VERSION,
  type FileContents,
  type SavedTable,
  type SavedTableKind,
  type WorkspaceFile,
} from './types.ts';
