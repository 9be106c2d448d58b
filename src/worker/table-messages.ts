/**
 * The messages that carry tables between workers over page-made `MessagePort`s:
 * import worker → data worker (one `ImportedTableMessage`, then the port closes) and
 * data worker → SQL worker (a stream of `SqlPortMessage`s for as long as that SQL worker lives).
 */
import type { Column } from '../engine/index.ts';

/** A table read by the import worker, named as it will be loaded. */
export interface ImportedTableMessage {
  table: { name: string; columns: Column[] };
}

/** Tells the SQL worker to (re)write a table or to drop one. */
export type SqlPortMessage = { type: 'table'; name: string; columns: Column[] } | { type: 'drop'; name: string };

/** Returns the distinct buffers behind the columns, to transfer rather than copy them. */
export function columnBuffers(columns: readonly Column[]): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  for (const column of columns) buffers.add((column.type === 'text' ? column.codes : column.values).buffer as ArrayBuffer);
  return [...buffers];
}
