/**
 * A TanStack Virtualizer for fixed-height rows behind a scaled scrollbar (see scroll-scale.ts).
 *
 * The Virtualizer works in virtual offsets (row index × row height), as if every row were laid out; its
 * offset and rect observers are replaced by ones that translate the scroller's real `scrollTop` into a
 * virtual offset and report the rows area (the scroller minus the sticky header). The grid then draws the
 * Virtualizer's items at `item.start − virtualOffset` inside a sticky viewport.
 *
 * Cost: the Virtualizer keeps 16 bytes and a key per row (about 24 MB at a million rows), fine for the
 * sizes we load; a grid of tens of millions of rows would want a range computed from scroll-scale.ts alone.
 */
import { Virtualizer, type VirtualItem } from '@tanstack/virtual-core';
import { elementOffsetFor, virtualOffsetFor, type ScrollGeometry } from './scroll-scale.ts';

export interface ScaledRowVirtualizerOptions {
  rowCount: number;
  rowHeightPx: number;
  headerHeightPx: number;
  /** Called whenever the visible items or the virtual offset change. */
  onchange: () => void;
}

export class ScaledRowVirtualizer {
  private readonly virtualizer: Virtualizer<HTMLElement, HTMLElement>;
  private rowCount: number;
  private viewportHeightPx = 0;
  private virtualOffsetPx = 0;
  /**
   * The last offset written by `scrollToVirtualOffset`: the scroller rounds `scrollTop` to whole (device)
   * pixels, which in a scaled grid can be more than a row, so the scroll event it causes reports the exact
   * virtual offset asked for instead of the rounded one.
   */
  private lastWrite: { elementOffsetPx: number; virtualOffsetPx: number } | null = null;
  private reportOffset: ((offset: number, isScrolling: boolean) => void) | null = null;
  private readonly unmount: () => void;

  constructor(
    private readonly scroller: HTMLElement,
    private readonly options: ScaledRowVirtualizerOptions,
  ) {
    this.rowCount = options.rowCount;
    this.viewportHeightPx = this.measureViewport();
    this.virtualizer = new Virtualizer<HTMLElement, HTMLElement>(this.virtualizerOptions());
    this.unmount = this.virtualizer._didMount();
    this.virtualizer._willUpdate();
  }

  /** Returns the geometry the scroll mapping uses now. */
  get geometry(): ScrollGeometry {
    return { rowCount: this.rowCount, rowHeightPx: this.options.rowHeightPx, viewportHeightPx: this.viewportHeightPx };
  }

  /** Returns the virtual offset at the top of the rows area. */
  get virtualOffset(): number {
    return this.virtualOffsetPx;
  }

  /** Returns the rows to draw (the visible ones plus overscan). */
  items(): VirtualItem[] {
    return this.virtualizer.getVirtualItems();
  }

  /** Switches to `rowCount` rows (a new source) and scrolls back to the top. */
  setRowCount(rowCount: number): void {
    if (rowCount === this.rowCount) return;
    this.rowCount = rowCount;
    this.virtualizer.setOptions(this.virtualizerOptions());
    this.virtualizer._willUpdate();
    this.scrollToVirtualOffset(0);
  }

  /** Scrolls so virtual offset `offset` is at the top of the rows area (clamped). */
  scrollToVirtualOffset(offset: number): void {
    const geometry = this.geometry;
    const exact = virtualOffsetFor(elementOffsetFor(offset, geometry), geometry);
    this.scroller.scrollTop = elementOffsetFor(exact, geometry);
    this.lastWrite = { elementOffsetPx: this.scroller.scrollTop, virtualOffsetPx: exact };
    // When the rounded scrollTop did not change no scroll event comes, so report the move now.
    this.report();
  }

  /** Stops observing the scroller. */
  destroy(): void {
    this.unmount();
  }

  private measureViewport(): number {
    return Math.max(0, this.scroller.clientHeight - this.options.headerHeightPx);
  }

  private report(): void {
    const elementOffset = this.scroller.scrollTop;
    const write = this.lastWrite;
    if (write !== null && Math.abs(elementOffset - write.elementOffsetPx) < 0.5) {
      this.virtualOffsetPx = write.virtualOffsetPx;
    } else {
      this.lastWrite = null;
      this.virtualOffsetPx = virtualOffsetFor(elementOffset, this.geometry);
    }
    // Always "not scrolling": the Virtualizer would compare our virtual offset with the element's real
    // (smaller) scroll range and take it for overscroll. The grid needs only the range of items.
    this.reportOffset?.(this.virtualOffsetPx, false);
    this.options.onchange();
  }

  private virtualizerOptions(): ConstructorParameters<typeof Virtualizer<HTMLElement, HTMLElement>>[0] {
    return {
      count: this.rowCount,
      estimateSize: () => this.options.rowHeightPx,
      overscan: 6,
      getScrollElement: () => this.scroller,
      initialRect: { width: this.scroller.clientWidth, height: this.viewportHeightPx },
      observeElementRect: (_instance, callback) => {
        const observer = new ResizeObserver(() => {
          this.viewportHeightPx = this.measureViewport();
          callback({ width: this.scroller.clientWidth, height: this.viewportHeightPx });
          // The mapping depends on the viewport's height, so the offset moves with it.
          this.report();
        });
        observer.observe(this.scroller);
        callback({ width: this.scroller.clientWidth, height: this.viewportHeightPx });
        return () => observer.disconnect();
      },
      observeElementOffset: (_instance, callback) => {
        this.reportOffset = callback;
        const onScroll = () => this.report();
        this.scroller.addEventListener('scroll', onScroll, { passive: true });
        callback(this.virtualOffsetPx, false);
        return () => {
          this.scroller.removeEventListener('scroll', onScroll);
          this.reportOffset = null;
        };
      },
      scrollToFn: (offset, { adjustments = 0 }) => this.scrollToVirtualOffset(offset + adjustments),
      onChange: () => this.options.onchange(),
    };
  }
}
