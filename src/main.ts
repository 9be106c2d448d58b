import { mount } from 'svelte';
import App from './ui/App.svelte';
import './ui/app.css';
import { ImportState } from './ui/state/import-state.svelte.ts';
import { startWorker } from './worker/client.ts';

let importState: ImportState | null = null;
const client = startWorker((message) => importState?.reportWorkerFailure(message));
const target = document.getElementById('app');
if (!target) throw new Error('index.html has no #app element');
importState = new ImportState(client.api);
mount(App, { target, props: { importState } });
