/**
 * Reads a workspace or template definition from a file and validates everything before any of it
 * is used (SPEC §7): JSON, format, version (older ones migrated, newer ones refused naming their
 * version), every field's shape (unknown fields named with their path), names (plain identifiers,
 * so nothing with SQL in it can become a table or column name), every formula's syntax (types are
 * checked later, against the data), references between cells, and the parameters. Nothing is
 * evaluated or executed here.
 *
 * The answer is the definition, or every problem found (up to MAX_PROBLEMS): never both. Shapes
 * are checked first; formulas, parameters and references only once every shape is right (they
 * rely on it), so a file with a shape problem may have more to fix after it.
 */
import { MAX_ANALYSIS_ROWS, MAX_WINDOW_DAYS } from '../analyses/types.ts';
import { ALL_CHART_VIEWS, isResultChartView, type ChartDefinition } from '../charts/types.ts';
import { isValidTimeZone } from '../dataset/time-zone.ts';
import { isFormulaError } from '../formula/formula-error.ts';
import { parseFormula } from '../formula/parse-formula.ts';
import { withoutSpecConsent, type Cell } from '../notebook/cells.ts';
import { AS_OF, checkSlider, checkValue, type Parameter } from '../parameters/parameters.ts';
import { tagFormulas } from '../tags/evaluate-tags.ts';
import type { TagDefinition, Threshold } from '../tags/types.ts';
import {
  bool,
  byKind,
  colour,
  columnName,
  describeValue,
  either,
  finiteNumber,
  integer,
  isRecord,
  list,
  literal,
  object,
  pathOf,
  plainName,
  text,
  type Check,
  type ObjectSpec,
} from './check-shape.ts';
import { migrateDefinition } from './migrate-definition.ts';
import {
  DEFINITION_VERSION,
  TEMPLATE_FORMAT,
  WORKSPACE_FORMAT,
  type Definition,
  type TemplateDefinition,
  type WorkspaceDefinition,
  type WorkspaceProblem,
} from './workspace-definition.ts';

/** At most this many problems are reported (the first ones, in file order). */
export const MAX_PROBLEMS = 50;
/** A definition file larger than this (in characters) is refused unread: definitions are small, data is not in them. */
export const MAX_DEFINITION_CHARS = 20_000_000;

export interface ReadDefinitionOptions {
  /**
   * Keep the consent to render a chart's hand-edited spec (`specAccepted`) as saved. Only for the
   * user's own autosave: a file (someone else's, perhaps) has it removed, so the user agrees again.
   */
  keepSpecConsent?: boolean;
}

export type ReadResult<D> = { definition: D } | { problems: WorkspaceProblem[] };

/** Reads a workspace definition (`format: "tagbook-workspace"`) from JSON text or an already parsed value. */
export function readWorkspaceDefinition(input: unknown, options: ReadDefinitionOptions = {}): ReadResult<WorkspaceDefinition> {
  return readDefinition(input, [WORKSPACE_FORMAT], options) as ReadResult<WorkspaceDefinition>;
}

/** Reads a template (`format: "tagbook-template"`) from JSON text or an already parsed value. */
export function readTemplateDefinition(input: unknown, options: ReadDefinitionOptions = {}): ReadResult<TemplateDefinition> {
  return readDefinition(input, [TEMPLATE_FORMAT], options) as ReadResult<TemplateDefinition>;
}

/** Reads either format (what the CLI's `run` takes): check `definition.format` to tell them apart. */
export function readAnyDefinition(input: unknown, options: ReadDefinitionOptions = {}): ReadResult<Definition> {
  return readDefinition(input, [WORKSPACE_FORMAT, TEMPLATE_FORMAT], options);
}

function readDefinition(input: unknown, formats: readonly string[], options: ReadDefinitionOptions): ReadResult<Definition> {
  let raw = input;
  if (typeof input === 'string') {
    if (input.length > MAX_DEFINITION_CHARS) return refuse('', `The file is too large for a definition (over ${MAX_DEFINITION_CHARS.toLocaleString('en')} characters).`);
    try {
      raw = JSON.parse(input.replace(/^\uFEFF/, ''));
    } catch (error) {
      return refuse('', `The file is not valid JSON (it may be cut short or damaged): ${(error as Error).message}`);
    }
  }
  if (!isRecord(raw)) return refuse('', 'The file does not hold a Tagbook definition (a JSON object).');
  const format = raw.format;
  if (typeof format !== 'string' || !formats.includes(format)) {
    const wanted = formats.map((f) => `"${f}"`).join(' or ');
    if (format === undefined) return refuse('format', `The file has no "format" field; a Tagbook file says ${wanted}.`);
    if (format === WORKSPACE_FORMAT || format === TEMPLATE_FORMAT) {
      return refuse('format', `This is a ${format === WORKSPACE_FORMAT ? 'workspace' : 'template'} file ("${format}"), but a ${wanted} file is needed here.`);
    }
    return refuse('format', `This is not a Tagbook file: its format is ${JSON.stringify(format)}, not ${wanted}.`);
  }
  const migrated = migrateDefinition(raw);
  if ('problems' in migrated) return migrated;
  const value = migrated.raw;

  const problems: WorkspaceProblem[] = [];
  (format === WORKSPACE_FORMAT ? WORKSPACE_SHAPE : TEMPLATE_SHAPE)(value, '', problems);
  if (problems.length === 0) {
    const definition = value as unknown as Definition;
    checkFormulas(definition.cells, problems);
    checkParameters(definition.parameters, problems);
    checkReferences(definition.cells, definition.parameters, problems);
  }
  if (problems.length > 0) return { problems: problems.slice(0, MAX_PROBLEMS) };

  // A fresh copy: the caller may keep it while the input is changed or reused.
  const definition = JSON.parse(JSON.stringify(value)) as Definition;
  if (!options.keepSpecConsent) definition.cells = withoutSpecConsent(definition.cells);
  return { definition };
}

function refuse(path: string, message: string): { problems: WorkspaceProblem[] } {
  return { problems: [{ path, message }] };
}

// ---- shapes ----------------------------------------------------------------------------------

const role: Check = either((v) => typeof v === 'string', columnName, object({ required: { formula: text } }));
const optionalRoles = (names: string[]): Record<string, Check> => Object.fromEntries(names.map((n) => [n, role]));

const fraction: Check = (value, path, problems) => {
  if (typeof value !== 'number' || !(value >= 0 && value <= 1)) problems.push({ path, message: `Expected a number from 0 to 1, found ${describeValue(value)}.` });
};
const PRODUCT_METRIC = byKind(
  {
    bought: { required: { name: plainName(), by: literal('product', 'category'), items: list(text) } },
    replenishment: { required: { name: plainName(), by: literal('product', 'category'), items: list(text), minPairs: integer(0, 1_000_000) } },
  },
  'product metric',
);

const CUSTOMER_TABLE_DEFINITION = object({
  required: {
    roles: object({
      required: { customer: role, time: role },
      optional: optionalRoles(['amount', 'order', 'coupon', 'status', 'channel', 'product', 'category', 'quantity', 'unitPrice']),
    }),
  },
  optional: {
    itemRoles: object({ required: { order: role }, optional: optionalRoles(['product', 'category']) }),
    customerRoles: object({ required: { customer: role } }),
    refunds: byKind(
      {
        negative: { required: {} },
        status: { required: { values: list(text) } },
        formula: { required: { formula: text } },
      },
      'refund rule',
    ),
    orderRows: literal('one-per-order', 'lines'),
    filters: object({
      required: {},
      optional: {
        dateRange: object({ required: {}, optional: { from: integer(), to: integer() } }),
        channels: list(text),
        excludedCustomers: list(text),
      },
    }),
    metrics: object({
      required: {},
      optional: {
        orders: literal('rows', 'orders', 'days'),
        revenue: literal('gross', 'net-of-refunds', 'net-of-coupons', 'net-of-refunds-and-coupons'),
        includeFirstPurchase: bool,
      },
    }),
    preset: literal('default', 'lifetimes'),
    productMetrics: list(PRODUCT_METRIC),
    asOf: integer(),
    cutoff: integer(),
  },
});

const segment = object({
  required: { label: text },
  optional: { labelZh: text, colour, description: text, suggestedAction: text },
});
const threshold: Check = either((v) => typeof v === 'string', plainName(), finiteNumber);
const thresholds = list(threshold);
const inclusive = literal('upper', 'lower');
const quantileMethod = literal('rank', 'position', 'rfm');
const MAX_BINS = 100;
const scoreRange: Check = (value, path, problems) => {
  if (!Array.isArray(value) || value.length !== 2) {
    problems.push({ path, message: 'Expected a score range [low, high].' });
    return;
  }
  value.forEach((v, i) => integer(0, MAX_BINS)(v, pathOf(path, i), problems));
};
const tagName = plainName();
const rfmMetrics = { name: tagName, recency: text, frequency: text, monetary: text };

const TAG_DEFINITION = byKind(
  {
    cut: { required: { name: tagName, metric: text, thresholds, segments: list(segment) }, optional: { inclusive } },
    quantile: {
      required: { name: tagName, metric: text, bins: integer(1, MAX_BINS) },
      optional: { method: quantileMethod, direction: literal('high', 'low'), segments: list(segment) },
    },
    rules: { required: { name: tagName, rules: list(object({ required: { when: text, segment } })) }, optional: { otherwise: segment } },
    flag: { required: { name: tagName, when: text, whenTrue: segment, whenFalse: segment } },
    score: {
      required: {
        name: tagName,
        components: list(object({ required: { formula: text }, optional: { weight: threshold, cap: threshold } })),
        thresholds,
        segments: list(segment),
      },
      optional: { inclusive },
    },
    rfm: {
      required: rfmMetrics,
      optional: {
        bins: integer(1, MAX_BINS),
        method: quantileMethod,
        breaks: object({ required: {}, optional: { recency: thresholds, frequency: thresholds, monetary: thresholds } }),
        rules: list(object({ required: { segment, r: scoreRange, f: scoreRange, m: scoreRange } })),
        otherwise: segment,
        segmentsBy: literal('code', 'total'),
      },
    },
    rfm8: {
      required: rfmMetrics,
      optional: {
        reference: either(
          (v) => typeof v === 'string',
          literal('mean', 'median'),
          object({ required: { recency: threshold, frequency: threshold, monetary: threshold } }),
        ),
        basis: literal('raw', 'scores'),
        tie: literal('>', '>='),
        segments: list(segment),
      },
    },
  },
  'tag',
);

const CHART_DEFINITION = object({
  required: { view: literal(...ALL_CHART_VIEWS), tag: plainName({ allowEmpty: true }) },
  optional: {
    tag2: plainName({ allowEmpty: true }),
    measure: literal('count', 'revenue', 'monetary'),
    metric: columnName,
    metric2: columnName,
    log: bool,
    bins: integer(1, 1000),
    period: literal('week', 'month'),
    basis: literal('first', 'last'),
    percent: bool,
    x: columnName,
    y: list(columnName),
    mark: literal('line', 'bar'),
    title: text,
    spec: text,
  },
});

const itemDimension = literal('product', 'category');
const ANALYSIS_DEFINITION = byKind(
  {
    backtest: { required: { tag: tagName, cutoff: integer(), windowDays: integer(1, MAX_WINDOW_DAYS) }, optional: { compareCutoff: integer() } },
    migration: { required: { tag: tagName, from: integer(), to: integer() } },
    replenishment: { required: { by: itemDimension, minPairs: integer(0, 1_000_000) } },
    'cross-sell': { required: { by: itemDimension, minOrders: integer(1, 1_000_000_000), minSupport: fraction, limit: integer(1, MAX_ANALYSIS_ROWS) } },
    'shopping-path': { required: { by: itemDimension, minCustomers: integer(1, 1_000_000_000), limit: integer(1, MAX_ANALYSIS_ROWS) } },
  },
  'analysis',
);

const cellId: Check = (value, path, problems) => {
  if (typeof value !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(value)) {
    problems.push({ path, message: 'A cell id is 1 to 64 letters, digits, "-" or "_".' });
  }
};
const cellBase = { id: cellId, collapsed: bool };
const CELL_VARIANTS: Record<Cell['kind'], ObjectSpec> = {
  note: { required: { ...cellBase, markdown: text } },
  source: { required: { ...cellBase, tableName: plainName() } },
  sql: { required: { ...cellBase, sql: text, resultName: plainName() } },
  customers: {
    required: {
      ...cellBase,
      resultName: plainName(),
      sources: object({ required: { orders: plainName({ allowEmpty: true }) }, optional: { items: plainName({ allowEmpty: true }), customers: plainName({ allowEmpty: true }) } }),
      definition: CUSTOMER_TABLE_DEFINITION,
      customMetrics: list(object({ required: { name: plainName(), formula: text } })),
    },
  },
  tag: { required: { ...cellBase, tableName: plainName(), definition: TAG_DEFINITION } },
  chart: { required: { ...cellBase, tableName: plainName(), chart: CHART_DEFINITION }, optional: { specAccepted: bool } },
  analysis: { required: { ...cellBase, tableName: plainName(), resultName: plainName(), analysis: ANALYSIS_DEFINITION } },
};
const CELL = byKind(CELL_VARIANTS, 'cell');

const PARAMETER = object({
  required: {
    name: plainName(),
    type: literal('number', 'date', 'text'),
    value: (value, path, problems) => {
      if (value !== null && typeof value !== 'string' && (typeof value !== 'number' || !Number.isFinite(value))) {
        problems.push({ path, message: `Expected a number, text or null, found ${describeValue(value)}.` });
      }
    },
  },
  optional: { slider: object({ required: { min: finiteNumber, max: finiteNumber, step: finiteNumber } }), description: text },
});

const timeZone: Check = (value, path, problems) => {
  if (typeof value !== 'string' || !isValidTimeZone(value)) problems.push({ path, message: `Not a time zone: ${JSON.stringify(value)} (expected an IANA name such as "Asia/Shanghai").` });
};

const common = {
  format: text,
  version: (value: unknown, path: string, problems: WorkspaceProblem[]) => {
    if (value !== DEFINITION_VERSION) problems.push({ path, message: `Expected format version ${DEFINITION_VERSION}.` });
  },
  name: text,
  cells: list(CELL),
  parameters: list(PARAMETER),
};
const VIEW = object({
  required: {},
  optional: {
    resultsOnly: bool,
    presentation: object({ required: { cells: list(cellId) } }),
    gridFilters: list(
      object({
        required: { table: plainName() },
        optional: { tag: plainName(), segments: list(integer(-1, 10_000)), idContains: text },
      }),
    ),
  },
});
const WORKSPACE_SHAPE = object({ required: common, optional: { timeZone, view: VIEW } });
const TEMPLATE_SHAPE = object({ required: common });

// ---- formulas --------------------------------------------------------------------------------

/** Parses every formula (syntax only: the names' types are known once the data is). */
function checkFormulas(cells: readonly Cell[], problems: WorkspaceProblem[]): void {
  cells.forEach((cell, i) => {
    const at = pathOf('cells', i);
    if (cell.kind === 'tag') {
      for (const { field, source } of tagFormulas(cell.definition)) checkFormula(source, `${at}.definition.${field}`, problems);
    } else if (cell.kind === 'customers') {
      cell.customMetrics.forEach((m, k) => checkFormula(m.formula, `${at}.customMetrics[${k}].formula`, problems));
      const { definition } = cell;
      const groups: [string, Record<string, unknown> | undefined][] = [
        ['roles', definition.roles as unknown as Record<string, unknown>],
        ['itemRoles', definition.itemRoles as Record<string, unknown> | undefined],
        ['customerRoles', definition.customerRoles],
      ];
      for (const [group, roles] of groups) {
        for (const [name, source] of Object.entries(roles ?? {})) {
          if (isRecord(source)) checkFormula(String(source.formula), `${at}.definition.${group}.${name}.formula`, problems);
        }
      }
      if (definition.refunds?.kind === 'formula') checkFormula(definition.refunds.formula, `${at}.definition.refunds.formula`, problems);
    }
  });
}

function checkFormula(source: string, path: string, problems: WorkspaceProblem[]): void {
  try {
    parseFormula(source);
  } catch (error) {
    if (!isFormulaError(error)) throw error;
    problems.push({ path, message: `The formula does not parse: ${error.message}` });
  }
}

// ---- parameters ------------------------------------------------------------------------------

function checkParameters(parameters: readonly Parameter[], problems: WorkspaceProblem[]): void {
  const seen = new Set<string>();
  parameters.forEach((parameter, i) => {
    const at = pathOf('parameters', i);
    const key = parameter.name.toLowerCase();
    if (seen.has(key)) problems.push({ path: `${at}.name`, message: `Another parameter is already named "${parameter.name}".` });
    seen.add(key);
    if (!checkValue(parameter)) {
      const wanted = parameter.type === 'number' ? 'a number' : parameter.type === 'date' ? 'a day number (days since 1970-01-01)' : 'text';
      problems.push({ path: `${at}.value`, message: `The ${parameter.type} parameter "${parameter.name}" needs ${wanted}${parameter.name === AS_OF ? ' or null (auto)' : ''}.` });
    }
    if (parameter.slider && (parameter.type !== 'number' || !checkSlider(parameter.slider))) {
      problems.push({ path: `${at}.slider`, message: 'A slider belongs to a number parameter and needs min < max and 0 < step ≤ max − min.' });
    }
    if (parameter.name === AS_OF && parameter.type !== 'date') problems.push({ path: `${at}.type`, message: `"${AS_OF}" is a date parameter.` });
  });
  if (!parameters.some((p) => p.name === AS_OF)) problems.push({ path: 'parameters', message: `The parameter "${AS_OF}" (the analysis date) is missing.` });
}

// ---- references ------------------------------------------------------------------------------

function checkReferences(cells: readonly Cell[], parameters: readonly Parameter[], problems: WorkspaceProblem[]): void {
  const ids = new Set<string>();
  const sources = new Set<string>();
  const customerTables = new Set<string>();
  const results = new Map<string, number>();
  cells.forEach((cell, i) => {
    if (ids.has(cell.id)) problems.push({ path: `${pathOf('cells', i)}.id`, message: `Another cell already has the id "${cell.id}".` });
    ids.add(cell.id);
    if (cell.kind === 'source') sources.add(cell.tableName.toLowerCase());
  });
  cells.forEach((cell, i) => {
    if (cell.kind !== 'sql' && cell.kind !== 'customers' && cell.kind !== 'analysis') return;
    const key = cell.resultName.toLowerCase();
    const path = `${pathOf('cells', i)}.resultName`;
    if (results.has(key)) problems.push({ path, message: `Cell ${results.get(key)! + 1} already keeps its result as "${cell.resultName}".` });
    else if (sources.has(key)) problems.push({ path, message: `"${cell.resultName}" is the name of an imported table.` });
    results.set(key, i);
    if (cell.kind === 'customers') customerTables.add(key);
  });

  const numberParameters = new Set(parameters.filter((p) => p.type === 'number').map((p) => p.name.toLowerCase()));
  const checkThreshold = (value: Threshold | undefined, path: string): void => {
    if (typeof value === 'string' && !numberParameters.has(value.toLowerCase())) {
      problems.push({ path, message: `"${value}" is not the name of a number parameter.` });
    }
  };
  const checkTable = (tableName: string, path: string): void => {
    const key = tableName.toLowerCase();
    if (!customerTables.has(key) && !sources.has(key)) {
      problems.push({ path, message: `"${tableName}" is neither a customer table of this notebook nor an imported table shown in a source cell.` });
    }
  };

  const tagsByTable = new Map<string, Map<string, number>>();
  cells.forEach((cell, i) => {
    if (cell.kind !== 'tag') return;
    const at = pathOf('cells', i);
    checkTable(cell.tableName, `${at}.tableName`);
    const tags = tagsByTable.get(cell.tableName.toLowerCase()) ?? new Map<string, number>();
    tagsByTable.set(cell.tableName.toLowerCase(), tags);
    const key = cell.definition.name.toLowerCase();
    if (tags.has(key)) problems.push({ path: `${at}.definition.name`, message: `Another tag of "${cell.tableName}" is already named "${cell.definition.name}".` });
    tags.set(key, i);
    tagThresholds(cell.definition).forEach(({ field, value }) => checkThreshold(value, `${at}.definition.${field}`));
  });
  cells.forEach((cell, i) => {
    if (cell.kind !== 'analysis') return;
    const at = pathOf('cells', i);
    if (!customerTables.has(cell.tableName.toLowerCase())) problems.push({ path: `${at}.tableName`, message: `"${cell.tableName}" is not a customer table of this notebook.` });
    const { analysis } = cell;
    if (analysis.kind === 'backtest' || analysis.kind === 'migration') {
      if (!tagsByTable.get(cell.tableName.toLowerCase())?.has(analysis.tag.toLowerCase())) problems.push({ path: `${at}.analysis.tag`, message: `There is no tag "${analysis.tag}" on "${cell.tableName}".` });
    }
  });
  cells.forEach((cell, i) => {
    if (cell.kind !== 'chart') return;
    const at = pathOf('cells', i);
    if (isResultChartView(cell.chart.view)) {
      // A series chart draws a SQL cell's result (its columns are known only once the cell runs).
      const result = results.get(cell.tableName.toLowerCase());
      if (result === undefined || cells[result].kind !== 'sql') problems.push({ path: `${at}.tableName`, message: `"${cell.tableName}" is not the result of a SQL cell of this notebook.` });
      return;
    }
    checkTable(cell.tableName, `${at}.tableName`);
    const tags = tagsByTable.get(cell.tableName.toLowerCase());
    const chart: ChartDefinition = cell.chart;
    for (const field of ['tag', 'tag2'] as const) {
      const name = chart[field];
      if (name && !tags?.has(name.toLowerCase())) problems.push({ path: `${at}.chart.${field}`, message: `There is no tag "${name}" on "${cell.tableName}".` });
    }
  });
}

/** The thresholds of a definition that may name a parameter, with their field. */
function tagThresholds(definition: TagDefinition): { field: string; value: Threshold | undefined }[] {
  switch (definition.kind) {
    case 'cut':
      return definition.thresholds.map((value, i) => ({ field: `thresholds[${i}]`, value }));
    case 'score':
      return [
        ...definition.thresholds.map((value, i) => ({ field: `thresholds[${i}]`, value })),
        ...definition.components.flatMap((c, i) => [
          { field: `components[${i}].weight`, value: c.weight },
          { field: `components[${i}].cap`, value: c.cap },
        ]),
      ];
    case 'rfm':
      return (['recency', 'frequency', 'monetary'] as const).flatMap((dimension) =>
        (definition.breaks?.[dimension] ?? []).map((value, i) => ({ field: `breaks.${dimension}[${i}]`, value })),
      );
    case 'rfm8': {
      const reference = definition.reference;
      if (typeof reference !== 'object') return [];
      return (['recency', 'frequency', 'monetary'] as const).map((dimension) => ({ field: `reference.${dimension}`, value: reference[dimension] }));
    }
    default:
      return [];
  }
}
