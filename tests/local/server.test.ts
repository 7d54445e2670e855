import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client, Query, TablesDB } from 'node-appwrite';
import { failure, startHarness, waitForColumn, type LocalHarness } from '../helpers/local-server.js';
import { startLocalServer } from '../../src/local/index.js';

let h: LocalHarness;
beforeAll(async () => {
  h = await startHarness();
  await h.tablesDB.create({ databaseId: 'db', name: 'Main' });
  await h.tablesDB.createTable({ databaseId: 'db', tableId: 't', name: 'T' });
  await h.tablesDB.createIntegerColumn({ databaseId: 'db', tableId: 't', key: 'n', required: false });
  await waitForColumn(h.tablesDB, 'db', 't', 'n');
});
afterAll(() => h.close());

function clientWith(setup: (c: Client) => Client): TablesDB {
  return new TablesDB(setup(new Client().setEndpoint(h.server.endpoint)));
}

describe('local server: HTTP conventions', () => {
  it('answers /v1/health/version with 1.9.6 without auth', async () => {
    // The CLI calls it with project `console`; node-appwrite 27 has no method for it, so use fetch.
    const response = await fetch(`${h.server.endpoint}/health/version`, { headers: { 'x-appwrite-project': 'console' } });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ version: '1.9.6' });
  });

  it('unknown /v1 route -> 404 general_route_not_found with the full error body', async () => {
    const response = await fetch(`${h.server.endpoint}/nothing/here`, { headers: { 'x-appwrite-project': 'crm-local' } });
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({
      message: expect.any(String) as unknown,
      code: 404,
      type: 'general_route_not_found',
      version: '1.9.6',
    });
  });

  it('missing project header -> 401 general_access_forbidden', async () => {
    const err = await failure(() => clientWith((c) => c.setKey(h.server.apiKey)).list());
    expect([err.code, err.type]).toEqual([401, 'general_access_forbidden']);
  });

  it('console project -> 401 general_access_forbidden', async () => {
    const err = await failure(() => clientWith((c) => c.setProject('console').setKey(h.server.apiKey)).list());
    expect([err.code, err.type]).toEqual([401, 'general_access_forbidden']);
  });

  it('another project -> 404 project_not_found', async () => {
    const err = await failure(() => clientWith((c) => c.setProject('other').setKey(h.server.apiKey)).list());
    expect([err.code, err.type]).toEqual([404, 'project_not_found']);
  });

  it('schema route without a key -> 401 general_unauthorized_scope', async () => {
    const err = await failure(() => h.guest.list());
    expect([err.code, err.type]).toEqual([401, 'general_unauthorized_scope']);
  });

  it('schema route with a wrong key -> 401 general_unauthorized_scope', async () => {
    const err = await failure(() => clientWith((c) => c.setProject(h.server.projectId).setKey('wrong')).createTable({ databaseId: 'db', tableId: 'x', name: 'x' }));
    expect([err.code, err.type]).toEqual([401, 'general_unauthorized_scope']);
  });

  it('error responses carry no-cache headers', async () => {
    const response = await fetch(`${h.server.endpoint}/tablesdb/nope`, {
      headers: { 'x-appwrite-project': h.server.projectId, 'x-appwrite-key': h.server.apiKey },
    });
    expect(response.status).toBe(404);
    expect(response.headers.get('cache-control')).toContain('no-store');
  });

  it('accepts both queries[N] (SDK) and queries[] encodings', async () => {
    await h.tablesDB.createRows({ databaseId: 'db', tableId: 't', rows: [{ n: 1 }, { n: 2 }, { n: 3 }] });
    const viaSdk = await h.tablesDB.listRows({ databaseId: 'db', tableId: 't', queries: [Query.greaterThan('n', 1), Query.limit(1)] });
    expect(viaSdk.rows.map((r) => r['n'])).toEqual([2]);
    const q = (s: string) => encodeURIComponent(s);
    const url = `${h.server.endpoint}/tablesdb/db/tables/t/rows?queries[]=${q(JSON.stringify({ method: 'greaterThan', attribute: 'n', values: [1] }))}&queries[]=${q(JSON.stringify({ method: 'limit', values: [1] }))}`;
    const response = await fetch(url, { headers: { 'x-appwrite-project': h.server.projectId, 'x-appwrite-key': h.server.apiKey } });
    const body = (await response.json()) as { rows: { n: number }[] };
    expect(body.rows.map((r) => r.n)).toEqual([2]);
  });

  it('emits int64 bounds as bare JSON integers the SDK reads as BigInt', async () => {
    const column = await h.tablesDB.getColumn({ databaseId: 'db', tableId: 't', key: 'n' });
    expect((column as unknown as { max: bigint }).max).toBe(9223372036854775807n);
    expect((column as unknown as { min: bigint }).min).toBe(-9223372036854775808n);
    const raw = await fetch(`${h.server.endpoint}/tablesdb/db/tables/t/columns/n`, {
      headers: { 'x-appwrite-project': h.server.projectId, 'x-appwrite-key': h.server.apiKey },
    });
    expect(await raw.text()).toContain('"max":9223372036854775807');
  });

  it('keeps int64 precision for row values beyond 2^53 both ways', async () => {
    const row = await h.tablesDB.createRow({ databaseId: 'db', tableId: 't', rowId: 'big', data: { n: 9007199254740993n } });
    expect(row['n']).toBe(9007199254740993n);
    const again = await h.tablesDB.getRow({ databaseId: 'db', tableId: 't', rowId: 'big' });
    expect(again['n']).toBe(9007199254740993n);
  });

  it('$sequence is a string for response format >= 1.9.0 and an integer before', async () => {
    const row = await h.tablesDB.getRow({ databaseId: 'db', tableId: 't', rowId: 'big' });
    expect(typeof row.$sequence).toBe('string');
    const response = await fetch(`${h.server.endpoint}/tablesdb/db/tables/t/rows/big`, {
      headers: { 'x-appwrite-project': h.server.projectId, 'x-appwrite-key': h.server.apiKey, 'x-appwrite-response-format': '1.8.0' },
    });
    const body = (await response.json()) as { $sequence: unknown };
    expect(typeof body.$sequence).toBe('number');
    expect(String(body.$sequence)).toBe(row.$sequence);
  });
});

describe('local server: lifecycle', () => {
  // How fast it starts is a goal, measured by tests/bench/startup-bench.ts, not asserted here.
  it('persists data and the key across restarts', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'crm-local-'));
    const file = path.join(dir, 'local.sqlite');
    try {
      const first = await startLocalServer({ port: 0, file });
      const db = new TablesDB(new Client().setEndpoint(first.endpoint).setProject(first.projectId).setKey(first.apiKey));
      await db.create({ databaseId: 'keep', name: 'Keep' });
      await db.createTable({ databaseId: 'keep', tableId: 'x', name: 'X' });
      await db.createBooleanColumn({ databaseId: 'keep', tableId: 'x', key: 'flag', required: false });
      await waitForColumn(db, 'keep', 'x', 'flag');
      await db.createRow({ databaseId: 'keep', tableId: 'x', rowId: 'r1', data: { flag: true } });
      const key = first.apiKey;
      await first.close();

      const second = await startLocalServer({ port: 0, file });
      expect(second.apiKey).toBe(key);
      const again = new TablesDB(new Client().setEndpoint(second.endpoint).setProject(second.projectId).setKey(second.apiKey));
      expect((await again.getRow({ databaseId: 'keep', tableId: 'x', rowId: 'r1' }))['flag']).toBe(true);
      await second.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('uses the given project id and api key', async () => {
    const server = await startLocalServer({ port: 0, memory: true, projectId: 'p1', apiKey: 'secret' });
    try {
      expect([server.projectId, server.apiKey]).toEqual(['p1', 'secret']);
      expect(server.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
      const db = new TablesDB(new Client().setEndpoint(server.endpoint).setProject('p1').setKey('secret'));
      expect((await db.list()).total).toBe(0);
    } finally {
      await server.close();
    }
  });
});
