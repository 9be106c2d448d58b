/**
 * Fetches a grid's rows page by page, for one source in one sort. A new source or sort gets a new loader;
 * the old one is disposed, so its late answers are ignored.
 *
 * - Pages are `pageSize` rows; at most `maxPages` are kept, least recently used dropped first.
 * - `want(first, last)` replaces the set of wanted pages. Requests not yet sent for pages that are no
 *   longer wanted are dropped, and at most `maxInFlight` requests run at once, so dragging the scrollbar
 *   across a million rows asks only for what the viewport rests on.
 * - A page whose request fails is not asked again by this loader (`failed` tells the grid to say so).
 */
import type { GridPage, GridSort, GridValue } from '../../worker/api.ts';

export type FetchPage = (start: number, count: number, sort: GridSort | null) => Promise<GridPage>;

export interface RowPageLoaderOptions {
  fetchPage: FetchPage;
  sort: GridSort | null;
  rowCount: number;
  /** Called after a page arrives or fails (not after dispose). */
  onchange: () => void;
  pageSize?: number;
  maxPages?: number;
  maxInFlight?: number;
}

export class RowPageLoader {
  readonly pageSize: number;
  private readonly maxPages: number;
  private readonly maxInFlight: number;
  /** Loaded pages by page number; Map order is recency (re-inserted on use). */
  private readonly pages = new Map<number, GridValue[][]>();
  private readonly inFlight = new Set<number>();
  private readonly failedPages = new Set<number>();
  private wanted: number[] = [];
  private disposed = false;

  constructor(private readonly options: RowPageLoaderOptions) {
    this.pageSize = options.pageSize ?? 200;
    this.maxPages = options.maxPages ?? 12;
    this.maxInFlight = options.maxInFlight ?? 2;
  }

  /** Returns row `index`'s values, or undefined while its page is not loaded. */
  row(index: number): GridValue[] | undefined {
    const page = this.pages.get(Math.floor(index / this.pageSize));
    return page?.[index % this.pageSize];
  }

  /** Returns the first loaded page's rows (for sizing columns), or an empty list. */
  firstLoadedRows(): GridValue[][] {
    return this.pages.get(0) ?? this.pages.values().next().value ?? [];
  }

  /** Returns whether any page failed to load. */
  get failed(): boolean {
    return this.failedPages.size > 0;
  }

  /** Returns whether a wanted page is still loading. */
  get loading(): boolean {
    return this.wanted.some((page) => !this.pages.has(page) && !this.failedPages.has(page));
  }

  /**
   * Makes rows `first..last` (inclusive) the wanted ones: fetches their missing pages, nearest first, and
   * forgets queued requests for other pages. Marks the wanted pages as recently used.
   */
  want(first: number, last: number): void {
    if (this.disposed) return;
    const lastRow = Math.min(last, this.options.rowCount - 1);
    const pages: number[] = [];
    for (let page = Math.floor(Math.max(0, first) / this.pageSize); page * this.pageSize <= lastRow; page++) pages.push(page);
    this.wanted = pages;
    for (const page of pages) this.touch(page);
    this.pump();
  }

  /** Stops this loader: answers still on their way are ignored and nothing more is fetched. */
  dispose(): void {
    this.disposed = true;
    this.wanted = [];
    this.pages.clear();
  }

  private touch(page: number): void {
    const rows = this.pages.get(page);
    if (rows === undefined) return;
    this.pages.delete(page);
    this.pages.set(page, rows);
  }

  private pump(): void {
    for (const page of this.wanted) {
      if (this.inFlight.size >= this.maxInFlight) return;
      if (this.pages.has(page) || this.inFlight.has(page) || this.failedPages.has(page)) continue;
      void this.fetch(page);
    }
  }

  private async fetch(page: number): Promise<void> {
    this.inFlight.add(page);
    const start = page * this.pageSize;
    const count = Math.min(this.pageSize, this.options.rowCount - start);
    try {
      const result = await this.options.fetchPage(start, count, this.options.sort);
      if (this.disposed) return;
      this.pages.set(page, result.rows);
      this.evict();
    } catch {
      if (this.disposed) return;
      this.failedPages.add(page);
    } finally {
      this.inFlight.delete(page);
    }
    this.options.onchange();
    this.pump();
  }

  /** Drops the least recently used pages beyond `maxPages`, never a wanted one. */
  private evict(): void {
    for (const page of this.pages.keys()) {
      if (this.pages.size <= this.maxPages) return;
      if (!this.wanted.includes(page)) this.pages.delete(page);
    }
  }
}
