/**
 * The data of a `series` chart: a SQL cell's result drawn as it is (issue #8: the weekly
 * sleeping-customer count as a line). The worker reads the result's first SERIES_ROW_LIMIT rows of
 * the chosen columns in the result's order and this turns them into one long dataset.
 *
 * Dataset `table`: one row per result row and y column with a value,
 * `{x, order, label, labelZh, value}`: `order` is the y column's position in `y`, `label` and
 * `labelZh` its name (so the colour scale works as for segments). Rows without an x are left out
 * (notes.leftOut counts them); a missing y value leaves a gap in its line only.
 *
 * x is scaled by what it holds: a date or date-time column (or text that is all ISO dates, as SQL
 * gives back `date(...)`) is temporal, a number column quantitative, any other text ordinal in the
 * result's row order.
 */
import { ChartError } from './chart-error.ts';
import { SEGMENT_PALETTE } from './chart-data.ts';
import { SERIES_ROW_LIMIT, type ChartData, type ChartDefinition } from './types.ts';

/** What the worker read of the result. */
export interface SeriesInput {
  /** The result's columns with their types (`integer`, `decimal`, `text`, `date`, `datetime`, …). */
  columns: readonly { name: string; type: string }[];
  /** The first rows, each with the values of `[x, ...y]` in that order. */
  rows: readonly (readonly (string | number | null)[])[];
  /** The result's row count (more than `rows.length` when only the first rows were read). */
  totalRows: number;
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}(?:[ T]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$/;
const NUMERIC = new Set(['integer', 'decimal']);

/** Checks a `series` definition against the result's columns; returns the x and y columns as the result spells them. */
export function seriesColumns(definition: ChartDefinition, columns: SeriesInput['columns']): { x: string; y: string[] } {
  const find = (name: string | undefined, field: string) => {
    if (!name) throw new ChartError('missing-field', field === 'x' ? 'A series chart needs a column for x.' : 'A series chart needs at least one column to draw.', field);
    const column = columns.find((c) => c.name === name) ?? columns.find((c) => c.name.toLowerCase() === name.toLowerCase());
    if (!column) throw new ChartError('no-such-metric', `The result has no column "${name}".`, field);
    return column;
  };
  const x = find(definition.x, 'x');
  const ys = definition.y ?? [];
  if (ys.length === 0) find(undefined, 'y');
  const y = ys.map((name) => {
    const column = find(name, 'y');
    if (!NUMERIC.has(column.type)) throw new ChartError('not-numeric', `The column "${column.name}" holds ${column.type === 'text' ? 'text' : column.type} values, not numbers.`, 'y');
    return column.name;
  });
  return { x: x.name, y };
}

/** Returns the chart data of a `series` definition over the rows the worker read. */
export function seriesChartData(definition: ChartDefinition, input: SeriesInput): ChartData {
  const { x, y } = seriesColumns(definition, input.columns);
  const xColumnType = input.columns.find((c) => c.name === x)?.type;
  const table: ChartData['datasets'][string] = [];
  let leftOut = 0;
  let allDays = true;
  let anyX = false;
  for (const row of input.rows) {
    const xValue = row[0];
    if (xValue === null || xValue === undefined || xValue === '') {
      leftOut++;
      continue;
    }
    anyX = true;
    if (typeof xValue !== 'string' || !ISO_DAY.test(xValue)) allDays = false;
    for (let j = 0; j < y.length; j++) {
      const value = row[j + 1];
      if (typeof value !== 'number' || !Number.isFinite(value)) continue;
      table.push({ x: xValue, order: j, label: y[j], labelZh: y[j], value });
    }
  }
  const xType =
    xColumnType === 'date' || xColumnType === 'datetime' || (xColumnType === 'text' && anyX && allDays) ? 'temporal' : xColumnType !== undefined && NUMERIC.has(xColumnType) ? 'quantitative' : 'ordinal';
  const notes: ChartData['notes'] = {};
  if (leftOut > 0) notes.leftOut = leftOut;
  if (input.totalRows > input.rows.length && input.rows.length >= SERIES_ROW_LIMIT) notes.firstRowsOf = input.totalRows;
  return {
    view: 'series',
    segments: y.map((name, order) => ({ order, label: name, labelZh: name, colour: SEGMENT_PALETTE[order % SEGMENT_PALETTE.length] })),
    datasets: { table },
    metric: x,
    xType,
    notes,
  };
}
