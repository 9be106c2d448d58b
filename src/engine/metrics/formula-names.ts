/**
 * The names a formula mentions (columns, parameters, other metrics), read from its syntax tree
 * without type checking — which needs to know those names' types first. Used to order
 * dependent formulas and to tell which formulas use a parameter.
 */
import type { Node } from '../formula/ast.ts';
import { parseFormula } from '../formula/parse-formula.ts';

/** Returns the distinct names `source` mentions, in order of first mention. Throws the parser's FormulaError. */
export function formulaNames(source: string): string[] {
  const names: string[] = [];
  const visit = (node: Node): void => {
    switch (node.kind) {
      case 'name':
        if (!names.includes(node.name)) names.push(node.name);
        return;
      case 'call':
        node.args.forEach(visit);
        return;
      case 'unary':
      case 'is-null':
        visit(node.arg);
        return;
      case 'binary':
        visit(node.left);
        visit(node.right);
        return;
      case 'in':
        visit(node.arg);
        node.list.forEach(visit);
        return;
      case 'between':
        visit(node.arg);
        visit(node.low);
        visit(node.high);
        return;
      case 'case':
        if (node.subject) visit(node.subject);
        for (const { when, then } of node.whens) {
          visit(when);
          visit(then);
        }
        if (node.otherwise) visit(node.otherwise);
        return;
      default:
        return;
    }
  };
  visit(parseFormula(source));
  return names;
}

/** Returns whether `source` mentions `name` (false for a formula that does not parse). */
export function formulaMentions(source: string, name: string): boolean {
  try {
    return formulaNames(source).some((n) => n.toLowerCase() === name.toLowerCase());
  } catch {
    return false;
  }
}
