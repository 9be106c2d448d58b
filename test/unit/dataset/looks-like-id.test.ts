// Invariant: headers that name identifiers are recognised (so their numbers stay text), and
// ordinary words that merely end in "id" or "no" are not.
import { describe, expect, it } from 'vitest';
import { looksLikeIdHeader } from '../../../src/engine/dataset/looks-like-id.ts';

describe('looksLikeIdHeader(name)', () => {
  it.each([
    'id', 'ID', 'Id', ' id ', 'customer_id', 'CustomerID', 'customerId', 'customerid', 'USERID', 'user-id', 'order id',
    'order_no', 'InvoiceNo', 'Invoice No.', 'order_number', 'order_num', 'Order #', 'StockCode', 'product_code', 'code',
    'zipcode', 'sku', 'SKU', 'sku_id', 'uuid', 'session_uuid', 'guid', 'identifier', 'IDNumber', 'phone', 'mobile_phone',
    '编号', '订单号', '客户编号', '手机号', '会员卡号', '商品编码', '客户ID', '订单id',
  ])('finds %j an id header', (name) => {
    expect(looksLikeIdHeader(name)).toBe(true);
  });

  it.each([
    'paid', 'valid', 'invalid', 'width', 'video', 'void', 'avoid', 'android', 'grid', 'hybrid', 'humidity', 'candidate',
    'idle', 'identity', 'provide', 'said', 'amount', 'quantity', 'number_of_orders', 'num_orders', 'price', 'notes',
    'paid_amount', 'is_valid', 'order_date', 'nominal', 'status', '', '金额', '数量', '日期', '号码簿备注',
  ])('does not find %j an id header', (name) => {
    expect(looksLikeIdHeader(name)).toBe(false);
  });
});
