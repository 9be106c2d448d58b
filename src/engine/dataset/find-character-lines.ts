import { countLineEnds } from './count-line-ends.ts';

/** Returns how often `character` occurs in `text` and the first `maxLines` distinct 1-based lines holding it. */
export function findCharacterLines(text: string, character: string, maxLines = 10): { count: number; lines: number[] } {
  const lines: number[] = [];
  let count = 0;
  let line = 1;
  let counted = 0;
  // indexOf is a native scan, so text without the character costs one fast pass.
  for (let at = text.indexOf(character); at !== -1; at = text.indexOf(character, at + 1)) {
    count++;
    if (lines.length < maxLines) {
      line += countLineEnds(text, counted, at);
      counted = at;
      if (lines[lines.length - 1] !== line) lines.push(line);
    }
  }
  return { count, lines };
}
