/**
 * One pass over a column's cells that classifies every cell once (number, date, boolean, null,
 * text) and keeps the parsed value beside it, so type inference and building the typed column
 * share the parsing work: building is then a cheap pass over `kinds`.
 *
 * Values depend on assumptions only the whole column can settle (the decimal separator, the
 * day/month order, yyyymmdd or Excel-serial encodings); the scan reads under given assumptions
 * and collects the evidence for choosing them, and the caller rescans in the rare case the
 * evidence points elsewhere.
 *
 * Speed: cells of a column are nearly always of one kind, so each cell first goes to the parser
 * that succeeded last (`lead`) and the full classification runs only when it fails. Per cell
 * there is no regex and no allocation. Cells are read a block at a time (see ColumnCells): only
 * the kinds, the values and a few example cells outlive their block.
 */
import { isBlank, isNullToken } from './null-tokens.ts';
import { parseBoolean } from './parse-boolean.ts';
import { DateParts, parseDate } from './parse-date.ts';
import { parseExcelSerial } from './parse-excel-serial.ts';
import { NumberShape, scanNumber, type DecimalSeparator } from './parse-number.ts';
import { parseYyyymmdd } from './parse-yyyymmdd.ts';
import { columnCellsOf, forEachBlock, type ColumnCells } from './read-cells.ts';
import { MS_PER_DAY } from './time-civil-days.ts';
import type { DateFormat, DateOrder } from './types.ts';

// Cell kinds (indexes into CellScan.counts).
/** Empty, whitespace-only or missing: NULL in every column. */
export const KIND_BLANK = 0;
/** One of NULL_TOKENS: NULL in typed columns, text in text columns. */
export const KIND_NULL_TOKEN = 1;
/** No parser accepts it under any assumption. */
export const KIND_TEXT = 2;
/** Not a number under the scan's decimal separator, but a number under the other one (`1,7`). */
export const KIND_MAYBE_NUMBER = 3;
/** A year-last date invalid under the scan's day/month order but valid under the other. */
export const KIND_MAYBE_DATE = 4;
/** A number written without fraction, exponent or percent, within ±2^53; value is the number. */
export const KIND_INTEGER = 5;
/** Any other number; value is the number. */
export const KIND_DECIMAL = 6;
/** A number with more than 15 integer digits beyond ±2^53 (a double cannot hold it exactly). */
export const KIND_BIG_INTEGER = 7;
/** value is 1 or 0. */
export const KIND_BOOLEAN = 8;
/** value is civil days since 1970-01-01. */
export const KIND_DATE = 9;
/** value is wall-clock ms since 1970-01-01T00:00. */
export const KIND_DATETIME = 10;
/** Written with a UTC offset; value is the instant in ms since the epoch (the zone is applied when building). */
export const KIND_DATETIME_OFFSET = 11;
const KIND_COUNT = 12;

/** How ambiguous cells are read during a scan. */
export interface ScanAssumptions {
  decimalSeparator: DecimalSeparator;
  dateOrder: DateOrder;
  /** 'auto' reads numbers as numbers; 'yyyymmdd' and 'excel-serial' read numbers as dates. */
  dateFormat: DateFormat;
}

/** Index lists for issues keep only this many first occurrences. */
export const MAX_ISSUE_LINES = 10;
const MAX_EXAMPLES = 5;
/** Examples come from the first cells only, so columns with fewer distinct values stop looking. */
const EXAMPLE_SEARCH_CELLS = 10_000;
/** A type needs this share of the non-null cells to parse (the rest become bad cells). */
export const TYPE_THRESHOLD = 0.95;
/** Years accepted when suggesting that 8-digit integers are yyyymmdd dates. */
const YYYYMMDD_MIN = 19_000_101;
const YYYYMMDD_MAX = 21_001_231;

/** The outcome of a scan: a kind and value per cell, counts per kind, and evidence for the column. */
export interface CellScan {
  assumptions: ScanAssumptions;
  /** Cells classified: fewer than the cells when the scan stopped because the column is surely text. */
  scanned: number;
  kinds: Uint8Array;
  /** The parsed value of each cell, as described at its kind (0 for cells without one). */
  values: Float64Array;
  /** Cells per kind, indexed by KIND_*. */
  counts: Int32Array;
  /** Up to five distinct non-blank, non-token cells as written. */
  examples: string[];
  /** A number with leading zeros (`00004`), if any. */
  leadingZeroExample: string | null;
  /** A number with more than 15 significant integer digits, if any. */
  longNumberExample: string | null;
  /** Numbers with only zeros after the decimal separator (`17850.0`): count and first cell indexes. */
  zeroFractionCount: number;
  zeroFractionIndexes: number[];
  /** Numbers written with an exponent (`2.01903E+18`): count and first cell indexes. */
  exponentCount: number;
  exponentIndexes: number[];
  /** Numbers whose form proves the decimal separator is '.' (`12.5`, `1,234,567`) or ',' (`1,5`, `1.234,5`). */
  dotVotes: number;
  commaVotes: number;
  /** Integers that are valid yyyymmdd dates between 1900 and 2100. */
  yyyymmddCount: number;
  /** Year-last dates, and those whose first (dmy) or second (mdy) number is above 12. */
  yearLastCount: number;
  yearLastExample: string | null;
  dayFirstVotes: number;
  monthFirstVotes: number;
}

const LEAD_NONE = 0;
const LEAD_NUMBER = 1;
const LEAD_DATE = 2;
const LEAD_BOOLEAN = 3;

/**
 * Classifies `cells` under `assumptions`. With `stopWhenText`, stops as soon as more than 5%
 * of all cells are plain text: then no type can reach TYPE_THRESHOLD and the column is text.
 */
export function inferCellKinds(cells: readonly (string | null)[] | ColumnCells, assumptions: ScanAssumptions, stopWhenText: boolean): CellScan {
  return new CellScanner(columnCellsOf(cells), assumptions).run(stopWhenText);
}

class CellScanner {
  private readonly shape = new NumberShape();
  private readonly parts = new DateParts();
  private readonly otherOrder: DateOrder;
  private lead = LEAD_NONE;
  private readonly values: Float64Array;
  /** The assumptions read numbers as yyyymmdd or Excel-serial dates. */
  private readonly numbersAreDates: boolean;
  readonly scan: CellScan;

  constructor(
    private readonly cells: ColumnCells,
    private readonly assumptions: ScanAssumptions,
  ) {
    const n = cells.length;
    this.otherOrder = assumptions.dateOrder === 'dmy' ? 'mdy' : 'dmy';
    this.values = new Float64Array(n);
    this.numbersAreDates = assumptions.dateFormat !== 'auto';
    this.scan = {
      assumptions,
      scanned: 0,
      kinds: new Uint8Array(n),
      values: this.values,
      counts: new Int32Array(KIND_COUNT),
      examples: [],
      leadingZeroExample: null,
      longNumberExample: null,
      zeroFractionCount: 0,
      zeroFractionIndexes: [],
      exponentCount: 0,
      exponentIndexes: [],
      dotVotes: 0,
      commaVotes: 0,
      yyyymmddCount: 0,
      yearLastCount: 0,
      yearLastExample: null,
      dayFirstVotes: 0,
      monthFirstVotes: 0,
    };
  }

  run(stopWhenText: boolean): CellScan {
    const { cells, scan } = this;
    const n = cells.length;
    const textLimit = stopWhenText ? Math.floor(n * (1 - TYPE_THRESHOLD)) : n;
    let scanned = 0;
    forEachBlock(cells, 0, (block, start, count) => {
      const stoppedAt = this.scanBlock(block, start, count, textLimit);
      scanned = stoppedAt < 0 ? start + count : stoppedAt;
      return stoppedAt < 0;
    });
    scan.scanned = scanned;
    return scan;
  }

  /** Classifies one block of cells; returns -1, or the index after the cell that proved the column text. */
  private scanBlock(block: readonly (string | null)[], start: number, count: number, textLimit: number): number {
    const { kinds, counts, examples } = this.scan;
    const exampleSearchEnd = Math.min(this.cells.length, EXAMPLE_SEARCH_CELLS);
    for (let j = 0; j < count; j++) {
      const text = block[j];
      const i = start + j;
      if (text === null || text.length === 0) {
        counts[KIND_BLANK]++;
        continue;
      }
      let kind = -1;
      const lead = this.lead;
      if (lead === LEAD_NUMBER) kind = this.readNumber(text, i);
      else if (lead === LEAD_DATE) kind = this.readDate(text, i);
      else if (lead === LEAD_BOOLEAN) kind = this.readBoolean(text, i);
      if (kind < 0) kind = this.classify(text, i, lead);
      kinds[i] = kind;
      counts[kind]++;
      if (i < exampleSearchEnd && kind > KIND_NULL_TOKEN && examples.length < MAX_EXAMPLES && !examples.includes(text)) examples.push(text);
      if (kind === KIND_TEXT && counts[KIND_TEXT] > textLimit) return i + 1;
    }
    return -1;
  }

  /** The full classification, for cells the lead parser rejected (`tried` is not run again). */
  private classify(text: string, i: number, tried: number): number {
    if (isBlank(text)) return KIND_BLANK;
    if (isNullToken(text)) return KIND_NULL_TOKEN;
    let kind = tried === LEAD_NUMBER ? -1 : this.readNumber(text, i);
    if (kind >= 0) {
      this.lead = LEAD_NUMBER;
      return kind;
    }
    if (this.mayBeCommaDecimal(text)) return KIND_MAYBE_NUMBER;
    kind = tried === LEAD_DATE ? -1 : this.readDate(text, i);
    if (kind >= 0) {
      this.lead = LEAD_DATE;
      return kind;
    }
    kind = tried === LEAD_BOOLEAN ? -1 : this.readBoolean(text, i);
    if (kind >= 0) {
      this.lead = LEAD_BOOLEAN;
      return kind;
    }
    return KIND_TEXT;
  }

  /** Reads a number (or a yyyymmdd / Excel-serial date); returns its kind, or -1. */
  private readNumber(text: string, i: number): number {
    const shape = this.shape;
    const value = scanNumber(text, this.assumptions.decimalSeparator, shape, false);
    if (value !== value) return -1;
    this.values[i] = value;
    const hint = shape.separatorHint;
    if (hint === 1) this.scan.dotVotes++;
    else if (hint === 2) this.scan.commaVotes++;
    // The common number (`123.45`, `7`) is done; only unusual forms need the bookkeeping below.
    if (shape.leadingZero || shape.zeroFraction || shape.exponent || shape.integerDigits > 15 || shape.plainDigits === 8 || this.numbersAreDates) {
      return this.readUnusualNumber(text, i, value);
    }
    return shape.fractional ? KIND_DECIMAL : KIND_INTEGER;
  }

  /** Records what the id and date issues need about a number, and reads numbers as dates when assumed. */
  private readUnusualNumber(text: string, i: number, value: number): number {
    const { shape, scan, assumptions } = this;
    if (shape.leadingZero) scan.leadingZeroExample ??= text;
    if (shape.integerDigits > 15) scan.longNumberExample ??= text;
    if (shape.zeroFraction && scan.zeroFractionCount++ < MAX_ISSUE_LINES) scan.zeroFractionIndexes.push(i);
    if (shape.exponent && scan.exponentCount++ < MAX_ISSUE_LINES) scan.exponentIndexes.push(i);

    if (assumptions.dateFormat === 'yyyymmdd') {
      if (shape.plainDigits === 8) {
        const days = parseYyyymmdd(value);
        if (days === days) {
          this.values[i] = days;
          return KIND_DATE;
        }
      }
    } else if (assumptions.dateFormat === 'excel-serial') {
      const ms = parseExcelSerial(value);
      if (ms === ms) {
        const days = ms / MS_PER_DAY;
        const wholeDay = Number.isInteger(days);
        this.values[i] = wholeDay ? days : ms;
        return wholeDay ? KIND_DATE : KIND_DATETIME;
      }
    } else if (shape.plainDigits === 8 && value >= YYYYMMDD_MIN && value <= YYYYMMDD_MAX && !Number.isNaN(parseYyyymmdd(value))) {
      scan.yyyymmddCount++;
    }

    if (shape.integerDigits > 15 && !(Math.abs(value) <= Number.MAX_SAFE_INTEGER)) return KIND_BIG_INTEGER;
    return shape.fractional ? KIND_DECIMAL : KIND_INTEGER;
  }

  /**
   * True when `text` failed as a '.'-decimal number but reads as a ','-decimal one whose form
   * proves it (`1,7`, `1.234,5`, `200.000.000`); counts the vote.
   */
  private mayBeCommaDecimal(text: string): boolean {
    if (this.assumptions.decimalSeparator !== '.') return false;
    // Only a comma or a second dot can make the difference; most text has neither.
    if (text.indexOf(',') < 0 && text.indexOf('.') === text.lastIndexOf('.')) return false;
    const value = scanNumber(text, ',', this.shape);
    if (value !== value || this.shape.separatorHint !== 2) return false;
    this.scan.commaVotes++;
    return true;
  }

  /** Reads a date or date-time; returns its kind (KIND_MAYBE_DATE for the other order), or -1. */
  private readDate(text: string, i: number): number {
    const { parts, scan } = this;
    const ok = parseDate(text, this.assumptions.dateOrder, parts);
    if (parts.yearLast) {
      if (scan.yearLastCount++ === 0) scan.yearLastExample = text;
      if (parts.first > 12 && parts.second <= 12) scan.dayFirstVotes++;
      else if (parts.second > 12 && parts.first <= 12) scan.monthFirstVotes++;
      if (!ok) return parseDate(text, this.otherOrder, parts) ? KIND_MAYBE_DATE : -1;
    }
    if (!ok) return -1;
    if (!parts.hasTime) {
      this.values[i] = parts.days;
      return KIND_DATE;
    }
    const wallMs = parts.days * MS_PER_DAY + parts.timeMs;
    if (!parts.hasOffset) {
      this.values[i] = wallMs;
      return KIND_DATETIME;
    }
    this.values[i] = wallMs - parts.offsetMinutes * 60_000;
    return KIND_DATETIME_OFFSET;
  }

  /** Reads a boolean word; returns KIND_BOOLEAN, or -1. */
  private readBoolean(text: string, i: number): number {
    const value = parseBoolean(text);
    if (value !== value) return -1;
    this.values[i] = value;
    return KIND_BOOLEAN;
  }
}
