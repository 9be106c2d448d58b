/**
 * ROUND's one definition, shared by the evaluator and the SQL compiler so both give the same bits.
 *
 * ROUND(x, d) rounds half away from zero on the decimal the user sees: ROUND(1.005, 2) = 1.01 even
 * though the double nearest 1.005 is slightly below it. The scaled value is nudged up by 2^-50
 * (relative) before truncation, which absorbs the representation error of x and of the scaling
 * (each at most 2^-53); the price is that a value within about 4 units in the last place below a
 * half (1.4999999999999998) also counts as the half, much as spreadsheets round at 15 significant
 * digits. Values visibly below the half (1.4999999999999) round down. Every step is
 * one IEEE operation that SQLite performs identically (no pow(), no printf), so the results agree bit for bit.
 */

/** 1 + 2^-50, written so that both JavaScript and SQLite parse it to the same double. */
export const ROUND_NUDGE_SQL = '1.0000000000000009';
const ROUND_NUDGE = 1.0000000000000009;
/** Above 2^52 every double is whole: nothing to round. */
export const ROUND_LIMIT_SQL = '4503599627370496.0';
const ROUND_LIMIT = 4503599627370496;

/** Returns 10^|digits| exactly (|digits| ≤ 22). */
export function roundScale(digits: number): number {
  return Number(`1e${Math.abs(digits)}`);
}

/** Rounds x to `digits` decimals (negative: tens, hundreds…), half away from zero; NaN stays NaN. */
export function roundHalfAway(x: number, digits: number): number {
  return makeRounder(digits)(x);
}

/** Returns roundHalfAway(·, digits) with the scale computed once (the evaluator's per-row form). */
export function makeRounder(digits: number): (x: number) => number {
  const scale = roundScale(digits);
  const up = digits >= 0;
  return (x) => {
    if (x !== x) return NaN;
    const y = up ? Math.abs(x) * scale : Math.abs(x) / scale;
    if (y >= ROUND_LIMIT) return x;
    const r = Math.trunc(y * ROUND_NUDGE + 0.5);
    if (r === 0) return 0;
    const signed = x < 0 ? -r : r;
    return up ? signed / scale : signed * scale;
  };
}

/** Returns the SQLite expression for roundHalfAway(x, digits); `x` is a parenthesised SQL expression. */
export function roundHalfAwaySql(x: string, digits: number): string {
  const scale = `${roundScale(digits)}.0`;
  const shift = digits >= 0 ? '*' : '/';
  const back = digits >= 0 ? '/' : '*';
  const y = `abs(${x}) ${shift} ${scale}`;
  return `(CASE WHEN ${x} IS NULL THEN NULL WHEN ${y} >= ${ROUND_LIMIT_SQL} THEN ${x} ELSE (CASE WHEN ${x} < 0 THEN -1 ELSE 1 END) * CAST(${y} * ${ROUND_NUDGE_SQL} + 0.5 AS INTEGER) ${back} ${scale} END)`;
}
