/**
 * Test plumbing: the MessageChannels the page would make between workers, here between API
 * objects called directly in Node (which has a global MessageChannel).
 */
import { expect, vi } from 'vitest';
import type { ImportOptions } from '../../../src/engine/index.ts';
import type { TableInfo } from '../../../src/worker/api.ts';
import type { DataApi } from '../../../src/worker/data-api.ts';
import { ImportApi } from '../../../src/worker/import-api.ts';
import type { SqlApi } from '../../../src/worker/sql-api.ts';

export const encode = (text: string) => new TextEncoder().encode(text);
export const noPause = () => Promise.resolve();

const openPorts: MessagePort[] = [];
let lastReceiveId = 0;

/** Returns a new channel whose ports `closeAllPorts` closes after the test. */
export function openChannel(): MessageChannel {
  const channel = new MessageChannel();
  openPorts.push(channel.port1, channel.port2);
  return channel;
}

export function closeAllPorts(): void {
  for (const port of openPorts.splice(0)) port.close();
}

/** Imports a file as the page does: import worker → port → data worker. */
export async function importInto(data: DataApi, bytes: Uint8Array, fileName: string, options: ImportOptions = { timeZone: 'UTC' }): Promise<TableInfo> {
  const channel = openChannel();
  const received = data.receiveTable(channel.port2, ++lastReceiveId);
  await new ImportApi().importFile(bytes, fileName, options, undefined, channel.port1);
  return received;
}

/** Connects a SQL API to the data API as `Workers` does. */
export async function connectSql(data: DataApi, sql: SqlApi): Promise<void> {
  const channel = openChannel();
  await sql.attach(channel.port1);
  await data.connectSql(channel.port2);
}

/** Waits until the SQL API has heard of table `name` with `rowCount` rows (port messages arrive asynchronously). */
export async function untilSqlReceived(sql: SqlApi, name: string, rowCount: number): Promise<void> {
  await vi.waitFor(async () => {
    expect((await sql.fillStatus()).tables).toContainEqual(expect.objectContaining({ name, rowCount }));
  });
}
