import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Account, Client, Users } from 'node-appwrite';
import { failure, startHarness, type LocalHarness } from '../helpers/local-server.js';

/** The caller's own account: node-appwrite `Account.get()` (GET /v1/account). */

let h: LocalHarness;
let users: Users;

function account(configure: (client: Client) => Client = (c) => c): Account {
  return new Account(configure(new Client().setEndpoint(h.server.endpoint).setProject(h.server.projectId)));
}

async function asUser(userId: string): Promise<Account> {
  const { jwt } = await users.createJWT({ userId });
  return account((c) => c.setJWT(jwt));
}

beforeAll(async () => {
  h = await startHarness();
  users = new Users(h.client);
  await users.create({ userId: 'ada', email: 'Ada@Example.com', name: 'Ada' });
});
afterAll(() => h.close());

describe('Account.get', () => {
  it('a JWT client reads its own user: id, name, email, labels, status, dates', async () => {
    await users.updateLabels({ userId: 'ada', labels: ['superadmin'] });
    const me = await (await asUser('ada')).get();
    const stored = await users.get({ userId: 'ada' });
    expect(me).toMatchObject({
      $id: 'ada', name: 'Ada', email: 'ada@example.com', labels: ['superadmin'], status: true,
      emailVerification: false, phoneVerification: false, phone: '', prefs: {},
      $createdAt: stored.$createdAt, $updatedAt: stored.$updatedAt, registration: stored.registration,
    });
    // The account model never carries the password hash fields of the Users API.
    expect(me).not.toHaveProperty('password');
    expect(me).not.toHaveProperty('hash');
  });

  it('labels changed after the JWT was issued show on the next call', async () => {
    const client = await asUser('ada');
    await users.updateLabels({ userId: 'ada', labels: ['vip'] });
    expect((await client.get()).labels).toEqual(['vip']);
  });

  it('a guest gets 401 general_unauthorized_scope', async () => {
    expect(await failure(() => account().get())).toEqual({
      code: 401, type: 'general_unauthorized_scope', message: 'User (role: guests) missing scopes (["account"])',
    });
  });

  it('an API key gets 401 general_unauthorized_scope, also with a JWT beside it', async () => {
    const expected = { code: 401, type: 'general_unauthorized_scope', message: `app.${h.server.projectId}@service.127.0.0.1 (role: applications) missing scopes (["account"])` };
    expect(await failure(() => new Account(h.client).get())).toEqual(expected);
    const { jwt } = await users.createJWT({ userId: 'ada' });
    expect(await failure(() => account((c) => c.setKey(h.server.apiKey).setJWT(jwt)).get())).toEqual(expected);
  });

  it('a tampered JWT is 401 user_jwt_invalid; the JWT of a deleted user acts as a guest', async () => {
    const { jwt } = await users.createJWT({ userId: 'ada' });
    expect(await failure(() => account((c) => c.setJWT(`${jwt}x`)).get())).toMatchObject({ code: 401, type: 'user_jwt_invalid' });
    await users.create({ userId: 'gone' });
    const client = await asUser('gone');
    await users.delete({ userId: 'gone' });
    expect(await failure(() => client.get())).toMatchObject({ code: 401, type: 'general_unauthorized_scope', message: 'User (role: guests) missing scopes (["account"])' });
  });
});
