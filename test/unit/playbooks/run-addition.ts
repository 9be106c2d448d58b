/** Helpers for playbook tests: evaluate what a playbook adds over a small table, and check it as a workspace. */
import { expect } from 'vitest';
import type { Column } from '../../../src/engine/dataset/types.ts';
import { demoNotebook } from '../../../src/engine/demo/demo-notebook.ts';
import type { FormulaParameter } from '../../../src/engine/formula/contract.ts';
import { evaluateCustomMetrics } from '../../../src/engine/metrics/custom-metrics.ts';
import type { CustomersCell } from '../../../src/engine/notebook/cells.ts';
import { defaultParameters, type Parameter } from '../../../src/engine/parameters/parameters.ts';
import { applyPlaybook } from '../../../src/engine/playbooks/apply-playbook.ts';
import type { Playbook, PlaybookAddition, PlaybookContext, PlaybookLanguage } from '../../../src/engine/playbooks/types.ts';
import { evaluateTags, type TagResult } from '../../../src/engine/tags/index.ts';
import { readWorkspaceDefinition } from '../../../src/engine/workspace/read-definition.ts';

/** A build context over `columns` with nothing taken. */
export function contextOf(columns: readonly string[], language: PlaybookLanguage = 'en', stats?: PlaybookContext['stats']): PlaybookContext {
  return { table: 'customers', columns, takenNames: [...columns], language, stats };
}

/** The number parameters as formulas see them, with `values` overriding by name. */
export function formulaParameters(parameters: readonly Parameter[], values: Record<string, number> = {}): FormulaParameter[] {
  return parameters
    .filter((p) => p.type === 'number' && typeof p.value === 'number')
    .map((p) => ({ name: p.name, type: 'number' as const, value: values[p.name] ?? (p.value as number) }));
}

/** Evaluates the addition's metrics then tags over the table; fails on any metric or tag error. */
export function evaluateAddition(
  addition: PlaybookAddition,
  table: { columns: Column[]; rowCount: number },
  values: Record<string, number> = {},
): { tags: TagResult[]; columns: Column[] } {
  const parameters = formulaParameters(addition.parameters, values);
  const metrics = evaluateCustomMetrics(table.columns, table.rowCount, addition.metrics, parameters);
  const columns = [...table.columns];
  for (const m of metrics) {
    if (!m.ok) throw new Error(`metric ${m.name}: ${m.error.message}`);
    columns.push({ ...m.column, name: m.name });
  }
  const tags = evaluateTags(addition.tags, { columns, rowCount: table.rowCount }, parameters);
  for (const t of tags) if (t.error) throw new Error(`tag ${t.name}: ${t.error.message}`);
  return { tags, columns };
}

/** The segment labels of a tag result in row order (null = no segment). */
export function labelsOf(result: TagResult): (string | null)[] {
  return [...result.codes].map((c) => (c < 0 ? null : result.segments[c].label));
}

/**
 * Adds the playbook twice to the demo notebook (in `language`) and checks the second addition
 * got fresh names throughout and the whole reads back as a valid workspace definition.
 */
export function expectAddsTwiceAsValidWorkspace(playbook: Playbook, columns: readonly string[], language: PlaybookLanguage, stats?: PlaybookContext['stats']): string[][] {
  const cells = demoNotebook(language);
  const customers = cells.find((c): c is CustomersCell => c.kind === 'customers')!;
  const first = applyPlaybook(playbook, cells, defaultParameters(), customers.id, columns, language, stats);
  if ('missing' in first) throw new Error(`missing ${JSON.stringify(first.missing)}`);
  const second = applyPlaybook(playbook, first.cells, first.parameters, customers.id, columns, language, stats);
  if ('missing' in second) throw new Error(`missing ${JSON.stringify(second.missing)}`);
  const lower = (names: string[]) => names.map((n) => n.toLowerCase());
  const clash = lower(second.added).filter((n) => lower(first.added).includes(n));
  expect(clash).toEqual([]);
  const workspace = { format: 'tagbook-workspace', version: 1, name: 'Playbook', cells: second.cells, parameters: second.parameters, timeZone: 'UTC' };
  const read = readWorkspaceDefinition(JSON.parse(JSON.stringify(workspace)));
  if ('problems' in read) throw new Error(JSON.stringify(read.problems));
  // Every name the second tags and formulas use that the playbook added must be one of the second's names.
  const firstOnly = new Set(lower(first.added));
  const secondCells = JSON.stringify(second.cells.slice(first.cells.length));
  for (const name of firstOnly) expect(secondCells).not.toMatch(new RegExp(`\\b${name}\\b(?!_)`, 'i'));
  return [first.added, second.added];
}
