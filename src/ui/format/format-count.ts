const counts = new Intl.NumberFormat('en-US');

/** Returns a count with thousands separators (`12000` → `12,000`). */
export function formatCount(n: number): string {
  return counts.format(n);
}

/** Returns "1 row" / "12,000 rows": the count and the noun, plural unless the count is 1. */
export function formatCountOf(n: number, singular: string, plural = `${singular}s`): string {
  return `${formatCount(n)} ${n === 1 ? singular : plural}`;
}
