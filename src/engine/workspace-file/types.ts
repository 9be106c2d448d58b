/**
 * The data shapes of a `.tagbook` workspace file as the app reads and writes it (SPEC §7). The
 * file layout itself is described in write-workspace-file.ts.
 */
import type { Column } from '../dataset/types.ts';

/** The file layout version written; files with a higher one are refused as newer. */
export const WORKSPACE_FILE_VERSION = 1;

/** The `format` value in `tagbook_meta` that marks a SQLite file as a Tagbook workspace. */
export const WORKSPACE_FILE_FORMAT = 'tagbook-file';

/** Most rows a saved table may claim (a bound on what a hostile file can make the reader allocate). */
export const MAX_SAVED_ROWS = 50_000_000;

/** Most columns a saved table may have. */
export const MAX_SAVED_COLUMNS = 2_000;

/** Largest workspace file read or written: 2 GiB. */
export const MAX_WORKSPACE_FILE_BYTES = 2 * 1024 ** 3;

export type SavedTableKind = 'imported' | 'customers';

export const SAVED_TABLE_KINDS: readonly SavedTableKind[] = ['imported', 'customers'];

/** One table kept in a workspace file. */
export interface SavedTable {
  name: string;
  /** 'imported' (a loaded file) or 'customers' (a customer table the notebook built). */
  kind: SavedTableKind;
  rowCount: number;
  /** Base columns then tag label columns (text). */
  columns: Column[];
  /** Names of the columns in `columns` that are tag label columns (written by the app after tag evaluation). */
  tagColumns: string[];
}

/** What a file holds: every table, or the definition and the customer tables only. */
export type FileContents = 'all' | 'customers-only';

export const FILE_CONTENTS: readonly FileContents[] = ['all', 'customers-only'];

/** A workspace file's whole content, as read (or to be written). */
export interface WorkspaceFile {
  fileVersion: number;
  /** The workspace definition JSON text, exactly as written (the caller validates it with readWorkspaceDefinition). */
  definitionJson: string;
  tables: SavedTable[];
  /** ISO time of the save. */
  savedAt: string;
  /** The app that wrote the file, e.g. 'Tagbook 0.1.0'. */
  app: string;
  contents: FileContents;
  /** Columns privacy dropped, as "table.column" names. */
  dropped: string[];
  /** Columns privacy hashed, as "table.column" names. */
  hashed: string[];
}
