/**
 * Transactions staged by users (JWT) through node-appwrite: staging applies the row routes' permission
 * rules, reads through a transaction see only what the user may read, and the commit replays each
 * operation as its caller (a user's new row gets that user's default permissions).
 */
import { Client, Permission, Role, TablesDB, Users } from 'node-appwrite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failure, startHarness, waitForColumn, type LocalHarness, type LooseTablesDB } from '../helpers/local-server.js';

const DB = 'ptx';
const at = { databaseId: DB, tableId: 'notes' };
let h: LocalHarness;
let t: LooseTablesDB;
let alice: LooseTablesDB;
let bob: LooseTablesDB;

async function jwtClient(users: Users, userId: string): Promise<LooseTablesDB> {
  await users.create({ userId, email: `${userId}@example.com`, password: 'password123' });
  const { jwt } = await users.createJWT({ userId });
  return new TablesDB(new Client().setEndpoint(h.server.endpoint).setProject(h.server.projectId).setJWT(jwt)) as unknown as LooseTablesDB;
}

beforeAll(async () => {
  h = await startHarness();
  t = h.tablesDB as unknown as LooseTablesDB;
  await t.create({ databaseId: DB, name: 'Permissions' });
  await t.createTable({ ...at, name: 'Notes', rowSecurity: true, permissions: [Permission.create(Role.users())] });
  await t.createVarcharColumn({ ...at, key: 'text', size: 100, required: true });
  await waitForColumn(h.tablesDB, DB, at.tableId, 'text');
  const users = new Users(h.client);
  alice = await jwtClient(users, 'alice');
  bob = await jwtClient(users, 'bob');
  await t.createRow({ ...at, rowId: 'bobs', data: { text: 'Bob only' }, permissions: [Permission.read(Role.user('bob')), Permission.update(Role.user('bob'))] });
}, 30_000);

afterAll(() => h.close());

describe('transactions staged by users', () => {
  it("refuses to stage a write the user may not make, and hides rows the user may not read", async () => {
    const { $id: transactionId } = await h.tablesDB.createTransaction();
    expect(await failure(() => alice.updateRow({ ...at, rowId: 'bobs', data: { text: 'hijacked' }, transactionId }))).toMatchObject({ code: 401, type: 'user_unauthorized' });
    expect(await failure(() => alice.getRow({ ...at, rowId: 'bobs', transactionId }))).toMatchObject({ code: 404, type: 'row_not_found' });
    expect((await bob.getRow({ ...at, rowId: 'bobs', transactionId })).text).toBe('Bob only');
    expect((await h.tablesDB.getTransaction({ transactionId })).operations).toBe(0);
  });

  it("commits a user's staged create with that user's default permissions", async () => {
    const { $id: transactionId } = await h.tablesDB.createTransaction();
    const mock = await alice.createRow({ ...at, rowId: 'alices', data: { text: 'mine' }, transactionId });
    expect(mock.$permissions).toEqual(['read("user:alice")', 'update("user:alice")', 'delete("user:alice")']);
    expect((await alice.listRows({ ...at, transactionId })).rows.map((r: { $id: string }) => r.$id)).toEqual(['alices']);
    expect((await bob.listRows({ ...at, transactionId })).rows.map((r: { $id: string }) => r.$id)).toEqual(['bobs']);
    await h.tablesDB.updateTransaction({ transactionId, commit: true });
    const row = await t.getRow({ ...at, rowId: 'alices' });
    expect(row.$permissions).toEqual(mock.$permissions);
    expect(await failure(() => bob.getRow({ ...at, rowId: 'alices' }))).toMatchObject({ code: 404 });
  });

  it('keeps bulk staging key-only', async () => {
    const { $id: transactionId } = await h.tablesDB.createTransaction();
    expect(await failure(() => alice.createRows({ ...at, rows: [{ text: 'bulk' }], transactionId }))).toMatchObject({ code: 401, type: 'general_unauthorized_scope' });
    expect((await t.createRows({ ...at, rows: [{ text: 'bulk' }], transactionId })).total).toBe(1);
  });
});
