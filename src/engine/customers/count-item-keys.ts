import { countDistinctPairs } from './count-distinct-pairs.ts';
import { CustomerTableError } from './customer-table-error.ts';
import { indexColumns, readKeys, resolveRole, type RoleKeys } from './resolve-roles.ts';
import type { BuildCustomerTableOptions, CustomerIssue, CustomerTableDefinition, CustomerTableInput, RoleSource } from './types.ts';

/** Distinct products or categories per customer from the items table, joined on the order id. */
export function countItemKeys(
  input: CustomerTableInput,
  definition: CustomerTableDefinition,
  role: 'product' | 'category',
  source: RoleSource,
  orderKeys: RoleKeys | null,
  purchaseGroup: Int32Array,
  groupCount: number,
  evaluate: BuildCustomerTableOptions['evaluateFormula'],
  issues: CustomerIssue[],
): Float64Array {
  const items = input.items;
  if (!items) throw new CustomerTableError('missing-role', `The ${role} role is on the items table, but no items table was given.`, { role });
  if (!orderKeys) throw new CustomerTableError('missing-role', 'Joining order items needs the order id column of the orders table.', { role: 'order' });
  const itemColumns = indexColumns(items, 'items');
  const itemOrderSource = definition.itemRoles?.order;
  if (!itemOrderSource) throw new CustomerTableError('missing-role', 'Choose the items table’s order id column.', { role: 'order' });
  const itemOrders = readKeys(resolveRole(itemColumns, items.rowCount, 'order', itemOrderSource, 'items', evaluate));
  const keys = readKeys(resolveRole(itemColumns, items.rowCount, role, source, 'items', evaluate));
  // Each order's customer (group), from the purchase rows that carry it.
  const orderGroup = new Int32Array(orderKeys.dictionary.length).fill(-1);
  for (let row = 0; row < purchaseGroup.length; row++) {
    const code = orderKeys.codes[row];
    if (purchaseGroup[row] >= 0 && code >= 0) orderGroup[code] = purchaseGroup[row];
  }
  // The items' order dictionary mapped onto the orders' (once per dictionary entry, not per row).
  const orderCodeById = new Map<string, number>();
  orderKeys.dictionary.forEach((id, code) => orderCodeById.set(id, code));
  const itemOrderCode = Int32Array.from(itemOrders.dictionary, (id) => orderCodeById.get(id) ?? -1);
  const itemGroup = new Int32Array(items.rowCount);
  let unknown = 0;
  for (let row = 0; row < items.rowCount; row++) {
    const code = itemOrders.codes[row];
    const order = code >= 0 ? itemOrderCode[code] : -1;
    if (order < 0) unknown++;
    itemGroup[row] = order >= 0 ? orderGroup[order] : -1;
  }
  if (unknown > 0 && !issues.some((i) => i.code === 'items-without-order')) {
    issues.push({
      code: 'items-without-order',
      severity: 'warning',
      message: `${unknown} item row(s) name an order id that is not in the orders table; they are not counted.`,
      count: unknown,
      params: { count: unknown },
    });
  }
  return Float64Array.from(countDistinctPairs(itemGroup, keys.codes, groupCount, keys.dictionary.length));
}

