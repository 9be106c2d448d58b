// Invariant: missing values are recognised by one definition — blanks everywhere, the listed
// tokens only where a type is expected — so `NA` never counts against a numeric column.
import { describe, expect, it } from 'vitest';
import { isBlank, isNullToken, isSpaceCode, NULL_TOKENS } from '../../../src/engine/dataset/null-tokens.ts';

describe('isBlank(text)', () => {
  it.each(['', ' ', '\t', ' \r\n ', '\u00a0', '\u3000', '\ufeff'])('finds %j blank', (text) => {
    expect(isBlank(text)).toBe(true);
  });
  it.each(['a', ' 0 ', '-', '.', 'NA'])('finds %j not blank', (text) => {
    expect(isBlank(text)).toBe(false);
  });
});

describe('isNullToken(text)', () => {
  it.each([...NULL_TOKENS, ' NA ', '\tNULL', '#N/A '])('reads %j as a null token', (text) => {
    expect(isNullToken(text)).toBe(true);
  });
  it.each(['na', 'Na', 'none', 'nan', 'Null value', 'N', '0', '', 'NULLS', '--'])('does not read %j as a null token', (text) => {
    expect(isNullToken(text)).toBe(false);
  });
});

describe('isSpaceCode(c)', () => {
  it('agrees with String.prototype.trim on every BMP code unit', () => {
    for (let c = 0; c < 0x10000; c++) {
      const ch = String.fromCharCode(c);
      expect(isSpaceCode(c), `U+${c.toString(16)}`).toBe(ch.trim() === '');
    }
  });
});
