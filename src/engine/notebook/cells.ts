/**
 * The notebook: an ordered list of cells. A note is markdown; a source shows an imported table;
 * a SQL cell keeps its result as a table named after the cell (`q1`, renameable) that later
 * cells can query.
 *
 * Every operation returns a new array and leaves its input alone, so the page can keep the
 * previous notebook (undo, autosave diffs) and Svelte sees each change as a new value.
 */

import type { AnalysisDefinition } from '../analyses/types.ts';
import type { ChartDefinition } from '../charts/types.ts';
import type { CustomerTableDefinition } from '../customers/types.ts';
import type { TagDefinition } from '../tags/types.ts';

export type CellKind = 'note' | 'source' | 'sql' | 'customers' | 'tag' | 'chart' | 'analysis';

interface CellBase {
  /** Stable within a notebook; never reused after a delete. */
  id: string;
  /** A collapsed cell shows its title line only. */
  collapsed: boolean;
}

export interface NoteCell extends CellBase {
  kind: 'note';
  markdown: string;
}

export interface SourceCell extends CellBase {
  kind: 'source';
  tableName: string;
}

export interface SqlCell extends CellBase {
  kind: 'sql';
  sql: string;
  /** The table the result is kept as. */
  resultName: string;
}

/**
 * The customer table: which tables play which part, the role form's definition, and the user's
 * own metrics as formulas. Its result is a table named `resultName` that SQL cells can query.
 */
export interface CustomersCell extends CellBase {
  kind: 'customers';
  resultName: string;
  sources: { orders: string; items?: string; customers?: string };
  definition: CustomerTableDefinition;
  customMetrics: { name: string; formula: string }[];
}

/** A tag over a customer table (`tableName`, e.g. `customer_table`): its definition, as saved. */
export interface TagCell extends CellBase {
  kind: 'tag';
  tableName: string;
  definition: TagDefinition;
}

/**
 * A chart over a customer table's tags (`tableName`): what it shows, as saved. A hand-edited spec
 * that arrived in a file is rendered only once `specAccepted` is true (the user agreed).
 */
export interface ChartCell extends CellBase {
  kind: 'chart';
  tableName: string;
  chart: ChartDefinition;
  specAccepted?: boolean;
}

/**
 * An analysis over a customer table (`tableName`) and the orders it was built from (issue #9):
 * a backtest, a migration, a replenishment cycle, cross-sell or shopping path. Its result is kept
 * as a table named `resultName` that SQL cells can query.
 */
export interface AnalysisCell extends CellBase {
  kind: 'analysis';
  tableName: string;
  resultName: string;
  analysis: AnalysisDefinition;
}

export type Cell = NoteCell | SourceCell | SqlCell | CustomersCell | TagCell | ChartCell | AnalysisCell;

/** Returns an id no cell of `cells` has: `cell-N` with N one above the highest in use. */
export function newCellId(cells: readonly Cell[]): string {
  let highest = 0;
  for (const cell of cells) {
    const match = /^cell-(\d+)$/.exec(cell.id);
    if (match) highest = Math.max(highest, Number(match[1]));
  }
  return `cell-${highest + 1}`;
}

/** Inserts `cell` at `index` (clamped; the end when omitted). */
export function insertCell(cells: readonly Cell[], cell: Cell, index = cells.length): Cell[] {
  const at = Math.max(0, Math.min(cells.length, index));
  return [...cells.slice(0, at), cell, ...cells.slice(at)];
}

/** Removes the cell with `id` (unchanged copy when there is none). */
export function removeCell(cells: readonly Cell[], id: string): Cell[] {
  return cells.filter((c) => c.id !== id);
}

/** Moves the cell with `id` by `delta` places (−1 up, +1 down), stopping at either end. */
export function moveCell(cells: readonly Cell[], id: string, delta: number): Cell[] {
  const from = cells.findIndex((c) => c.id === id);
  if (from < 0) return [...cells];
  const to = Math.max(0, Math.min(cells.length - 1, from + delta));
  const next = [...cells];
  const [cell] = next.splice(from, 1);
  next.splice(to, 0, cell);
  return next;
}

/** Replaces fields of the cell with `id`; the kind cannot change. */
export function updateCell<K extends CellKind>(
  cells: readonly Cell[],
  id: string,
  patch: Partial<Omit<Extract<Cell, { kind: K }>, 'id' | 'kind'>>,
): Cell[] {
  return cells.map((c) => (c.id === id ? ({ ...c, ...patch } as Cell) : c));
}

/**
 * Cells read from a file (a shared workspace): a chart's hand-edited spec is code, so the consent
 * to render it is never carried over from the file; the user agrees again (ChartCell.specAccepted).
 */
export function withoutSpecConsent(cells: readonly Cell[]): Cell[] {
  return cells.map((c) => {
    if (c.kind !== 'chart' || c.specAccepted === undefined) return c;
    const copy: ChartCell = { ...c };
    delete copy.specAccepted;
    return copy;
  });
}
