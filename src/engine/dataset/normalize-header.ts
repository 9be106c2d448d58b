/**
 * Header names as written to usable, unique column names. Names stay as written otherwise:
 * Chinese, spaces inside, `__proto__` or `constructor` are ordinary names here, so only Sets and
 * arrays hold them (a plain object keyed by name would treat `__proto__` specially).
 */
import type { ImportIssue } from './types.ts';

// U+0000–U+001F and U+007F–U+009F; a run of them with the whitespace around it becomes one space,
// so a newline inside a quoted header ("order\ndate") reads "order date".
// eslint-disable-next-line no-control-regex
const CONTROL_RUN = /\s*[\u0000-\u001f\u007f-\u009f][\s\u0000-\u001f\u007f-\u009f]*/g;

/** Trims names, fills empty ones (`column_3`), de-duplicates (`name_2`), removes control characters. */
export function normalizeHeader(names: string[]): { names: string[]; issues: ImportIssue[] } {
  const controlled: string[] = [];
  const trimmed: string[] = [];
  const emptyPositions: number[] = [];
  const cleaned = names.map((name, i) => {
    let clean = name.replace(CONTROL_RUN, ' ');
    if (clean !== name) controlled.push(name);
    const withoutSpace = clean.trim();
    if (withoutSpace !== clean && clean === name) trimmed.push(name);
    clean = withoutSpace;
    if (clean === '') emptyPositions.push(i + 1);
    return clean;
  });

  // Names as written win over generated ones: first occurrences of written names are placed
  // first, then empty names get column_<position> and repeats get _2, _3 … skipping taken names.
  const result: string[] = new Array(names.length);
  const taken = new Set<string>();
  cleaned.forEach((name, i) => {
    if (name !== '' && !taken.has(name)) {
      taken.add(name);
      result[i] = name;
    }
  });
  const renamed: string[] = [];
  cleaned.forEach((name, i) => {
    if (result[i] !== undefined) return;
    const base = name === '' ? `column_${i + 1}` : name;
    let unique = base;
    for (let k = 2; taken.has(unique); k++) unique = `${base}_${k}`;
    taken.add(unique);
    result[i] = unique;
    if (name !== '') renamed.push(`“${name}” → “${unique}”`);
  });

  const issues: ImportIssue[] = [];
  if (controlled.length > 0) {
    issues.push({
      code: 'header-control-characters',
      severity: 'info',
      message: `Removed control characters (such as line breaks or tabs) from ${columnNames(controlled.length)}.`,
      count: controlled.length,
      params: { count: controlled.length },
    });
  }
  if (trimmed.length > 0) {
    issues.push({ code: 'header-trimmed', severity: 'info', message: `Removed spaces around ${columnNames(trimmed.length)}.`, count: trimmed.length, params: { count: trimmed.length } });
  }
  if (emptyPositions.length > 0) {
    issues.push({
      code: 'header-empty',
      severity: 'info',
      message: `Named ${emptyPositions.length === 1 ? 'the unnamed column' : `${emptyPositions.length} unnamed columns`} after ${emptyPositions.length === 1 ? 'its position' : 'their positions'}: ${emptyPositions.map((p) => result[p - 1]).join(', ')}.`,
      count: emptyPositions.length,
      params: { count: emptyPositions.length, names: emptyPositions.map((p) => result[p - 1]).join(', ') },
    });
  }
  if (renamed.length > 0) {
    issues.push({
      code: 'header-duplicate',
      severity: 'info',
      message: `Renamed repeated column names: ${renamed.slice(0, 5).join(', ')}${renamed.length > 5 ? ` and ${renamed.length - 5} more` : ''}.`,
      count: renamed.length,
      params:
        renamed.length > 5
          ? { count: renamed.length, renamed: renamed.slice(0, 5).join(', '), moreCount: renamed.length - 5, variant: 'more' }
          : { count: renamed.length, renamed: renamed.join(', ') },
    });
  }
  return { names: result, issues };
}

function columnNames(count: number): string {
  return count === 1 ? '1 column name' : `${count} column names`;
}
