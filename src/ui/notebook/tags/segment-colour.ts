/**
 * The colour a segment without one is shown in: hue steps of 67° by segment position, as hex
 * (an `<input type="color">` only takes `#rrggbb`).
 */
export function defaultSegmentColour(index: number): string {
  const hue = (index * 67) % 360;
  const saturation = 0.6;
  const lightness = 0.5;
  const chroma = (1 - Math.abs(2 * lightness - 1)) * saturation;
  const channel = (n: number) => {
    const k = (n + hue / 30) % 12;
    const value = lightness - chroma / 2 * Math.max(-1, Math.min(k - 3, 9 - k, 1));
    return Math.round(value * 255)
      .toString(16)
      .padStart(2, '0');
  };
  return `#${channel(0)}${channel(8)}${channel(4)}`;
}
