/**
 * The evaluator's column values. Numbers, booleans (0/1), dates (day numbers) and date-times
 * (wall-clock ms) are Float64Arrays with NaN for NULL; text is dictionary-encoded with -1 for NULL.
 * `constant` marks text that is the same on every row, so text functions run once per distinct value.
 */
export interface TextVector {
  codes: Int32Array;
  dict: string[];
  constant: boolean;
}

/** Builds a deduplicated dictionary while codes are assigned. */
export class TextBuilder {
  readonly dict: string[] = [];
  private readonly index = new Map<string, number>();

  /** Returns the code of `text`, adding it if new. */
  add(text: string): number {
    let code = this.index.get(text);
    if (code === undefined) {
      code = this.dict.length;
      this.dict.push(text);
      this.index.set(text, code);
    }
    return code;
  }
}

/** Returns a text vector of `n` rows all equal to `text` (or NULL). */
export function constantText(text: string | null, n: number): TextVector {
  return text === null ? { codes: new Int32Array(n).fill(-1), dict: [], constant: true } : { codes: new Int32Array(n), dict: [text], constant: true };
}

/**
 * Applies `f` once per dictionary entry and returns the re-encoded result (`null` from f is NULL).
 * This is why text functions cost little on big tables: ids and categories repeat.
 */
export function mapTextToText(v: TextVector, f: (s: string) => string | null): TextVector {
  const builder = new TextBuilder();
  const remap = new Int32Array(v.dict.length);
  for (let i = 0; i < v.dict.length; i++) {
    const r = f(v.dict[i]);
    remap[i] = r === null ? -1 : builder.add(r);
  }
  const n = v.codes.length;
  const codes = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const c = v.codes[i];
    codes[i] = c < 0 ? -1 : remap[c];
  }
  return { codes, dict: builder.dict, constant: v.constant };
}

/** Applies `f` once per dictionary entry and spreads the numbers over the rows (NULL text gives NaN). */
export function mapTextToNumber(v: TextVector, f: (s: string) => number): Float64Array {
  const perEntry = new Float64Array(v.dict.length);
  for (let i = 0; i < v.dict.length; i++) perEntry[i] = f(v.dict[i]);
  const n = v.codes.length;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const c = v.codes[i];
    out[i] = c < 0 ? NaN : perEntry[c];
  }
  return out;
}
