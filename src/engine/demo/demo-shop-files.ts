import { generateShop } from './generate-shop.ts';

/** The demo workspace's shop: about 5k customers and 40k orders over two years. */
export const DEMO_SHOP = { orders: 40_000, seed: 20240101 } as const;

/** A file as an import takes it. */
export interface DemoFile {
  fileName: string;
  bytes: Uint8Array;
}

/** Returns the demo shop as three UTF-8 CSV files: customers, orders, order_items. */
export function demoShopFiles(): DemoFile[] {
  const parts = { customers: [] as string[], orders: [] as string[], orderItems: [] as string[] };
  generateShop(DEMO_SHOP, {
    customers: (chunk) => parts.customers.push(chunk),
    orders: (chunk) => parts.orders.push(chunk),
    orderItems: (chunk) => parts.orderItems.push(chunk),
  });
  const encoder = new TextEncoder();
  return [
    { fileName: 'customers.csv', bytes: encoder.encode(parts.customers.join('')) },
    { fileName: 'orders.csv', bytes: encoder.encode(parts.orders.join('')) },
    { fileName: 'order_items.csv', bytes: encoder.encode(parts.orderItems.join('')) },
  ];
}
