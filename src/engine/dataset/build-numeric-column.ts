/**
 * Turns a complete cell scan into the values of a numeric column of one type (NaN = NULL).
 * Cells of a kind the type cannot hold are bad cells: NULL in the column, counted and located
 * for the `bad-cells` issue, never silently converted (an integer column does not round 12.5,
 * nor a 19-digit id).
 */
import {
  KIND_BIG_INTEGER,
  KIND_BLANK,
  KIND_BOOLEAN,
  KIND_DATE,
  KIND_DATETIME,
  KIND_DATETIME_OFFSET,
  KIND_DECIMAL,
  KIND_INTEGER,
  KIND_NULL_TOKEN,
  MAX_ISSUE_LINES,
  type CellScan,
} from './infer-cell-kinds.ts';
import { MS_PER_DAY } from './time-civil-days.ts';
import { toWallClockMs } from './time-zone.ts';
import type { NumericColumn } from './types.ts';

/** A built numeric column with what the issues report. */
export interface BuiltNumericColumn {
  values: Float64Array;
  nullCount: number;
  badCount: number;
  /** Cell indexes of the first bad cells (at most MAX_ISSUE_LINES). */
  badIndexes: number[];
  /** Some bad cell was a whole number beyond ±2^53 (no double holds it exactly). */
  badBigInteger: boolean;
  /** Cells written with a UTC offset and converted into the workspace zone. */
  zoneConverted: number;
}

// What a type does with each kind of cell.
const BAD = 0;
const NULL = 1;
const KEEP = 2;
const CONVERT = 3;

function policyFor(type: NumericColumn['type']): Uint8Array {
  const policy = new Uint8Array(KIND_DATETIME_OFFSET + 1).fill(BAD);
  policy[KIND_BLANK] = NULL;
  policy[KIND_NULL_TOKEN] = NULL;
  switch (type) {
    case 'integer':
      policy[KIND_INTEGER] = KEEP;
      // `17850.0` is the integer 17850; `12.5` is bad (see convertCell).
      policy[KIND_DECIMAL] = CONVERT;
      break;
    case 'decimal':
      policy[KIND_INTEGER] = KEEP;
      policy[KIND_DECIMAL] = KEEP;
      break;
    case 'boolean':
      policy[KIND_BOOLEAN] = KEEP;
      // A column the user declared boolean reads 1/0 (inference leaves 1/0 columns integer).
      policy[KIND_INTEGER] = CONVERT;
      break;
    case 'date':
      policy[KIND_DATE] = KEEP;
      // Only by override: the user asked for the day, so the time of day is dropped.
      policy[KIND_DATETIME] = CONVERT;
      policy[KIND_DATETIME_OFFSET] = CONVERT;
      break;
    case 'datetime':
      policy[KIND_DATE] = CONVERT;
      policy[KIND_DATETIME] = KEEP;
      policy[KIND_DATETIME_OFFSET] = CONVERT;
      break;
  }
  return policy;
}

/** Returns the value of a CONVERT cell in the column's type, or NaN when it does not fit. */
function convertCell(type: NumericColumn['type'], kind: number, value: number, timeZone: string): number {
  switch (type) {
    case 'integer':
      return Number.isSafeInteger(value) ? value : NaN;
    case 'boolean':
      return value === 0 || value === 1 ? value : NaN;
    case 'date':
      return Math.floor((kind === KIND_DATETIME_OFFSET ? toWallClockMs(value, timeZone) : value) / MS_PER_DAY);
    case 'datetime':
      return kind === KIND_DATE ? value * MS_PER_DAY : toWallClockMs(value, timeZone);
    default:
      return NaN;
  }
}

/**
 * Builds the values of a `type` column from a complete scan, in place: the scan's `values`
 * array becomes the column (the scan must not be used afterwards). Datetimes written with an
 * offset become wall-clock time in `timeZone`.
 */
export function buildNumericColumn(scan: CellScan, type: NumericColumn['type'], timeZone: string): BuiltNumericColumn {
  const { kinds, values } = scan;
  const policy = policyFor(type);
  const n = kinds.length;
  const badIndexes: number[] = [];
  let nullCount = 0;
  let badCount = 0;
  let badBigInteger = false;
  let zoneConverted = 0;
  for (let i = 0; i < n; i++) {
    const kind = kinds[i];
    const action = policy[kind];
    if (action === KEEP) continue;
    if (action === NULL) {
      values[i] = NaN;
      nullCount++;
      continue;
    }
    const written = values[i];
    if (action === CONVERT) {
      const value = convertCell(type, kind, written, timeZone);
      values[i] = value;
      if (value === value) {
        if (kind === KIND_DATETIME_OFFSET) zoneConverted++;
        continue;
      }
    }
    values[i] = NaN;
    badCount++;
    if (badIndexes.length < MAX_ISSUE_LINES) badIndexes.push(i);
    if (kind === KIND_BIG_INTEGER || (type === 'integer' && Number.isInteger(written) && !Number.isSafeInteger(written))) badBigInteger = true;
  }
  return { values, nullCount, badCount, badIndexes, badBigInteger, zoneConverted };
}
