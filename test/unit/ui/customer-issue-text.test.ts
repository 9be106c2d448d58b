import { describe, expect, it } from 'vitest';
import { buildCustomerTable, type Column, type CustomerIssue } from '../../../src/engine/index.ts';
import { customerIssueText } from '../../../src/ui/format/customer-issue-text.ts';
import { CATALOGUES, type MessageKey } from '../../../src/ui/i18n/messages.ts';

/** A translator over the real catalogues that formats counts as the engine writes them (plain digits). */
function translator(language: 'en' | 'zh-CN') {
  return {
    language,
    t: (key: MessageKey, params: Record<string, string | number> = {}) => CATALOGUES[language][key].replace(/\{(\w+)\}/g, (_, name: string) => String(params[name])),
  };
}

const text = (values: (string | null)[]): Column => {
  const dictionary = [...new Set(values.filter((v): v is string => v !== null))];
  return { name: '', type: 'text', codes: Int32Array.from(values, (v) => (v === null ? -1 : dictionary.indexOf(v))), dictionary };
};

describe('customer table issues in both languages', () => {
  // Real issues from the engine: the English templates must say exactly what the engine says.
  const orders: Column[] = [
    { ...text(['c1', 'c1', null, 'c2', 'c3']), name: 'customer' },
    { ...text(['o1', 'o1', 'o2', 'o3', 'o4']), name: 'order' },
    { name: 'time', type: 'date', values: Float64Array.from([19000, 19000, 19001, 19002, 19003]) },
    { name: 'amount', type: 'decimal', values: Float64Array.from([10, 12, 5, -3, 8]) },
  ];
  const customers: Column[] = [{ ...text(['c1', 'c2', 'c3', 'c4', 'c4']), name: 'customer' }];
  const built = buildCustomerTable(
    { orders: { columns: orders, rowCount: 5 }, customers: { columns: customers, rowCount: 5 } },
    { roles: { customer: 'customer', order: 'order', time: 'time', amount: 'amount' }, customerRoles: { customer: 'customer' } },
  );

  it('the engine reported the crafted problems', () => {
    expect(built.issues.map((i) => i.code).sort()).toEqual(['conflicting-duplicates', 'duplicate-customer-ids', 'duplicate-rows', 'missing-customer', 'prospects', 'refund-rows']);
  });

  for (const issue of built.issues as CustomerIssue[]) {
    it(`${issue.code}: English equals the engine's sentence (written "rows" for its "row(s)"), Chinese is Chinese`, () => {
      expect(customerIssueText(translator('en'), issue)).toBe(issue.message.replace(/\(s\)/g, 's'));
      const zh = customerIssueText(translator('zh-CN'), issue);
      expect(zh).toMatch(/[\u4e00-\u9fff]/);
      expect(zh).not.toContain('{');
    });
  }

  it('falls back to the engine sentence for a code without a template', () => {
    const issue: CustomerIssue = { code: 'items-without-order', severity: 'info', message: 'Three item rows have no order.', count: 3 };
    expect(customerIssueText(translator('zh-CN'), issue)).toBe('Three item rows have no order.');
  });
});
