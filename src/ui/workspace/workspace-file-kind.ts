import { isSqlite } from '../state/workspace-state.svelte.ts';

/**
 * True for a file to open as a workspace rather than import as data: a `.tagbook` file, a
 * `.tagbook.json` template or any `.json`, or anything starting like a SQLite database (a
 * `.tagbook` renamed, say to `.db`).
 */
export async function isWorkspaceFile(file: File): Promise<boolean> {
  const name = file.name.toLowerCase();
  if (name.endsWith('.tagbook') || name.endsWith('.json')) return true;
  return isSqlite(new Uint8Array(await file.slice(0, 16).arrayBuffer()));
}
