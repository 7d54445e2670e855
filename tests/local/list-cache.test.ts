import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Query } from 'node-appwrite';
import { failure, startHarness, waitForColumn, type LocalHarness, type LooseTablesDB } from '../helpers/local-server.js';

/** listRows `ttl` (cached list responses) and updateTable `purge`, through node-appwrite. */

let h: LocalHarness;
let t: LooseTablesDB;
const at = { databaseId: 'db', tableId: 'items' };
beforeAll(async () => {
  h = await startHarness();
  t = h.tablesDB as unknown as LooseTablesDB;
  await t.create({ databaseId: 'db', name: 'DB' });
  await t.createTable({ ...at, name: 'Items', columns: [{ key: 'n', type: 'integer' }] });
  await t.createRow({ ...at, rowId: 'a', data: { n: 1 } });
});
afterAll(() => h.close());

const ids = (list: { rows: { $id: string }[] }) => list.rows.map((r) => r.$id);

describe('listRows with ttl', () => {
  it('serves the cached rows and total until something invalidates them', async () => {
    expect(ids(await t.listRows({ ...at, ttl: 60 }))).toEqual(['a']);
    await t.createRow({ ...at, rowId: 'b', data: { n: 2 } });
    const cached = await t.listRows({ ...at, ttl: 60 });
    expect([ids(cached), cached.total]).toEqual([['a'], 1]);
    // Without ttl, or with other queries, the rows are read fresh.
    expect(ids(await t.listRows(at))).toEqual(['a', 'b']);
    expect(ids(await t.listRows({ ...at, ttl: 60, queries: [Query.limit(10)] }))).toEqual(['a', 'b']);
  });

  it('says hit or miss in X-Appwrite-Cache', async () => {
    const url = `${h.server.endpoint}/tablesdb/db/tables/items/rows?ttl=60&queries%5B0%5D=${encodeURIComponent(Query.limit(5))}`;
    const headers = { 'x-appwrite-project': h.server.projectId, 'x-appwrite-key': h.server.apiKey };
    expect((await fetch(url, { headers })).headers.get('x-appwrite-cache')).toBe('miss');
    expect((await fetch(url, { headers })).headers.get('x-appwrite-cache')).toBe('hit');
    expect((await fetch(url.replace('ttl=60', 'ttl=0'), { headers })).headers.get('x-appwrite-cache')).toBeNull();
  });

  it('updateTable with purge drops the cached responses', async () => {
    await t.listRows({ ...at, ttl: 60 });
    await t.createRow({ ...at, rowId: 'c', data: { n: 3 } });
    expect(ids(await t.listRows({ ...at, ttl: 60 }))).toEqual(['a']);
    await t.updateTable({ ...at, name: 'Items', purge: true });
    expect(ids(await t.listRows({ ...at, ttl: 60 }))).toEqual(['a', 'b', 'c']);
  });

  it('a schema change is a new cache key', async () => {
    await t.listRows({ ...at, ttl: 60 });
    await t.createRow({ ...at, rowId: 'd', data: { n: 4 } });
    await t.createBooleanColumn({ ...at, key: 'flag', required: false });
    await waitForColumn(t, 'db', 'items', 'flag');
    expect(ids(await t.listRows({ ...at, ttl: 60 }))).toEqual(['a', 'b', 'c', 'd']);
  });

  it('an entry older than the ttl is refreshed', async () => {
    await t.listRows({ ...at, ttl: 1, queries: [Query.limit(50)] });
    await t.createRow({ ...at, rowId: 'e', data: { n: 5 } });
    await new Promise((r) => setTimeout(r, 1100));
    expect(ids(await t.listRows({ ...at, ttl: 1, queries: [Query.limit(50)] }))).toContain('e');
  });

  it('refuses a ttl outside 0..86400', async () => {
    expect(await failure(() => t.listRows({ ...at, ttl: 86401 }))).toEqual({
      code: 400, type: 'general_argument_invalid', message: 'Invalid `ttl` param: Value must be a valid range between 0 and 86,400',
    });
  });
});
