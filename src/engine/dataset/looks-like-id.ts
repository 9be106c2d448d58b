/**
 * Identifier columns stay text however numeric their values look (SPEC 6a): 19-digit order
 * numbers exceed 2^53, and `00004` must keep its zeros. The header is the strongest clue.
 *
 * A header looks like an id when, split into words at separators, case changes and script
 * changes (`CustomerID` → customer id, `客户ID` → 客户 id):
 * - a word is id, ids, identifier, uuid, guid, sku, or ends in `code` (code, zipcode, barcode);
 * - the last word is no, nr, num or number (`order_no`, `Invoice No.`; but `number_of_orders`
 *   is a count);
 * - a word glues a known entity to `id` (`customerid`, `userid`), since `paid`, `valid` and
 *   `void` also end in "id";
 * - a word is a phone, mobile or postal-code word;
 * - it ends in `#`, or in Chinese it ends in 号 or 码 (订单号, 编号, 编码) or holds 编号.
 */

const ID_WORDS: ReadonlySet<string> = new Set(['id', 'ids', 'identifier', 'uuid', 'guid', 'sku', 'skus', 'phone', 'mobile', 'tel', 'zip', 'postcode', 'postal']);
const LAST_ID_WORDS: ReadonlySet<string> = new Set(['no', 'nr', 'num', 'number']);
/** Entities whose id is often written as one word (`customerid`); the prefix must be one of these. */
const ENTITIES_GLUED_TO_ID = [
  'customer', 'cust', 'client', 'user', 'member', 'order', 'product', 'prod', 'item', 'sku', 'account', 'acct',
  'transaction', 'txn', 'invoice', 'store', 'shop', 'seller', 'buyer', 'vendor', 'merchant', 'session', 'device',
  'campaign', 'coupon', 'employee', 'emp', 'staff', 'contact', 'person', 'record', 'row', 'parent', 'category',
  'brand', 'payment', 'shipment', 'tracking', 'visitor', 'guest', 'card', 'unique', 'external', 'event', 'ticket', 'uu', 'g',
];
const GLUED_IDS: ReadonlySet<string> = new Set(ENTITIES_GLUED_TO_ID.map((entity) => `${entity}id`));

/** Splits a header into lower-case words at non-alphanumerics, lower→upper and letter/digit/script changes. */
function splitWords(name: string): string[] {
  const spaced = name
    .replace(/([\p{Ll}\d])(\p{Lu})/gu, '$1 $2')
    .replace(/(\p{Lu})(\p{Lu}\p{Ll})/gu, '$1 $2')
    .replace(/(\p{Script=Han})([A-Za-z\d])|([A-Za-z\d])(\p{Script=Han})/gu, (_, a, b, c, d) => (a ? `${a} ${b}` : `${c} ${d}`))
    .replace(/(\p{L})(\d)|(\d)(\p{L})/gu, (_, a, b, c, d) => (a ? `${a} ${b}` : `${c} ${d}`));
  return spaced
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 0);
}

/** True when a column named `name` probably holds identifiers (see the file header for the rules). */
export function looksLikeIdHeader(name: string): boolean {
  const trimmed = name.trim();
  if (trimmed.endsWith('#')) return true;
  if (/[号码]$/u.test(trimmed) || trimmed.includes('编号')) return true;
  const words = splitWords(trimmed);
  if (words.length === 0) return false;
  if (LAST_ID_WORDS.has(words[words.length - 1])) return true;
  return words.some((word) => ID_WORDS.has(word) || GLUED_IDS.has(word) || word.endsWith('code'));
}
