/**
 * The one date parser for cells. Every date and date-time the importer reads goes through
 * here; `new Date(string)` and `Date.parse` are never used on user text (their accepted forms
 * differ between engines and they guess time zones).
 *
 * Accepted forms (surrounding whitespace ignored, full-width digits folded):
 * - year first: `2019-03-13`, `2019/3/13`, `2019.3.13`, `2019年3月13日`;
 * - year last: `13/03/2019`, `3/13/2019`, `13.03.2019`, `3-13-2019`, read by `order` (dmy or mdy);
 * - then optionally a time after `T` or spaces: `10:05`, `10:05:22`, `10:05:22.123` (or `,123`),
 *   `10:05 PM`, and after a time an offset: `Z`, `+08:00`, `+0800`, `-05`.
 * Two-digit years are not dates (`1/2/19` is not guessed). Calendar validity is checked:
 * 2019-02-29 and 24:00 are not dates.
 */
import { isSpaceCode } from './null-tokens.ts';
import { daysFromCivil, isValidCivilDate } from './time-civil-days.ts';
import type { DateOrder } from './types.ts';

/**
 * The order used for `03/04/2019`-style dates when no value in the column has a day above 12
 * to tell. Month first: year-last slash dates mostly come from US-locale exports (Excel,
 * Shopify, Google Sheets); the importer warns with `date-order-ambiguous` whenever it relies on it.
 */
export const DEFAULT_DATE_ORDER: DateOrder = 'mdy';

/** What parseDate read; overwritten on every call (reuse one object: no allocation per cell). */
export class DateParts {
  /** Civil days since 1970-01-01 of the written date. */
  days = 0;
  /** Milliseconds since midnight of the written time of day (0 without a time). */
  timeMs = 0;
  hasTime = false;
  /** An explicit UTC offset was written (`Z`, `+08:00`). */
  hasOffset = false;
  /** The written offset in minutes east of UTC (`+08:00` is 480). */
  offsetMinutes = 0;
  /** The text has a year-last form (`13/03/2019`), whether or not it is a valid date. */
  yearLast = false;
  /** For year-last forms, the first and second numbers (`13/03/2019` gives 13 and 3), even when invalid; else 0. */
  first = 0;
  second = 0;
}

const COLON = 58;
const DOT = 46;
const COMMA = 44;
const SLASH = 47;
const MINUS = 45;
const PLUS = 43;
const YEAR_MARK = 0x5e74; // 年
const MONTH_MARK = 0x6708; // 月
const DAY_MARK = 0x65e5; // 日

// The cursor of the parse in progress (module state keeps the hot path free of allocations).
let pos = 0;
let end = 0;
let digitCount = 0;

/** The digits the last readDigits consumed (a function, so TypeScript does not keep a stale narrowing). */
function digitsRead(): number {
  return digitCount;
}

function fold(c: number): number {
  if (c >= 0xff01 && c <= 0xff5e) return c - 0xfee0;
  if (c === 0x2212) return MINUS;
  return c;
}

function codeAt(text: string, i: number): number {
  return i < end ? fold(text.charCodeAt(i)) : -1;
}

/** Reads up to `max` digits at the cursor; sets digitCount (0 when none). */
function readDigits(text: string, max: number): number {
  let value = 0;
  const start = pos;
  while (pos < end && pos - start < max) {
    const d = fold(text.charCodeAt(pos)) - 48;
    if (d < 0 || d > 9) break;
    value = value * 10 + d;
    pos++;
  }
  digitCount = pos - start;
  return value;
}

/**
 * Parses a date or date-time written in `text` into `out`; returns false when it is not one of
 * the accepted forms or not a real date/time. With `order` 'ymd', year-last forms are rejected.
 */
export function parseDate(text: string, order: DateOrder, out: DateParts): boolean {
  // The common untrimmed ISO form first, before any other work.
  const fast = parseIsoFast(text, 0, text.length, out);
  if (fast !== UNDECIDED) return fast === ACCEPTED;
  out.yearLast = false;
  out.first = 0;
  out.second = 0;
  out.timeMs = 0;
  out.hasTime = false;
  out.hasOffset = false;
  out.offsetMinutes = 0;
  pos = 0;
  end = text.length;
  while (pos < end && isSpaceCode(text.charCodeAt(pos))) pos++;
  while (end > pos && isSpaceCode(text.charCodeAt(end - 1))) end--;
  if (pos > 0 || end < text.length) {
    const trimmed = parseIsoFast(text, pos, end - pos, out);
    if (trimmed !== UNDECIDED) return trimmed === ACCEPTED;
  }

  const leading = readDigits(text, 4);
  const leadingDigits = digitsRead();
  const separator = codeAt(text, pos);
  let year: number;
  let month: number;
  let day: number;
  let timeMayFollowDirectly = false;
  if (leadingDigits === 4) {
    year = leading;
    pos++;
    if (separator === YEAR_MARK) {
      month = readDigits(text, 2);
      if (digitsRead() === 0 || codeAt(text, pos) !== MONTH_MARK) return false;
      pos++;
      day = readDigits(text, 2);
      if (digitsRead() === 0 || codeAt(text, pos) !== DAY_MARK) return false;
      pos++;
      timeMayFollowDirectly = true;
    } else if (separator === MINUS || separator === SLASH || separator === DOT) {
      month = readDigits(text, 2);
      if (digitsRead() === 0 || codeAt(text, pos) !== separator) return false;
      pos++;
      day = readDigits(text, 2);
      if (digitsRead() === 0) return false;
    } else {
      return false;
    }
  } else if (leadingDigits === 1 || leadingDigits === 2) {
    if (separator !== MINUS && separator !== SLASH && separator !== DOT) return false;
    pos++;
    const second = readDigits(text, 2);
    if (digitsRead() === 0 || codeAt(text, pos) !== separator) return false;
    pos++;
    year = readDigits(text, 4);
    if (digitsRead() !== 4) return false;
    out.yearLast = true;
    out.first = leading;
    out.second = second;
    if (order === 'dmy') {
      day = leading;
      month = second;
    } else if (order === 'mdy') {
      month = leading;
      day = second;
    } else {
      return false;
    }
  } else {
    return false;
  }

  if (pos < end && !readTime(text, out, timeMayFollowDirectly)) return false;
  return setCivilDay(year, month, day, out);
}

// The last day computed: consecutive rows usually share their day, so most cells skip the
// calendar arithmetic (a cache per distinct day prefix in effect, without a Map lookup).
let lastDayKey = -1;
let lastDays = 0;

/** Sets out.days for a civil date; false when the date does not exist. */
function setCivilDay(year: number, month: number, day: number, out: DateParts): boolean {
  const key = (year * 100 + month) * 100 + day;
  if (key !== lastDayKey) {
    if (!isValidCivilDate(year, month, day)) return false;
    lastDayKey = key;
    lastDays = daysFromCivil(year, month, day);
  }
  out.days = lastDays;
  return true;
}

const UNDECIDED = 0;
const ACCEPTED = 1;
const REJECTED = 2;

/** The two-digit number at `at`, or -1 unless both are ASCII digits. */
function twoDigits(text: string, at: number): number {
  const tens = text.charCodeAt(at) - 48;
  const ones = text.charCodeAt(at + 1) - 48;
  return tens >= 0 && tens <= 9 && ones >= 0 && ones <= 9 ? tens * 10 + ones : -1;
}

/**
 * The hot path of date columns: `2019-03-13`, `2019-03-13 10:05` and `2019-03-13 10:05:22`
 * (or with `/` or `T`) read at fixed positions. Other forms are UNDECIDED and take the general
 * parser; a form matched here is decided here.
 */
function parseIsoFast(text: string, at: number, length: number, out: DateParts): number {
  if (length !== 10 && length !== 16 && length !== 19) return UNDECIDED;
  const separator = text.charCodeAt(at + 4);
  if ((separator !== MINUS && separator !== SLASH) || text.charCodeAt(at + 7) !== separator) return UNDECIDED;
  const century = twoDigits(text, at);
  const yearInCentury = twoDigits(text, at + 2);
  const month = twoDigits(text, at + 5);
  const day = twoDigits(text, at + 8);
  if (century < 0 || yearInCentury < 0 || month < 0 || day < 0) return UNDECIDED;
  out.yearLast = false;
  out.hasOffset = false;
  out.hasTime = false;
  out.timeMs = 0;
  if (length > 10) {
    const t = text.charCodeAt(at + 10);
    if ((t !== 32 && t !== 84) || text.charCodeAt(at + 13) !== COLON) return UNDECIDED;
    const hour = twoDigits(text, at + 11);
    const minute = twoDigits(text, at + 14);
    let second = 0;
    if (length === 19) {
      if (text.charCodeAt(at + 16) !== COLON) return UNDECIDED;
      second = twoDigits(text, at + 17);
    }
    if (hour < 0 || minute < 0 || second < 0) return UNDECIDED;
    if (hour > 23 || minute > 59 || second > 59) return REJECTED;
    out.hasTime = true;
    out.timeMs = ((hour * 60 + minute) * 60 + second) * 1000;
  }
  return setCivilDay(century * 100 + yearInCentury, month, day, out) ? ACCEPTED : REJECTED;
}

/** Reads `[T| ]H:MM[:SS[.fff]][ AM|PM][offset]` up to the end of the text. */
function readTime(text: string, out: DateParts, mayFollowDirectly: boolean): boolean {
  const c = codeAt(text, pos);
  if (c === 84 /* T */) {
    pos++;
  } else if (isSpaceCode(c)) {
    while (pos < end && isSpaceCode(text.charCodeAt(pos))) pos++;
  } else if (!mayFollowDirectly) {
    return false;
  }
  let hour = readDigits(text, 2);
  if (digitsRead() === 0 || codeAt(text, pos) !== COLON) return false;
  pos++;
  const minute = readDigits(text, 2);
  if (digitsRead() !== 2) return false;
  let second = 0;
  let ms = 0;
  if (codeAt(text, pos) === COLON) {
    pos++;
    second = readDigits(text, 2);
    if (digitsRead() !== 2) return false;
    const mark = codeAt(text, pos);
    if (mark === DOT || mark === COMMA) {
      pos++;
      // Fractions are truncated to milliseconds: `.1239` is 123 ms.
      const fraction = readDigits(text, 3);
      if (digitsRead() === 0) return false;
      ms = digitsRead() === 3 ? fraction : digitsRead() === 2 ? fraction * 10 : fraction * 100;
      readDigits(text, 6);
    }
  }

  let afterTime = pos;
  while (afterTime < end && isSpaceCode(text.charCodeAt(afterTime))) afterTime++;
  const a = codeAt(text, afterTime) | 32;
  if ((a === 97 /* a */ || a === 112 /* p */) && (codeAt(text, afterTime + 1) | 32) === 109 /* m */) {
    if (hour < 1 || hour > 12) return false;
    hour = (hour % 12) + (a === 112 ? 12 : 0);
    afterTime += 2;
  }
  if (hour > 23 || minute > 59 || second > 59) return false;
  out.hasTime = true;
  out.timeMs = ((hour * 60 + minute) * 60 + second) * 1000 + ms;

  pos = afterTime;
  while (pos < end && isSpaceCode(text.charCodeAt(pos))) pos++;
  if (pos === end) return true;
  const sign = codeAt(text, pos);
  if (sign === 90 /* Z */ || sign === 122 /* z */) {
    pos++;
  } else if (sign === PLUS || sign === MINUS) {
    pos++;
    const offsetHours = readDigits(text, 2);
    if (digitsRead() !== 2) return false;
    let offsetMinutes = 0;
    if (codeAt(text, pos) === COLON) pos++;
    if (pos < end) {
      offsetMinutes = readDigits(text, 2);
      if (digitsRead() !== 2) return false;
    }
    if (offsetHours > 18 || offsetMinutes > 59) return false;
    out.offsetMinutes = (sign === MINUS ? -1 : 1) * (offsetHours * 60 + offsetMinutes);
  } else {
    return false;
  }
  out.hasOffset = true;
  return pos === end;
}
