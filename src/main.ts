import { mount } from 'svelte';
import App from './ui/App.svelte';
import './ui/app.css';
import { I18n } from './ui/i18n/i18n.svelte.ts';
import { ImportState } from './ui/state/import-state.svelte.ts';
import { startWorker } from './worker/client.ts';

let importState: ImportState | null = null;
const client = startWorker((message) => importState?.reportWorkerFailure(message));
const target = document.getElementById('app');
if (!target) throw new Error('index.html has no #app element');
importState = new ImportState(client.api);
mount(App, { target, props: { importState, i18n: I18n.fromBrowser(localStorageOrNull(), navigator.language) } });
// No saved work exists yet (autosave comes later), so every visit opens on the demo shop.
void importState.loadDemo();

/** Returns localStorage, or null where the browser blocks it (reading the property can throw). */
function localStorageOrNull(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}
