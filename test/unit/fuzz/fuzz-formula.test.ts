// Fuzzing the formula language: random text and token soups (names, functions, operators,
// strings, brackets, prototype and constructor tricks) compile or throw FormulaError; what
// compiles evaluates over a small table to a column or throws FormulaError; nothing hangs.
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { compileFormula, isFormulaError } from '../../../src/engine/formula/index.ts';
import { evaluateCustomMetrics } from '../../../src/engine/metrics/custom-metrics.ts';
import { num, text } from '../customers/columns.ts';
import { fuzz, onlyOwnErrors } from './fuzz-budget.ts';

const columns = [text('customer_id', ['a', 'b', null, 'd']), num('revenue', 'decimal', [10, null, -3, 0]), num('orders', 'integer', [1, 2, 0, null]), num('first', 'date', [19_000, 19_500, null, 0])];
const scope = { columns: columns.map((c) => ({ name: c.name, type: c.type })), parameters: [{ name: 'limit', type: 'number' as const, value: 5 }] };
const TOKENS = [
  'revenue', 'orders', 'first', 'customer_id', 'limit', 'IF', 'IFS', 'COALESCE', 'ROUND', 'ABS', 'SQRT', 'POWER', 'LN', 'LOG', 'MIN', 'MAX', 'LEFT', 'MID', 'LEN',
  'CONTAINS', 'REPLACE', 'TEXT', 'DATE', 'DAYS', 'YEAR', 'WEEKDAY', 'SUM', 'AVG', 'COUNT', 'NTILE', 'RANK', 'PERCENT_RANK', 'AND', 'OR', 'NOT', 'IN', 'TRUE', 'FALSE', 'NULL',
  '(', ')', ',', '+', '-', '*', '/', '%', '^', '&', '=', '<>', '<', '<=', '>', '>=', '"x"', "'y'", '""', '"', '1', '0', '-1', '1e308', '0.5', '[revenue]', '`orders`', ' ',
  'constructor', '__proto__', 'prototype', 'toString', 'constructor.constructor', '.', '[', ']', '{', '}', ';', '\n', '客户', '$', '#', '@', '\\',
];
const soup = fc.array(fc.constantFrom(...TOKENS), { maxLength: 40 }).map((parts) => parts.join(' '));

describe('fuzz: formulas', () => {
  it('compile or throw FormulaError; what compiles evaluates or throws FormulaError', () => {
    fuzz('formula parser', fc.oneof(fc.string({ maxLength: 200 }), fc.string({ unit: 'grapheme', maxLength: 60 }), soup), (source) => {
      onlyOwnErrors(() => compileFormula(source, scope), isFormulaError);
      for (const result of evaluateCustomMetrics(columns, 4, [{ name: 'm', formula: source }], scope.parameters)) {
        if (!result.ok && typeof result.error.code !== 'string') throw new Error('an error without a code');
      }
    });
  });
});
