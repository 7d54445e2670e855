import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Client, Permission, Query, Role, TablesDB, Users } from 'node-appwrite';
import { failure, startHarness, waitForColumn, type LocalHarness, type LooseTablesDB } from '../helpers/local-server.js';

/**
 * Appwrite's permission table (api-facts §6.2) through node-appwrite with separate JWT clients for two users
 * and an admin (label `superadmin`), over a table shaped like the customers self-service model.
 */

let h: LocalHarness;
let key: LooseTablesDB;
let alice: LooseTablesDB;
let bob: LooseTablesDB;
let admin: LooseTablesDB;
let guest: LooseTablesDB;
const db = 'crm';
const customers = { databaseId: db, tableId: 'customers' };
const UNAUTHORIZED = [401, 'user_unauthorized'];
const ALICE_ROLES = '(any, user:alice, users, user:alice/unverified, users/unverified)';

async function jwtClient(users: Users, userId: string): Promise<LooseTablesDB> {
  const { jwt } = await users.createJWT({ userId });
  const client = new Client().setEndpoint(h.server.endpoint).setProject(h.server.projectId).setJWT(jwt);
  return new TablesDB(client) as unknown as LooseTablesDB;
}

async function table(tableId: string, permissions: string[], rowSecurity: boolean): Promise<{ databaseId: string; tableId: string }> {
  const t = { databaseId: db, tableId };
  await key.createTable({ ...t, name: tableId, permissions, rowSecurity });
  await key.createVarcharColumn({ ...t, key: 'userId', size: 128, required: true });
  await key.createVarcharColumn({ ...t, key: 'name', size: 200, required: true });
  await key.createIntegerColumn({ ...t, key: 'totalInvoices', required: false, min: 0, xdefault: 0 });
  for (const column of ['userId', 'name', 'totalInvoices']) await waitForColumn(key, db, tableId, column);
  return t;
}

beforeAll(async () => {
  h = await startHarness();
  key = h.tablesDB as unknown as LooseTablesDB;
  guest = h.guest as unknown as LooseTablesDB;
  const users = new Users(h.client);
  for (const id of ['alice', 'bob', 'admin']) await users.create({ userId: id, email: `${id}@example.com`, name: id });
  await users.updateLabels({ userId: 'admin', labels: ['superadmin'] });
  alice = await jwtClient(users, 'alice');
  bob = await jwtClient(users, 'bob');
  admin = await jwtClient(users, 'admin');
  await key.create({ databaseId: db, name: 'CRM' });
  const superadmin = Role.label('superadmin');
  await table('customers', [Permission.create(Role.users()), Permission.read(superadmin), Permission.update(superadmin), Permission.delete(superadmin)], true);
});
afterAll(() => h.close());

let n = 0;
/** A fresh row owned by alice (created through her JWT, so it carries her default permissions). */
async function aliceRow(data: Record<string, unknown> = {}): Promise<string> {
  const rowId = `a${++n}`;
  await alice.createRow({ ...customers, rowId, data: { userId: 'alice', name: 'Alice', ...data } });
  return rowId;
}

describe('create row: table create permission', () => {
  it('a user with table create gets read/update/delete on user:ID by default', async () => {
    const row = await alice.createRow({ ...customers, rowId: 'c1', data: { userId: 'alice', name: 'Alice' } });
    expect(row.$permissions).toEqual(['read("user:alice")', 'update("user:alice")', 'delete("user:alice")']);
  });

  it('a guest without table create -> 401 user_unauthorized with the authorization description', async () => {
    const err = await failure(() => guest.createRow({ ...customers, rowId: 'g1', data: { userId: 'g', name: 'G' } }));
    expect([err.code, err.type, err.message]).toEqual([...UNAUTHORIZED, 'Missing "create" permission for role "users". Only "["any","guests"]" scopes are allowed and "["users"]" was given.']);
  });

  it('a guest on a create("any") table gets no default permissions', async () => {
    const t = await table('guestbook', [Permission.create(Role.any())], true);
    const row = await guest.createRow({ ...t, rowId: 'g1', data: { userId: 'g', name: 'G' } });
    expect(row.$permissions).toEqual([]);
    const err = await failure(() => guest.createRow({ ...t, rowId: 'g2', data: { userId: 'g', name: 'G' }, permissions: [Permission.read(Role.users())] }));
    expect([err.code, err.type, err.message]).toEqual([...UNAUTHORIZED, 'Permissions must be one of: (any, guests)']);
  });

  it('a user may grant roles they hold (any, users, self) but not another user', async () => {
    const ok = await alice.createRow({ ...customers, rowId: 'c2', data: { userId: 'alice', name: 'A' }, permissions: [Permission.read(Role.any()), Permission.read(Role.users()), Permission.update(Role.user('alice'))] });
    expect(ok.$permissions).toEqual(['read("any")', 'read("users")', 'update("user:alice")']);
    const err = await failure(() => alice.createRow({ ...customers, rowId: 'c3', data: { userId: 'alice', name: 'A' }, permissions: [Permission.read(Role.user('bob'))] }));
    expect([err.code, err.type, err.message]).toEqual([...UNAUTHORIZED, `Permissions must be one of: ${ALICE_ROLES}`]);
  });

  it('a user may not grant a label they lack; the labelled admin may', async () => {
    const err = await failure(() => alice.createRow({ ...customers, rowId: 'c4', data: { userId: 'alice', name: 'A' }, permissions: [Permission.read(Role.label('superadmin'))] }));
    expect([err.code, err.type]).toEqual(UNAUTHORIZED);
    const row = await admin.createRow({ ...customers, rowId: 'c4', data: { userId: 'admin', name: 'A' }, permissions: [Permission.read(Role.label('superadmin'))] });
    expect(row.$permissions).toEqual(['read("label:superadmin")']);
  });

  it('row permissions may not use create -> 400; write expands to update+delete', async () => {
    const err = await failure(() => alice.createRow({ ...customers, rowId: 'c5', data: { userId: 'alice', name: 'A' }, permissions: [Permission.create(Role.user('alice'))] }));
    expect([err.code, err.type]).toEqual([400, 'general_argument_invalid']);
    const row = await alice.createRow({ ...customers, rowId: 'c5', data: { userId: 'alice', name: 'A' }, permissions: [Permission.write(Role.user('alice'))] });
    expect(row.$permissions).toEqual(['update("user:alice")', 'delete("user:alice")']);
  });

  it('table write expands to create+update+delete on save', async () => {
    const created = await key.createTable({ databaseId: db, tableId: 'w', name: 'w', permissions: [Permission.write(Role.users())] });
    expect(created.$permissions).toEqual(['create("users")', 'update("users")', 'delete("users")']);
  });

  it('users may not set $createdAt; an API key may, and sets any permission', async () => {
    const row = await alice.createRow({ ...customers, rowId: 'c6', data: { userId: 'alice', name: 'A', $createdAt: '2020-01-01T00:00:00.000+00:00' } });
    expect(row.$createdAt).not.toBe('2020-01-01T00:00:00.000+00:00');
    const byKey = await key.createRow({ ...customers, rowId: 'c7', data: { userId: 'x', name: 'K', $createdAt: '2020-01-01T00:00:00.000+00:00' }, permissions: [Permission.read(Role.user('bob'))] });
    expect([byKey.$createdAt, byKey.$permissions]).toEqual(['2020-01-01T00:00:00.000+00:00', ['read("user:bob")']]);
    const none = await key.createRow({ ...customers, rowId: 'c8', data: { userId: 'x', name: 'K' } });
    expect(none.$permissions).toEqual([]);
  });
});

describe('get row', () => {
  it('the owner reads their row; another user gets 404 row_not_found', async () => {
    const rowId = await aliceRow();
    expect((await alice.getRow({ ...customers, rowId })).$id).toBe(rowId);
    const err = await failure(() => bob.getRow({ ...customers, rowId }));
    expect([err.code, err.type, err.message]).toEqual([404, 'row_not_found', `Row with the requested ID '${rowId}' could not be found.`]);
  });

  it('the superadmin label reads every row through the table permission; a guest gets 404', async () => {
    const rowId = await aliceRow();
    expect((await admin.getRow({ ...customers, rowId })).userId).toBe('alice');
    const err = await failure(() => guest.getRow({ ...customers, rowId }));
    expect([err.code, err.type]).toEqual([404, 'row_not_found']);
  });

  it('a missing row is 404 for users too', async () => {
    const err = await failure(() => alice.getRow({ ...customers, rowId: 'nope' }));
    expect([err.code, err.type]).toEqual([404, 'row_not_found']);
  });

  it('without rowSecurity the row permissions are ignored, both ways', async () => {
    const readable = await table('plain', [Permission.read(Role.users())], false);
    await key.createRow({ ...readable, rowId: 'p1', data: { userId: 'k', name: 'K' }, permissions: [Permission.read(Role.user('bob'))] });
    expect((await alice.getRow({ ...readable, rowId: 'p1' })).$id).toBe('p1');
    const hidden = await table('hidden', [], false);
    await key.createRow({ ...hidden, rowId: 'h1', data: { userId: 'k', name: 'K' }, permissions: [Permission.read(Role.user('alice'))] });
    const err = await failure(() => alice.getRow({ ...hidden, rowId: 'h1' }));
    expect([err.code, err.type]).toEqual([404, 'row_not_found']);
  });

  it('the legacy documents API applies the same rule with its own error type', async () => {
    const rowId = await aliceRow();
    const { jwt } = await new Users(h.client).createJWT({ userId: 'bob' });
    const legacy = new Client().setEndpoint(h.server.endpoint).setProject(h.server.projectId).setJWT(jwt);
    const { Databases } = await import('node-appwrite');
    const err = await failure(() => new Databases(legacy).getDocument({ databaseId: db, collectionId: 'customers', documentId: rowId }));
    expect([err.code, err.type]).toEqual([404, 'document_not_found']);
  });
});

describe('list rows', () => {
  let t: { databaseId: string; tableId: string };
  beforeAll(async () => {
    t = await table('listing', [Permission.create(Role.users()), Permission.read(Role.label('superadmin'))], true);
    for (let i = 0; i < 3; i++) await alice.createRow({ ...t, rowId: `la${i}`, data: { userId: 'alice', name: `A${i}`, totalInvoices: i } });
    for (let i = 0; i < 2; i++) await bob.createRow({ ...t, rowId: `lb${i}`, data: { userId: 'bob', name: `B${i}` } });
    await key.createRow({ ...t, rowId: 'shared', data: { userId: 'k', name: 'Shared' }, permissions: [Permission.read(Role.users())] });
  });

  it('rowSecurity filters rows and total to what the user may read', async () => {
    const mine = await alice.listRows({ ...t });
    expect([mine.total, mine.rows.map((r: { $id: string }) => r.$id)]).toEqual([4, ['la0', 'la1', 'la2', 'shared']]);
    const his = await bob.listRows({ ...t });
    expect([his.total, his.rows.map((r: { $id: string }) => r.$id)]).toEqual([3, ['lb0', 'lb1', 'shared']]);
  });

  it('filters, limits and cursors work inside the permission filter', async () => {
    const page = await alice.listRows({ ...t, queries: [Query.greaterThan('totalInvoices', 0), Query.limit(1)] });
    expect([page.total, page.rows.map((r: { $id: string }) => r.$id)]).toEqual([2, ['la1']]);
    const next = await alice.listRows({ ...t, queries: [Query.cursorAfter('la1'), Query.limit(5)] });
    expect(next.rows.map((r: { $id: string }) => r.$id)).toEqual(['la2', 'shared']);
  });

  it('table read (label) lists everything; a guest lists nothing, with total 0', async () => {
    expect((await admin.listRows({ ...t })).total).toBe(6);
    const none = await guest.listRows({ ...t });
    expect([none.total, none.rows]).toEqual([0, []]);
  });

  it('rows written after the first list (bulk, permission updates, deletes) are filtered just the same', async () => {
    const t2 = await table('listing-later', [Permission.create(Role.users())], true);
    expect((await alice.listRows({ ...t2 })).total).toBe(0);
    const rows = Array.from({ length: 30 }, (_, i) => ({ $id: `k${i}`, userId: 'k', name: `K${i}`, $permissions: [Permission.read(Role.user(i % 3 === 0 ? 'alice' : 'bob'))] }));
    await key.createRows({ ...t2, rows });
    expect((await alice.listRows({ ...t2, queries: [Query.limit(100)] })).total).toBe(10);
    await key.updateRow({ ...t2, rowId: 'k1', permissions: [Permission.read(Role.users())] });
    await key.updateRow({ ...t2, rowId: 'k0', permissions: [] });
    await key.deleteRows({ ...t2, queries: [Query.equal('$id', ['k3', 'k6'])] });
    const after = await alice.listRows({ ...t2, queries: [Query.limit(100)] });
    expect([after.total, after.rows.map((r: { $id: string }) => r.$id)]).toEqual([8, ['k1', 'k9', 'k12', 'k15', 'k18', 'k21', 'k24', 'k27']]);
  });

  it('without rowSecurity: table read lists all, no table read -> 401 user_unauthorized', async () => {
    const open = await table('open-list', [Permission.read(Role.any())], false);
    await key.createRow({ ...open, rowId: 'o1', data: { userId: 'k', name: 'O' } });
    expect((await guest.listRows({ ...open })).total).toBe(1);
    const closed = await table('closed-list', [Permission.create(Role.users())], false);
    const err = await failure(() => alice.listRows({ ...closed }));
    expect([err.code, err.type]).toEqual(UNAUTHORIZED);
  });
});

describe('update row', () => {
  it('the owner updates; another user gets 401 even though the row is invisible to them', async () => {
    const rowId = await aliceRow();
    expect((await alice.updateRow({ ...customers, rowId, data: { name: 'Alice B' } })).name).toBe('Alice B');
    const err = await failure(() => bob.updateRow({ ...customers, rowId, data: { name: 'Hacked' } }));
    expect([err.code, err.type]).toEqual(UNAUTHORIZED);
    expect((await key.getRow({ ...customers, rowId })).name).toBe('Alice B');
    const invalid = await failure(() => bob.updateRow({ ...customers, rowId, data: { unknown: 1 } }));
    expect([invalid.code, invalid.type]).toEqual(UNAUTHORIZED);
  });

  it('the superadmin updates any row; a missing row is 404 row_not_found', async () => {
    const rowId = await aliceRow();
    expect((await admin.updateRow({ ...customers, rowId, data: { name: 'By admin' } })).name).toBe('By admin');
    const err = await failure(() => bob.updateRow({ ...customers, rowId: 'missing', data: { name: 'x' } }));
    expect([err.code, err.type]).toEqual([404, 'row_not_found']);
  });

  it('an update that changes nothing needs only read; a real change needs update', async () => {
    await key.createRow({ ...customers, rowId: 'ro', data: { userId: 'k', name: 'Same' }, permissions: [Permission.read(Role.users())] });
    const same = await bob.updateRow({ ...customers, rowId: 'ro', data: { name: 'Same' } });
    expect(same.name).toBe('Same');
    const err = await failure(() => bob.updateRow({ ...customers, rowId: 'ro', data: { name: 'Changed' } }));
    expect([err.code, err.type]).toEqual(UNAUTHORIZED);
    const blind = await failure(() => guest.updateRow({ ...customers, rowId: 'ro', data: { name: 'Same' } }));
    expect([blind.code, blind.type]).toEqual(UNAUTHORIZED);
    // Appwrite judges permissions before it validates values: invalid data from a reader is still a 401.
    const invalid = await failure(() => bob.updateRow({ ...customers, rowId: 'ro', data: { unknown: 1 } }));
    expect([invalid.code, invalid.type]).toEqual(UNAUTHORIZED);
    const ownInvalid = await failure(() => admin.updateRow({ ...customers, rowId: 'ro', data: { unknown: 1 } }));
    expect([ownInvalid.code, ownInvalid.type]).toEqual([400, 'row_invalid_structure']);
  });

  it('new permissions must use roles the user holds', async () => {
    const rowId = await aliceRow();
    const ok = await alice.updateRow({ ...customers, rowId, permissions: [Permission.read(Role.users()), Permission.update(Role.user('alice'))] });
    expect(ok.$permissions).toEqual(['read("users")', 'update("user:alice")']);
    const err = await failure(() => alice.updateRow({ ...customers, rowId, permissions: [Permission.update(Role.user('bob'))] }));
    expect([err.code, err.type, err.message]).toEqual([...UNAUTHORIZED, `Permissions must be one of: ${ALICE_ROLES}`]);
  });
});

describe('increment / decrement', () => {
  it('need update permission: owner 200, other user 401, missing row 404 column_not_found', async () => {
    const rowId = await aliceRow({ totalInvoices: 2 });
    expect((await alice.incrementRowColumn({ ...customers, rowId, column: 'totalInvoices', value: 3 })).totalInvoices).toBe(5);
    expect((await alice.decrementRowColumn({ ...customers, rowId, column: 'totalInvoices' })).totalInvoices).toBe(4);
    for (const call of [bob.incrementRowColumn, bob.decrementRowColumn]) {
      const err = await failure(() => call.call(bob, { ...customers, rowId, column: 'totalInvoices' }));
      expect([err.code, err.type]).toEqual(UNAUTHORIZED);
    }
    const missing = await failure(() => alice.incrementRowColumn({ ...customers, rowId: 'missing', column: 'totalInvoices' }));
    expect([missing.code, missing.type]).toEqual([404, 'column_not_found']);
    expect((await key.getRow({ ...customers, rowId })).totalInvoices).toBe(4);
  });

  it('column checks come before the permission check, the max bound after it', async () => {
    const rowId = await aliceRow({ totalInvoices: 9 });
    const unknown = await failure(() => bob.incrementRowColumn({ ...customers, rowId, column: 'nope' }));
    expect([unknown.code, unknown.type]).toEqual([404, 'column_not_found']);
    const bounded = await failure(() => bob.incrementRowColumn({ ...customers, rowId, column: 'totalInvoices', max: 5 }));
    expect([bounded.code, bounded.type]).toEqual(UNAUTHORIZED);
    const own = await failure(() => alice.incrementRowColumn({ ...customers, rowId, column: 'totalInvoices', max: 5 }));
    expect([own.code, own.type]).toEqual([400, 'column_limit_exceeded']);
  });
});

describe('delete row', () => {
  it('another user 401, owner 204, then 404', async () => {
    const rowId = await aliceRow();
    const err = await failure(() => bob.deleteRow({ ...customers, rowId }));
    expect([err.code, err.type]).toEqual(UNAUTHORIZED);
    await alice.deleteRow({ ...customers, rowId });
    const gone = await failure(() => alice.deleteRow({ ...customers, rowId }));
    expect([gone.code, gone.type]).toEqual([404, 'row_not_found']);
  });

  it('the superadmin deletes any row through the table permission', async () => {
    const rowId = await aliceRow();
    await admin.deleteRow({ ...customers, rowId });
    expect((await failure(() => key.getRow({ ...customers, rowId }))).code).toBe(404);
  });
});

describe('upsert row', () => {
  it('a missing row needs table create and gets the user defaults', async () => {
    const row = await bob.upsertRow({ ...customers, rowId: 'up1', data: { userId: 'bob', name: 'Bob' } });
    expect(row.$permissions).toEqual(['read("user:bob")', 'update("user:bob")', 'delete("user:bob")']);
    const err = await failure(() => guest.upsertRow({ ...customers, rowId: 'up2', data: { userId: 'g', name: 'G' } }));
    expect([err.code, err.type]).toEqual(UNAUTHORIZED);
  });

  it('an existing row needs update: owner keeps the old permissions, another user 401', async () => {
    const rowId = await aliceRow();
    const row = await alice.upsertRow({ ...customers, rowId, data: { userId: 'alice', name: 'Upserted' } });
    expect([row.name, row.$permissions]).toEqual(['Upserted', ['read("user:alice")', 'update("user:alice")', 'delete("user:alice")']]);
    const err = await failure(() => bob.upsertRow({ ...customers, rowId, data: { userId: 'bob', name: 'Mine now' } }));
    expect([err.code, err.type]).toEqual(UNAUTHORIZED);
  });
});

describe('key-only routes', () => {
  it('bulk create/upsert/update/delete by a user -> 401 general_unauthorized_scope; the key may', async () => {
    const calls = [
      () => alice.createRows({ ...customers, rows: [{ $id: 'b1', userId: 'alice', name: 'B' }] }),
      () => alice.upsertRows({ ...customers, rows: [{ $id: 'b1', userId: 'alice', name: 'B' }] }),
      () => alice.updateRows({ ...customers, data: { name: 'all' }, queries: [Query.equal('userId', 'alice')] }),
      () => alice.deleteRows({ ...customers, queries: [Query.equal('userId', 'alice')] }),
    ];
    for (const call of calls) {
      const err = await failure(call);
      expect([err.code, err.type]).toEqual([401, 'general_unauthorized_scope']);
    }
    expect((await key.createRows({ ...customers, rows: [{ $id: 'b1', userId: 'k', name: 'B' }] })).total).toBe(1);
    const unknownTable = await failure(() => alice.createRows({ databaseId: db, tableId: 'no-such-table', rows: [{ name: 'B' }] }));
    expect([unknownTable.code, unknownTable.type]).toEqual([401, 'general_unauthorized_scope']);
  });

  it('schema routes for users and guests -> 401 general_unauthorized_scope; the key may', async () => {
    for (const call of [() => alice.listTables({ databaseId: db }), () => guest.createTable({ databaseId: db, tableId: 'x', name: 'x' }), () => admin.getColumn({ ...customers, key: 'name' })]) {
      const err = await failure(call);
      expect([err.code, err.type]).toEqual([401, 'general_unauthorized_scope']);
    }
    const err = await failure(() => alice.list());
    expect(err.message).toBe('alice@example.com (role: users) missing scopes (["databases.read"])');
    expect((await key.listTables({ databaseId: db })).total).toBeGreaterThan(0);
  });
});

describe('API key bypass and disabled resources', () => {
  beforeEach(async () => {
    await key.update({ databaseId: db, name: 'CRM', enabled: true });
  });

  it('a key reads, lists, updates and deletes rows no role may touch', async () => {
    const hidden = await table('vault', [], true);
    await key.createRow({ ...hidden, rowId: 'v1', data: { userId: 'k', name: 'V' } });
    expect((await key.listRows({ ...hidden })).total).toBe(1);
    expect((await key.updateRow({ ...hidden, rowId: 'v1', data: { name: 'W' } })).name).toBe('W');
    await key.deleteRow({ ...hidden, rowId: 'v1' });
    const err = await failure(() => alice.createRow({ ...hidden, rowId: 'v2', data: { userId: 'a', name: 'A' } }));
    expect([err.code, err.type, err.message]).toEqual([...UNAUTHORIZED, "No permissions provided for action 'create'"]);
  });

  it('a key and a JWT together: the key wins', async () => {
    const rowId = await aliceRow();
    const { jwt } = await new Users(h.client).createJWT({ userId: 'bob' });
    const both = new TablesDB(new Client().setEndpoint(h.server.endpoint).setProject(h.server.projectId).setKey(h.server.apiKey).setJWT(jwt)) as unknown as LooseTablesDB;
    expect((await both.getRow({ ...customers, rowId })).$id).toBe(rowId);
    expect((await both.listTables({ databaseId: db })).total).toBeGreaterThan(0);
  });

  it('a disabled table is 404 table_not_found for users, still served to the key', async () => {
    const rowId = await aliceRow();
    await key.updateTable({ ...customers, name: 'customers', enabled: false, rowSecurity: true, permissions: [Permission.create(Role.users())] });
    try {
      const err = await failure(() => alice.getRow({ ...customers, rowId }));
      expect([err.code, err.type]).toEqual([404, 'table_not_found']);
      expect((await key.getRow({ ...customers, rowId })).$id).toBe(rowId);
    } finally {
      const superadmin = Role.label('superadmin');
      await key.updateTable({ ...customers, name: 'customers', enabled: true, rowSecurity: true, permissions: [Permission.create(Role.users()), Permission.read(superadmin), Permission.update(superadmin), Permission.delete(superadmin)] });
    }
    expect((await alice.getRow({ ...customers, rowId })).$id).toBe(rowId);
  });

  it('a disabled database is 404 database_not_found for users, still served to the key', async () => {
    const rowId = await aliceRow();
    await key.update({ databaseId: db, name: 'CRM', enabled: false });
    const err = await failure(() => alice.listRows({ ...customers }));
    expect([err.code, err.type]).toEqual([404, 'database_not_found']);
    expect((await key.getRow({ ...customers, rowId })).$id).toBe(rowId);
  });
});
