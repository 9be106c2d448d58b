/**
 * Checks a spec against Vega-Lite's own JSON schema (the one the vega-lite package ships), with a
 * validator that walks the schema (@cfworker/json-schema) rather than compiling it to code: ajv
 * generates functions at run time, which the page's CSP (no eval) forbids. Loaded on demand
 * with the hand-edited spec checker; the validator is built once (≈50 ms).
 */
import { Validator, type OutputUnit } from '@cfworker/json-schema';
import schema from 'vega-lite/vega-lite-schema.json';

let validator: Validator | null = null;

/** Keywords that say what is wrong, rather than that some branch of the schema failed. */
const TELLING = new Set(['enum', 'const', 'type', 'required', 'minimum', 'maximum', 'minItems', 'maxItems', 'pattern', 'format', 'exclusiveMinimum', 'exclusiveMaximum']);

/**
 * Returns null for a spec the schema accepts, else one line saying where and what: the deepest
 * telling error (a spec may be meant as any of the schema's kinds of view, so its failures come
 * from every branch; the deepest is the one the author most likely meant), or else the deepest
 * property the schema does not allow there.
 */
export function vegaLiteSchemaProblem(spec: unknown): string | null {
  validator ??= new Validator(schema as object, '7', false);
  const result = validator.validate(spec);
  if (result.valid) return null;
  const depth = (e: OutputUnit) => e.instanceLocation.split('/').length;
  const telling = result.errors.filter((e) => TELLING.has(e.keyword)).sort((a, b) => depth(b) - depth(a));
  const unknown = result.errors.filter((e) => e.keyword === 'false');
  const where = (e: OutputUnit) => e.instanceLocation.replace(/^#\/?/, '').replaceAll('/', '.') || 'the top level';
  if (telling.length > 0 && (unknown.length === 0 || depth(telling[0]) >= Math.max(...unknown.map(depth)))) return `${where(telling[0])}: ${telling[0].error}`;
  if (unknown.length > 0) {
    // The deepest property refused, and among equally deep ones the one most branches refuse.
    const counts = new Map<string, { error: OutputUnit; n: number }>();
    for (const e of unknown) counts.set(e.instanceLocation, { error: e, n: (counts.get(e.instanceLocation)?.n ?? 0) + 1 });
    const worst = [...counts.values()].sort((a, b) => depth(b.error) - depth(a.error) || b.n - a.n)[0].error;
    return `${where(worst)}: not a property Vega-Lite allows here`;
  }
  return result.errors[result.errors.length - 1]?.error ?? 'not valid Vega-Lite';
}
