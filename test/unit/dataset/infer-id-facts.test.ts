// Invariant: the light id pass counts exactly the plain numbers of an id column and finds every
// id a spreadsheet damaged, across the whole column.
import { describe, expect, it } from 'vitest';
import { inferIdFacts } from '../../../src/engine/dataset/infer-id-facts.ts';

describe('inferIdFacts(cells)', () => {
  it('counts plain numbers among the non-null cells', () => {
    const facts = inferIdFacts(['123', 'C12', '', null, 'NA', ' 456 ', '-7', '+8', '1.5', '1e5', '12a', '1.', '.', '1e']);
    expect(facts).toMatchObject({ nonNullCount: 10, numberCount: 7 }); // '.' is a null token
  });

  it('finds leading zeros and long numbers', () => {
    expect(inferIdFacts(['00004', '5']).leadingZeroExample).toBe('00004');
    expect(inferIdFacts(['0', '0.5']).leadingZeroExample).toBeNull();
    expect(inferIdFacts(['2019031312345678901']).longNumberExample).toBe('2019031312345678901');
    expect(inferIdFacts(['123456789012345']).longNumberExample).toBeNull();
  });

  it('finds 17850.0-style ids and ids in scientific notation, with their first indexes', () => {
    const cells = Array.from({ length: 30 }, (_, i) => (i % 2 === 0 ? `${17000 + i}.0` : i === 5 ? '2.01903E+18' : `${17000 + i}`));
    const facts = inferIdFacts(cells);
    expect(facts.zeroFractionCount).toBe(15);
    expect(facts.zeroFractionIndexes).toEqual([0, 2, 4, 6, 8, 10, 12, 14, 16, 18]);
    expect(facts).toMatchObject({ exponentCount: 1, exponentIndexes: [5] });
    expect(inferIdFacts(['17850.05']).zeroFractionCount).toBe(0);
  });

  it('collects up to five distinct examples as written', () => {
    expect(inferIdFacts(['1', '1', ' 2', '', '3', '4', '5', '6']).examples).toEqual(['1', ' 2', '3', '4', '5']);
  });
});
