import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, Permission, Query, Role, TablesDB, Users } from 'node-appwrite';
import { failure, startHarness, waitForColumn, type LocalHarness, type LooseTablesDB } from '../helpers/local-server.js';

/** Users, labels and JWTs (api-facts §6.3, §6.4) through node-appwrite's Users service. */

let h: LocalHarness;
let users: Users;
let key: LooseTablesDB;
const t = { databaseId: 'db', tableId: 'notes' };

function clientWith(configure: (client: Client) => Client): LooseTablesDB {
  return new TablesDB(configure(new Client().setEndpoint(h.server.endpoint).setProject(h.server.projectId))) as unknown as LooseTablesDB;
}

async function asUser(userId: string, duration?: number): Promise<LooseTablesDB> {
  const { jwt } = await users.createJWT({ userId, ...(duration === undefined ? {} : { duration }) });
  return clientWith((c) => c.setJWT(jwt));
}

beforeAll(async () => {
  h = await startHarness();
  users = new Users(h.client);
  key = h.tablesDB as unknown as LooseTablesDB;
  await key.create({ databaseId: 'db', name: 'DB' });
  // Only the superadmin label may read the table; everyone signed in may create.
  await key.createTable({ ...t, name: 'Notes', permissions: [Permission.create(Role.users()), Permission.read(Role.label('superadmin'))], rowSecurity: true });
  await key.createVarcharColumn({ ...t, key: 'text', size: 100, required: true });
  await waitForColumn(key, 'db', 'notes', 'text');
  await key.createRow({ ...t, rowId: 'secret', data: { text: 'admins only' } });
});
afterAll(() => h.close());

describe('users service', () => {
  it('create returns the User model node-appwrite reads; get and list find it', async () => {
    const user = await users.create({ userId: 'u1', email: 'U1@Example.com', name: 'User One' });
    expect(user).toMatchObject({ $id: 'u1', name: 'User One', email: 'u1@example.com', labels: [], status: true, emailVerification: false, phone: '', prefs: {} });
    expect(user.registration).toBe(user.$createdAt);
    expect((await users.get({ userId: 'u1' })).email).toBe('u1@example.com');
    await users.create({ userId: 'u2', name: 'User Two' });
    const list = await users.list({ queries: [Query.limit(1), Query.offset(1)] });
    expect([list.total, list.users.map((u) => u.$id)]).toEqual([2, ['u2']]);
    expect((await users.list({ search: 'One' })).users.map((u) => u.$id)).toEqual(['u1']);
  });

  it('a duplicate id or email -> 409; a missing user -> 404 user_not_found', async () => {
    await users.create({ userId: 'dup', email: 'dup@example.com' });
    const id = await failure(() => users.create({ userId: 'dup' }));
    expect([id.code, id.type]).toEqual([409, 'user_already_exists']);
    const email = await failure(() => users.create({ userId: 'dup2', email: 'dup@example.com' }));
    expect([email.code, email.type]).toEqual([409, 'user_email_already_exists']);
    const missing = await failure(() => users.get({ userId: 'nobody' }));
    expect([missing.code, missing.type]).toEqual([404, 'user_not_found']);
  });

  it('delete removes the user (204), then 404', async () => {
    await users.create({ userId: 'gone' });
    await users.delete({ userId: 'gone' });
    const err = await failure(() => users.delete({ userId: 'gone' }));
    expect([err.code, err.type]).toEqual([404, 'user_not_found']);
  });

  it('labels must be 1..36 alphanumeric characters: super_admin is refused, superadmin accepted', async () => {
    await users.create({ userId: 'lab' });
    for (const labels of [['super_admin'], ['a'.repeat(37)], ['']]) {
      const err = await failure(() => users.updateLabels({ userId: 'lab', labels }));
      expect([err.code, err.type]).toEqual([400, 'general_argument_invalid']);
    }
    const user = await users.updateLabels({ userId: 'lab', labels: ['superadmin', 'Sales2', 'superadmin'] });
    expect(user.labels).toEqual(['superadmin', 'Sales2']);
    const missing = await failure(() => users.updateLabels({ userId: 'nobody', labels: ['x'] }));
    expect([missing.code, missing.type]).toEqual([404, 'user_not_found']);
  });

  it('createJWT: duration 0..3600 (default 900), unknown user 404', async () => {
    await users.create({ userId: 'jwt' });
    const { jwt } = await users.createJWT({ userId: 'jwt' });
    const claims = JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString()) as { userId: string; iat: number; exp: number };
    expect([claims.userId, claims.exp - claims.iat]).toEqual(['jwt', 900]);
    const tooLong = await failure(() => users.createJWT({ userId: 'jwt', duration: 3601 }));
    expect([tooLong.code, tooLong.type]).toEqual([400, 'general_argument_invalid']);
    const missing = await failure(() => users.createJWT({ userId: 'nobody' }));
    expect([missing.code, missing.type]).toEqual([404, 'user_not_found']);
  });

  it('users routes need the key: a guest or a JWT user -> 401 general_unauthorized_scope', async () => {
    await users.create({ userId: 'nokey' });
    const { jwt } = await users.createJWT({ userId: 'nokey' });
    for (const client of [new Client(), new Client().setJWT(jwt)]) {
      const noKey = new Users(client.setEndpoint(h.server.endpoint).setProject(h.server.projectId));
      const err = await failure(() => noKey.list());
      expect([err.code, err.type]).toEqual([401, 'general_unauthorized_scope']);
    }
  });
});

describe('JWT identity', () => {
  it('a JWT acts as its user: created rows carry that user default permissions', async () => {
    await users.create({ userId: 'writer' });
    const writer = await asUser('writer');
    const row = await writer.createRow({ ...t, rowId: 'w1', data: { text: 'mine' } });
    expect(row.$permissions).toEqual(['read("user:writer")', 'update("user:writer")', 'delete("user:writer")']);
    expect((await writer.getRow({ ...t, rowId: 'w1' })).text).toBe('mine');
  });

  it('no credentials = guest (roles any, guests); a user holds any, users, user:ID', async () => {
    const guest = clientWith((c) => c);
    expect((await guest.listRows({ ...t })).total).toBe(0);
    const g = await failure(() => guest.createRow({ ...t, rowId: 'g', data: { text: 'g' } }));
    expect([g.code, g.type]).toEqual([401, 'user_unauthorized']);
    await users.create({ userId: 'roles' });
    const user = await asUser('roles');
    const err = await failure(() => user.createRow({ ...t, rowId: 'r1', data: { text: 'x' }, permissions: [Permission.read(Role.guests())] }));
    expect(err.message).toBe('Permissions must be one of: (any, user:roles, users, user:roles/unverified, users/unverified)');
  });

  it('an invalid, tampered or expired JWT -> 401 user_jwt_invalid', async () => {
    await users.create({ userId: 'exp' });
    const { jwt } = await users.createJWT({ userId: 'exp' });
    const [head, body] = jwt.split('.');
    const forged = `${head}.${Buffer.from(JSON.stringify({ userId: 'admin', sessionId: 'recent', iat: 1, exp: 9999999999 })).toString('base64url')}.${jwt.split('.')[2]}`;
    const expired = (await users.createJWT({ userId: 'exp', duration: 0 })).jwt;
    for (const token of ['not-a-jwt', `${head}.${body}.AAAA`, forged, expired]) {
      const err = await failure(() => clientWith((c) => c.setJWT(token)).listRows({ ...t }));
      expect([err.code, err.type]).toEqual([401, 'user_jwt_invalid']);
    }
    expect((await clientWith((c) => c.setJWT(jwt)).listRows({ ...t })).total).toBe(0);
  });

  it('a JWT whose user was deleted degrades to guest', async () => {
    await users.create({ userId: 'ghost' });
    const ghost = await asUser('ghost');
    await ghost.createRow({ ...t, rowId: 'ghost1', data: { text: 'boo' } });
    await users.delete({ userId: 'ghost' });
    const err = await failure(() => ghost.createRow({ ...t, rowId: 'ghost2', data: { text: 'boo' } }));
    expect([err.code, err.type]).toEqual([401, 'user_unauthorized']);
  });

  it('labels are evaluated per request: the same JWT gains and loses label:superadmin', async () => {
    await users.create({ userId: 'promoted' });
    const promoted = await asUser('promoted');
    expect((await failure(() => promoted.getRow({ ...t, rowId: 'secret' }))).code).toBe(404);
    await users.updateLabels({ userId: 'promoted', labels: ['superadmin'] });
    expect((await promoted.getRow({ ...t, rowId: 'secret' })).text).toBe('admins only');
    await users.updateLabels({ userId: 'promoted', labels: [] });
    const err = await failure(() => promoted.getRow({ ...t, rowId: 'secret' }));
    expect([err.code, err.type]).toEqual([404, 'row_not_found']);
  });

  it('a wrong API key silently continues as a guest', async () => {
    const wrong = clientWith((c) => c.setKey('wrong-key'));
    const list = await wrong.listRows({ ...t });
    expect([list.total, list.rows]).toEqual([0, []]);
    const err = await failure(() => wrong.listTables({ databaseId: 'db' }));
    expect([err.code, err.type]).toEqual([401, 'general_unauthorized_scope']);
  });

  it('JWTs survive a restart of a file-backed server (the secret lives in the data file)', async () => {
    const { mkdtempSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const path = await import('node:path');
    const { startLocalServer } = await import('../../src/local/index.js');
    const dir = mkdtempSync(path.join(tmpdir(), 'crm-auth-'));
    try {
      const first = await startLocalServer({ port: 0, file: path.join(dir, 'data.sqlite') });
      const admin = new Users(new Client().setEndpoint(first.endpoint).setProject(first.projectId).setKey(first.apiKey));
      await admin.create({ userId: 'keeper' });
      const { jwt } = await admin.createJWT({ userId: 'keeper' });
      await first.close();
      const second = await startLocalServer({ port: 0, file: path.join(dir, 'data.sqlite') });
      try {
        const again = new TablesDB(new Client().setEndpoint(second.endpoint).setProject(second.projectId).setJWT(jwt));
        const err = await failure(() => again.listRows({ databaseId: 'none', tableId: 'none' }));
        expect([err.code, err.type]).toEqual([404, 'database_not_found']);
      } finally {
        await second.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
