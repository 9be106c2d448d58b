// The scaled scrollbar must reach every row: the top shows row 0, the bottom shows the last row, moving the
// scrollbar down never moves the rows up, and below the cap scrolling is native (no row ever skipped).
import { describe, expect, it } from 'vitest';
import {
  contentHeightPx,
  elementOffsetFor,
  isScaled,
  MAX_SPACER_HEIGHT_PX,
  maxElementOffset,
  maxVirtualOffset,
  spacerHeightPx,
  virtualOffsetFor,
  virtualOffsetForKey,
  visibleRowsAt,
  type ScrollGeometry,
} from '../../../src/ui/grid/scroll-scale.ts';

const million: ScrollGeometry = { rowCount: 1_000_000, rowHeightPx: 28, viewportHeightPx: 324 };
const small: ScrollGeometry = { rowCount: 1000, rowHeightPx: 28, viewportHeightPx: 324 };

/** Returns the visible rows at scrollTop `elementOffset`. */
function rowsAtScrollTop(elementOffset: number, geometry: ScrollGeometry): { first: number; last: number } {
  return visibleRowsAt(virtualOffsetFor(elementOffset, geometry), geometry);
}

describe('spacerHeightPx(geometry)', () => {
  it('is the rows’ height below the cap and the cap above it', () => {
    expect(spacerHeightPx(small)).toBe(28_000);
    expect(isScaled(small)).toBe(false);
    expect(contentHeightPx(million)).toBe(28_000_000);
    expect(spacerHeightPx(million)).toBe(MAX_SPACER_HEIGHT_PX);
    expect(isScaled(million)).toBe(true);
  });

  it('is 0 without rows', () => {
    expect(spacerHeightPx({ ...small, rowCount: 0 })).toBe(0);
    expect(maxElementOffset({ ...small, rowCount: 0 })).toBe(0);
  });
});

describe('virtualOffsetFor(elementOffset, geometry)', () => {
  it('shows row 0 at the top', () => {
    expect(rowsAtScrollTop(0, million).first).toBe(0);
    expect(rowsAtScrollTop(0, small).first).toBe(0);
  });

  it('shows the last row at the bottom', () => {
    for (const geometry of [million, small, { ...million, rowCount: 12_345_678 }]) {
      const { last } = rowsAtScrollTop(maxElementOffset(geometry), geometry);
      expect(last).toBe(geometry.rowCount - 1);
      expect(virtualOffsetFor(maxElementOffset(geometry), geometry)).toBe(maxVirtualOffset(geometry));
    }
  });

  it('clamps offsets beyond either end (overscroll, bad input)', () => {
    expect(virtualOffsetFor(-50, million)).toBe(0);
    expect(virtualOffsetFor(MAX_SPACER_HEIGHT_PX * 2, million)).toBe(maxVirtualOffset(million));
    expect(virtualOffsetFor(Number.NaN, million)).toBe(0);
  });

  it('is monotonic', () => {
    let previous = -1;
    for (let offset = 0; offset <= maxElementOffset(million); offset += 9_973) {
      const virtual = virtualOffsetFor(offset, million);
      expect(virtual).toBeGreaterThan(previous);
      previous = virtual;
    }
  });

  it('is the identity when unscaled, so adjacent small steps skip no row', () => {
    let previous = rowsAtScrollTop(0, small);
    for (let offset = 0; offset <= maxElementOffset(small); offset += 7) {
      expect(virtualOffsetFor(offset, small)).toBe(offset);
      const rows = rowsAtScrollTop(offset, small);
      expect(rows.first).toBeLessThanOrEqual(previous.last + 1);
      expect(rows.first).toBeGreaterThanOrEqual(previous.first);
      previous = rows;
    }
  });

  it('moves under a row per scrolled pixel at a million rows, so wheel steps skip no row', () => {
    let previous = rowsAtScrollTop(0, million);
    for (let offset = 1; offset <= 20_000; offset += 3) {
      const rows = rowsAtScrollTop(offset, million);
      expect(rows.first).toBeLessThanOrEqual(previous.last + 1);
      previous = rows;
    }
  });
});

describe('elementOffsetFor(virtualOffset, geometry)', () => {
  it('inverts virtualOffsetFor', () => {
    for (const offset of [0, 1, 1234.5, 4_000_000, maxElementOffset(million)]) {
      expect(elementOffsetFor(virtualOffsetFor(offset, million), million)).toBeCloseTo(offset, 6);
    }
    expect(elementOffsetFor(500, small)).toBe(500);
  });

  it('maps the last row’s offset to the bottom of the scrollbar', () => {
    expect(elementOffsetFor(Number.MAX_SAFE_INTEGER, million)).toBe(maxElementOffset(million));
  });
});

describe('visibleRowsAt(virtualOffset, geometry)', () => {
  it('counts partly visible rows, not the row starting at the viewport’s bottom', () => {
    expect(visibleRowsAt(0, { rowCount: 100, rowHeightPx: 20, viewportHeightPx: 100 })).toEqual({ first: 0, last: 4 });
    expect(visibleRowsAt(10, { rowCount: 100, rowHeightPx: 20, viewportHeightPx: 100 })).toEqual({ first: 0, last: 5 });
  });

  it('is empty without rows and stops at the last row when they do not fill the viewport', () => {
    expect(visibleRowsAt(0, { ...small, rowCount: 0 })).toEqual({ first: 0, last: -1 });
    expect(visibleRowsAt(0, { ...small, rowCount: 3 })).toEqual({ first: 0, last: 2 });
  });
});

describe('virtualOffsetForKey(key, virtualOffset, geometry)', () => {
  it('moves by a row, a page less one row, and to the ends', () => {
    expect(virtualOffsetForKey('ArrowDown', 0, million)).toBe(28);
    expect(virtualOffsetForKey('ArrowUp', 56, million)).toBe(28);
    expect(virtualOffsetForKey('PageDown', 0, million)).toBe(324 - 28);
    expect(virtualOffsetForKey('PageUp', 1000, million)).toBe(1000 - 296);
    expect(virtualOffsetForKey('Home', 5000, million)).toBe(0);
    expect(virtualOffsetForKey('End', 0, million)).toBe(maxVirtualOffset(million));
  });

  it('stays within the ends and ignores other keys', () => {
    expect(virtualOffsetForKey('ArrowUp', 0, million)).toBe(0);
    expect(virtualOffsetForKey('PageDown', maxVirtualOffset(million), million)).toBe(maxVirtualOffset(million));
    expect(virtualOffsetForKey('a', 0, million)).toBeNull();
    expect(virtualOffsetForKey('ArrowLeft', 0, million)).toBeNull();
  });
});
