/**
 * Undo and redo for the workspace's definitions: every cell edit (notes, SQL, customer table
 * definitions, adding, moving, deleting cells) and every parameter change. Imports are not
 * undone (the data stays as loaded). After a step, customer tables whose definition or
 * parameters changed are built again, so what is shown matches the definitions.
 */
import { UndoStack, type Cell, type Parameter } from '../../engine/index.ts';
import type { NotebookState } from './notebook-state.svelte.ts';
import type { ParametersState } from './parameters-state.svelte.ts';

export interface WorkspaceSnapshot {
  cells: Cell[];
  parameters: Parameter[];
}

export class WorkspaceHistory {
  canUndo = $state(false);
  canRedo = $state(false);
  private stack: UndoStack<WorkspaceSnapshot>;
  /** True while a step is being put back, whose assignments must not be recorded as new steps. */
  private applying = false;

  constructor(
    private readonly notebook: NotebookState,
    private readonly parameters: ParametersState,
  ) {
    this.stack = new UndoStack(this.snapshot());
  }

  /** Starts recording every change (the states call back on each new list); returns the function that stops it. */
  track(): () => void {
    this.notebook.onCellsChange = () => this.record(this.snapshot());
    this.parameters.onParametersChange = () => this.record(this.snapshot());
    return () => {
      this.notebook.onCellsChange = () => {};
      this.parameters.onParametersChange = () => {};
    };
  }

  /** Forgets every step: the current workspace becomes the starting point (after opening the demo). */
  reset(): void {
    this.stack = new UndoStack(this.snapshot());
    this.updateFlags();
  }

  undo(): void {
    const before = this.stack.state;
    const snapshot = this.stack.undo();
    if (snapshot) this.apply(before, snapshot);
  }

  redo(): void {
    const before = this.stack.state;
    const snapshot = this.stack.redo();
    if (snapshot) this.apply(before, snapshot);
  }

  private snapshot(): WorkspaceSnapshot {
    return { cells: this.notebook.cells, parameters: this.parameters.parameters };
  }

  private record(snapshot: WorkspaceSnapshot): void {
    const current = this.stack.state;
    if (this.applying || (snapshot.cells === current.cells && snapshot.parameters === current.parameters)) return;
    this.stack.push(snapshot, changeKey(current, snapshot));
    this.updateFlags();
  }

  private apply(before: WorkspaceSnapshot, after: WorkspaceSnapshot): void {
    this.applying = true;
    try {
      this.notebook.cells = after.cells;
      this.parameters.parameters = after.parameters;
    } finally {
      this.applying = false;
    }
    this.updateFlags();
    const parametersChanged = before.parameters !== after.parameters;
    const rebuilt: string[] = [];
    const tagTables: string[] = [];
    for (const cell of after.cells) {
      const old = before.cells.find((c) => c.id === cell.id);
      if (cell.kind === 'customers' && (parametersChanged || old !== cell)) {
        rebuilt.push(cell.resultName);
        void this.notebook.buildCustomers(cell.id);
      } else if (cell.kind === 'tag' && (parametersChanged || old !== cell)) {
        if (!tagTables.includes(cell.tableName)) tagTables.push(cell.tableName);
      } else if (cell.kind === 'chart' && old !== cell) void this.notebook.refreshChart(cell.id);
    }
    // A rebuilt customer table evaluates its tags itself.
    for (const table of tagTables) if (!rebuilt.includes(table)) void this.notebook.evaluateTags(table);
  }

  private updateFlags(): void {
    this.canUndo = this.stack.canUndo;
    this.canRedo = this.stack.canRedo;
  }
}

/** Names what changed, so quick edits of one cell or one parameter merge into one step; null for structural changes. */
function changeKey(before: WorkspaceSnapshot, after: WorkspaceSnapshot): string | null {
  if (before.cells !== after.cells) {
    if (before.cells.length !== after.cells.length) return null;
    const changed = after.cells.filter((cell, i) => cell !== before.cells[i]);
    if (changed.length !== 1 || changed[0].id !== before.cells[after.cells.indexOf(changed[0])]?.id) return null;
    return `cell:${changed[0].id}`;
  }
  const changed = after.parameters.find((p, i) => p !== before.parameters[i]);
  return changed && before.parameters.length === after.parameters.length ? `parameter:${changed.name}` : null;
}
