import { describe, expect, it } from 'vitest';
import { defaultTagDefinition, MAX_TAGS_IN_FILE, parseTagDefinition, parseTagsFile, TAG_KINDS, thresholdOrderProblem, withThreshold } from '../../../src/engine/index.ts';

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

describe('parseTagsFile', () => {
  const cut = { kind: 'cut', name: 'lifecycle', metric: 'recency_days', thresholds: [90], segments: [{ label: 'a' }, { label: 'b' }] };

  it('reads an array of definitions (a byte-order mark allowed)', () => {
    expect(parseTagsFile('\uFEFF' + JSON.stringify([cut, { ...cut, name: 'other' }]))).toEqual({ definitions: [cut, { ...cut, name: 'other' }] });
  });

  it('names the first problem and where it is', () => {
    expect(parseTagsFile('[{')).toMatchObject({ problem: expect.stringMatching(/^Not valid JSON/) });
    expect(parseTagsFile('{"kind":"cut"}')).toEqual({ problem: 'A tags file holds a JSON array of tag definitions.' });
    expect(parseTagsFile('[]')).toEqual({ problem: 'The tags file holds no tag definitions.' });
    expect(parseTagsFile(JSON.stringify([cut, { kind: 'cut' }]))).toEqual({ problem: 'Tag 2: A definition needs a "name".' });
    expect(parseTagsFile(JSON.stringify([cut, { ...cut, kind: 'pie' }, null]))).toEqual({ problem: expect.stringMatching(/^Tag 2: "kind" must be one of cut, /) });
    expect(parseTagsFile(JSON.stringify([1]))).toEqual({ problem: 'Tag 1: A definition is a JSON object.' });
    expect(parseTagsFile(JSON.stringify(Array.from({ length: MAX_TAGS_IN_FILE + 1 }, (_, i) => ({ ...cut, name: `t${i}` }))))).toEqual({
      problem: `The tags file holds ${MAX_TAGS_IN_FILE + 1} tags; at most ${MAX_TAGS_IN_FILE} are read at once.`,
    });
  });
});
