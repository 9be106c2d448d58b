/**
 * The tags an analysis makes (issue #9): "due for replenishment" from a replenishment cycle, and
 * "bought A, not yet B" from a cross-sell pair. Each adds product metrics to the customer table
 * cell (ProductMetric), the parameter a threshold needs, and a tag cell after the analysis cell —
 * ordinary notebook content the user can edit. Pure: new cell and parameter lists are returned.
 */
import type { Cell, CustomersCell, TagCell } from '../notebook/cells.ts';
import { newCellId, insertCell, updateCell } from '../notebook/cells.ts';
import { checkResultName } from '../notebook/result-names.ts';
import type { Parameter } from '../parameters/parameters.ts';
import type { TagDefinition } from '../tags/types.ts';
import { AnalysisError, type ItemDimension, type ProductMetric } from './types.ts';

export interface ProductTagOutcome {
  cells: Cell[];
  parameters: Parameter[];
  /** The new tag's name and its cell. */
  tagName: string;
  tagCellId: string;
}

/** The parameter the replenishment tag's threshold reads: "due" at this many cycles since the last purchase. */
export const REPLENISH_FACTOR = 'replenish_factor';

/**
 * Adds a `replenishment` product metric over `items`, the `replenish_factor` parameter (1 cycle,
 * a slider from 0.5 to 3) when missing, and a rules tag: due (ratio ≥ factor), not yet, never bought.
 */
export function addReplenishmentTag(
  cells: readonly Cell[],
  parameters: readonly Parameter[],
  at: { customersCellId: string; afterCellId: string },
  choice: { by: ItemDimension; items: string[]; minPairs: number },
  taken: { columns: readonly string[] },
): ProductTagOutcome {
  const customers = customersCell(cells, at.customersCellId);
  if (choice.items.length === 0) throw new AnalysisError('bad-option', 'Choose at least one product for the replenishment tag.');
  const metric = freeName('replenish_ratio', namesOf(customers, taken.columns));
  const productMetric: ProductMetric = { kind: 'replenishment', name: metric, by: choice.by, items: [...choice.items], minPairs: choice.minPairs };
  const withMetric = addProductMetrics(cells, customers, [productMetric]);
  const nextParameters = parameters.some((p) => p.name.toLowerCase() === REPLENISH_FACTOR)
    ? [...parameters]
    : [
        ...parameters,
        {
          name: REPLENISH_FACTOR,
          type: 'number' as const,
          value: 1,
          slider: { min: 0.5, max: 3, step: 0.1 },
          description: 'A customer is due for replenishment when the days since their last purchase reach this many cycles.',
        },
      ];
  const tagName = freeName('due_replenishment', tagNamesOf(cells, customers.resultName));
  const definition: TagDefinition = {
    kind: 'rules',
    name: tagName,
    rules: [
      { when: `${metric} >= ${REPLENISH_FACTOR}`, segment: { label: 'Due for replenishment', labelZh: '该补货了', colour: '#d62728', suggestedAction: 'Remind them of the products they run out of.' } },
      { when: `COALESCE(${metric}, -1) >= 0`, segment: { label: 'Not due yet', labelZh: '未到补货期', colour: '#2ca02c' } },
    ],
    otherwise: { label: 'Never bought these', labelZh: '未购买过', colour: '#9e9e9e' },
  };
  return withTag(withMetric, nextParameters, customers.resultName, at.afterCellId, definition);
}

/**
 * Adds `bought` product metrics for A and for B and a flag tag: customers who bought A and never
 * B (as of the analysis date) — the audience for recommending B.
 */
export function addBoughtNotYetTag(
  cells: readonly Cell[],
  parameters: readonly Parameter[],
  at: { customersCellId: string; afterCellId: string },
  choice: { by: ItemDimension; a: string; b: string },
  taken: { columns: readonly string[] },
): ProductTagOutcome {
  const customers = customersCell(cells, at.customersCellId);
  if (choice.a === choice.b) throw new AnalysisError('bad-option', 'Choose two different products.');
  const names = namesOf(customers, taken.columns);
  const metricA = freeName(metricBase(choice.a, 'a'), names);
  const metricB = freeName(metricBase(choice.b, 'b'), [...names, metricA]);
  const metrics: ProductMetric[] = [
    { kind: 'bought', name: metricA, by: choice.by, items: [choice.a] },
    { kind: 'bought', name: metricB, by: choice.by, items: [choice.b] },
  ];
  const withMetrics = addProductMetrics(cells, customers, metrics);
  const tagName = freeName(`${metricA}_not_${metricB.replace(/^bought_/, '')}`.slice(0, 60), tagNamesOf(cells, customers.resultName));
  const definition: TagDefinition = {
    kind: 'flag',
    name: tagName,
    when: `${metricA} > 0 AND ${metricB} = 0`,
    whenTrue: {
      label: `Bought ${choice.a}, not yet ${choice.b}`,
      labelZh: `买过 ${choice.a}，未买 ${choice.b}`,
      colour: '#1f77b4',
      suggestedAction: `Recommend ${choice.b}.`,
    },
    whenFalse: { label: 'Others', labelZh: '其他', colour: '#9e9e9e' },
  };
  return withTag(withMetrics, [...parameters], customers.resultName, at.afterCellId, definition);
}

function customersCell(cells: readonly Cell[], id: string): CustomersCell {
  const cell = cells.find((c): c is CustomersCell => c.id === id && c.kind === 'customers');
  if (!cell) throw new AnalysisError('no-customer-table', 'The customer table of this analysis is gone.');
  return cell;
}

function addProductMetrics(cells: readonly Cell[], customers: CustomersCell, metrics: ProductMetric[]): Cell[] {
  const definition = { ...customers.definition, productMetrics: [...(customers.definition.productMetrics ?? []), ...metrics] };
  return updateCell<'customers'>(cells, customers.id, { definition });
}

function withTag(cells: Cell[], parameters: Parameter[], tableName: string, afterCellId: string, definition: TagDefinition): ProductTagOutcome {
  const id = newCellId(cells);
  const after = cells.findIndex((c) => c.id === afterCellId);
  const tag: TagCell = { id, kind: 'tag', collapsed: false, tableName, definition };
  return { cells: insertCell(cells, tag, after < 0 ? cells.length : after + 1), parameters, tagName: definition.name, tagCellId: id };
}

/** Every name a new metric must avoid: the table's columns, the custom metrics, the product metrics. */
function namesOf(customers: CustomersCell, columns: readonly string[]): string[] {
  return [...columns, ...customers.customMetrics.map((m) => m.name), ...(customers.definition.productMetrics ?? []).map((m) => m.name)];
}

function tagNamesOf(cells: readonly Cell[], tableName: string): string[] {
  return cells.flatMap((c) => (c.kind === 'tag' && c.tableName === tableName ? [c.definition.name] : []));
}

/** `bought_<product>` when the product's text makes a plain name, else `bought_<fallback>`. */
function metricBase(item: string, fallback: string): string {
  const plain = item
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 30);
  const name = `bought_${plain || fallback}`;
  return checkResultName(name, []) === null ? name : `bought_${fallback}`;
}

function freeName(base: string, taken: readonly string[]): string {
  const lower = new Set(taken.map((n) => n.toLowerCase()));
  if (!lower.has(base.toLowerCase())) return base;
  for (let i = 2; ; i++) if (!lower.has(`${base}_${i}`.toLowerCase())) return `${base}_${i}`;
}
