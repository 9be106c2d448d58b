/**
 * Small shape checks for reading definitions from files: each check looks at one value, pushes
 * problems (a JSON path and a sentence) and never throws. Objects refuse fields they do not know,
 * so a typo or a field from a newer Tagbook is named rather than ignored.
 */
import { checkResultName, MAX_RESULT_NAME_LENGTH } from '../notebook/result-names.ts';
import type { WorkspaceProblem } from './workspace-definition.ts';

export type Check = (value: unknown, path: string, problems: WorkspaceProblem[]) => void;

export interface ObjectSpec {
  required: Record<string, Check>;
  optional?: Record<string, Check>;
}

/** `path.key`, or `key` at the top. */
export function pathOf(path: string, key: string | number): string {
  return typeof key === 'number' ? `${path}[${key}]` : path === '' ? key : `${path}.${key}`;
}

/** How a value reads in a message: "a number", "text", "null"… */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  switch (typeof value) {
    case 'string':
      return 'text';
    case 'number':
      return 'a number';
    case 'boolean':
      return 'true/false';
    case 'object':
      return 'an object';
    default:
      return 'nothing';
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const expected = (what: string): Check => (value, path, problems) => {
  problems.push({ path, message: `Expected ${what}, found ${describeValue(value)}.` });
};

export const text: Check = (value, path, problems) => {
  if (typeof value !== 'string') expected('text')(value, path, problems);
};

export const bool: Check = (value, path, problems) => {
  if (typeof value !== 'boolean') expected('true or false')(value, path, problems);
};

export const finiteNumber: Check = (value, path, problems) => {
  if (typeof value !== 'number' || !Number.isFinite(value)) expected('a number')(value, path, problems);
};

export function integer(min = -Infinity, max = Infinity): Check {
  return (value, path, problems) => {
    if (typeof value !== 'number' || !Number.isInteger(value)) expected('a whole number')(value, path, problems);
    else if (value < min || value > max) problems.push({ path, message: `Expected a whole number from ${min} to ${max}, found ${value}.` });
  };
}

export function literal(...values: readonly string[]): Check {
  return (value, path, problems) => {
    if (typeof value !== 'string' || !values.includes(value)) {
      const found = typeof value === 'string' ? `"${value}"` : describeValue(value);
      problems.push({ path, message: `Expected one of ${values.map((v) => `"${v}"`).join(', ')}, found ${found}.` });
    }
  };
}

export function list(item: Check): Check {
  return (value, path, problems) => {
    if (!Array.isArray(value)) return expected('a list')(value, path, problems);
    // A plain loop: forEach skips the holes of a sparse array, which would pass unchecked.
    for (let i = 0; i < value.length; i++) item(value[i], pathOf(path, i), problems);
  };
}

export function object(spec: ObjectSpec): Check {
  return (value, path, problems) => {
    if (!isRecord(value)) return expected('an object')(value, path, problems);
    const optional = spec.optional ?? {};
    for (const key of Object.keys(value)) {
      if (!Object.hasOwn(spec.required, key) && !Object.hasOwn(optional, key)) {
        problems.push({ path: pathOf(path, key), message: `Unknown field "${key}".` });
      }
    }
    for (const [key, check] of Object.entries(spec.required)) {
      if (!Object.hasOwn(value, key)) problems.push({ path: pathOf(path, key), message: `The field "${key}" is missing.` });
      else check(value[key], pathOf(path, key), problems);
    }
    for (const [key, check] of Object.entries(optional)) {
      if (Object.hasOwn(value, key)) check(value[key], pathOf(path, key), problems);
    }
  };
}

/** An object whose `kind` (a known one) chooses its shape. The `kind` field is implied in each spec. */
export function byKind(variants: Record<string, ObjectSpec>, what: string): Check {
  const kinds = Object.keys(variants);
  return (value, path, problems) => {
    if (!isRecord(value)) return expected(`${what} (an object)`)(value, path, problems);
    const kind = value.kind;
    if (typeof kind !== 'string' || !Object.hasOwn(variants, kind)) {
      const found = typeof kind === 'string' ? `"${kind}"` : describeValue(kind);
      problems.push({ path: pathOf(path, 'kind'), message: `Unknown ${what} kind ${found}; expected one of ${kinds.join(', ')}.` });
      return;
    }
    const spec = variants[kind];
    object({ required: { kind: () => {}, ...spec.required }, optional: spec.optional })(value, path, problems);
  };
}

/** Either check passes (tried in order by the value's type: `when` says which applies). */
export function either(when: (value: unknown) => boolean, first: Check, second: Check): Check {
  return (value, path, problems) => (when(value) ? first : second)(value, path, problems);
}

const NAME_PROBLEMS: Record<string, string> = {
  empty: 'A name cannot be empty.',
  'too-long': `A name has at most ${MAX_RESULT_NAME_LENGTH} characters.`,
  invalid: 'A name is letters, digits and underscores only, not starting with a digit.',
  reserved: 'That name is a SQL keyword (or starts with sqlite_).',
};

/** A plain identifier (a table, result, tag, metric or parameter name): what can be typed unquoted in SQL and formulas. */
export function plainName({ allowEmpty = false } = {}): Check {
  return (value, path, problems) => {
    if (typeof value !== 'string') return expected('a name (text)')(value, path, problems);
    if (value === '' && allowEmpty) return;
    const problem = checkResultName(value, []);
    if (problem) problems.push({ path, message: `${NAME_PROBLEMS[problem]} Found ${JSON.stringify(value.slice(0, 80))}.` });
  };
}

/** Longest column name read from a file (a header cell). */
export const MAX_COLUMN_NAME_LENGTH = 256;

/** A column of an imported table: any header text, without control characters; '' means "not chosen yet". */
export const columnName: Check = (value, path, problems) => {
  if (typeof value !== 'string') return expected('a column name (text)')(value, path, problems);
  // eslint-disable-next-line no-control-regex
  if (value.length > MAX_COLUMN_NAME_LENGTH || /[\u0000-\u001f\u007f]/.test(value)) {
    problems.push({ path, message: `Not a column name: at most ${MAX_COLUMN_NAME_LENGTH} characters, no control characters.` });
  }
};

/** A CSS colour as the app writes it: `#rgb`, `#rrggbb` (with alpha too) or a colour keyword. */
export const colour: Check = (value, path, problems) => {
  if (typeof value !== 'string') return expected('a colour (text)')(value, path, problems);
  if (!/^(#[0-9a-fA-F]{3,4}|#[0-9a-fA-F]{6}|#[0-9a-fA-F]{8}|[a-zA-Z]{3,30})$/.test(value)) {
    problems.push({ path, message: `Expected a colour such as "#2e9d5b", found ${JSON.stringify(value.slice(0, 40))}.` });
  }
};
