/**
 * The number parser for cells: plain numbers, money and percentages as people write them.
 *
 * Accepted, around an optional sign: thousands separators (`1,234,567.89`, or `1.234.567,89`
 * when the decimal separator is ','), a currency mark before or after (¥ ￥ 元 $ € £, RMB CNY
 * USD EUR GBP, spaces allowed between mark and number), accounting negatives `(12.50)`, a
 * trailing minus `12.50-`, a percent sign (`12.5%` is 0.125), an exponent (`1e5`) and
 * full-width digits and punctuation (`１２３．４５`, `￥１，２３４`). Not accepted: hex
 * (`0x1F`), `Infinity`, two signs, currency with percent, misplaced thousands separators
 * (`1,23`): those cells are not numbers, never a silently different number.
 *
 * Speed: a million-row column must parse in a few tens of milliseconds, so the plain case
 * (`-123.45`) runs through a charCode loop without allocating, and only other forms take the
 * general path.
 */
import { isSpaceCode } from './null-tokens.ts';

/** The decimal separator of a column: `1.5` or `1,5`. */
export type DecimalSeparator = '.' | ',';

/** The written form of the last number scanned, for type inference and id detection. */
export class NumberShape {
  /** A decimal separator, exponent or percent sign was written (so the column is not integer). */
  fractional = false;
  /** An exponent was written (`1e5`, `2.01903E+18`). */
  exponent = false;
  /** The integer part starts with a zero followed by more digits (`00004`, `-01`; not `0`, `0.5`). */
  leadingZero = false;
  /** Significant digits written before the decimal separator (`00120.5` has 3). */
  integerDigits = 0;
  /** A decimal separator followed only by zeros (`17850.0`). */
  zeroFraction = false;
  /** The decimal separator the written grouping implies: 0 none or ambiguous (`1,234`), 1 '.', 2 ','. */
  separatorHint = 0;
  /** The count of digits when the text is nothing but digits (`19970101`), else 0. */
  plainDigits = 0;
}

const MINUS = 45;
const PLUS = 43;
const DOT = 46;
const COMMA = 44;
const PERCENT = 37;
const OPEN_PAREN = 40;
const CLOSE_PAREN = 41;
const SMALL_E = 101;
const CAPITAL_E = 69;
const ZERO = 48;

/** Integers up to 2^53 are exact doubles, so `mantissa / 10^k` is correctly rounded (Clinger's fast path). */
const MAX_EXACT_MANTISSA = 2 ** 53;
const POWERS_OF_TEN = Array.from({ length: 23 }, (_, k) => 10 ** k);

const scratchShape = new NumberShape();

/** Returns the number written in `text`, or NaN when it is not a number (see the file header for the forms). */
export function parseNumber(text: string, decimalSeparator: DecimalSeparator = '.'): number {
  return scanNumber(text, decimalSeparator, scratchShape);
}

/**
 * Returns the number written in `text` (NaN when it is not one) and describes its written form
 * in `shape`, which is overwritten on every call (reuse one object: no allocation per cell).
 * With `exactBeyondSafe` false, a number whose integer part exceeds 2^53 may come back a few
 * units off in its last place, for callers that reject such numbers anyway (it saves a slow
 * conversion per 19-digit order id).
 */
export function scanNumber(text: string, decimalSeparator: DecimalSeparator, shape: NumberShape, exactBeyondSafe = true): number {
  const separator = decimalSeparator === ',' ? COMMA : DOT;
  const n = text.length;
  let i = 0;
  let negative = false;
  if (n > 0 && text.charCodeAt(0) === MINUS) {
    negative = true;
    i = 1;
  }
  const integerStart = i;
  let mantissa = 0;
  while (i < n) {
    const d = text.charCodeAt(i) - ZERO;
    if (d < 0 || d > 9) break;
    mantissa = mantissa * 10 + d;
    i++;
  }
  const integerEnd = i;
  const integerPart = mantissa;
  let hasSeparator = false;
  let fractionDigits = 0;
  let fractionNonZero = false;
  if (i < n) {
    if (text.charCodeAt(i) !== separator) return scanGeneral(text, separator, shape);
    hasSeparator = true;
    i++;
    const fractionStart = i;
    while (i < n) {
      const d = text.charCodeAt(i) - ZERO;
      if (d < 0 || d > 9) return scanGeneral(text, separator, shape);
      mantissa = mantissa * 10 + d;
      if (d !== 0) fractionNonZero = true;
      i++;
    }
    fractionDigits = i - fractionStart;
  }
  const integerDigitsWritten = integerEnd - integerStart;
  if (integerDigitsWritten + fractionDigits === 0) return scanGeneral(text, separator, shape);

  const firstIsZero = integerDigitsWritten > 0 && text.charCodeAt(integerStart) === ZERO;
  let significant = integerDigitsWritten;
  if (firstIsZero) {
    let k = integerStart;
    while (k < integerEnd && text.charCodeAt(k) === ZERO) k++;
    significant = integerEnd - k;
  }
  shape.fractional = hasSeparator;
  shape.exponent = false;
  shape.leadingZero = firstIsZero && integerDigitsWritten > 1;
  shape.integerDigits = significant;
  shape.zeroFraction = hasSeparator && fractionDigits > 0 && !fractionNonZero;
  shape.separatorHint = hasSeparator ? hintFromSeparator(separator, 0, fractionDigits, integerDigitsWritten, firstIsZero) : 0;
  shape.plainDigits = !negative && !hasSeparator ? integerDigitsWritten : 0;

  let value: number;
  if (mantissa <= MAX_EXACT_MANTISSA && fractionDigits < POWERS_OF_TEN.length) {
    value = fractionDigits === 0 ? mantissa : mantissa / POWERS_OF_TEN[fractionDigits];
  } else if (!exactBeyondSafe && integerPart > MAX_EXACT_MANTISSA && fractionDigits < POWERS_OF_TEN.length) {
    value = mantissa / POWERS_OF_TEN[fractionDigits];
  } else {
    // Too many digits for exact arithmetic: let the engine round the plain ASCII literal.
    value = Number(separator === DOT ? text : text.replace(',', '.'));
  }
  return negative ? 0 - value : value;
}

/** Which separator a written number proves to be decimal: 0 when the form fits either reading. */
function hintFromSeparator(separator: number, groups: number, fractionDigits: number, integerDigits: number, firstIsZero: boolean): number {
  const proven = separator === DOT ? 1 : 2;
  if (groups > 0) return proven;
  // `1.234` or `12,345`: one separator followed by three digits after a valid first group is
  // a thousands separator in the other convention, so it proves nothing.
  if (fractionDigits === 3 && integerDigits >= 1 && integerDigits <= 3 && !firstIsZero) return 0;
  return proven;
}

/** Folds full-width ASCII (U+FF01–FF5E) to ASCII and the Unicode minus sign to '-'. */
function fold(c: number): number {
  if (c >= 0xff01 && c <= 0xff5e) return c - 0xfee0;
  if (c === 0x2212) return MINUS;
  return c;
}

function isSingleCurrencyMark(c: number): boolean {
  // ¥ £ $ € 元 ￥ ￡ (full-width $ folds to $).
  return c === 0xa5 || c === 0xa3 || c === 36 || c === 0x20ac || c === 0x5143 || c === 0xffe5 || c === 0xffe1;
}

const CURRENCY_CODES = ['RMB', 'CNY', 'USD', 'EUR', 'GBP'];

/** Upper-cases ASCII letters (after folding), leaves other codes alone. */
function upper(c: number): number {
  const f = fold(c);
  return f >= 97 && f <= 122 ? f - 32 : f;
}

/** Length of the currency mark starting at `start` (0 if none). */
function currencyLengthAt(text: string, start: number, end: number): number {
  const c = fold(text.charCodeAt(start));
  if (isSingleCurrencyMark(c)) return 1;
  if (end - start < 3) return 0;
  for (const code of CURRENCY_CODES) {
    if (
      upper(text.charCodeAt(start)) === code.charCodeAt(0) &&
      upper(text.charCodeAt(start + 1)) === code.charCodeAt(1) &&
      upper(text.charCodeAt(start + 2)) === code.charCodeAt(2)
    ) {
      return 3;
    }
  }
  return 0;
}

/** Length of the currency mark ending just before `end` (0 if none). */
function currencyLengthBefore(text: string, start: number, end: number): number {
  if (isSingleCurrencyMark(fold(text.charCodeAt(end - 1)))) return 1;
  return end - start >= 3 ? currencyLengthAt(text, end - 3, end) : 0;
}

function fail(shape: NumberShape): number {
  shape.fractional = false;
  shape.exponent = false;
  shape.leadingZero = false;
  shape.integerDigits = 0;
  shape.zeroFraction = false;
  shape.separatorHint = 0;
  shape.plainDigits = 0;
  return NaN;
}

/** The general path: trims, strips sign/currency/percent/parentheses, then reads grouped digits. */
function scanGeneral(text: string, separator: number, shape: NumberShape): number {
  let start = 0;
  let end = text.length;
  while (start < end && isSpaceCode(text.charCodeAt(start))) start++;
  while (end > start && isSpaceCode(text.charCodeAt(end - 1))) end--;
  if (start === end) return fail(shape);

  let negative = false;
  let signed = false;
  let currency = false;
  let percent = false;
  if (fold(text.charCodeAt(start)) === OPEN_PAREN) {
    // Accounting negative: `(12.50)`, `(¥1,234)`.
    if (end - start < 3 || fold(text.charCodeAt(end - 1)) !== CLOSE_PAREN) return fail(shape);
    negative = true;
    signed = true;
    start++;
    end--;
    while (start < end && isSpaceCode(text.charCodeAt(start))) start++;
    while (end > start && isSpaceCode(text.charCodeAt(end - 1))) end--;
  }

  // Prefixes: at most one sign and one currency mark, in either order (`-¥12`, `¥-12`, `RMB 12`).
  while (start < end) {
    const c = fold(text.charCodeAt(start));
    if ((c === MINUS || c === PLUS) && !signed) {
      signed = true;
      negative = c === MINUS;
      start++;
      continue;
    }
    if (!currency) {
      const length = currencyLengthAt(text, start, end);
      if (length > 0) {
        currency = true;
        start += length;
        while (start < end && isSpaceCode(text.charCodeAt(start))) start++;
        continue;
      }
    }
    break;
  }
  // Suffixes: percent, trailing minus (`12.50-`), currency (`1234.5元`, `3,50 €`).
  while (end > start) {
    const c = fold(text.charCodeAt(end - 1));
    let length = 0;
    if (c === PERCENT && !percent && !currency) {
      percent = true;
      length = 1;
    } else if (c === MINUS && !signed) {
      signed = true;
      negative = true;
      length = 1;
    } else if (!currency && !percent) {
      length = currencyLengthBefore(text, start, end);
      if (length > 0) currency = true;
    }
    if (length === 0) break;
    end -= length;
    while (end > start && isSpaceCode(text.charCodeAt(end - 1))) end--;
  }
  if (start >= end) return fail(shape);

  const group = separator === DOT ? COMMA : DOT;
  let i = start;
  let mantissa = 0;
  let integerDigits = 0;
  let significant = 0;
  let firstIsZero = false;
  let groups = 0;
  let digitsSinceGroup = 0;
  let c = 0;
  for (; i < end; i++) {
    c = fold(text.charCodeAt(i));
    const d = c - ZERO;
    if (d >= 0 && d <= 9) {
      if (integerDigits === 0) firstIsZero = d === 0;
      if (significant > 0 || d !== 0) significant++;
      mantissa = mantissa * 10 + d;
      integerDigits++;
      digitsSinceGroup++;
    } else if (c === group) {
      // Thousands groups: a first group of 1–3 digits not starting with 0, then exactly 3 each.
      if (groups === 0 ? digitsSinceGroup < 1 || digitsSinceGroup > 3 || firstIsZero : digitsSinceGroup !== 3) return fail(shape);
      groups++;
      digitsSinceGroup = 0;
    } else {
      break;
    }
  }
  if (groups > 0 && digitsSinceGroup !== 3) return fail(shape);

  let hasSeparator = false;
  let fractionDigits = 0;
  let fractionNonZero = false;
  if (i < end && c === separator) {
    hasSeparator = true;
    for (i++; i < end; i++) {
      c = fold(text.charCodeAt(i));
      const d = c - ZERO;
      if (d < 0 || d > 9) break;
      mantissa = mantissa * 10 + d;
      if (d !== 0) fractionNonZero = true;
      fractionDigits++;
    }
  }
  if (integerDigits + fractionDigits === 0) return fail(shape);

  let exponent = 0;
  let hasExponent = false;
  if (i < end && (c === SMALL_E || c === CAPITAL_E)) {
    hasExponent = true;
    i++;
    let exponentNegative = false;
    if (i < end) {
      const s = fold(text.charCodeAt(i));
      if (s === PLUS || s === MINUS) {
        exponentNegative = s === MINUS;
        i++;
      }
    }
    const exponentStart = i;
    for (; i < end; i++) {
      const d = fold(text.charCodeAt(i)) - ZERO;
      if (d < 0 || d > 9) break;
      // Beyond 400 the value is 0 or Infinity either way; stop growing the integer.
      if (exponent < 400) exponent = exponent * 10 + d;
    }
    if (i === exponentStart) return fail(shape);
    if (exponentNegative) exponent = -exponent;
  }
  if (i !== end) return fail(shape);

  const scale = exponent - fractionDigits - (percent ? 2 : 0);
  let value: number;
  if (mantissa <= MAX_EXACT_MANTISSA && Math.abs(scale) < POWERS_OF_TEN.length) {
    value = scale >= 0 ? mantissa * POWERS_OF_TEN[scale] : mantissa / POWERS_OF_TEN[-scale];
  } else {
    value = Number(`${writtenDigits(text, start, end)}e${scale}`);
  }
  if (!Number.isFinite(value)) return fail(shape);

  shape.fractional = hasSeparator || hasExponent || percent;
  shape.exponent = hasExponent;
  shape.leadingZero = firstIsZero && integerDigits > 1 && groups === 0;
  shape.integerDigits = significant;
  shape.zeroFraction = hasSeparator && fractionDigits > 0 && !fractionNonZero;
  shape.separatorHint = hasSeparator ? hintFromSeparator(separator, groups, fractionDigits, integerDigits, firstIsZero) : groups > 1 ? (separator === DOT ? 1 : 2) : 0;
  shape.plainDigits = !signed && !currency && !percent && !hasSeparator && !hasExponent && groups === 0 ? integerDigits : 0;
  return negative ? 0 - value : value;
}

/** The mantissa digits of the number between `start` and `end` (up to the exponent), as ASCII. */
function writtenDigits(text: string, start: number, end: number): string {
  let digits = '';
  for (let i = start; i < end; i++) {
    const c = fold(text.charCodeAt(i));
    if (c === SMALL_E || c === CAPITAL_E) break;
    if (c >= ZERO && c <= ZERO + 9) digits += String.fromCharCode(c);
  }
  return digits;
}
