/**
 * Segment migration (issue #9, SPEC §5): the same tag as of two dates (each with the orders before
 * it only), as a transition matrix — customers per (segment then, segment now), with the share of
 * the row — and per customer, so "who moved from Champions to At Risk" can be listed and exported.
 * A customer without orders before the first date is "(not yet a customer)" there.
 */
import { NO_SEGMENT } from './backtest.ts';
import { tagAtDate, type TagScheme } from './tag-scheme.ts';
import { AnalysisError, type MigrationCell, type MigrationResult } from './types.ts';

export const NOT_YET_A_CUSTOMER = '(not yet a customer)';
/** Codes of the two labels above in MigrationResult's code arrays. */
export const NO_SEGMENT_CODE = -1;
export const NOT_YET_CODE = -2;

export function migrateTag(scheme: TagScheme, options: { tag: string; from: number; to: number }): MigrationResult {
  const { from, to } = options;
  if (!Number.isInteger(from) || !Number.isInteger(to)) throw new AnalysisError('bad-option', 'Both dates must be dates.');
  if (!(from < to)) throw new AnalysisError('bad-option', 'The first date must come before the second.');
  const before = tagAtDate(scheme, options.tag, from);
  const after = tagAtDate(scheme, options.tag, to);

  const fromCodeById = new Map<string, number>();
  before.customerIds.forEach((id, row) => fromCodeById.set(id, before.codes[row]));
  const customerIds: string[] = [];
  const fromCodes: number[] = [];
  const toCodes: number[] = [];
  after.customerIds.forEach((id, row) => {
    customerIds.push(id);
    fromCodes.push(fromCodeById.has(id) ? fromCodeById.get(id)! : NOT_YET_CODE);
    toCodes.push(after.codes[row]);
    fromCodeById.delete(id);
  });
  // Customers only at the first date (the second date's table left them out, e.g. excluded since).
  for (const [id, code] of fromCodeById) {
    customerIds.push(id);
    fromCodes.push(code);
    toCodes.push(NO_SEGMENT_CODE);
  }

  const labelOf = (labels: readonly string[], code: number) => (code === NOT_YET_CODE ? NOT_YET_A_CUSTOMER : code < 0 ? NO_SEGMENT : labels[code]);
  const counts = new Map<string, number>();
  const rowTotals = new Map<number, number>();
  let moved = 0;
  for (let i = 0; i < customerIds.length; i++) {
    const key = `${fromCodes[i]}|${toCodes[i]}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
    rowTotals.set(fromCodes[i], (rowTotals.get(fromCodes[i]) ?? 0) + 1);
    if (labelOf(before.labels, fromCodes[i]) !== labelOf(after.labels, toCodes[i])) moved++;
  }
  // Rows and columns in segment order; "not yet" first, "no segment" last, only when present.
  const order = (codes: Iterable<number>) => [...new Set(codes)].sort((a, b) => rank(a) - rank(b));
  const fromOrder = order(fromCodes);
  const toOrder = order(toCodes);
  const cells: MigrationCell[] = [];
  for (const f of fromOrder) {
    for (const t of toOrder) {
      const n = counts.get(`${f}|${t}`);
      if (!n) continue;
      cells.push({ from: labelOf(before.labels, f), to: labelOf(after.labels, t), fromCode: f, toCode: t, customers: n, rowShare: n / rowTotals.get(f)! });
    }
  }
  return {
    tag: options.tag,
    from,
    to,
    fromLabels: fromOrder.map((c) => labelOf(before.labels, c)),
    toLabels: toOrder.map((c) => labelOf(after.labels, c)),
    cells,
    customerIds,
    fromCodes: Int32Array.from(fromCodes),
    toCodes: Int32Array.from(toCodes),
    moved,
  };
}

/** Sort key: "not yet" first, segments in order, "no segment" last. */
function rank(code: number): number {
  if (code === NOT_YET_CODE) return -1;
  if (code < 0) return Number.MAX_SAFE_INTEGER;
  return code;
}
