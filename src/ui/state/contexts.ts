import { createContext } from 'svelte';
import type { I18n } from '../i18n/i18n.svelte.ts';
import type { ImportState } from './import-state.svelte.ts';
import type { NotebookState } from './notebook-state.svelte.ts';
import type { ParametersState } from './parameters-state.svelte.ts';
import type { WorkspaceState } from './workspace-state.svelte.ts';
import type { AutosaveState } from './autosave-state.svelte.ts';

/** The import state of the page: set once by App, read by every import component. */
export const [getImportState, setImportState] = createContext<ImportState>();
/** The notebook of the page: set once by App, read by the cells. */
export const [getNotebook, setNotebook] = createContext<NotebookState>();
/** The workspace's parameters: set once by App, read by the parameters panel and formula editors. */
export const [getParameters, setParameters] = createContext<ParametersState>();
/** The page's language and messages: set once by App, read by every component that shows text. */
export const [getI18n, setI18n] = createContext<I18n>();
/** The workspace as a whole (files, templates, autosave): set once by App, read by the workspace menu and dialogs. */
export const [getWorkspace, setWorkspace] = createContext<WorkspaceState>();
/** Autosave in this browser: set once by App, read by the workspace menu. */
export const [getAutosave, setAutosave] = createContext<AutosaveState>();
