/**
 * Helpers for the tag cell's form: a starting definition per kind, the "edit as definition"
 * JSON check, and threshold edits (refused when they would put thresholds out of order).
 */
import type { TagDefinition, TagKind, Threshold } from '../tags/types.ts';

export const TAG_KINDS: readonly TagKind[] = ['cut', 'quantile', 'rules', 'flag', 'score', 'rfm', 'rfm8'];

/** A definition of `kind` to start from, named `name`, over `metric` where the kind has one. */
export function defaultTagDefinition(kind: TagKind, name: string, metric: string): TagDefinition {
  switch (kind) {
    case 'cut':
      return { kind, name, metric, thresholds: [10], segments: [{ label: 'low' }, { label: 'high' }] };
    case 'quantile':
      return { kind, name, metric, bins: 5, method: 'rank', direction: 'high' };
    case 'rules':
      return { kind, name, rules: [{ when: `${metric} > 0`, segment: { label: 'rule 1' } }], otherwise: { label: 'Others' } };
    case 'flag':
      return { kind, name, when: `${metric} > 0`, whenTrue: { label: 'yes' }, whenFalse: { label: 'no' } };
    case 'score':
      return { kind, name, components: [{ formula: metric, weight: 1 }], thresholds: [100], segments: [{ label: 'low' }, { label: 'high' }] };
    case 'rfm':
      return { kind, name, recency: 'recency_days', frequency: 'orders', monetary: 'revenue', bins: 5, method: 'rfm' };
    case 'rfm8':
      return { kind, name, recency: 'recency_days', frequency: 'orders', monetary: 'revenue', reference: 'mean' };
  }
}

/** Reads a definition typed as JSON; returns it, or a sentence saying what is wrong. */
export function parseTagDefinition(text: string): { definition: TagDefinition } | { problem: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { problem: `Not valid JSON: ${(error as Error).message}` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { problem: 'A definition is a JSON object.' };
  const record = value as Record<string, unknown>;
  if (typeof record.name !== 'string' || record.name.trim() === '') return { problem: 'A definition needs a "name".' };
  if (!TAG_KINDS.includes(record.kind as TagKind)) return { problem: `"kind" must be one of ${TAG_KINDS.join(', ')}.` };
  return { definition: value as TagDefinition };
}

/** Tags in one file at most (a file of more is refused whole, as a mistake rather than a workspace). */
export const MAX_TAGS_IN_FILE = 1000;

/**
 * Reads a tags file (the CLI's TAGS.json, the app's "Tags from file"): a JSON array of tag
 * definitions, each an object with a "name" and a known "kind". Returns the definitions, or a
 * sentence naming the first problem (and the tag's position). Each definition is checked further
 * when evaluated, where a bad one fails alone.
 */
export function parseTagsFile(text: string): { definitions: TagDefinition[] } | { problem: string } {
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    return { problem: `Not valid JSON: ${(error as Error).message}` };
  }
  if (!Array.isArray(value)) return { problem: 'A tags file holds a JSON array of tag definitions.' };
  if (value.length === 0) return { problem: 'The tags file holds no tag definitions.' };
  if (value.length > MAX_TAGS_IN_FILE) return { problem: `The tags file holds ${value.length} tags; at most ${MAX_TAGS_IN_FILE} are read at once.` };
  for (let i = 0; i < value.length; i++) {
    const checked = parseTagDefinition(JSON.stringify(value[i]) ?? 'null');
    if ('problem' in checked) return { problem: `Tag ${i + 1}: ${checked.problem}` };
  }
  return { definitions: value as TagDefinition[] };
}

/** The index (1-based) of the first threshold below the one before it, or null when they are in order. */
export function thresholdOrderProblem(values: readonly number[]): number | null {
  for (let i = 1; i < values.length; i++) if (values[i] < values[i - 1]) return i + 1;
  return null;
}

/** Returns the definition with threshold `index` set to `value` (cut and score tags; others unchanged). */
export function withThreshold(definition: TagDefinition, index: number, value: Threshold): TagDefinition {
  if (definition.kind !== 'cut' && definition.kind !== 'score') return definition;
  const thresholds = definition.thresholds.map((t, i) => (i === index ? value : t));
  return { ...definition, thresholds };
}
