/**
 * A seeded, realistic shop for the demo workspace and the benchmarks: customers (signup date,
 * channel, city), orders (19-digit ids, statuses with refunds and cancellations, coupons) and
 * order items (product, category, unit price, quantity).
 *
 * Invariants (tested): the same options give the same bytes; every order's customer and every
 * item's order exist; no order precedes its customer's signup; an order's paid amount is the
 * sum of its items less its coupon, never negative; orders are written in time order.
 */
import { formatDay, formatWallClock } from '../sqlite/format-sql-value.ts';
import { seededRandom } from './seeded-random.ts';

export interface GenerateShopOptions {
  orders: number;
  seed?: number;
  /** Customers; defaults to one per eight orders (plus some who never buy). */
  customers?: number;
  /** First day of the order history (civil day number); defaults to 2023-01-01. */
  startDay?: number;
  /** Length of the history in days; defaults to two years. */
  days?: number;
}

/** Receives the CSV text of each table in chunks, headers first. */
export interface ShopSink {
  customers(chunk: string): void;
  orders(chunk: string): void;
  orderItems(chunk: string): void;
}

const DAY_MS = 86_400_000;
const CHUNK_ROWS = 20_000;
const CHANNELS = ['app', 'mini-program', 'web', 'store'];
const CHANNEL_WEIGHTS = [0.45, 0.3, 0.15, 0.1];
const CITIES = ['上海', '北京', '杭州', '深圳', '广州', '成都', '南京', '武汉', '西安', '苏州', '重庆', '长沙'];
/** Categories with a typical price range (yuan) and how often they appear in baskets. */
const CATEGORIES: { name: string; low: number; high: number; weight: number }[] = [
  { name: '美妆', low: 49, high: 599, weight: 0.16 },
  { name: '护肤', low: 69, high: 899, weight: 0.12 },
  { name: '零食', low: 9.9, high: 79, weight: 0.18 },
  { name: '生鲜', low: 15, high: 198, weight: 0.1 },
  { name: '母婴', low: 39, high: 499, weight: 0.08 },
  { name: '服饰', low: 59, high: 699, weight: 0.1 },
  { name: '家居', low: 19, high: 399, weight: 0.08 },
  { name: '数码', low: 99, high: 2999, weight: 0.05 },
  { name: '个护', low: 12, high: 159, weight: 0.09 },
  { name: '宠物', low: 19, high: 299, weight: 0.04 },
];
const PRODUCTS_PER_CATEGORY = 24;
const STATUSES: [string, number][] = [
  ['completed', 0.78],
  ['shipped', 0.09],
  ['refunded', 0.07],
  ['cancelled', 0.06],
];

function pick<T>(random: () => number, items: readonly T[], weights: readonly number[]): T {
  let x = random() * weights.reduce((a, b) => a + b, 0);
  for (let i = 0; i < items.length; i++) {
    x -= weights[i];
    if (x < 0) return items[i];
  }
  return items[items.length - 1];
}

/** Writes the shop's three tables to `sink` as CSV (UTF-8 text, LF line ends). */
export function generateShop(options: GenerateShopOptions, sink: ShopSink): void {
  const random = seededRandom(options.seed ?? 20240101);
  const orderCount = Math.max(0, Math.floor(options.orders));
  const customerCount = Math.max(1, options.customers ?? Math.round(orderCount / 8) + 50);
  const startDay = options.startDay ?? 19358; // 2023-01-01
  const days = Math.max(1, options.days ?? 730);

  // Products: ids, categories and list prices, fixed for the run.
  const products = CATEGORIES.flatMap((category, c) =>
    Array.from({ length: PRODUCTS_PER_CATEGORY }, (_, i) => ({
      id: `P${String(c + 1).padStart(2, '0')}${String(i + 1).padStart(3, '0')}`,
      category: category.name,
      price: Math.round((category.low + (category.high - category.low) * Math.pow(random(), 2)) * 10) / 10 - 0.1,
    })),
  );
  const categoryWeights = products.map((p) => CATEGORIES.find((c) => c.name === p.category)!.weight / PRODUCTS_PER_CATEGORY);

  // Customers: a signup day (some before the history starts), a buying weight with a heavy
  // tail, and a last active day (many customers lapse; the lifecycle playbooks need churn).
  const signup = new Float64Array(customerCount);
  const lastActive = new Float64Array(customerCount);
  const weight = new Float64Array(customerCount);
  let customerText: string[] = ['customer_id,signup_date,channel,city\n'];
  for (let c = 0; c < customerCount; c++) {
    signup[c] = startDay - 180 + Math.floor(random() * (days + 150));
    const lifetime = -Math.log(1 - random()) * days * 0.9;
    lastActive[c] = Math.min(startDay + days - 1, Math.max(signup[c], startDay) + Math.floor(lifetime));
    // Customers who signed up after the last active day of the history never buy (prospects).
    weight[c] = signup[c] > startDay + days - 1 ? 0 : 1 / Math.pow(random() + 0.03, 1.2);
    const channel = pick(random, CHANNELS, CHANNEL_WEIGHTS);
    const city = CITIES[Math.floor(random() * CITIES.length)];
    customerText.push(`${customerId(c)},${formatDay(signup[c])},${channel},${city}\n`);
    if (customerText.length >= CHUNK_ROWS) {
      sink.customers(customerText.join(''));
      customerText = [];
    }
  }
  sink.customers(customerText.join(''));

  // Orders: pick a customer by weight, then a moment inside their active span; sort by time.
  const cumulative = new Float64Array(customerCount);
  let total = 0;
  if (weight.every((w) => w === 0)) {
    // A tiny shop where everyone signed up too late: let the first customer buy.
    weight[0] = 1;
    signup[0] = Math.min(signup[0], startDay);
  }
  for (let c = 0; c < customerCount; c++) cumulative[c] = total += weight[c];
  const orderCustomer = new Int32Array(orderCount);
  const orderTime = new Float64Array(orderCount);
  for (let o = 0; o < orderCount; o++) {
    const c = findCumulative(cumulative, random() * total);
    const first = Math.max(signup[c], startDay);
    const span = Math.max(1, lastActive[c] - first + 1);
    const day = first + Math.floor(random() * span);
    // Shoppers buy in the daytime and evening: 08:00–24:00, busiest around 21:00.
    const hourMs = (8 + 16 * Math.pow(random(), 0.7)) * 3_600_000;
    orderCustomer[o] = c;
    orderTime[o] = Math.floor((day * DAY_MS + hourMs) / 1000) * 1000;
  }
  const order = Uint32Array.from({ length: orderCount }, (_, i) => i).sort((a, b) => orderTime[a] - orderTime[b] || a - b);

  let orderNumber = 3_000_000_000_000_000_000n + BigInt(Math.floor(random() * 1e9));
  let orderText: string[] = ['order_id,customer_id,order_time,status,channel,coupon_amount,paid_amount\n'];
  let itemText: string[] = ['order_id,product_id,category,unit_price,quantity\n'];
  for (let k = 0; k < orderCount; k++) {
    const o = order[k];
    orderNumber += BigInt(1 + Math.floor(random() * 997));
    const id = String(orderNumber);
    const lines = 1 + Math.floor(Math.pow(random(), 2.2) * 4);
    let gross = 0;
    for (let l = 0; l < lines; l++) {
      const product = pick(random, products, categoryWeights);
      const quantity = 1 + Math.floor(Math.pow(random(), 4) * 4);
      gross += Math.round(product.price * 100) * quantity;
      itemText.push(`${id},${product.id},${product.category},${product.price.toFixed(2)},${quantity}\n`);
    }
    const coupon = random() < 0.35 ? Math.min(gross, [500, 1000, 2000, 5000][Math.floor(random() * 4)]) : 0;
    const status = pick(random, STATUSES.map((s) => s[0]), STATUSES.map((s) => s[1]));
    const channel = pick(random, CHANNELS, CHANNEL_WEIGHTS);
    orderText.push(
      `${id},${customerId(orderCustomer[o])},${formatWallClock(orderTime[o])},${status},${channel},${(coupon / 100).toFixed(2)},${((gross - coupon) / 100).toFixed(2)}\n`,
    );
    if (orderText.length >= CHUNK_ROWS) {
      sink.orders(orderText.join(''));
      sink.orderItems(itemText.join(''));
      orderText = [];
      itemText = [];
    }
  }
  sink.orders(orderText.join(''));
  sink.orderItems(itemText.join(''));
}

function customerId(index: number): string {
  return `C${String(index + 1).padStart(6, '0')}`;
}

/** Index of the first cumulative weight above `x` (binary search). */
function findCumulative(cumulative: Float64Array, x: number): number {
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cumulative[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
