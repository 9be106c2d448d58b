import { describe, expect, it } from 'vitest';
import { guessRoles } from '../../../src/engine/index.ts';

describe('guessRoles', () => {
  it('maps the demo shop orders', () => {
    const roles = guessRoles([
      { name: 'order_id', type: 'text' },
      { name: 'customer_id', type: 'text' },
      { name: 'order_time', type: 'datetime' },
      { name: 'status', type: 'text' },
      { name: 'channel', type: 'text' },
      { name: 'coupon_amount', type: 'decimal' },
      { name: 'paid_amount', type: 'decimal' },
    ]);
    expect(roles).toEqual({ customer: 'customer_id', order: 'order_id', time: 'order_time', amount: 'paid_amount', coupon: 'coupon_amount', status: 'status', channel: 'channel' });
  });

  it('maps a Chinese back-end export, and UCI invoices without an amount column', () => {
    expect(
      guessRoles([
        { name: '订单号', type: 'text' },
        { name: '客户', type: 'text' },
        { name: '下单日期', type: 'date' },
        { name: '实付金额', type: 'decimal' },
        { name: '城市', type: 'text' },
      ]),
    ).toEqual({ customer: '客户', order: '订单号', time: '下单日期', amount: '实付金额' });
    expect(
      guessRoles([
        { name: 'InvoiceNo', type: 'text' },
        { name: 'StockCode', type: 'text' },
        { name: 'Quantity', type: 'integer' },
        { name: 'InvoiceDate', type: 'datetime' },
        { name: 'UnitPrice', type: 'decimal' },
        { name: 'CustomerID', type: 'text' },
        { name: 'Country', type: 'text' },
      ]),
    ).toEqual({ customer: 'CustomerID', order: 'InvoiceNo', time: 'InvoiceDate', product: 'StockCode', quantity: 'Quantity', unitPrice: 'UnitPrice' });
  });

  it('leaves a role unmapped rather than give it a column of the wrong type', () => {
    expect(guessRoles([{ name: 'amount', type: 'text' }, { name: 'date', type: 'text' }])).toEqual({});
  });
});
