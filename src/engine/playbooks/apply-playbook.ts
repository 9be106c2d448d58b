/**
 * Adds a playbook to a notebook: checks what it needs, picks names nothing else has taken, and
 * returns the new cell list and parameters (the caller puts them in place as one undoable step).
 */
import { newCellId, type Cell, type CustomersCell } from '../notebook/cells.ts';
import type { Parameter } from '../parameters/parameters.ts';
import type { Playbook, PlaybookContext, PlaybookLanguage, PlaybookNeed, PlaybookSources } from './types.ts';

export type ApplyPlaybookResult =
  | { cells: Cell[]; parameters: Parameter[]; added: string[] }
  | { missing: PlaybookNeed[] };

/**
 * The needs of `playbook` the customer table's columns (and, for needs of a source role such as
 * `orders.product`, the sources' role columns) do not meet.
 */
export function missingNeeds(playbook: Playbook, columns: readonly string[], sources?: PlaybookSources): PlaybookNeed[] {
  const have = new Set(columns.map((c) => c.toLowerCase()));
  const listed = playbook.needs.filter((need) => {
    const role = /^(orders|items)\.(\w+)$/.exec(need.column);
    if (!role) return !have.has(need.column.toLowerCase());
    const table = role[1] === 'orders' ? sources?.orders : sources?.items;
    return !table || (table as unknown as Record<string, unknown>)[role[2]] == null;
  });
  const more = playbook.missing?.(sources) ?? [];
  return [...listed, ...more.filter((m) => !listed.some((l) => l.column === m.column))];
}

/**
 * Adds `playbook` over the customer table of cell `customersCellId` whose columns are `columns`:
 * a note, then its tag and chart cells, at the end of the notebook; its metrics go into the
 * customer table cell; its parameters are appended. Names already taken are refused by the
 * playbook's own naming (`takenNames`), so adding a playbook twice gives `name_2` tags.
 */
export function applyPlaybook(
  playbook: Playbook,
  cells: readonly Cell[],
  parameters: readonly Parameter[],
  customersCellId: string,
  columns: readonly string[],
  language: PlaybookLanguage,
  stats: PlaybookContext['stats'] = {},
  sources?: PlaybookSources,
): ApplyPlaybookResult {
  const customers = cells.find((c): c is CustomersCell => c.id === customersCellId && c.kind === 'customers');
  if (!customers) throw new Error(`No customer table cell ${customersCellId}`);
  const missing = missingNeeds(playbook, columns, sources);
  if (missing.length > 0) return { missing };

  const takenNames = [
    ...columns,
    ...parameters.map((p) => p.name),
    ...cells.flatMap((c) => {
      if (c.kind === 'tag') return [c.definition.name];
      if (c.kind === 'sql') return [c.resultName];
      if (c.kind === 'customers') return [c.resultName, ...c.customMetrics.map((m) => m.name)];
      return [];
    }),
  ];
  const addition = playbook.build({ table: customers.resultName, columns, takenNames, language, stats, ...(sources ? { sources } : {}) });

  const next: Cell[] = cells.map((c) => (c.id === customersCellId ? { ...customers, customMetrics: [...customers.customMetrics, ...addition.metrics] } : c));
  const add = (cell: Cell) => next.push(cell);
  add({ id: newCellId(next), kind: 'note', collapsed: false, markdown: addition.note });
  for (const { name, sql, chart } of addition.sql ?? []) {
    add({ id: newCellId(next), kind: 'sql', collapsed: false, sql, resultName: name });
    if (chart) add({ id: newCellId(next), kind: 'chart', collapsed: false, tableName: name, chart });
  }
  for (const definition of addition.tags) add({ id: newCellId(next), kind: 'tag', collapsed: false, tableName: customers.resultName, definition });
  for (const chart of addition.charts) add({ id: newCellId(next), kind: 'chart', collapsed: false, tableName: customers.resultName, chart });
  return {
    cells: next,
    parameters: [...parameters, ...addition.parameters],
    added: [...addition.metrics.map((m) => m.name), ...(addition.sql ?? []).map((q) => q.name), ...addition.tags.map((t) => t.name), ...addition.parameters.map((p) => p.name)],
  };
}

/** `base`, or `base_2`, `base_3`, … : the first name not in `taken` (ignoring case). */
export function freeName(base: string, taken: readonly string[]): string {
  const lower = new Set(taken.map((t) => t.toLowerCase()));
  if (!lower.has(base.toLowerCase())) return base;
  let n = 2;
  while (lower.has(`${base}_${n}`.toLowerCase())) n++;
  return `${base}_${n}`;
}

/**
 * Picks free names in order, each taken before the next is picked (so a playbook's own names
 * never collide with each other nor with `taken`).
 */
export function namePicker(taken: readonly string[]): (base: string) => string {
  const names = [...taken];
  return (base) => {
    const name = freeName(base, names);
    names.push(name);
    return name;
  };
}
