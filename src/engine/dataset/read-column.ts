/**
 * Reading one raw column into a typed column: infer its spec from every cell (unless the user
 * overrode it), build the column, and report what the user must know (bad cells, ids kept as
 * text, dates guessed or converted).
 *
 * Cells are read from the raw table a block at a time (see ColumnCells), so a column never
 * exists as a million strings at once: only the parsed kinds and values, and a text column's
 * dictionary, outlive their block, and the few cells quoted in issues are read again by index.
 * A typed column costs one classifying pass whose parsed values are reused by the build (a
 * second only when an override or the evidence changes how cells read); a text column costs
 * the classifying pass up to where it proved the column text, then one encoding pass; a column
 * under an id header costs one pass that gathers the id facts and encodes the text together.
 */
import { buildColumnIssues, type ColumnFindings } from './build-column-issues.ts';
import { buildNumericColumn } from './build-numeric-column.ts';
import { buildTextColumn, TextColumnEncoder, type BuiltTextColumn } from './build-text-column.ts';
import { ImportError } from './import-error.ts';
import { inferCellKinds, type ScanAssumptions } from './infer-cell-kinds.ts';
import { inferColumnType, type ColumnInference } from './infer-column-type.ts';
import { addIdFacts, emptyIdFacts, type IdFacts } from './infer-id-facts.ts';
import { looksLikeIdHeader } from './looks-like-id.ts';
import { DEFAULT_DATE_ORDER } from './parse-date.ts';
import { forEachBlock, rawColumnCells } from './read-cells.ts';
import { isValidTimeZone } from './time-zone.ts';
import { COLUMN_TYPES, type Column, type ColumnSpec, type ColumnSummary, type ColumnType, type ImportIssue, type RawTable } from './types.ts';

/** How to read one column: the user's overrides, the workspace zone and the rows to keep. */
export interface ReadColumnOptions {
  /** The user's overrides; unset fields are inferred. */
  override?: Partial<ColumnSpec>;
  /** IANA zone of the workspace, e.g. 'Asia/Shanghai'. */
  timeZone: string;
  /** Data-row indexes to include (rows excluded as ragged are left out); default: all rows. */
  rows?: Int32Array;
}

/** The column as the preview shows it, its typed data, and the issues found in it. */
export interface ReadColumnResult {
  summary: ColumnSummary;
  column: Column;
  issues: ImportIssue[];
}

function isDateType(type: ColumnType): boolean {
  return type === 'date' || type === 'datetime';
}

/** Rejects override values no UI offers (they can come from a hand-edited workspace file). */
function checkOverride(name: string, override: Partial<ColumnSpec>): void {
  const allowed: Record<string, readonly unknown[]> = {
    type: COLUMN_TYPES,
    dateOrder: ['ymd', 'dmy', 'mdy'],
    dateFormat: ['auto', 'yyyymmdd', 'excel-serial'],
    decimalSeparator: ['.', ','],
  };
  for (const [key, value] of Object.entries(override)) {
    if (value === undefined) continue;
    if (!(key in allowed) || !allowed[key].includes(value)) {
      throw new ImportError('bad-option', `Column “${name}”: “${String(value)}” is not a valid ${key}.`, undefined, {
        column: name,
        value: String(value),
        option: key,
        variant: 'column-option',
      });
    }
  }
}

/** The spec of `type` with the settings inference found for this column. */
function inferredSpecFor(type: ColumnType, inference: ColumnInference): ColumnSpec {
  if (type === inference.spec.type) return inference.spec;
  if (type === 'integer' || type === 'decimal') return { type, decimalSeparator: inference.decimalSeparator };
  if (isDateType(type)) return inference.dateOrder ? { type, dateOrder: inference.dateOrder } : { type };
  return { type };
}

/** The override merged over the inferred spec of the chosen type. */
function mergeSpec(inference: ColumnInference, override: Partial<ColumnSpec> | undefined): ColumnSpec {
  if (!override) return inference.spec;
  const spec: ColumnSpec = { ...inferredSpecFor(override.type ?? inference.spec.type, inference) };
  if (override.dateOrder !== undefined) spec.dateOrder = override.dateOrder;
  if (override.dateFormat !== undefined) spec.dateFormat = override.dateFormat;
  if (override.decimalSeparator !== undefined) spec.decimalSeparator = override.decimalSeparator;
  return spec;
}

/** The scan assumptions a spec builds under (settings irrelevant to its type at their defaults). */
function assumptionsFor(spec: ColumnSpec): ScanAssumptions {
  const dateType = isDateType(spec.type);
  const dateFormat = dateType ? (spec.dateFormat ?? 'auto') : 'auto';
  const numbersMatter = spec.type === 'integer' || spec.type === 'decimal' || dateFormat === 'excel-serial';
  return {
    decimalSeparator: numbersMatter ? (spec.decimalSeparator ?? '.') : '.',
    dateOrder: dateType ? (spec.dateOrder ?? DEFAULT_DATE_ORDER) : DEFAULT_DATE_ORDER,
    dateFormat,
  };
}

function sameAssumptions(a: ScanAssumptions, b: ScanAssumptions): boolean {
  return a.decimalSeparator === b.decimalSeparator && a.dateOrder === b.dateOrder && a.dateFormat === b.dateFormat;
}

/** Infers the type of one raw column (unless overridden) and builds its typed column. */
export function readColumn(raw: RawTable, columnIndex: number, name: string, options: ReadColumnOptions): ReadColumnResult {
  const { override, timeZone, rows } = options;
  if (!isValidTimeZone(timeZone)) {
    throw new ImportError('bad-option', `“${timeZone}” is not a known time zone; use an IANA name such as Asia/Shanghai or UTC.`, undefined, {
      timeZone,
      variant: 'time-zone',
    });
  }
  if (override) checkOverride(name, override);
  const originalName = raw.header[columnIndex];
  const cells = rawColumnCells(raw, columnIndex, rows);
  const headers = [originalName, name];
  // Under an id header the column is nearly always text: one pass gathers the id facts and
  // encodes the text together (unless the user chose another type).
  let text: BuiltTextColumn | null = null;
  let headerFacts: IdFacts | undefined;
  if (headers.some(looksLikeIdHeader) && (override?.type === undefined || override.type === 'text')) {
    const facts = emptyIdFacts();
    const encoder = new TextColumnEncoder(cells.length);
    forEachBlock(cells, 0, (block, start, count) => {
      addIdFacts(facts, block, start, count);
      encoder.add(block, start, count);
    });
    text = encoder.finish(name);
    headerFacts = facts;
  }
  const inference = inferColumnType(cells, headers, headerFacts);
  const spec = mergeSpec(inference, override);

  let column: Column;
  let nullCount: number;
  let badCount = 0;
  let numeric: ColumnFindings['numeric'] = null;
  if (spec.type === 'text') {
    const built = text ?? buildTextColumn(cells, name);
    column = built.column;
    nullCount = built.nullCount;
  } else {
    text = null;
    const wanted = assumptionsFor(spec);
    const inferred = inference.scan;
    const reusable = inferred !== null && inferred.scanned === cells.length && sameAssumptions(inferred.assumptions, wanted);
    const scan = reusable ? inferred : inferCellKinds(cells, wanted, false);
    const built = buildNumericColumn(scan, spec.type, timeZone);
    column = { name, type: spec.type, values: built.values };
    nullCount = built.nullCount;
    badCount = built.badCount;
    numeric = { scan, built };
  }

  const issues = buildColumnIssues({
    name,
    spec,
    inference,
    numeric,
    userChoseDateOrder: override?.dateOrder !== undefined,
    timeZone,
    cellAt: (index) => cells.at(index),
    lineOf: (index) => raw.lineNumbers[rows ? rows[index] : index],
  });
  const summary: ColumnSummary = {
    name,
    originalName,
    spec,
    inferredType: inference.spec.type,
    nullCount,
    badCount,
    examples: inference.examples.slice(),
  };
  if (inference.suggestedSpec) summary.suggestedSpec = inference.suggestedSpec;
  return { summary, column, issues };
}
