// Invariant (SPEC §9): no user text ever reaches a JavaScript compiler, so no file in src/
// calls eval, new Function or Function(...).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../../..');
const FORBIDDEN = [/\beval\s*\(/, /\bnew\s+Function\s*\(/, /(^|[^.\w$])Function\s*\(/, /setTimeout\s*\(\s*['"`]/, /setInterval\s*\(\s*['"`]/];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : /\.(ts|js|svelte|mjs)$/.test(name) ? [path] : [];
  });
}

/** Returns `pattern` hits in `text` as "line: code" strings. */
function findHits(text: string): string[] {
  return text.split('\n').flatMap((line, i) => (FORBIDDEN.some((p) => p.test(line)) ? [`${i + 1}: ${line.trim()}`] : []));
}

describe('src/ has no dynamic code evaluation', () => {
  it('the scan finds the forms it must forbid', () => {
    expect(findHits('const f = new Function("a", "return a")')).toHaveLength(1);
    expect(findHits('eval(text)')).toHaveLength(1);
    expect(findHits('const g = Function("return this")()')).toHaveLength(1);
    expect(findHits('setTimeout("alert(1)", 0)')).toHaveLength(1);
    expect(findHits('const t = typeof x === "function"; run(myFunction(1)); obj.Function(2)')).toHaveLength(0);
  });

  it('no file in src/ calls eval, new Function or Function()', () => {
    const files = sourceFiles(join(root, 'src'));
    expect(files.length).toBeGreaterThan(5);
    const hits = files.flatMap((file) => findHits(readFileSync(file, 'utf8')).map((hit) => `${relative(root, file)}:${hit}`));
    expect(hits).toEqual([]);
  });
});
