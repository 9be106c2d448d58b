/**
 * Templates (SPEC §7): a workspace's definitions without its data, applied to new data.
 *
 * Applying a template checks it against the new tables' columns, and changes only what it can do
 * without guessing:
 * - a table or a role's column the new data has under another case (`Orders` for `orders`,
 *   `Customer_ID` for `customer_id`) is mapped to it;
 * - anything else that cannot be mapped is kept as it was and listed in `unmapped` (a role's
 *   column, a name a role formula uses, a table the template needs): never silently dropped. The
 *   role form shows the cell as it is, and the user chooses the columns.
 * Tags, charts and custom metrics read the customer table, whose columns Tagbook makes itself, so
 * they need no mapping. SQL is left alone (its tables are named in the text).
 */
import type { Column } from '../dataset/types.ts';
import { isFormulaError } from '../formula/formula-error.ts';
import { formulaNames } from '../metrics/formula-names.ts';
import { withoutSpecConsent, type Cell, type CustomersCell } from '../notebook/cells.ts';
import type { RoleSource } from '../customers/types.ts';
import { TEMPLATE_FORMAT, WORKSPACE_FORMAT, type TemplateDefinition, type WorkspaceDefinition, type WorkspaceProblem } from './workspace-definition.ts';

/** The definitions of `workspace` as a template: no time zone, no consent to render hand-edited chart specs. */
export function toTemplate(workspace: WorkspaceDefinition): TemplateDefinition {
  return {
    format: TEMPLATE_FORMAT,
    version: workspace.version,
    name: workspace.name,
    cells: withoutSpecConsent(clone(workspace.cells)),
    parameters: clone(workspace.parameters),
  };
}

/** A column as applying a template sees it. */
export type TemplateColumn = Pick<Column, 'name' | 'type'>;

export interface AppliedTemplate {
  definition: WorkspaceDefinition;
  /** What could not be mapped to the new data (path into `definition`, and why), in notebook order. */
  unmapped: WorkspaceProblem[];
}

/**
 * Applies `template` to tables with the columns `columnsByTable` (by table name): returns the
 * workspace definition to open and what could not be mapped. See the module comment for the rules.
 */
export function applyTemplate(template: TemplateDefinition, columnsByTable: Readonly<Record<string, readonly TemplateColumn[]>>, timeZone?: string): AppliedTemplate {
  const unmapped: WorkspaceProblem[] = [];
  const tables = new Map(Object.entries(columnsByTable).map(([name, columns]) => [name.toLowerCase(), { name, columns }]));
  const results = new Set(template.cells.flatMap((c) => (c.kind === 'sql' || c.kind === 'customers' ? [c.resultName.toLowerCase()] : [])));
  const parameters = template.parameters.map((p) => p.name.toLowerCase());

  const cells: Cell[] = clone(template.cells).map((cell, i) => {
    const at = `cells[${i}]`;
    if (cell.kind === 'source') {
      const found = tables.get(cell.tableName.toLowerCase());
      if (found) cell.tableName = found.name;
      else unmapped.push({ path: `${at}.tableName`, message: `The table "${cell.tableName}" is not in the new data.` });
    }
    if (cell.kind !== 'customers') return cell;
    return mapCustomersCell(cell, at);
  });

  function mapCustomersCell(cell: CustomersCell, at: string): CustomersCell {
    const groups = [
      { table: cell.sources.orders, key: 'orders', rolesPath: 'roles', roles: cell.definition.roles as unknown as Record<string, RoleSource | undefined> },
      { table: cell.sources.items, key: 'items', rolesPath: 'itemRoles', roles: cell.definition.itemRoles as Record<string, RoleSource | undefined> | undefined },
      { table: cell.sources.customers, key: 'customers', rolesPath: 'customerRoles', roles: cell.definition.customerRoles as Record<string, RoleSource | undefined> | undefined },
    ];
    for (const { table, key, rolesPath, roles } of groups) {
      if (table === undefined || table === '') continue;
      const found = tables.get(table.toLowerCase());
      if (!found) {
        // A SQL cell's result has its columns only once it runs: nothing to check it against now.
        if (!results.has(table.toLowerCase())) {
          unmapped.push({ path: `${at}.sources.${key}`, message: `The ${key} table "${table}" is not in the new data.` });
        }
        continue;
      }
      if (found.name !== table) (cell.sources as Record<string, string>)[key] = found.name;
      const exact = new Set(found.columns.map((c) => c.name));
      const byLower = new Map<string, string[]>();
      for (const c of found.columns) byLower.set(c.name.toLowerCase(), [...(byLower.get(c.name.toLowerCase()) ?? []), c.name]);
      for (const [role, source] of Object.entries(roles ?? {})) {
        const path = `${at}.definition.${rolesPath}.${role}`;
        if (typeof source === 'string') {
          if (source === '' || exact.has(source)) continue;
          const candidates = byLower.get(source.toLowerCase()) ?? [];
          if (candidates.length === 1) roles![role] = candidates[0];
          else unmapped.push({ path, message: `The ${role} role's column "${source}" is not in "${found.name}".` });
        } else if (source) {
          let names: string[];
          try {
            names = formulaNames(source.formula);
          } catch (error) {
            if (!isFormulaError(error)) throw error;
            unmapped.push({ path: `${path}.formula`, message: `The ${role} role's formula does not parse: ${error.message}` });
            continue;
          }
          const missing = names.filter((n) => !byLower.has(n.toLowerCase()) && !parameters.includes(n.toLowerCase()));
          if (missing.length > 0) {
            unmapped.push({ path: `${path}.formula`, message: `The ${role} role's formula uses ${missing.map((n) => `"${n}"`).join(', ')}, not in "${found.name}".` });
          }
        }
      }
    }
    return cell;
  }

  const definition: WorkspaceDefinition = { format: WORKSPACE_FORMAT, version: template.version, name: template.name, cells, parameters: clone(template.parameters) };
  if (timeZone !== undefined) definition.timeZone = timeZone;
  return { definition, unmapped };
}

function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
