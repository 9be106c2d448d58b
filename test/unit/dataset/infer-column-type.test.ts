// Invariant: inference chooses a type only when at least 95% of the non-null cells parse as it,
// and never a numeric type for identifiers.
import { describe, expect, it } from 'vitest';
import { inferColumnType } from '../../../src/engine/dataset/infer-column-type.ts';

describe('inferColumnType(cells, headers)', () => {
  it.each([
    [['1', '2'], ['n'], { type: 'integer', decimalSeparator: '.' }],
    [['1,5', '2'], ['n'], { type: 'decimal', decimalSeparator: ',' }],
    [['03/04/2019'], ['d'], { type: 'date', dateOrder: 'mdy' }],
    [['2019-03-04'], ['d'], { type: 'date' }],
    [['yes', 'no'], ['b'], { type: 'boolean' }],
    [['1', '2'], ['customer_id'], { type: 'text' }],
    [['00001', '2'], ['n'], { type: 'text' }],
    [['x', 'y'], ['n'], { type: 'text' }],
  ] as const)('infers %j under %j', (cells, headers, spec) => {
    expect(inferColumnType([...cells], [...headers]).spec).toEqual(spec);
  });

  it('decides numeric-looking id columns without a full scan', () => {
    const inference = inferColumnType(['17850.0', '13047.0'], ['CustomerID']);
    expect(inference.scan).toBeNull();
    expect(inference.idEvidence).toMatchObject({ header: true, numberCount: 2 });
    expect(inference.idFacts?.zeroFractionCount).toBe(2);
  });

  it('keeps the proven date order and decimal separator for overrides of text columns', () => {
    const inference = inferColumnType(['13/03/2019', 'x', 'y'], ['d']);
    expect(inference.spec.type).toBe('text');
    expect(inference.dateOrder).toBe('dmy');
  });

  it('suggests yyyymmdd only when every value is such a date', () => {
    expect(inferColumnType(['19970101', 'NA', '20001231'], ['d']).suggestedSpec).toEqual({ type: 'date', dateFormat: 'yyyymmdd' });
    expect(inferColumnType(['19970101', '2'], ['d']).suggestedSpec).toBeUndefined();
  });
});
