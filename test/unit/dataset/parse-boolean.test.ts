// Invariant: only unambiguous yes/no words are booleans; 1 and 0 stay integers unless the user
// declared the column boolean.
import { describe, expect, it } from 'vitest';
import { parseBoolean } from '../../../src/engine/dataset/parse-boolean.ts';

describe('parseBoolean(text, acceptDigits)', () => {
  it.each([
    ['true', 1], ['TRUE', 1], ['True', 1], ['yes', 1], ['YES', 1], ['y', 1], ['Y', 1], ['t', 1], ['T', 1], ['是', 1], [' yes ', 1],
    ['false', 0], ['FALSE', 0], ['no', 0], ['No', 0], ['n', 0], ['N', 0], ['f', 0], ['F', 0], ['否', 0], ['\tfalse\t', 0],
  ])('reads %j as %d', (text, expected) => {
    expect(parseBoolean(text)).toBe(expected);
  });
  it.each(['1', '0', '', 'yes!', 'truth', 'ok', 'on', 'off', 'x', '是的', '          maybe'])('rejects %j', (text) => {
    expect(parseBoolean(text)).toBeNaN();
  });
  it('reads 1 and 0 when digits are accepted', () => {
    expect(parseBoolean('1', true)).toBe(1);
    expect(parseBoolean(' 0 ', true)).toBe(0);
    expect(parseBoolean('2', true)).toBeNaN();
  });
});
