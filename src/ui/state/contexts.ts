import { createContext } from 'svelte';
import type { ImportState } from './import-state.svelte.ts';

/** The import state of the page: set once by App, read by every import component. */
export const [getImportState, setImportState] = createContext<ImportState>();
