/**
 * The purchase lines the product analyses read (issue #9): the purchases the customer table
 * counts, each with its customer, day, order and product or category. See analyses/types.ts.
 *
 * With the role on the orders table, a line is a purchase row. With the role on the items table,
 * a line is an item row joined to its order on the order id; item rows whose order is not a used
 * purchase (filtered out, a refund, unknown) are left out.
 */
import type { ItemDimension, PurchaseLines } from '../analyses/types.ts';
import { CustomerTableError } from './customer-table-error.ts';
import { indexColumns, readKeys, resolveRole, type RoleKeys } from './resolve-roles.ts';
import type { BuildCustomerTableOptions, CustomerTableDefinition, CustomerTableInput } from './types.ts';

export interface PurchaseLinesInput {
  input: CustomerTableInput;
  definition: CustomerTableDefinition;
  by: ItemDimension;
  /** The orders table's keys for the role, when the role is on the orders table. */
  keysOnOrders: RoleKeys | null;
  orderKeys: RoleKeys | null;
  /** Each orders row's customer group when it is a used purchase, else -1. */
  purchaseGroup: Int32Array;
  /** Each orders row's civil day. */
  days: Int32Array;
  customerIds: readonly string[];
  asOf: number;
  evaluate: BuildCustomerTableOptions['evaluateFormula'];
}

export function readPurchaseLines(p: PurchaseLinesInput): PurchaseLines {
  const { purchaseGroup, days, orderKeys, by } = p;
  const rowCount = purchaseGroup.length;
  const itemSource = p.definition.itemRoles?.[by];
  const roleName = by === 'product' ? 'product' : 'category';

  if (itemSource) {
    const items = p.input.items;
    if (!items) throw new CustomerTableError('missing-role', `The ${roleName} role is on the items table, but no items table was given.`, { role: by });
    if (!orderKeys) throw new CustomerTableError('missing-role', 'Joining order items needs the order id column of the orders table.', { role: 'order' });
    const itemOrderSource = p.definition.itemRoles?.order;
    if (!itemOrderSource) throw new CustomerTableError('missing-role', 'Choose the items table’s order id column.', { role: 'order' });
    const itemColumns = indexColumns(items, 'items');
    const itemOrders = readKeys(resolveRole(itemColumns, items.rowCount, 'order', itemOrderSource, 'items', p.evaluate));
    const keys = readKeys(resolveRole(itemColumns, items.rowCount, by, itemSource, 'items', p.evaluate));
    // Each order's customer and day, from the purchase rows that carry it.
    const orderGroup = new Int32Array(orderKeys.dictionary.length).fill(-1);
    const orderDay = new Int32Array(orderKeys.dictionary.length);
    for (let row = 0; row < rowCount; row++) {
      const code = orderKeys.codes[row];
      if (purchaseGroup[row] >= 0 && code >= 0) {
        orderGroup[code] = purchaseGroup[row];
        orderDay[code] = days[row];
      }
    }
    const orderCodeById = new Map<string, number>();
    orderKeys.dictionary.forEach((id, code) => orderCodeById.set(id, code));
    const itemOrderCode = Int32Array.from(itemOrders.dictionary, (id) => orderCodeById.get(id) ?? -1);
    let count = 0;
    const lineOrder = new Int32Array(items.rowCount);
    for (let row = 0; row < items.rowCount; row++) {
      const code = itemOrders.codes[row];
      const order = code >= 0 ? itemOrderCode[code] : -1;
      if (order >= 0 && orderGroup[order] >= 0) lineOrder[count++] = row;
    }
    const customer = new Int32Array(count);
    const day = new Int32Array(count);
    const order = new Int32Array(count);
    const item = new Int32Array(count);
    for (let i = 0; i < count; i++) {
      const row = lineOrder[i];
      const o = itemOrderCode[itemOrders.codes[row]];
      customer[i] = orderGroup[o];
      day[i] = orderDay[o];
      order[i] = o;
      item[i] = keys.codes[row];
    }
    return { count, customer, customerIds: p.customerIds, day, order, orderCount: orderKeys.dictionary.length, item, items: keys.dictionary, by, asOf: p.asOf };
  }

  const keys = p.keysOnOrders;
  if (!keys) {
    throw new CustomerTableError('missing-role', `This analysis needs the ${roleName} column: map the ${roleName} role in the customer table (on the orders or the items table).`, {
      role: by,
    });
  }
  let count = 0;
  for (let row = 0; row < rowCount; row++) if (purchaseGroup[row] >= 0) count++;
  const customer = new Int32Array(count);
  const day = new Int32Array(count);
  const order = new Int32Array(count);
  const item = new Int32Array(count);
  const orderBase = orderKeys ? orderKeys.dictionary.length : 0;
  let i = 0;
  for (let row = 0; row < rowCount; row++) {
    if (purchaseGroup[row] < 0) continue;
    customer[i] = purchaseGroup[row];
    day[i] = days[row];
    const code = orderKeys ? orderKeys.codes[row] : -1;
    // A row without an order id is an order of its own.
    order[i] = code >= 0 ? code : orderBase + i;
    item[i] = keys.codes[row];
    i++;
  }
  return { count, customer, customerIds: p.customerIds, day, order, orderCount: orderBase + count, item, items: keys.dictionary, by, asOf: p.asOf };
}
