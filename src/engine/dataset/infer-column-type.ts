/**
 * Column type inference over the whole column (never a sample: the one `abc` in row 900 000
 * matters). A type is chosen when at least 95% of the non-null cells parse as it (and at least
 * one does); the rest become bad cells. Otherwise the column is text. Types never compete: a
 * cell parses as at most one of number, boolean and date, so at most one type can reach 95%.
 *
 * Identifier columns stay text even when numeric (SPEC 6a): a header that looks like an id,
 * values with leading zeros (`00004`), or numbers with more than 15 significant integer digits
 * (order numbers beyond what a double holds). Only numeric typing is blocked: an `is_mobile`
 * column of true/false is still boolean.
 */
import {
  inferCellKinds,
  KIND_BIG_INTEGER,
  KIND_BLANK,
  KIND_BOOLEAN,
  KIND_DATE,
  KIND_DATETIME,
  KIND_DATETIME_OFFSET,
  KIND_DECIMAL,
  KIND_INTEGER,
  KIND_MAYBE_DATE,
  KIND_MAYBE_NUMBER,
  KIND_NULL_TOKEN,
  TYPE_THRESHOLD,
  type CellScan,
  type ScanAssumptions,
} from './infer-cell-kinds.ts';
import { addIdFacts, emptyIdFacts, type IdFacts } from './infer-id-facts.ts';
import { looksLikeIdHeader } from './looks-like-id.ts';
import { DEFAULT_DATE_ORDER } from './parse-date.ts';
import type { DecimalSeparator } from './parse-number.ts';
import { columnCellsOf, forEachBlock, type ColumnCells } from './read-cells.ts';
import type { ColumnSpec, DateOrder } from './types.ts';

/** Why a numeric-looking column was kept as text (all that apply). */
export interface IdEvidence {
  header: boolean;
  /** A value with leading zeros, e.g. `00004`. */
  leadingZeroExample: string | null;
  /** A value with more than 15 significant integer digits. */
  longNumberExample: string | null;
  /** How many cells look numeric. */
  numberCount: number;
}

/** What inference concluded about one column. */
export interface ColumnInference {
  spec: ColumnSpec;
  /**
   * The cell scan the spec was inferred from (complete unless the column is text), or null
   * when none was needed (a numeric-looking column under an id header).
   */
  scan: CellScan | null;
  /** Up to five distinct non-null cells as written. */
  examples: string[];
  /** Set for identifier columns (an id-like header, or numbers kept as text as ids): the id warnings' facts. */
  idFacts: IdFacts | null;
  /** Set when the values look numeric but the column is text because they are ids. */
  idEvidence: IdEvidence | null;
  /** The decimal separator the numbers' forms point to (for an integer/decimal override). */
  decimalSeparator: DecimalSeparator;
  /** The day/month order the year-last dates prove; undefined when none proves one or both do. */
  dateOrder: DateOrder | undefined;
  /** A better spec for the user to consider (8-digit yyyymmdd integers → date). */
  suggestedSpec?: ColumnSpec;
}

const DEFAULT_ASSUMPTIONS: ScanAssumptions = { decimalSeparator: '.', dateOrder: DEFAULT_DATE_ORDER, dateFormat: 'auto' };

/**
 * The decimal separator is ',' when more numbers prove ',' (`1,7`, `1.234,5`, `200.000.000`)
 * than prove '.' (`12.5`, `1,234.5`, `1,234,567`). `1,234` and `1.234` alone prove nothing
 * (a thousands separator in either convention), so a column of them reads '.' with thousands
 * separators: 1234 and 1.234. Ties go to '.'.
 */
function chooseDecimalSeparator(scan: CellScan): DecimalSeparator {
  return scan.commaVotes > scan.dotVotes ? ',' : '.';
}

/** A day above 12 in first place proves dmy, in second place mdy; both proves the column is not dates. */
function provenDateOrder(scan: CellScan): DateOrder | 'conflict' | undefined {
  if (scan.dayFirstVotes > 0 && scan.monthFirstVotes > 0) return 'conflict';
  if (scan.dayFirstVotes > 0) return 'dmy';
  if (scan.monthFirstVotes > 0) return 'mdy';
  return undefined;
}

function reachesThreshold(parsed: number, nonNull: number): boolean {
  return parsed >= 1 && parsed >= TYPE_THRESHOLD * nonNull;
}

function numberCount(scan: CellScan): number {
  return scan.counts[KIND_INTEGER] + scan.counts[KIND_DECIMAL] + scan.counts[KIND_BIG_INTEGER];
}

function dateCount(scan: CellScan): number {
  return scan.counts[KIND_DATE] + scan.counts[KIND_DATETIME] + scan.counts[KIND_DATETIME_OFFSET];
}

function idFactsOf(cells: ColumnCells): IdFacts {
  const facts = emptyIdFacts();
  forEachBlock(cells, 0, (block, start, count) => addIdFacts(facts, block, start, count));
  return facts;
}

/**
 * Infers the spec of a column from all its cells; `headers` are its names (as written and
 * normalised). Under an id header, `knownFacts` are the cells' id facts when the caller has
 * them already (see readColumn).
 */
export function inferColumnType(cells: readonly (string | null)[] | ColumnCells, headers: readonly string[], knownFacts?: IdFacts): ColumnInference {
  const source = columnCellsOf(cells);
  const idHeader = headers.some(looksLikeIdHeader);
  // Under an id header a light pass decides: numeric-looking ids need no classification.
  const headerFacts = idHeader ? (knownFacts ?? idFactsOf(source)) : null;
  if (headerFacts && reachesThreshold(headerFacts.numberCount, headerFacts.nonNullCount)) {
    return {
      spec: { type: 'text' },
      scan: null,
      examples: headerFacts.examples,
      idFacts: headerFacts,
      idEvidence: {
        header: true,
        leadingZeroExample: headerFacts.leadingZeroExample,
        longNumberExample: headerFacts.longNumberExample,
        numberCount: headerFacts.numberCount,
      },
      decimalSeparator: '.',
      dateOrder: undefined,
    };
  }

  let scan = inferCellKinds(source, DEFAULT_ASSUMPTIONS, true);
  const order = provenDateOrder(scan);
  const result: ColumnInference = {
    spec: { type: 'text' },
    scan,
    examples: scan.examples,
    idFacts: headerFacts,
    idEvidence: null,
    decimalSeparator: chooseDecimalSeparator(scan),
    dateOrder: order === 'conflict' ? undefined : order,
  };
  if (scan.scanned < source.length) return result;
  const nonNull = scan.scanned - scan.counts[KIND_BLANK] - scan.counts[KIND_NULL_TOKEN];

  if (reachesThreshold(numberCount(scan) + scan.counts[KIND_MAYBE_NUMBER], nonNull)) {
    if (result.decimalSeparator !== scan.assumptions.decimalSeparator) {
      scan = inferCellKinds(source, { ...DEFAULT_ASSUMPTIONS, decimalSeparator: result.decimalSeparator }, false);
      result.scan = scan;
    }
    if (!reachesThreshold(numberCount(scan), nonNull)) return result;
    if (idHeader || scan.leadingZeroExample !== null || scan.longNumberExample !== null) {
      result.idFacts = {
        nonNullCount: nonNull,
        numberCount: numberCount(scan),
        leadingZeroExample: scan.leadingZeroExample,
        longNumberExample: scan.longNumberExample,
        zeroFractionCount: scan.zeroFractionCount,
        zeroFractionIndexes: scan.zeroFractionIndexes,
        exponentCount: scan.exponentCount,
        exponentIndexes: scan.exponentIndexes,
        examples: scan.examples,
      };
      result.idEvidence = {
        header: idHeader,
        leadingZeroExample: scan.leadingZeroExample,
        longNumberExample: scan.longNumberExample,
        numberCount: numberCount(scan),
      };
      return result;
    }
    const type = scan.counts[KIND_DECIMAL] === 0 ? 'integer' : 'decimal';
    result.spec = { type, decimalSeparator: result.decimalSeparator };
    if (type === 'integer' && scan.yyyymmddCount === nonNull) result.suggestedSpec = { type: 'date', dateFormat: 'yyyymmdd' };
    return result;
  }

  if (reachesThreshold(dateCount(scan) + scan.counts[KIND_MAYBE_DATE], nonNull)) {
    if (order === 'conflict') return result;
    const dateOrder = order ?? DEFAULT_DATE_ORDER;
    if (dateOrder !== scan.assumptions.dateOrder) {
      scan = inferCellKinds(source, { ...DEFAULT_ASSUMPTIONS, dateOrder }, false);
      result.scan = scan;
    }
    if (!reachesThreshold(dateCount(scan), nonNull)) return result;
    const hasTime = scan.counts[KIND_DATETIME] + scan.counts[KIND_DATETIME_OFFSET] > 0;
    result.spec = { type: hasTime ? 'datetime' : 'date', ...(scan.yearLastCount > 0 ? { dateOrder } : {}) };
    return result;
  }

  if (reachesThreshold(scan.counts[KIND_BOOLEAN], nonNull)) result.spec = { type: 'boolean' };
  return result;
}
