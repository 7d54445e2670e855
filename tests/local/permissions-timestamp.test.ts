import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, Permission, Role, TablesDB, Users } from 'node-appwrite';
import { failure, startHarness, waitForColumn, type LocalHarness, type LooseTablesDB } from '../helpers/local-server.js';

/** Optimistic concurrency (api-facts §4.9): X-Appwrite-Timestamp older than the row's $updatedAt -> 409. */

let h: LocalHarness;
let key: LooseTablesDB;
const t = { databaseId: 'db', tableId: 'items' };
const CONFLICT = [409, 'row_update_conflict', 'Remote row is newer than local.'];

/** A client that sends X-Appwrite-Timestamp on every request, as an offline-first app would. */
function stamped(timestamp: string, configure: (client: Client) => Client = (c) => c.setKey(h.server.apiKey)): LooseTablesDB {
  const client = configure(new Client().setEndpoint(h.server.endpoint).setProject(h.server.projectId));
  client.addHeader('X-Appwrite-Timestamp', timestamp);
  return new TablesDB(client) as unknown as LooseTablesDB;
}

const before = (iso: string) => new Date(Date.parse(iso) - 1000).toISOString();
const after = (iso: string) => new Date(Date.parse(iso) + 1000).toISOString();

beforeAll(async () => {
  h = await startHarness();
  key = h.tablesDB as unknown as LooseTablesDB;
  await key.create({ databaseId: 'db', name: 'DB' });
  await key.createTable({ ...t, name: 'Items', permissions: [Permission.create(Role.users())], rowSecurity: true });
  await key.createVarcharColumn({ ...t, key: 'name', size: 50, required: true });
  await waitForColumn(key, 'db', 'items', 'name');
});
afterAll(() => h.close());

let n = 0;
async function row(): Promise<{ rowId: string; updatedAt: string }> {
  const created = await key.createRow({ ...t, rowId: `i${++n}`, data: { name: 'v1' } });
  return { rowId: created.$id, updatedAt: created.$updatedAt };
}

describe('X-Appwrite-Timestamp', () => {
  it('update: older -> 409 row_update_conflict and nothing changes; newer -> 200', async () => {
    const { rowId, updatedAt } = await row();
    const err = await failure(() => stamped(before(updatedAt)).updateRow({ ...t, rowId, data: { name: 'stale' } }));
    expect([err.code, err.type, err.message]).toEqual(CONFLICT);
    expect((await key.getRow({ ...t, rowId })).name).toBe('v1');
    expect((await stamped(after(updatedAt)).updateRow({ ...t, rowId, data: { name: 'fresh' } })).name).toBe('fresh');
  });

  it('the conflict is reported before the validation of the new values', async () => {
    const { rowId, updatedAt } = await row();
    const err = await failure(() => stamped(before(updatedAt)).updateRow({ ...t, rowId, data: { unknown: 'x' } }));
    expect([err.code, err.type]).toEqual([409, 'row_update_conflict']);
    const fresh = await failure(() => stamped(after(updatedAt)).updateRow({ ...t, rowId, data: { unknown: 'x' } }));
    expect([fresh.code, fresh.type]).toEqual([400, 'row_invalid_structure']);
  });

  it('a timestamp equal to $updatedAt is not older', async () => {
    const { rowId, updatedAt } = await row();
    expect((await stamped(updatedAt).updateRow({ ...t, rowId, data: { name: 'same-ms' } })).name).toBe('same-ms');
  });

  it('upsert of an existing row: older -> 409; newer -> 200; a new row ignores the header', async () => {
    const { rowId, updatedAt } = await row();
    const err = await failure(() => stamped(before(updatedAt)).upsertRow({ ...t, rowId, data: { name: 'stale' } }));
    expect([err.code, err.type, err.message]).toEqual(CONFLICT);
    expect((await stamped(after(updatedAt)).upsertRow({ ...t, rowId, data: { name: 'fresh' } })).name).toBe('fresh');
    expect((await stamped('2000-01-01T00:00:00.000Z').upsertRow({ ...t, rowId: 'brand-new', data: { name: 'new' } })).name).toBe('new');
  });

  it('delete: older -> 409 and the row stays; newer -> 204', async () => {
    const { rowId, updatedAt } = await row();
    const err = await failure(() => stamped(before(updatedAt)).deleteRow({ ...t, rowId }));
    expect([err.code, err.type, err.message]).toEqual(CONFLICT);
    expect((await key.getRow({ ...t, rowId })).$id).toBe(rowId);
    await stamped(after(updatedAt)).deleteRow({ ...t, rowId });
    expect((await failure(() => key.getRow({ ...t, rowId }))).code).toBe(404);
  });

  it('applies to JWT users too, after their permission check', async () => {
    const users = new Users(h.client);
    await users.create({ userId: 'owner' });
    await users.create({ userId: 'other' });
    const jwtOf = async (userId: string) => (await users.createJWT({ userId })).jwt;
    const owner = new TablesDB(new Client().setEndpoint(h.server.endpoint).setProject(h.server.projectId).setJWT(await jwtOf('owner'))) as unknown as LooseTablesDB;
    const created = await owner.createRow({ ...t, rowId: 'owned', data: { name: 'v1' } });
    const otherJwt = await jwtOf('other');
    const stale = before(created.$updatedAt);
    const ownerJwt = await jwtOf('owner');
    const conflict = await failure(() => stamped(stale, (c) => c.setJWT(ownerJwt)).updateRow({ ...t, rowId: 'owned', data: { name: 'x' } }));
    expect([conflict.code, conflict.type]).toEqual([409, 'row_update_conflict']);
    const refused = await failure(() => stamped(stale, (c) => c.setJWT(otherJwt)).updateRow({ ...t, rowId: 'owned', data: { name: 'x' } }));
    expect([refused.code, refused.type]).toEqual([401, 'user_unauthorized']);
  });

  it('an unparseable timestamp -> 400 general_argument_invalid', async () => {
    const { rowId } = await row();
    const err = await failure(() => stamped('yesterday-ish').updateRow({ ...t, rowId, data: { name: 'x' } }));
    expect([err.code, err.type]).toEqual([400, 'general_argument_invalid']);
  });
});
