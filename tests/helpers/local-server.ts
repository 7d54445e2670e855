import { AppwriteException, Client, Databases, TablesDB } from 'node-appwrite';
import { startLocalServer, type LocalServer, type LocalServerOptions } from '../../src/local/index.js';

/**
 * TablesDB with schema-free typing: the tests write arbitrary columns and explicit nulls, which the SDK's
 * generated Row/param types cannot describe. Runtime calls are the real SDK methods.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type LooseTablesDB = { [K in keyof TablesDB]: (params?: any) => Promise<any> };

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
export async function waitForColumn(tablesDB: Pick<TablesDB, 'getColumn'>, databaseId: string, tableId: string, key: string, timeoutMs = 5000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const column = (await tablesDB.getColumn({ databaseId, tableId, key })) as { status: string };
    if (column.status !== 'processing' && column.status !== 'deleting') return column.status;
    if (Date.now() > deadline) throw new Error(`column ${key} still ${column.status}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

export async function waitForIndex(tablesDB: Pick<TablesDB, 'getIndex'>, databaseId: string, tableId: string, key: string, timeoutMs = 5000): Promise<string> {
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

/** The reference CRM customers table (shared/seed/customers-collection.md) with its indexes. */
export async function createCustomersTable(tablesDB: TablesDB, databaseId: string, tableId = 'customers'): Promise<void> {
  const t = { databaseId, tableId };
  await tablesDB.createTable({ ...t, name: 'Customers' });
  const varchars: [string, number, boolean][] = [
    ['userId', 128, true], ['name', 200, true], ['phone', 50, false], ['company', 200, false], ['jobTitle', 100, false],
    ['address', 500, false], ['city', 100, false], ['state', 100, false], ['zipCode', 20, false], ['country', 100, false],
    ['assignedTo', 128, false], ['industry', 100, false], ['currency', 3, false], ['language', 10, false], ['timezone', 50, false],
    ['createdBy', 128, false], ['updatedBy', 128, false],
  ];
  for (const [key, size, required] of varchars) await tablesDB.createVarcharColumn({ ...t, key, size, required });
  await tablesDB.createTextColumn({ ...t, key: 'notes', required: false });
  await tablesDB.createTextColumn({ ...t, key: 'metadata', required: false });
  await tablesDB.createEmailColumn({ ...t, key: 'email', required: false });
  await tablesDB.createUrlColumn({ ...t, key: 'website', required: false });
  await tablesDB.createEnumColumn({ ...t, key: 'status', elements: ['active', 'inactive', 'lead', 'prospect', 'archived'], required: false, xdefault: 'active' });
  await tablesDB.createEnumColumn({ ...t, key: 'customerType', elements: ['individual', 'company', 'non-profit', 'government'], required: false, xdefault: 'individual' });
  await tablesDB.createEnumColumn({ ...t, key: 'source', elements: ['website', 'referral', 'social_media', 'advertising', 'trade_show', 'cold_call', 'email_campaign', 'other'], required: false });
  await tablesDB.createDatetimeColumn({ ...t, key: 'lastContactAt', required: false });
  await tablesDB.createDatetimeColumn({ ...t, key: 'nextFollowUpAt', required: false });
  await tablesDB.createFloatColumn({ ...t, key: 'totalRevenue', required: false, min: 0, xdefault: 0 });
  await tablesDB.createIntegerColumn({ ...t, key: 'totalInvoices', required: false, min: 0, xdefault: 0 });
  for (const column of (await tablesDB.listColumns({ ...t, queries: ['{"method":"limit","values":[100]}'] })).columns) {
    await waitForColumn(tablesDB, databaseId, tableId, (column as { key: string }).key);
  }
  const indexes: [string, 'key' | 'unique' | 'fulltext', string[], string[]][] = [
    ['userId', 'unique', ['userId'], ['asc']], ['name', 'key', ['name'], ['asc']], ['email', 'key', ['email'], ['asc']],
    ['phone', 'key', ['phone'], ['asc']], ['company', 'key', ['company', 'name'], ['asc', 'asc']], ['status', 'key', ['status'], ['asc']],
    ['assignedTo', 'key', ['assignedTo', 'status', 'name'], ['asc', 'asc', 'asc']], ['source', 'key', ['source'], ['asc']],
    ['industry', 'key', ['industry'], ['asc']], ['customerType', 'key', ['customerType'], ['asc']], ['city', 'key', ['city'], ['asc']],
    ['state', 'key', ['state'], ['asc']], ['country', 'key', ['country'], ['asc']],
    ['status_lastContactAt', 'key', ['status', 'lastContactAt'], ['asc', 'desc']], ['lastContactAt', 'key', ['lastContactAt'], ['desc']],
    ['nextFollowUpAt', 'key', ['nextFollowUpAt'], ['asc']], ['followUp_status', 'key', ['nextFollowUpAt', 'status'], ['asc', 'asc']],
    ['company_only', 'key', ['company'], ['asc']], ['assignedTo_only', 'key', ['assignedTo'], ['asc']],
    ['totalRevenue', 'key', ['totalRevenue'], ['desc']],
    ['totalInvoices', 'key', ['totalInvoices'], ['desc']], ['createdAt', 'key', ['$createdAt'], ['desc']],
    ['ft_name', 'fulltext', ['name'], []], ['ft_email', 'fulltext', ['email'], []],
  ];
  for (const [key, type, columns, orders] of indexes) {
    await tablesDB.createIndex({ ...t, key, type: type as never, columns, orders: orders as never });
  }
  for (const [key] of indexes) await waitForIndex(tablesDB, databaseId, tableId, key);
}

/** The query patterns of the reference document ("Query Patterns"), by name. */
export function customerQueryPatterns(now: string): Record<string, string[]> {
  const q = (method: string, attribute: string | undefined, values?: unknown[]) =>
    JSON.stringify({ method, ...(attribute === undefined ? {} : { attribute }), ...(values === undefined ? {} : { values }) });
  return {
    byUserId: [q('equal', 'userId', ['user-42']), q('limit', undefined, [1])],
    byEmail: [q('equal', 'email', ['c42@example.com']), q('limit', undefined, [1])],
    activeByLastContact: [q('equal', 'status', ['active']), q('orderDesc', 'lastContactAt'), q('limit', undefined, [50])],
    // rep-5 serves rows i ≡ 5 (mod 20), all of them active (i ≡ 0 mod 5) in customerRow's data.
    byAssignee: [q('equal', 'assignedTo', ['rep-5']), q('equal', 'status', ['active']), q('orderAsc', 'name')],
    byCompany: [q('equal', 'company', ['Company 7']), q('orderAsc', 'name')],
    followUps: [q('lessThanEqual', 'nextFollowUpAt', [now]), q('notEqual', 'status', ['archived']), q('orderAsc', 'nextFollowUpAt')],
    searchName: [q('search', 'name', ['Customer42']), q('limit', undefined, [25])],
    searchEmail: [q('search', 'email', ['c42']), q('limit', undefined, [25])],
    topRevenue: [q('greaterThan', 'totalRevenue', [0]), q('orderDesc', 'totalRevenue'), q('limit', undefined, [10])],
  };
}

/** A deterministic customer row for tests and benchmarks. */
export function customerRow(i: number): Record<string, unknown> {
  const statuses = ['active', 'inactive', 'lead', 'prospect', 'archived'];
  return {
    $id: `cust${i}`,
    userId: `user-${i}`,
    name: `Customer${i} Person`,
    email: `c${i}@example.com`,
    phone: `+60 12 ${String(i).padStart(7, '0')}`,
    company: `Company ${i % 500}`,
    city: `City ${i % 50}`,
    country: 'MY',
    status: statuses[i % 5],
    assignedTo: `rep-${i % 20}`,
    customerType: 'individual',
    lastContactAt: new Date(Date.UTC(2025, 0, 1) + i * 60_000).toISOString(),
    nextFollowUpAt: new Date(Date.UTC(2025, 0, 1) + (i % 1000) * 3_600_000).toISOString(),
    totalRevenue: (i % 1000) * 10.5,
    totalInvoices: i % 30,
  };
}
