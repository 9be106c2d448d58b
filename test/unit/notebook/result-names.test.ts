import { describe, expect, it } from 'vitest';
import { checkResultName, demoNotebook, nextResultName } from '../../../src/engine/index.ts';

describe('result names', () => {
  it('numbers results q1, q2, … skipping names in use, case-insensitively', () => {
    expect(nextResultName([])).toBe('q1');
    expect(nextResultName(['orders', 'Q1', 'q2', 'q4'])).toBe('q3');
  });

  it('accepts names a user can type unquoted, in any script', () => {
    for (const name of ['q1', 'customer_summary', '复购客户', '_tmp', 'Top10']) expect(checkResultName(name, ['orders'])).toBeNull();
  });

  it('says why a name cannot be used', () => {
    expect(checkResultName('', [])).toBe('empty');
    expect(checkResultName('x'.repeat(65), [])).toBe('too-long');
    expect(checkResultName('1st', [])).toBe('invalid');
    expect(checkResultName('top customers', [])).toBe('invalid');
    expect(checkResultName('a-b', [])).toBe('invalid');
    expect(checkResultName('select', [])).toBe('reserved');
    expect(checkResultName('ORDER', [])).toBe('reserved');
    expect(checkResultName('sqlite_master', [])).toBe('reserved');
    expect(checkResultName('Orders', ['orders'])).toBe('taken');
  });
});

describe('the demo notebook', () => {
  for (const language of ['en', 'zh-CN']) {
    it(`opens with a note, the orders table and SQL cells whose results do not clash (${language})`, () => {
      const cells = demoNotebook(language);
      expect(cells[0].kind).toBe('note');
      expect(cells.some((c) => c.kind === 'source' && c.tableName === 'orders')).toBe(true);
      const names = cells.flatMap((c) => (c.kind === 'sql' || c.kind === 'customers' ? [c.resultName] : []));
      expect(names.length).toBeGreaterThanOrEqual(3);
      names.forEach((name, i) => expect(checkResultName(name, ['customers', 'orders', 'order_items', ...names.filter((_, j) => j !== i)])).toBeNull());
      expect(new Set(cells.map((c) => c.id)).size).toBe(cells.length);
    });
  }

  it('writes its note in the language asked for', () => {
    const zh = demoNotebook('zh-CN')[0];
    const en = demoNotebook('en')[0];
    expect(zh.kind === 'note' && zh.markdown).toContain('示例店铺');
    expect(en.kind === 'note' && en.markdown).toContain('demo shop');
  });
});
