import type { ColumnInfo, GridValue } from '../../worker/api.ts';
import { formatGridValue } from '../format/format-value.ts';
import type { Language } from '../i18n/messages.ts';

export const MIN_COLUMN_WIDTH_PX = 64;
export const MAX_COLUMN_WIDTH_PX = 320;

/** Pixels around a cell's text: padding (12 + 12), the right border, and slack for rounding. */
const CELL_PADDING_PX = 24 + 1 + 4;
/**
 * Pixels a header needs besides the name and badge text: button padding (12 + 8), two gaps (6 + 6), the
 * badge's padding (5 + 5), the sort arrow (10), the right border and slack. Keep in step with DataGrid's CSS.
 */
const HEADER_EXTRA_PX = 20 + 12 + 10 + 10 + 1 + 4;

/** Measures text as it will be drawn: `header` in the header's bold font, `badge` in the type badge's. */
export type MeasureText = (text: string, kind: 'header' | 'badge' | 'cell') => number;

/**
 * Returns each column's width in px: wide enough for its header (name, type badge, sort arrow) and the
 * widest of `sampleRows` as displayed, clamped to 64..320 px (longer text is cut with an ellipsis).
 */
export function measureColumnWidths(
  columns: readonly ColumnInfo[],
  badges: readonly string[],
  sampleRows: readonly GridValue[][],
  language: Language,
  measure: MeasureText,
): number[] {
  return columns.map((column, c) => {
    let width = measure(column.name, 'header') + measure(badges[c] ?? '', 'badge') + HEADER_EXTRA_PX;
    for (const row of sampleRows) {
      const value = row[c];
      if (value === undefined) continue;
      width = Math.max(width, measure(formatGridValue(value, column, language), 'cell') + CELL_PADDING_PX);
    }
    return Math.ceil(Math.min(MAX_COLUMN_WIDTH_PX, Math.max(MIN_COLUMN_WIDTH_PX, width)));
  });
}

/** Returns a MeasureText drawing on an offscreen canvas in the grid's fonts (by `font` shorthand per kind). */
export function canvasTextMeasurer(fonts: Record<'header' | 'badge' | 'cell', string>): MeasureText {
  const context = document.createElement('canvas').getContext('2d');
  // Without a 2D context (very old or locked-down browsers), estimate from the character count.
  if (!context) return (text, kind) => text.length * (kind === 'badge' ? 6 : 7.5);
  return (text, kind) => {
    context.font = fonts[kind];
    return context.measureText(text).width;
  };
}
