/**
 * Undo and redo over immutable snapshots of the workspace's definitions (cells, parameters).
 * Snapshots share structure (every edit makes new arrays and keeps the untouched items), so
 * keeping a few hundred of them costs little.
 *
 * Edits of the same thing in quick succession (typing into one field, dragging one slider) are
 * one step: a push with the same `key` within `mergeMs` of the previous one replaces it.
 */
export interface UndoStackOptions {
  /** Steps kept; the oldest are forgotten. */
  limit?: number;
  /** Pushes with the same key closer together than this merge into one step. */
  mergeMs?: number;
}

export class UndoStack<T> {
  private readonly past: T[] = [];
  private readonly future: T[] = [];
  private current: T;
  private lastKey: string | null = null;
  private lastAt = -Infinity;
  private readonly limit: number;
  private readonly mergeMs: number;

  constructor(initial: T, options: UndoStackOptions = {}) {
    this.current = initial;
    this.limit = options.limit ?? 200;
    this.mergeMs = options.mergeMs ?? 800;
  }

  get canUndo(): boolean {
    return this.past.length > 0;
  }

  get canRedo(): boolean {
    return this.future.length > 0;
  }

  /** The state now. */
  get state(): T {
    return this.current;
  }

  /** Records `state` as the next step (forgetting anything undone); `key` names what changed, for merging. */
  push(state: T, key: string | null = null, now: number = Date.now()): void {
    if (state === this.current) return;
    const merge = key !== null && key === this.lastKey && now - this.lastAt < this.mergeMs && this.past.length > 0;
    if (!merge) {
      this.past.push(this.current);
      if (this.past.length > this.limit) this.past.shift();
    }
    this.current = state;
    this.future.length = 0;
    this.lastKey = key;
    this.lastAt = now;
  }

  /** Steps back; returns the state to show, or null when there is nothing to undo. */
  undo(): T | null {
    const previous = this.past.pop();
    if (previous === undefined) return null;
    this.future.push(this.current);
    this.current = previous;
    this.lastKey = null;
    return previous;
  }

  /** Steps forward again; returns the state to show, or null when there is nothing to redo. */
  redo(): T | null {
    const next = this.future.pop();
    if (next === undefined) return null;
    this.past.push(this.current);
    this.current = next;
    this.lastKey = null;
    return next;
  }
}
