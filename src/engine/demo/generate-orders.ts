import { formatWallClock } from '../sqlite/format-sql-value.ts';
import { seededRandom } from './seeded-random.ts';

/** Options for the generated orders file. */
export interface GenerateOrdersOptions {
  orders: number;
  seed?: number;
  /** Customers in the shop; defaults to one per eight orders. */
  customers?: number;
  /** First day of the order history (civil day number); defaults to 2023-01-01. */
  startDay?: number;
  /** Length of the history in days; defaults to two years. */
  days?: number;
}

const HEADER = 'order_id,customer_id,order_time,paid_amount,coupon_amount,status,quantity\n';
const STATUSES = ['paid', 'paid', 'paid', 'paid', 'paid', 'paid', 'paid', 'paid', 'shipped', 'refunded', 'cancelled'];
const DAY_MS = 86_400_000;

/**
 * Yields a realistic orders CSV in chunks of about `chunkRows` rows: 19-digit order ids (beyond
 * 2^53, as Taobao's), zero-padded customer ids with a skewed purchase frequency, order times over
 * the history, log-normal-ish amounts with two decimals, coupons on some orders, a few refunds
 * and cancellations. The same options always give the same bytes.
 */
export function* generateOrdersCsv(options: GenerateOrdersOptions, chunkRows = 50_000): Generator<string> {
  const random = seededRandom(options.seed ?? 20240101);
  const customers = options.customers ?? Math.max(1, Math.round(options.orders / 8));
  const startDay = options.startDay ?? 19358; // 2023-01-01
  const days = options.days ?? 730;
  const startMs = startDay * DAY_MS;
  // Each customer's share of orders follows a heavy tail: a few loyal buyers, many one-timers.
  const weights = new Float64Array(customers);
  let total = 0;
  for (let i = 0; i < customers; i++) total += weights[i] = 1 / Math.pow(random() + 0.02, 1.3);
  const cumulative = new Float64Array(customers);
  let running = 0;
  for (let i = 0; i < customers; i++) cumulative[i] = running += weights[i] / total;
  const pickCustomer = () => {
    const x = random();
    let lo = 0;
    let hi = customers - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cumulative[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  // Order times increase through the file, as exports usually do.
  const stepMs = (days * DAY_MS) / Math.max(1, options.orders);
  let orderNumber = 3_000_000_000_000_000_000n + BigInt(Math.floor(random() * 1e9));
  let chunk: string[] = [HEADER];
  for (let i = 0; i < options.orders; i++) {
    orderNumber += BigInt(1 + Math.floor(random() * 997));
    const customer = `C${String(pickCustomer() + 1).padStart(6, '0')}`;
    const time = formatWallClock(Math.floor((startMs + i * stepMs + random() * stepMs) / 1000) * 1000);
    const amount = Math.round(Math.exp(3.2 + random() * 2.4) * 100) / 100;
    const coupon = random() < 0.3 ? [5, 10, 20, 50][Math.floor(random() * 4)] : 0;
    const status = STATUSES[Math.floor(random() * STATUSES.length)];
    const quantity = 1 + Math.floor(Math.pow(random(), 3) * 6);
    chunk.push(`${orderNumber},${customer},${time},${amount.toFixed(2)},${coupon ? coupon.toFixed(2) : '0'},${status},${quantity}\n`);
    if (chunk.length >= chunkRows) {
      yield chunk.join('');
      chunk = [];
    }
  }
  if (chunk.length) yield chunk.join('');
}
