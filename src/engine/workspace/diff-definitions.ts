/**
 * "What changed" between two definitions (a workspace and a template, or two saved files): cells
 * added, removed, changed or moved (matched by id), parameters added, removed or changed (matched
 * by name), and the workspace's name and time zone. Each change has a short sentence, such as
 * `tag lifecycle: thresholds 45/90/180 → 45/120/180`. A cell's collapsed state and chart-spec
 * consent are view state, not definitions, and are not compared.
 */
import type { Cell } from '../notebook/cells.ts';
import type { Parameter } from '../parameters/parameters.ts';
import { formatDay } from '../sqlite/format-sql-value.ts';
import type { Definition } from './workspace-definition.ts';

export interface DefinitionChange {
  subject: 'workspace' | 'cell' | 'parameter';
  change: 'added' | 'removed' | 'changed' | 'moved';
  /** The cell's id, the parameter's name, or the workspace field (`name`, `timeZone`). */
  key: string;
  /** How the thing is called in a list: `tag lifecycle`, `parameter silent_days`. */
  title: string;
  /** One line: the title and what happened to it. */
  description: string;
}

/** Details shown per changed cell or parameter before "and N more". */
const MAX_DETAILS = 5;
const MAX_TEXT = 60;

/** The changes that turn `before` into `after`, in this order: workspace fields, cells (in `after`'s order, removed ones last), parameters. */
export function diffDefinitions(before: Definition, after: Definition): DefinitionChange[] {
  const changes: DefinitionChange[] = [];
  for (const key of ['name', 'timeZone'] as const) {
    const a = (before as unknown as Record<string, unknown>)[key];
    const b = (after as unknown as Record<string, unknown>)[key];
    if (a !== b) {
      const title = key === 'name' ? 'workspace name' : 'time zone';
      changes.push({ subject: 'workspace', change: 'changed', key, title, description: `${title}: ${show(a)} → ${show(b)}` });
    }
  }
  changes.push(...diffCells(before.cells, after.cells));
  changes.push(...diffParameters(before.parameters, after.parameters));
  return changes;
}

function diffCells(before: readonly Cell[], after: readonly Cell[]): DefinitionChange[] {
  const changes: DefinitionChange[] = [];
  const old = new Map(before.map((c) => [c.id, c]));
  const now = new Set(after.map((c) => c.id));
  const common = (cells: readonly Cell[]) => cells.filter((c) => (cells === before ? now.has(c.id) : old.has(c.id))).map((c) => c.id);
  const stay = longestCommonSubsequence(common(before), common(after));
  after.forEach((cell, i) => {
    const was = old.get(cell.id);
    const title = cellTitle(cell);
    if (!was) {
      changes.push({ subject: 'cell', change: 'added', key: cell.id, title, description: `${title} added (cell ${i + 1})` });
      return;
    }
    if (was.kind !== cell.kind) {
      changes.push({ subject: 'cell', change: 'changed', key: cell.id, title, description: `${title}: replaces ${cellTitle(was)}` });
      return;
    }
    const details = cellDetails(was, cell);
    if (details.length > 0) changes.push({ subject: 'cell', change: 'changed', key: cell.id, title, description: `${title}: ${joinDetails(details)}` });
    if (!stay.has(cell.id)) {
      const from = before.indexOf(was) + 1;
      changes.push({ subject: 'cell', change: 'moved', key: cell.id, title, description: `${title} moved from cell ${from} to cell ${i + 1}` });
    }
  });
  for (const cell of before) {
    if (!now.has(cell.id)) changes.push({ subject: 'cell', change: 'removed', key: cell.id, title: cellTitle(cell), description: `${cellTitle(cell)} removed` });
  }
  return changes;
}

function cellDetails(before: Cell, after: Cell): string[] {
  const strip = (cell: Cell): Record<string, unknown> => {
    const copy: Record<string, unknown> = { ...cell };
    delete copy.id;
    delete copy.collapsed;
    delete copy.specAccepted;
    return copy;
  };
  const a = strip(before);
  const b = strip(after);
  const details: string[] = [];
  // Long texts are named, not quoted.
  if (before.kind === 'sql' && after.kind === 'sql' && before.sql !== after.sql) details.push('SQL changed');
  if (before.kind === 'note' && after.kind === 'note' && before.markdown !== after.markdown) details.push('text changed');
  if (before.kind === 'chart' && after.kind === 'chart' && before.chart.spec !== after.chart.spec) {
    details.push(after.chart.spec === undefined ? 'hand-edited spec removed' : before.chart.spec === undefined ? 'hand-edited spec added' : 'hand-edited spec changed');
  }
  for (const key of ['sql', 'markdown']) {
    delete a[key];
    delete b[key];
  }
  if (isObject(a.chart) && isObject(b.chart)) {
    a.chart = { ...a.chart, spec: undefined };
    b.chart = { ...b.chart, spec: undefined };
  }
  const prefix = before.kind === 'tag' || before.kind === 'customers' ? 'definition.' : before.kind === 'chart' ? 'chart.' : before.kind === 'analysis' ? 'analysis.' : '';
  for (const detail of leafChanges(a, b, '')) details.push(detail.startsWith(prefix) ? detail.slice(prefix.length) : detail);
  return details;
}

function diffParameters(before: readonly Parameter[], after: readonly Parameter[]): DefinitionChange[] {
  const changes: DefinitionChange[] = [];
  const old = new Map(before.map((p) => [p.name, p]));
  const now = new Set(after.map((p) => p.name));
  for (const parameter of after) {
    const title = `parameter ${parameter.name}`;
    const was = old.get(parameter.name);
    if (!was) {
      changes.push({ subject: 'parameter', change: 'added', key: parameter.name, title, description: `${title} added (${parameter.type}, ${showValue(parameter)})` });
      continue;
    }
    const details: string[] = [];
    if (was.value !== parameter.value) details.push(`value ${showValue(was)} → ${showValue(parameter)}`);
    details.push(...leafChanges({ ...was, value: null }, { ...parameter, value: null }, ''));
    if (details.length > 0) changes.push({ subject: 'parameter', change: 'changed', key: parameter.name, title, description: `${title}: ${joinDetails(details)}` });
  }
  for (const parameter of before) {
    const title = `parameter ${parameter.name}`;
    if (!now.has(parameter.name)) changes.push({ subject: 'parameter', change: 'removed', key: parameter.name, title, description: `${title} removed` });
  }
  return changes;
}

/** How a cell is called: its kind and its name (a note by its first line). */
export function cellTitle(cell: Cell): string {
  switch (cell.kind) {
    case 'note': {
      const line = cell.markdown.split('\n').map((l) => l.replace(/^#+\s*/, '').trim()).find((l) => l !== '') ?? '';
      return line === '' ? 'empty note' : `note ${show(line)}`;
    }
    case 'source':
      return `source ${cell.tableName}`;
    case 'sql':
      return `SQL ${cell.resultName}`;
    case 'customers':
      return `customer table ${cell.resultName}`;
    case 'tag':
      return `tag ${cell.definition.name}`;
    case 'chart':
      return cell.chart.title ? `chart ${show(cell.chart.title)}` : `chart ${cell.chart.view} of ${cell.chart.tag || '(no tag)'}`;
    case 'analysis':
      return `${cell.analysis.kind} analysis ${cell.resultName}`;
  }
}

/** Differences between two JSON values as `path old → new`; a list of plain values is shown whole (`45/90/180`). */
function leafChanges(a: unknown, b: unknown, path: string): string[] {
  if (a === undefined && b === undefined) return [];
  if (a === undefined) return [`${path} set to ${show(b)}`];
  if (b === undefined) return [`${path} removed (was ${show(a)})`];
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.every(isPlain) && b.every(isPlain)) return sameJson(a, b) ? [] : [`${path} ${show(a)} → ${show(b)}`];
    const out: string[] = [];
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
      const at = `${path}[${i}]`;
      if (i >= a.length) out.push(`${at} added`);
      else if (i >= b.length) out.push(`${at} removed`);
      else out.push(...leafChanges(a[i], b[i], at));
    }
    return out;
  }
  if (isObject(a) && isObject(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
    return keys.flatMap((key) => leafChanges(a[key], b[key], path === '' ? key : `${path}.${key}`));
  }
  return sameJson(a, b) ? [] : [`${path} ${show(a)} → ${show(b)}`];
}

/** A value in a sentence: text quoted and shortened, lists of plain values joined with "/". */
function show(value: unknown): string {
  if (value === undefined) return 'none';
  if (typeof value === 'string') return JSON.stringify(value.length > MAX_TEXT ? `${value.slice(0, MAX_TEXT - 1)}…` : value);
  if (Array.isArray(value) && value.every(isPlain)) return value.length === 0 ? '(none)' : value.map((v) => (typeof v === 'string' ? v : String(v))).join('/');
  const json = JSON.stringify(value);
  return json.length > MAX_TEXT ? `${json.slice(0, MAX_TEXT - 1)}…` : json;
}

function showValue(parameter: Parameter): string {
  if (parameter.value === null) return 'auto';
  if (parameter.type === 'date' && typeof parameter.value === 'number') return formatDay(parameter.value);
  return show(parameter.value);
}

function joinDetails(details: string[]): string {
  const shown = details.slice(0, MAX_DETAILS).join('; ');
  return details.length > MAX_DETAILS ? `${shown}; and ${details.length - MAX_DETAILS} more` : shown;
}

function isPlain(value: unknown): boolean {
  return value === null || typeof value !== 'object';
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The ids on a longest common subsequence of `a` and `b` (the cells that kept their relative order). */
function longestCommonSubsequence(a: readonly string[], b: readonly string[]): Set<string> {
  const lengths = Array.from({ length: a.length + 1 }, () => new Int32Array(b.length + 1));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lengths[i][j] = a[i] === b[j] ? lengths[i + 1][j + 1] + 1 : Math.max(lengths[i + 1][j], lengths[i][j + 1]);
    }
  }
  const kept = new Set<string>();
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      kept.add(a[i]);
      i++;
      j++;
    } else if (lengths[i + 1][j] >= lengths[i][j + 1]) i++;
    else j++;
  }
  return kept;
}
