/**
 * A download's file name from its parts (table, tag, segment labels), e.g.
 * `customer_table-lifecycle-active.csv`: parts joined by `-`, whitespace as `_`, and the
 * characters file systems forbid (`\ / : * ? " < > |`, control characters) replaced by `_`.
 * Chinese labels stay as they are. Empty parts are skipped; at most 120 characters before the
 * extension.
 */
export function exportFileName(parts: readonly string[], extension: 'csv' | 'xlsx'): string {
  const stem = parts
    // eslint-disable-next-line no-control-regex
    .map((p) => p.trim().replace(/\s+/g, '_').replace(/[\\/:*?"<>|\u0000-\u001f\u007f]/g, '_'))
    .filter((p) => p !== '')
    .join('-');
  const short = Array.from(stem).slice(0, 120).join('').replace(/^\.+/, '');
  return `${short || 'export'}.${extension}`;
}
