/** Returns a cut point as the segment table and explanations show it (∞ for open ends, 8 significant digits). */
export function formatCutValue(value: number): string {
  return value === Infinity ? '∞' : value === -Infinity ? '−∞' : String(Number(value.toPrecision(8)));
}
