import { describe, expect, it } from 'vitest';
import { defaultTagDefinition, parseTagDefinition, TAG_KINDS, thresholdOrderProblem, withThreshold } from '../../../src/engine/index.ts';

describe('tag definitions for the tag cell', () => {
  it('starts every kind with a definition of that kind and name', () => {
    for (const kind of TAG_KINDS) expect(defaultTagDefinition(kind, 't', 'revenue')).toMatchObject({ kind, name: 't' });
  });

  it('reads a definition typed as JSON, or says what is wrong', () => {
    expect(parseTagDefinition('{"kind":"flag","name":"vip","when":"revenue > 1","whenTrue":{"label":"y"},"whenFalse":{"label":"n"}}')).toMatchObject({
      definition: { kind: 'flag', name: 'vip' },
    });
    expect(parseTagDefinition('{')).toMatchObject({ problem: expect.stringContaining('Not valid JSON') });
    expect(parseTagDefinition('[]')).toEqual({ problem: 'A definition is a JSON object.' });
    expect(parseTagDefinition('{"kind":"cut"}')).toEqual({ problem: 'A definition needs a "name".' });
    expect(parseTagDefinition('{"kind":"nope","name":"x"}')).toMatchObject({ problem: expect.stringContaining('"kind" must be one of') });
  });

  it('finds the first threshold out of order and replaces one threshold', () => {
    expect(thresholdOrderProblem([45, 90, 180])).toBeNull();
    expect(thresholdOrderProblem([45, 90, 90])).toBeNull();
    expect(thresholdOrderProblem([45, 200, 180])).toBe(3);
    const cut = defaultTagDefinition('cut', 'c', 'revenue');
    expect(withThreshold(cut, 0, 'vip')).toMatchObject({ thresholds: ['vip'] });
    const quantile = defaultTagDefinition('quantile', 'q', 'revenue');
    expect(withThreshold(quantile, 0, 3)).toBe(quantile);
  });
});
