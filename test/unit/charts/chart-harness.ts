/** Helpers for chart tests: a ChartInput from plain arrays and tag definitions, evaluated by evaluateTags. */
import type { ChartInput } from '../../../src/engine/charts/index.ts';
import type { Column } from '../../../src/engine/dataset/types.ts';
import { evaluateTags, type TagDefinition } from '../../../src/engine/tags/index.ts';
import { customers, type Value } from '../tags/tag-harness.ts';

export type { Value };

/** A customer table of numeric columns (plus `extra` columns such as dates), with `tags` evaluated over it. */
export function chartInput(columns: Record<string, Value[]>, tags: TagDefinition[], extra: Column[] = []): ChartInput {
  const table = customers(columns);
  table.columns.push(...extra);
  const results = evaluateTags(tags, table, []);
  for (const r of results) if (r.error) throw new Error(`tag ${r.name}: ${r.error.message}`);
  return { columns: table.columns, rowCount: table.rowCount, tags: new Map(tags.map((d, i) => [d.name.toLowerCase(), { definition: d, result: results[i] }])) };
}

export const seg = (...labels: string[]) => labels.map((label) => ({ label }));

/** The codes of a tag in `input`, as a plain array. */
export function codesOf(input: ChartInput, tag: string): number[] {
  return [...input.tags.get(tag)!.result.codes];
}

/** The label a row of `tag` is shown under (its segment's label, or `no segment`). */
export function labelOf(input: ChartInput, tag: string, row: number): string {
  const { result } = input.tags.get(tag)!;
  const code = result.codes[row];
  return code < 0 ? 'no segment' : result.segments[code].label;
}
