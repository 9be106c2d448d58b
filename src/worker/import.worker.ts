import * as Comlink from 'comlink';
import { ImportApi } from './import-api.ts';

Comlink.expose(new ImportApi());
