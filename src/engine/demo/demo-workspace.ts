/**
 * The demo workspace a first visit opens: the demo notebook, then three playbooks added over its
 * customer table as a user would add them (RFM scores, deciles / Pareto, action stages), so the
 * demo shows what the library gives. Everything they add is ordinary notebook content.
 */
import type { Cell, CustomersCell } from '../notebook/cells.ts';
import { defaultParameters, type Parameter } from '../parameters/parameters.ts';
import { applyPlaybook } from '../playbooks/apply-playbook.ts';
import { playbookSources } from '../playbooks/playbook-sources.ts';
import { ACTION_STAGES_PLAYBOOK } from '../playbooks/action-stages.ts';
import { DECILES_PLAYBOOK } from '../playbooks/deciles.ts';
import { RFM_SCORES_PLAYBOOK } from '../playbooks/rfm.ts';
import type { PlaybookLanguage } from '../playbooks/types.ts';
import { DEFAULT_COLUMN_NAMES } from '../customers/product-metrics.ts';
import { demoNotebook } from './demo-notebook.ts';

/** The demo customer table's columns (the default metrics with a coupon role and order items, and its custom metric). */
export const DEMO_CUSTOMER_COLUMNS: readonly string[] = [...DEFAULT_COLUMN_NAMES, 'repeat_buyer'];

/** The playbooks the demo adds, in order. */
export const DEMO_PLAYBOOKS = [RFM_SCORES_PLAYBOOK, DECILES_PLAYBOOK, ACTION_STAGES_PLAYBOOK];

export function demoWorkspace(language: string): { cells: Cell[]; parameters: Parameter[] } {
  const playbookLanguage: PlaybookLanguage = language === 'zh-CN' ? 'zh-CN' : 'en';
  let cells = demoNotebook(language);
  let parameters = defaultParameters();
  const customers = cells.find((c): c is CustomersCell => c.kind === 'customers');
  if (!customers) return { cells, parameters };
  for (const playbook of DEMO_PLAYBOOKS) {
    const sources = playbookSources(customers, () => []);
    const result = applyPlaybook(playbook, cells, parameters, customers.id, DEMO_CUSTOMER_COLUMNS, playbookLanguage, {}, sources);
    if ('missing' in result) throw new Error(`The demo cannot add the ${playbook.id} playbook: ${result.missing.map((m) => m.column).join(', ')}`);
    cells = result.cells;
    parameters = result.parameters;
  }
  return { cells, parameters };
}
