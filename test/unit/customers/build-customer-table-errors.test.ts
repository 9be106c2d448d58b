// Invariant: bad input never escapes as an untyped exception: every refusal is a
// CustomerTableError whose code the UI translates and whose sentence names the role and column.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildCustomerTable } from '../../../src/engine/customers/build-customer-table.ts';
import { CustomerTableError, isCustomerTableError } from '../../../src/engine/customers/customer-table-error.ts';
import type { CustomerTableDefinition, CustomerTableInput } from '../../../src/engine/customers/types.ts';
import { num, table, text } from './columns.ts';

const orders = () =>
  table(
    text('cust', ['A', 'B']),
    num('time', 'date', [19000, 19001]),
    num('amount', 'decimal', [1, 2]),
    text('label', ['x', 'y']),
    num('score', 'decimal', [1.5, 2]),
    text('status', ['paid', 'paid']),
  );
const ROLES = { customer: 'cust', time: 'time', amount: 'amount' };

function errorOf(input: CustomerTableInput, definition: CustomerTableDefinition): CustomerTableError {
  try {
    buildCustomerTable(input, definition);
  } catch (error) {
    expect(isCustomerTableError(error)).toBe(true);
    return error as CustomerTableError;
  }
  throw new Error('expected a CustomerTableError');
}

describe('buildCustomerTable refuses bad input with a typed error', () => {
  it.each([
    ['an unknown column, with a suggestion', { ...ROLES, amount: 'amonut' }, 'unknown-column', /amount role names column “amonut”.*did you mean “amount”\?/],
    ['an unknown column, listing the columns', { ...ROLES, time: 'when' }, 'unknown-column', /order time role names column “when”.*columns are: cust, time, amount, label, score, status/],
    ['text as the amount', { ...ROLES, amount: 'label' }, 'wrong-column-type', /amount role needs a number, but column “label” is text/],
    ['a decimal as the customer id', { ...ROLES, customer: 'score' }, 'wrong-column-type', /customer id role needs text .* but column “score” is decimal\. Ids must stay text/],
    ['a number as the order time', { ...ROLES, time: 'amount' }, 'wrong-column-type', /order time role needs a date or date-time, but column “amount” is decimal/],
    ['a decimal as the order id', { ...ROLES, order: 'score' }, 'wrong-column-type', /order id role needs text/],
    ['no amount role', { customer: 'cust', time: 'time' }, 'missing-role', /paid amount/],
    ['no customer role', { time: 'time', amount: 'amount' }, 'missing-role', /customer id/],
  ] as const)('%s', (_, roles, code, message) => {
    const error = errorOf({ orders: orders() }, { roles: roles as CustomerTableDefinition['roles'] });
    expect(error.code).toBe(code);
    expect(error.message).toMatch(message);
  });

  it('refuses an empty orders table', () => {
    expect(errorOf({ orders: table(text('cust', []), num('time', 'date', []), num('amount', 'decimal', [])) }, { roles: ROLES }).code).toBe('empty-table');
  });

  it('refuses a table whose rows are all unusable, saying why', () => {
    const nulls = table(text('cust', [null, 'A', 'B']), num('time', 'date', [1, null, 2]), num('amount', 'decimal', [1, 2, null]));
    const error = errorOf({ orders: nulls }, { roles: ROLES });
    expect(error.code).toBe('no-usable-rows');
    expect(error.message).toBe('None of the 3 order rows can be used (1 missing customer, 1 missing time, 1 missing amount).');
  });

  it('refuses rules that need a role that is not mapped', () => {
    expect(errorOf({ orders: orders() }, { roles: ROLES, refunds: { kind: 'status', values: ['refunded'] } }).message).toMatch(/Refunds by status need the status column/);
    expect(errorOf({ orders: orders() }, { roles: ROLES, filters: { channels: ['app'] } }).code).toBe('missing-role');
    expect(errorOf({ orders: orders() }, { roles: ROLES, itemRoles: { order: 'order', product: 'product' } }).message).toMatch(/no items table/);
  });

  it('refuses options that are not what they claim', () => {
    expect(errorOf({ orders: orders() }, { roles: ROLES, asOf: 1.5 }).code).toBe('bad-option');
    expect(errorOf({ orders: orders() }, { roles: ROLES, metrics: { orders: 'weeks' as never } }).message).toMatch(/Unknown orders variant “weeks”/);
    expect(errorOf({ orders: orders() }, { roles: ROLES, preset: 'pareto' as never }).code).toBe('bad-option');
  });

  it('refuses a column whose length differs from the table’s row count', () => {
    const bad = { columns: [...orders().columns, num('short', 'decimal', [1])], rowCount: 2 };
    expect(errorOf({ orders: bad }, { roles: ROLES }).code).toBe('row-count-mismatch');
  });

  it('wraps a failing formula, naming the role and the formula', () => {
    const error = (() => {
      try {
        buildCustomerTable({ orders: orders() }, { roles: { ...ROLES, amount: { formula: 'nope(' } } }, {
          evaluateFormula: () => {
            throw new Error('line 1, col 6: expected “)”');
          },
        });
      } catch (e) {
        return e as CustomerTableError;
      }
    })()!;
    expect(error.code).toBe('formula-failed');
    expect(error.message).toBe('The amount role’s formula “nope(” failed: line 1, col 6: expected “)”');
  });

  it('refuses a refund formula that is not true/false, naming it', () => {
    const error = errorOf({ orders: orders() }, { roles: ROLES, refunds: { kind: 'formula', formula: 'label' } });
    expect(error).toMatchObject({ code: 'wrong-column-type', message: 'The refund role needs true/false, but formula “label” is text.' });
  });

  it('passes on the formula language’s error with the character it points at', () => {
    const error = errorOf({ orders: orders() }, { roles: { ...ROLES, amount: { formula: 'scor * 2' } } });
    expect(error.code).toBe('formula-failed');
    expect(error.message).toBe('The amount role’s formula “scor * 2” failed: line 1, col 1: unknown column "scor" — did you mean "score"?');
    expect(error.params).toMatchObject({ role: 'amount', formulaLine: 1, formulaColumn: 1 });
  });

  it('computes a formula role with the formula language', () => {
    const built = buildCustomerTable({ orders: orders() }, { roles: { ...ROLES, amount: { formula: 'amount * score' } } });
    expect(built.metrics.find((m) => m.name === 'revenue')!.formula).toBe('SUM(IF((amount * score) > 0, (amount * score), 0)) - SUM(IF(((amount * score) < 0), ABS((amount * score)), 0))');
    const revenue = built.columns.find((c) => c.name === 'revenue')!;
    expect(revenue.type === 'text' ? [] : Array.from(revenue.values)).toEqual([1.5, 4]);
  });

  it('on random tables with NULLs and random roles, either builds (accounting for every row) or throws a CustomerTableError', () => {
    const cellText = fc.option(fc.constantFrom('A', 'B', '00004', 'C'), { nil: null });
    const cellNumber = fc.option(fc.integer({ min: -5, max: 20 }), { nil: null });
    const names = ['c1', 'c2', 'n1', 'n2', 'd1'];
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 12 }).chain((rows) =>
          fc.record({
            c1: fc.array(cellText, { minLength: rows, maxLength: rows }),
            c2: fc.array(cellText, { minLength: rows, maxLength: rows }),
            n1: fc.array(cellNumber, { minLength: rows, maxLength: rows }),
            n2: fc.array(cellNumber, { minLength: rows, maxLength: rows }),
            d1: fc.array(cellNumber, { minLength: rows, maxLength: rows }),
            roles: fc.record({ customer: fc.constantFrom(...names), time: fc.constantFrom(...names), amount: fc.constantFrom(...names), order: fc.constantFrom(...names, 'zz') }),
            orderRows: fc.constantFrom('one-per-order', 'lines'),
            preset: fc.constantFrom('default', 'lifetimes'),
          }),
        ),
        (t) => {
          const input = table(text('c1', t.c1), text('c2', t.c2), num('n1', 'decimal', t.n1), num('n2', 'integer', t.n2), num('d1', 'date', t.d1));
          try {
            const built = buildCustomerTable({ orders: input }, { roles: t.roles, orderRows: t.orderRows as 'lines', preset: t.preset as 'default' });
            expect(built.inputRows).toBe(built.usedRows + Object.values(built.exclusions).reduce((a, b) => a + (b ?? 0), 0));
            for (const column of built.columns) expect(column.type === 'text' ? column.codes.length : column.values.length).toBe(built.rowCount);
          } catch (error) {
            if (!isCustomerTableError(error)) throw error;
          }
        },
      ),
      { numRuns: 300, seed: 4 },
    );
  });
});
