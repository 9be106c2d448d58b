/**
 * Scaled scrolling for grids taller than a browser can lay out.
 *
 * Browsers cap an element's height (about 16.7M px in Firefox, 33M px in Chrome), so a million 28 px rows
 * cannot have a spacer of their real height. The grid uses two coordinate spaces:
 * - the **element offset**: the scroller's `scrollTop`, from 0 to `spacer − viewport`, where the spacer is
 *   the rows' height capped at `MAX_SPACER_HEIGHT_PX`;
 * - the **virtual offset**: where the viewport's top would be if every row were laid out, from 0 to
 *   `rows × rowHeight − viewport`.
 * They map linearly end to end, so the top shows row 0 and the bottom the last rows. Below the cap the two
 * are equal and scrolling is exactly native.
 */

/** The tallest spacer the grid lays out, well under every browser's limit. */
export const MAX_SPACER_HEIGHT_PX = 8_000_000;

/** What the mapping depends on. */
export interface ScrollGeometry {
  rowCount: number;
  rowHeightPx: number;
  /** The height of the rows area: the scroller's client height minus the sticky header. */
  viewportHeightPx: number;
  /** The spacer cap; `MAX_SPACER_HEIGHT_PX` unless a test wants a smaller one. */
  maxSpacerHeightPx?: number;
}

/** Returns the height of all rows laid out end to end. */
export function contentHeightPx(geometry: ScrollGeometry): number {
  return Math.max(0, geometry.rowCount) * geometry.rowHeightPx;
}

/** Returns the height of the scroll spacer: the rows' height, capped so the browser can lay it out. */
export function spacerHeightPx(geometry: ScrollGeometry): number {
  return Math.min(contentHeightPx(geometry), geometry.maxSpacerHeightPx ?? MAX_SPACER_HEIGHT_PX);
}

/** Returns the largest `scrollTop` the scroller allows (0 when everything fits). */
export function maxElementOffset(geometry: ScrollGeometry): number {
  return Math.max(0, spacerHeightPx(geometry) - geometry.viewportHeightPx);
}

/** Returns the largest virtual offset: the last rows' bottom at the viewport's bottom (0 when everything fits). */
export function maxVirtualOffset(geometry: ScrollGeometry): number {
  return Math.max(0, contentHeightPx(geometry) - geometry.viewportHeightPx);
}

/** Returns whether the spacer is shorter than the rows, so one scrolled pixel moves more than a pixel of rows. */
export function isScaled(geometry: ScrollGeometry): boolean {
  return contentHeightPx(geometry) > spacerHeightPx(geometry);
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

/** Returns the virtual offset shown at `scrollTop` (clamped to the scrollable range; equal to it when unscaled). */
export function virtualOffsetFor(elementOffsetPx: number, geometry: ScrollGeometry): number {
  const maxElement = maxElementOffset(geometry);
  const maxVirtual = maxVirtualOffset(geometry);
  const element = clamp(Number.isFinite(elementOffsetPx) ? elementOffsetPx : 0, 0, maxElement);
  if (maxElement === 0 || maxElement === maxVirtual) return Math.min(element, maxVirtual);
  return (element / maxElement) * maxVirtual;
}

/** Returns the `scrollTop` that shows virtual offset `virtualOffsetPx` (clamped); the inverse of `virtualOffsetFor`. */
export function elementOffsetFor(virtualOffsetPx: number, geometry: ScrollGeometry): number {
  const maxElement = maxElementOffset(geometry);
  const maxVirtual = maxVirtualOffset(geometry);
  const virtual = clamp(Number.isFinite(virtualOffsetPx) ? virtualOffsetPx : 0, 0, maxVirtual);
  if (maxVirtual === 0 || maxElement === maxVirtual) return Math.min(virtual, maxElement);
  return (virtual / maxVirtual) * maxElement;
}

/**
 * Returns the rows at least partly visible at virtual offset `virtualOffsetPx`: `first` to `last`
 * inclusive, or `last` = -1 when there are no rows.
 */
export function visibleRowsAt(virtualOffsetPx: number, geometry: ScrollGeometry): { first: number; last: number } {
  if (geometry.rowCount <= 0) return { first: 0, last: -1 };
  const top = clamp(virtualOffsetPx, 0, maxVirtualOffset(geometry));
  const first = Math.min(geometry.rowCount - 1, Math.floor(top / geometry.rowHeightPx));
  const bottom = top + Math.max(0, geometry.viewportHeightPx);
  // A row whose top is exactly at the viewport's bottom is not visible.
  const last = Math.min(geometry.rowCount - 1, Math.max(first, Math.ceil(bottom / geometry.rowHeightPx) - 1));
  return { first, last };
}

/**
 * Returns the virtual offset a scrolling key moves to from `virtualOffsetPx` (arrows by a row, Page keys by
 * a viewport less one row, Home/End to the ends), or null for a key that does not scroll vertically.
 */
export function virtualOffsetForKey(key: string, virtualOffsetPx: number, geometry: ScrollGeometry): number | null {
  const row = geometry.rowHeightPx;
  const page = Math.max(row, geometry.viewportHeightPx - row);
  let target: number;
  switch (key) {
    case 'ArrowDown':
      target = virtualOffsetPx + row;
      break;
    case 'ArrowUp':
      target = virtualOffsetPx - row;
      break;
    case 'PageDown':
      target = virtualOffsetPx + page;
      break;
    case 'PageUp':
      target = virtualOffsetPx - page;
      break;
    case 'Home':
      target = 0;
      break;
    case 'End':
      target = maxVirtualOffset(geometry);
      break;
    default:
      return null;
  }
  return clamp(target, 0, maxVirtualOffset(geometry));
}
