// Templates: definitions without the workspace's own state, applied to new data with every unmapped role listed.
import { describe, expect, it } from 'vitest';
import {
  applyTemplate,
  defaultParameters,
  demoNotebook,
  readWorkspaceDefinition,
  toTemplate,
  type CustomersCell,
  type TemplateColumn,
  type WorkspaceDefinition,
} from '../../../src/engine/index.ts';

const workspace: WorkspaceDefinition = { format: 'tagbook-workspace', version: 1, name: 'Demo', cells: demoNotebook('en'), parameters: defaultParameters(), timeZone: 'Asia/Shanghai' };
const columns = (...names: string[]): TemplateColumn[] => names.map((name) => ({ name, type: 'text' }));
const DEMO_TABLES = {
  orders: columns('order_id', 'customer_id', 'order_time', 'status', 'channel', 'paid_amount', 'coupon_amount'),
  order_items: columns('order_id', 'product_id', 'category', 'quantity', 'unit_price'),
  customers: columns('customer_id', 'signup_date', 'city'),
};
const customersCell = (cells: WorkspaceDefinition['cells']) => cells.find((c): c is CustomersCell => c.kind === 'customers')!;

describe('toTemplate', () => {
  it('keeps the cells and parameters, drops the time zone and any consent to render a hand-edited spec', () => {
    const cells = workspace.cells.map((c) => (c.kind === 'chart' ? { ...c, specAccepted: true } : c));
    const template = toTemplate({ ...workspace, cells });
    expect(template).toEqual({ format: 'tagbook-template', version: 1, name: 'Demo', cells: workspace.cells, parameters: workspace.parameters });
    expect(template.cells).not.toBe(workspace.cells);
  });
});

describe('applyTemplate', () => {
  it('maps everything onto data with the same tables and columns', () => {
    const { definition, unmapped } = applyTemplate(toTemplate(workspace), DEMO_TABLES, 'Asia/Shanghai');
    expect(unmapped).toEqual([]);
    expect(definition).toEqual(workspace);
    expect(readWorkspaceDefinition(definition)).toEqual({ definition });
  });

  it('maps a column that differs only in case, and lists every role it cannot map without dropping it', () => {
    const { definition, unmapped } = applyTemplate(toTemplate(workspace), {
      Orders: columns('ORDER_ID', 'Customer_ID', 'order_time', 'state', 'paid_amount'),
      customers: columns('id'),
    });
    const cell = customersCell(definition.cells);
    const at = `cells[${definition.cells.indexOf(cell)}]`;
    expect(cell.sources.orders).toBe('Orders');
    expect(cell.definition.roles).toEqual({
      customer: 'Customer_ID',
      time: 'order_time',
      amount: 'paid_amount',
      order: 'ORDER_ID',
      coupon: 'coupon_amount',
      status: 'status',
      channel: 'channel',
    });
    expect(unmapped).toEqual([
      { path: `${at}.definition.roles.coupon`, message: 'The coupon role\'s column "coupon_amount" is not in "Orders".' },
      { path: `${at}.definition.roles.status`, message: 'The status role\'s column "status" is not in "Orders".' },
      { path: `${at}.definition.roles.channel`, message: 'The channel role\'s column "channel" is not in "Orders".' },
      { path: `${at}.sources.items`, message: 'The items table "order_items" is not in the new data.' },
      { path: `${at}.definition.customerRoles.customer`, message: 'The customer role\'s column "customer_id" is not in "customers".' },
    ]);
    expect(definition.cells[1]).toEqual({ ...workspace.cells[1], tableName: 'Orders' });
    // A table the new data lacks is listed, and its cell kept as it was.
    const noOrders = applyTemplate(toTemplate(workspace), { customers: DEMO_TABLES.customers });
    expect(noOrders.unmapped.slice(0, 2)).toEqual([
      { path: 'cells[1].tableName', message: 'The table "orders" is not in the new data.' },
      { path: `${at}.sources.orders`, message: 'The orders table "orders" is not in the new data.' },
    ]);
    expect(noOrders.definition.cells).toEqual(workspace.cells);
  });

  it('checks the names a role formula uses, and leaves a SQL result source to be checked when it runs', () => {
    const cell: CustomersCell = {
      ...customersCell(workspace.cells),
      sources: { orders: 'orders', items: 'repeat_buyers' },
      definition: { roles: { customer: 'customer_id', time: 'order_time', amount: { formula: 'qty * price * fx_rate' } }, itemRoles: { order: 'order_id' } },
    };
    const template = toTemplate({ ...workspace, cells: [cell, ...workspace.cells.filter((c) => c.kind === 'sql')], parameters: [...defaultParameters(), { name: 'fx_rate', type: 'number', value: 7.1 }] });
    const { unmapped } = applyTemplate(template, { orders: columns('customer_id', 'order_time', 'QTY') });
    expect(unmapped).toEqual([{ path: 'cells[0].definition.roles.amount.formula', message: 'The amount role\'s formula uses "price", not in "orders".' }]);
  });
});
