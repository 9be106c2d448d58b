/**
 * "Export as SQL" (issue #11, SPEC §8): one script per dialect that turns the raw orders table
 * (and the optional items and customers tables) of a workspace's customer table into that table
 * plus one column per tag, as the app computes them. The script is one WITH query, top to bottom:
 * the parameters as named constants, the column roles as a mapping step, the order filters, the
 * metrics, the custom metrics, then each tag; it ends with a SELECT (or CREATE TABLE … AS).
 */
import type { ColumnType } from '../dataset/types.ts';
import type { FormulaParameter } from '../formula/contract.ts';
import { isFormulaError } from '../formula/formula-error.ts';
import { formulaNames } from '../metrics/formula-names.ts';
import type { CustomersCell } from '../notebook/cells.ts';
import { AS_OF, type Parameter } from '../parameters/parameters.ts';
import { tagFormulas } from '../tags/evaluate-tags.ts';
import type { TagDefinition } from '../tags/types.ts';
import type { Definition } from '../workspace/workspace-definition.ts';
import { addCustomerTableSteps } from './customer-table-sql.ts';
import { dialectOf, type SqlDialect } from './dialects.ts';
import { numberLiteral, textLiteral } from './formula-sql.ts';
import { columnTypeOf, compileForExport, ScriptBuilder, type ScopeColumn } from './script-builder.ts';
import { addTagSteps } from './tag-sql.ts';
import { WarehouseSqlError } from './warehouse-sql-error.ts';

/** How to export. */
export interface WorkspaceToSqlOptions {
  dialect: SqlDialect;
  /** The customer table cell (its result name), when the workspace has more than one. */
  table?: string;
  /** Table names in the warehouse, by the workspace's source name (default: the same name). */
  tableNames?: Readonly<Record<string, string>>;
  /** Source tables' column types by source name: needed for roles played by formulas; also tells the order time's type. */
  sourceColumns?: Readonly<Record<string, readonly { name: string; type: ColumnType }[]>>;
  /** The order time's type when `sourceColumns` does not say: `date` or `datetime` (default). */
  timeType?: 'date' | 'datetime';
  /** A column of the orders table giving the file's row order (which copy of a repeated order id is kept). */
  rowOrder?: string;
  /** Write `CREATE TABLE <name> AS …` instead of a bare query. */
  createTable?: string;
}

/** The script, and what a reviewer must know about it (places where it cannot match the app exactly). */
export interface WorkspaceSql {
  sql: string;
  warnings: string[];
  /** The result's columns, in order: the customer table's, the custom metrics', one per tag. */
  columns: string[];
}

/**
 * Returns the SQL script of the customer table `options.table` (the only one when omitted) and its
 * tags. Throws WarehouseSqlError naming the cell, metric, tag or formula when the definition uses
 * something the export does not write, or fails in the app too (a cycle, an unknown name).
 */
export function workspaceToSql(definition: Definition, options: WorkspaceToSqlOptions): WorkspaceSql {
  const d = dialectOf(options.dialect);
  const builder = new ScriptBuilder(d);
  const id = (name: string) => d.ident(name);
  const cell = chooseCustomersCell(definition, options.table);
  const tableName = (source: string | undefined) => (source ? (options.tableNames?.[source] ?? source) : undefined);
  const tables = { orders: tableName(cell.sources.orders)!, items: tableName(cell.sources.items), customers: tableName(cell.sources.customers) };
  if (!tables.orders) throw new WarehouseSqlError(`customer table ${cell.resultName}`, 'no orders table is chosen.');
  const sourceColumns = options.sourceColumns
    ? Object.fromEntries(
        Object.entries(options.sourceColumns).flatMap(([source, columns]) => {
          const name = tableName(source);
          return name ? [[name, columns] as const] : [];
        }),
      )
    : undefined;
  const timeRole = cell.definition.roles?.time;
  const timeColumn = typeof timeRole === 'string' ? sourceColumns?.[tables.orders]?.find((c) => c.name === timeRole) : undefined;
  const timeType = timeColumn?.type === 'date' || timeColumn?.type === 'datetime' ? timeColumn.type : (options.timeType ?? 'datetime');

  // 1. Parameters: named constants at the top.
  const parameters: Parameter[] = definition.parameters.some((p) => p.name === AS_OF) ? definition.parameters : [{ name: AS_OF, type: 'date', value: null }, ...definition.parameters];
  const paramLines = parameters.map((p) => {
    let value: string;
    let note = p.description ?? '';
    if (p.value === null) {
      value = p.type === 'date' ? d.nullDate : 'NULL';
      if (p.name === AS_OF) note = 'NULL = the day after the latest used order (set a date to fix it)';
    } else if (p.type === 'text') value = textLiteral(String(p.value));
    else if (p.type === 'date') {
      value = d.dateFromDay(numberLiteral(Number(p.value), d));
      note = `${isoDay(Number(p.value))}${note ? `; ${note}` : ''}`;
    } else value = numberLiteral(Number(p.value), d);
    return { sql: `${value} AS ${id(p.name)}`, note: note.replace(/\s+/g, ' ') };
  });
  builder.add(
    'params',
    ['Parameters: change a value here to re-run with it (thresholds, weights and formulas read them by name).'],
    `SELECT\n${paramLines.map((l, i) => `${l.note ? `  -- ${l.note}\n` : ''}  ${l.sql}${i < paramLines.length - 1 ? ',' : ''}`).join('\n')}`,
  );

  // 2. The customer table.
  const customers = addCustomerTableSteps(builder, cell, { tables, sourceColumns, timeType, ...(options.rowOrder ? { rowOrder: options.rowOrder } : {}) });
  builder.add(
    'run_params',
    ['The parameters with as_of resolved, as formulas see them.'],
    `SELECT\n${parameters.map((p) => (p.name === AS_OF ? `  ${d.dateFromDay(`a.${id('as_of_day')}`)} AS ${id(AS_OF)}` : `  p.${id(p.name)}`)).join(',\n')}\nFROM ${id('params')} AS p\nCROSS JOIN ${id('analysis_date')} AS a`,
  );

  // Formulas see parameters with a value (as the app: a parameter without one is unknown), and as_of.
  const formulaParameters: FormulaParameter[] = parameters.flatMap((p) => (p.value === null && p.name !== AS_OF ? [] : [{ name: p.name, type: p.type, value: p.value ?? 0 }]));
  const scope: ScopeColumn[] = customers.columns.map((c) => ({ ...c, from: 'row' }));
  const parameterScope: ScopeColumn[] = formulaParameters.map((p) => ({
    name: p.name,
    type: p.type === 'number' ? (Number.isInteger(p.value) ? 'integer' : 'decimal') : p.type,
    from: 'params',
  }));
  const taken = new Set(customers.columns.map((c) => c.name.toLowerCase()));
  const resultColumns = customers.columns.map((c) => c.name);
  let step = 'customer_table';

  // 3. Custom metrics, in dependency order.
  const metrics = cell.customMetrics ?? [];
  for (const metric of metrics) {
    if (taken.has(metric.name.toLowerCase())) throw new WarehouseSqlError(`metric ${metric.name}`, 'has the name of a customer table column: rename the metric.');
  }
  const metricOrder = dependencyOrder(
    metrics.map((m) => ({ name: m.name, sources: [m.formula] })),
    (name) => taken.has(name.toLowerCase()) || formulaParameters.some((p) => p.name === name),
    'metrics',
  );
  for (const i of metricOrder) {
    const metric = metrics[i];
    const out = compileForExport(builder, metric.formula, [...scope, ...parameterScope], formulaParameters, `metric ${metric.name}`);
    builder.add(
      `metric_${i + 1}`,
      [`Custom metric ${metric.name} = ${metric.formula.replace(/\s+/g, ' ')}`],
      `SELECT\n  c.*,\n  ${out.sql} AS ${id(metric.name)}\nFROM ${id(step)} AS c\nCROSS JOIN ${id('run_params')} AS p`,
    );
    step = `metric_${i + 1}`;
    scope.push({ name: metric.name, type: columnTypeOf(out.root), from: 'row' });
    taken.add(metric.name.toLowerCase());
  }
  resultColumns.push(...metrics.map((m) => m.name));

  // 4. Tags of this customer table, in dependency order.
  const tags = definition.cells.flatMap((c) => (c.kind === 'tag' && c.tableName.toLowerCase() === cell.resultName.toLowerCase() ? [c.definition] : []));
  const seen = new Set<string>();
  for (const tag of tags) {
    const key = String(tag?.name ?? '').toLowerCase();
    if (!key) throw new WarehouseSqlError('tag', 'a tag needs a name.');
    if (seen.has(key)) throw new WarehouseSqlError(`tag ${tag.name}`, 'another tag has the same name.');
    if (taken.has(key)) throw new WarehouseSqlError(`tag ${tag.name}`, 'has the name of a customer table column: rename the tag.');
    seen.add(key);
  }
  const tagOrder = dependencyOrder(
    tags.map((t) => ({ name: t.name, sources: tagFormulas(t).map((f) => String(f.source ?? '')) })),
    (name) => taken.has(name.toLowerCase()) || formulaParameters.some((p) => p.name.toLowerCase() === name.toLowerCase()),
    'tags',
  );
  for (const i of tagOrder) {
    const tag: TagDefinition = tags[i];
    step = addTagSteps(tag, { builder, from: step, scope: [...scope, ...parameterScope], parameters: formulaParameters, index: i + 1 });
    scope.push({ name: tag.name, type: 'text', from: 'row' });
  }
  resultColumns.push(...tags.map((t) => t.name));

  const select = `SELECT\n${resultColumns.map((c, i) => `  c.${id(c)}${i < resultColumns.length - 1 ? ',' : ''}`).join('\n')}\nFROM ${id(step)} AS c\nORDER BY ${d.byteOrder(`c.${id('customer_id')}`)}`;
  const header = [
    `Tagbook: "${definition.name}" — customer table "${cell.resultName}" and its ${tags.length} tag${tags.length === 1 ? '' : 's'}, for ${d.title}.`,
    `Reads ${[tables.orders, tables.items, tables.customers].filter(Boolean).join(', ')}. Ids are compared as text; amounts as doubles;`,
    `the order time is a ${timeType === 'date' ? 'DATE' : 'timestamp (wall-clock time in the workspace zone)'}${definition.format === 'tagbook-workspace' && definition.timeZone ? ` (${definition.timeZone})` : ''}.`,
    'Generated from the workspace definition: every step below says what it computes.',
  ];
  const sql = builder.render(header, select, options.createTable);
  return { sql, warnings: builder.warnings, columns: resultColumns };
}

/** The workspace's customer table cell named `table`, or its only one. */
function chooseCustomersCell(definition: Definition, table: string | undefined): CustomersCell {
  const cells = definition.cells.filter((c): c is CustomersCell => c.kind === 'customers');
  if (table !== undefined) {
    const found = cells.find((c) => c.resultName.toLowerCase() === table.toLowerCase());
    if (!found) throw new WarehouseSqlError(`customer table ${table}`, `no such customer table (the workspace has ${cells.map((c) => c.resultName).join(', ') || 'none'}).`);
    return found;
  }
  if (cells.length !== 1) throw new WarehouseSqlError('workspace', cells.length === 0 ? 'it has no customer table to export.' : `it has ${cells.length} customer tables: choose one (${cells.map((c) => c.resultName).join(', ')}).`);
  return cells[0];
}

/**
 * Returns the indexes of `items` so that each comes after the items its formulas name
 * (case-insensitively); names `isBase` accepts are not items. Throws on a cycle, naming it.
 */
function dependencyOrder(items: { name: string; sources: string[] }[], isBase: (name: string) => boolean, what: string): number[] {
  const byName = new Map(items.map((item, i) => [item.name.toLowerCase(), i]));
  const order: number[] = [];
  const state = new Array<number>(items.length).fill(0);
  const path: number[] = [];
  const visit = (i: number) => {
    if (state[i] === 2) return;
    if (state[i] === 1) {
      const cycle = [...path.slice(path.indexOf(i)), i].map((k) => items[k].name);
      throw new WarehouseSqlError(what === 'tags' ? `tag ${items[i].name}` : `metric ${items[i].name}`, `these ${what} use each other in a circle: ${cycle.join(' → ')}.`);
    }
    state[i] = 1;
    path.push(i);
    for (const source of items[i].sources) {
      let names: string[] = [];
      try {
        names = formulaNames(source);
      } catch (error) {
        if (!isFormulaError(error)) throw error;
      }
      for (const name of names) {
        if (isBase(name)) continue;
        const other = byName.get(name.toLowerCase());
        if (other !== undefined) visit(other);
      }
    }
    path.pop();
    state[i] = 2;
    order.push(i);
  };
  items.forEach((_, i) => visit(i));
  return order;
}

function isoDay(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}
