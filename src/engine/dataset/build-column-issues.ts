/**
 * The issues one column reports: what the user must know to trust it (SPEC 6a: nothing is
 * dropped, rounded or guessed silently). Messages are one English sentence or two, quoting an
 * example cell; `params` holds their variable parts (the example unquoted), from which the UI
 * says them in its language.
 */
import type { BuiltNumericColumn } from './build-numeric-column.ts';
import { KIND_DATETIME_OFFSET, type CellScan } from './infer-cell-kinds.ts';
import type { ColumnInference, IdEvidence } from './infer-column-type.ts';
import { DEFAULT_DATE_ORDER } from './parse-date.ts';
import type { ColumnSpec, ColumnType, DateOrder, ImportIssue, IssueParams } from './types.ts';

/** What was found while reading one column, for its issues. */
export interface ColumnFindings {
  name: string;
  spec: ColumnSpec;
  inference: ColumnInference;
  /** For typed columns: the scan the column was built from, and the build. */
  numeric: { scan: CellScan; built: BuiltNumericColumn } | null;
  /** The user set the day/month order (no guess to report). */
  userChoseDateOrder: boolean;
  timeZone: string;
  /** The raw text of cell `index` (as passed to the scans). */
  cellAt(index: number): string | null;
  /** The 1-based line of cell `index`. */
  lineOf(index: number): number;
}

const TYPE_NAMES: Record<ColumnType, string> = {
  text: 'text',
  integer: 'whole numbers',
  decimal: 'numbers',
  boolean: 'true/false values',
  date: 'dates',
  datetime: 'date-times',
};

const ORDER_NAMES: Record<DateOrder, string> = { dmy: 'day/month/year', mdy: 'month/day/year', ymd: 'year/month/day' };

const MAX_QUOTE_LENGTH = 40;

/** A cell as a message shows it, shortened when long. */
function shorten(text: string | null): string {
  const shown = text ?? '';
  return shown.length > MAX_QUOTE_LENGTH ? `${shown.slice(0, MAX_QUOTE_LENGTH - 1)}…` : shown;
}

/** A cell quoted for a message, shortened when long. */
function quote(text: string | null): string {
  return `“${shorten(text)}”`;
}

/** Returns the issues of one column, in a stable order (bad cells first). */
export function buildColumnIssues(findings: ColumnFindings): ImportIssue[] {
  const { name, spec, inference, numeric, cellAt, lineOf } = findings;
  const issues: ImportIssue[] = [];
  const facts = inference.idFacts;

  if (numeric) {
    const { scan, built } = numeric;
    if (built.badCount > 0) {
      const first = built.badIndexes[0];
      const params = { count: built.badCount, column: name, type: spec.type, example: shorten(cellAt(first)), line: lineOf(first) };
      issues.push({
        code: 'bad-cells',
        severity: 'warning',
        message:
          `${built.badCount} value(s) in column “${name}” could not be read as ${TYPE_NAMES[spec.type]} and were loaded as empty, ` +
          `the first ${quote(cellAt(first))} on line ${lineOf(first)}.` +
          (built.badBigInteger ? ' Whole numbers beyond ±2^53 (16 digits or more) cannot be stored exactly as numbers; load the column as text to keep them.' : ''),
        column: name,
        count: built.badCount,
        lines: built.badIndexes.map(lineOf),
        params: built.badBigInteger ? { ...params, variant: 'big-integer' } : params,
      });
    }
    if (built.zoneConverted > 0) {
      issues.push({
        code: 'date-zone-converted',
        severity: 'info',
        message:
          `${built.zoneConverted} value(s) in column “${name}” carry a UTC offset, such as ${quote(cellAt(scan.kinds.indexOf(KIND_DATETIME_OFFSET)))}, ` +
          `and were converted to ${findings.timeZone} time.`,
        column: name,
        count: built.zoneConverted,
        params: { count: built.zoneConverted, column: name, example: shorten(cellAt(scan.kinds.indexOf(KIND_DATETIME_OFFSET))), timeZone: findings.timeZone },
      });
    }
    const orderGuessed = scan.yearLastCount > 0 && scan.dayFirstVotes === 0 && scan.monthFirstVotes === 0;
    if ((spec.type === 'date' || spec.type === 'datetime') && orderGuessed && !findings.userChoseDateOrder) {
      const order = spec.dateOrder ?? DEFAULT_DATE_ORDER;
      issues.push({
        code: 'date-order-ambiguous',
        severity: 'warning',
        message:
          `No date in column “${name}” has a day above 12, so dates like ${quote(scan.yearLastExample)} could be ${ORDER_NAMES.mdy} or ` +
          `${ORDER_NAMES.dmy}; they were read as ${ORDER_NAMES[order]}. Choose ${ORDER_NAMES[order === 'dmy' ? 'mdy' : 'dmy']} if that is wrong.`,
        column: name,
        count: scan.yearLastCount,
        params: { column: name, example: shorten(scan.yearLastExample), order, otherOrder: order === 'dmy' ? 'mdy' : 'dmy' },
      });
    }
  } else {
    if (inference.idEvidence) issues.push(idKeptAsTextIssue(name, inference.idEvidence));
    if (facts && facts.zeroFractionCount > 0) {
      issues.push({
        code: 'id-decimal-artifact',
        severity: 'warning',
        message:
          `${facts.zeroFractionCount} id(s) in column “${name}” end in a decimal zero, such as ${quote(cellAt(facts.zeroFractionIndexes[0]))}: ` +
          'a spreadsheet stored them as numbers. They are kept as written; remove the “.0” at the source so they match ids elsewhere.',
        column: name,
        count: facts.zeroFractionCount,
        lines: facts.zeroFractionIndexes.map(lineOf),
        params: { count: facts.zeroFractionCount, column: name, example: shorten(cellAt(facts.zeroFractionIndexes[0])) },
      });
    }
  }

  // Whatever the column is loaded as, ids in scientific notation have already lost digits.
  if (facts && facts.exponentCount > 0) {
    issues.push({
      code: 'id-scientific-notation',
      severity: 'warning',
      message:
        `${facts.exponentCount} id(s) in column “${name}” are in scientific notation, such as ${quote(cellAt(facts.exponentIndexes[0]))}: ` +
        'a spreadsheet has already rounded them and their last digits are lost. Export the ids as text from the source system.',
      column: name,
      count: facts.exponentCount,
      lines: facts.exponentIndexes.map(lineOf),
      params: { count: facts.exponentCount, column: name, example: shorten(cellAt(facts.exponentIndexes[0])) },
    });
  }
  if (inference.suggestedSpec && spec.type !== 'date' && spec.type !== 'datetime') {
    issues.push({
      code: 'date-yyyymmdd-suggested',
      severity: 'info',
      message:
        `Column “${name}” holds 8-digit numbers that are all valid dates, such as ${quote(inference.examples[0] ?? null)}; ` +
        `it is loaded as ${spec.type}. Choose date (yyyymmdd) to read them as dates.`,
      column: name,
      params: { column: name, example: shorten(inference.examples[0] ?? null), type: spec.type },
    });
  }
  return issues;
}

/**
 * The reasons are params of their own (`nameLooksLikeId`, `leadingZeroExample`, `longNumberExample`,
 * each present only when it applies), so the UI can join them in its own language.
 */
function idKeptAsTextIssue(name: string, evidence: IdEvidence): ImportIssue {
  const reasons: string[] = [];
  const params: IssueParams = { column: name };
  if (evidence.header) {
    reasons.push('its name looks like an identifier');
    params.nameLooksLikeId = 'yes';
  }
  if (evidence.leadingZeroExample !== null) {
    reasons.push(`values have leading zeros, such as ${quote(evidence.leadingZeroExample)}`);
    params.leadingZeroExample = shorten(evidence.leadingZeroExample);
  }
  if (evidence.longNumberExample !== null) {
    reasons.push(`values have more than 15 digits, such as ${quote(evidence.longNumberExample)}, which numbers cannot hold exactly`);
    params.longNumberExample = shorten(evidence.longNumberExample);
  }
  return {
    code: 'id-kept-as-text',
    severity: 'info',
    message: `Column “${name}” looks numeric but is kept as text because ${reasons.join(' and ')}. Choose a number type if it holds quantities.`,
    column: name,
    count: evidence.numberCount,
    params,
  };
}
