// The save dialog's guess of personal columns, from their names only.
import { describe, expect, it } from 'vitest';
import { looksPersonal } from '../../../src/engine/workspace/personal-columns.ts';

describe('looksPersonal', () => {
  it('flags names, contact details and ID numbers in English and Chinese', () => {
    for (const name of ['name', 'customer_name', 'CustomerName', 'first_name', 'phone', 'Mobile', 'phone_number', 'email', 'E-mail', 'emailAddress', 'address', 'zip', 'id_card', '姓名', '手机号', '收货地址', '客户邮箱', 'wechat']) {
      expect(looksPersonal(name), name).toBe(true);
    }
  });

  it('leaves alone what is not about a person', () => {
    for (const name of ['customer_id', 'order_id', 'product_name', 'category_name', 'amount', 'order_time', 'channel', 'status', 'rename_count', 'telemetry', 'campaign_sent', '金额', '商品名称']) {
      expect(looksPersonal(name), name).toBe(false);
    }
  });
});
