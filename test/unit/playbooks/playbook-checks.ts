/**
 * Checks every playbook must pass, shared by the playbook tests: a note in both languages,
 * fresh names when added twice (with every reference following the new names), a workspace
 * definition that reads back, and tags that evaluate without errors on a given table.
 */
import { expect } from 'vitest';
import { computeChartData } from '../../../src/engine/charts/chart-data.ts';
import type { Column } from '../../../src/engine/dataset/types.ts';
import { demoNotebook } from '../../../src/engine/demo/demo-notebook.ts';
import type { FormulaParameter } from '../../../src/engine/formula/contract.ts';
import { evaluateCustomMetrics } from '../../../src/engine/metrics/custom-metrics.ts';
import type { CustomersCell } from '../../../src/engine/notebook/cells.ts';
import { defaultParameters, type Parameter } from '../../../src/engine/parameters/parameters.ts';
import { applyPlaybook } from '../../../src/engine/playbooks/apply-playbook.ts';
import type { Playbook, PlaybookAddition, PlaybookContext } from '../../../src/engine/playbooks/types.ts';
import { evaluateTags, type TagDefinition, type TagResult } from '../../../src/engine/tags/index.ts';
import { readWorkspaceDefinition } from '../../../src/engine/workspace/index.ts';

export function context(columns: readonly string[], overrides: Partial<PlaybookContext> = {}): PlaybookContext {
  return { table: 'customer_table', columns, takenNames: columns, language: 'en', ...overrides };
}

/** The addition's number parameters at their defaults, with `values` overriding some. */
export function formulaParameters(addition: PlaybookAddition, values: Record<string, number> = {}): FormulaParameter[] {
  return addition.parameters.map((p) => ({ name: p.name, type: 'number', value: values[p.name] ?? (p.value as number) }));
}

/** Evaluates the addition's metrics, then its tags, over `table`; fails on any error. */
export function evaluateAddition(
  addition: PlaybookAddition,
  table: { columns: Column[]; rowCount: number },
  parameters: FormulaParameter[] = formulaParameters(addition),
): Map<string, TagResult> {
  const metrics = evaluateCustomMetrics(table.columns, table.rowCount, addition.metrics, parameters);
  const columns = [...table.columns];
  for (const m of metrics) {
    if (!m.ok) throw new Error(`metric ${m.name}: ${m.error.message}`);
    columns.push(m.column);
  }
  const results = evaluateTags(addition.tags, { columns, rowCount: table.rowCount }, parameters);
  for (const r of results) expect(r.error, `tag ${r.name}`).toBeUndefined();
  // Every chart computes its data over the results (a bad view, tag or metric throws).
  const tags = new Map(results.map((result, i) => [result.name.toLowerCase(), { definition: addition.tags[i], result }]));
  for (const chart of addition.charts) expect(computeChartData(chart, { columns, rowCount: table.rowCount, tags }).view).toBe(chart.view);
  return new Map(results.map((r) => [r.name, r]));
}

/** Every name a tag definition refers to as a threshold, weight or cap (the parameter references). */
function thresholdNames(tag: TagDefinition): string[] {
  const out: unknown[] = [];
  if (tag.kind === 'cut' || tag.kind === 'score') out.push(...tag.thresholds);
  if (tag.kind === 'score') for (const c of tag.components) out.push(c.weight, c.cap);
  return out.filter((x): x is string => typeof x === 'string');
}

/** Runs the checks every playbook passes; `columns` meet its needs. */
export function checkPlaybook(playbook: Playbook, columns: readonly string[]): void {
  // Both languages give a note; the needs say where each column comes from, in both languages.
  const en = playbook.build(context(columns, { language: 'en' }));
  const zh = playbook.build(context(columns, { language: 'zh-CN' }));
  expect(en.note.length).toBeGreaterThan(40);
  expect(zh.note).toMatch(/[\u4e00-\u9fff]/);
  expect(zh.note).not.toBe(en.note);
  expect({ ...zh, note: '' }).toEqual({ ...en, note: '' });
  expect(playbook.title.zh && playbook.title.en && playbook.summary.zh && playbook.summary.en).toBeTruthy();
  for (const need of playbook.needs) expect(need.from.en && need.from.zh).toBeTruthy();

  // Every parameter is a number with a valid slider and a description; thresholds name parameters of the addition.
  const own = new Set(en.parameters.map((p) => p.name));
  for (const p of en.parameters) {
    expect(p.type).toBe('number');
    expect(p.slider && p.slider.min <= (p.value as number) && (p.value as number) <= p.slider.max && p.slider.step > 0).toBe(true);
    expect(p.description).toBeTruthy();
  }
  for (const tag of en.tags) for (const name of thresholdNames(tag)) expect(own.has(name), `${tag.name} names ${name}`).toBe(true);

  // Added twice through applyPlaybook: fresh names throughout, and the definition reads back.
  const cells = demoNotebook('en');
  const customers = cells.find((c): c is CustomersCell => c.kind === 'customers')!;
  const first = applyPlaybook(playbook, cells, defaultParameters(), customers.id, columns, 'en');
  if ('missing' in first) throw new Error(`missing ${JSON.stringify(first.missing)}`);
  const second = applyPlaybook(playbook, first.cells, first.parameters, customers.id, columns, 'zh-CN');
  if ('missing' in second) throw new Error('missing');
  const lower = (names: string[]) => names.map((n) => n.toLowerCase());
  expect(new Set(lower(second.added)).size).toBe(second.added.length);
  for (const name of lower(second.added)) expect(lower(first.added)).not.toContain(name);
  const secondAddition = playbook.build(context(columns, { takenNames: [...columns, ...first.added, ...first.parameters.map((p) => p.name)] }));
  const secondOwn = new Set(secondAddition.parameters.map((p) => p.name));
  for (const tag of secondAddition.tags) for (const name of thresholdNames(tag)) expect(secondOwn.has(name), `${tag.name} names ${name}`).toBe(true);
  for (const chart of secondAddition.charts) expect(secondAddition.tags.map((t) => t.name)).toContain(chart.tag);
  // Formulas of the second addition name none of the first addition's own names.
  const firstOwn = new Set([...en.parameters.map((p) => p.name), ...en.metrics.map((m) => m.name), ...en.tags.map((t) => t.name)]);
  const secondText = JSON.stringify({ metrics: secondAddition.metrics, tags: secondAddition.tags, charts: secondAddition.charts });
  for (const name of firstOwn) expect(secondText.match(new RegExp(`"${name}"|\\b${name}\\b(?!_)`, 'g')) ?? [], `second addition still names ${name}`).toEqual([]);

  const definition = { format: 'tagbook-workspace', version: 1, name: 'Playbook', cells: second.cells, parameters: second.parameters as Parameter[], timeZone: 'Asia/Shanghai' };
  expect(readWorkspaceDefinition(JSON.parse(JSON.stringify(definition)))).toEqual({ definition });
}
