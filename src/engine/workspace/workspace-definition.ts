/**
 * The workspace definition (SPEC §7): everything a workspace is made of except its data — the
 * notebook's cells and the parameters — as versioned JSON. It is what a `.tagbook` file keeps in
 * its metadata table, and (as a template, without workspace-only state) what a `.tagbook.json`
 * file holds.
 *
 * Plain, structured-cloneable data: formulas are strings, never closures.
 */
import type { Cell } from '../notebook/cells.ts';
import type { Parameter } from '../parameters/parameters.ts';

export const WORKSPACE_FORMAT = 'tagbook-workspace';
export const TEMPLATE_FORMAT = 'tagbook-template';

/** The format version this Tagbook writes (and the newest it reads). Older versions are migrated forward. */
export const DEFINITION_VERSION = 1;

/** A workspace's definitions, version 1. */
export interface WorkspaceDefinition {
  format: typeof WORKSPACE_FORMAT;
  version: 1;
  name: string;
  /** The notebook, in order. */
  cells: Cell[];
  /** The parameters; `as_of` is always among them. */
  parameters: Parameter[];
  /** The IANA zone date-times were read in (e.g. `Asia/Shanghai`). */
  timeZone?: string;
  /** How the workspace was being looked at: restored on opening, never needed to compute anything. */
  view?: WorkspaceView;
}

/** View state a workspace file keeps so that opening it shows what was shown. */
export interface WorkspaceView {
  /** "Results only" was on (formulas and editors hidden). */
  resultsOnly?: boolean;
  /** The customer grids' filters (by segments of a tag and/or an id search), per table. */
  gridFilters?: GridFilter[];
  /** The cells shown when presenting (issue #10), by id, in presentation order; absent: the default choice. */
  presentation?: { cells: string[] };
}

/** One customer grid's filter: the customers of some segments of a tag (-1: no segment) and/or whose id contains a text. */
export interface GridFilter {
  table: string;
  tag?: string;
  segments?: number[];
  idContains?: string;
}

/**
 * A template: definitions only, to apply to new data (SPEC §7). Same cells and parameters as a
 * workspace (a source cell holds only its table's name anyway), but no time zone (a property of
 * the data it was read from) and no consent to render a hand-edited chart spec.
 */
export interface TemplateDefinition {
  format: typeof TEMPLATE_FORMAT;
  version: 1;
  name: string;
  cells: Cell[];
  parameters: Parameter[];
}

export type Definition = WorkspaceDefinition | TemplateDefinition;

/** One thing wrong with a file: where (a JSON path such as `cells[3].definition.metric`) and what, in plain English. */
export interface WorkspaceProblem {
  path: string;
  message: string;
}
