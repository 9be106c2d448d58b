import { describe, expect, it } from 'vitest';
import {
  addParameter,
  AS_OF,
  defaultParameters,
  isParameterProblem,
  removeParameter,
  resolveAsOf,
  setParameterValue,
  type Parameter,
} from '../../../src/engine/index.ts';

const days = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;
const threshold: Parameter = { name: 'active_days', type: 'number', value: 30, slider: { min: 0, max: 365, step: 1 } };

function ok(result: Parameter[] | ReturnType<typeof removeParameter>): Parameter[] {
  if (isParameterProblem(result)) throw new Error(`unexpected problem ${JSON.stringify(result)}`);
  return result;
}

describe('parameters', () => {
  it('a workspace starts with as_of on auto: the day after the latest order, never the clock', () => {
    const parameters = defaultParameters();
    expect(parameters.map((p) => [p.name, p.type, p.value])).toEqual([[AS_OF, 'date', null]]);
    expect(resolveAsOf(parameters, days('2024-12-31'))).toBe(days('2025-01-01'));
    expect(resolveAsOf(parameters, null)).toBeNull();
    const set = ok(setParameterValue(parameters, AS_OF, days('2024-06-30')));
    expect(resolveAsOf(set, days('2024-12-31'))).toBe(days('2024-06-30'));
    expect(resolveAsOf(ok(setParameterValue(set, AS_OF, null)), days('2024-12-31'))).toBe(days('2025-01-01'));
  });

  it('adds a parameter with a plain, free name, a value of its type and a sane slider', () => {
    const parameters = ok(addParameter(defaultParameters(), threshold, ['recency', 'orders']));
    expect(parameters.map((p) => p.name)).toEqual([AS_OF, 'active_days']);
    expect(addParameter(parameters, { ...threshold, name: 'recency' }, ['recency'])).toEqual({ code: 'bad-name', reason: 'taken' });
    expect(addParameter(parameters, { ...threshold, name: 'Active_Days' })).toEqual({ code: 'bad-name', reason: 'taken' });
    expect(addParameter(parameters, { ...threshold, name: 'active days' })).toEqual({ code: 'bad-name', reason: 'invalid' });
    expect(addParameter(parameters, { ...threshold, name: 'x', value: 'thirty' })).toEqual({ code: 'bad-value' });
    expect(addParameter(parameters, { ...threshold, name: 'x', value: Number.NaN })).toEqual({ code: 'bad-value' });
    expect(addParameter(parameters, { ...threshold, name: 'x', slider: { min: 5, max: 5, step: 1 } })).toEqual({ code: 'bad-slider' });
    expect(addParameter(parameters, { ...threshold, name: 'x', slider: { min: 0, max: 10, step: 0 } })).toEqual({ code: 'bad-slider' });
    expect(addParameter(parameters, { name: 'campaign_day', type: 'date', value: null })).toEqual({ code: 'bad-value' });
    expect(ok(addParameter(parameters, { name: 'vip_label', type: 'text', value: '' })).at(-1)?.value).toBe('');
  });

  it('a typed value past the slider widens it instead of being refused', () => {
    const parameters = ok(addParameter(defaultParameters(), threshold));
    const widened = ok(setParameterValue(parameters, 'active_days', 400)).find((p) => p.name === 'active_days');
    expect(widened).toMatchObject({ value: 400, slider: { min: 0, max: 400, step: 1 } });
    expect(setParameterValue(parameters, 'active_days', 'x')).toEqual({ code: 'bad-value' });
    expect(setParameterValue(parameters, 'nope', 1)).toEqual({ code: 'bad-value' });
  });

  it('a parameter a formula uses cannot be removed, and as_of never can', () => {
    const parameters = ok(addParameter(defaultParameters(), threshold));
    expect(removeParameter(parameters, 'active_days', ['tag lifecycle'])).toEqual({ code: 'in-use', usedBy: ['tag lifecycle'] });
    expect(removeParameter(parameters, AS_OF, [])).toEqual({ code: 'required' });
    expect(ok(removeParameter(parameters, 'active_days', [])).map((p) => p.name)).toEqual([AS_OF]);
    // The input is left alone.
    expect(parameters.map((p) => p.name)).toEqual([AS_OF, 'active_days']);
  });
});
