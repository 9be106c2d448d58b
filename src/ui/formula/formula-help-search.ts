/**
 * The formula help's search: which functions of FUNCTION_HELP match what the user typed, in the
 * page's language, grouped by category in the catalogue's order. Pure, so it is unit-tested.
 */
import type { FunctionHelp } from '../../engine/index.ts';
import type { Language } from '../i18n/messages.ts';

export type FunctionCategory = FunctionHelp['category'];

/** Returns the functions matching `query`: by name first (exact, then prefix), then by signature, description or example. */
export function searchFunctions(functions: readonly FunctionHelp[], query: string, language: Language): FunctionHelp[] {
  const q = query.trim().toLowerCase();
  if (q === '') return [...functions];
  const rank = (f: FunctionHelp): number => {
    const name = f.name.toLowerCase();
    if (name === q) return 0;
    if (name.startsWith(q)) return 1;
    if (name.includes(q)) return 2;
    const text = [f.signature, f.description[language], f.example.formula, f.example[language]].join('\n').toLowerCase();
    return text.includes(q) ? 3 : -1;
  };
  return functions
    .map((f, i) => ({ f, i, r: rank(f) }))
    .filter((x) => x.r >= 0)
    .sort((a, b) => a.r - b.r || a.i - b.i)
    .map((x) => x.f);
}

/** Groups `functions` by category, categories in order of first appearance, keeping each group's order. */
export function groupByCategory(functions: readonly FunctionHelp[]): { category: FunctionCategory; functions: FunctionHelp[] }[] {
  const groups = new Map<FunctionCategory, FunctionHelp[]>();
  for (const f of functions) {
    const group = groups.get(f.category);
    if (group) group.push(f);
    else groups.set(f.category, [f]);
  }
  return [...groups].map(([category, list]) => ({ category, functions: list }));
}
