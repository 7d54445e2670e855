import { AppwriteException, Client, Databases, TablesDB } from 'node-appwrite';
import { startLocalServer, type LocalServer, type LocalServerOptions } from '../../src/local/index.js';

export interface LocalHarness {
  server: LocalServer;
  client: Client;
  tablesDB: TablesDB;
  databases: Databases;
  /** A client with the right project but no key. */
  guest: TablesDB;
  close(): Promise<void>;
}

/** Starts an in-memory local server on a free loopback port with SDK clients configured for it. */
export async function startHarness(options: LocalServerOptions = {}): Promise<LocalHarness> {
  const server = await startLocalServer({ port: 0, memory: true, workerDelayMs: 0, ...options });
  const client = new Client().setEndpoint(server.endpoint).setProject(server.projectId).setKey(server.apiKey);
  const guestClient = new Client().setEndpoint(server.endpoint).setProject(server.projectId);
  return {
    server,
    client,
    tablesDB: new TablesDB(client),
    databases: new Databases(client),
    guest: new TablesDB(guestClient),
    close: () => server.close(),
  };
}

/** Polls getColumn until the status leaves `processing`/`deleting` (as Appwrite's e2e helpers do). */
export async function waitForColumn(tablesDB: TablesDB, databaseId: string, tableId: string, key: string, timeoutMs = 5000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const column = (await tablesDB.getColumn({ databaseId, tableId, key })) as { status: string };
    if (column.status !== 'processing' && column.status !== 'deleting') return column.status;
    if (Date.now() > deadline) throw new Error(`column ${key} still ${column.status}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

export async function waitForIndex(tablesDB: TablesDB, databaseId: string, tableId: string, key: string, timeoutMs = 5000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const index = await tablesDB.getIndex({ databaseId, tableId, key });
    if (index.status !== 'processing' && index.status !== 'deleting') return index.status;
    if (Date.now() > deadline) throw new Error(`index ${key} still ${index.status}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** Polls until a GET answers 404 (after an async delete). */
export async function waitGone(get: () => Promise<unknown>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await get();
    } catch (error) {
      if (error instanceof AppwriteException && error.code === 404) return;
      throw error;
    }
    if (Date.now() > deadline) throw new Error('still present');
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** Runs fn and returns the AppwriteException it throws (fails if it does not throw one). */
export async function failure(fn: () => Promise<unknown>): Promise<{ code: number; type: string; message: string }> {
  try {
    await fn();
  } catch (error) {
    if (error instanceof AppwriteException) return { code: error.code, type: error.type, message: error.message };
    throw error;
  }
  throw new Error('expected an AppwriteException, got success');
}
