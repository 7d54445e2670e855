import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ForbiddenError, NotFoundError, type CustomerService } from '../../src/runtime/index.js';
import { startRuntimeHarness, thrown, type RuntimeHarness } from './harness.js';

/** Self-service with real JWT users: Appwrite enforces row permissions, the runtime adds admin-only columns. */

let h: RuntimeHarness;
let alice: CustomerService;
let bob: CustomerService;
let admin: CustomerService;
let aliceId: string;
let bobId: string;

beforeAll(async () => {
  h = await startRuntimeHarness();
  alice = (await h.userService('alice', { name: 'Alice Liddell', email: 'Alice@Example.com' })).service;
  bob = (await h.userService('bob')).service;
  admin = (await h.userService('boss', { labels: ['superadmin'] })).service;
  // Created through the key so these tests do not depend on the Account API.
  aliceId = (await h.service.createCustomer({ name: 'Alice Liddell', email: 'alice@example.com' }, 'alice')).$id;
  bobId = (await h.service.createCustomer({ name: 'Bob', email: 'bob@example.com' }, 'bob')).$id;
});
afterAll(() => h.close());

describe('a user and their own record', () => {
  it('reads and updates their own record, audited as themselves', async () => {
    expect((await alice.getCustomer(aliceId)).name).toBe('Alice Liddell');
    expect((await alice.getCustomerByUserId('alice'))?.$id).toBe(aliceId);
    const updated = await alice.updateCustomer(aliceId, { phone: '+60 11 111', notes: { general: 'prefers email' } }, 'alice');
    expect(updated).toMatchObject({ phone: '+60 11 111', updatedBy: 'alice' });
    await alice.recordInteraction(aliceId, { type: 'email', summary: 'asked about pricing' }, 'alice');
  });

  it('cannot change userId, assignedTo, totals or status (admin-owned)', async () => {
    for (const patch of [{ assignedTo: 'alice' }, { totalRevenue: 10 }, { totalInvoices: 1 }, { status: 'archived' as const }]) {
      const error = await thrown(() => alice.updateCustomer(aliceId, patch, 'alice'));
      expect(error).toBeInstanceOf(ForbiddenError);
      expect((error as ForbiddenError).fields).toEqual(Object.keys(patch));
    }
    expect(await thrown(() => alice.updateCustomerStatus(aliceId, 'archived', 'alice'))).toBeInstanceOf(ForbiddenError);
    expect(await thrown(() => alice.updateCustomerRevenue(aliceId))).toBeInstanceOf(ForbiddenError);
    expect((await thrown(() => alice.updateCustomer(aliceId, { userId: 'bob' }, 'alice')) as { rule?: string }).rule).toBe('immutable');
    expect(await thrown(() => alice.updateCustomer(aliceId, { phone: '1' }, 'bob'))).toBeInstanceOf(ForbiddenError);
    const stored = await h.service.getCustomer(aliceId);
    expect(stored).toMatchObject({ userId: 'alice', assignedTo: null, totalRevenue: 0, status: 'active' });
  });
});

describe("user A and user B's record", () => {
  it('cannot read it: NotFoundError (Appwrite hides its existence)', async () => {
    expect(await thrown(() => alice.getCustomer(bobId))).toBeInstanceOf(NotFoundError);
    expect(await alice.getCustomerByUserId('bob')).toBeNull();
    expect(await alice.findCustomerByEmail('bob@example.com')).toBeNull();
  });

  it('cannot update or delete it: ForbiddenError (Appwrite 401), nothing changes', async () => {
    expect(await thrown(() => alice.updateCustomer(bobId, { name: 'Mallory' }, 'alice'))).toBeInstanceOf(ForbiddenError);
    expect(await thrown(() => alice.deleteCustomer(bobId, 'alice'))).toBeInstanceOf(ForbiddenError);
    expect(await thrown(() => alice.recordInteraction(bobId, { type: 'call', summary: 'x' }, 'alice'))).toBeInstanceOf(ForbiddenError);
    expect((await h.service.getCustomer(bobId)).name).toBe('Bob');
  });

  it('cannot create a record for another user', async () => {
    expect(await thrown(() => bob.createCustomer({ name: 'Not me' }, 'carol'))).toBeInstanceOf(ForbiddenError);
  });
});

describe('a superadmin (label) user', () => {
  it('reads, updates admin-owned fields of, and deletes any record', async () => {
    expect((await admin.getCustomer(bobId)).name).toBe('Bob');
    await admin.updateCustomerStatus(bobId, 'prospect', 'boss', 'qualified');
    await admin.updateCustomer(bobId, { assignedTo: 'boss' }, 'boss');
    expect(await h.service.getCustomer(bobId)).toMatchObject({ status: 'prospect', assignedTo: 'boss', updatedBy: 'boss' });
    expect((await admin.admin.listCustomers({ assignedTo: 'boss' })).rows.map((row) => row.$id)).toEqual([bobId]);
    await admin.deleteCustomer(bobId, 'boss');
    expect(await thrown(() => h.service.getCustomer(bobId))).toBeInstanceOf(NotFoundError);
  });

  it('still needs a key for bulk changes and erasure (Appwrite refuses bulk routes to users)', async () => {
    expect(await thrown(() => admin.admin.bulkAssign({ status: 'active' }, 'boss', 'boss'))).toBeInstanceOf(ForbiddenError);
  });
});

describe('createCustomer through a JWT (Account API)', () => {
  it('takes name and email from the signed-in account when omitted', async () => {
    const { service: dave } = await h.userService('dave', { name: 'Dave Bowman', email: 'Dave@Discovery.one' });
    const created = await dave.createCustomer({}, 'dave');
    expect(created).toMatchObject({ userId: 'dave', name: 'Dave Bowman', email: 'dave@discovery.one', createdBy: 'dave' });
    expect((await dave.getCustomer(created.$id)).$permissions.sort()).toEqual(['delete("user:dave")', 'read("user:dave")', 'update("user:dave")']);
  });
});
