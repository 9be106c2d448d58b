/**
 * A light pass over a column whose header looks like an id. Such a column is text whatever it
 * holds (if it looks numeric), so it needs no full classification, only what the id issues
 * report: how many cells are plain numbers, and which were damaged by a spreadsheet (`17850.0`,
 * `2.01903E+18`). A plain number here is `[+-]digits[.digits][e[+-]digits]`: ids carry no
 * currency marks or thousands separators. A charCode loop without arithmetic keeps 1M 19-digit
 * order ids to a few tens of milliseconds.
 */
import { isBlank, isNullToken, isSpaceCode } from './null-tokens.ts';

/** What the id issues need to know about a column. */
export interface IdFacts {
  /** Cells that are neither blank nor a null token. */
  nonNullCount: number;
  /** Cells written as a number. */
  numberCount: number;
  /** A number with leading zeros (`00004`), if any. */
  leadingZeroExample: string | null;
  /** A number with more than 15 significant integer digits, if any. */
  longNumberExample: string | null;
  /** Numbers with only zeros after the decimal point (`17850.0`): count and first cell indexes. */
  zeroFractionCount: number;
  zeroFractionIndexes: number[];
  /** Numbers in scientific notation (`2.01903E+18`): count and first cell indexes. */
  exponentCount: number;
  exponentIndexes: number[];
  /** Up to five distinct non-null cells as written. */
  examples: string[];
}

const MAX_INDEXES = 10;
const MAX_EXAMPLES = 5;
/** Examples come from the first cells only, so columns with fewer distinct values stop looking. */
const EXAMPLE_SEARCH_CELLS = 10_000;

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function codeAt(text: string, k: number, length: number): number {
  return k < length ? text.charCodeAt(k) : -1;
}

/** Returns the id facts of `cells` (see IdFacts). */
export function inferIdFacts(cells: readonly (string | null)[]): IdFacts {
  const facts = emptyIdFacts();
  addIdFacts(facts, cells, 0, cells.length);
  return facts;
}

/** Facts of no cells, to which addIdFacts adds blocks of cells in order. */
export function emptyIdFacts(): IdFacts {
  return {
    nonNullCount: 0,
    numberCount: 0,
    leadingZeroExample: null,
    longNumberExample: null,
    zeroFractionCount: 0,
    zeroFractionIndexes: [],
    exponentCount: 0,
    exponentIndexes: [],
    examples: [],
  };
}

/** Adds the facts of `block[0 .. count - 1]`, cells `start` .. `start + count - 1` of the column. */
export function addIdFacts(facts: IdFacts, block: readonly (string | null)[], start: number, count: number): void {
  for (let j = 0; j < count; j++) {
    const i = start + j;
    let text = block[j];
    if (text === null || text.length === 0) continue;
    // Only a cell not starting with a digit can be blank or a null token.
    if (!isDigit(text.charCodeAt(0)) && (isBlank(text) || isNullToken(text))) continue;
    facts.nonNullCount++;
    if (i < EXAMPLE_SEARCH_CELLS && facts.examples.length < MAX_EXAMPLES && !facts.examples.includes(text)) facts.examples.push(text);

    // Surrounding spaces are rare in ids: trim them on this slower path only.
    if (isSpaceCode(text.charCodeAt(0)) || isSpaceCode(text.charCodeAt(text.length - 1))) text = text.trim();
    const length = text.length;
    // codeAt past the end reads -1: charCodeAt out of range is a slow path in V8.
    let k = 0;
    let c = text.charCodeAt(0);
    if (c === 43 || c === 45) c = codeAt(text, ++k, length);
    const integerStart = k;
    while (isDigit(c)) c = codeAt(text, ++k, length);
    const integerDigits = k - integerStart;
    let fractionDigits = 0;
    let fractionNonZero = false;
    if (c === 46) {
      c = codeAt(text, ++k, length);
      const fractionStart = k;
      while (isDigit(c)) {
        if (c !== 48) fractionNonZero = true;
        c = codeAt(text, ++k, length);
      }
      fractionDigits = k - fractionStart;
    }
    if (integerDigits + fractionDigits === 0) continue;
    let exponent = false;
    if (c === 101 || c === 69) {
      c = codeAt(text, ++k, length);
      if (c === 43 || c === 45) c = codeAt(text, ++k, length);
      const exponentStart = k;
      while (isDigit(c)) c = codeAt(text, ++k, length);
      if (k === exponentStart) continue;
      exponent = true;
    }
    if (k !== length) continue;

    facts.numberCount++;
    if (integerDigits > 1 && text.charCodeAt(integerStart) === 48) {
      facts.leadingZeroExample ??= text;
    } else if (integerDigits > 15 && facts.longNumberExample === null) {
      facts.longNumberExample = text;
    }
    if (fractionDigits > 0 && !fractionNonZero && facts.zeroFractionCount++ < MAX_INDEXES) facts.zeroFractionIndexes.push(i);
    if (exponent && facts.exponentCount++ < MAX_INDEXES) facts.exponentIndexes.push(i);
  }
}
