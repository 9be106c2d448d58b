/** Internal: a TagError thrown while a tag is evaluated or compiled, caught per tag. */
import type { FormulaParameter, FormulaScope } from '../formula/contract.ts';
import { compileFormula, isFormulaError } from '../formula/index.ts';
import type { CompiledFormula } from '../formula/contract.ts';
import type { TagError, Threshold } from './types.ts';

export class TagFailure extends Error {
  readonly error: TagError;
  constructor(error: TagError) {
    super(error.message);
    this.error = error;
  }
}

/** Compiles one formula of a tag and checks its type; throws TagFailure naming `field`. */
export function compileTagFormula(source: string, scope: FormulaScope, field: string, want: 'number' | 'bool'): CompiledFormula {
  if (typeof source !== 'string' || source.trim() === '') {
    throw new TagFailure({ code: 'bad-definition', message: `${field} is empty: write a formula or a metric name.`, field });
  }
  let compiled: CompiledFormula;
  try {
    compiled = compileFormula(source, scope);
  } catch (error) {
    if (isFormulaError(error)) {
      const { code, message, line, column, length, offset } = error;
      throw new TagFailure({ code: 'formula', message: `${field}: ${message}`, field, formula: { code, message, line, column, length, offset } });
    }
    throw error;
  }
  if (want === 'number' && compiled.type !== 'number') {
    throw new TagFailure({ code: 'not-number', message: `${field} must give a number, but "${source}" gives ${compiled.type === 'bool' ? 'true/false' : compiled.type}.`, field });
  }
  if (want === 'bool' && compiled.type !== 'bool') {
    throw new TagFailure({ code: 'not-bool', message: `${field} must be true or false (a comparison), but "${source}" gives ${compiled.type}.`, field });
  }
  return compiled;
}

/** Resolves one threshold (a finite number or a number parameter's name); throws TagFailure. */
export function resolveThreshold(value: Threshold | undefined, parameters: readonly FormulaParameter[], field: string): number {
  if (typeof value === 'number') {
    if (Number.isFinite(value)) return value;
    throw new TagFailure({ code: 'threshold-not-number', message: `${field} must be a finite number, not ${String(value)}.`, field });
  }
  if (typeof value === 'string') {
    const parameter = parameters.find((p) => p.name === value) ?? parameters.find((p) => p.name.toLowerCase() === value.toLowerCase());
    if (parameter && parameter.type === 'number' && typeof parameter.value === 'number' && Number.isFinite(parameter.value)) return parameter.value;
    if (parameter) {
      throw new TagFailure({ code: 'threshold-not-number', message: `${field} uses parameter "${parameter.name}", which is not a number.`, field });
    }
    throw new TagFailure({
      code: 'threshold-not-number',
      message: `${field} is "${value}", which is neither a number nor the name of a number parameter.`,
      field,
    });
  }
  throw new TagFailure({ code: 'threshold-not-number', message: `${field} is missing or not a number.`, field });
}

/** Resolves a list of thresholds and refuses a decreasing one (equal neighbours leave an empty segment). */
export function resolveThresholds(list: readonly Threshold[] | undefined, parameters: readonly FormulaParameter[], field: string): Float64Array {
  if (!Array.isArray(list)) throw new TagFailure({ code: 'bad-definition', message: `${field} must be a list of thresholds.`, field });
  const out = new Float64Array(list.length);
  list.forEach((t, i) => (out[i] = resolveThreshold(t, parameters, `${field}[${i}]`)));
  for (let i = 1; i < out.length; i++) {
    if (out[i] < out[i - 1]) {
      throw new TagFailure({
        code: 'thresholds-out-of-order',
        message: `${field} must increase: threshold ${i + 1} (${out[i]}) is below threshold ${i} (${out[i - 1]}).`,
        field: `${field}[${i}]`,
      });
    }
  }
  return out;
}
