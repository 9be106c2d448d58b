/**
 * Helpers for chart tests: a ChartInput from plain arrays and tag definitions, evaluated by
 * evaluateTags; and a spec compiled by Vega-Lite and run as the page runs it.
 */
import { parse, View } from 'vega';
import { expressionInterpreter } from 'vega-interpreter';
import { compile } from 'vega-lite';
import type { ChartData, ChartInput } from '../../../src/engine/charts/index.ts';
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

type Json = Record<string, unknown>;

/** Compiles a Vega-Lite spec, collecting the compiler's warnings instead of printing them. */
export function compileQuietly(spec: Json): { spec: Json; warnings: string[] } {
  const warnings: string[] = [];
  const logger = {
    level() {
      return logger;
    },
    warn: (...args: unknown[]) => warnings.push(args.join(' ')),
    info() {},
    debug() {},
    error: (...args: unknown[]) => warnings.push(`error: ${args.join(' ')}`),
  };
  const compiled = compile(spec as never, { logger: logger as never }).spec as unknown as Json;
  return { spec: compiled, warnings };
}

/** Runs the compiled spec the way the page does (ast + interpreter, data by name). */
export async function runView(compiled: Json, data: ChartData): Promise<View> {
  const view = new View(parse(compiled as never, undefined, { ast: true }), { renderer: 'none', expr: expressionInterpreter as never });
  for (const [name, rows] of Object.entries(data.datasets)) view.data(name, rows.map((r) => ({ ...r })));
  await view.runAsync();
  return view;
}
