// Invariant: the help's search finds a function by name first, in either language, and never loses one when empty.
import { describe, expect, it } from 'vitest';
import { FUNCTION_HELP } from '../../../src/engine/index.ts';
import { groupByCategory, searchFunctions } from '../../../src/ui/formula/formula-help-search.ts';

const names = (query: string, language: 'en' | 'zh-CN' = 'en') => searchFunctions(FUNCTION_HELP.functions, query, language).map((f) => f.name);

describe('searchFunctions(functions, query, language)', () => {
  it('lists every function for an empty query', () => {
    expect(names('  ')).toEqual(FUNCTION_HELP.functions.map((f) => f.name));
  });

  it('puts the exact name first, then names starting with the query', () => {
    expect(names('round')[0]).toBe('ROUND');
    expect(names('IF').slice(0, 2)).toEqual(['IF', 'IFS']);
  });

  it('also finds words of the description in the page language', () => {
    expect(names('四舍五入', 'zh-CN')).toContain('ROUND');
    expect(names('四舍五入', 'en')).not.toContain('ROUND');
  });
});

describe('groupByCategory(functions)', () => {
  it('keeps every function once, grouped in catalogue order', () => {
    const groups = groupByCategory(FUNCTION_HELP.functions);
    expect(groups.flatMap((g) => g.functions).length).toBe(FUNCTION_HELP.functions.length);
    expect(new Set(groups.map((g) => g.category)).size).toBe(groups.length);
    expect(groups[0].category).toBe(FUNCTION_HELP.functions[0].category);
  });
});
