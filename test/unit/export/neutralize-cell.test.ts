import { describe, expect, it } from 'vitest';
import { isFormulaLike, neutralizeCell } from '../../../src/engine/export/neutralize-cell.ts';

describe('neutralizeCell', () => {
  it.each(['=SUM(A1:A2)', '+1', '-1', '@cmd', '\tx', '\rx', '\0x'])('prefixes %j with a single quote', (text) => {
    expect(neutralizeCell(text)).toBe(`'${text}`);
    expect(isFormulaLike(text)).toBe(true);
  });

  it.each(['', 'plain', '张三', '1-2', "'already", ' =not first', '2024-01-05'])('leaves %j alone', (text) => {
    expect(neutralizeCell(text)).toBe(text);
    expect(isFormulaLike(text)).toBe(false);
  });
});
