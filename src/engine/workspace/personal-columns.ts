/**
 * Which columns look like personal data (names, phone numbers, e-mail and postal addresses, ID
 * numbers), by their names in English and Chinese. The save dialog suggests hashing them; the user
 * decides. A guess from the name only: it never reads the values.
 */

const PERSONAL_WORDS = [
  'phone', 'mobile', 'tel', 'telephone', 'cellphone', 'email', 'mail', 'address', 'addr', 'street',
  'zip', 'zipcode', 'postcode', 'postal', 'idcard', 'ssn', 'passport', 'birthday', 'dob', 'wechat', 'qq',
  'firstname', 'lastname', 'fullname', 'surname', 'nickname', 'contact',
];
/** `name` is personal alone or after one of these (`customer_name`), not after `product`. */
const PERSON_PREFIXES = ['customer', 'client', 'user', 'member', 'buyer', 'receiver', 'recipient', 'consignee', 'contact', 'first', 'last', 'full', 'real', 'nick'];
const CHINESE = /姓名|名字|手机|电话|联系方式|邮箱|地址|身份证|微信|生日|收件人|收货人/;

export function looksPersonal(columnName: string): boolean {
  if (CHINESE.test(columnName)) return true;
  // Words of the name: split at separators and camelCase, lower-cased (`customerPhone` → customer, phone).
  const words = columnName
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  const joined = words.join('');
  if (words.some((w) => PERSONAL_WORDS.includes(w)) || ['emailaddress', 'phonenumber', 'mobilenumber', 'idnumber', 'idcard', 'idcardnumber'].includes(joined)) return true;
  return words.some((w, i) => w === 'name' && (words.length === 1 || (i > 0 && PERSON_PREFIXES.includes(words[i - 1]))));
}
