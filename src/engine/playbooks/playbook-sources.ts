/** The PlaybookSources of a customer table cell: which columns its roles name in its source tables. */
import type { RoleSource } from '../customers/types.ts';
import type { CustomersCell } from '../notebook/cells.ts';
import type { PlaybookSources } from './types.ts';

const column = (role: RoleSource | undefined): string | null => (typeof role === 'string' && role !== '' ? role : null);

/** `columnsOf(table)` gives a loaded table's column names (empty when it is not loaded). */
export function playbookSources(cell: CustomersCell, columnsOf: (table: string) => readonly string[]): PlaybookSources {
  const roles = cell.definition.roles;
  const refunds = cell.definition.refunds;
  const status = column(roles.status);
  const items = cell.sources.items ? cell.definition.itemRoles : undefined;
  return {
    orders: {
      table: cell.sources.orders,
      columns: columnsOf(cell.sources.orders),
      customer: column(roles.customer),
      time: column(roles.time),
      amount: column(roles.amount),
      order: column(roles.order),
      product: column(roles.product),
      category: column(roles.category),
      quantity: column(roles.quantity),
      unitPrice: column(roles.unitPrice),
      refundStatuses: refunds?.kind === 'status' && status ? { column: status, values: [...refunds.values] } : null,
    },
    items:
      cell.sources.items && items
        ? { table: cell.sources.items, columns: columnsOf(cell.sources.items), order: column(items.order), product: column(items.product), category: column(items.category) }
        : null,
  };
}
