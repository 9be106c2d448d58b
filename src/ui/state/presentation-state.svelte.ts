/**
 * Presenting the notebook to a client (issue #10): a report (the chosen cells one after another)
 * or slides (one cell per slide, arrow keys), formulas and SQL hidden, parameter controls live.
 * Which cells, and in what order, is the notebook's `presentationCells` (saved with the workspace);
 * whether it is open, the mode and the slide are this page's only.
 */
import type { Cell } from '../../engine/index.ts';
import type { NotebookState } from './notebook-state.svelte.ts';

export type PresentationMode = 'report' | 'slides';

/** What a presentation shows when nobody chose: results, not the machinery that makes them. */
const SHOWN_BY_DEFAULT: readonly Cell['kind'][] = ['note', 'tag', 'chart', 'analysis'];

export class PresentationState {
  open = $state(false);
  mode = $state<PresentationMode>('slides');
  slide = $state(0);

  constructor(private readonly notebook: NotebookState) {}

  /** The cells shown, in order: the chosen ids that still exist, or the default choice. */
  cells(): Cell[] {
    const chosen = this.notebook.presentationCells;
    const cells = this.notebook.cells;
    if (!chosen) return cells.filter((c) => SHOWN_BY_DEFAULT.includes(c.kind));
    return chosen.flatMap((id) => cells.filter((c) => c.id === id));
  }

  /** Whether a cell is in the presentation. */
  includes(id: string): boolean {
    return this.cells().some((c) => c.id === id);
  }

  start(mode: PresentationMode = this.mode): void {
    this.mode = mode;
    this.slide = Math.min(this.slide, Math.max(0, this.cells().length - 1));
    this.open = true;
  }

  close(): void {
    this.open = false;
  }

  go(index: number): void {
    const last = this.cells().length - 1;
    this.slide = Math.max(0, Math.min(last, index));
  }

  next(): void {
    this.go(this.slide + 1);
  }

  previous(): void {
    this.go(this.slide - 1);
  }

  /** Puts a cell in or out of the presentation (at its notebook place when put in). */
  toggle(id: string, on: boolean): void {
    const current = this.cells().map((c) => c.id);
    if (on === current.includes(id)) return;
    if (!on) {
      this.notebook.presentationCells = current.filter((c) => c !== id);
    } else {
      const order = this.notebook.cells.map((c) => c.id);
      const at = order.indexOf(id);
      const next = [...current];
      // Before the first chosen cell that comes after it in the notebook.
      const before = next.findIndex((c) => order.indexOf(c) > at);
      next.splice(before < 0 ? next.length : before, 0, id);
      this.notebook.presentationCells = next;
    }
    this.go(this.slide);
  }

  /** Moves a cell of the presentation by `delta` places (the notebook's order is untouched). */
  move(id: string, delta: number): void {
    const current = this.cells().map((c) => c.id);
    const from = current.indexOf(id);
    if (from < 0) return;
    const to = Math.max(0, Math.min(current.length - 1, from + delta));
    current.splice(from, 1);
    current.splice(to, 0, id);
    this.notebook.presentationCells = current;
  }

  /** Back to the default choice (every note, tag, chart and analysis, in notebook order). */
  reset(): void {
    this.notebook.presentationCells = null;
    this.go(this.slide);
  }
}
