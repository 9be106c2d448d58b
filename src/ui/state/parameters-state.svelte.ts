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
    this.#parameters = parameters;
    this.onParametersChange(parameters);
  }
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
