/**
 * Which tags a change reaches: the tags that use a moved tag (directly or through other tags),
 * and how a tag uses a parameter. The threshold fast path re-cuts the moved tag and evaluates only
 * these dependents again; a parameter that only sits in thresholds moves by the fast path too,
 * while one a formula mentions needs the tag computed again (SPEC §6).
 */
import { formulaMentions, formulaNames } from '../metrics/formula-names.ts';
import { tagFormulas } from './evaluate-tags.ts';
import type { TagDefinition, Threshold } from './types.ts';

/** The distinct names (as written) a definition's formulas mention, in order; unparseable formulas mention nothing. */
export function tagMentions(definition: TagDefinition): string[] {
  const names: string[] = [];
  for (const { source } of tagFormulas(definition)) {
    try {
      for (const name of formulaNames(String(source ?? ''))) if (!names.some((n) => n.toLowerCase() === name.toLowerCase())) names.push(name);
    } catch {
      // A formula that does not parse is reported when the tag is evaluated.
    }
  }
  return names;
}

/**
 * The definitions that use any tag named in `changed` (case-insensitively), directly or through
 * another dependent, in the order given; the changed tags themselves are left out. A name a tag
 * formula mentions may also be a column of the table: callers evaluating dependents give the table
 * first, which then shadows the tag, so counting such a tag as a dependent only costs a re-evaluation.
 */
export function dependentTags(definitions: readonly TagDefinition[], changed: readonly string[]): TagDefinition[] {
  const reached = new Set(changed.map((n) => n.toLowerCase()));
  const start = new Set(reached);
  const mentions = definitions.map((d) => tagMentions(d).map((n) => n.toLowerCase()));
  // A dependent of a dependent may come earlier in the list: repeat until nothing new is reached.
  for (let grew = true; grew; ) {
    grew = false;
    definitions.forEach((definition, i) => {
      const key = String(definition?.name ?? '').toLowerCase();
      if (reached.has(key) || !mentions[i].some((name) => reached.has(name))) return;
      reached.add(key);
      grew = true;
    });
  }
  return definitions.filter((d) => {
    const key = String(d?.name ?? '').toLowerCase();
    return reached.has(key) && !start.has(key);
  });
}

/** How a tag uses a parameter. */
export interface ParameterUse {
  /** A formula of the tag mentions it: the tag must be computed again when it changes. */
  formula: boolean;
  /** Indexes of the cut or score thresholds bound to it: a change re-cuts by the fast path. */
  thresholds: number[];
  /** Another number of the definition names it (score weights and caps, RFM breaks, RFM 8 reference values). */
  other: boolean;
}

const named = (t: Threshold | undefined, parameter: string): boolean => typeof t === 'string' && t.toLowerCase() === parameter.toLowerCase();

/** Where `definition` uses the parameter `parameter` (case-insensitively). */
export function parameterUse(definition: TagDefinition, parameter: string): ParameterUse {
  const use: ParameterUse = {
    formula: tagFormulas(definition).some(({ source }) => formulaMentions(String(source ?? ''), parameter)),
    thresholds: [],
    other: false,
  };
  if (definition.kind === 'cut' || definition.kind === 'score') {
    (definition.thresholds ?? []).forEach((t, i) => {
      if (named(t, parameter)) use.thresholds.push(i);
    });
  }
  if (definition.kind === 'score') {
    use.other = (definition.components ?? []).some((c) => named(c?.weight, parameter) || named(c?.cap, parameter));
  } else if (definition.kind === 'rfm') {
    const breaks = definition.breaks ?? {};
    use.other = [breaks.recency, breaks.frequency, breaks.monetary].some((list) => (list ?? []).some((t) => named(t, parameter)));
  } else if (definition.kind === 'rfm8' && typeof definition.reference === 'object' && definition.reference !== null) {
    const { recency, frequency, monetary } = definition.reference;
    use.other = [recency, frequency, monetary].some((t) => named(t, parameter));
  }
  return use;
}

/** True when `definition` uses `parameter` anywhere (so the parameter must not be removed). */
export function tagUsesParameter(definition: TagDefinition, parameter: string): boolean {
  const use = parameterUse(definition, parameter);
  return use.formula || use.other || use.thresholds.length > 0;
}
