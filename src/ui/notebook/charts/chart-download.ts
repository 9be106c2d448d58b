/** Downloads of a chart's image (PNG, SVG). */

/** Starts the download of `url` as `fileName` (an `<a download>` clicked, never attached). */
export function downloadUrl(url: string, fileName: string): void {
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
}

/** A file name from a chart's title: letters, digits and CJK kept, the rest as `_`. */
export function chartFileName(title: string, extension: 'png' | 'svg'): string {
  const base = title.replace(/[^\p{L}\p{N}_-]+/gu, '_').replace(/^_+|_+$/g, '') || 'chart';
  return `${base.slice(0, 80)}.${extension}`;
}
