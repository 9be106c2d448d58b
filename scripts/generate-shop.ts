/**
 * Writes the seeded demo shop as three CSV files:
 *   npm run generate-shop -- [--orders 40000] [--seed 20240101] [--out DIR]
 * → DIR/customers.csv, DIR/orders.csv, DIR/order_items.csv (default DIR: ./shop).
 * `--orders 1000000` makes the benchmark-sized shop.
 */
import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { generateShop } from '../src/engine/index.ts';

const { values } = parseArgs({
  options: { orders: { type: 'string', default: '40000' }, seed: { type: 'string', default: '20240101' }, out: { type: 'string', default: 'shop' } },
});
const orders = Number(values.orders);
const seed = Number(values.seed);
if (!Number.isInteger(orders) || orders < 0 || !Number.isInteger(seed)) {
  process.stderr.write('tagbook: --orders and --seed take whole numbers\n');
  process.exit(1);
}
mkdirSync(values.out, { recursive: true });
const files = {
  customers: openSync(join(values.out, 'customers.csv'), 'w'),
  orders: openSync(join(values.out, 'orders.csv'), 'w'),
  orderItems: openSync(join(values.out, 'order_items.csv'), 'w'),
};
generateShop(
  { orders, seed },
  {
    customers: (chunk) => writeSync(files.customers, chunk),
    orders: (chunk) => writeSync(files.orders, chunk),
    orderItems: (chunk) => writeSync(files.orderItems, chunk),
  },
);
for (const fd of Object.values(files)) closeSync(fd);
process.stdout.write(`wrote ${values.out}/customers.csv, orders.csv, order_items.csv (${orders} orders, seed ${seed})\n`);
