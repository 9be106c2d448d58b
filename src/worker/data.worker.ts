import * as Comlink from 'comlink';
import { DataApi } from './data-api.ts';

Comlink.expose(new DataApi());
