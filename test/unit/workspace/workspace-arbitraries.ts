// Random workspaces for property tests: every cell kind, valid names and references, formulas that parse.
import fc from 'fast-check';
import { checkResultName, type Cell, type Parameter, type TagDefinition, type WorkspaceDefinition } from '../../../src/engine/index.ts';

const name = fc.stringMatching(/^[a-z_][a-z0-9_]{0,12}$/).filter((n) => checkResultName(n, []) === null);
/** Any text, lone surrogates and control characters included (markdown and SQL keep them as typed). */
const anyText = fc.string({ unit: 'binary', maxLength: 60 });
// eslint-disable-next-line no-control-regex -- column names never hold control characters
const columnName = fc.string({ maxLength: 20 }).filter((s) => !/[\u0000-\u001f\u007f]/.test(s));
const finite = fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e9, max: 1e9 }).map((v) => (Object.is(v, -0) ? 0 : v));
const formula = fc.constantFrom('revenue', 'recency_days', 'revenue / orders', 'IF(orders >= 2, revenue, 0)', 'LEFT(customer_id, 1) = "C"', 'orders * 100 + 1.5');
const segment = fc.record(
  { label: anyText, labelZh: anyText, colour: fc.constantFrom('#2e9d5b', '#abc', 'teal'), description: anyText },
  { requiredKeys: ['label'] },
);

function tagOf(kind: number, tagName: string, thresholds: (number | string)[], segments: { label: string }[], metric: string): TagDefinition {
  switch (kind) {
    case 0:
      return { kind: 'cut', name: tagName, metric, thresholds, inclusive: 'lower', segments };
    case 1:
      return { kind: 'quantile', name: tagName, metric, bins: 5, method: 'position', direction: 'low' };
    case 2:
      return { kind: 'rules', name: tagName, rules: segments.map((segment) => ({ when: `${metric} > 1`, segment })), otherwise: { label: 'Others' } };
    case 3:
      return { kind: 'flag', name: tagName, when: `${metric} >= 2`, whenTrue: { label: 'yes' }, whenFalse: { label: 'no' } };
    default:
      return { kind: 'score', name: tagName, components: [{ formula: metric, weight: thresholds[0] ?? 1 }], thresholds, segments };
  }
}

export const workspaceArbitrary: fc.Arbitrary<WorkspaceDefinition> = fc
  .record({
    name: anyText,
    timeZone: fc.option(fc.constantFrom('Asia/Shanghai', 'UTC', 'Europe/Berlin'), { nil: undefined }),
    head: fc.array(
      fc.oneof(
        fc.record({ kind: fc.constant('note' as const), markdown: anyText, collapsed: fc.boolean() }),
        fc.record({ kind: fc.constant('sql' as const), sql: anyText, resultName: name, collapsed: fc.boolean() }),
        fc.record({ kind: fc.constant('source' as const), tableName: name, collapsed: fc.boolean() }),
      ),
      { maxLength: 6 },
    ),
    customer: columnName,
    asOf: fc.option(fc.integer({ min: -10000, max: 40000 }), { nil: null }),
    numbers: fc.array(fc.record({ value: finite, description: fc.option(anyText, { nil: undefined }) }), { maxLength: 3 }),
    tags: fc.array(
      fc.record({ kind: fc.integer({ min: 0, max: 4 }), name, thresholds: fc.array(fc.oneof(finite, fc.constant('@param')), { maxLength: 3 }), segments: fc.array(segment, { minLength: 1, maxLength: 3 }), metric: formula }),
      { maxLength: 5 },
    ),
    charts: fc.array(fc.record({ tag: fc.nat(), spec: fc.option(anyText, { nil: undefined }), specAccepted: fc.option(fc.boolean(), { nil: undefined }) }), { maxLength: 3 }),
  })
  .map((r) => {
    const parameters: Parameter[] = [
      { name: 'as_of', type: 'date', value: r.asOf },
      ...r.numbers.map((p, i): Parameter => ({ name: `p_${i}`, type: 'number', value: p.value, ...(p.description !== undefined ? { description: p.description } : {}) })),
    ];
    const cells: Cell[] = [];
    const id = () => `cell-${cells.length + 1}`;
    r.head.forEach((cell, i) => {
      // Suffixes keep names unique, and apart from the customer table's.
      if (cell.kind === 'note') cells.push({ id: id(), ...cell });
      else if (cell.kind === 'sql') cells.push({ id: id(), ...cell, resultName: `${cell.resultName}_r${i}` });
      else cells.push({ id: id(), ...cell, tableName: `${cell.tableName}_s${i}` });
    });
    cells.push({
      id: id(),
      kind: 'customers',
      collapsed: false,
      resultName: 'customer_table',
      sources: { orders: 'orders' },
      definition: { roles: { customer: r.customer, time: 'order_time', amount: { formula: 'quantity * price' } } },
      customMetrics: [{ name: 'avg_basket', formula: 'revenue / orders' }],
    });
    const tagNames = r.tags.map((t, i) => `${t.name}_t${i}`);
    r.tags.forEach((t, i) => {
      const thresholds = t.thresholds.map((v) => (v === '@param' ? (r.numbers.length ? 'p_0' : 7) : v));
      cells.push({ id: id(), kind: 'tag', collapsed: false, tableName: 'customer_table', definition: tagOf(t.kind, tagNames[i], thresholds, t.segments, t.metric) });
    });
    for (const chart of r.charts) {
      const cell: Cell = { id: id(), kind: 'chart', collapsed: false, tableName: 'customer_table', chart: { view: 'segments', tag: tagNames.length ? tagNames[chart.tag % tagNames.length] : '' } };
      if (chart.spec !== undefined) cell.chart.spec = chart.spec;
      if (chart.specAccepted !== undefined) cell.specAccepted = chart.specAccepted;
      cells.push(cell);
    }
    const workspace: WorkspaceDefinition = { format: 'tagbook-workspace', version: 1, name: r.name, cells, parameters };
    if (r.timeZone !== undefined) workspace.timeZone = r.timeZone;
    return workspace;
  });

/** A copy of `value` whose objects' keys are in a random order (from `seed`); arrays keep theirs. */
export function shuffleKeys(value: unknown, random: () => number): unknown {
  if (Array.isArray(value)) return value.map((v) => shuffleKeys(v, random));
  if (value === null || typeof value !== 'object') return value;
  const keys = Object.keys(value);
  for (let i = keys.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [keys[i], keys[j]] = [keys[j], keys[i]];
  }
  return Object.fromEntries(keys.map((k) => [k, shuffleKeys((value as Record<string, unknown>)[k], random)]));
}
