import { afterEach, describe, expect, it } from 'vitest';
import { Client, Permission, Role, TablesDB, Users } from 'node-appwrite';
import { failure, startHarness, waitForColumn, type LocalHarness, type LooseTablesDB } from '../helpers/local-server.js';
import { AbuseLimiter, limitOf } from '../../src/local/auth/rate-limit.js';

/** Optional abuse limits (api-facts §8): 60-second windows, 120 writes / 60 deletes, non-key callers only. */

let h: LocalHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

async function server(rateLimits: boolean): Promise<LocalHarness> {
  h = await startHarness({ rateLimits });
  const key = h.tablesDB as unknown as LooseTablesDB;
  await key.create({ databaseId: 'db', name: 'DB' });
  for (const tableId of ['a', 'b']) {
    await key.createTable({ databaseId: 'db', tableId, name: tableId, permissions: [Permission.create(Role.any()), Permission.read(Role.any())] });
    await key.createVarcharColumn({ databaseId: 'db', tableId, key: 'name', size: 20, required: false });
    await waitForColumn(key, 'db', tableId, 'name');
  }
  return h;
}

/** The fixed windows start on whole minutes; keep a test's burst inside one window. */
async function awayFromWindowEdge(): Promise<void> {
  const intoWindow = (Date.now() / 1000) % 60;
  if (intoWindow > 50) await new Promise((r) => setTimeout(r, (61 - intoWindow) * 1000));
}

function request(method: string, path: string, headers: Record<string, string> = {}): Promise<Response> {
  const harness = h!;
  return fetch(`${harness.server.endpoint}/tablesdb/db/tables/${path}`, {
    method,
    headers: { 'content-type': 'application/json', 'x-appwrite-project': harness.server.projectId, ...headers },
    ...(method === 'GET' ? {} : { body: '{}' }),
  });
}

function rateHeaders(response: Response): [string | null, string | null, string | null] {
  return [response.headers.get('x-ratelimit-limit'), response.headers.get('x-ratelimit-remaining'), response.headers.get('x-ratelimit-reset')];
}

describe('abuse limits on the server', () => {
  it('are off by default: 61 guest deletes are all answered normally, without rate headers', async () => {
    await server(false);
    for (let i = 0; i < 61; i++) {
      const response = await request('DELETE', `a/rows/missing${i}`);
      expect(response.status).toBe(404);
      expect(rateHeaders(response)).toEqual([null, null, null]);
    }
  });

  it('deleteRow: 60 per window with X-RateLimit-* headers, then 429 general_rate_limit_exceeded', async () => {
    await server(true);
    await awayFromWindowEdge();
    const first = await request('DELETE', 'a/rows/missing');
    const [limit, remaining, reset] = rateHeaders(first);
    expect([first.status, limit, remaining]).toEqual([404, '60', '60']);
    expect(Number(reset) % 60).toBe(0);
    expect(Number(reset)).toBeGreaterThan(Date.now() / 1000);
    for (let i = 1; i < 60; i++) expect((await request('DELETE', 'a/rows/missing')).status).toBe(404);
    const refused = await request('DELETE', 'a/rows/missing');
    expect([refused.status, ...rateHeaders(refused).slice(0, 2)]).toEqual([429, '60', '0']);
    expect(await refused.json()).toMatchObject({ code: 429, type: 'general_rate_limit_exceeded' });
    const sdk = new TablesDB(new Client().setEndpoint(h!.server.endpoint).setProject(h!.server.projectId));
    const err = await failure(() => sdk.deleteRow({ databaseId: 'db', tableId: 'a', rowId: 'missing' }));
    expect([err.code, err.type]).toEqual([429, 'general_rate_limit_exceeded']);
  });

  it('the limit is shared across tables (route template) but not across users', async () => {
    await server(true);
    await awayFromWindowEdge();
    for (let i = 0; i < 30; i++) await request('DELETE', 'a/rows/missing');
    for (let i = 0; i < 30; i++) await request('DELETE', 'b/rows/missing');
    expect((await request('DELETE', 'b/rows/missing')).status).toBe(429);
    const users = new Users(h!.client);
    await users.create({ userId: 'fresh' });
    const { jwt } = await users.createJWT({ userId: 'fresh' });
    const asUser = await request('DELETE', 'a/rows/missing', { 'x-appwrite-jwt': jwt });
    expect([asUser.status, rateHeaders(asUser)[1]]).toEqual([404, '60']);
  });

  it('row writes get 120; reads have no abuse label; API keys are never counted', async () => {
    await server(true);
    await awayFromWindowEdge();
    const create = await request('POST', 'a/rows', {});
    expect([create.status, ...rateHeaders(create).slice(0, 2)]).toEqual([400, '120', '120']);
    const read = await request('GET', 'a/rows');
    expect([read.status, rateHeaders(read)[0]]).toEqual([200, null]);
    for (let i = 0; i < 65; i++) {
      const response = await request('DELETE', 'a/rows/missing', { 'x-appwrite-key': h!.server.apiKey });
      expect([response.status, rateHeaders(response)[0]]).toEqual([404, null]);
    }
  });
});

describe('AbuseLimiter and route limits', () => {
  it('counts per key within a window and starts over in the next one', () => {
    const limiter = new AbuseLimiter();
    const t0 = Date.UTC(2026, 0, 1, 12, 0, 5);
    expect(limiter.hit('k', 2, t0)).toEqual({ limit: 2, remaining: 2, reset: t0 / 1000 + 55, exceeded: false });
    expect(limiter.hit('k', 2, t0 + 1000).remaining).toBe(1);
    expect(limiter.hit('k', 2, t0 + 2000)).toMatchObject({ remaining: 0, exceeded: true });
    expect(limiter.hit('other', 2, t0 + 2000).exceeded).toBe(false);
    expect(limiter.hit('k', 2, t0 + 60_000)).toMatchObject({ remaining: 2, exceeded: false });
  });

  it('labels only row write routes: 120 for create/update/upsert/increment, 60 for deletes', () => {
    const rows = '/v1/tablesdb/:databaseId/tables/:tableId/rows';
    expect(limitOf('POST', rows)).toBe(120);
    expect(limitOf('PATCH', `${rows}/:rowId`)).toBe(120);
    expect(limitOf('PUT', `${rows}/:rowId`)).toBe(120);
    expect(limitOf('PATCH', `${rows}/:rowId/:column/increment`)).toBe(120);
    expect(limitOf('DELETE', `${rows}/:rowId`)).toBe(60);
    expect(limitOf('DELETE', rows)).toBe(60);
    expect(limitOf('DELETE', '/v1/databases/:databaseId/collections/:tableId/documents/:rowId')).toBe(60);
    expect(limitOf('GET', `${rows}/:rowId`)).toBeUndefined();
    expect(limitOf('POST', '/v1/tablesdb/:databaseId/tables')).toBeUndefined();
  });
});
