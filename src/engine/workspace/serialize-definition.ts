/**
 * Writes a definition as JSON that diffs well in git: two-space indents, object keys sorted
 * (recursively; arrays keep their order), and a trailing newline. The same definition always
 * gives the same text, whatever order its keys were built in.
 */
import type { Definition } from './workspace-definition.ts';

export function serializeDefinition(definition: Definition): string {
  return `${JSON.stringify(sortKeys(definition), null, 2)}\n`;
}

/** A copy of `value` whose objects have their keys in code-point order; `undefined` fields are left out (as JSON does). */
export function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort(compareCodePoints)) {
    const field = (value as Record<string, unknown>)[key];
    if (field !== undefined) sorted[key] = sortKeys(field);
  }
  return sorted;
}

function compareCodePoints(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
