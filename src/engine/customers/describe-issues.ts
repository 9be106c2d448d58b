import type { RoleKeys } from './resolve-roles.ts';
import type { CustomerIssue, CustomerIssueCode } from './types.ts';

/** The lifetimes table lists buyers only: customers without a purchase by the cutoff are left out, and said so. */
export function withoutPurchase(count: number): CustomerIssue {
  return {
    code: 'prospects',
    severity: 'info',
    message: `${count} customer(s) have no purchase by the cutoff: the lifetimes table leaves them out.`,
    count,
    params: { count, variant: 'lifetimes' },
  };
}

const EXCLUSION_TEXT: Partial<Record<CustomerIssueCode, string>> = {
  'missing-customer': 'have no customer id (guest orders)',
  'excluded-customer': 'belong to excluded customers',
  'missing-time': 'have no order time',
  'outside-date-range': 'fall outside the date range',
  'after-cutoff': 'fall after the cutoff',
  'other-channel': 'are from other channels',
  'missing-amount': 'have no amount',
  'duplicate-rows': 'repeat an order already counted',
};

/** Returns the issues to show for a build: exclusions, conflicting duplicates, refunds, repeated customer ids, ids read from numbers. */
export function describeIssues(
  exclusions: Partial<Record<CustomerIssueCode, number>>,
  conflicting: number,
  refundRows: number,
  duplicateCustomerIds: number,
  idKeys: RoleKeys[],
  orderRows: string,
): CustomerIssue[] {
  const issues: CustomerIssue[] = [];
  for (const [code, count] of Object.entries(exclusions) as [CustomerIssueCode, number][]) {
    const duplicateText = orderRows === 'lines' ? 'are exact repeats of another line (every mapped column equal)' : EXCLUSION_TEXT[code];
    const text = code === 'duplicate-rows' ? duplicateText : EXCLUSION_TEXT[code];
    const params: Record<string, string | number> = code === 'duplicate-rows' && orderRows === 'lines' ? { count, variant: 'lines' } : { count };
    issues.push({ code, severity: code === 'duplicate-rows' || code === 'missing-amount' ? 'warning' : 'info', message: `${count} order row(s) ${text}: excluded.`, count, params });
  }
  if (conflicting > 0) {
    issues.push({
      code: 'conflicting-duplicates',
      severity: 'warning',
      message: `${conflicting} repeated order id(s) differ from the kept row in amount or customer: if rows are lines of an order, choose “lines”.`,
      count: conflicting,
      params: { count: conflicting },
    });
  }
  if (refundRows > 0) {
    issues.push({ code: 'refund-rows', severity: 'info', message: `${refundRows} used row(s) are refunds: they reduce net revenue and are not purchases.`, count: refundRows, params: { count: refundRows } });
  }
  if (duplicateCustomerIds > 0) {
    issues.push({
      code: 'duplicate-customer-ids',
      severity: 'warning',
      message: `${duplicateCustomerIds} row(s) of the customers table repeat an id: each customer appears once.`,
      count: duplicateCustomerIds,
      params: { count: duplicateCustomerIds },
    });
  }
  for (const keys of idKeys) {
    if (keys.fromNumber) {
      issues.push({
        code: 'id-from-number',
        severity: 'warning',
        message: `The ids in “${keys.column}” are numbers: they were turned into text, but leading zeros or digits beyond 2^53 may already be lost. Import the column as text.`,
        count: keys.dictionary.length,
        column: keys.column,
        params: { column: keys.column },
      });
    }
  }
  return issues;
}
