/**
 * Time-bounded fuzzing (issue #10): each target runs as many fast-check cases as fit in its budget
 * (`TAGBOOK_FUZZ_MS`, default 6 s), fails a case that takes over 2 s (a hang), requires a minimum
 * number of cases, and reports how many ran (stderr, `[fuzz] target: N cases in T s`).
 */
import fc from 'fast-check';
import { expect } from 'vitest';

const BUDGET_MS = Number(process.env.TAGBOOK_FUZZ_MS ?? 6000);
const CASE_LIMIT_MS = 2000;

/** Runs `predicate` on generated values for the budget; returns the number of cases run. */
export function fuzz<T>(target: string, arbitrary: fc.Arbitrary<T>, predicate: (value: T) => void, minimumCases = 200): number {
  let cases = 0;
  const started = performance.now();
  fc.assert(
    fc.property(arbitrary, (value) => {
      cases++;
      const t = performance.now();
      predicate(value);
      const took = performance.now() - t;
      if (took > CASE_LIMIT_MS) throw new Error(`${target}: one case took ${Math.round(took)} ms (a hang?)`);
    }),
    { numRuns: 10_000_000, interruptAfterTimeLimit: BUDGET_MS, markInterruptAsFailure: false, seed: Number(process.env.TAGBOOK_FUZZ_SEED ?? Date.now() % 2 ** 31) },
  );
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  process.stderr.write(`[fuzz] ${target}: ${cases} cases in ${seconds} s\n`);
  expect(cases).toBeGreaterThanOrEqual(minimumCases);
  return cases;
}

/** Calls `run`; an error must pass `isOwn` (the module's typed error), anything else fails the case. */
export function onlyOwnErrors(run: () => unknown, isOwn: (error: unknown) => boolean): void {
  try {
    run();
  } catch (error) {
    if (!isOwn(error)) throw error;
  }
}
