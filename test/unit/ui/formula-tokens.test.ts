// Invariant: the formula editor colours exactly what the formula tokenizer reads, and never throws on half-typed text.
import { describe, expect, it } from 'vitest';
import { formulaTokenClass, highlightFormula, type FormulaTokenKind } from '../../../src/ui/formula/formula-tokens.ts';

/** Returns each highlighted stretch as [text, kind]. */
function spans(source: string): [string, FormulaTokenKind][] {
  return highlightFormula(source).map((s) => [source.slice(s.from, s.to), s.kind]);
}

describe('highlightFormula(source)', () => {
  it('tells functions, names, bracketed names, strings, numbers, operators, keywords and literals apart', () => {
    expect(spans('IF([实付 金额] >= 1e3 AND status <> "refund", round(x, 2), NULL)')).toEqual([
      ['IF', 'function'],
      ['(', 'bracket'],
      ['[实付 金额]', 'quoted-name'],
      ['>=', 'operator'],
      ['1e3', 'number'],
      ['AND', 'keyword'],
      ['status', 'name'],
      ['<>', 'operator'],
      ['"refund"', 'string'],
      [',', 'operator'],
      ['round', 'function'],
      ['(', 'bracket'],
      ['x', 'name'],
      [',', 'operator'],
      ['2', 'number'],
      [')', 'bracket'],
      [',', 'operator'],
      ['NULL', 'literal'],
      [')', 'bracket'],
    ]);
  });

  it('reads CASE … END and IS NOT NULL as keywords, and a name before a space and "(" as a function', () => {
    expect(spans('CASE WHEN a IS NOT NULL THEN TRUE ELSE false END')).toEqual([
      ['CASE', 'keyword'],
      ['WHEN', 'keyword'],
      ['a', 'name'],
      ['IS', 'keyword'],
      ['NOT', 'keyword'],
      ['NULL', 'literal'],
      ['THEN', 'keyword'],
      ['TRUE', 'literal'],
      ['ELSE', 'keyword'],
      ['false', 'literal'],
      ['END', 'keyword'],
    ]);
    expect(spans('COALESCE (a, 0)')[0]).toEqual(['COALESCE', 'function']);
  });

  it('marks a character no token starts with and goes on after it', () => {
    expect(spans('a $ b')).toEqual([
      ['a', 'name'],
      ['$', 'invalid'],
      ['b', 'name'],
    ]);
    expect(spans('2x + 1')).toEqual([
      ['2x', 'invalid'],
      ['+', 'operator'],
      ['1', 'number'],
    ]);
  });

  it('colours an unclosed string or bracketed name to the end', () => {
    expect(spans('LEFT(code, 1) = "C')).toContainEqual(['"C', 'string']);
    expect(spans('[first na')).toEqual([['[first na', 'quoted-name']]);
  });

  it('returns nothing for empty or blank text', () => {
    expect(highlightFormula('')).toEqual([]);
    expect(highlightFormula('  \u3000 ')).toEqual([]);
  });
});

describe('formulaTokenClass(kind)', () => {
  it.each<[FormulaTokenKind, string]>([
    ['function', 'cm-formula-function'],
    ['quoted-name', 'cm-formula-quoted-name'],
    ['invalid', 'cm-formula-invalid'],
  ])('%s → %s', (kind, name) => expect(formulaTokenClass(kind)).toBe(name));
});
