/**
 * The order filters, applied before any metric (issue #4): each row is kept or excluded under
 * its first failing test, in this order — missing customer id, excluded customer, missing time,
 * outside the date range, after the cutoff, other channel, missing amount, duplicate. So
 * `inputRows = kept + Σ exclusions` by construction.
 */
import type { CustomerIssueCode, OrderRowsMode } from './types.ts';

const MS_PER_DAY = 86_400_000;

/** The typed arrays the filters read; optional parts are null when their role is not mapped. */
export interface FilterInput {
  rowCount: number;
  customerCodes: Int32Array;
  /** 1 for customer dictionary codes to leave out. */
  excludedCustomerCodes: Uint8Array | null;
  times: Float64Array;
  timeType: 'date' | 'datetime';
  /** Inclusive civil days; ±Infinity when open. */
  fromDay: number;
  toDay: number;
  /** The lifetimes preset's calibration end (inclusive), or +Infinity. */
  cutoffDay: number;
  channelCodes: Int32Array | null;
  /** 1 for channel dictionary codes to keep; null keeps every row. */
  keptChannelCodes: Uint8Array | null;
  amounts: Float64Array;
  orderCodes: Int32Array | null;
  orderCount: number;
  orderRows: OrderRowsMode;
  /** Every mapped role's values, compared to find exact duplicate lines in `lines` mode. */
  compared: (Float64Array | Int32Array)[];
}

/** Which rows the metrics use, and the count of each exclusion. */
export interface FilterResult {
  /** 1 for rows used by the metrics. */
  keep: Uint8Array;
  /** Each row's civil day (valid for kept rows). */
  days: Int32Array;
  keptRows: number;
  exclusions: Partial<Record<CustomerIssueCode, number>>;
  /** In `one-per-order` mode: excluded duplicates whose amount differs from the kept row. */
  conflictingDuplicates: number;
}

/** Returns which rows the metrics use, and how many rows each filter excluded. */
export function filterOrderRows(input: FilterInput): FilterResult {
  const { rowCount, customerCodes, excludedCustomerCodes, times, fromDay, toDay, cutoffDay, channelCodes, keptChannelCodes, amounts } = input;
  const keep = new Uint8Array(rowCount);
  const days = new Int32Array(rowCount);
  const isDatetime = input.timeType === 'datetime';
  let missingCustomer = 0;
  let excludedCustomer = 0;
  let missingTime = 0;
  let outside = 0;
  let afterCutoff = 0;
  let otherChannel = 0;
  let missingAmount = 0;
  let kept = 0;
  for (let row = 0; row < rowCount; row++) {
    const customer = customerCodes[row];
    if (customer < 0) {
      missingCustomer++;
      continue;
    }
    if (excludedCustomerCodes && excludedCustomerCodes[customer]) {
      excludedCustomer++;
      continue;
    }
    const time = times[row];
    if (time !== time) {
      missingTime++;
      continue;
    }
    const day = isDatetime ? Math.floor(time / MS_PER_DAY) : time;
    if (day < fromDay || day > toDay) {
      outside++;
      continue;
    }
    if (day > cutoffDay) {
      afterCutoff++;
      continue;
    }
    if (keptChannelCodes && channelCodes) {
      const channel = channelCodes[row];
      if (channel < 0 || !keptChannelCodes[channel]) {
        otherChannel++;
        continue;
      }
    }
    if (amounts[row] !== amounts[row]) {
      missingAmount++;
      continue;
    }
    days[row] = day;
    keep[row] = 1;
    kept++;
  }
  let duplicates = 0;
  let conflicting = 0;
  if (input.orderCodes) {
    const found = input.orderRows === 'lines' ? dropExactDuplicates(input, keep) : dropRepeatedOrders(input, keep);
    duplicates = found.duplicates;
    conflicting = found.conflicting;
    kept -= duplicates;
  }
  const exclusions: Partial<Record<CustomerIssueCode, number>> = {};
  const counts: [CustomerIssueCode, number][] = [
    ['missing-customer', missingCustomer],
    ['excluded-customer', excludedCustomer],
    ['missing-time', missingTime],
    ['outside-date-range', outside],
    ['after-cutoff', afterCutoff],
    ['other-channel', otherChannel],
    ['missing-amount', missingAmount],
    ['duplicate-rows', duplicates],
  ];
  for (const [code, count] of counts) if (count > 0) exclusions[code] = count;
  return { keep, days, keptRows: kept, exclusions, conflictingDuplicates: conflicting };
}

/** `one-per-order`: keeps the first kept row of each order id; later ones are duplicates. */
function dropRepeatedOrders(input: FilterInput, keep: Uint8Array): { duplicates: number; conflicting: number } {
  const orderCodes = input.orderCodes!;
  const firstRow = new Int32Array(input.orderCount).fill(-1);
  let duplicates = 0;
  let conflicting = 0;
  for (let row = 0; row < input.rowCount; row++) {
    if (!keep[row]) continue;
    const order = orderCodes[row];
    if (order < 0) continue;
    const first = firstRow[order];
    if (first < 0) {
      firstRow[order] = row;
      continue;
    }
    keep[row] = 0;
    duplicates++;
    if (input.amounts[row] !== input.amounts[first] || input.customerCodes[row] !== input.customerCodes[first]) conflicting++;
  }
  return { duplicates, conflicting };
}

/** `lines`: drops kept rows identical to an earlier kept row in every compared role (hash set of row indices). */
function dropExactDuplicates(input: FilterInput, keep: Uint8Array): { duplicates: number; conflicting: number } {
  const compared = input.compared;
  const scratch = new Float64Array(1);
  const scratchWords = new Int32Array(scratch.buffer);
  const hashRow = (row: number) => {
    let h = 0x811c9dc5;
    for (const values of compared) {
      if (values instanceof Int32Array) h = Math.imul(h ^ values[row], 0x01000193);
      else {
        const v = values[row];
        scratch[0] = v === v ? v : NaN;
        h = Math.imul(h ^ scratchWords[0], 0x01000193);
        h = Math.imul(h ^ scratchWords[1], 0x01000193);
      }
    }
    return h >>> 0;
  };
  const sameRow = (a: number, b: number) => {
    for (const values of compared) {
      const x = values[a];
      const y = values[b];
      if (x !== y && !(x !== x && y !== y)) return false;
    }
    return true;
  };
  // Only rows whose order id occurs more than once can repeat another row: count them first.
  const orderCodes = input.orderCodes!;
  const occurrences = new Int32Array(input.orderCount);
  let candidates = 0;
  for (let row = 0; row < input.rowCount; row++) if (keep[row] && orderCodes[row] >= 0) occurrences[orderCodes[row]]++;
  for (let row = 0; row < input.rowCount; row++) if (keep[row] && (orderCodes[row] < 0 || occurrences[orderCodes[row]] > 1)) candidates++;
  let bits = 4;
  while (1 << bits < candidates * 2 && bits < 30) bits++;
  const mask = (1 << bits) - 1;
  const slots = new Int32Array(1 << bits).fill(-1);
  let duplicates = 0;
  for (let row = 0; row < input.rowCount; row++) {
    if (!keep[row] || (orderCodes[row] >= 0 && occurrences[orderCodes[row]] < 2)) continue;
    let slot = Math.imul(hashRow(row), 0x9e3779b1) >>> (32 - bits);
    for (;;) {
      const held = slots[slot];
      if (held < 0) {
        slots[slot] = row;
        break;
      }
      if (sameRow(held, row)) {
        keep[row] = 0;
        duplicates++;
        break;
      }
      slot = (slot + 1) & mask;
    }
  }
  return { duplicates, conflicting: 0 };
}
