/**
 * The workspace's parameters on the page: the list, and the last refusal to show beside the
 * control that caused it. Values change through here so every refusal (a name in use, a value
 * of the wrong type, a parameter a formula still uses) is explained instead of thrown.
 */
import {
  addParameter,
  defaultParameters,
  isParameterProblem,
  removeParameter,
  setParameterValue,
  type Parameter,
  type ParameterProblem,
} from '../../engine/index.ts';

export class ParametersState {
  #parameters = $state.raw<Parameter[]>(defaultParameters());
  /** Hears every new parameter list (the undo history records them). */
  onParametersChange: (parameters: Parameter[]) => void = () => {};

  get parameters(): Parameter[] {
    return this.#parameters;
  }

  set parameters(parameters: Parameter[]) {
    const before = this.#parameters;
    this.#parameters = parameters;
    this.onParametersChange(parameters);
    const changed = changedNames(before, parameters);
    if (changed.length > 0) this.onValuesChange(changed);
  }
  /** Hears the names of the parameters whose value or type changed, appeared or went (what uses them must follow). */
  onValuesChange: (names: string[]) => void = () => {};
  /** The last refused change and the parameter it concerned ('' for the add form). */
  problem = $state.raw<{ name: string; problem: ParameterProblem } | null>(null);
  /** The latest order day in the data, which `as_of` on auto follows (null before any orders). */
  latestOrderDay = $state<number | null>(null);
  /** Names formulas could also mean (columns, metrics), which a parameter must not take. */
  takenNames: () => string[] = () => [];
  /** Which formulas use a parameter (their names), so it is not removed from under them. */
  usersOf: (name: string) => string[] = () => [];

  add(parameter: Parameter): boolean {
    return this.apply('', addParameter(this.parameters, parameter, this.takenNames()));
  }

  set(name: string, value: number | string | null): boolean {
    return this.apply(name, setParameterValue(this.parameters, name, value));
  }

  remove(name: string): boolean {
    return this.apply(name, removeParameter(this.parameters, name, this.usersOf(name)));
  }

  dismissProblem(): void {
    this.problem = null;
  }

  private apply(name: string, result: Parameter[] | ParameterProblem): boolean {
    if (isParameterProblem(result)) {
      this.problem = { name, problem: result };
      return false;
    }
    this.parameters = result;
    this.problem = null;
    return true;
  }
}

/** The names whose parameter is new, gone, or has another value or type. */
export function changedNames(before: readonly Parameter[], after: readonly Parameter[]): string[] {
  const names: string[] = [];
  for (const p of after) {
    const old = before.find((b) => b.name === p.name);
    if (!old || old.value !== p.value || old.type !== p.type) names.push(p.name);
  }
  for (const p of before) if (!after.some((a) => a.name === p.name)) names.push(p.name);
  return names;
}
