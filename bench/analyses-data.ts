/**
 * The analyses bench's data (issue #9): a seeded CSV of order LINES — about 1M lines, 125k
 * customers, 400k orders over two years, 5,000 products in 40 categories with skewed popularity.
 * Each customer has favourite products re-bought at a product-specific cycle (so replenishment
 * cycles exist), and products have partners often bought in the same order (so cross-sell pairs
 * do). About 3% of orders are refunded. Columns:
 * `order_id,customer_id,order_time,product_id,category,amount,status`.
 */
import { createWriteStream, existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { seededRandom } from '../src/engine/index.ts';

const PRODUCTS = 5000;
const CATEGORIES = 40;
const CUSTOMERS = 125_000;
const DAYS = 730;
const START = Date.parse('2023-01-01T00:00:00Z');

export async function writeOrderLines(path: string, lines = 1_000_000, seed = 7): Promise<void> {
  if (existsSync(path)) return;
  mkdirSync(dirname(path), { recursive: true });
  const random = seededRandom(seed);
  const out = createWriteStream(path);
  const write = async (text: string) => {
    if (!out.write(text)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  };
  await write('order_id,customer_id,order_time,product_id,category,amount,status\n');
  // Popularity: low product numbers are bought far more often.
  const product = () => Math.min(PRODUCTS - 1, Math.floor(PRODUCTS * random() ** 2.2));
  const cycleOf = (p: number) => 7 + ((p * 37) % 84);
  const partnerOf = (p: number) => (p * 7 + 13) % PRODUCTS;
  const priceOf = (p: number) => 5 + ((p * 53) % 300) + 0.99;
  const name = (p: number) => `P${String(p).padStart(5, '0')}`;
  let written = 0;
  let orderId = 1_000_000;
  let chunk = '';
  for (let c = 0; written < lines; c = (c + 1) % CUSTOMERS) {
    const customer = `C${String(c).padStart(6, '0')}`;
    const favourites = [product(), product()];
    const orders = 1 + Math.floor(-Math.log(1 - random()) * 2.2);
    let day = Math.floor(random() * (DAYS - 30));
    for (let o = 0; o < orders && day < DAYS && written < lines; o++) {
      orderId++;
      const refunded = random() < 0.03;
      const seconds = Math.floor(random() * 86_400);
      const time = new Date(START + day * 86_400_000 + seconds * 1000).toISOString().slice(0, 19).replace('T', ' ');
      const basket = new Set<number>();
      const favourite = favourites[o % 2];
      if (random() < 0.7) basket.add(favourite);
      const size = 1 + Math.floor(random() * 3);
      while (basket.size < size) basket.add(product());
      for (const p of [...basket]) if (random() < 0.3) basket.add(partnerOf(p));
      for (const p of basket) {
        const quantity = 1 + Math.floor(random() * 3);
        chunk += `${orderId},${customer},${time},${name(p)},K${String(p % CATEGORIES).padStart(2, '0')},${(priceOf(p) * quantity).toFixed(2)},${refunded ? 'refunded' : 'paid'}\n`;
        written++;
      }
      // The next order comes around the favourite's cycle, with noise.
      day += Math.max(1, Math.round(cycleOf(favourite) * (0.6 + random() * 0.8)));
    }
    if (chunk.length > 1 << 20) {
      await write(chunk);
      chunk = '';
    }
  }
  await write(chunk);
  await new Promise<void>((resolve) => out.end(() => resolve()));
}
