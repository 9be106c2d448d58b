/**
 * Parameters: named number, date or text values with a control, which formulas and tags name
 * (SPEC §3). `as_of`, the analysis date, always exists; left on "auto" it is the day after the
 * latest order in the data — never the machine clock, so a saved workspace gives the same
 * answer tomorrow.
 *
 * Every operation returns a new array and leaves its input alone.
 */
import { checkResultName } from '../notebook/result-names.ts';

export type ParameterType = 'number' | 'date' | 'text';

/** How a number parameter is edited: a slider over [min, max] in steps, beside a number field. */
export interface SliderControl {
  min: number;
  max: number;
  step: number;
}

export interface Parameter {
  name: string;
  type: ParameterType;
  /** Numbers as numbers, dates as civil day numbers, text as text; null only for `as_of` on auto. */
  value: number | string | null;
  /** For number parameters. */
  slider?: SliderControl;
  description?: string;
}

export const AS_OF = 'as_of';

/** The parameters a new workspace starts with: `as_of` on auto. */
export function defaultParameters(): Parameter[] {
  return [{ name: AS_OF, type: 'date', value: null, description: 'Analysis date: the day after the latest order unless set.' }];
}

/** Why a parameter change is refused. */
export type ParameterProblem =
  | { code: 'bad-name'; reason: NonNullable<ReturnType<typeof checkResultName>> }
  | { code: 'bad-value' }
  | { code: 'bad-slider' }
  | { code: 'in-use'; usedBy: string[] }
  | { code: 'required' };

/** A number's slider: min < max, step > 0 and not more than the range. */
export function checkSlider(slider: SliderControl): boolean {
  const { min, max, step } = slider;
  return [min, max, step].every(Number.isFinite) && min < max && step > 0 && step <= max - min;
}

/** Checks a parameter's value against its type. */
export function checkValue(parameter: Parameter): boolean {
  if (parameter.value === null) return parameter.name === AS_OF;
  switch (parameter.type) {
    case 'number':
      return typeof parameter.value === 'number' && Number.isFinite(parameter.value);
    case 'date':
      return typeof parameter.value === 'number' && Number.isInteger(parameter.value);
    case 'text':
      return typeof parameter.value === 'string';
  }
}

/**
 * Adds a parameter; `taken` holds every other name a formula could mean (columns, metrics, tags),
 * since a parameter with such a name would be ambiguous.
 */
export function addParameter(parameters: readonly Parameter[], parameter: Parameter, taken: readonly string[] = []): Parameter[] | ParameterProblem {
  const reason = checkResultName(parameter.name, [...taken, ...parameters.map((p) => p.name)]);
  if (reason) return { code: 'bad-name', reason };
  if (!checkValue(parameter)) return { code: 'bad-value' };
  if (parameter.slider && !checkSlider(parameter.slider)) return { code: 'bad-slider' };
  return [...parameters, parameter];
}

/** Sets a parameter's value (a number slider's value is kept within its range). */
export function setParameterValue(parameters: readonly Parameter[], name: string, value: number | string | null): Parameter[] | ParameterProblem {
  const index = parameters.findIndex((p) => p.name === name);
  if (index < 0) return { code: 'bad-value' };
  const current = parameters[index];
  let next: Parameter = { ...current, value };
  if (current.type === 'number' && typeof value === 'number' && current.slider) {
    // The field may go past the slider's ends: the slider widens rather than refusing a typed value.
    const slider = { ...current.slider, min: Math.min(current.slider.min, value), max: Math.max(current.slider.max, value) };
    next = { ...next, slider };
  }
  if (!checkValue(next)) return { code: 'bad-value' };
  return parameters.map((p, i) => (i === index ? next : p));
}

/**
 * Removes a parameter unless a formula uses it (`usedBy` names the formulas, so the message can
 * say which) or it is `as_of`, which always exists.
 */
export function removeParameter(parameters: readonly Parameter[], name: string, usedBy: readonly string[]): Parameter[] | ParameterProblem {
  if (name === AS_OF) return { code: 'required' };
  if (usedBy.length > 0) return { code: 'in-use', usedBy: [...usedBy] };
  return parameters.filter((p) => p.name !== name);
}

/** True when `result` is a problem rather than the new parameter list. */
export function isParameterProblem(result: Parameter[] | ParameterProblem): result is ParameterProblem {
  return !Array.isArray(result);
}

/** The analysis date in force: `as_of` when set, else the day after `latestOrderDay` (null without orders). */
export function resolveAsOf(parameters: readonly Parameter[], latestOrderDay: number | null): number | null {
  const asOf = parameters.find((p) => p.name === AS_OF);
  if (asOf && typeof asOf.value === 'number') return asOf.value;
  return latestOrderDay === null ? null : latestOrderDay + 1;
}
